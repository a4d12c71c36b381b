"""The reviewer's terminal view (rich): score and grade, a legend of the marks, then the
missing and weak items grouped with every reason, the evidence sentence and a hint on
what to add, the items that do not apply at the report's level, and a list of every item
with its status and weight. Every label is in the interface language (lawcheck.i18n).

Fits the terminal's width down to 60 columns (or $COLUMNS when the output is not a
terminal, else 100): long titles are shortened, never a column dropped. Rendering stays
cheap: one panel, then plain lines (no nested tables), gathered into one rich Text and
printed in one call (`_Out`; tools/termsnap.py compares every byte with the view before).
Colour only on a terminal.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len

if TYPE_CHECKING:
    from rich.text import Text

from ..i18n import _
from ..model import Failure, ItemResult, Report
from .explain import (STATUS_MARK, gate_line, gate_reasons, group_name, hint, legend,
                      level_name, state, where)

STATUS_STYLE = {"pass": "green", "weak": "yellow", "missing": "red", "na": "dim"}


def counts_of(r: Report) -> dict[str, int]:
    out = {"pass": 0, "weak": 0, "missing": 0, "na": 0}
    for it in r.items:
        out[state(it)] += 1
    return out


def verdict_line(r: Report) -> str:
    c = counts_of(r)
    na = _(", {n} n/a").format(n=c["na"]) if c["na"] else ""
    if r.gate.passed:
        gate = _("gate passed")
    else:
        gate = _("gate FAILED: {reasons}").format(reasons=_("; ").join(gate_reasons(r)))
    return _("{file}: {score} {grade} ({passed} pass, {weak} weak, {missing} missing{na}) {gate}").format(
        file=r.file, score=f"{r.score:g}", grade=r.grade, passed=c["pass"], weak=c["weak"],
        missing=c["missing"], na=na, gate=gate)


def _width(out) -> int | None:
    cols = os.environ.get("COLUMNS", "")
    if cols.isdigit() and int(cols) > 0:
        return max(40, int(cols))
    return None if out.isatty() else 100


def _console(file=None):
    from rich.console import Console
    out = file or sys.stdout
    return Console(file=out, width=_width(out), highlight=False, soft_wrap=False)


def print_reports(reports: Sequence[Report | Failure], quiet: bool = False, file=None) -> None:
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


def _fit(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells (CJK counts two), with … when cut."""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    out, used = "", 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out += ch
        used += w
    return out + "…" + " " * (width - 1 - used)


_CLOSE = set("，。、；：！？）」』”’》〉】,.;:!?)")
_TOKEN = re.compile(r"[A-Za-z0-9_.\-/:%()\[\]'\"*=<>|+,;!?&@#~^$\u00a0]+|[ \t\n\r\f\v]+|.", re.S)


def _additive(text: str) -> bool:
    """True when the cells of `text` are the sum of its characters' (rich measures a
    joiner sequence, ZWJ or VS16, as one glyph)."""
    return "\u200d" not in text and "\ufe0f" not in text


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells: Chinese breaks between any two characters, Latin
    words and ids (structure.plans, 2024, p.3) stay whole unless longer than a line."""
    text = re.sub(r"[\t\n\r\f\v]", " ", text.strip())
    if _additive(text) and cell_len(text) <= width:
        # One line: the loop below would add every token and never break.
        return [text]
    lines, cur, used = [], "", 0
    for tok in _TOKEN.findall(text):
        w = cell_len(tok)
        if tok.strip(" ") == "":                 # spaces (runs kept: the legend's gaps)
            if cur and used + w <= width:
                cur, used = cur + tok, used + w
            continue
        if used + w > width and cur.strip():
            carry = ""
            if tok in _CLOSE:                      # no line starts with ，。）…: carry a word
                toks = _TOKEN.findall(cur.rstrip())
                k = len(toks) - 1
                while k > 0 and toks[k] in _CLOSE:
                    k -= 1
                moved = "".join(toks[k:])
                if k > 0 and cell_len(moved) + w <= width:
                    carry = moved
                    cur = "".join(toks[:k])
            lines.append(cur.rstrip())
            cur, used = carry, cell_len(carry)
        while w > width:                      # a word longer than a line: cut it
            head = ""
            for ch in tok:
                if cell_len(head + ch) > width - used:
                    break
                head += ch
            lines.append(cur + head)
            tok, cur, used = tok[len(head):], "", 0
            w = cell_len(tok)
        cur, used = cur + tok, used + w
    if cur.strip():
        lines.append(cur.rstrip())
    return lines or [""]


class _Out:
    """The lines of one report's view, gathered and printed in one call (each
    `Console.print` costs more than rendering its line). A line is pieces of (text,
    style); printed cropped at the console's width, as each was printed before.

    When every line fits the width (the usual case), the pieces go to the console as
    styled segments (`_Segments`), exactly what rich would make of them, without laying
    out a rich Text of the whole view (splitting it into lines, cropping and rendering
    each: most of the view's cost). A line wider than the console or holding a tab is
    rich's to crop and expand: then the lines go as one Text, as before."""

    def __init__(self, con) -> None:
        self.con = con
        self.width = con.width
        self.rows: list[list[tuple[str, str]]] = []
        self.fits = True                     # no line wider than the console, no tab

    def line(self, *pieces: tuple[str, str]) -> None:
        """One line, as rich.Text.append would add its pieces (control codes dropped)."""
        row = []
        for piece, style in pieces:
            if _CONTROL.search(piece):
                piece = _CONTROL.sub("", piece)
            if piece:
                row.append((piece, style))
        if self.fits:
            plain = "".join(p for p, _st in row)
            self.fits = "\t" not in plain and cell_len(plain) <= self.width
        self.rows.append(row)

    def markup_line(self, *pieces: tuple[str, str]) -> None:
        """A line that was printed as markup: rich replaced :emoji: codes in it."""
        self.line(*((self.emoji(p), st) for p, st in pieces))

    def emoji(self, text: str) -> str:
        return self.con.render_str(text, markup=False).plain if ":" in text else text

    def para(self, text: str, style: str = "", indent: int = 5) -> None:
        """A paragraph wrapped to the console's width under an item."""
        for line in wrap(text, max(10, self.width - indent)):
            self.line((" " * indent + line, style))

    def flush(self) -> None:
        if not self.rows:
            return
        if self.fits:
            # crop=False: every line fits, there is nothing to crop
            self.con.print(_Segments(self.rows, self.con.get_style), crop=False)
        else:
            self.con.print(self.text(), no_wrap=True, overflow="crop")
        self.rows, self.fits = [], True

    def text(self) -> Text:
        """The lines as one rich Text (the general path, for lines rich must crop)."""
        from rich.text import Span, Text
        parts: list[str] = []
        spans: list[Span] = []
        at = 0
        for n, row in enumerate(self.rows):
            if n:
                parts.append("\n")
                at += 1
            for piece, style in row:
                parts.append(piece)
                if style:
                    spans.append(Span(at, at + len(piece), style))
                at += len(piece)
        return Text("".join(parts), spans=spans)


class _Segments:
    """Lines that fit the console, as the segments rich renders a Text of them to: each
    styled piece a segment in its style, the unstyled text between them (newlines
    included) as it is, in one segment: rich writes unstyled text unchanged."""

    def __init__(self, rows: list[list[tuple[str, str]]], get_style) -> None:
        self.rows, self.get_style = rows, get_style

    def __rich_console__(self, console, options):
        from rich.segment import Segment
        styles: dict = {}
        plain: list[str] = []
        for row in self.rows:
            for piece, name in row:
                if not name:
                    plain.append(piece)
                    continue
                if plain:
                    yield Segment("".join(plain))
                    plain = []
                style = styles.get(name)
                if style is None:
                    style = styles[name] = self.get_style(name)
                yield Segment(piece, style)
            plain.append("\n")
        yield Segment("".join(plain))


_CONTROL = re.compile("[\x07\x08\x0b\x0c\x0d]")      # what rich strips from text


def _head(out: _Out, r: Report) -> None:
    """The panel on top: score, grade and gate; the title; year, issuer, level and
    profile; format, encoding, size. Drawn by `_panel` when it fits (the same rows as
    rich's Panel), else by rich."""
    from rich.panel import Panel
    from rich.text import Text

    gate = (_("gate passed"), "bold green") if r.gate.passed else (_("gate FAILED"), "bold red")
    head = [(_("{score} / 100").format(score=f"{r.score:g}"), "bold"),
            ("  ·  " + _("grade {grade}").format(grade=r.grade) + "  ·  ", "bold"), gate]
    lines = [r.title] if r.title else []
    prof = f"{r.profile}/{r.level_profile}" if r.level_profile else r.profile
    lines.append(" · ".join([
        _("{year} report").format(year=r.year) if r.year else _("year unknown"),
        r.issuer or _("issuer unknown"), level_name(r.level),
        _("profile {profile}").format(profile=prof)]))
    lines.append(_("{format}, {encoding}, {chars} characters, {sections} sections").format(
        format=r.format, encoding=r.encoding, chars=r.chars, sections=len(r.sections)))
    rows = _panel(out, _esc(r.file), head, "\n".join(lines))
    if rows is not None:
        out.rows += rows
        return
    text = Text()
    for piece, style in head:
        text.append(piece, style=style)
    out.flush()
    out.con.print(Panel(Text.assemble(text, "\n", Text("\n".join(lines), overflow="fold")),
                        title=_esc(r.file), title_align="left", expand=False))


def _panel(out: _Out, title_markup: str, head: list[tuple[str, str]],
           body: str) -> list[list[tuple[str, str]]] | None:
    """The rows rich draws for Panel(head + "\\n" + body, title=title_markup,
    title_align="left", expand=False) when nothing in it needs laying out: every line
    fits without wrapping, the title without cropping, no tab, no line break other than
    "\\n", no joiner sequence. Then the panel is as wide as its widest line (or title)
    plus border and padding, in the console's box (rounded, or its ASCII/legacy Windows
    substitute); else None (rich draws it)."""
    from rich.box import ROUNDED
    from rich.text import Text
    title = Text.from_markup(title_markup).plain.replace("\n", " ")
    head = [(p, st) for p, st in ((_CONTROL.sub("", p), st) for p, st in head) if p]
    lines = ["".join(p for p, _st in head), *_CONTROL.sub("", body).split("\n")]
    every = "\n".join(lines) + title
    if not title or "\t" in every or not _additive(every) or \
            len("\n".join(lines).splitlines()) != len(lines):
        return None
    inner, title_w = max(cell_len(x) for x in lines), cell_len(title)
    if inner + 4 > out.width or title_w + 6 > out.width:
        return None
    width = max(inner + 4, title_w + 6)      # border and padding around the widest line
    box = ROUNDED.substitute(out.con.options, safe=out.con.safe_box)
    rows = [[(box.top_left + box.top + f" {title} " + box.top * (width - title_w - 6)
              + box.top + box.top_right, "")]]
    for n, line in enumerate(lines):
        rows.append([(box.mid_left + " ", ""), *(head if n == 0 else [(line, "")]),
                     (" " * (width - 3 - cell_len(line)) + box.mid_right, "")])
    rows.append([(box.get_bottom([width - 2]), "")])
    return rows


def _item_block(out: _Out, it: ItemResult) -> None:
    st = state(it)
    sev = ("!", "red") if it.severity == "error" and it.applicable else (" ", "")
    weight = f"w\u00a0{it.weight:g}" if it.applicable else ""     # "w 6" never split
    head = [x.replace("\u00a0", " ") for x in
            wrap(f"{it.title}  {it.id}" + (f"  {weight}" if weight else ""), max(10, out.width - 4))]
    out.markup_line((" ", ""), sev, (STATUS_MARK[st], STATUS_STYLE[st]), (" ", ""), (head[0], "bold"))
    for line in head[1:]:
        out.markup_line(("    " + line, "dim"))
    if not it.applicable:
        return
    for reason in it.reasons:
        out.para(reason)
    for ev in it.evidence[:1]:
        loc = where(ev) + (f" · {ev.section}" if ev.section else "")
        out.para(loc, style="dim")
        if ev.text:
            out.para(_("“{text}”").format(text=ev.text.strip()), style="dim")
    h = hint(it)
    if h:
        out.para(_("to add: {hint}").format(hint=h), style="cyan")


def _item_list(out: _Out, r: Report, width: int) -> None:
    """Every item on one line: status, weight, title (shortened to fit), where, id."""
    rows = []
    for it in r.items:
        st = state(it)
        loc = where(it.evidence[0]) if it.evidence else ""
        rows.append((st, f"{it.weight:g}" if it.applicable else "–", it.title, loc, it.id))
    w_w = max(cell_len("w"), *(cell_len(x[1]) for x in rows))
    loc_w = max(cell_len(_("where")), *(cell_len(x[3]) for x in rows))
    id_w = max(cell_len(_("item")), *(len(x[4]) for x in rows))
    fixed = 2 + w_w + 1 + 1 + loc_w + 1
    show_id = width - fixed - id_w - 1 >= 8
    title_w = max(6, width - fixed - (id_w + 1 if show_id else 0))
    title_w = min(title_w, max(cell_len(_("title")), *(cell_len(x[2]) for x in rows)))

    def line(mark: str, w: str, title: str, loc: str, ident: str) -> str:
        cells = f"{w:>{w_w}} {_fit(title, title_w)} {_fit(loc, loc_w)}"
        return f"{mark} {cells}" + (f" {ident}" if show_id else "")
    out.markup_line((line(" ", "w", _("title"), _("where"), _("item") if show_id else ""), "bold"))
    for st, w, title, loc, ident in rows:
        out.markup_line((STATUS_MARK[st], STATUS_STYLE[st]), (" " + line("", w, title, loc, ident)[1:], ""))


def _print_one(con, r: Report) -> None:
    out = _Out(con)
    _head(out, r)
    for reason in gate_reasons(r):
        out.para(_("gate: {reason}").format(reason=reason), "red", 2)
    for w in r.warnings:
        out.para(_("note: {warning}").format(warning=w), "yellow", 2)
    out.para(legend(), "dim", 0)

    c = counts_of(r)
    for st, label in (("missing", _("missing ({n})")), ("weak", _("weak ({n})")),
                      ("na", _("not applicable at this level, not scored ({n})"))):
        bad = [i for i in r.items if state(i) == st]
        if not bad:
            continue
        out.line(("", ""))
        _heading(out, label.format(n=c[st]), f"bold {STATUS_STYLE[st]}", "")
        group = None
        for it in bad:
            if it.group != group and st != "na":
                group = it.group
                _heading(out, group_name(group), "dim", " ")
            _item_block(out, it)
    if r.previous is not None:
        out.flush()
        _print_previous(con, r)
    out.line(("", ""))
    _item_list(out, r, out.width)
    out.line(("", ""))
    out.para(verdict_line(r), "dim", 0)
    out.flush()


def _heading(out: _Out, text: str, style: str, lead: str) -> None:
    """A heading line, once printed as markup without cropping: one too wide for the
    console is printed that way still (rich wraps it), the others join the buffer."""
    if cell_len(lead + out.emoji(text)) <= out.width:
        out.markup_line((lead, ""), (text, style))
        return
    out.flush()
    out.con.print(f"{lead}[{style}]{_esc(text)}[/]")


__all__ = ["print_reports", "verdict_line", "counts_of", "gate_line"]


CARRIED_STYLE = {"addressed": "green", "done": "green", "mentioned": "yellow",
                 "not_addressed": "red", "not_found": "red"}
CARRIED_CN = {"addressed": "已整改", "done": "已落实", "mentioned": "仅提及",
              "not_addressed": "未见整改", "not_found": "未见落实"}


def _print_previous(con, r: Report) -> None:
    """Last year's problems and plans and what became of them; the copied share."""
    from rich.table import Table
    p = r.previous
    assert p is not None                 # called only for a report with r.previous
    year = f"{p.year}年度" if p.year else "年度不明"
    con.print(f"\n[bold]上年度报告对照 previous[/] [dim]{_esc(p.file)} · {year} · "
              f"{_esc(p.issuer or '发文单位不明')}[/]")
    for title, rows in (("上年度问题 problems", p.problems), ("上年度计划 plans", p.plans)):
        if not rows:
            con.print(f" [dim]{title}: 上年度报告中没有识别出[/]")
            continue
        t = Table(show_header=True, header_style="bold", box=None, pad_edge=False, padding=(0, 1))
        t.add_column("L", justify="right", no_wrap=True)
        t.add_column(title, overflow="ellipsis", no_wrap=True, max_width=44)
        t.add_column("本年度", no_wrap=True)
        t.add_column("where", no_wrap=True, overflow="ellipsis", max_width=22)
        for c in rows:
            where = ""
            if c.evidence:
                ev = c.evidence[0]
                where = ev.location or f"L{ev.line} {ev.section}"
            style = CARRIED_STYLE.get(c.status, "")
            t.add_row(str(c.line), _esc(c.text), f"[{style}]{CARRIED_CN.get(c.status, c.status)}[/]",
                      _esc(where))
        con.print(t)
    n = len(p.copied.passages)
    con.print(f" 照搬上年度 copied: {n} 句, 占本年度文字 {100 * p.copied.share:.0f}%"
              + (f" [dim](如 L{p.copied.passages[0].line} ← 上年度 L{p.copied.passages[0].previous_line})[/]"
                 if n else ""))
