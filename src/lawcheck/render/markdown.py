"""Markdown for a pull-request comment or a job summary ($GITHUB_STEP_SUMMARY).

Per report: a score / grade / gate line, then a table of missing items and one of weak
items with the reason and the line to look at. Several reports get an overview table
first. Starts with an HTML comment marker so a bot can find and update its comment.
"""
from __future__ import annotations

from ..model import Failure, ItemResult, Report
from ._util import counts, one_line, rel_path

MARKER = "<!-- lawcheck-report -->"
GATE_MARK = {True: "✅ passed", False: "❌ failed"}
LEVEL_CN = {"province": "省级", "city": "市级", "county": "县级", "town": "乡镇/街道",
            "department": "部门"}


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    s = one_line(str(text))
    for ch in ("\\", "|", "`", "*", "_", "<", ">", "[", "]"):
        s = s.replace(ch, "\\" + ch)
    return s


def code(text: object) -> str:
    """Inline code (a path, an id): backticks and pipes cannot appear inside it."""
    return "`" + one_line(str(text)).replace("`", "'").replace("|", "¦") + "`"


def _where(it: ItemResult) -> str:
    if not it.evidence:
        return "–"
    ev = it.evidence[0]
    return cell(ev.location) if ev.location else f"L{ev.line}"


def gate_line(r: Report) -> str:
    c = counts(r)
    line = (f"**{r.score:g}** / 100 · grade **{r.grade}** · gate {GATE_MARK[r.gate.passed]} · "
            f"{c['pass']} pass, {c['weak']} weak, {c['missing']} missing")
    if not r.gate.passed:
        line += "  \nGate: " + "; ".join(cell(x) for x in r.gate.reasons)
    return line


def _table(items: list[ItemResult]) -> list[str]:
    out = ["| item | 名称 | reason | 建议 hint | line |", "|---|---|---|---|---|"]
    for it in items:
        sev = " ⛔" if it.severity == "error" else ""
        reason = "; ".join(it.reasons) or it.status
        out.append(f"| `{it.id}`{sev} | {cell(it.title)} | {cell(reason)} | "
                   f"{cell(it.hint) if it.hint else '–'} | {_where(it)} |")
    return out


def report_md(r: Report | Failure, heading: str = "###") -> list[str]:
    path = rel_path(r.file)
    if isinstance(r, Failure):
        return [f"{heading} ⚠️ {code(path)}", "", f"Could not be checked: {cell(r.error)}", ""]
    out = [f"{heading} {'✅' if r.gate.passed else '❌'} {code(path)}", "", gate_line(r), ""]
    meta = [f"{r.year}年度" if r.year else "年度不明", r.issuer or "发文单位不明",
            LEVEL_CN.get(r.level or "", "级别不明")]
    out += [cell(" · ".join(meta)), ""]
    for status, label in (("missing", "Missing 缺失"), ("weak", "Weak 薄弱")):
        bad = [it for it in r.items if it.status == status and it.applicable]
        if bad:
            out += [f"**{label} ({len(bad)})**", ""] + _table(bad) + [""]
    if r.previous is not None:
        out += previous_md(r)
    na = [it for it in r.items if not it.applicable]
    if na:
        out += ["Not applicable at this level: " + ", ".join(f"`{it.id}`" for it in na), ""]
    return out


def render(reports: list[Report | Failure], single: bool = True, **_: object) -> str:
    out = [MARKER, "## lawcheck", ""]
    if len(reports) > 1:
        out += ["| report | score | grade | gate | missing | weak |", "|---|---:|---|---|---:|---:|"]
        for r in reports:
            if isinstance(r, Failure):
                out.append(f"| {code(rel_path(r.file))} | – | – | ⚠️ unreadable | – | – |")
                continue
            c = counts(r)
            out.append(f"| {code(rel_path(r.file))} | {r.score:g} | {r.grade} | "
                       f"{GATE_MARK[r.gate.passed]} | {c['missing']} | {c['weak']} |")
        out.append("")
    for r in reports:
        out += report_md(r)
    return "\n".join(out).rstrip("\n") + "\n"


CARRIED_CN = {"addressed": "✅ 已整改 addressed", "done": "✅ 已落实 done",
              "mentioned": "🟡 仅提及 mentioned", "not_addressed": "❌ 未见整改 not addressed",
              "not_found": "❌ 未见落实 not found"}


def previous_md(r: Report) -> list[str]:
    """Tables of last year's problems and plans and what became of them."""
    p = r.previous
    assert p is not None                 # called only for a report with r.previous
    year = f"{p.year}年度" if p.year else "年度不明"
    out = [f"**上年度报告对照 (previous: {code(rel_path(p.file))}, {cell(year)}, "
           f"{cell(p.issuer or '发文单位不明')})**", ""]
    for title, rows in (("上年度问题 problem", p.problems), ("上年度计划 plan", p.plans)):
        if not rows:
            out += [f"{title}: none found in the previous report", ""]
            continue
        out += [f"| line | {title} | 本年度 this year | evidence |", "|---:|---|---|---|"]
        for c in rows:
            ev = "; ".join(f"L{e.line} {e.text}" for e in c.evidence[:1]) or "–"
            out.append(f"| {c.line} | {cell(c.text)} | {CARRIED_CN.get(c.status, c.status)} | {cell(ev)} |")
        out.append("")
    cp = p.copied
    out += [f"Copied from the previous report: {len(cp.passages)} sentences, "
            f"{100 * cp.share:.0f}% of this report's text"
            + ("" if not cp.passages else " (lines " + ", ".join(str(x.line) for x in cp.passages[:12])
               + (", …" if len(cp.passages) > 12 else "") + ")"), ""]
    return out
