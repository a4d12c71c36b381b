"""The reviewer's terminal view (rich): score and grade, then missing and weak items
grouped with their reason and where to look, then a compact table of every item.
Fits an 80-column terminal; colour only when the output is a terminal."""
from __future__ import annotations

import os
import sys

from ..model import Failure, Report

GROUP_CN = {"structure": "法定结构", "enforcement": "执法三项制度", "review": "合法性审查",
            "disputes": "矛盾纠纷化解", "governance": "纲要其他领域", "quality": "报告质量",
            "meta": "文本格式"}
STATUS_STYLE = {"pass": "green", "weak": "yellow", "missing": "red"}
STATUS_MARK = {"pass": "✓", "weak": "~", "missing": "✗"}
LEVEL_CN = {"province": "省级", "city": "市级", "county": "县级", "town": "乡镇/街道",
            "department": "部门"}


def verdict_line(r: Report) -> str:
    counts = {s: sum(1 for i in r.items if i.status == s and i.applicable)
              for s in ("pass", "weak", "missing")}
    gate = "gate passed" if r.gate.passed else "gate FAILED: " + "; ".join(r.gate.reasons)
    return (f"{r.file}: {r.score:g} {r.grade} ({counts['pass']} pass, {counts['weak']} weak, "
            f"{counts['missing']} missing) {gate}")


def _console(file=None):
    from rich.console import Console
    out = file or sys.stdout
    width = None if out.isatty() else 100
    return Console(file=out, width=width, highlight=False, soft_wrap=False)


def print_reports(reports: list[Report | Failure], quiet: bool = False, file=None) -> None:
    out = file or sys.stdout
    if quiet:
        # One unwrapped line per report, whatever the width (scripts grep these).
        colour = out.isatty() and "NO_COLOR" not in os.environ
        for r in reports:
            line = f"{r.file}: {r.error}" if isinstance(r, Failure) else verdict_line(r)
            ok = not isinstance(r, Failure) and r.gate.passed
            out.write((f"\033[{32 if ok else 31}m{line}\033[0m" if colour else line) + "\n")
        return
    con = _console(file)
    for r in reports:
        if isinstance(r, Failure):
            con.print(f"[red]{_esc(r.file)}: {_esc(r.error)}[/]")
            continue
        _print_one(con, r)


def _esc(text: str) -> str:
    from rich.markup import escape
    return escape(text)


def _print_one(con, r: Report) -> None:
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    head = Text()
    head.append(f"{r.score:g}", style="bold")
    head.append(f" / 100   grade {r.grade}   ", style="bold")
    head.append("gate passed" if r.gate.passed else "gate FAILED",
                style="bold green" if r.gate.passed else "bold red")
    meta = []
    if r.title:
        meta.append(r.title)
    bits = [f"{r.year}年度" if r.year else "年度不明", r.issuer or "发文单位不明",
            LEVEL_CN.get(r.level or "", "级别不明")]
    if r.level_profile:
        bits.append(f"profile {r.profile}/{r.level_profile}")
    else:
        bits.append(f"profile {r.profile}")
    meta.append(" · ".join(bits))
    meta.append(f"{r.format}, {r.encoding}, {r.chars} 字, {len(r.sections)} 个章节")
    body = Text("\n".join(meta))
    con.print(Panel(Text.assemble(head, "\n", body), title=_esc(r.file), title_align="left",
                    expand=False))
    for reason in r.gate.reasons:
        con.print(f"  [red]gate:[/] {_esc(reason)}")
    for w in r.warnings:
        con.print(f"  [yellow]note:[/] {_esc(w)}")

    for status, label in (("missing", "缺失 missing"), ("weak", "薄弱 weak")):
        bad = [i for i in r.items if i.status == status]
        if not bad:
            continue
        con.print(f"\n[bold {STATUS_STYLE[status]}]{label} ({len(bad)})[/]")
        group = None
        for it in bad:
            if it.group != group:
                group = it.group
                con.print(f" [dim]{GROUP_CN.get(group, group)}[/]")
            na = "" if it.applicable else " [dim](不适用于本级,不计分)[/]"
            sev = "[red]![/]" if it.severity == "error" and it.applicable else " "
            con.print(f" {sev}[{STATUS_STYLE[status]}]{STATUS_MARK[status]}[/] "
                      f"{_esc(it.title)} [dim]{it.id}[/]{na}")
            for reason in it.reasons[:1]:
                con.print(Padding(Text(reason), (0, 0, 0, 5), expand=False), overflow="fold")
            if it.hint:
                con.print(Padding(Text("建议：" + it.hint, style="dim"), (0, 0, 0, 5), expand=False),
                          overflow="fold")
            elif status == "missing" and it.need:
                con.print(Padding(Text("应写明：" + it.need, style="dim"), (0, 0, 0, 5), expand=False),
                          overflow="fold")
            for ev in it.evidence[:1]:
                where = ev.location or f"第{ev.line}行"
                con.print(f"     [dim]{where} {_esc(ev.section)}[/]", overflow="ellipsis",
                          no_wrap=True)

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False,
                  padding=(0, 1))
    table.add_column("", width=1)
    table.add_column("item", no_wrap=True)
    table.add_column("名称", no_wrap=True, overflow="ellipsis", max_width=24)
    table.add_column("w", justify="right")
    table.add_column("where", no_wrap=True, overflow="ellipsis", max_width=22)
    for it in r.items:
        where = ""
        if it.evidence:
            ev = it.evidence[0]
            where = ev.location or f"L{ev.line}"
        w = f"{it.weight:g}" if it.applicable else "-"
        table.add_row(f"[{STATUS_STYLE[it.status]}]{STATUS_MARK[it.status]}[/]", it.id,
                      _esc(it.title), w, where)
    con.print()
    con.print(table)
    con.print(f"\n[dim]{_esc(verdict_line(r))}[/]")
