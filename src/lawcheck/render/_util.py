"""Small helpers shared by the output formats (paths, lines, gate flags)."""
from __future__ import annotations

import os
from .. import rx as re
from dataclasses import dataclass

from ..model import Failure, ItemResult, Report

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def rel_path(path: str) -> str:
    """The report's path relative to the current folder when it lies inside it, with
    forward slashes (what SARIF, GitHub annotations and editors expect)."""
    p = path
    if os.path.isabs(p):
        try:
            rel = os.path.relpath(p)
        except ValueError:          # another drive on Windows
            rel = p
        if not rel.startswith(".."):
            p = rel
    p = p.replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return p


def first_line(item: ItemResult) -> int:
    """1-based line of the item's first evidence, or 1 when there is none."""
    for ev in item.evidence:
        if ev.line and ev.line > 0:
            return ev.line
    return 1


def first_column(item: ItemResult) -> int | None:
    """1-based column of the evidence `first_line` points at, when it was located."""
    for ev in item.evidence:
        if ev.line and ev.line > 0:
            return ev.column
    return None


def reason_text(item: ItemResult, sep: str = "; ") -> str:
    """The item's reasons as one line (its title and status when it has none)."""
    text = sep.join(r.strip() for r in item.reasons if r and r.strip())
    return one_line(text) if text else f"{item.title}: {item.status}"


def hint_text(item: ItemResult, label: str = "建议:") -> str:
    """The drafter's hint of a weak or missing item, labelled ("" for a pass or none)."""
    if item.status == "pass" or not item.hint:
        return ""
    return label + one_line(item.hint)


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters from odd documents)."""
    return _CONTROL.sub("", str(text))


def fails_gate(report: Report, item: ItemResult, fail_on: str | None = None) -> bool:
    """True when this item's status is one of the reasons the report fails its gate."""
    if not item.applicable:
        return False
    if item.status == "missing" and item.severity == "error":
        return True
    if fail_on == "weak" and item.status in ("weak", "missing"):
        return True
    if fail_on == "missing" and item.status == "missing":
        return True
    return any(f.item == item.id and f.status == item.status for f in report.gate.failures)


def fail_on_weak(report: Report, fail_on: str | None = None) -> bool:
    """Whether weak items fail the gate: given explicitly, or the policy the gate used."""
    if fail_on is not None:
        return fail_on == "weak"
    return report.gate.fail_on == "weak"


def counts(report: Report) -> dict[str, int]:
    out = {"pass": 0, "weak": 0, "missing": 0}
    for it in report.items:
        if it.applicable:
            out[it.status] = out.get(it.status, 0) + 1
    return out


@dataclass
class ItemMeta:
    id: str
    title: str
    group: str
    severity: str = "warning"


def items_of(reports: list[Report | Failure]) -> list[ItemMeta]:
    """The items of a set of reports, in first-seen (rule-file) order, each once."""
    out: list[ItemMeta] = []
    seen: set[str] = set()
    for r in reports:
        if isinstance(r, Report):
            for it in r.items:
                if it.id not in seen:
                    seen.add(it.id)
                    out.append(ItemMeta(it.id, it.title, it.group, it.severity))
    return out
