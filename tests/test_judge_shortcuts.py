"""The judge's shortcuts give the answers of the slow ways they stand in for: the 等-list
search limited to the stretches that can hold one, the figure tests skipped where no
figure can be, the 截至/预计 search started late, zh's rewrites skipped for marks a text
lacks. Each is compared with the plain computation on generated text (hypothesis hunts
for a counterexample) and on the fixture reports."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lawcheck.judge import cite, meta
from lawcheck.judge.context import SENT
from lawcheck.match import FIGURE, sentence_at
from lawcheck.outline import outline
from lawcheck.read import read_path
from lawcheck.rules import load_pack
from lawcheck.zhtype import _BANG, _COLON, _COMMA, _PARENS, _QUESTION, _SEMI, zh

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
# the fixture reports' units, as the judge reads them (normalised)
UNIT_TEXTS = [u.text for p in sorted(FIXTURES.glob("*.txt"))
              for u in outline(read_path(str(p)), load_pack().roles).units]

# ------------------------------------------------------------------ 等-lists

_LIST_ALPHABET = "、等,。;:!?工作领域方面问题事项内容部门单位环节行业执法规范化矛盾纠纷 a1"


def _plain_list_members(text: str, s: int, e: int) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in cite._LIST_MEMBER.finditer(text, s, e))


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_LIST_ALPHABET, max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_list_members_searched_in_stretches_are_those_of_the_whole_sentence(text, s, e):
    s, e = min(s, len(text)), min(max(s, e), len(text))
    if text.find("等", s, e) < 0 or text.find("、", s, e) < 0:
        return                               # (_list_members' own first test)
    assert cite._list_members.__wrapped__(text, s, e) == _plain_list_members(text, s, e)


def test_list_members_of_the_fixture_sentences():
    for text in UNIT_TEXTS:
        for m in SENT.finditer(text):
            s, e = m.span()
            if text.find("等", s, e) >= 0 and text.find("、", s, e) >= 0:
                assert cite._list_members.__wrapped__(text, s, e) == _plain_list_members(text, s, e)


# ------------------------------------------------------------------ figures

_FIG_ALPHABET = "0123456789.%‰百分之一二三四五六七八九十两万亿余个次场期批件人项法治专题学习会议活动" \
                "培训此类,。;:!?、 年度工作开展"


def _pieces(text: str):
    """Every sentence of `text` (as sentence_at and SENT cut them) and every clause piece
    figure_near tests in one (a clause, or a clause and the next)."""
    for m in SENT.finditer(text):
        yield m.group(0)
    for pos in range(len(text)):
        s, e = sentence_at(text, pos)
        sent = text[s:e]
        yield sent
        bounds = cite.clause_bounds(sent)
        for i in range(len(bounds) - 1):
            yield sent[bounds[i]:bounds[min(i + 2, len(bounds) - 1)]]


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_FIG_ALPHABET, max_size=30))
def test_a_text_without_figures_has_none_in_any_sentence_or_clause(text):
    """Context.has_figure_in and figure_near answer False for a unit where match found no
    figure: no sentence or clause of it may then hold one."""
    if FIGURE.search(text) is None:
        assert not any(cite.has_figure(p) for p in _pieces(text))


def test_fixture_units_without_figures_have_none_in_their_pieces():
    for text in UNIT_TEXTS:
        if FIGURE.search(text) is None:
            assert not any(cite.has_figure(p) for p in _pieces(text))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_FIG_ALPHABET, max_size=30))
def test_may_figure_false_means_no_figure_in_any_slice(text):
    if not cite.may_figure(text):
        assert not any(FIGURE.search(text[a:b]) for a in range(len(text) + 1)
                       for b in range(a, len(text) + 1))


# ------------------------------------------------------------------ 截至 / 预计

_AS_OF_ALPHABET = "截至止到于目前发稿报告预计2024年12月10日底末中旬一二三十 ,。\n"


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_AS_OF_ALPHABET, max_size=40))
def test_as_of_search_from_its_first_opening_finds_what_a_full_search_finds(text):
    got, want = meta._as_of(text), meta._AS_OF.search(text)
    assert (got and got.span()) == (want and want.span())


# ------------------------------------------------------------------ zh

_ZH_ALPHABET = ",;:?!() 0123456789abc.%“”《》甲乙丙法治"


def _plain_zh(text: str) -> str:
    if not text or not re.search(r"[\u3400-\u4dbf\u4e00-\u9fff]", text):
        return text
    text = _COMMA.sub("，", text)
    text = _SEMI.sub("；", text)
    text = _COLON.sub("：", text)
    text = _QUESTION.sub("？", text)
    text = _BANG.sub("！", text)
    return _PARENS.sub(r"（\1）", text)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_ZH_ALPHABET, max_size=30))
def test_zh_skipping_absent_marks_rewrites_as_every_rewrite_would(text):
    assert zh(text) == _plain_zh(text)


# ------------------------------------------------------------------ slogans

_PACK = load_pack()
# pieces of sentences: stock words (坚持, 推进, 依法行政 …), their characters, and others
_STOCK = list(_PACK.slogan_words[:30]) + list("坚持推进依法行政法治化进一步加强工作")
_OTHER = list("开展全年办理件案复议调解出庭应诉") + ["12", ",", "。", "a"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_STOCK + _OTHER), max_size=16))
def test_four_characters_of_no_stock_word_outlast_taking_the_stock_out(pieces):
    """stock_slogan's shortcut (four CJK characters of no stock word) answers as taking
    the stock wording out word by word does."""
    from lawcheck.judge.context import _CJK_4, stock_slogan, strip_words
    rest = "".join(pieces)
    assert stock_slogan(rest, _PACK) == (not _CJK_4.match(strip_words(rest, _PACK.slogan_words)))


def test_slogan_test_of_the_fixture_sentences_is_the_plain_removal():
    """Every sentence of every fixture unit, with the report's own hits: the slogan test
    answers as taking the hits' words and then the stock wording out does, and its
    shortcut decides most of them."""
    from lawcheck.judge.context import _CJK_4, Context, _is_slogan, _stock_free_4, strip_words
    from lawcheck.match import match
    decided = total = 0
    for p in sorted(FIXTURES.glob("*.txt")):
        ol = outline(read_path(str(p)), _PACK.roles)
        ctx = Context(outline=ol, matches=match(ol, _PACK), pack=_PACK)
        for u in ol.units:
            if u.is_heading:
                continue
            for sent in SENT.findall(u.text):
                rest = strip_words(sent, [h.text for h in ctx.matches.hits_in(u.index)])
                plain = not ctx.has_figure_in(u, sent) and \
                    not _CJK_4.match(strip_words(rest, _PACK.slogan_words))
                assert _is_slogan(ctx, u.index, sent) == plain, sent
                decided += bool(_stock_free_4(_PACK).match(rest))
                total += 1
    assert decided > total // 2


# ------------------------------------------------------------------ quoted words

@settings(max_examples=2000, deadline=None)
@given(st.lists(st.text(alphabet="行政复议应诉出庭 a,", min_size=1, max_size=5), max_size=10))
def test_quotable_drops_exactly_the_words_inside_another(words):
    """quotable finds a word inside another by a second find in the joined words: the
    words any pairwise test would drop."""
    from lawcheck.judge.context import _MAX_QUOTABLE, _QUOTABLE, quotable
    unique = [w for w in dict.fromkeys(w.strip() for w in words) if _QUOTABLE.fullmatch(w)]
    unique = unique[:_MAX_QUOTABLE]
    assert quotable(words) == [w for w in unique if not any(w != o and w in o for o in unique)]


# ------------------------------------------------------------------ clipped quotes

def _plain_trim(text, s, e, start, end, limit):
    """cite._trim as it was: clauses found by scanning every bound, each neighbour's
    figure test done again each round."""
    bounds = [s] + [m.end() for m in cite.CLAUSE_MARK.finditer(text, s, e) if m.end() < e] + [e]
    first = max(i for i in range(len(bounds) - 1) if bounds[i] <= start)
    last = max(i for i in range(len(bounds) - 1) if bounds[i] < end)
    lo, hi = bounds[first], bounds[last + 1]
    if hi - lo > limit and last > first:
        last, hi = first, bounds[first + 1]
        end = min(end, hi)
    if hi - lo > limit:
        return None                 # the one-long-clause window: the same code either way
    while True:
        left = (bounds[first - 1], lo) if first > 0 else None
        right = (hi, bounds[last + 2]) if last + 2 < len(bounds) else None
        fits = [c for c in (right, left) if c and c[1] - c[0] + hi - lo <= limit]
        if not fits:
            return lo, hi
        pick = next((c for c in fits if cite.has_figure(text, c[0], c[1])), fits[0])
        if right is not None and pick == right:
            hi, last = right[1], last + 1
        else:
            lo, first = left[0], first - 1


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="法治,。;12件次a、", min_size=1, max_size=60), st.integers(0, 60),
       st.integers(0, 8), st.integers(4, 30))
def test_trim_finds_the_clauses_the_plain_scan_finds(text, start, width, limit):
    start = min(start, len(text) - 1)
    s, e = sentence_at(text, start)
    end = min(start + 1 + width, e)
    plain = _plain_trim(text, s, e, start, end, limit)
    if plain is not None:
        assert cite._trim(text, s, e, start, end, limit) == plain


# ------------------------------------------------------------------ sentences quoted whole

@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="法治,。;!12件次a、 ", min_size=1, max_size=60), st.integers(0, 60),
       st.integers(0, 60), st.integers(0, 8), st.integers(0, 8), st.integers(4, 30))
def test_a_sentence_quoted_whole_is_the_quote_of_any_span_in_it(text, a, b, wa, wb, limit):
    """cite.quoted_whole: clip gives the same quote for any two spans that start in one
    sentence it says is quoted whole (so the ranking need not look for its figure)."""
    a, b = min(a, len(text) - 1), min(b, len(text) - 1)
    if sentence_at(text, a) != sentence_at(text, b) or not cite.quoted_whole(text, a, limit):
        return
    assert cite.clip(text, a, a + wa, limit) == cite.clip(text, b, b + wb, limit)


def test_the_evidence_of_the_fixtures_is_that_of_the_span_with_its_figure(monkeypatch):
    """The ranking skips the figure of a cited sentence quoted whole: every fixture
    report's results are those of looking for it every time."""
    from lawcheck.check import check_document
    from lawcheck.judge import rank
    from lawcheck.render.json_ import render

    def results() -> list[str]:
        return [render([check_document(read_path(str(p)), _PACK)])
                for p in sorted(FIXTURES.glob("*.txt"))]
    fast = results()
    monkeypatch.setattr(rank, "quoted_whole", lambda text, pos: False)
    assert results() == fast
