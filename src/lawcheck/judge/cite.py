"""How much of a passage to quote, and what in it marks the decisive words.

Text-only helpers for evidence (no Context): a quote is always one contiguous piece of
a unit's normalised text, the sentence around the decisive words, trimmed at clause
marks to a readable length. Quotes are never joined, paraphrased or ellipsised: a later
step finds each quote again in the original line to point at its column.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
from typing import Callable

from .. import rx as re

from ..match import CLAUSE_MARK, FIGURE, sentence_at

LIMIT = 90                  # longest quote, in characters (a line of a review sheet)
_LEAD_JUNK = " ,;:、。!?"     # a quote never opens on a separator …
_TAIL_JUNK = " ,:、"          # … nor ends on one that reads as a cut (。; stay)
# one of several fields named before 等工作/等领域/等方面 (执法规范化、矛盾纠纷化解等工作中的
# 突出问题): the sentence is about something else. 粤商通、一网通办等线上方式办理 is not.
_LIST_MEMBER = re.compile(r"[^,。;:!?、]{0,16}(、[^,。;:!?、]{1,16})+等[^,。;:!?、]{0,4}?"
                          r"(工作|领域|方面|问题|事项|内容|部门|单位|环节|行业)")


def clip(text: str, start: int, end: int | None = None, limit: int = LIMIT) -> tuple[int, int]:
    """Span of `text` to quote for the decisive words at [start, end): their sentence,
    trimmed when longer than `limit` to whole clauses around the words (growing towards
    the clause with a figure first, else forwards, where results usually follow), and
    to a window of `limit` characters when one clause alone is longer."""
    end = start if end is None or end < start else end
    s, e = sentence_at(text, start)
    end = min(max(end, start), e)
    if e - s > limit:
        s, e = _trim(text, s, e, start, max(end, start + 1), limit)
    return _tidy(text, s, e)


def quoted_whole(text: str, pos: int, limit: int = LIMIT) -> bool:
    """Is the sentence at `pos` quoted whole whatever span of it is asked for? (`clip`
    trims only a sentence longer than `limit`: a shorter one is quoted from its start to
    its end wherever the decisive words are in it.)"""
    s, e = sentence_at(text, pos)
    return e - s <= limit


def _trim(text: str, s: int, e: int, start: int, end: int, limit: int) -> tuple[int, int]:
    """[s, e) is a sentence longer than `limit`: the clauses holding [start, end), grown
    by whole neighbouring clauses while they fit."""
    bounds = [s] + [m.end() for m in CLAUSE_MARK.finditer(text, s, e) if m.end() < e] + [e]
    # (bounds rise strictly: the last clause starting at or before `start`, and the last
    # starting before `end`)
    first = bisect.bisect_right(bounds, start, 0, len(bounds) - 1) - 1
    last = bisect.bisect_left(bounds, end, 0, len(bounds) - 1) - 1
    lo, hi = bounds[first], bounds[last + 1]
    if hi - lo > limit and last > first:
        # the words span clauses that do not fit together: keep the clause they start in
        last, hi = first, bounds[first + 1]
        end = min(end, hi)
    if hi - lo > limit:
        # one long clause: a window that keeps the words and what follows them, cut
        # after a 、 where one is near (a list item is not split in the middle)
        clause_lo, lo = lo, max(lo, min(start - 12, end - limit))
        if lo > clause_lo:
            mark = text.find("、", lo, start)
            lo = mark + 1 if mark >= 0 else lo
        hi = min(hi, lo + limit)
        if hi < bounds[last + 1]:
            mark = text.rfind("、", max(end, lo + limit // 2), hi)
            hi = mark if mark >= 0 else hi
        return lo, hi
    figured: dict[tuple[int, int], bool] = {}     # a clause not taken is offered again
    while True:
        left = (bounds[first - 1], lo) if first > 0 else None
        right = (hi, bounds[last + 2]) if last + 2 < len(bounds) else None
        fits = [c for c in (right, left) if c and c[1] - c[0] + hi - lo <= limit]
        if not fits:
            return lo, hi
        pick = fits[0]
        for c in fits:
            fig = figured.get(c)
            if fig is None:
                fig = figured[c] = has_figure(text, c[0], c[1])
            if fig:
                pick = c
                break
        if right is not None and pick == right:
            hi, last = right[1], last + 1
        else:
            assert left is not None          # pick is left: fits holds only right and left
            lo, first = left[0], first - 1


def _tidy(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop separators and spaces at either end (the span stays inside the text)."""
    while s < e and text[s] in _LEAD_JUNK:
        s += 1
    while e > s and text[e - 1] in _TAIL_JUNK:
        e -= 1
    return s, e


def figure_near(text: str, pos: int) -> bool:
    """A figure that belongs to the words at `pos`: anywhere in their sentence when they
    are in the sentence's first clause (the sentence is about them: 依托平台…,全年处置
    2.17万件), else in their clause or the next one (not an audit figure two clauses
    before 突发事件)."""
    s, e = sentence_at(text, pos)
    sent = text[s:e]
    return figure_in_clauses(sent, clause_bounds(sent), pos - s, _has_figure)


def _has_figure(text: str) -> bool:
    return has_figure(text)


# Every match of match.FIGURE starts with a digit, with 百分之, or with numerals the last of
# which stands before 次/场/期/批/件. FIGURE has no literal prefix and tries its branches at
# every character; this test is much quicker and rules most sentences out. It is used only
# for the FIGURE it was written against (its pattern's SHA-256 below; tests/test_evidence.py
# says when FIGURE changes and this needs another look).
FIGURE_CHECKED = "4825d2b8a4d43f81"
_MAY_FIGURE = re.compile(r"\d|百分之|[一二三四五六七八九十两](?:次|场|期|批|件)")
_PREFILTER = hashlib.sha256(FIGURE.pattern.encode()).hexdigest()[:16] == FIGURE_CHECKED \
    and FIGURE.flags == _MAY_FIGURE.flags


def has_figure(text: str, pos: int = 0, endpos: int | None = None) -> bool:
    """`FIGURE.search(text, pos, endpos) is not None`, quickly: FIGURE runs only from the
    first place a figure can start (a figure of numerals, 十二次, also matches from its
    last numeral; FIGURE's look-behind sees the text before `pos` either way)."""
    end = len(text) if endpos is None else endpos
    if not _PREFILTER:
        return FIGURE.search(text, pos, end) is not None
    first = _MAY_FIGURE.search(text, pos, end)
    return first is not None and FIGURE.search(text, first.start(), end) is not None


def may_figure(text: str) -> bool:
    """False when no figure can be found in `text` nor in any piece of it (has_figure is
    False for every slice): nothing a figure starts with is there."""
    return not _PREFILTER or _MAY_FIGURE.search(text) is not None


def clause_bounds(sent: str) -> tuple[int, ...]:
    """Where the clauses of a sentence start (0, after each clause mark) and its end."""
    return (0, *(m.end() for m in CLAUSE_MARK.finditer(sent)), len(sent))


def figure_in_clauses(sent: str, bounds: tuple[int, ...], rel: int,
                      has_figure: Callable[[str], bool]) -> bool:
    """`figure_near` for the words at `rel` in `sent` (`bounds`: its `clause_bounds`),
    with `has_figure` as the test for a figure in a piece of it."""
    for i in range(len(bounds) - 1):
        if bounds[i] <= rel < bounds[i + 1]:
            if i == 0:
                return has_figure(sent)
            end = bounds[i + 2] if i + 2 < len(bounds) else bounds[i + 1]
            return has_figure(sent[bounds[i]:end])
    return has_figure(sent)


def figure_span(text: str, pos: int) -> tuple[int, int] | None:
    """The figure of the sentence at `pos` closest to it (to keep it in the quote)."""
    s, e = sentence_at(text, pos)
    figs = [m.span() for m in FIGURE.finditer(text, s, e)]
    return min(figs, key=lambda sp: abs(sp[0] - pos)) if figs else None


def incidental(text: str, start: int, end: int, sentence: tuple[int, int] | None = None) -> bool:
    """Are the words one of several things listed with 等 (针对执法规范化、矛盾纠纷化解等
    工作中的突出问题)? Such a sentence is about something else. (`sentence`: the span of
    the sentence at `start`, when the caller has it.)"""
    s, e = sentence or sentence_at(text, start)
    return any(a <= start and end <= b for a, b in _list_members(text, s, e))


@functools.lru_cache(maxsize=4096)
def _list_members(text: str, s: int, e: int) -> tuple[tuple[int, int], ...]:
    """The 等-lists of one sentence (many hits share a sentence; the search is slow, and
    needless in the many sentences without both a 、 and a 等)."""
    if text.find("等", s, e) < 0 or text.find("、", s, e) < 0:
        return ()
    return tuple(span for a, b in _list_runs(text, s, e)
                 for span in (m.span() for m in _LIST_MEMBER.finditer(text, a, b)))


# _LIST_MEMBER never spans one of these (none of its parts takes them), and it ends on
# 等…工作: only the stretches between them that hold such an end need the slow search.
_RUN_MARKS = ",。;:!?"
_RUN_MARK = re.compile(f"[{_RUN_MARKS}]")
_LIST_END = re.compile(r"等[^,。;:!?、]{0,4}?(?:工作|领域|方面|问题|事项|内容|部门|单位|环节|行业)")


def _list_runs(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The stretches of [s, e) between _RUN_MARKS that hold an end of a 等-list, in order
    (searched one by one, they give the matches a search of [s, e) gives)."""
    runs = []
    pos = s
    while (end := _LIST_END.search(text, pos, e)) is not None:
        a = max(s, max(text.rfind(c, s, end.start()) for c in _RUN_MARKS) + 1)
        mark = _RUN_MARK.search(text, end.end(), e)
        b = mark.start() if mark else e
        runs.append((a, b))
        pos = b
    return runs
