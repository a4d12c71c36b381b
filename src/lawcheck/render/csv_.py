"""CSV for spreadsheets. Several reports: one row per report,

    file, score, grade, gate, level, year, issuer, error, <item id>...,
    missing_items, weak_items, hints

`gate` is pass or fail; each item column holds the item's status (pass, weak, missing,
or n/a when the level's profile does not score it). `missing_items` and `weak_items` list
the ids of the applicable missing and weak items (space-separated), `hints` says for each
of them what to add ("id: hint", joined by " | "; the hint falls back to what a pass
needs). A file that could not be read has only its `file` and `error`. `lawcheck batch
--out x.csv` writes the same rows while it runs (with a UTF-8 BOM so Excel shows the
Chinese correctly).

One report (`lawcheck report.txt --format csv`): one row per item, the drafter's list,

    file, id, title, group, status, applicable, weight, severity, reason, hint, line

with the reasons joined by "; ", the hint (weak and missing items only) and the line of
the first evidence ("" when there is none).
"""
from __future__ import annotations

import csv
import io
from .. import rx as re

from ..model import Failure, Report
from ._util import items_of, one_line, rel_path

FIXED = ("file", "score", "grade", "gate", "level", "year", "issuer", "error")
TAIL = ("missing_items", "weak_items", "hints")
ITEM_COLUMNS = ("file", "id", "title", "group", "status", "applicable", "weight", "severity",
                "reason", "hint", "line")


def header(item_ids: list[str]) -> list[str]:
    return list(FIXED) + list(item_ids) + list(TAIL)


def row(r: Report | Failure, item_ids: list[str]) -> list[str]:
    if isinstance(r, Failure):
        return ([rel_path(r.file), "", "", "", "", "", "", one_line(r.error)]
                + [""] * (len(item_ids) + len(TAIL)))
    from .explain import open_items
    status = {it.id: (it.status if it.applicable else "n/a") for it in r.items}
    opened = open_items(r)
    tail = [" ".join(x["id"] for x in opened if x["status"] == "missing"),
            " ".join(x["id"] for x in opened if x["status"] == "weak"),
            " | ".join(f"{x['id']}: {one_line(x['hint'])}" for x in opened if x["hint"])]
    return ([rel_path(r.file), f"{r.score:g}", r.grade, "pass" if r.gate.passed else "fail",
             r.level or "", "" if r.year is None else str(r.year), r.issuer or "", ""]
            + [status.get(i, "") for i in item_ids] + tail)


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


def item_rows(r: Report) -> list[list[str]]:
    """One report's items, one row each (see ITEM_COLUMNS)."""
    path = rel_path(r.file)
    return [[path, it.id, it.title, it.group, it.status, "true" if it.applicable else "false",
             f"{it.weight:g}", it.severity, one_line("; ".join(it.reasons)),
             one_line(it.hint) if it.status != "pass" else "",
             str(it.evidence[0].line) if it.evidence else ""] for it in r.items]


def render(reports: list[Report | Failure], single: bool = True, item_ids: list[str] | None = None,
           **_: object) -> str:
    if single and len(reports) == 1 and isinstance(reports[0], Report) and item_ids is None:
        return format_rows([list(ITEM_COLUMNS)] + item_rows(reports[0]))
    ids = item_ids if item_ids is not None else item_ids_of(reports)
    return format_rows([header(ids)] + [row(r, ids) for r in reports])
