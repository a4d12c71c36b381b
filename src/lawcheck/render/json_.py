"""JSON output exactly as ../shared/spec/contract.md describes: one object for one
file, an array for several. Deterministic: keys in a fixed order, no timestamps.

The text is `json.dumps(payload, ensure_ascii=False, indent=2)`, written by `indented`:
with an indent, the standard library encodes in Python generators (its C encoder only
writes compact JSON), and a report's ~700 values cost ~0.7 ms that way; `indented` walks
the same values once into a list of pieces, with the C string encoder, in half the time.
"""
from __future__ import annotations

import json
from json.encoder import encode_basestring   # json's own (C) string encoder, non-ASCII kept

from ..model import Failure, Report


def render(reports: list[Report | Failure], single: bool = True, **_: object) -> str:
    objs = [r.to_dict() for r in reports]
    payload = objs[0] if single and len(objs) == 1 else objs
    return indented(payload) + "\n"


def indented(value: object) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`."""
    out: list[str] = []
    try:
        _pieces(value, out, "\n")
    except TypeError:             # a key or value json must convert or refuse: its way
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)


_INF = float("inf")


def _float(x: float) -> str:
    """json's float: its repr, and NaN and the infinities as JavaScript spells them."""
    if x != x:
        return "NaN"
    if x == _INF:
        return "Infinity"
    if x == -_INF:
        return "-Infinity"
    return float.__repr__(x)


def _pieces(value: object, out: list[str], newline: str) -> None:
    """`value` as json.dumps(indent=2) writes it, appended to `out`; `newline` is a line
    break and the indent of the current level. TypeError for what json converts or
    refuses (keys other than strings, values of other types)."""
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(key)
            out += (sep, encode_basestring(key), ": ")
            _pieces(item, out, inner)
            sep = "," + inner
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for item in value:
            out.append(sep)
            _pieces(item, out, inner)
            sep = "," + inner
        out.append(newline + "]")
    else:
        raise TypeError(type(value).__name__)
