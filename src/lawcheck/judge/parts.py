"""Check type `part`: a statutory part found by section role, heading and framing
(achievements, the first-responsible part, shortcomings, next-year plans)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .. import rx as re

from ..model import ROLES, Evidence, ItemResult, Outline, Section, Unit
from ..rules import Item, compile_for_year
from .options import REQUIRED, CheckOptions, option
from .context import (CJK, ROLE_CN, Context, MAX_EVIDENCE, headed_parts, points,
                      quote_words,
                      role_sections, subtree, units_of)
from .rank import hit_evidence


@dataclass(frozen=True)
class PartOptions(CheckOptions):
    """A statutory part, found by section role and heading."""
    check: ClassVar[str] = "part"
    role: str = option(REQUIRED, "the section role that is this part", choices=ROLES)
    also_roles: tuple[str, ...] = option((), "other roles whose sections count as this part "
                                             "(without a heading requirement)", choices=ROLES)
    heading_required: bool = option(False, "the part needs a heading of its own (any level, or "
                                           "an enumerated head with `enum_heads`); else sections "
                                           "of the role and a long opening narrative count")
    min_sentences: int = option(1, "substantive sentences the part needs under its heading "
                                   "(without a heading: sentences of narrative for a pass)")
    enum_heads: bool = option(False, "an enumerated point's head (二是扛牢…职责。…) counts as a "
                                     "heading of the part")
    framing: bool = option(False, "the part must be framed as next year's work (下一年度, "
                                  "{next_year}年…); unframed improvement measures are weak")
    min_points: int = option(2, "with `framing`: measures the part must list for a pass")


def check_part(item: Item, ctx: Context) -> ItemResult:
    """Judge a statutory part: by the sections of its role and their narrative, or, with
    `heading_required`, by a heading of its own with content under it."""
    opts = ctx.options(PartOptions, item)
    if not opts.heading_required:
        return _narrated_part(item, ctx, opts)
    parts = _headed_candidates(ctx.outline, opts.role)
    for sec in parts:
        found = _judge_headed(item, ctx, opts, sec)
        if found is not None:
            return found
    if opts.enum_heads:
        found = _enum_head_part(item, ctx, opts.role)
        if found is not None:
            return found
    return _no_headed_part(item, ctx, opts.role, parts)


def _narrated_part(item: Item, ctx: Context, opts: PartOptions) -> ItemResult:
    """A part without a heading requirement (the year's achievements): sections of its
    roles, or a long opening narrative, with enough substantive sentences."""
    o = ctx.outline
    role, min_sent = opts.role, opts.min_sentences
    secs = role_sections(o, (role,) + opts.also_roles)
    sents = ctx.prose(units_of(o, secs))
    named = [s for s in secs if s.role == role and s.role_source == "heading"]
    with_figs = sum(1 for u, sent in sents if ctx.has_figure_in(u, sent))
    first = {s.index for s in named[:1]}
    ev = _part_evidence(ctx, named[:1] + [s for s in secs if s.index not in first], sents)
    # A long narrative, or a part so titled / with figures that is short but concrete;
    # a few generic sentences stay weak.
    if len(sents) >= min_sent or (len(sents) >= 3 and (named or with_figs >= 3)):
        how = f"“{named[0].marker}{named[0].title}”" if named else f"{len(secs)}个专题章节"
        figs = f"其中{with_figs}句有数据" if with_figs else "但没有数据"
        return ctx.result(item, "pass", [f"{how}叙述全年工作,共{len(sents)}句实质内容,{figs}"], ev)
    pre = ctx.prose([u for u in o.units if u.role == "preamble"])
    if not any(s.role == role for s in secs) and len(pre) >= min_sent:
        # No heading at all, but the opening narrates the year's work at length.
        return ctx.result(item, "pass", [f"开头部分叙述全年工作({len(pre)}句),没有单独的成效标题"],
                          _sentences(ctx, pre))
    if sents:
        return ctx.result(item, "weak", [f"叙述全年工作的只有{len(sents)}句,不足以说明举措和成效"],
                          _sentences(ctx, sents), cause="thin")
    if len(pre) >= 3:
        return ctx.result(item, "weak", ["没有成效部分,只有开头的概括性表述"],
                          _sentences(ctx, pre), cause="thin")
    return ctx.result(item, "missing", [f"全文没有{item.title}部分,也没有成段叙述全年工作"], [])


def _headed_candidates(o: Outline, role: str) -> list[Section]:
    """The sections that may be the part under its own heading, in order."""
    parts = headed_parts(o, role)
    if role == "plans":
        parts += [s for s in o.sections[1:] if s.role == "plans" and s.role_source == "split"]
    if role == "plans" and not parts:
        # Improvement measures inside a merged part are plans without next-year framing.
        parts = [s for s in o.sections[1:] if s.role == "plans"]
    return parts


def _judge_headed(item: Item, ctx: Context, opts: PartOptions, sec: Section) -> ItemResult | None:
    """The verdict on one headed section, or None when too little is written under it."""
    o, m, role = ctx.outline, ctx.matches, opts.role
    tree = [s for s in subtree(o, sec) if s.role == role]
    # Sub-headings that run on into one sentence are content too; the part's own
    # heading is not.
    sents = ctx.prose(
        [u for u in units_of(o, tree) if u.index != (sec.units[0] if sec.units else -1)],
        headings=True)
    if len(sents) < opts.min_sentences:
        return None
    head_unit = o.units[sec.units[0]] if sec.units else None
    # the part's heading is the deciding fact; its opening sentence shows what it says
    ev = ([ctx.evidence(head_unit)] if head_unit else []) + _sentences(ctx, sents[:1])
    title = f"“{sec.marker}{sec.title}”"
    if not opts.framing:
        return ctx.result(item, "pass", [f"标题{title}"], ev)
    framed = _framed(o, sec, ctx)
    pts = points(o, [sec], role, m.stuffed, ctx.pack.vocabulary)
    if not framed:
        # what makes it weak: the measures sit under the problems' heading
        ev = ev[:1] + _ancestor_headings(ctx, sec) + ev[1:]
        return ctx.result(item, "weak", [f"{title}只是附在问题后的改进措施,没有下一年度的工作框架"],
                          ev, cause="unframed")
    if len(pts) < opts.min_points:
        few = f"只列出{len(pts)}项措施" if pts else "没有列出具体措施"
        return ctx.result(item, "weak", [f"{title}{few}"], ev, cause="few_points")
    return ctx.result(item, "pass", [f"{title}列出{len(pts)}项措施"], ev)


def _enum_head_part(item: Item, ctx: Context, role: str) -> ItemResult | None:
    """A pass when an enumerated point's head names the part (一是扛牢法治建设第一责任人职责。…
    acts as a sub-heading), else None."""
    o, m = ctx.outline, ctx.matches
    pats = ctx.pack.roles.headings.get(role, [])
    for u in o.units:
        if u.enum and u.index not in m.stuffed and u.role not in ("shortcomings", "plans"):
            head = re.split(r"[。;:]", u.text, 1)[0]
            if len(head) <= 40 and any(p.search(head) for p in pats) and \
                    len(CJK.findall(u.text)) >= len(CJK.findall(head)) + 8:
                return ctx.result(item, "pass", [f"分项“{head}”写明{item.title}"],
                                  _distinct([ctx.evidence(u), ctx.evidence(u, len(head) + 1)]))
    return None


def _no_headed_part(item: Item, ctx: Context, role: str, parts: list[Section]) -> ItemResult:
    """No headed part with content: weak for an empty heading or a mention in the body,
    else missing."""
    o, m = ctx.outline, ctx.matches
    if parts:
        sec = parts[0]
        return ctx.result(item, "weak", [f"有标题“{sec.marker}{sec.title}”,但其下没有实际内容"],
                          [ctx.evidence(o.units[sec.units[0]])] if sec.units else [], cause="empty")
    body_hits = [h for h in m.of(item.id) if h.unit not in m.stuffed]
    if body_hits:
        ev = hit_evidence(ctx, body_hits)
        words = quote_words(h.text for h in body_hits) or "相关内容"
        return ctx.result(item, "weak", [f"没有{ROLE_CN.get(role, role)}的标题,只在正文中提到{words}"], ev,
                          cause="no_heading")
    return ctx.result(item, "missing", [f"全文没有{item.title}部分,正文也没有提到"], [])


def _distinct(evidence: list[Evidence]) -> list[Evidence]:
    """Evidence without repeated quotes (a head and a body that are one sentence)."""
    seen: set[tuple[int, str]] = set()
    out = []
    for e in evidence:
        if (e.line, e.text) not in seen:
            seen.add((e.line, e.text))
            out.append(e)
    return out


def _sentences(ctx: Context, sents: list[tuple[Unit, str]]) -> list[Evidence]:
    """Evidence quoting each (unit, sentence) pair."""
    return [ctx.evidence(u, u.text.find(sent)) for u, sent in sents[:MAX_EVIDENCE]]


def _part_evidence(ctx: Context, secs: list[Section], sents: list[tuple[Unit, str]]) -> list[Evidence]:
    """A part found by role: the heading of its main section, its first sentence with a
    figure (or its first sentence), then the headings of the next sections."""
    o = ctx.outline
    inside = {s.index for s in secs}
    tops = [s for s in secs if s.units and o.units[s.units[0]].is_heading and s.parent not in inside]
    heads = [ctx.evidence(o.units[s.units[0]]) for s in tops[:MAX_EVIDENCE]]
    main = {s.index for s in subtree(o, secs[0])} if secs else set()
    own = [x for x in sents if x[0].section in main] or sents      # the main section's own
    body = [x for x in own if ctx.has_figure_in(x[0], x[1])][:1] or own[:1]
    return (heads[:1] + _sentences(ctx, body) + heads[1:])[:MAX_EVIDENCE]


def _ancestor_headings(ctx: Context, sec: Section) -> list[Evidence]:
    """The headings above a section (nearest first), e.g. the merged 存在的问题及改进措施."""
    o, out = ctx.outline, []
    while sec.parent:
        sec = o.sections[sec.parent]
        if sec.units and o.units[sec.units[0]].is_heading:
            out.append(ctx.evidence(o.units[sec.units[0]]))
    return out


def _framed(o: Outline, sec: Section, ctx: Context) -> bool:
    """Does the plans part (or its parent heading) frame it as next year's work?"""
    year = o.year
    pats = [compile_for_year(p, year) if year else re.compile(p)
            for p in ctx.pack.role_patterns.get("next_year_framing", [])
            if year or "{next_year}" not in p]
    chain = [sec]
    while chain[-1].parent:
        chain.append(o.sections[chain[-1].parent])
    return any(p.search(s.title) for s in chain for p in pats)
