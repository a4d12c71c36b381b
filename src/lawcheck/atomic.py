"""File output that never clobbers: a regular file is written to a temporary file in the
same folder and renamed into place, so a reader (or a crash) never sees half an output
file; anything else (a device such as /dev/null, a FIFO, /proc/self/fd/1) is written to
directly, because renaming a regular file onto it would replace the device node. A
symlink is followed: its target is written (atomically when it is a regular file) and
the link stays a link."""
from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import IO


def target_of(path: str | os.PathLike) -> tuple[Path, bool]:
    """(where to write, whether to write there directly instead of atomically)."""
    path = Path(path)
    try:
        st = os.stat(path)                       # follows symlinks
    except FileNotFoundError:
        # A dangling symlink is written through to its target; otherwise a new file.
        return (Path(os.path.realpath(path)) if path.is_symlink() else path), False
    if not stat.S_ISREG(st.st_mode):
        return path, True
    return (Path(os.path.realpath(path)) if path.is_symlink() else path), False


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Do `a` and `b` name the same existing file (through links, relative paths)?"""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def write_atomic(path: str | os.PathLike, text: str | bytes) -> None:
    path, direct = target_of(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    if direct:
        with open(path, "wb") as fh:
            fh.write(data)
        return
    tmp = None
    try:
        with _signals_held():
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                       dir=path.parent or ".")
        _chmod_default(tmp)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


class AtomicWriter:
    """A file written bit by bit (batch output as results arrive) and renamed into place
    only when complete: `with AtomicWriter(path) as fh: fh.write(...)`; a text file, or a
    binary one with `encoding=None`. On an exception the temporary file is removed and
    `path` is left as it was."""

    def __init__(self, path: str | os.PathLike, encoding: str | None = "utf-8",
                 newline: str = "") -> None:
        self.path = Path(path)
        self.encoding, self.newline = encoding, newline
        self._tmp: str | None = None
        self._fh: IO | None = None

    def _open(self, file: str | Path | int) -> IO:
        if self.encoding is None:
            return open(file, "wb")
        return open(file, "w", encoding=self.encoding, newline=self.newline)

    def __enter__(self):
        self.path, direct = target_of(self.path)
        if direct:
            self._fh = self._open(self.path)
            return self._fh
        fd = -1
        try:
            with _signals_held():
                fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                                 dir=self.path.parent or ".")
                _chmod_default(self._tmp)
                self._fh = self._open(fd)
        except BaseException:
            # `with` never calls __exit__ when __enter__ raises: clean up here.
            _unlink(self._tmp)
            if self._fh is None and fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
            raise
        return self._fh

    def __exit__(self, exc_type, exc, tb) -> None:
        fh, tmp = self._fh, self._tmp
        assert fh is not None                    # __enter__ opened it (or raised)
        if tmp is None:                          # written directly (a device or FIFO)
            fh.close()
            return
        try:
            if exc_type is None:
                fh.flush()
                os.fsync(fh.fileno())
            fh.close()
            if exc_type is None:
                os.replace(tmp, self.path)
                return
        except BaseException:
            _unlink(tmp)
            raise
        _unlink(tmp)


# Ctrl-C and SIGTERM are turned into KeyboardInterrupt by `interrupt`, which the CLI
# installs. Python runs a signal handler between any two bytecodes, so an interruption
# could land between creating a temporary file and recording its name; while a section
# is held the interruption waits and is raised when the section ends.
_held = 0
_pending = False


def interrupt(signum: int, frame: object) -> None:
    """Signal handler for SIGINT and SIGTERM: KeyboardInterrupt, unless held."""
    global _pending
    if _held:
        _pending = True
        return
    raise KeyboardInterrupt


@contextlib.contextmanager
def _signals_held():
    """Hold interruptions (see `interrupt`) for the length of the block."""
    global _held, _pending
    _held += 1
    try:
        yield
    finally:
        _held -= 1
        if not _held and _pending:
            _pending = False
            raise KeyboardInterrupt


def _unlink(path: str | None) -> None:
    if path:
        try:
            os.unlink(path)
        except OSError:
            pass


def _chmod_default(path: str) -> None:
    """mkstemp makes 0600 files; give the output the usual umask-based mode instead."""
    mask = os.umask(0)
    os.umask(mask)
    try:
        os.chmod(path, 0o666 & ~mask)
    except OSError:
        pass
