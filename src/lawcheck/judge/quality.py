"""Check types for substance: `figures` (data in the achievements), `specific`
(problems with concrete symptoms) and `alignment` (plans that answer the problems)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .. import rx as re

from .. import topics
from ..match import FIGURE, sentence_at
from ..model import ROLES, Evidence, ItemResult, Section, Unit
from ..rules import Item
from .options import CheckOptions, option
from .context import (MAX_EVIDENCE, SENT, Context, headed_parts, point_units, points,
                      quotable, role_sections)


# ------------------------------------------------------------------ check: figures

@dataclass(frozen=True)
class FiguresOptions(CheckOptions):
    """The share of achievement sub-parts that carry figures."""
    check: ClassVar[str] = "figures"
    roles: tuple[str, ...] = option(("achievements", "first_responsible", "other"),
                                    "section roles whose sub-parts are counted", choices=ROLES)
    share_for_pass: float = option(0.5, "pass when MORE than this share of sub-parts carry figures")


def check_figures(item: Item, ctx: Context) -> ItemResult:
    o, m = ctx.outline, ctx.matches
    opts = ctx.options(FiguresOptions, item)
    roles = opts.roles
    parts = []
    for s in role_sections(o, roles):
        if s.role == "other" and s.role_source == "heading":
            continue    # 其他需要报告的事项, 上年度问题整改情况: not a part of the year's work
        body = [o.units[i] for i in s.units if not o.units[i].is_heading and i not in m.stuffed]
        if ctx.prose(body):
            parts.append((s, body))
    if not parts:
        pre = [u for u in o.units if u.role == "preamble" and u.index not in m.stuffed]
        parts = [(o.sections[0], pre)] if pre else []
    # (a numbered paragraph taken for a heading, 7.2办理省人大代表建议21件…, carries its
    # figures in the heading itself)
    with_fig = [(s, b) for s, b in parts if any(u.index in m.figures for u in b)
                or s.index and s.units and s.units[0] in m.figures and o.units[s.units[0]].is_heading]
    total_figs = sum(len(m.figures.get(u.index, ())) for _, b in parts for u in b)
    share_needed = opts.share_for_pass
    # Each sub-part with figures is cited by its first figure sentence; a weak verdict
    # cites the sub-parts without figures first, since they make it weak.
    # (the hardest figure of each: a rate or an amount, then a count of cases, before a
    # count of meetings; the sub-parts in that order, report order among equals)
    figs = _data_evidence(ctx, [b for _, b in with_fig])
    figured = {s.index for s, _ in with_fig}
    bare = [s for s, _ in parts if s.index not in figured]
    bare_ev = [ctx.evidence(o.units[s.units[0]]) for s in bare[:MAX_EVIDENCE] if s.units and s.index]
    named = _name_parts(bare)
    n, k = len(parts), len(with_fig)
    if parts and k / n > share_needed:      # "most": more than half
        some = f"{n}个成效小节都有数据" if k == n else f"{n}个成效小节中{k}个有数据"
        return ctx.result(item, "pass", [f"{some},共{total_figs}处"] + named, figs,
                          limit=FIGURE_EVIDENCE)
    if with_fig:
        return ctx.result(item, "weak", [f"{n}个成效小节中只有{k}个有数据"] + named, bare_ev + figs,
                          limit=FIGURE_EVIDENCE)
    if not parts:
        return ctx.result(item, "missing", ["没有叙述全年工作的部分,也就没有数据"], [])
    return ctx.result(item, "missing", ["成效部分没有任何数据(数量、比率、金额)"], [])


FIGURE_EVIDENCE = 6         # one figure sentence per sub-part, for a handful of them


# At least this many figure sentences are cited (more than one from a part when the
# report has fewer parts with figures): one example is not "data throughout".
MIN_DATA_EVIDENCE = 3


def _data_evidence(ctx: Context, bodies: list[list[Unit]]) -> list[Evidence]:
    """The figure sentences cited for the data: each part's hardest (see `_hardness`;
    the first of equals), the parts in that order (report order among equals), then,
    while fewer than MIN_DATA_EVIDENCE are cited, the next hardest sentences of any part."""
    def rank(x: tuple[int, Unit, int, int, int]) -> tuple[int, int]:
        return -x[0], x[4]          # the hardest first, then report order
    per_part = [_figure_sentences(ctx, b) for b in bodies]
    chosen = sorted((min(c, key=rank) for c in per_part if c), key=rank)[:FIGURE_EVIDENCE]
    if len(chosen) < MIN_DATA_EVIDENCE:
        cited = {x[4] for x in chosen}
        rest = sorted((x for c in per_part for x in c if x[4] not in cited), key=rank)
        chosen += rest[:MIN_DATA_EVIDENCE - len(chosen)]
    return [ctx.evidence(u, start, end) for _, u, start, end, _ in chosen]


def _figure_sentences(ctx: Context, body: list[Unit]) -> list[tuple[int, Unit, int, int, int]]:
    """Each sentence of a part with a figure: (hardness of its hardest figure, unit, the
    figure's start and end, order in the report), in report order."""
    out: list[tuple[int, Unit, int, int, int]] = []
    for u in body:
        if u.index not in ctx.matches.figures:
            continue
        best: dict[int, tuple[int, Unit, int, int, int]] = {}      # sentence start -> hardest
        for fig in FIGURE.finditer(u.text):
            sent = sentence_at(u.text, fig.start())[0]
            hard = _hardness(fig.group(0), u.text, fig.end())
            if sent not in best or hard > best[sent][0]:
                best[sent] = (hard, u, fig.start(), fig.end(), u.index * 100_000 + sent)
        out.extend(best[k] for k in sorted(best))
    return out


# Units of figures that measure results: a rate or an amount (纠错率11.4%, 罚款3126万元),
# then a count of cases, matters, inspections or people served (办理案件236件, 抽检8460批次),
# before a count of meetings and study sessions (专题学习4次), which shows activity, not
# results: a reviewer citing "数据支撑" picks the former.
_RATE_OR_AMOUNT = re.compile(r"(%|‰|元)$|^百分之")
_CASE_COUNT = re.compile(r"(件|宗|起|卷|条|批次|批|户|家|人次|辆次|户次|家次|例|宗次|万|亿)$")


def _hardness(figure: str, text: str, end: int) -> int:
    """3 a rate or an amount, 2 a count of cases or matters, 1 any other figure (and a
    rate of 100%: 覆盖率达100%, 办结率100% are what every report says)."""
    if figure.startswith("100%") or figure.startswith("100.0%"):
        return 1
    if _RATE_OR_AMOUNT.search(figure) or "率" in text[max(0, end - len(figure) - 6):end]:
        return 3
    return 2 if _CASE_COUNT.search(figure) else 1


def _name_parts(secs: list[Section]) -> list[str]:
    """A reason naming the sub-parts without figures (at most four of them)."""
    names = [f"“{s.marker}{s.title}”" for s in secs if s.index]
    if not names:
        return []
    return [f"没有数据的小节:{'、'.join(names[:4])}{'等' if len(names) > 4 else ''}"]


# ------------------------------------------------------------------ check: specific

def shortcoming_points(ctx: Context) -> list[tuple[Unit, str]]:
    """The problems of the shortcomings part, (unit, text) each, in report order (found
    once per report: the `specific` and `alignment` checks both read them)."""
    if "shortcoming_points" not in ctx.memo:
        ctx.memo["shortcoming_points"] = _shortcoming_points(ctx)
    return list(ctx.memo["shortcoming_points"])


def _shortcoming_points(ctx: Context) -> list[tuple[Unit, str]]:
    o, m, v = ctx.outline, ctx.matches, ctx.pack.vocabulary
    parts = [s for s in headed_parts(o, "shortcomings")]
    if not parts:
        parts = [s for s in o.sections[1:] if s.role == "shortcomings"]
    # a causes sub-part ("二、原因分析") explains the problems; it lists none of its own
    causes = {s.index for s in o.sections[1:] if s.role == "shortcomings"
              and v.causes_title.search(s.title) and not v.problems_title.search(s.title)}
    parts = [s for s in parts if s.index not in causes]
    pts = [(u, t) for u, t in points(o, parts, "shortcomings", m.stuffed, v)
           if u.section not in causes]
    # Cause statements are not problems.
    return [(u, t) for u, t in pts if not v.cause_opening.match(t)]


@dataclass(frozen=True)
class SpecificOptions(CheckOptions):
    """Shortcomings that name a concrete symptom, not stock phrases."""
    check: ClassVar[str] = "specific"
    min_specific: int = option(2, "problems with a concrete symptom a pass needs")


def check_specific(item: Item, ctx: Context) -> ItemResult:
    pts = shortcoming_points(ctx)
    if not pts:
        return ctx.result(item, "missing", ["没有存在问题部分,列不出具体问题"], [])
    v = ctx.pack.vocabulary
    symptom = [bool(v.symptoms.search(v.stock_phrases.sub("", t)) or
                    FIGURE.search(v.stock_phrases.sub("", t))) for _, t in pts]
    specific = [p for p, c in zip(pts, symptom) if c]
    need = ctx.options(SpecificOptions, item).min_specific
    # A pass cites each problem by its concrete symptom; a weak verdict cites the
    # problems in stock phrases first, since they make it weak.
    cited = [(p, True) for p in specific]
    if len(specific) < need:
        cited = [(p, False) for p, c in zip(pts, symptom) if not c] + cited
    ev = [_symptom_evidence(ctx, u, t) if sym else ctx.evidence(u)
          for (u, t), sym in cited[:MAX_EVIDENCE]]
    n, k = len(pts), len(specific)
    if k >= need:
        some = f"{n}个问题都" if k == n else f"{n}个问题中{k}个"
        return ctx.result(item, "pass", [f"{some}写明了具体表现"], ev)
    # the stock phrases quoted are the report's own (有待加强, 仍需提升 …)
    vague = [t for (_, t), c in zip(pts, symptom) if not c]
    stock = "".join(f"“{w}”" for w in quotable(m.group(0) for t in vague
                                                for m in v.stock_words.finditer(t))[:2])
    if n == 1:
        why = f",且只是{stock}之类的套话" if stock and not specific else (
            ",且没有写明具体表现" if not specific else "")
        return ctx.result(item, "weak", [f"只列了一个问题{why}"], ev, cause="one_problem")
    if not specific:
        why = f",只是{stock}之类的套话" if stock else ""
        return ctx.result(item, "weak", [f"{n}个问题都没有写明具体表现{why}"], ev, cause="stock")
    why = f"其余是{stock}之类的套话" if stock else "其余没有写明具体表现"
    return ctx.result(item, "weak", [f"{n}个问题中只有{k}个写明具体表现,{why}"], ev, cause="stock")


def _symptom_evidence(ctx: Context, unit: Unit, text: str) -> Evidence:
    """The problem's concrete symptom (配备不足, 针对性不强, a figure) outside stock
    phrases, where the problem is explained first: a heading or the lead sentence of an
    一是… point only names the problem."""
    found = []
    v = ctx.pack.vocabulary
    for k, u in enumerate(point_units(ctx, unit, text)):
        lead_end = len(u.text) if u.is_heading else (sentence_at(u.text, 0)[1] if k == 0 else 0)
        stock = [m.span() for m in v.stock_phrases.finditer(u.text)]
        for pat in (v.symptoms, FIGURE):
            for m in pat.finditer(u.text):
                if not any(a < m.end() and m.start() < b for a, b in stock):
                    place = 2 if u.is_heading else int(m.start() < lead_end)
                    found.append((place, k, m.start(), u, m.end()))
    if not found:
        return ctx.evidence(unit)
    _, _, start, u, end = min(found, key=lambda f: f[:3])
    return ctx.evidence(u, start, end)


# ------------------------------------------------------------------ check: alignment

_LEAD_END = re.compile(r"[。;:!? ]")   # a point built from heading + body joins them with a space
ENUM_HEAD = re.compile(r"^([一二三四五六七八九十]是|[①-⑳]|\(?[一二三四五六七八九十\d]{1,2}[)、.])\s*")


def point_lead(text: str) -> str:
    """The statement a point opens with: up to its first sentence end, marker dropped
    (also how --previous names last year's problems)."""
    text = ENUM_HEAD.sub("", text.strip())
    m = _LEAD_END.search(text)
    return text[:m.start()] if m and m.start() >= 4 else text[:40]


@dataclass(frozen=True)
class AlignmentOptions(CheckOptions):
    """Plans that answer the shortcomings, problem by problem (topic words)."""
    check: ClassVar[str] = "alignment"
    min_shared_detail: int = option(3, "shared characters of detail that link a problem to a plan")
    share_for_pass: float = option(1.0, "share of problems with a matching plan for a pass")
    share_for_weak: float = option(0.5, "share of problems with a matching plan for weak")


def plan_points(ctx: Context) -> list[tuple[Unit, str]]:
    """The measures of the plans part (headed plans parts first, else any plans section)."""
    o, m = ctx.outline, ctx.matches
    plan_secs = headed_parts(o, "plans") or [s for s in o.sections[1:] if s.role == "plans"]
    return points(o, plan_secs, "plans", m.stuffed, ctx.pack.vocabulary)


def check_alignment(item: Item, ctx: Context) -> ItemResult:
    problems = shortcoming_points(ctx)
    plans = plan_points(ctx)
    if not problems:
        return ctx.result(item, "missing", ["没有列出问题,无法对应"], [])
    if not plans:
        return ctx.result(item, "missing", ["没有计划或整改措施"], [])
    tok = topics.for_pack(ctx.pack)
    # A problem is answered by a plan that takes up its lead statement (the heading or
    # first clause: "村级调解力量薄弱"), or shares several topics with its details;
    # one incidental shared word in the details (纠纷, 规范) is not an answer.
    asked = [_problem_topics(tok, text) for _, text in problems]
    # plans meet only the problems' words: their topics are found with that focus
    focus = tok.focus(set().union(*(lead | whole for lead, whole in asked)))
    plan_topics = [focus.of(t) for _, t in plans]
    matched, unmatched, pairs = [], [], []
    opts = ctx.options(AlignmentOptions, item)
    min_shared = opts.min_shared_detail
    for (u, text), (lead, whole) in zip(problems, asked):
        answers = [i for i, p in enumerate(plan_topics)
                   if (lead & p) - topics.GENERIC or (lead & p and len(whole & p) >= 2 and (whole & p) - topics.GENERIC)
                   or len(whole & p) >= min_shared]
        if answers:
            matched.append(text)
            wanted = lead | whole
            best = max(answers, key=lambda i: (len(wanted & plan_topics[i]), -i))
            pairs.append((u, plans[best], wanted))
        else:
            unmatched.append((u, text))
    share = len(matched) / len(problems)
    # the unanswered problems first (they decide a weak verdict), then each problem
    # with the plan sentence that answers it
    limit = ALIGNMENT_EVIDENCE
    ev = [ctx.evidence(u) for u, _ in unmatched[:limit]]
    for u, plan, wanted in pairs[:max(0, limit - len(ev)) // 2]:
        ev += [ctx.evidence(u), _answer_evidence(ctx, plan, wanted, focus)]
    n, k = len(problems), len(matched)
    if share >= opts.share_for_pass:
        return ctx.result(item, "pass", [f"{n}个问题都有对应措施" if n > 1 else "问题有对应措施"], ev,
                          limit=limit)
    open_ = _unanswered(t for _, t in unmatched)
    if share >= opts.share_for_weak:
        return ctx.result(item, "weak", [f"{n}个问题中{k}个有对应措施,{open_}"], ev, limit=limit)
    if k == 0:
        return ctx.result(item, "missing", [f"{n}个问题均没有对应的改进措施" if n > 1
                                             else "问题没有对应的改进措施"], ev, limit=limit)
    return ctx.result(item, "missing", [f"{n}个问题中只有{k}个有对应措施,{open_}"], ev, limit=limit)


ALIGNMENT_EVIDENCE = 10     # problems with their plans: two entries per answered problem


def _problem_topics(tok: topics.Topics, text: str) -> tuple[set[str], set[str]]:
    """A problem's topics: its lead statement's (its whole text's when the lead has
    none), and its whole text's."""
    whole = tok.of(text)
    return tok.of(point_lead(text)) or whole, whole


def _answer_evidence(ctx: Context, plan: tuple[Unit, str], wanted: set[str],
                     focus: topics.Focus) -> Evidence:
    """The sentence of a plan that takes up most of the problem's topics (its heading
    when that says as much: a plan heading usually names the answer)."""
    unit, text = plan
    best: tuple[Unit, int] | None = None         # quoted once found
    best_n = -1
    for u in point_units(ctx, unit, text):
        for m in SENT.finditer(u.text):
            n = len((focus.of(m.group(0)) & wanted) - topics.GENERIC)
            if n > best_n:
                best, best_n = (u, m.start()), n
    if best is None:
        return ctx.evidence(unit)
    u, start = best
    return ctx.evidence(u, start, start)


def _unanswered(texts) -> str:
    """The problems no plan answers, by their lead statements in the report's own words
    (at most two): “村级调解力量薄弱”、“…”没有对应的措施."""
    leads = [point_lead(t).strip() for t in texts]
    # the first clause when it names the problem (法治宣传教育工作仍需加强,…)
    leads = [x.split(",")[0] if len(x.split(",")[0]) >= 6 else x for x in leads]
    leads = [x if len(x) <= 30 else x[:28] + "…" for x in leads]
    leads = [x for x in dict.fromkeys(leads) if x and "“" not in x and "”" not in x]
    if not leads:
        return "其余问题没有对应的措施"
    more = "等" if len(leads) > 2 else ""
    return "、".join(f"“{x}”" for x in leads[:2]) + f"{more}没有对应的措施"
