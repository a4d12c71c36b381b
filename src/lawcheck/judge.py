"""Stage 4, judge: Outline + Matches + Pack -> one ItemResult per item.

Few check types, many items (the kube-linter split): each YAML item names its type.

- part      a statutory part, found by section role and heading (achievements, the
            first-responsible part, shortcomings, plans with next-year framing)
- presence  terms/patterns in the right part: pass scopes vs weak scopes, umbrella and
            passing-mention wording (weak), and "substance" (a heading, a figure, or
            more than one sentence) where a bare mention is not enough
- figures   share of achievement sub-parts that carry figures
- specific  shortcomings that name a concrete symptom, not stock phrases
- alignment plans that answer the shortcomings (topic words, jieba)
- meta      title, year, signature
- deadline  the signature date against the pack's deadline for the year and level

Reasons are written for a reviewer, in Chinese, quoting the report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import topics
from .match import FIGURE, Matches, sentence_at
from .model import Evidence, Hit, ItemResult, Outline, Section, Unit
from .normalize import normalize
from .rules import Item, Pack

ROLE_CN = {"preamble": "开头", "achievements": "成效部分", "first_responsible": "第一责任人部分",
           "shortcomings": "存在问题部分", "plans": "下一步计划部分", "other": "其他事项部分",
           "signature": "落款"}
MAX_EVIDENCE = 3
_SENT = re.compile(r"[^。!?;]+[。!?;]?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CAUSE_LEAD = re.compile(r"(原因|根源)[^。]{0,8}(是|在于|有|如下|:)\s*$|究其原因|原因分析")
_CAUSE_TAIL = re.compile(r"(主要|究其)?原因[^。]{0,8}[:]\s*$")
_LAW_WORDS = re.compile(r"法治|依法|执法|法律|普法|行政")


@dataclass
class Context:
    outline: Outline
    matches: Matches
    pack: Pack
    locations: list[str] | None = None

    def unit(self, i: int) -> Unit:
        return self.outline.units[i]

    def has_body(self, section: int) -> bool:
        """Does the section (with its sub-sections) hold at least one prose sentence?"""
        if not hasattr(self, "_body"):
            self._body: dict[int, bool] = {}
        if section not in self._body:
            o = self.outline
            secs = _subtree(o, o.sections[section])
            self._body[section] = bool(substantive_sentences(_units_of(o, secs), self.matches.stuffed))
        return self._body[section]

    @property
    def relevant(self) -> bool:
        """Is this a rule-of-law text at all? A news item or a notice on another subject
        shares a few generic words (下一步, figures) with reports but no rule-of-law
        vocabulary; every item is then missing."""
        if not hasattr(self, "_relevant"):
            topical = {h.item for hits in self.matches.hits.values() for h in hits
                       if h.unit not in self.matches.stuffed
                       and h.item.split(".")[0] in ("enforcement", "review", "disputes", "governance")}
            words = sum(len(_LAW_WORDS.findall(u.text)) for u in self.outline.units)
            headed = any(s.role_source == "heading" for s in self.outline.sections[1:])
            self._relevant = bool(topical) or words > 0 or headed

        return self._relevant

    def section_label(self, unit: Unit) -> str:
        sec = self.outline.sections[unit.section]
        if sec.index == 0:
            return "(开头)"
        return (sec.marker + sec.title).strip()

    def evidence(self, unit: Unit, start: int = 0, end: int | None = None) -> Evidence:
        text = unit.text
        if end is not None:
            s, e = sentence_at(text, start)
            text = text[s:e]
        text = text.strip()
        if len(text) > 90:
            # keep the matched words in view
            if end is not None:
                rel = max(0, start - sentence_at(unit.text, start)[0] - 30)
                text = ("…" if rel else "") + text[rel:rel + 88] + "…"
            else:
                text = text[:88] + "…"
        loc = None
        if self.locations and 0 < unit.line <= len(self.locations):
            loc = self.locations[unit.line - 1] or None
        return Evidence(line=unit.line, section=self.section_label(unit), text=text, location=loc)


def _result(item: Item, status: str, reasons: list[str], evidence: list[Evidence]) -> ItemResult:
    return ItemResult(id=item.id, title=item.title, group=item.group, status=status,
                      weight=item.weight, severity=item.severity, reasons=reasons,
                      evidence=evidence[:MAX_EVIDENCE], need=item.describe.get("pass", ""))


def substantive_sentences(units: list[Unit], stuffed: set[int],
                          headings: bool = False) -> list[tuple[Unit, str]]:
    """Sentences that read as prose (not term lists, ≥ 8 CJK characters); headings only
    when `headings` is set."""
    out = []
    for u in units:
        if (u.is_heading and not headings) or u.index in stuffed:
            continue
        for m in _SENT.finditer(u.text):
            s = m.group(0)
            if len(_CJK.findall(s)) >= 8:
                out.append((u, s))
    return out


# ------------------------------------------------------------------ section helpers

def _subtree(outline: Outline, sec: Section) -> list[Section]:
    out = [sec]
    for c in sec.children:
        out.extend(_subtree(outline, outline.sections[c]))
    return out


def _units_of(outline: Outline, secs: list[Section]) -> list[Unit]:
    ids = sorted({u for s in secs for u in s.units})
    return [outline.units[i] for i in ids]


def role_sections(outline: Outline, roles: tuple[str, ...] | list[str]) -> list[Section]:
    return [s for s in outline.sections[1:] if s.role in roles]


def headed_parts(outline: Outline, role: str) -> list[Section]:
    """Sections whose own heading gives them `role` (top-most of each chain)."""
    out = []
    for s in outline.sections[1:]:
        if s.role == role and s.role_source == "heading":
            parent = outline.sections[s.parent] if s.parent is not None else None
            if parent is not None and parent.role == role and parent.role_source == "heading":
                continue
            out.append(s)
    return out


def points(outline: Outline, secs: list[Section], role: str, stuffed: set[int]) -> list[tuple[Unit, str]]:
    """The enumerated points of a part: sub-sections, else 一是… units, else sentences."""
    out: list[tuple[Unit, str]] = []
    for sec in secs:
        kids = [outline.sections[c] for c in sec.children if outline.sections[c].role == role]
        if kids:
            out.extend(points(outline, kids, role, stuffed))
            continue
        body = [outline.units[i] for i in sec.units
                if not outline.units[i].is_heading and i not in stuffed]
        heading = next((outline.units[i] for i in sec.units if outline.units[i].is_heading), None)
        enums = [u for u in body if u.enum]
        if len(enums) >= 2:
            current: list[Unit] = []
            in_causes = False       # 一是…二是… after "主要原因在于:" are causes, not points
            for u in body:
                if u.enum:
                    if current and current[0].enum and not in_causes:
                        out.append((current[0], " ".join(x.text for x in current)))
                    if current and _CAUSE_LEAD.search(current[-1].text):
                        in_causes = True     # "…三是…。主要原因:一是…" starts the causes
                    current = [u]
                else:
                    if current and current[0].enum and not in_causes:
                        out.append((current[0], " ".join(x.text for x in current)))
                    current = [u]
                    in_causes = bool(_CAUSE_LEAD.search(u.text))
            if current and current[0].enum and not in_causes:
                out.append((current[0], " ".join(x.text for x in current)))
            out[:] = [(u, _CAUSE_TAIL.sub("", t)) for u, t in out]
        elif sec.level >= 2 and sec.parent and outline.sections[sec.parent].role == role:
            text = " ".join(([heading.text] if heading else []) + [u.text for u in body])
            if body or heading:
                out.append((heading or body[0], text))
        else:
            for u, s in substantive_sentences(body, stuffed):
                if not re.match(r"^(在过去的一年|一年来|但|虽然|同时)", s) or len(s) > 40:
                    out.append((u, s))
    return out


# ------------------------------------------------------------------ check: part

def check_part(item: Item, ctx: Context) -> ItemResult:
    o, m = ctx.outline, ctx.matches
    opts = item.options
    role = opts["role"]
    also = tuple(opts.get("also_roles", ()))
    min_sent = int(opts.get("min_sentences", 1))
    label = ROLE_CN.get(role, role)

    if not opts.get("heading_required"):
        secs = role_sections(o, (role,) + also)
        sents = substantive_sentences(_units_of(o, secs), m.stuffed)
        ev = [ctx.evidence(o.units[s.units[0]]) for s in secs if s.units][:MAX_EVIDENCE]
        named = [s for s in secs if s.role == role and s.role_source == "heading"]
        with_figs = sum(1 for _, sent in sents if FIGURE.search(sent))
        # A long narrative, or a part so titled / with figures that is short but concrete;
        # a few generic sentences stay weak.
        if len(sents) >= min_sent or (len(sents) >= 3 and (named or with_figs >= 3)):
            how = f"“{named[0].marker}{named[0].title}”" if named else f"{len(secs)}个专题章节"
            return _result(item, "pass", [f"{how}叙述全年工作,共{len(sents)}句实质内容,"
                                          f"{with_figs}句有数据"], ev)
        pre = substantive_sentences([u for u in o.units if u.role == "preamble"], m.stuffed)
        if not any(s.role == role for s in secs) and len(pre) >= min_sent:
            # No heading at all, but the opening narrates the year's work at length.
            return _result(item, "pass", [f"开头部分叙述全年工作({len(pre)}句),没有单独的成效标题"],
                           [ctx.evidence(u) for u, _ in pre])
        if sents:
            return _result(item, "weak", [f"工作成效只有{len(sents)}句笼统表述"],
                           [ctx.evidence(u) for u, _ in sents])
        if len(pre) >= 3:
            return _result(item, "weak", ["没有成效部分,只有开头的概括性表述"],
                           [ctx.evidence(u) for u, _ in pre])
        return _result(item, "missing", [item.describe.get("missing", f"没有{item.title}")], [])

    parts = headed_parts(o, role)
    if role == "plans":
        parts += [s for s in o.sections[1:] if s.role == "plans" and s.role_source == "split"]
    if role == "plans" and not parts:
        # Improvement measures inside a merged part are plans without next-year framing.
        parts = [s for s in o.sections[1:] if s.role == "plans"]
    body_hits = [h for h in m.of(item.id) if h.unit not in m.stuffed]
    for sec in parts:
        tree = [s for s in _subtree(o, sec) if s.role == role]
        # Sub-headings that run on into one sentence are content too; the part's own
        # heading is not.
        sents = substantive_sentences(
            [u for u in _units_of(o, tree) if u.index != (sec.units[0] if sec.units else -1)],
            m.stuffed, headings=True)
        head_unit = o.units[sec.units[0]] if sec.units else None
        ev = [ctx.evidence(head_unit)] if head_unit else []
        title = f"“{sec.marker}{sec.title}”"
        if len(sents) < min_sent:
            continue
        if role == "plans":
            framed = _framed(o, sec, ctx)
            pts = points(o, [sec], role, m.stuffed)
            if not framed:
                return _result(item, "weak", [f"{title}只是附在问题后的改进措施,没有下一年度的工作框架"], ev)
            if len(pts) < int(opts.get("min_points", 2)):
                return _result(item, "weak", [f"{title}只有{len(pts)}项笼统措施"], ev)
            return _result(item, "pass", [f"{title}列出{len(pts)}项措施"], ev)
        return _result(item, "pass", [f"标题{title}"], ev)
    if opts.get("enum_heads"):
        # 一是扛牢法治建设第一责任人职责。… : an enumerated point's head acts as a sub-heading.
        pats = ctx.pack.roles.headings.get(role, [])
        for u in o.units:
            if u.enum and u.index not in m.stuffed and u.role not in ("shortcomings", "plans"):
                head = re.split(r"[。;:]", u.text, 1)[0]
                if len(head) <= 40 and any(p.search(head) for p in pats) and \
                        len(_CJK.findall(u.text)) >= len(_CJK.findall(head)) + 8:
                    return _result(item, "pass", [f"分项“{head}”写明{item.title}"],
                                   [ctx.evidence(u)])
    if parts:
        sec = parts[0]
        return _result(item, "weak", [f"有标题“{sec.marker}{sec.title}”,但其下没有实际内容"],
                       [ctx.evidence(o.units[sec.units[0]])] if sec.units else [])
    if body_hits:
        ev = _hit_evidence(ctx, body_hits)
        words = "、".join(dict.fromkeys(f"“{h.text}”" for h in body_hits))
        return _result(item, "weak", [f"没有{label}的标题,只在正文中提到{words}"], ev)
    return _result(item, "missing", [item.describe.get("missing", f"没有{item.title}")], [])


def _framed(o: Outline, sec: Section, ctx: Context) -> bool:
    """Does the plans part (or its parent heading) frame it as next year's work?"""
    year = o.year
    pats = []
    for p in ctx.pack.role_patterns.get("next_year_framing", []):
        if "{next_year}" in p:
            if year:
                pats.append(re.compile(p.replace("{next_year}", str(year + 1))))
        else:
            pats.append(re.compile(p))
    chain = [sec]
    while chain[-1].parent:
        chain.append(o.sections[chain[-1].parent])
    return any(p.search(s.title) for s in chain for p in pats)


# ------------------------------------------------------------------ check: presence

def _hit_evidence(ctx: Context, hits: list[Hit]) -> list[Evidence]:
    out, seen = [], set()
    for h in hits:
        key = (h.unit, sentence_at(ctx.unit(h.unit).text, h.start))
        if key in seen:
            continue
        seen.add(key)
        out.append(ctx.evidence(ctx.unit(h.unit), h.start, h.end))
        if len(out) >= MAX_EVIDENCE:
            break
    return out


def check_presence(item: Item, ctx: Context) -> ItemResult:
    o, m = ctx.outline, ctx.matches
    hits = [h for h in m.of(item.id) if h.unit not in m.stuffed]
    opts = item.options
    strong, passing, scoped = [], [], []
    for h in hits:
        in_pass, in_weak = h.role in item.pass_scopes, h.role in item.weak_scopes
        is_strong = h.kind in ("term", "pattern", "heading") and not h.demoted
        if h.kind == "heading" and (opts.get("heading_hits") == "weak" or
                                    not ctx.has_body(ctx.unit(h.unit).section)):
            is_strong = False      # a heading with nothing under it is only a word
        if in_pass and is_strong:
            strong.append(h)
        elif in_pass:
            passing.append(h)
        elif in_weak and is_strong:
            scoped.append(h)
        elif in_weak:
            passing.append(h)

    sub_part = opts.get("sub_part")
    if sub_part:
        sp, sp_not = re.compile(sub_part), re.compile(opts.get("sub_part_not", r"(?!x)x"))
        for sec in o.sections[1:]:
            if sec.role in item.pass_scopes and sp.search(sec.title) and not sp_not.search(sec.title):
                body = substantive_sentences(_units_of(o, _subtree(o, sec)), m.stuffed)
                if body:
                    return _result(item, "pass", [f"有专门的小节“{sec.marker}{sec.title}”"],
                                   [ctx.evidence(o.units[sec.units[0]])])

    if strong:
        sentences = {(h.unit, sentence_at(ctx.unit(h.unit).text, h.start)) for h in strong}
        headed = [h for h in strong if h.kind == "heading"]
        with_fig = [h for h in strong if _figure_near(ctx.unit(h.unit).text, h.start)]
        words = "、".join(dict.fromkeys(f"“{h.text}”" for h in strong))
        distinct = _distinct_terms(strong)
        if item.needs == "mention" or headed or with_fig or len(sentences) >= 2 or \
                distinct >= int(opts.get("min_distinct_terms", 3)):
            first = {id(h) for h in headed} | {id(h) for h in with_fig}
            best = headed + with_fig + [h for h in strong if id(h) not in first]
            why = "标题写到" if headed else ("写到" if not with_fig else "写到并有数据:")
            return _result(item, "pass", [f"{ROLE_CN.get(strong[0].role, '')}{why}{words}"],
                           _hit_evidence(ctx, best))
        return _result(item, "weak", [f"只有一处一般性提及{words},没有具体做法或数据"],
                       _hit_evidence(ctx, strong))
    if passing:
        words = "、".join(dict.fromkeys(f"“{h.text}”" for h in passing))
        if any(h.demoted for h in passing):
            kind = "只是顺带提及"
        elif any(h.kind == "heading" for h in passing):
            kind = "只有标题,其下没有相关内容:"
        else:
            kind = "只有总称或一般性表述"
        return _result(item, "weak", [f"{kind}{words}"], _hit_evidence(ctx, passing))
    if scoped:
        where = "、".join(dict.fromkeys(ROLE_CN.get(h.role, h.role) for h in scoped))
        words = "、".join(dict.fromkeys(f"“{h.text}”" for h in scoped))
        return _result(item, "weak", [f"只在{where}提到{words},不是本年度已做的工作"],
                       _hit_evidence(ctx, scoped))
    reasons = [f"全文未见{item.title}相关内容"]
    if any(h.unit in m.stuffed for h in m.of(item.id)):
        reasons[0] += ",只有堆砌的关键词,没有成句的叙述"
    note = re.sub(r"^(未涉及|nothing)[;,;,。]?(或)?", "", item.describe.get("missing", "")).strip()
    if note:
        reasons.append(f"注:{note}")
    return _result(item, "missing", reasons, [])


def _distinct_terms(hits: list[Hit]) -> int:
    """Distinct words among hits, not counting a term inside a longer one."""
    words = sorted({h.text for h in hits}, key=len, reverse=True)
    kept: list[str] = []
    for w in words:
        if not any(w in k for k in kept):
            kept.append(w)
    return len(kept)


_CLAUSE_END = re.compile(r"[,。;!?:]")


def _figure_near(text: str, pos: int) -> bool:
    """A figure in the clause of the hit or the clause right after it (开展接访下访,
    全年接访群众256批), not elsewhere in a long sentence about other work."""
    s, e = sentence_at(text, pos)
    sent, rel = text[s:e], pos - s
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(sent)] + [len(sent)]
    for i in range(len(bounds) - 1):
        if bounds[i] <= rel < bounds[i + 1]:
            end = bounds[i + 2] if i + 2 < len(bounds) else bounds[i + 1]
            return bool(FIGURE.search(sent[bounds[i]:end]))
    return bool(FIGURE.search(sent))


# ------------------------------------------------------------------ check: figures

def check_figures(item: Item, ctx: Context) -> ItemResult:
    o, m = ctx.outline, ctx.matches
    roles = tuple(item.options.get("roles", ("achievements", "first_responsible", "other")))
    parts = []
    for s in role_sections(o, roles):
        body = [o.units[i] for i in s.units if not o.units[i].is_heading and i not in m.stuffed]
        if substantive_sentences(body, m.stuffed):
            parts.append((s, body))
    if not parts:
        pre = [u for u in o.units if u.role == "preamble" and u.index not in m.stuffed]
        parts = [(o.sections[0], pre)] if pre else []
    with_fig = [(s, b) for s, b in parts if any(u.index in m.figures for u in b)]
    total_figs = sum(len(m.figures.get(u.index, ())) for _, b in parts for u in b)
    share_needed = float(item.options.get("share_for_pass", 0.5))
    ev = [ctx.evidence(u) for _, b in with_fig for u in b if u.index in m.figures][:MAX_EVIDENCE]
    if parts and len(with_fig) / len(parts) >= share_needed:
        return _result(item, "pass", [f"{len(with_fig)}/{len(parts)}个成效小节有数据,共{total_figs}处"], ev)
    if with_fig:
        return _result(item, "weak", [f"只有{len(with_fig)}/{len(parts)}个成效小节有数据"], ev)
    return _result(item, "missing", ["成效部分没有任何数据(数量、比率、金额)"], [])


# ------------------------------------------------------------------ check: specific

STOCK = re.compile(
    r"(有待(进一步)?[\u4e00-\u9fff]{2}|仍需(进一步)?[\u4e00-\u9fff]{2}|还需(进一步)?[\u4e00-\u9fff]{2}|"
    r"尚需[\u4e00-\u9fff]{2}|不够(深入|到位|完善|全面|有力|扎实|充分|高|强)|需要进一步[\u4e00-\u9fff]{2}|"
    r"(还|仍)?有(较大)?(提升|提高|改进|优化|完善)(的)?空间|进一步(加强|提升|提高|完善|强化)|"
    r"(水平|能力|意识|质效|效能|实效)(仍然?|还|尚)?(有待|需要)[\u4e00-\u9fff]{2})")
SYMPTOM = re.compile(
    r"(不足(?!之处|和|与)|缺乏|缺少|短缺|滞后|较多|偏多|偏少|较少|偏低|较低|偏高|不高|不强|"
    r"参差不齐|不规范|不统一|不一致|不健全|难以|未能|未达|尚未|没有|不到位|繁重|薄弱|淡漠|欠缺|"
    r"不平衡|不充分|单一|不明确|不及时|不严格|流于形式|空白|老化|不适应|不精准|不匹配|不多|"
    r"不熟悉|不会|不愿|不敢|未建立|未实现|仅有|仅\d|只有|超期|积压|败诉|被纠错|投诉)")


def shortcoming_points(ctx: Context) -> list[tuple[Unit, str]]:
    o, m = ctx.outline, ctx.matches
    parts = [s for s in headed_parts(o, "shortcomings")]
    if not parts:
        parts = [s for s in o.sections[1:] if s.role == "shortcomings"]
    pts = points(o, parts, "shortcomings", m.stuffed)
    # Cause statements are not problems.
    return [(u, t) for u, t in pts if not re.match(r"^(究其原因|原因|主要原因)", t)]


def check_specific(item: Item, ctx: Context) -> ItemResult:
    pts = shortcoming_points(ctx)
    if not pts:
        return _result(item, "missing", ["没有不足部分"], [])
    specific = []
    for u, text in pts:
        rest = STOCK.sub("", text)
        if SYMPTOM.search(rest) or FIGURE.search(rest):
            specific.append((u, text))
    need = int(item.options.get("min_specific", 2))
    ev = [ctx.evidence(u) for u, _ in (specific or pts)]
    if len(specific) >= need:
        return _result(item, "pass", [f"{len(pts)}个问题中{len(specific)}个写明了具体表现"], ev)
    if len(pts) == 1 and not specific:
        return _result(item, "weak", ["只有一个问题,且是套话"], ev)
    if len(pts) == 1:
        return _result(item, "weak", ["只列了一个问题"], ev)
    return _result(item, "weak", [f"{len(pts)}个问题中只有{len(specific)}个写明具体表现,"
                                  "其余是“有待加强”“仍需提升”之类套话"], ev)


# ------------------------------------------------------------------ check: alignment

def check_alignment(item: Item, ctx: Context) -> ItemResult:
    o, m = ctx.outline, ctx.matches
    problems = shortcoming_points(ctx)
    plan_secs = headed_parts(o, "plans") or [s for s in o.sections[1:] if s.role == "plans"]
    plans = points(o, plan_secs, "plans", m.stuffed)
    if not problems:
        return _result(item, "missing", ["没有列出问题,无法对应"], [])
    if not plans:
        return _result(item, "missing", ["没有计划或整改措施"], [])
    tok = topics.Topics(ctx.pack)
    plan_topics = [tok.of(t) for _, t in plans]
    matched, unmatched, ev = [], [], []
    for u, text in problems:
        pt = tok.of(text)
        best = max(((len(pt & p), j) for j, p in enumerate(plan_topics)), default=(0, -1))
        if best[0] >= 1:
            matched.append(text)
            ev.append(ctx.evidence(u))
        else:
            unmatched.append((u, text))
    share = len(matched) / len(problems)
    ev = [ctx.evidence(u) for u, _ in unmatched] + ev
    if share >= float(item.options.get("share_for_pass", 1.0)):
        return _result(item, "pass", [f"{len(problems)}个问题都有对应措施"], ev)
    first = unmatched[0][1][:30] if unmatched else ""
    if share >= float(item.options.get("share_for_weak", 0.5)):
        return _result(item, "weak", [f"{len(problems)}个问题中{len(matched)}个有对应措施;"
                                      f"未对应:“{first}…”"], ev)
    return _result(item, "missing", [f"{len(problems)}个问题中只有{len(matched)}个有对应措施"], ev)


# ------------------------------------------------------------------ check: meta

def check_meta(item: Item, ctx: Context) -> ItemResult:
    o = ctx.outline
    field_ = item.options["field"]
    if field_ == "year":
        if o.year and o.year_source in ("title", "opening"):
            where = "标题" if o.year_source == "title" else "开头"
            if o.year_source == "title":
                ev = _meta_ev(ctx, o.title_line, o.title or "")
            else:
                first = next((u for u in o.units if not u.is_heading), None)
                ev = [ctx.evidence(first)] if first else []
            return _result(item, "pass", [f"{where}写明{o.year}年度"], ev)
        if o.year:
            return _result(item, "weak", [f"只能从正文日期推断为{o.year}年"], [])
        return _result(item, "missing", ["无法确定报告年度"], [])
    if field_ == "title":
        if not o.title:
            why = f"第一行“{o.addressee}”是主送机关,不是标题" if o.addressee else "没有标题行"
            return _result(item, "missing", [why], [])
        lacks = []
        if not re.search(r"(19|20)\d\d", o.title):
            lacks.append("年度")
        if not o.issuer:
            lacks.append("发文单位")
        if not re.search(r"法治|依法行政", o.title):
            lacks.append("“法治政府建设”")
        # A local rule may fix the report's name (四川: 「法治政府建设年度报告」).
        required = item.options.get("required_phrase") or []
        if isinstance(required, str):
            required = [required]
        compact = re.sub(r"\s+", "", o.title)
        unnamed = [p for p in required if re.sub(r"\s+", "", normalize(str(p))) not in compact]
        if not lacks and not unnamed:
            return _result(item, "pass", [f"标题“{o.title}”"], _meta_ev(ctx, o.title_line, o.title))
        reasons = [f"标题“{o.title}”缺{'、'.join(lacks)}"] if lacks else []
        if unnamed:
            reasons.append(f"标题“{o.title}”没有使用规定的报告名称"
                           + "、".join(f"“{p}”" for p in unnamed))
        return _result(item, "weak", reasons, _meta_ev(ctx, o.title_line, o.title))
    if field_ == "signature":
        sig = o.signature
        if sig and sig.issuer and sig.date:
            return _result(item, "pass", [f"落款“{sig.issuer}”,{sig.date}"],
                           _meta_ev(ctx, sig.line, f"{sig.issuer} {sig.date}", "(落款)"))
        if sig:
            have = f"只有发文单位“{sig.issuer}”" if sig.issuer else f"只有日期{sig.date}"
            return _result(item, "weak", [f"{have},缺{'日期' if sig.issuer else '发文单位'}"],
                           _meta_ev(ctx, sig.line, sig.issuer or sig.date or "", "(落款)"))
        return _result(item, "missing", ["文末没有发文单位和日期"], [])
    raise ValueError(field_)


def _meta_ev(ctx: Context, line: int | None, text: str = "", section: str = "(标题)") -> list[Evidence]:
    if not line:
        return []
    loc = ctx.locations[line - 1] if ctx.locations and 0 < line <= len(ctx.locations) else None
    return [Evidence(line=line, section=section, text=text[:90], location=loc or None)]


# ------------------------------------------------------------------ check: deadline

# The text explains an early date: figures "as of" a day, or estimates for the rest of
# the year (截至12月10日, 截止到11月底, 预计全年…).
_AS_OF = re.compile(r"(截至|截止)(到|于)?\s*((\d{4}|[〇○零一二三四五六七八九O]{4})\s*年)?\s*"
                    r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}\s*日|[一二三四五六七八九十]{1,3}日|底|末|中旬|上旬|下旬)"
                    r"|(截至|截止)(到)?(目前|发稿|报告)|预计")


def _cn_date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def check_deadline(item: Item, ctx: Context) -> ItemResult:
    """The signature date against the pack's deadline for the report's year and level:
    after the reported year ended and on or before month/day of the next year."""
    import datetime as dt
    o = ctx.outline
    sig = o.signature
    if sig is None or not sig.date:
        return _result(item, "missing", ["文末没有成文日期,无法判断是否按时报送"], [])
    ev_text = f"{sig.issuer or ''} {sig.date}".strip()
    try:
        signed = dt.date.fromisoformat(sig.date)
    except ValueError:
        return _result(item, "missing", [f"落款日期“{sig.date}”无法识别,无法判断是否按时报送"],
                       _meta_ev(ctx, sig.line, ev_text, "(落款)"))
    ev = _meta_ev(ctx, sig.line, f"{sig.issuer or ''} {_cn_date(signed)}".strip(), "(落款)")
    year, note = o.year, ""
    if not year:
        year = signed.year - 1 if signed.month <= 6 else signed.year
        note = f"(报告年度不明,按落款推定为{year}年度)"
    deadlines = ctx.pack.deadlines
    key = o.level if o.level in deadlines else "default"
    month, day = deadlines.get(key) or deadlines.get("default") or (4, 1)
    try:
        due = dt.date(year + 1, month, day)
    except ValueError:                      # 2月30日 and the like: the month's last day
        due = dt.date(year + 1, month % 12 + 1, 1) - dt.timedelta(days=1) if month < 12 \
            else dt.date(year + 1, 12, 31)
    who = {"province": "省级", "city": "市级", "county": "县级", "town": "乡镇(街道)",
           "department": "部门"}.get(key, "")
    due_cn = f"{who}报告时限{year + 1}年{month}月{day}日" if who else f"报送时限{year + 1}年{month}月{day}日"
    year_end = dt.date(year, 12, 31)
    if signed.year < year:
        return _result(item, "weak", [f"落款日期{_cn_date(signed)}早于报告年度{year}年{note}"], ev)
    if signed <= year_end:
        text = "\n".join(u.text for u in o.units)
        m = _AS_OF.search(text)
        if m:
            s, e = sentence_at(text, m.start())
            quote = text[s:e].strip()
            quote = quote[:40] + ("…" if len(quote) > 40 else "")
            return _result(item, "pass", [f"落款日期{_cn_date(signed)}在{year}年度结束前,"
                                          f"正文已说明数据口径(“{quote}”){note}"], ev)
        return _result(item, "weak", [f"落款日期{_cn_date(signed)}在{year}年度结束之前,"
                                      f"正文没有说明数据截至何时或为预计数{note}"], ev)
    if signed > due:
        late = (signed - due).days
        return _result(item, "weak", [f"落款日期{_cn_date(signed)}晚于{due_cn},"
                                      f"超期{late}天{note}"], ev)
    return _result(item, "pass", [f"落款日期{_cn_date(signed)},在{due_cn}之前{note}"], ev)


CHECKS = {"part": check_part, "presence": check_presence, "figures": check_figures,
          "specific": check_specific, "alignment": check_alignment, "meta": check_meta,
          "deadline": check_deadline}


def judge(outline: Outline, matches: Matches, pack: Pack,
          locations: list[str] | None = None) -> list[ItemResult]:
    ctx = Context(outline=outline, matches=matches, pack=pack, locations=locations)
    if not ctx.relevant:
        return [_result(it, "missing", ["文本没有法治政府建设的内容,不像年度报告"], [])
                for it in pack.items]
    return [CHECKS[it.check](it, ctx) for it in pack.items]
