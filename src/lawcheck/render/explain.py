"""Words shared by the human views (terminal, batch page, batch summary), in the
interface language: status names, the legend, the gate reasons explained, where a piece
of evidence is, and the hint to show for a weak or missing item."""
from __future__ import annotations

import re

from ..i18n import N_, _
from ..model import Evidence, ItemResult, Report

STATUS_MARK = {"pass": "✓", "weak": "~", "missing": "✗", "na": "–"}
STATUS_NAME = {"pass": N_("pass"), "weak": N_("weak"), "missing": N_("missing"),
               "na": N_("not applicable")}
GROUP_NAME = {"structure": N_("statutory structure"), "enforcement": N_("three enforcement systems"),
              "review": N_("legality review"), "disputes": N_("disputes"),
              "governance": N_("other areas of the outline"), "quality": N_("report quality"),
              "meta": N_("document form")}
LEVEL_NAME = {"province": N_("province"), "city": N_("city"), "county": N_("county"),
              "town": N_("town or subdistrict"), "department": N_("department")}


def status_name(status: str) -> str:
    return _(STATUS_NAME.get(status, status))


def group_name(group: str) -> str:
    return _(GROUP_NAME[group]) if group in GROUP_NAME else group


def level_name(level: str | None) -> str:
    return _(LEVEL_NAME[level]) if level in LEVEL_NAME else _("level unknown")


def legend() -> str:
    """One line (under 60 columns) explaining every mark the views use."""
    return _("key: ✓ pass  ~ weak  ✗ missing  – n/a  ! statutory  w weight")


def state(it: ItemResult) -> str:
    """pass, weak, missing, or na (the level's profile does not score the item)."""
    return it.status if it.applicable else "na"


def hint(it: ItemResult) -> str:
    """What to add for a weak or missing item: its hint, else what a pass needs."""
    if not it.applicable or it.status == "pass":
        return ""
    return (getattr(it, "hint", "") or it.need or "").strip()


def open_items(r: Report) -> list[dict]:
    """The applicable weak and missing items of a report, missing first, in rule order:
    [{id, title, status, hint}] (hint: the item's hint, else what a pass needs)."""
    out = []
    for status in ("missing", "weak"):
        out += [{"id": it.id, "title": it.title, "status": status, "hint": hint(it)}
                for it in r.items if it.applicable and it.status == status]
    return out


def where(ev: Evidence) -> str:
    """Where a piece of evidence is: the reader's location (p.3 ¶2) or its line."""
    return ev.location or _("line {n}").format(n=ev.line)


_MISSING = re.compile(r"^(\S+) is (missing|weak)$")
_UNDER = re.compile(r"^score (\S+) is under (\S+)$")


def gate_reason(reason: str, report: Report | None = None) -> str:
    """A gate reason ("structure.plans is missing", "score 61 is under 70") explained: in
    Chinese with the item's title, in English as the gate says it."""
    m = _MISSING.match(reason)
    if m:
        item_id, status = m.groups()
        title, severity = item_id, ""
        if report is not None:
            try:
                it = report.item(item_id)
                title, severity = it.title, it.severity
            except KeyError:
                pass
        # English keeps the gate's own words (scripts grep them); Chinese names the item.
        if status == "missing" and severity == "error":
            return _("{id} is missing").format(title=title, id=item_id)
        if status == "missing":
            return _("{id} is missing (--fail-on missing)").format(title=title, id=item_id)
        return _("{id} is weak (--fail-on weak)").format(title=title, id=item_id)
    m = _UNDER.match(reason)
    if m:
        return _("score {score} is under {floor}").format(score=m.group(1), floor=m.group(2))
    return reason


def _failure(f, report: Report | None) -> str:
    """One GateFailure (item and status, or score and floor) explained."""
    if f.item is None:
        return _("score {score} is under {floor}").format(score=f"{f.score:g}", floor=f"{f.floor:g}")
    return gate_reason(f"{f.item} is {f.status}", report)


def gate_reasons(report: Report) -> list[str]:
    """The reasons the report fails its gate, explained (from the gate's data when it has
    them, else from its reason strings)."""
    failures = getattr(report.gate, "failures", None)
    if failures:
        return [_failure(f, report) for f in failures]
    return [gate_reason(x, report) for x in report.gate.reasons]


def gate_line(report: Report) -> str:
    if report.gate.passed:
        return _("gate passed")
    return _("gate failed: {reasons}").format(reasons=_("; ").join(gate_reasons(report)))
