"""`lawcheck diff OLD NEW`: what changed between two versions of a report.

Score and grade delta, gate before and after, and every item whose status changed:
improved (missing -> weak -> pass) or regressed (the other way), with the new reasons
and the evidence lines on each side; the rest are counted as unchanged. Items present
in only one version (a different rule pack) are listed as added or removed.

Exit status (`Diff.exit_code`): 0 when NEW meets its gate and nothing regressed; 1 when
NEW fails its gate or any item regressed; the CLI exits 2 when either file cannot be
read. A report can thus not get worse in a pull request without failing the check.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass, field

from .model import Evidence, ItemResult, Report
from .render._util import one_line, rel_path

RANK = {"missing": 0, "weak": 1, "pass": 2}
ARROW = {"improved": "↑", "regressed": "↓"}


@dataclass
class Change:
    id: str
    title: str
    group: str
    severity: str
    old: str
    new: str
    direction: str                    # improved | regressed
    reasons: list[str]                # the new version's reasons
    old_reasons: list[str]
    old_evidence: list[Evidence]
    new_evidence: list[Evidence]

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "group": self.group, "severity": self.severity,
                "old": self.old, "new": self.new, "direction": self.direction,
                "reasons": list(self.reasons), "old_reasons": list(self.old_reasons),
                "old_evidence": [e.to_dict() for e in self.old_evidence],
                "new_evidence": [e.to_dict() for e in self.new_evidence]}


@dataclass
class Diff:
    old: Report
    new: Report
    improved: list[Change] = field(default_factory=list)
    regressed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def delta(self) -> float:
        return round(self.new.score - self.old.score, 1)

    @property
    def exit_code(self) -> int:
        return 1 if (self.regressed or not self.new.gate.passed) else 0

    def to_dict(self) -> dict:
        def side(r: Report) -> dict:
            return {"file": rel_path(r.file), "score": r.score, "grade": r.grade,
                    "gate": {"passed": r.gate.passed, "reasons": list(r.gate.reasons)}}
        return {"old": side(self.old), "new": side(self.new), "delta": self.delta,
                "regressed": [c.to_dict() for c in self.regressed],
                "improved": [c.to_dict() for c in self.improved],
                "unchanged": self.unchanged, "added": list(self.added),
                "removed": list(self.removed), "exit_code": self.exit_code}


def _status(it: ItemResult) -> str:
    # an item the level's profile does not score cannot regress or improve the report
    return it.status if it.applicable else "n/a"


def diff_reports(old: Report, new: Report) -> Diff:
    d = Diff(old=old, new=new)
    before = {it.id: it for it in old.items}
    after_ids = {it.id for it in new.items}
    for b in new.items:
        a = before.get(b.id)
        if a is None:
            d.added.append(b.id)
            continue
        sa, sb = _status(a), _status(b)
        if sa == sb or "n/a" in (sa, sb):
            d.unchanged += 1
            continue
        direction = "improved" if RANK[sb] > RANK[sa] else "regressed"
        ch = Change(id=b.id, title=b.title, group=b.group, severity=b.severity, old=sa, new=sb,
                    direction=direction, reasons=list(b.reasons), old_reasons=list(a.reasons),
                    old_evidence=list(a.evidence[:3]), new_evidence=list(b.evidence[:3]))
        (d.improved if direction == "improved" else d.regressed).append(ch)
    d.removed = [it.id for it in old.items if it.id not in after_ids]
    return d


def _lines(evs: list[Evidence]) -> str:
    seen: list[str] = []
    for e in evs:
        where = e.location or f"L{e.line}"
        if where not in seen:
            seen.append(where)
    return ", ".join(seen) or "–"


def _ev_text(evs: list[Evidence]) -> str:
    if not evs:
        return ""
    from .render.explain import where
    e = evs[0]
    text = one_line(e.text)
    return f"{where(e)} [{e.section}] {text[:80]}{'…' if len(text) > 80 else ''}"


def _headline(d: Diff) -> str:
    sign = "+" if d.delta > 0 else ""
    return (f"{d.old.score:g} {d.old.grade} -> {d.new.score:g} {d.new.grade} "
            f"({sign}{d.delta:g}); {len(d.regressed)} regressed, {len(d.improved)} improved, "
            f"{d.unchanged} unchanged")


# ---------------------------------------------------------------- renderers

def render_json(d: Diff) -> str:
    return json.dumps(d.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_markdown(d: Diff) -> str:
    from .render.markdown import cell, code
    sign = "+" if d.delta > 0 else ""
    verdict = "❌" if d.exit_code else "✅"
    gate_old = "✅ passed" if d.old.gate.passed else "❌ failed"
    gate_new = "✅ passed" if d.new.gate.passed else "❌ failed"
    out = ["<!-- lawcheck-diff -->", f"## {verdict} lawcheck diff", "",
           f"{code(rel_path(d.old.file))} → {code(rel_path(d.new.file))}", "",
           "| | old | new |", "|---|---|---|",
           f"| score | {d.old.score:g} | **{d.new.score:g}** ({sign}{d.delta:g}) |",
           f"| grade | {d.old.grade} | **{d.new.grade}** |",
           f"| gate | {gate_old} | {gate_new} |", ""]
    if not d.new.gate.passed:
        out += ["Gate: " + "; ".join(cell(r) for r in d.new.gate.reasons), ""]
    for label, changes in (("Regressed", d.regressed), ("Improved", d.improved)):
        if not changes:
            continue
        out += [f"**{label} ({len(changes)})**", "",
                "| item | 名称 | was | now | reason | lines (old → new) |", "|---|---|---|---|---|---|"]
        for c in changes:
            reason = "; ".join(c.reasons if c.direction == "regressed" or c.reasons else c.old_reasons)
            out.append(f"| {code(c.id)} | {cell(c.title)} | {c.old} | **{c.new}** | {cell(reason) or '–'} | "
                       f"{cell(_lines(c.old_evidence))} → {cell(_lines(c.new_evidence))} |")
        out.append("")
    out.append(f"{d.unchanged} item{'s' if d.unchanged != 1 else ''} unchanged.")
    if d.added:
        out.append("Added: " + ", ".join(code(x) for x in d.added))
    if d.removed:
        out.append("Removed: " + ", ".join(code(x) for x in d.removed))
    return "\n".join(out) + "\n"


def render_terminal(d: Diff, color: bool = False, width: int = 100) -> str:
    """The diff for a reviewer, every label in the interface language (lawcheck.i18n)."""
    from rich.console import Console
    from rich.markup import escape

    from .i18n import _
    from .render.explain import gate_line, status_name
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False,
                  soft_wrap=False)
    style = "red" if d.delta < 0 else "green" if d.delta > 0 else "white"
    con.print(f"[bold]{escape(rel_path(d.old.file))}[/] -> [bold]{escape(rel_path(d.new.file))}[/]")
    sign = "+" if d.delta > 0 else ""
    head = _("{old} {old_grade} -> {new} {new_grade} ({delta}); {regressed} regressed, "
             "{improved} improved, {unchanged} unchanged").format(
        old=f"{d.old.score:g}", old_grade=d.old.grade, new=f"{d.new.score:g}",
        new_grade=d.new.grade, delta=f"{sign}{d.delta:g}", regressed=len(d.regressed),
        improved=len(d.improved), unchanged=d.unchanged)
    con.print(f"[{style}]{escape(head)}[/]")
    gate = _("new: {gate}").format(gate=gate_line(d.new))
    con.print(f"[{'green' if d.new.gate.passed else 'red'}]{escape(gate)}[/]")
    for label, changes, st in ((_("regressed ({n})"), d.regressed, "red"),
                               (_("improved ({n})"), d.improved, "green")):
        if not changes:
            continue
        con.print(f"\n[bold {st}]{escape(label.format(n=len(changes)))}[/]")
        for c in changes:
            con.print(f" [{st}]{ARROW[c.direction]}[/] {escape(c.id)} {escape(c.title)}: "
                      f"{escape(status_name(c.old))} -> [{st}]{escape(status_name(c.new))}[/]")
            reasons = c.reasons or c.old_reasons
            for r in reasons[:2]:
                con.print(f"     {escape(r)}", overflow="fold")
            if c.old_evidence:
                con.print("     [dim]" + escape(_("was: {evidence}").format(evidence=_ev_text(c.old_evidence)))
                          + "[/]", overflow="ellipsis", no_wrap=True)
            if c.new_evidence:
                con.print("     [dim]" + escape(_("now: {evidence}").format(evidence=_ev_text(c.new_evidence)))
                          + "[/]", overflow="ellipsis", no_wrap=True)
    tail = _("{n} unchanged").format(n=d.unchanged)
    if d.added:
        tail += _(", added {ids}").format(ids=", ".join(d.added))
    if d.removed:
        tail += _(", removed {ids}").format(ids=", ".join(d.removed))
    con.print("\n" + escape(tail))
    return buf.getvalue()


def render_diff(d: Diff, fmt: str = "terminal", color: bool | None = None) -> str:
    if fmt == "json":
        return render_json(d)
    if fmt == "markdown":
        return render_markdown(d)
    if color is None:
        import sys
        color = sys.stdout.isatty()
    return render_terminal(d, color=color)
