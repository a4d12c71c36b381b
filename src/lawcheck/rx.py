"""`re` with a compiled-pattern cache across runs: `from . import rx as re`.

Compiling lawcheck's ~150 regular expressions (heading markers, figures, the rule
pack's patterns; many with CJK character classes, slow to optimise) is most of a cold
run's own work. Python cannot pickle a compiled pattern, but what `re` compiles a
pattern to is a list of integers that `_sre.compile` turns into a Pattern at once; this
module keeps those lists in the user's cache folder (next to the pack cache, keyed by
the Python version and the `_sre` engine's magic number) and builds patterns from them,
falling back to `re.compile` for anything it does not know or cannot use.

Everything else is `re`'s own: `rx.search`, `rx.sub`, `rx.Pattern`... are re's.
"""
from __future__ import annotations

import atexit
import os
import pickle
import re as _re
import sys
from typing import Any
from re import *  # noqa: F401,F403 (this module stands in for re)
from re import Match, Pattern  # noqa: F401

try:
    import _sre  # type: ignore[import-not-found]  # CPython's private engine: no stubs
    from re import _compiler, _parser  # type: ignore[attr-defined]  # private, not in typeshed
except ImportError:                  # another Python: plain re.compile
    _sre = None

_MAX = 4000                          # entries kept (lawcheck's own plus a few user packs)
_CODES: dict[tuple[str, int], tuple] = {}
_STATE: dict[str, Any] = {"loaded": False, "dirty": False, "file": None}


def __getattr__(name: str):          # anything else re has (re.NOFLAG, re.error, ...)
    return getattr(_re, name)


def _file():
    from .packcache import cache_dir
    d = cache_dir()
    if d is None or _sre is None:
        return None
    import hashlib
    tag = f"{sys.version}\0{getattr(_sre, 'MAGIC', '?')}\0{getattr(_sre, 'CODESIZE', '?')}"
    return d / f"regex-{hashlib.sha256(tag.encode()).hexdigest()[:24]}.pickle"


def _load() -> None:
    _STATE["loaded"] = True
    f = _STATE["file"] = _file()
    if f is None:
        return
    try:
        from .packcache import _trusted
        with open(f, "rb") as fh:
            if not _trusted(os.fstat(fh.fileno())):
                return
            data = pickle.loads(fh.read())
        if isinstance(data, dict):
            _CODES.update(data)
    except Exception:                # missing or damaged: compiled afresh, then rewritten
        _CODES.clear()


def _save() -> None:
    f = _STATE["file"]
    if f is None or not _STATE["dirty"]:
        return
    try:
        from .packcache import write_private
        write_private(f, pickle.dumps(_CODES, protocol=pickle.HIGHEST_PROTOCOL), prefix=".regex-")
    except Exception:
        pass


def _build(pattern: str, flags: int) -> tuple:
    """What re._compiler.compile hands to _sre.compile (Python 3.11+)."""
    p = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(p, flags)]    # plain ints (opcodes are int subclasses)
    groupindex = p.state.groupdict
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return (int(flags | p.state.flags), code, p.state.groups - 1, dict(groupindex), tuple(indexgroup))


def compile(pattern, flags=0):  # type: ignore[no-redef]  # noqa: A001 (stands in for re.compile)
    if _sre is None or not isinstance(pattern, str) or not isinstance(flags, int) \
            or flags & (_re.DEBUG | _re.TEMPLATE if hasattr(_re, "TEMPLATE") else _re.DEBUG):
        return _re.compile(pattern, flags)
    flags = int(flags)
    if not _STATE["loaded"]:
        _load()
    key = (pattern, flags)
    args = _CODES.get(key)
    if args is not None:
        try:
            return _sre.compile(pattern, *args)
        except Exception:
            _CODES.pop(key, None)
    try:
        args = _build(pattern, flags)
        compiled = _sre.compile(pattern, *args)
    except Exception:
        return _re.compile(pattern, flags)          # re's own error messages
    if len(_CODES) < _MAX:
        _CODES[key] = args
        if not _STATE["dirty"]:
            _STATE["dirty"] = True
            atexit.register(_save)
    return compiled


def reduce_pattern(p: Pattern):
    """Pickle a pattern so that loading it goes through this cache (see packcache)."""
    return compile, (p.pattern, p.flags)


# re's module functions, through the same cache (re.search(r"…", text) in a function
# would otherwise parse its pattern afresh in every process)
_LOCAL: dict[tuple, Pattern] = {}


def _get(pattern, flags):
    if isinstance(pattern, Pattern):
        return pattern if not flags else _re.compile(pattern, flags)
    key = (type(pattern), pattern, flags)
    p = _LOCAL.get(key)
    if p is None:
        if len(_LOCAL) > 512:
            _LOCAL.clear()
        p = _LOCAL[key] = compile(pattern, flags)
    return p


def match(pattern, string, flags=0):  # type: ignore[no-redef]  # stands in for re.match
    return _get(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):  # type: ignore[no-redef]  # stands in for re.fullmatch
    return _get(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):  # type: ignore[no-redef]  # stands in for re.search
    return _get(pattern, flags).search(string)


def sub(pattern, repl, string, count=0, flags=0):  # type: ignore[no-redef]  # stands in for re.sub
    return _get(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):  # type: ignore[no-redef]  # stands in for re.subn
    return _get(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):  # type: ignore[no-redef]  # stands in for re.split
    return _get(pattern, flags).split(string, maxsplit)


def findall(pattern, string, flags=0):  # type: ignore[no-redef]  # stands in for re.findall
    return _get(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):  # type: ignore[no-redef]  # stands in for re.finditer
    return _get(pattern, flags).finditer(string)
