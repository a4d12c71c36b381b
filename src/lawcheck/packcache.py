"""A compiled copy of a bundled rule pack in the user's cache folder, so a cold run
skips importing yaml, parsing and checking the YAML, and building the pack, its
Aho-Corasick automaton and the alignment check's segmenter (with jieba's HMM tables).

Safe by construction:
- only packs made entirely of bundled rule files are cached (a user's own pack is
  parsed and validated on every run, as before);
- the entry is keyed by lawcheck's version, the Python version, the content of all of
  lawcheck's modules (a changed checkout is another version) and the pack's path, and
  holds the SHA-256 of every rule file and word list it was built from (size and time of
  jieba's HMM tables): a changed file, another
  version, or anything unreadable means the entry is ignored and rebuilt;
- it is written atomically (a temporary file in the same folder, then renamed), in a
  folder only the user can write to, and read only when the user owns it and nobody
  else can write to it; it holds only lawcheck's own pack objects (pickle);
- LAWCHECK_NO_CACHE=1 turns it off; LAWCHECK_CACHE_DIR or XDG_CACHE_HOME move it.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

MAGIC = "lawcheck-pack-cache/1"


def cache_dir() -> Path | None:
    if os.environ.get("LAWCHECK_NO_CACHE"):
        return None
    d = os.environ.get("LAWCHECK_CACHE_DIR")
    if d:
        return Path(d)
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.path.join(os.path.expanduser("~"), "Library", "Caches") if sys.platform == "darwin"
        else os.environ.get("LOCALAPPDATA") if os.name == "nt"
        else os.path.join(os.path.expanduser("~"), ".cache"))
    if not base or base.startswith("~"):
        return None
    return Path(base) / "lawcheck"


def _code_digest() -> str:
    """SHA-256 over lawcheck's own modules and data files (character tables, word
    lists): a checkout whose code changed (without a new version number) must not read a
    pack built by the old code (~2 ms: the folder walked with os.walk, not pathlib)."""
    h = hashlib.sha256()
    here = os.path.dirname(os.path.realpath(__file__))
    for rel in _code_files(here):
        try:
            with open(os.path.join(here, rel), "rb") as fh:
                h.update(rel.encode("utf-8", "surrogateescape") + b"\0" + fh.read() + b"\0")
        except OSError:
            h.update(b"?")
    return h.hexdigest()


def _code_files(here: str) -> list[str]:
    """Every *.py under `here` and every file under its data/ folder, relative, sorted."""
    out = []
    for folder, dirs, files in os.walk(here):
        dirs.sort()
        rel = os.path.relpath(folder, here)
        in_data = rel == "data" or rel.startswith("data" + os.sep)
        for name in files:
            if name.endswith(".py") or in_data:
                out.append(name if rel == "." else os.path.join(rel, name))
    return sorted(out)


def _key(path: str) -> str:
    from . import __version__
    raw = f"{MAGIC}\0{__version__}\0{sys.version}\0{_code_digest()}\0{path}"
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _digest(file: str) -> str | None:
    try:
        with open(file, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None


def _trusted(st: os.stat_result) -> bool:
    if not stat.S_ISREG(st.st_mode):
        return False
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    return not (st.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def _stamp(file: str) -> str | None:
    """Size and modification time: for big files that only an upgrade changes (jieba's
    HMM tables), cheaper than hashing them on every run."""
    try:
        st = os.stat(file)
        return f"stat:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        return None


def _check(file: str, sig: str) -> bool:
    return (_stamp(file) if sig.startswith("stat:") else _digest(file)) == sig


def get(path: str):
    """(Pack, extras) cached for `path`, or None (no cache, stale, foreign, corrupt)."""
    d = cache_dir()
    if d is None:
        return None
    f = d / f"{_key(path)}.pickle"
    try:
        with open(f, "rb") as fh:
            if not _trusted(os.fstat(fh.fileno())):
                return None
            data = fh.read()
        from . import __version__
        magic, version, pyver, sources, blob = pickle.loads(data)
        if magic != MAGIC or version != __version__ or pyver != sys.version:
            return None
        if not sources or not all(_check(src, sig) for src, sig in sources):
            return None
        pack, extras = pickle.loads(blob)
        from .rules import Pack
        return (pack, extras) if isinstance(pack, Pack) and isinstance(extras, dict) else None
    except Exception:                # missing, truncated, from another lawcheck: rebuild
        return None


def put(path: str, pack, sources: list[str], stamped: Sequence[str] = (), extras: dict | None = None) -> None:
    """Store `pack` built from `sources` (bundled files, checked by SHA-256) and
    `stamped` (big library files, checked by size and time), with `extras` (e.g. the
    segmenter's HMM tables); never fails the run."""
    d = cache_dir()
    if d is None:
        return
    try:
        from . import __version__
        sigs = [(s, _digest(s)) for s in sources] + [(s, _stamp(s)) for s in stamped]
        if not sources or any(sig is None for _, sig in sigs):
            return
        import copyreg
        import io
        from . import rx
        buf = io.BytesIO()
        pk = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
        # patterns load through rx's compiled-code cache, not a fresh re.compile
        pk.dispatch_table = {**copyreg.dispatch_table, rx.Pattern: rx.reduce_pattern}
        pk.dump((pack, extras or {}))
        blob = buf.getvalue()
        data = pickle.dumps((MAGIC, __version__, sys.version, sigs, blob),
                            protocol=pickle.HIGHEST_PROTOCOL)
        write_private(d / f"{_key(path)}.pickle", data, prefix=".pack-")
    except Exception:                # read-only home, full disk: just no cache
        return


def write_private(file: Path, data: bytes, prefix: str) -> None:
    """Write a cache file atomically, readable by its owner only (mkstemp's 0600, in a
    0700 folder): a temporary file beside it, renamed into place, removed on failure."""
    import tempfile
    file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, file)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
