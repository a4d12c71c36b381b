"""Check type `presence`: terms and patterns found in the right part of the report,
with umbrella and passing-mention wording (weak) and the substance a pass needs."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .. import rx as re

from ..match import sentence_at
from ..model import Evidence, Hit, ItemResult, Unit
from .cite import has_figure
from ..rules import Item
from .options import CheckOptions, option
from .context import (ROLE_CN, Context, concrete, concrete_at, quote_words, slogan_at, subtree,
                      units_of)
from .rank import hit_evidence


@dataclass(frozen=True)
class PresenceOptions(CheckOptions):
    """Terms and patterns in the right part of the report, with the substance a pass needs."""
    check: ClassVar[str] = "presence"
    heading_hits: str = option("strong", "what a term in a heading with content under it "
                                         "counts as", choices=("strong", "weak"))
    sub_part: str | None = option(None, "a regex: a section in a pass scope whose title matches "
                                        "it (and not `sub_part_not`) and has content passes the item "
                                        "(a 原因分析 sub-part)")
    sub_part_not: str | None = option(None, "a regex: titles matching it are not the sub-part")
    min_distinct_terms: int = option(3, "distinct terms in prose that make a pass without a "
                                        "figure, heading or second sentence")
    keep_law_titles: bool = option(False, "count terms inside a law's title (《…法》); by default "
                                          "a law studied is not work done")
    keep_lecture_topics: bool = option(False, "count terms inside the subject of a lecture or "
                                              "training (vocabulary `lecture_topic`); by default a "
                                              "topic taught is not work done")
    repeated_in: str | None = option(None, "a role: the problems the item's passage quotes as "
                                           "dealt with (“…”) written again in that part make a pass "
                                           "weak (上年度问题已整改, then the same problems this year)",
                                     choices=("shortcomings",))
    concrete_form: str | None = option(None, "a regex: a sentence in a pass scope holding one of "
                                             "the item's words and matching it says enough without "
                                             "a figure (纳入理论学习中心组学习; 已全部整改销号)")


def check_presence(item: Item, ctx: Context) -> ItemResult:
    m = ctx.matches
    hits = [h for h in m.of(item.id) if h.unit not in m.stuffed]
    opts = ctx.options(PresenceOptions, item)
    strong, passing, scoped = [], [], []
    for h in hits:
        in_pass, in_weak = h.role in item.pass_scopes, h.role in item.weak_scopes
        is_strong = h.kind in ("term", "pattern", "heading") and not h.demoted
        if h.kind == "heading" and (opts.heading_hits == "weak" or
                                    not (ctx.has_body(ctx.unit(h.unit).section, concrete_only=True)
                                         or _numbered_paragraph(ctx, ctx.unit(h.unit).text))):
            is_strong = False      # a heading with nothing (or only slogans) under it is a word
        if in_pass and is_strong:
            strong.append(h)
        elif in_pass:
            passing.append(h)
        elif in_weak and is_strong:
            scoped.append(h)
        elif in_weak:
            passing.append(h)

    if opts.sub_part:
        found = _sub_part_pass(item, ctx, opts, hits)
        if found is not None:
            return found

    if strong:
        headed = [h for h in strong if h.kind == "heading"]
        with_fig = [h for h in strong if ctx.figure_near(ctx.unit(h.unit), h.start)]
        # (only asked when nothing stronger decides: that sentence is then what is cited)
        formed = ([] if headed or with_fig or not opts.concrete_form
                  else _in_concrete_form(ctx, strong, opts.concrete_form))
        if item.needs == "mention" or headed or with_fig or formed or _substance(ctx, strong,
                                                                                   opts):
            first = {id(h) for h in headed + with_fig + formed}
            rest = [h for h in strong if id(h) not in first]
            named = formed + rest if formed else strong     # the reason names them first
            again = _repeated(ctx, strong, opts.repeated_in) if opts.repeated_in else None
            if again:
                return ctx.result(item, "weak", [f"说已整改的“{again}”又原样列为本年度存在的问题"],
                                  hit_evidence(ctx, strong), cause="repeated")
            reason = _pass_reason(item, named, headed, with_fig, bool(formed))
            ev = hit_evidence(ctx, headed + with_fig + formed + rest)
            if not (headed or with_fig or formed or item.needs == "mention"):
                ev = _with_listed_figures(ctx, ev, strong)
            return ctx.result(item, "pass", [reason], ev)
        return ctx.result(item, "weak", [_bare_reason(ctx, item, strong)],
                          hit_evidence(ctx, strong), cause="bare")
    if passing:
        if any(h.demoted for h in passing):
            words = quote_words(h.text for h in passing if h.demoted)
            return ctx.result(item, "weak",
                              [f"只是顺带提及{words or item.title},没有写{item.title}的具体工作"],
                              hit_evidence(ctx, passing), cause="passing")
        heads = [h for h in passing if ctx.unit(h.unit).is_heading]
        if heads:
            words = quote_words(h.text for h in heads) or f"{item.title}"
            why = ("正文没有相关陈述" if len(heads) == len(passing)
                   else f"正文没有具体写到{item.title}")
            return ctx.result(item, "weak", [f"只在标题中提到{words},{why}"],
                              _with_body(ctx, hit_evidence(ctx, passing), heads), cause="heading")
        words = quote_words(h.text for h in passing)
        said = f"只有{words}这样的笼统说法" if words else "只有笼统的说法"
        return ctx.result(item, "weak", [f"{said},没有具体写到{item.title}"],
                          hit_evidence(ctx, passing), cause="umbrella")
    if scoped:
        where = "、".join(dict.fromkeys(ROLE_CN.get(h.role, "其他部分") for h in scoped))
        words = quote_words(h.text for h in scoped) or f"{item.title}的内容"
        return ctx.result(item, "weak", [f"只在{where}提到{words},没有写成本年度已做的工作"],
                          hit_evidence(ctx, scoped), cause="scope")
    reason = f"全文未见{item.title}相关内容"
    if any(h.unit in m.stuffed for h in m.of(item.id)):
        reason += ",只有堆砌的关键词,没有成句的叙述"
    return ctx.result(item, "missing", [reason], [])


def _with_body(ctx: Context, evidence: list[Evidence], heads: list[Hit]) -> list[Evidence]:
    """A heading-only verdict's evidence and, after each heading cited, the first prose
    sentence under it: what the part says instead ("(二)原因分析" over "对照上级要求,我局…仍
    存在一定差距"), which is why the heading alone does not pass."""
    o = ctx.outline
    out: list[Evidence] = []
    for ev in evidence:
        out.append(ev)
        # (by line and text: on a one-line page every heading is on line 1)
        head = next((u for u in (ctx.unit(h.unit) for h in heads)
                     if u.line == ev.line and ev.text and ev.text in u.text), None)
        if head is None:
            continue
        secs = subtree(o, o.sections[head.section])
        below = {x.index for x in secs[1:]}
        if any(ctx.unit(h.unit).section in below for h in heads):
            continue        # "二、存在的不足和原因" over "(二)原因分析": the body of the latter
        units = [u for u in units_of(o, secs) if u.index != head.index]
        body = ctx.prose(units)
        if body:
            u, sent = body[0]
            out.append(ctx.evidence(u, u.text.find(sent)))
    return out


def _substance(ctx: Context, strong: list[Hit], opts: PresenceOptions) -> bool:
    """Without a heading or a figure, is there substance: a passage led by the words, two
    concrete sentences, or enough distinct terms in concrete prose?"""
    # (not the opening paragraph: its first sentence is the guiding-ideology formula)
    if any(h.role != "preamble" and _leads(ctx, h.unit, h.start) for h in strong):
        return True
    # slogans name a topic without saying what was done: not substance
    prose = [h for h in strong if not slogan_at(ctx, h) and concrete_at(ctx, h)]
    sentences = {(h.unit, sentence_at(ctx.unit(h.unit).text, h.start)) for h in prose}
    # three distinct terms in prose describe the work (slogans, such as
    # 接受人大监督、民主监督和社会监督, were taken out above)
    return len(sentences) >= 2 or _distinct_terms(prose) >= opts.min_distinct_terms


def _sub_part_pass(item: Item, ctx: Context, opts: PresenceOptions,
                   hits: list[Hit]) -> ItemResult | None:
    """A pass from a sub-part devoted to the item (a 原因分析 section with content), or
    None. One sentence with none of the item's words ("仍存在一定差距,需要在今后的工作中认真
    加以解决") is a sub-part in name only."""
    o = ctx.outline
    sp, sp_not = re.compile(opts.sub_part or ""), re.compile(opts.sub_part_not or r"(?!x)x")
    for sec in o.sections[1:]:
        if sec.role in item.pass_scopes and sp.search(sec.title) and not sp_not.search(sec.title):
            units = units_of(o, subtree(o, sec))
            body = ctx.prose(units)
            body_units = {u.index for u in units if not u.is_heading}
            says_it = len(body) >= 2 or any(h.unit in body_units for h in hits)
            if body and says_it:
                return ctx.result(item, "pass", [f"有专门的小节“{sec.marker}{sec.title}”"],
                                  [ctx.evidence(o.units[sec.units[0]]),     # and what it says
                                   ctx.evidence(body[0][0], body[0][0].text.find(body[0][1]))])
    return None


def _pass_reason(item: Item, strong: list[Hit], headed: list[Hit], with_fig: list[Hit],
                 formed: bool = False) -> str:
    """Where the item's words were found and how: under a heading, with figures, in the
    item's concrete form (`strong` then begins with those hits)."""
    words = quote_words(h.text for h in strong) or f"{item.title}的内容"
    if headed:
        where = "" if headed[0].role == "preamble" else ROLE_CN.get(headed[0].role, "")
        return f"{where}有标题写到{quote_words(h.text for h in headed) or words}"
    how = ",并有数据" if with_fig else ",并写明了具体做法" if formed else ""
    return f"{ROLE_CN.get(strong[0].role, '')}写到{words}{how}"


def _bare_reason(ctx: Context, item: Item, strong: list[Hit]) -> str:
    """A weak reason for words found only in general statements: how many, and which."""
    words = quote_words(h.text for h in strong) or item.title
    places = {(h.unit, sentence_at(ctx.unit(h.unit).text, h.start)) for h in strong}
    if len(places) == 1:
        return f"只有一句一般性表述提到{words},没有具体做法或数据"
    return f"{len(places)}处提到{words},都是一般性表述,没有具体做法或数据"


SENT_END = re.compile(r"[。!?;]")


def _in_concrete_form(ctx: Context, strong: list[Hit], pattern: str) -> list[Hit]:
    """The strong hits whose sentence (not the opening paragraph's formula) says enough by
    the item's `concrete_form` regex: the form of the work ("纳入镇党委理论学习中心组学习内容,
    通过集中学习、专题研讨等方式…"), its completion ("…等问题,逐项建立整改台账,全部问题已
    整改销号"), which a reviewer accepts without a count."""
    rx = re.compile(pattern)
    found = []
    for h in strong:
        if h.role == "preamble" or h.kind == "heading":
            continue
        text = ctx.unit(h.unit).text
        s, e = sentence_at(text, h.start)
        if rx.search(text, s, e):
            found.append(h)
    return found


def _leads_paragraph(text: str, pos: int) -> bool:
    """The hit opens a paragraph (its first sentence) that goes on with at least one more
    sentence carrying figures: a passage dedicated to the topic."""
    first_end = sentence_at(text, 0)[1]
    if pos >= first_end:
        return False
    rest = text[first_end:]
    return SENT_END.search(rest) is not None and has_figure(rest)


def _leads(ctx: Context, unit: int, pos: int) -> bool:
    """`_leads_paragraph(unit's text, pos)`, the test of what follows the first sentence
    done once per unit (memo "leads")."""
    text = ctx.unit(unit).text
    if pos >= sentence_at(text, 0)[1]:
        return False
    table: dict[int, bool] = ctx.table("leads")
    found = table.get(unit)
    if found is None:
        found = table[unit] = _leads_paragraph(text + _enumeration_after(ctx, unit), 0)
    return found


_QUOTED = re.compile(r"“([^“”]{4,40})”")


def _repeated(ctx: Context, strong: list[Hit], role: str) -> str | None:
    """A problem the item's sentences quote (“执法队伍素质参差不齐”) that the `role` part
    writes again, word for word: fixed last year and still this year's problem."""
    again = " ".join(u.text for u in ctx.outline.units if u.role == role)
    if not again:
        return None
    for h in strong:
        if h.role == role:
            continue
        text = ctx.unit(h.unit).text
        s, e = sentence_at(text, h.start)
        for m in _QUOTED.finditer(text, s, e):
            if m.group(1) in again:
                return m.group(1)
    return None


def _with_listed_figures(ctx: Context, evidence: list[Evidence], strong: list[Hit]) -> list[Evidence]:
    """A pass led by a lead-in sentence (针对…两个问题,县政府制定整改清单。) also cites the
    first of its 一是…二是… points that carries a figure: what was done, not only that
    something was."""
    for h in strong:
        if h.role == "preamble" or not _leads(ctx, h.unit, h.start):
            continue
        for v in _points_after(ctx, h.unit):
            if v.index in ctx.matches.figures:
                extra = ctx.evidence(v)
                return evidence if extra in evidence else evidence[:1] + [extra] + evidence[1:]
        return evidence
    return evidence


def _points_after(ctx: Context, unit: int) -> list[Unit]:
    """The 一是…二是… units that follow `unit` on its line and in its part: the points the
    outline split off the paragraph it belongs to."""
    units = ctx.outline.units
    u = units[unit]
    points = []
    for v in units[unit + 1:]:
        if not v.enum or v.is_heading or v.section != u.section or v.line != u.line:
            break
        points.append(v)
    return points


def _enumeration_after(ctx: Context, unit: int) -> str:
    """The 一是…二是… units that go on a lead-in paragraph ("针对…两个问题,县政府制定整改清单。"
    then "一是…配备1名…;" "二是…由72%提高到85%。"): split off by the outline, they are still
    the body of its first sentence. Nothing when the unit is itself one of a list."""
    u = ctx.unit(unit)
    if u.enum or u.is_heading:
        return ""
    return "".join(v.text for v in _points_after(ctx, unit))


def _distinct_terms(hits: list[Hit]) -> int:
    """Distinct words among hits, not counting a term inside a longer one."""
    words = sorted({h.text for h in hits}, key=len, reverse=True)
    kept: list[str] = []
    for w in words:
        if not any(w in k for k in kept):
            kept.append(w)
    return len(kept)


_CLAUSE = re.compile(r"[,，;；、]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _numbered_paragraph(ctx: Context, text: str) -> bool:
    """A numbered line that is itself a sentence of work done ("1.落实行政执法公示制度,在门户
    网站公示…信息1860条。"): the outline keeps it as a sub-heading, but it is its own body,
    not a word in a title. Long, in clauses (or a 、 list), with a figure and a concrete action."""
    return (len(_HAN.findall(text)) >= 20 and bool(_CLAUSE.search(text))
            and has_figure(text) and concrete(text, ctx.pack.vocabulary))
