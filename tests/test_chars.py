"""Radicals, compatibility ideographs and traditional characters (chars.py), and evidence
quoted in the report's own characters with a column (anchor.py)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lawcheck import chars
from lawcheck.anchor import anchor
from lawcheck.check import check_document, check_text
from lawcheck.model import Document, Evidence, ItemResult
from lawcheck.read import read_path, split_lines

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures" / "reports").glob("*.txt"))
CORPUS = sorted((ROOT.parent / "shared" / "corpus" / "reports").glob("*.txt"))

REPORT = """某县2024年法治政府建设情况报告
一、主要成效
（一）严格规范公正文明执法。全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，全年办理行政复议案件３２件，纠错率１５％。
二、存在的不足和原因
（一）执法人员结构不合理，专业人员占比不足三成。主要原因是培训投入不足。
三、下一步工作安排
（一）加强执法队伍建设，全年培训执法人员６期。（二）完善行政复议工作机制。
某县人民政府
2025年2月10日
"""


# ---------------------------------------------------------------- radicals

def test_every_kangxi_radical_folds_to_one_ideograph():
    for cp in range(0x2F00, 0x2FD6):
        folded = chars.radicals()[cp]
        assert len(folded) == 1 and "\u4e00" <= folded <= "\u9fff" or ord(folded) > 0x20000, hex(cp)
    assert "⼈⺠政府⻓⻔".translate(chars.radicals()) == "人民政府长门"
    # compatibility ideographs: one code point each
    assert all(len(v) == 1 for v in chars.radicals().values())


def test_fold_radicals_keeps_lengths_and_everything_else():
    text = "⼀、⾏政执法①（⼆）２０２４年⽇常检查 ⑴ ㈠ \uf900"     # U+F900: compatibility 豈
    folded, n = chars.fold_radicals(text)
    assert len(folded) == len(text)
    assert folded == "一、行政执法①（二）２０２４年日常检查 ⑴ ㈠ \u8c48"
    assert n == 5
    assert chars.fold_radicals("依法行政①") == ("依法行政①", 0)


def test_radical_report_warns_with_the_count():
    kangxi = REPORT.replace("一", "⼀").replace("人", "⼈").replace("行", "⾏")
    n = sum(kangxi.count(c) for c in "⼀⼈⾏")
    report = check_text(kangxi)
    plain = check_text(REPORT)
    assert [it.status for it in report.items] == [it.status for it in plain.items]
    assert report.score == plain.score
    warning = [w for w in report.to_dict()["warnings"] if "Kangxi-radical" in w]
    assert warning and warning[0].startswith(f"{n} ")
    assert "warnings" not in plain.to_dict()


# ---------------------------------------------------------------- traditional

@pytest.mark.parametrize("path", FIXTURES + CORPUS, ids=lambda p: p.stem)
def test_simplified_reports_are_not_converted(path):
    doc = read_path(str(path))
    assert not chars.is_traditional("\n".join(doc.lines))
    assert chars.fold(doc) is doc


def test_traditional_report_is_detected_and_converted_line_for_line():
    opencc = pytest.importorskip("opencc")
    lines = opencc.OpenCC("s2t.json").convert(REPORT).splitlines()
    doc = Document("t.txt", "txt", "utf-8", lines)
    folded = chars.fold(doc)
    assert folded is not doc and doc.lines == lines          # the input is not changed
    assert [len(x) for x in folded.lines] == [len(x) for x in lines]
    assert folded.lines == REPORT.splitlines()
    assert any("traditional characters" in w for w in folded.warnings)


def test_variant_forms_of_taiwan_and_hong_kong_fold_too():
    pytest.importorskip("opencc")
    assert chars.to_simplified(["衞生健康委員會着力推進", "顯著成效"]) == ["卫生健康委员会着力推进", "显著成效"]


def test_phrase_changing_length_falls_back_to_characters(monkeypatch):
    table = {"國務院": "国务院院", "國": "国", "務": "务", "院": "院", "關": "关", "於": "于"}

    def fake(text):
        if text in table:
            return table[text]
        return text.replace("國務院", "国务院院")
    monkeypatch.setattr(chars, "_convert", fake)
    assert chars.to_simplified(["國務院關於", "其他"]) == ["国务院关于", "其他"]


def test_simplified_report_never_imports_the_converter():
    code = ("import sys; from lawcheck.check import check_path; "
            f"check_path({str(FIXTURES[0])!r}); print('opencc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------- anchor

def test_evidence_is_quoted_from_the_line_as_written():
    doc = Document("t.txt", "txt", "utf-8", split_lines(REPORT.replace("（一）严格", "　　（一）严格")))
    report = check_document(doc)
    evidence = [ev for it in report.items for ev in it.evidence]
    assert evidence and all(ev.column is not None for ev in evidence)
    ev = next(ev for ev in report.item("disputes.reconsideration").evidence)
    line = doc.lines[ev.line - 1]
    assert "３２件" in ev.text and "，" in ev.text          # full-width, as written
    assert line[ev.column - 1:].startswith(ev.text.removesuffix("…"))
    assert ev.to_dict()["column"] == ev.column


def test_one_line_report_evidence_is_located_by_column():
    text = "".join(REPORT.splitlines())
    doc = Document("t.txt", "txt", "utf-8", [text])
    report = check_document(doc)
    evidence = [ev for it in report.items for ev in it.evidence]
    assert evidence and all(ev.line == 1 and ev.column for ev in evidence)
    for ev in evidence:
        head = ev.text.removeprefix("…").split(" ")[0].removesuffix("…")
        assert text[ev.column - 1:].startswith(head), ev
    assert len({ev.column for ev in evidence}) > 3


def test_signature_is_quoted_over_its_two_lines():
    report = check_text(REPORT)
    ev = report.item("meta.signature").evidence[0]
    assert ev.text == "某县人民政府 2025年2月10日" and ev.column == 1


def test_unlocatable_evidence_keeps_its_text_and_gets_no_column():
    doc = Document("t.txt", "txt", "utf-8", ["全年办理行政复议案件32件。"])
    item = ItemResult("x", "x", "x", "pass", 1.0, "info",
                      evidence=[Evidence(line=1, section="(开头)", text="不在这一行的文字"),
                                Evidence(line=9, section="(开头)", text="行政复议"),
                                Evidence(line=1, section="(开头)", text="行政复议案件")])
    out = anchor(doc, doc, [item])[0].evidence
    assert (out[0].text, out[0].column) == ("不在这一行的文字", None)
    assert "column" not in out[0].to_dict()
    assert (out[1].text, out[1].column) == ("行政复议", None)
    assert (out[2].text, out[2].column) == ("行政复议案件", 5)


@pytest.mark.parametrize("path", FIXTURES + CORPUS, ids=lambda p: p.stem)
def test_every_fixture_evidence_is_located(path):
    doc = read_path(str(path))
    report = check_document(doc)
    for it in report.items:
        for ev in it.evidence:
            assert ev.column is not None, (it.id, ev)
            head = ev.text.removeprefix("…").split(" ")[0].removesuffix("…")
            assert doc.lines[ev.line - 1][ev.column - 1:].startswith(head), (it.id, ev)


def test_ci_formats_point_at_the_column():
    from lawcheck.render import github, sarif
    report = check_document(read_path(str(ROOT / "fixtures" / "reports" / "county-merged-2023.txt")))
    weak = [it for it in report.items if it.status == "weak" and it.evidence]
    assert weak
    regions = [res["locations"][0]["physicalLocation"]["region"]
               for res in sarif.build([report])["runs"][0]["results"] if res["ruleId"] == weak[0].id]
    assert regions[0] == {"startLine": weak[0].evidence[0].line, "startColumn": weak[0].evidence[0].column}
    lines = github.lines_for(report)
    assert any(f"line={weak[0].evidence[0].line},col={weak[0].evidence[0].column}," in ln for ln in lines)


def test_big5_traditional_text_is_not_read_as_gb18030():
    opencc = pytest.importorskip("opencc")
    from lawcheck.read import decode_text
    trad = opencc.OpenCC("s2tw.json").convert(REPORT)
    assert trad.encode("cp950").decode("gb18030")            # valid GB18030 too: nonsense
    assert decode_text(trad.encode("cp950"), "t.txt") == (trad, "big5")
    # the same traditional text in GBK, and simplified text in GBK, stay GB18030
    assert decode_text(trad.encode("gb18030"), "t.txt") == (trad, "gb18030")
    assert decode_text(REPORT.encode("gb18030"), "t.txt") == (REPORT, "gb18030")


def test_readers_treat_radicals_as_cjk():
    """A PDF's radicals are CJK glyphs to the readers: spaces inferred between them are
    dropped and ⼀、 starts a heading, as 一、 does."""
    from lawcheck.readers._common import HEADING_START, squeeze_cjk_spaces
    from lawcheck.readers.pdf import _VIRTUAL, _clean
    assert HEADING_START.match("⼀、主要成效") and HEADING_START.match("（⼆）严格执法")
    assert squeeze_cjk_spaces("⼈ ⺠ 政府") == "⼈⺠政府"
    assert _clean(f"⼈{_VIRTUAL}⺠{_VIRTUAL}政府 依法⾏政") == "⼈⺠政府 依法⾏政"
    from lawcheck.readers.html import read
    page = "<html><body><div class='content'><p>依法⾏\n政，全年办理⾏政复议案件32件。</p></div></body></html>"
    assert read(page.encode(), "a.html").lines == ["依法⾏政，全年办理⾏政复议案件32件。"]


def test_one_line_signature_is_the_one_at_the_end():
    """The issuer also opens the title; the signature quote is the issuer and date at the
    end, not the title's first words."""
    text = "".join(REPORT.replace("某县2024年法治政府建设情况报告",
                                  "某县人民政府关于2024年法治政府建设情况的报告").splitlines())
    report = check_document(Document("t.txt", "txt", "utf-8", [text]))
    ev = report.item("meta.signature").evidence[0]
    assert ev.text == "某县人民政府2025年2月10日"            # as written: one stretch
    assert ev.column == text.rindex("某县人民政府") + 1
