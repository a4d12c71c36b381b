"""The alignment check's segmenter gives jieba's words, word for word."""
from __future__ import annotations

from pathlib import Path

from lawcheck import topics
from lawcheck.read import read_path
from lawcheck.rules import load_pack

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


def _words(ws):
    return [w for w in ws if topics._CJK_WORD.match(w)]


def test_segmenter_is_jiebas_cut_on_every_fixture_line():
    tk = topics.for_pack(load_pack())
    jieba_tk = topics._tokenizer(tk.words)
    n = 0
    for path in sorted(FIXTURES.glob("*.txt")):
        for line in read_path(str(path)).lines:
            assert _words(tk._seg.cut(line)) == _words(jieba_tk.cut(line, HMM=True)), line
            n += 1
    assert n > 500


def test_segmenter_edge_cases():
    tk = topics.for_pack(load_pack())
    jieba_tk = topics._tokenizer(tk.words)
    for text in ["", "a", "镇", "2024年12345热线办结率99.5%", "AB-12cd.5%村级调解", "  \r\n 行政复议",
                 "某某某某某某", "ＡＢＣ", "执法执法执法执法", "一村一法律顾问全覆盖x3"]:
        assert _words(tk._seg.cut(text)) == _words(jieba_tk.cut(text, HMM=True)), text


def test_topics_of_is_stable_with_the_block_memo():
    tk = topics.for_pack(load_pack())
    text = "村级调解力量薄弱,基层法治宣传教育针对性不强。"
    first = tk.of(text)
    assert tk.of(text) == first
    tk._blocks.clear()
    assert tk.of(text) == first
