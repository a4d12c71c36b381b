"""Shared by every check type: the Context a check reads (outline, hits, pack), the
result constructor, evidence, sentences, the sentence tests (concrete, slogan) and the
section helpers (parts, points)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable

from .. import rx as re

from ..match import FIGURE, Matches, sentence_at
from ..zhtype import zh, zh_tree
from ..model import Evidence, Hit, ItemResult, Outline, Section, Status, Unit
from ..rules import Item, Pack
from .cite import LIMIT, clip

ROLE_CN = {"preamble": "开头", "achievements": "成效部分", "first_responsible": "第一责任人部分",
           "shortcomings": "存在问题部分", "plans": "下一步计划部分", "other": "其他事项部分",
           "signature": "落款"}
MAX_EVIDENCE = 3
SENT = re.compile(r"[^。!?;]+[。!?;]?")
CJK = re.compile(r"[\u4e00-\u9fff]")
CAUSE_LEAD = re.compile(r"(原因|根源)[^。]{0,8}(是|在于|有|如下|:)\s*$|究其原因|原因分析")
CAUSE_TAIL = re.compile(r"(主要|究其)?原因[^。]{0,8}[:]\s*$")
LAW_WORDS = re.compile(r"法治|依法|执法|法律|普法|行政")


@dataclass
class Context:
    outline: Outline
    matches: Matches
    pack: Pack
    locations: list[str] | None = None
    # What the checks compute once per report and share (sections with a body, per-sentence
    # tests, the first body unit): one declared memo, keyed by what is remembered.
    memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def unit(self, i: int) -> Unit:
        return self.outline.units[i]

    def has_body(self, section: int, concrete_only: bool = False) -> bool:
        """Does the section (with its sub-sections) hold at least one prose sentence
        (with `concrete_only`, one that says something concrete, not only slogans)?"""
        body: dict[tuple[int, bool], bool] = self.memo.setdefault("body", {})
        key = (section, concrete_only)
        if key not in body:
            o = self.outline
            secs = subtree(o, o.sections[section])
            sents = substantive_sentences(units_of(o, secs), self.matches.stuffed)
            if concrete_only:
                sents = [x for x in sents if concrete(x[1])]
            body[key] = bool(sents)
        return body[key]

    @functools.cached_property
    def relevant(self) -> bool:
        """Is this a rule-of-law text at all? A news item or a notice on another subject
        shares a few generic words (下一步, figures) with reports but no rule-of-law
        vocabulary; every item is then missing."""
        topical = {h.item for hits in self.matches.hits.values() for h in hits
                   if h.unit not in self.matches.stuffed
                   and h.item.split(".")[0] in ("enforcement", "review", "disputes", "governance")}
        words = sum(len(LAW_WORDS.findall(u.text)) for u in self.outline.units)
        headed = any(s.role_source == "heading" for s in self.outline.sections[1:])
        return bool(topical) or words > 0 or headed

    def section_label(self, unit: Unit) -> str:
        sec = self.outline.sections[unit.section]
        if sec.index == 0:
            return "(开头)"
        return (sec.marker + sec.title).strip()

    def evidence(self, unit: Unit, start: int = 0, end: int | None = None) -> Evidence:
        """Evidence quoting the sentence of `unit` at `start` (a heading whole), trimmed
        around the decisive words at [start, end) (see cite.clip)."""
        if unit.is_heading:
            s, e = clip(unit.text, 0, len(unit.text)) if len(unit.text) > LIMIT else (0, len(unit.text))
        else:
            s, e = clip(unit.text, start, end)
        if s == e:                      # a sentence of bare separators: the unit as it is
            s, e = 0, min(len(unit.text), LIMIT)
        loc = None
        if self.locations and 0 < unit.line <= len(self.locations):
            loc = self.locations[unit.line - 1] or None
        return Evidence(line=unit.line, section=self.section_label(unit), text=unit.text[s:e].strip(),
                        location=loc)


def result(item: Item, status: str, reasons: list[str], evidence: list[Evidence],
           cause: str = "", limit: int = MAX_EVIDENCE) -> ItemResult:
    """The item's verdict with its reasons and evidence (at most `limit` entries, best
    first); a weak or missing verdict gets the rule's hint for the drafter (for a weak
    one, the hint for its `cause` when the rule has one: see model.WEAK_CAUSES)."""
    # reasons and rule prose read as Chinese sentences: full-width punctuation (zhtype)
    return ItemResult(id=item.id, title=item.title, group=item.group, status=Status(status),
                      weight=item.weight, severity=item.severity, reasons=[zh(r) for r in reasons],
                      evidence=evidence[:limit], need=zh(item.describe.get("pass", "")),
                      hint=zh(item.hint_for(status, cause)), describe=zh_tree(dict(item.describe)),
                      rule_hints=zh_tree(dict(item.hint)), source=item.source)


def substantive_sentences(units: list[Unit], stuffed: set[int],
                          headings: bool = False) -> list[tuple[Unit, str]]:
    """Sentences that read as prose (not term lists, ≥ 8 CJK characters); headings only
    when `headings` is set."""
    out = []
    for u in units:
        if (u.is_heading and not headings) or u.index in stuffed:
            continue
        for m in SENT.finditer(u.text):
            s = m.group(0)
            if len(CJK.findall(s)) >= 8:
                out.append((u, s))
    return out


# ------------------------------------------------------------------ section helpers

def subtree(outline: Outline, sec: Section) -> list[Section]:
    out = [sec]
    for c in sec.children:
        out.extend(subtree(outline, outline.sections[c]))
    return out


def units_of(outline: Outline, secs: list[Section]) -> list[Unit]:
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


_CAUSE_START = re.compile(r"(?<=[。;])[^。;]*(究其原因|分析原因|原因分析|原因(是|在于|主要|有)|问题的(产生|形成)|"
                          r"产生[^。]{0,10}原因|(客观|主观)(上|因素))")


def _cut_causes(text: str) -> str:
    """A point ends where the cause analysis that follows it begins."""
    m = _CAUSE_START.search(text)
    return text[:m.start()].strip() if m else text


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
        parent_same = sec.parent and outline.sections[sec.parent].role == role
        if parent_same and sec.role_source != "heading":
            # a sub-heading that names one problem or measure is one point, whatever its
            # body enumerates afterwards (often the causes); a container heading such as
            # "(一)存在问题" (role from its own heading) is opened up below instead
            text = " ".join(([heading.text] if heading else []) + [u.text for u in body])
            if body or heading:
                out.append((heading or body[0], _cut_causes(text)))
        elif len(enums) >= 2:
            current: list[Unit] = []
            in_causes = False       # 一是…二是… after "主要原因在于:" are causes, not points
            for u in body:
                if u.enum:
                    if current and current[0].enum and not in_causes:
                        out.append((current[0], " ".join(x.text for x in current)))
                    if current and CAUSE_LEAD.search(current[-1].text):
                        in_causes = True     # "…三是…。主要原因:一是…" starts the causes
                    current = [u]
                elif CAUSE_LEAD.search(u.text) or _CAUSE_START.match("。" + u.text):
                    # "主要原因在于:" — the 一是… that follow are causes, not points
                    if current and current[0].enum and not in_causes:
                        out.append((current[0], " ".join(x.text for x in current)))
                    current = [u]
                    in_causes = True
                elif current and current[0].enum:
                    current.append(u)      # the point's explanation on the next line
                else:
                    current = [u]
            if current and current[0].enum and not in_causes:
                out.append((current[0], " ".join(x.text for x in current)))
            out[:] = [(u, _cut_causes(CAUSE_TAIL.sub("", t))) for u, t in out]
        elif parent_same:
            text = " ".join(([heading.text] if heading else []) + [u.text for u in body])
            if body or heading:
                out.append((heading or body[0], _cut_causes(text)))
        else:
            for u, s in substantive_sentences(body, stuffed):
                if not re.match(r"^(在过去的一年|一年来|但|虽然|同时)", s) or len(s) > 40:
                    out.append((u, s))
    return out


def point_units(ctx: Context, unit: Unit, text: str) -> list[Unit]:
    """The units a point (see `points`) was built from: `unit` and the units after it
    whose text the point's text takes up (a heading, its body, an 一是… and the lines
    that explain it)."""
    out = [unit]
    for u in ctx.outline.units[unit.index + 1:]:
        if u.section != unit.section or u.is_heading or u.text[:12] not in text:
            break
        out.append(u)
    return out


def _per_sentence(ctx: Context, hit: Hit, name: str, test: Callable[[int, str], bool]) -> bool:
    """`test(unit, sentence)` for the hit's sentence, computed once per sentence."""
    text = ctx.unit(hit.unit).text
    s, e = sentence_at(text, hit.start)
    cache = ctx.memo.setdefault(name, {})
    key = (hit.unit, s)
    if key not in cache:
        cache[key] = test(hit.unit, text[s:e])
    return cache[key]


def concrete_at(ctx: Context, hit: Hit) -> bool:
    """Is the hit's sentence concrete (a figure, a named document, a concrete action)?"""
    return _per_sentence(ctx, hit, "_concrete", lambda unit, sent: concrete(sent))


def slogan_at(ctx: Context, hit: Hit) -> bool:
    """Is the hit's sentence a slogan: no figure, and nothing left once the rule terms
    and the pack's stock wording are taken out?"""
    return _per_sentence(ctx, hit, "_slogans", lambda unit, sent: _is_slogan(ctx, unit, sent))


def _is_slogan(ctx: Context, unit: int, sent: str) -> bool:
    if FIGURE.search(sent) or ctx.unit(unit).is_heading:
        return False
    rest = sent
    for h in ctx.matches.hits_in(unit):
        rest = rest.replace(h.text, "")
    for w in ctx.pack.slogan_words:
        if w in rest:
            rest = rest.replace(w, "")
    return len(CJK.findall(rest)) <= 3


# Concrete action: what a report says was done, as opposed to slogans (坚持, 推动, 加强,
# 深化, 不断提升…). A sentence with a figure, a named document or one of these is concrete.
_CONCRETE = re.compile(r"《|印发|出台|制定|修订|修改|废止|建成|开通|上线|接入|聘请|配备|召开|举办|开展|"
                       r"受理|办理|审结|审查|审核|评查|查处|公示|发布|组建|设立|培训|考试|检查|督办|"
                       r"通报|签订|编制|清理|备案|纠正|撤销|出庭|调解|接待|走访|约谈|批示|列席|讲授|宣讲|"
                       r"出具|参与|推广|使用|运行|审议|论证|征求|听取|实行|推行|建立(?!健全)|覆盖|录入|"
                       r"报送|复盘|排查|抽查|巡查|派驻|入驻|下沉|赋权|归集|共享|对接|部署实施")


def concrete(sentence: str) -> bool:
    """Does the sentence say something concrete: a figure, a named document, a concrete
    action? Slogans do not."""
    return bool(FIGURE.search(sentence) or _CONCRETE.search(sentence))


# A quoted word must be a word the report uses, not a stretch a regex happened to span:
# fragments with punctuation or longer than this are not quoted (the evidence shows them).
_MAX_QUOTABLE = 32
_QUOTABLE = re.compile(r"[^,;:!?。、,;:!?“”\"'()《》\s]{1,12}")


def quotable(words) -> list[str]:
    """The words fit to quote in a reason, each once, in order: terms and short pattern
    matches without punctuation, and not a word inside another one kept (执法公示 in
    行政执法公示)."""
    unique = [w for w in dict.fromkeys(str(w).strip() for w in words) if _QUOTABLE.fullmatch(w)]
    unique = unique[:_MAX_QUOTABLE]       # a reason quotes a few; keep pathological input linear
    return [w for w in unique if not any(w != o and w in o for o in unique)]


def quote_words(words, limit: int = 4) -> str:
    """“a”、“b”、“c” for a reason, each word once, at most `limit` of them (then 等);
    "" when none is fit to quote (see `quotable`)."""
    unique = quotable(words)
    text = "、".join(f"“{w}”" for w in unique[:limit])
    return text + ("等" if len(unique) > limit else "")
