"""Which passage an item cites first: its hits ranked by how well their sentence
justifies the verdict (see `hit_evidence`), for the presence and part checks."""
from __future__ import annotations

import heapq

from ..match import CLAUSE_MARK, FIGURE, sentence_at
from ..model import Evidence, Hit, Unit
from .cite import LIMIT, figure_span, incidental, quoted_whole
from .context import (MAX_EVIDENCE, Context, slogan_in, subtree, units_of)


# A real report has a few dozen hits per item (39 at most on the fixtures); ranking more
# than this many only costs time on pathological input (50,000 headings).
MAX_RANKED = 1000


def hit_evidence(ctx: Context, hits: list[Hit], limit: int = MAX_EVIDENCE) -> list[Evidence]:
    """Evidence for an item's hits, the passage that best justifies the verdict first.

    A reviewer wants the work done, not the word: a sentence with the item's words and a
    figure, then one with a concrete action, before a bare mention, a slogan or a field
    listed among others; a body sentence before a heading; the work done before a
    mention in the problems or plans. Among equals: the part devoted to the topic (under
    a heading that names it) first, then the sentence with more of the item's words,
    then one that opens with them. A heading hit is represented by the best sentence of
    the work under it when its body does not repeat the item's words; the heading itself
    comes last, so it is cited first only where nothing else says more (the heading is
    then the deciding fact)."""
    # sentence -> (key, unit, start, end, hit): the best offer for each sentence; a hit
    # whose quote keeps its figure (strength 0) gets that span only if it is cited
    cands: dict[tuple[int, int], tuple[tuple, Unit, int, int, Hit | None]] = {}
    topic = _topic_sections(ctx, hits)
    by_unit: dict[int, list[Hit]] = {}
    for h in hits:
        by_unit.setdefault(h.unit, []).append(h)
    under: dict[int, tuple[int, Unit, int, int] | None] = {}
    shared: dict[tuple[int, int], _Sentence] = {}     # (unit, sentence start) -> its facts

    def offer(key: tuple, unit: Unit, sent: int, start: int, end: int, hit: Hit | None = None) -> None:
        at = (unit.index, sent)
        old = cands.get(at)
        if old is None or key < old[0]:
            cands[at] = (key, unit, start, end, hit)

    # key: (not strong, in the problems or plans, borrowed from the leader's duty part,
    # not the item's words, strength,
    # not on topic, fewer of the item's words, not opening its sentence, position)
    units = ctx.outline.units
    for h in hits[:MAX_RANKED]:
        u = units[h.unit]
        if u.is_heading:
            if u.index not in under:
                under[u.index] = _work_under(ctx, u, by_unit)
            best = under[u.index]
            if best is not None:
                bq, bu, bs, be = best
                offer((bq > 1, False, False, True, bq, False, 0, False, bu.index, bs), bu,
                      0 if bu.is_heading else sentence_at(bu.text, bs)[0], bs, be)
            offer((True, u.role in ("shortcomings", "plans"), False, False, 5,
                   not _on_topic(ctx, u, topic), 0, False, u.index, h.start), u, 0, h.start, h.end)
            continue
        s, e = sentence_at(u.text, h.start)
        sent = shared.get((u.index, s))
        if sent is None:
            sent = shared[(u.index, s)] = _Sentence(ctx, u, s, e, by_unit[h.unit], topic)
        q = _strength(ctx, h, u, sent)
        led = sent.led
        if led is None:
            offer((q > 1, sent.later, sent.borrowed and not h.item.startswith("structure."), False,
                   q, sent.off_topic, sent.density, not _opens(u.text, h.start, s), u.index, h.start),
                  u, s, h.start, h.end, h if q == 0 else None)
            continue
        # 究其原因, | 一是…: the point it leads in says it (the words' place read in it)
        ls, le = sentence_at(led.text, h.start)
        borrowed = led.role == "first_responsible" and not h.item.startswith("structure.")
        offer((q > 1, sent.later, borrowed, False, q, sent.off_topic,
               -_density(by_unit[h.unit], ls, le), not _opens(led.text, h.start, ls), led.index,
               h.start), led, sentence_at(led.text, 0)[0], 0, 0)
    ranked = heapq.nsmallest(limit, cands.values(), key=lambda c: c[0])
    out = []
    for _, unit, start, end, hit in ranked:
        if hit is not None:
            start, end = _with_figure(ctx, unit, hit, by_unit[hit.unit])
        out.append(ctx.evidence(unit, start, end))
    return out


class _Sentence:
    """What an item's hits in one sentence [start, end) of a unit share in the ranking:
    in the problems or plans, in the leader's duty part (borrowed, for another item's
    hits: it lists many topics in one sentence), not under a heading that names the item,
    how many of the item's words it holds (negated), a slogan or the opening formula, the
    point it leads in, and whether it is concrete without the item's words (found when
    first asked)."""
    __slots__ = ("start", "end", "later", "borrowed", "off_topic", "density", "says_nothing",
                 "led", "rest_concrete", "_hits")

    def __init__(self, ctx: Context, u: Unit, s: int, e: int, hits: list[Hit], topic: set[int]):
        self.start, self.end, self._hits = s, e, hits       # the item's hits in the unit
        self.later = u.role in ("shortcomings", "plans")
        self.borrowed = u.role == "first_responsible"
        self.off_topic = not _on_topic(ctx, u, topic)
        self.density = -_density(hits, s, e)
        self.says_nothing = slogan_in(ctx, u.index, s, e) or \
            (u.role == "preamble" and s == 0 and u.index == _first_body(ctx))
        self.led = _led_point(ctx, u, s, e)
        self.rest_concrete: bool | None = None

    def concrete_rest(self, ctx: Context, u: Unit) -> bool:
        """Is the sentence concrete once the item's words are taken out (出庭应诉 alone is
        the topic, not an action)?"""
        if self.rest_concrete is None:
            rest = u.text[self.start:self.end]
            for w in sorted({x.text for x in self._hits}, key=lambda w: (-len(w), w)):
                rest = rest.replace(w, "")
            self.rest_concrete = ctx.concrete(rest)
        return self.rest_concrete


def _led_point(ctx: Context, u: Unit, s: int, e: int) -> Unit | None:
    """The first enumerated point when the words in the sentence [s, e) only lead into it
    and the outline cut them off it (a unit ending "…。究其原因," before "一是…", "主要原因是:"
    before "(1)…"): a lead-in alone says nothing a reviewer can check."""
    if u.is_heading or (e < len(u.text) and u.text[e:].strip()):
        return None                 # (most sentences: more of the unit follows them)
    lead = u.text[s:e].strip()
    if len(lead) > 14 or not lead.endswith((",", ":")):
        return None
    nxt = ctx.unit(u.index + 1) if u.index + 1 < len(ctx.outline.units) else None
    if nxt is None or nxt.is_heading or not nxt.enum or nxt.line != u.line:
        return None
    return nxt


def _density(hits: list[Hit], s: int, e: int) -> int:
    """How many of the item's hits share the hit's sentence [s, e) (法制审核 … 全年法制审核案件
    129件 is more about legal review than one 审核 among other work)."""
    return sum(1 for x in hits if s <= x.start < e)


def _opens(text: str, pos: int, s: int) -> bool:
    """Are the words at `pos` in the first clause of their sentence (starting at `s`: the
    sentence is about them: 人民调解组织调解纠纷4230件), not added at its end (…,调解和解结案31件)?"""
    return not CLAUSE_MARK.search(text, s, pos)


def _with_figure(ctx: Context, u: Unit, h: Hit, hits: list[Hit]) -> tuple[int, int]:
    """The words to keep in a quote of the hit's sentence: the hit with its figure; when
    they are far apart (the topic opens a long sentence, the figure closes it), the
    figure, as long as the quote around it still holds some of the item's words (`hits`:
    the item's hits in the unit). In a sentence quoted whole, which words are kept does not
    matter: the hit's own."""
    if quoted_whole(u.text, h.start):
        return h.start, h.end       # (most cited sentences: their figure is not looked for)
    fig = figure_span(u.text, h.start)
    if not fig:
        return h.start, h.end
    lo, hi = min(h.start, fig[0]), max(h.end, fig[1])
    if hi - lo <= LIMIT // 2:
        return lo, hi
    qs, qe = ctx.clip(u, fig[0], fig[1])
    if any(qs <= x.start and x.end <= qe for x in hits):
        return fig
    return h.start, h.end


def _strength(ctx: Context, h: Hit, u: Unit, sent: _Sentence) -> int:
    """How well the hit's sentence `sent` of its unit `u` shows work done: 0 a figure that
    belongs to the words, 1 a concrete action besides the item's own words, 2 a plain
    statement, 3 a slogan, a field listed among others or the report's opening formula,
    4 a passing mention (执行复议决定, 未发生…) or an umbrella word (三项制度); a heading
    counts 5."""
    if h.demoted or h.kind == "weak_term":
        return 4
    if sent.says_nothing or incidental(u.text, h.start, h.end, (sent.start, sent.end)):
        return 3
    if ctx.figure_near(u, h.start):
        return 0
    return 1 if sent.concrete_rest(ctx, u) else 2


def _first_body(ctx: Context) -> int:
    """Index of the report's first body unit (its first sentence is the guiding-ideology
    formula: 坚持以…为指导,深入学习贯彻…)."""
    if "first_body" not in ctx.memo:
        ctx.memo["first_body"] = next((u.index for u in ctx.outline.units if not u.is_heading), -1)
    return ctx.memo["first_body"]


def _topic_sections(ctx: Context, hits: list[Hit]) -> set[int]:
    """Sections whose own heading names the item (a strong hit in the heading)."""
    units = ctx.outline.units
    return {units[h.unit].section for h in hits
            if units[h.unit].is_heading and not h.demoted and h.kind != "weak_term"}


def _on_topic(ctx: Context, unit: Unit, topic: set[int]) -> bool:
    """Is the unit in a section (or under one) whose heading names the item?"""
    if not topic:
        return False                # (most items: no heading names them)
    sec: int | None = unit.section
    while sec:
        if sec in topic:
            return True
        sec = ctx.outline.sections[sec].parent
    return False


def _work_under(ctx: Context, heading: Unit,
                hit_units: dict[int, list[Hit]]) -> tuple[int, Unit, int, int] | None:
    """The sentence that shows the work under a heading that names the item but whose
    body does not repeat the item's words: the first with a figure, else the first with
    a concrete action. None when the body holds the item's words (those sentences are
    cited themselves), only slogans, or when the heading is in the problems or plans
    (there it is the mention, not work done)."""
    o = ctx.outline
    if heading.role in ("shortcomings", "plans"):
        return None
    units = [u for u in units_of(o, subtree(o, o.sections[heading.section])) if u.index != heading.index]
    if any(u.index in hit_units for u in units):
        return None
    best = None
    for u, sent in ctx.prose(units):
        fig = FIGURE.search(sent) if ctx.has_figure(sent) else None
        q = 0 if fig else (1 if ctx.concrete(sent) else 9)
        if q < 9 and (best is None or q < best[0]):
            pos = u.text.find(sent) + (fig.start() if fig else 0)
            best = (q, u, pos, pos + (fig.end() - fig.start() if fig else 0))
            if q == 0:
                break               # the first with a figure: nothing after it is better
    return best
