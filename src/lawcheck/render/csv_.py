"""CSV, one row per report, for spreadsheets:

    file, score, grade, gate, level, year, issuer, error, <item id>...,
    missing_items, weak_items, hints

`gate` is pass or fail; each item column holds the item's status (pass, weak, missing,
or n/a when the level's profile does not score it). `missing_items` and `weak_items` list
the ids of the applicable missing and weak items (space-separated), `hints` says for each
of them what to add ("id: hint", joined by " | "; the hint falls back to what a pass
needs). A file that could not be read has only its `file` and `error`. `lawcheck batch --out x.csv` writes the same rows while it
runs (with a UTF-8 BOM so Excel shows the Chinese correctly).
"""
from __future__ import annotations

import csv
import io

from ..model import Failure, Report
from ._util import items_of, one_line, rel_path

FIXED = ("file", "score", "grade", "gate", "level", "year", "issuer", "error")
TAIL = ("missing_items", "weak_items", "hints")


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


def format_rows(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerows(rows)
    return buf.getvalue()


def item_ids_of(reports: list[Report | Failure]) -> list[str]:
    return [m.id for m in items_of(reports)]


def render(reports: list[Report | Failure], single: bool = True, item_ids: list[str] | None = None,
           **_: object) -> str:
    ids = item_ids if item_ids is not None else item_ids_of(reports)
    return format_rows([header(ids)] + [row(r, ids) for r in reports])
