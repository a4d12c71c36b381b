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
from . import rx as re
from dataclasses import dataclass, field

from .model import Hit, Outline
from .rules import Pack

# 《…法》《…条例》: naming a law is not doing work on its subject.
_LAW_TITLE = re.compile(r"《[^《》]{0,40}?(法|条例|法典|纲要|规定|意见|决定)》")
# 行政复议法 / 信访工作条例 without 《》: the term is part of a law's name.
_LAW_NAME_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:条例|法典)|法(?![治律规院官制庭务学人])")
_SENT_SPLIT = re.compile(r"[。!?;]")
FIGURE = re.compile(
    r"((?<![\d.])(?!12345)(?!0(?![\d.]))\d+(?:\.\d+)?(?:%|‰|万|亿|千|百)?(?:余|多|个)?"
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
    return any(s < end and start < e for s, e in spans)


@functools.lru_cache(maxsize=8192)
def _sentence_ends(text: str) -> tuple[int, ...]:
    return tuple(m.end() for m in _SENT_SPLIT.finditer(text))


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """Span of the sentence of `text` containing position `pos`."""
    ends = _sentence_ends(text)
    i = bisect.bisect_right(ends, pos)       # first sentence end after pos
    start = ends[i - 1] if i > 0 else 0
    end = ends[i] if i < len(ends) else len(text)
    return start, end


def match(outline: Outline, pack: Pack) -> Matches:
    out = Matches()
    year = outline.year
    auto = pack.automaton
    items = {it.id: it for it in pack.items}
    law_spans: dict[int, list[tuple[int, int]]] = {}
    all_spans: dict[int, list[tuple[int, int]]] = {}
    raw: list[Hit] = []

    # Patterns run once over the whole text (units joined by "。\n", which no pattern
    # crosses: they stop at 。 or do not span lines) and are mapped back to units.
    starts: list[int] = []
    pieces: list[str] = []
    pos = 0
    for u in outline.units:
        starts.append(pos)
        pieces.append(u.text)
        pos += len(u.text) + 2
    whole = "。\n".join(pieces)

    for u in outline.units:
        text = u.text
        if "《" in text:
            law_spans[u.index] = [m.span() for m in _LAW_TITLE.finditer(text)]
        figs = FIGURE.findall(text)
        if figs:
            out.figures[u.index] = figs
        if auto is not None:
            for end, (term, owners) in auto.iter(text):
                start = end - len(term) + 1
                all_spans.setdefault(u.index, []).append((start, end + 1))
                for item_id, kind in owners:
                    raw.append(Hit(item=item_id, unit=u.index, line=u.line, role=u.role,
                                   start=start, end=end + 1, text=term,
                                   kind="heading" if u.is_heading and kind == "term" else kind))
    units = outline.units
    for it in pack.items:
        for key, kind in (("patterns", "pattern"), ("weak_patterns", "weak_term")):
            if not getattr(it, key):
                continue
            for pat in it.year_patterns(key, year):
                for m in pat.finditer(whole):
                    if m.end() == m.start():
                        continue
                    ui = bisect.bisect_right(starts, m.start()) - 1
                    u = units[ui]
                    s0 = m.start() - starts[ui]
                    e0 = min(m.end() - starts[ui], len(u.text))
                    if s0 >= len(u.text):
                        continue
                    k = "heading" if u.is_heading and kind == "pattern" else kind
                    raw.append(Hit(item=it.id, unit=ui, line=u.line, role=u.role,
                                   start=s0, end=e0, text=m.group(0)[:40], kind=k))

    # Exclusions and demotions, computed only for units where an item has hits.
    cache: dict[tuple[str, str, int], list[tuple[int, int]]] = {}

    def spans(item_id: str, key: str, unit: int) -> list[tuple[int, int]]:
        ck = (item_id, key, unit)
        if ck not in cache:
            pats = items[item_id].year_patterns(key, year)
            text = outline.units[unit].text
            cache[ck] = [m.span() for p in pats for m in p.finditer(text)]
        return cache[ck]

    for h in raw:
        it = items[h.item]
        if it.exclude and _overlaps(spans(h.item, "exclude", h.unit), h.start, h.end):
            continue
        if not it.options.get("keep_law_titles") and (
                h.unit in law_spans and _overlaps(law_spans[h.unit], h.start, h.end)
                or _LAW_NAME_AFTER.match(outline.units[h.unit].text, h.end)):
            continue
        if it.demote and _overlaps(spans(h.item, "demote", h.unit), h.start, h.end):
            h.demoted = True
        elif pack.negations and _negated(outline.units[h.unit].text, h.start, pack.negations):
            h.demoted = True          # 未发生行政复议: there was none of it
        out.hits.setdefault(h.item, []).append(h)

    for uid, sp in all_spans.items():
        if _is_term_dump(outline.units[uid].text, sp):
            out.stuffed.add(uid)
    for lst in out.hits.values():
        lst.sort(key=lambda h: (h.unit, h.start, h.end))
    return out


_FRAG = re.compile(r"[^\s、,;。:!?]+")


# marks that end a clause; shared with the judge stage
CLAUSE_MARK = re.compile(r"[,。;:!?]")


def _negated(text: str, start: int, negations: list[re.Pattern[str]]) -> bool:
    """Does the clause before the hit say there was none of it?"""
    begin = max((m.end() for m in CLAUSE_MARK.finditer(text, 0, start)), default=0)
    clause = text[begin:start]
    return any(n.search(clause) for n in negations)


def _is_term_dump(text: str, spans: list[tuple[int, int]]) -> bool:
    """A unit made of bare rule terms between separators (a keyword-stuffed fake).

    A fragment (text between separators) is bare when it is short and almost all
    covered by terms; prose has verbs and objects around its terms, so its fragments
    are longer or less covered.
    """
    if not spans:
        return False
    body = text.rstrip("。;.")
    if not re.search(r"[,。;:!?,]", body):
        words = [f for f in re.split(r"[\s、]+", body) if f]
        if len(words) >= 4 and sum(1 for f in words if len(f) <= 10) >= 0.75 * len(words):
            return True      # a list of short words with no sentence punctuation at all
    if len(spans) < 3:
        return False
    covered = bytearray(len(text))
    for s, e in spans:
        covered[s:e] = b"\x01" * (e - s)
    frags = [(m.start(), m.end()) for m in _FRAG.finditer(text)]
    if len(frags) < 3:
        return False
    bare = 0
    for s, e in frags:
        n = e - s
        if n <= 10 and sum(covered[s:e]) >= 0.8 * n:
            bare += 1
    return bare >= 3 and bare / len(frags) >= 0.6
