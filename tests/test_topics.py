"""The alignment check's segmenter gives jieba's words, word for word."""
from __future__ import annotations

import dataclasses
import random
from pathlib import Path

from lawcheck import topics
from lawcheck.read import read_path
from lawcheck.rules import load_pack

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "reports"


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


# The real reports beside the project (never copied into it), when present: the shared
# corpus and the independent sets.
CORPUS = sorted((ROOT.parent / "shared" / "corpus" / "reports").glob("*.txt")) + \
    sorted((ROOT.parent / "indep").glob("set-*/reports/*.txt"))


def _corpus_lines():
    for path in CORPUS + sorted(FIXTURES.glob("*.txt")):
        yield from read_path(str(path)).lines


def test_segmenter_is_jiebas_cut_word_for_word_on_the_corpus():
    """Every word, one-character ones too (jieba's punctuation and spaces aside: the
    segmenter sees only the blocks between them), on every line of every report."""
    tk = topics.for_pack(load_pack())
    jieba_tk = topics._tokenizer(tk.words)
    n = 0
    for line in _corpus_lines():
        assert tk._seg.cut(line) == [w for w in jieba_tk.cut(line, HMM=True)
                                     if topics._RE_BLOCK.search(w)], line
        n += 1
    assert n > 500


def test_segmenter_on_characters_the_hmm_tables_lack():
    """Han characters with no emission in some or all of the HMM's states (paths that
    start inside a word, ties between -3.14e100 sums): jieba's words, at random."""
    tk = topics.for_pack(load_pack())
    jieba_tk = topics._tokenizer(tk.words)
    # none / only B / only M / only E / only S emissions, then common ones and words
    pool = "丄丅丏両丣" "佴怃憮斉" "嬿嶌廼彐秄" "婨媞孓岊彡" "丂丆丌丒" "的了是在村级调解力量薄弱"
    rnd = random.Random(11)
    for _ in range(3000):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randint(1, 12)))
        assert tk._seg.cut(text) == list(jieba_tk.cut(text, HMM=True)), text


def test_long_words_only_is_the_cut_without_one_character_words():
    tk = topics.for_pack(load_pack())
    for line in _corpus_lines():
        for blk in topics._RE_BLOCK.findall(line):
            assert tk._seg.cut_block(blk, singles=False) == \
                [w for w in tk._seg.cut_block(blk) if len(w) > 1], blk


def test_focus_finds_every_topic_word_it_is_focused_on():
    """A Focus on some passages' topic words gives every one of them that another
    passage has (and nothing that passage lacks), whatever it skips: the passages are a
    window of lines of a report and the lines after it; some blocks of those are
    skipped, some segmented."""
    tk = topics.for_pack(load_pack())
    compared = skipped = 0
    for path in CORPUS[:40] + sorted(FIXTURES.glob("*.txt")):
        lines = [x for x in read_path(str(path)).lines if x.strip()]
        for at in range(0, len(lines) - 12, 9):
            tk._blocks.clear()
            words = set().union(*(tk.of(x) for x in lines[at:at + 3]))
            focus = tk.focus(words)
            for other in lines[at + 3:at + 12]:
                tk._blocks.clear()
                full = tk.of(other)
                tk._blocks.clear()       # the Focus finds no block segmented before
                got = focus.of(other)
                assert got & words == full & words and got <= full, other
                compared += 1
                skipped += len(focus._items_only)
    assert compared > 200 and skipped


def _items_by_scan(pack, text):
    """The rule items a passage touches, the plain way: every term of every item
    (its own terms; not the structure, quality and meta items) looked for in it."""
    return {"#" + it.id for it in pack.items
            if not it.id.startswith(("structure.", "quality.", "meta."))
            and any(t in text for t in it.terms)}


def test_items_found_block_by_block_are_those_in_the_passage():
    """Item topics come with each block's words (remembered per block) when a term lies
    within one block, and from the whole passage otherwise: the same as looking for
    every term in it, for the bundled pack and for one whose terms hold punctuation and
    spaces (a term across blocks)."""
    pack = load_pack()
    first = next(it for it in pack.items if not it.id.startswith(("structure.", "quality.")))
    odd = dataclasses.replace(first, terms=list(first.terms) + ["《条例》", "调解 力量", "薄弱,基层"])
    other = dataclasses.replace(pack, items=[odd if it is first else it for it in pack.items],
                                memo={})
    lines = list(_corpus_lines())[::7] + ["学习《条例》", "村级调解 力量薄弱,基层法治宣传教育"]
    for p in (pack, other):
        tk = topics.for_pack(p)
        for line in lines:
            assert {t for t in tk.of(line) if t.startswith("#")} == _items_by_scan(p, line), line
    assert {"#" + first.id} <= topics.for_pack(other).of("村级调解 力量薄弱,基层法治宣传教育")


def test_route_is_jiebas_calc_with_and_without_a_choice():
    """The route (the word jieba's calc takes at each position where one starts) is
    jieba's, for blocks where some position offers two words (scores compared) and
    where none does (each start's one word taken at once); both kinds are met."""
    tk = topics.for_pack(load_pack())
    jieba_tk = topics._tokenizer(tk.words)
    kinds = set()
    for line in list(_corpus_lines())[::3]:
        for blk in topics._RE_BLOCK.findall(line):
            dag = jieba_tk.get_DAG(blk)
            route: dict = {}
            jieba_tk.calc(blk, dag, route)
            assert tk._seg._route(blk) == [(i, route[i][1]) for i in range(len(blk))
                                           if route[i][1] > i], blk
            kinds.add(any(len(ends) > 1 for ends in dag.values()))
    assert kinds == {True, False}
