"""The reviewer's terminal view: every reason, the evidence sentence and a hint for weak
and missing items; a legend of every mark; not-applicable items in their own group;
counts that agree with the verdict line; every item's status and weight at 60 columns;
no line mixing languages."""
from __future__ import annotations

import io
import re

import pytest
from rich.cells import cell_len

from conftest import FIXTURES

TOWN = str(FIXTURES / "reports" / "liulin-xiang-2024.txt")     # weak, missing and n/a items
MARKS = {"pass": "✓", "weak": "~", "missing": "✗"}


@pytest.fixture(scope="module")
def town(pack):
    from lawcheck.check import check_path
    from lawcheck.score import GatePolicy
    r = check_path(TOWN, pack, GatePolicy(), None)
    assert any(not it.applicable for it in r.items)
    assert {"weak", "missing"} <= {it.status for it in r.items if it.applicable}
    return r


def view(report, lang: str, columns: int, monkeypatch) -> str:
    from lawcheck import i18n
    from lawcheck.render.terminal import print_reports
    monkeypatch.setenv("COLUMNS", str(columns))
    i18n.set_lang(lang)
    try:
        buf = io.StringIO()
        print_reports([report], file=buf)
        return buf.getvalue()
    finally:
        i18n.set_lang("en")


def test_every_item_keeps_status_and_weight_at_60_columns(town, monkeypatch):
    for lang in ("zh", "en"):
        out = view(town, lang, 60, monkeypatch)
        lines = out.splitlines()
        assert all(cell_len(line.rstrip()) <= 60 for line in lines), lang
        for it in town.items:
            mark = MARKS[it.status] if it.applicable else "–"
            weight = f"{it.weight:g}" if it.applicable else "–"
            row = [ln for ln in lines if ln.rstrip().endswith(" " + it.id)
                   and ln.startswith(mark + " ")]
            assert len(row) == 1, (lang, it.id)
            assert row[0].split()[1] == weight, (lang, it.id, row[0])


def test_reasons_evidence_and_hints_of_weak_and_missing_items(town, monkeypatch):
    weak = next(it for it in town.items if it.applicable and it.status == "weak" and it.evidence)
    weak.hint = "在工作举措部分写明具体做法和数据。"
    out = view(town, "zh", 100, monkeypatch)
    flat = re.sub(r"\s+", "", out)
    for it in town.items:
        if not it.applicable or it.status == "pass":
            continue
        for reason in it.reasons:                       # every reason, not only the first
            assert re.sub(r"\s+", "", reason) in flat, (it.id, reason)
        for ev in it.evidence[:1]:                       # the sentence, not only the heading
            assert re.sub(r"\s+", "", ev.text) in flat, it.id
        shown = it.hint or it.need
        assert re.sub(r"\s+", "", "建议：" + shown) in flat, it.id
    assert "建议：在工作举措部分写明具体做法和数据。" in out


def test_not_applicable_group_and_counts_agree(town, monkeypatch):
    out = view(town, "en", 100, monkeypatch)
    n = {s: sum(1 for it in town.items if it.applicable and it.status == s) for s in MARKS}
    na = [it for it in town.items if not it.applicable]
    assert f"\nmissing ({n['missing']})\n" in out and f"\nweak ({n['weak']})\n" in out
    assert f"\nnot applicable at this level, not scored ({len(na)})\n" in out
    assert (f"({n['pass']} pass, {n['weak']} weak, {n['missing']} missing, {len(na)} n/a)"
            in out.replace("\n", " "))
    # the n/a item is listed once in its own group, without a what-to-write line
    block = out.split("not applicable at this level, not scored", 1)[1].split("\n\n", 1)[0]
    for it in na:
        assert it.id in block and "to add" not in block
        missing_block = out.split("\nmissing (", 1)[1].split("\nweak (", 1)[0]
        assert it.id not in missing_block


def test_legend_explains_every_mark(monkeypatch, town):
    for lang, words in (("zh", ["✓ 通过", "~ 薄弱", "✗ 缺失", "– 不适用", "! 法定部分", "w 权重"]),
                        ("en", ["✓ pass", "~ weak", "✗ missing", "– n/a", "! statutory", "w weight"])):
        out = view(town, lang, 60, monkeypatch)          # one line even at 60 columns
        legend = [ln for ln in out.splitlines() if ln.startswith(("图例", "key:"))]
        assert len(legend) == 1
        for w in words:
            assert w in legend[0], (lang, w)


def test_no_line_mixes_languages(town, monkeypatch):
    """Chinese view: no English words left once ids, the file, the rules profile and the
    encoding are taken out. English view: no Chinese interface word beside an English one."""
    out = view(town, "zh", 80, monkeypatch)
    for line in out.splitlines():
        rest = line.replace(TOWN, "").replace(town.profile, "").replace(town.level_profile or "-", "")
        rest = re.sub(r"\b[a-z]+\.[a-z_]+\b", "", rest)            # item ids
        rest = re.sub(r"\b(txt|utf-8|w)\b", "", rest)
        assert not re.search(r"[A-Za-z]{2,}", rest), line
    assert "第5行" in out and "L5" not in out
    en = view(town, "en", 80, monkeypatch)
    assert "line 5" in en and "第5行" not in en
    for zh_word, en_word in (("缺失", "missing ("), ("薄弱", "weak ("), ("门槛", "gate")):
        assert not any(zh_word in ln and en_word in ln for ln in en.splitlines())


def test_wrap_keeps_ids_whole_and_punctuation_off_line_starts():
    from lawcheck.render.terminal import wrap
    text = "未达到门槛：缺少法定部分“下一年度主要安排”（structure.plans），另见第37行。" * 3
    for width in (20, 31, 44, 60):
        lines = wrap(text, width)
        assert all(cell_len(x) <= width for x in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(x[0] in "，。、；：）”" for x in lines)
        assert sum(x.count("structure.plans") for x in lines) == 3


@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("width", [40, 60, 100])
def test_lines_printed_at_once_equal_a_print_per_line(colour, width):
    """The view gathers its lines into one rich Text (render.terminal._Out): the same
    bytes as printing each line as markup, cropped (control codes, :emoji: codes, markup
    brackets, tabs, lines wider than the console, empty lines)."""
    from rich.console import Console

    from lawcheck.render.terminal import _esc, _Out
    lines = [
        [(" ", ""), ("!", "red"), ("✗", "red"), (" ", ""), ("标题 :smile: a\x07b [x] \\[y]", "bold")],
        [("", "")],
        [("    " + "很长的一行文字，" * 12, "dim")],
        [("✓", "green"), (" 6 ", ""), ("a\tb\rc:thumbs_up:d", ""), ("", "cyan"), ("end", "bold red")],
        [(" ", ""), ("group [bold]x[/]", "dim")],
        [("12:30:45 L3 ¶2", "")],
    ]

    def console(buf):
        return Console(file=buf, width=width, highlight=False, soft_wrap=False,
                       force_terminal=colour, color_system="truecolor" if colour else None)
    old, new = io.StringIO(), io.StringIO()
    con = console(old)
    for line in lines:
        con.print("".join(f"[{st}]{_esc(p)}[/]" if st and p else _esc(p) for p, st in line),
                  no_wrap=True, overflow="crop")
    out = _Out(console(new))
    for line in lines:
        out.markup_line(*line)
    out.flush()
    assert new.getvalue() == old.getvalue()


def _console(buf, width: int, colour: bool, **kw):
    from rich.console import Console
    return Console(file=buf, width=width, highlight=False, soft_wrap=False,
                   force_terminal=colour, color_system="truecolor" if colour else None, **kw)


@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("width", [40, 60, 100])
def test_lines_that_fit_go_as_segments_with_the_bytes_of_one_text(colour, width):
    """_Out's fast path (every line fits: styled segments, no Text laid out) prints the
    bytes of its general path (the lines as one rich Text, cropped by rich)."""
    from lawcheck.render.terminal import _Out
    lines = [
        [(" ", ""), ("!", "red"), ("✗", "red"), (" ", ""), ("标题 :smile: a\x07b [x] \\[y]", "bold")],
        [("", "")],
        [("    " + "短的一行，" * 3, "dim")],
        [("✓", "green"), (" 6 ", ""), ("a\rc:thumbs_up:d", ""), ("", "cyan"), ("end", "bold red")],
        [(" ", ""), ("group [bold]x[/]", "dim")],
        [("12:30:45 L3 ¶2 家\u200d庭", "")],
    ]
    fast, general = io.StringIO(), io.StringIO()
    out = _Out(_console(fast, width, colour))
    for line in lines:
        out.markup_line(*line)
    assert out.fits
    out.flush()
    slow = _Out(_console(general, width, colour))
    for line in lines:
        slow.markup_line(*line)
    slow.con.print(slow.text(), no_wrap=True, overflow="crop")
    assert fast.getvalue() == general.getvalue()


class _AsciiIO(io.StringIO):
    encoding = "ascii"          # a stream rich may draw only ASCII boxes on


@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("ascii_only", [False, True])
@pytest.mark.parametrize("width", [30, 41, 60, 80])
@pytest.mark.parametrize("title,body", [
    ("reports/town.txt", "某镇2024年法治政府建设情况报告\n2024 report · 某镇 · town\ntxt, utf-8, 4,812 characters"),
    ("a:smile:b [x] \\y.txt", "短标题\n\nline\x07 three"),
    ("很长的文件名" * 6 + ".txt", "body"),
    ("t.txt", "a line much longer than the narrowest console, so rich must wrap it here"),
    ("t.txt", "tab\there"),
    ("t.txt", "line\u2028separator"),
    ("t.txt", "家\u200d庭"),
])
def test_panel_rows_are_rich_panels(colour, ascii_only, width, title, body):
    """_panel draws what rich's Panel(expand=False) draws, or leaves it to rich (None)."""
    from rich.panel import Panel
    from rich.text import Text

    from lawcheck.render.terminal import _esc, _Out, _panel
    head = [("61 / 100", "bold"), ("  ·  grade C  ·  ", "bold"), ("gate FAILED", "bold red")]
    mine, rich_ = (_AsciiIO() if ascii_only else io.StringIO() for _ in range(2))
    con = _console(rich_, width, colour, legacy_windows=False)
    text = Text()
    for piece, style in head:
        text.append(piece, style=style)
    con.print(Panel(Text.assemble(text, "\n", Text(body, overflow="fold")), title=_esc(title),
                    title_align="left", expand=False))
    out = _Out(_console(mine, width, colour, legacy_windows=False))
    rows = _panel(out, _esc(title), head, body)
    if rows is None:                      # rich lays it out; never the ordinary report
        assert not (title == "reports/town.txt" and width >= 60)
        return
    out.rows += rows
    out.flush()
    assert mine.getvalue() == rich_.getvalue()
