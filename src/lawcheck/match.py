"""Stage 3, match: Outline + Pack -> Matches (every term/pattern hit, per item, per unit).

All terms of all items are found in one Aho-Corasick pass per unit; patterns run per
item. A hit is dropped when an item's `exclude` pattern covers it (村法律顾问 for
government counsel) or when it sits inside the name of a law (学习《行政复议法》 is a
law studied, not work done); it is marked `demoted` when a `demote` pattern covers it
(执行复议决定 is a passing mention). Units that are bare lists of rule terms (a
keyword-stuffed fake) are flagged so no item can pass on them.
"""
from __future__ import annotations

import bisect
import functools
import operator
from . import rx as re
from . import rxstart
from dataclasses import dataclass, field

from .model import Hit, Outline
from .rules import Pack

# 《…法》《…条例》: naming a law is not doing work on its subject.
_LAW_TITLE = re.compile(r"《[^《》]{0,40}?(法|条例|法典|纲要|规定|意见|决定)》")
# 行政复议法 / 信访工作条例 without 《》: the term is part of a law's name.
_LAW_NAME_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:条例|法典)|法(?![治律规院官制庭务学人])")
_SENT_MARKS = "。!?;"               # what ends a sentence (a text as normalised)
# The lookahead names the first character of every alternative, so the scan skips
# other characters in one step (the same matches, 2-3 times faster).
FIGURE = re.compile(
    r"(?=[\d百一二三四五六七八九十两])((?<![\d.])(?!12345)(?!0(?![\d.]))\d+(?:\.\d+)?(?:%|‰|万|亿|千|百)?(?:余|多|个)?"
    r"(?:%|‰|件|次|人次|项|个|条|份|场|家|户|名|人|元|宗|批|小时|天|期|篇|册|块|起|所|座|处|"
    r"台|套|卷|类|村|场次|余件|余次|余人|余份|余条|余场|万元|亿元|平方|公里|米|吨|辆|起|例|课|堂|轮|部|本|"
    r"笔|单|张|位|支|门|间|栋|亩|公顷|户次|家次|辆次|架次|倍|周|个月|届|组|队|网格|宗次)"
    r"|百分之[一二三四五六七八九十百]+|[一二三四五六七八九十两]+(?:次|场|期|批|件)(?:此类|法治|专题|学习|会议|活动|培训)"
    r"|\d+(?:\.\d+)?%)")


@dataclass
class Matches:
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    stuffed: set[int] = field(default_factory=set)      # units that are bare term lists
    figures: dict[int, list[str]] = field(default_factory=dict)   # unit -> figures found

    def of(self, item_id: str) -> list[Hit]:
        return self.hits.get(item_id, [])

    @functools.cached_property
    def by_unit(self) -> dict[int, list[Hit]]:
        """Every item's hits grouped by unit, longest first (built once per report)."""
        out: dict[int, list[Hit]] = {}
        for lst in self.hits.values():
            for h in lst:
                out.setdefault(h.unit, []).append(h)
        for lst in out.values():
            lst.sort(key=lambda h: -len(h.text))
        return out

    def hits_in(self, unit: int) -> list[Hit]:
        """Every item's hits in one unit (longest first, for taking terms out of text)."""
        return self.by_unit.get(unit, [])


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    for s, e in spans:       # (a loop: any() over a generator costs more for a few spans)
        if s < end and start < e:
            return True
    return False


# A cache of this module, for the life of the process: the sentence bounds of the last
# 8192 texts asked about (the judge asks about the same units again and again).
@functools.lru_cache(maxsize=8192)
def _sentence_ends(text: str) -> tuple[int, ...]:
    """0, the end of each sentence mark, and len(text): sentence i is bounds[i:i + 2].
    (Each mark looked for with str.find: a regex class scans Chinese text at about
    twice the cost, and most units hold one kind of mark, 。.)"""
    ends: list[int] = []
    for mark in _SENT_MARKS:
        i = text.find(mark)
        while i >= 0:
            i += 1
            ends.append(i)
            i = text.find(mark, i)
    ends.sort()
    return (0, *ends, len(text))


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """Span of the sentence of `text` containing position `pos`."""
    bounds = _sentence_ends(text)
    # the first mark end after pos, or len(text) (past the last mark, and for pos >= len)
    i = bisect.bisect_right(bounds, pos, 1, len(bounds) - 1)
    return bounds[i - 1], bounds[i]


_PLACE = operator.attrgetter("unit", "start", "end")     # a hit's place, for sorting


def match(outline: Outline, pack: Pack) -> Matches:
    out = Matches()
    raw, all_spans, law_spans = _term_hits(outline, pack, out.figures)
    raw.extend(_pattern_hits(outline, pack))
    _Filter(outline, pack, law_spans).keep(raw, out.hits)
    within = _terms_within_fragments(pack)
    for uid, sp in all_spans.items():
        if _is_term_dump(outline.units[uid].text, sp, within):
            out.stuffed.add(uid)
    for lst in out.hits.values():
        lst.sort(key=_PLACE)
    return out


def _term_hits(outline: Outline, pack: Pack, figures: dict[int, list[str]]):
    """Every term hit of every unit (one Aho-Corasick pass per unit), with the spans of
    all of them per unit (for the term-dump check) and of the law titles per unit; the
    unit's figures go into `figures`."""
    auto = pack.automaton
    raw: list[Hit] = []
    all_spans: dict[int, list[tuple[int, int]]] = {}
    law_spans: dict[int, list[tuple[int, int]]] = {}
    for u in outline.units:
        text = u.text
        if "《" in text:
            law_spans[u.index] = [m.span() for m in _LAW_TITLE.finditer(text)]
        figs = FIGURE.findall(text)
        if figs:
            figures[u.index] = figs
        if auto is None:
            continue
        spans: list[tuple[int, int]] = []
        index, line, role, heading = u.index, u.line, u.role, u.is_heading
        for end, (term, owners) in auto.iter(text):
            start = end - len(term) + 1
            spans.append((start, end + 1))
            for item_id, kind in owners:
                raw.append(Hit(item_id, index, line, role, start, end + 1, term,
                               "heading" if heading and kind == "term" else kind))
        if spans:
            all_spans[index] = spans
    return raw, all_spans, law_spans


def _pattern_hits(outline: Outline, pack: Pack) -> list[Hit]:
    """Every pattern hit. Patterns run once over the whole text (units joined by "。\n",
    which no pattern crosses: they stop at 。 or do not span lines) and are mapped back
    to units; a pattern the regex engine cannot skip through runs only where its first
    character stands (rxstart)."""
    units = outline.units
    starts: list[int] = []
    pos = 0
    for u in units:
        starts.append(pos)
        pos += len(u.text) + 2
    whole = "。\n".join(u.text for u in units)
    raw: list[Hit] = []
    for item_id, kind, pat, first in _patterns_to_run(pack, outline.year):
        for m in rxstart.finditer(pat, first, whole):
            if m.end() == m.start():
                continue
            ui = bisect.bisect_right(starts, m.start()) - 1
            u = units[ui]
            s0 = m.start() - starts[ui]
            e0 = min(m.end() - starts[ui], len(u.text))
            if s0 >= len(u.text):
                continue
            k = "heading" if u.is_heading and kind == "pattern" else kind
            raw.append(Hit(item=item_id, unit=ui, line=u.line, role=u.role,
                           start=s0, end=e0, text=m.group(0)[:40], kind=k))
    return raw


def _patterns_to_run(pack: Pack, year: int | None) -> list[tuple[str, str, re.Pattern[str], re.Pattern[str] | None]]:
    """(item id, hit kind, pattern, class of its first characters or None: rxstart) of
    every item's patterns and weak patterns for a report of `year`, in pack order; built
    once per pack and year (Pack.memo)."""
    plans = pack.memo.setdefault("patterns_by_year", {})
    if year not in plans:
        first = pack.memo.setdefault("first_chars", {})     # pattern -> class of its first characters
        plan = []
        for it in pack.items:
            for key, kind in (("patterns", "pattern"), ("weak_patterns", "weak_term")):
                if getattr(it, key):
                    for pat in it.year_patterns(key, year):
                        if pat not in first:
                            first[pat] = rxstart.starts_class(rxstart.first_chars(pat))
                        plan.append((it.id, kind, pat, first[pat]))
        plans[year] = plan
    return plans[year]


class _Filter:
    """Exclusions, law names and demotions, computed only for units where an item has
    hits (memos that live for one report's match)."""

    def __init__(self, outline: Outline, pack: Pack,
                 law_spans: dict[int, list[tuple[int, int]]]) -> None:
        self.units, self.year, self.law_spans = outline.units, outline.year, law_spans
        self.items = {it.id: it for it in pack.items}
        # each negation with the class of its first characters (rxstart): the combined
        # negation pattern begins with groups, so the engine would try every position
        first = pack.memo.setdefault("first_chars", {})
        for n in pack.negations:
            if n not in first:
                first[n] = rxstart.starts_class(rxstart.first_chars(n))
        self.negations = [(n, first[n]) for n in pack.negations]
        # (item, exclude/demote) -> its patterns for the report's year, once per pack
        self._patterns: dict[tuple[str, str], list[re.Pattern[str]]] = pack.memo.setdefault(
            "filters_by_year", {}).setdefault(self.year, {})
        self._spans: dict[tuple[str, str, int], list[tuple[int, int]]] = {}
        # (tried only where its first characters stand: 围绕/就/结合…, 讲座/培训…, whatever
        # a pack's fragments begin with)
        self.lecture = pack.vocabulary.lecture_topic
        if "lecture_first" not in pack.memo:
            pack.memo["lecture_first"] = rxstart.starts_class(rxstart.first_chars(self.lecture))
        self.lecture_first = pack.memo["lecture_first"]
        self._lectures: dict[int, list[tuple[int, int]]] = {}

    def spans(self, item_id: str, key: str, unit: int) -> list[tuple[int, int]]:
        ck = (item_id, key, unit)
        if ck not in self._spans:
            pats = self._patterns.get(ck[:2])
            if pats is None:
                pats = self._patterns[ck[:2]] = self.items[item_id].year_patterns(key, self.year)
            text = self.units[unit].text
            self._spans[ck] = [m.span() for p in pats for m in p.finditer(text)]
        return self._spans[ck]

    def lectures(self, unit: int) -> list[tuple[int, int]]:
        """The spans of a unit naming what a lecture or training was about."""
        found = self._lectures.get(unit)
        if found is None:
            text = self.units[unit].text
            found = self._lectures[unit] = [
                m.span() for m in rxstart.finditer(self.lecture, self.lecture_first, text)]
        return found

    def negated(self, unit: int, start: int) -> bool:
        """Does the clause before `start` (from the last clause mark) say there was none
        of it? (Asked once per hit: a memo cost more than the few hits sharing a start.)"""
        text = self.units[unit].text
        last = _LAST_CLAUSE_MARK.match(text, 0, start)
        begin = last.end() if last else 0
        for n, starts in self.negations:
            # no first character of it in the clause (a class of characters finds the
            # same in the text between the clause's bounds): no match, nothing to cut
            if starts is not None and starts.search(text, begin, start) is None:
                continue
            if rxstart.search(n, starts, text[begin:start]) is not None:
                return True
        return False

    def keep(self, raw: list[Hit], hits: dict[str, list[Hit]]) -> None:
        """Add to `hits` (per item) the raw hits that stand, marking passing mentions."""
        units, law_spans = self.units, self.law_spans
        for h in raw:
            it = self.items[h.item]
            if it.exclude and _overlaps(self.spans(h.item, "exclude", h.unit), h.start, h.end):
                continue
            if not it.options.get("keep_law_titles") and (
                    h.unit in law_spans and _overlaps(law_spans[h.unit], h.start, h.end)
                    or _LAW_NAME_AFTER.match(units[h.unit].text, h.end)):
                continue
            if it.demote and _overlaps(self.spans(h.item, "demote", h.unit), h.start, h.end):
                h.demoted = True
            elif not it.options.get("keep_lecture_topics") and \
                    _overlaps(self.lectures(h.unit), h.start, h.end):
                h.demoted = True          # 围绕行政诉讼典型案例等主题授课: a topic taught
            elif self.negations and self.negated(h.unit, h.start):
                h.demoted = True          # 未发生行政复议: there was none of it
            hits.setdefault(h.item, []).append(h)


_FRAG = re.compile(r"[^\s、,;。:!?]+")
_FRAG_SEPARATOR = re.compile(r"[\s、,;。:!?]")
_SENTENCE_MARK = re.compile(r"[,。;:!?,]")
_WORD_GAP = re.compile(r"[\s、|｜│]+")      # (table cells: | ｜ │)


# marks that end a clause; shared with the judge stage
CLAUSE_MARK = re.compile(r"[,。;:!?]")
# the last clause mark of a text (matched up to a position: where that clause begins)
_LAST_CLAUSE_MARK = re.compile(r"(?s).*" + CLAUSE_MARK.pattern)


_DIGIT = re.compile(r"\d")


def _terms_within_fragments(pack: Pack) -> bool:
    """Does no term hold a fragment separator (then each term hit lies in one fragment)?
    Read once per pack."""
    if "terms_within_fragments" not in pack.memo:
        auto = pack.automaton
        pack.memo["terms_within_fragments"] = auto is None or not any(
            _FRAG_SEPARATOR.search(term) for term in auto.keys())
    return bool(pack.memo["terms_within_fragments"])


def _is_term_dump(text: str, spans: list[tuple[int, int]], within: bool = False) -> bool:
    """A unit made of bare rule terms between separators (a keyword-stuffed fake).

    A fragment (text between separators) is bare when it is short and almost all
    covered by terms; prose has verbs and objects around its terms, so its fragments
    are longer or less covered.
    """
    if not spans:
        return False
    body = text.rstrip("。;.")
    if not _SENTENCE_MARK.search(body):
        words = [f for f in _WORD_GAP.split(body) if f]
        # a list of short words with no sentence punctuation at all; not a table row
        # ("重大执法决定法制审核 | 2863件 | 2410件" pairs its label with figures: data)
        if len(words) >= 4 and sum(1 for f in words if len(f) <= 10) >= 0.75 * len(words) \
                and 2 * sum(1 for f in words if _DIGIT.search(f)) < len(words):
            return True
    if len(spans) < 3:
        return False
    if within and 5 * len(spans) < 3 * len(_FRAG.findall(text)):
        # `within`: each term hit lies in one fragment, so at most len(spans) fragments
        # are bare, fewer than 60 % of them (most prose units stop here)
        return False
    covered = bytearray(len(text))
    for s, e in spans:
        covered[s:e] = b"\x01" * (e - s)
    frags = bare = 0
    for m in _FRAG.finditer(text):
        frags += 1
        s, e = m.span()
        if e - s <= 10 and covered.count(1, s, e) >= 0.8 * (e - s):
            bare += 1
    return frags >= 3 and bare >= 3 and bare / frags >= 0.6
