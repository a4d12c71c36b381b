"""CSV, one row per report, for spreadsheets:

    file, score, grade, gate, level, year, issuer, error, <item id>... 

`gate` is pass or fail; each item column holds the item's status (pass, weak, missing,
or n/a when the level's profile does not score it). A file that could not be read has
only its `file` and `error`. `lawcheck batch --out x.csv` writes the same rows while it
runs (with a UTF-8 BOM so Excel shows the Chinese correctly).
"""
from __future__ import annotations

import csv
import io
import re

from ..model import Failure, Report
from ._util import items_of, one_line, rel_path

FIXED = ("file", "score", "grade", "gate", "level", "year", "issuer", "error")


def header(item_ids: list[str]) -> list[str]:
    return list(FIXED) + list(item_ids)


def row(r: Report | Failure, item_ids: list[str]) -> list[str]:
    if isinstance(r, Failure):
        return [rel_path(r.file), "", "", "", "", "", "", one_line(r.error)] + [""] * len(item_ids)
    status = {it.id: (it.status if it.applicable else "n/a") for it in r.items}
    return ([rel_path(r.file), f"{r.score:g}", r.grade, "pass" if r.gate.passed else "fail",
             r.level or "", "" if r.year is None else str(r.year), r.issuer or "", ""]
            + [status.get(i, "") for i in item_ids])


# OWASP's CSV-injection advice: a cell that starts with one of these is a formula to
# Excel/WPS/LibreOffice; prefix it with an apostrophe so it is shown as text. File names,
# issuers and error texts come from outside and may start with any of them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def cell(value: str) -> str:
    """`value` made safe for a spreadsheet (numbers such as -1.5 stay numbers)."""
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def format_rows(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerows([cell(str(v)) for v in r] for r in rows)
    return buf.getvalue()


def item_ids_of(reports: list[Report | Failure]) -> list[str]:
    return [m.id for m in items_of(reports)]


def render(reports: list[Report | Failure], single: bool = True, item_ids: list[str] | None = None,
           **_: object) -> str:
    ids = item_ids if item_ids is not None else item_ids_of(reports)
    return format_rows([header(ids)] + [row(r, ids) for r in reports])
