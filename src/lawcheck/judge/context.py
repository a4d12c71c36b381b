"""Shared by every check type: the Context a check reads (outline, hits, pack), the
result constructor, evidence, sentences, the sentence tests (concrete, slogan) and the
section helpers (parts, points)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from .. import rx as re

from ..match import Matches, sentence_at
from ..zhtype import zh
from ..model import Evidence, Hit, ItemResult, Outline, Section, Status, Unit
from ..rules import Item, Pack
from .cite import LIMIT, clause_bounds, clip, figure_in_clauses, has_figure, may_figure
from .options import CheckOptions
from ..vocabulary import Vocabulary

_Opts = TypeVar("_Opts", bound=CheckOptions)

ROLE_CN = {"preamble": "开头", "achievements": "成效部分", "first_responsible": "第一责任人部分",
           "shortcomings": "存在问题部分", "plans": "下一步计划部分", "other": "其他事项部分",
           "signature": "落款"}
MAX_EVIDENCE = 3
SENT = re.compile(r"[^。!?;]+[。!?;]?")
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Context:
    outline: Outline
    matches: Matches
    pack: Pack
    locations: list[str] | None = None
    # What the checks compute once per report and share: one declared memo, keyed by what
    # is remembered, each table filled on first use (see `table`):
    #   body      (section, concrete only) -> has a prose sentence     (has_body)
    #   prose     unit -> its prose sentences                          (prose)
    #   figure    text -> FIGURE finds something in it                 (has_figure)
    #   concrete  text -> concrete(text, pack vocabulary)              (concrete)
    #   clauses   (unit, sentence start) -> the sentence's clause bounds, () when it
    #             has nothing a figure starts with                   (figure_near)
    #   near      (unit, position) -> a figure belongs to the words there (figure_near)
    #   quotes    (unit, start, end) -> what an evidence quotes: line, section, text,
    #             location                                           (evidence)
    #   clips     (unit, start, end) -> cite.clip's span               (clip)
    #   _slogans, _concrete  (unit, sentence start) -> the sentence test (slogan_in, concrete_at)
    #   leads     unit -> its first sentence leads a passage with figures (presence._leads)
    #   first_body  index of the first body unit                       (rank._first_body)
    #   shortcoming_points  the problems of the shortcomings part      (quality)
    # (Per pack, not per report: the typed options of each item, Pack.memo "options"; its
    # rule prose typeset, Pack.memo "rule_prose"; four characters outside the stock
    # wording, Pack.memo "stock_free".)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def unit(self, i: int) -> Unit:
        return self.outline.units[i]

    def table(self, name: str) -> dict:
        """One table of the memo (created on first use)."""
        table = self.memo.get(name)
        if table is None:
            table = self.memo[name] = {}
        return table

    def options(self, cls: type[_Opts], item: Item) -> _Opts:
        """`cls.of(item)`, the item's typed options, once per pack and item (Pack.memo
        "options": (class, item id) -> (item, its raw options, typed options))."""
        table = self.pack.memo.get("options")
        if table is None:
            table = self.pack.memo["options"] = {}
        key = (cls, item.id)
        got = table.get(key)
        if got is None or got[0] is not item or got[1] != item.options:
            got = table[key] = (item, dict(item.options or {}), cls.of(item))
        return got[2]

    def result(self, item: Item, status: str, reasons: list[str], evidence: list[Evidence],
               cause: str = "", limit: int = MAX_EVIDENCE) -> ItemResult:
        """`result(...)` with the item's rule prose typeset once per pack (`rule_prose`)."""
        return result(item, status, reasons, evidence, cause, limit, self.rule_prose(item))

    def rule_prose(self, item: Item) -> RuleProse:
        """The item's RuleProse, once per pack and item (Pack.memo "rule_prose": item id ->
        (item, its describe and hint as typeset, RuleProse)); typeset again when the item
        or its prose changed."""
        table = self.pack.memo.get("rule_prose")
        if table is None:
            table = self.pack.memo["rule_prose"] = {}
        got = table.get(item.id)
        if got is None or got[0] is not item or got[1] != item.describe or got[2] != item.hint:
            got = table[item.id] = (item, copy_tree(item.describe), copy_tree(item.hint),
                                    RuleProse(item))
        return got[3]

    def has_body(self, section: int, concrete_only: bool = False) -> bool:
        """Does the section (with its sub-sections) hold at least one prose sentence
        (with `concrete_only`, one that says something concrete, not only slogans)?"""
        body: dict[tuple[int, bool], bool] = self.table("body")
        key = (section, concrete_only)
        if key not in body:
            o = self.outline
            sents = self.prose(units_of(o, subtree(o, o.sections[section])))
            body[key] = any(self.concrete(x[1]) for x in sents) if concrete_only else bool(sents)
        return body[key]

    def prose(self, units: list[Unit], headings: bool = False) -> list[tuple[Unit, str]]:
        """`substantive_sentences(units, matches.stuffed, headings)`, each unit's text split
        into sentences once per report (memo "prose": unit index -> its prose sentences)."""
        table: dict[int, list[tuple[Unit, str]]] = self.table("prose")
        stuffed = self.matches.stuffed
        out: list[tuple[Unit, str]] = []
        for u in units:
            if (u.is_heading and not headings) or u.index in stuffed:
                continue
            sents = table.get(u.index)
            if sents is None:
                sents = table[u.index] = _prose_of(u)
            out.extend(sents)
        return out

    def has_figure(self, text: str) -> bool:
        """`FIGURE.search(text)`, once per distinct text (memo "figure")."""
        table: dict[str, bool] = self.table("figure")
        found = table.get(text)
        if found is None:
            found = table[text] = has_figure(text)
        return found

    def has_figure_in(self, unit: Unit, text: str) -> bool:
        """`has_figure(text)` for a sentence or a clause of `unit`'s text: False at once
        when match found no figure in the whole unit (a figure never spans a clause mark,
        so such a piece holds none the unit lacks)."""
        return unit.index in self.matches.figures and self.has_figure(text)

    def figure_near(self, unit: Unit, pos: int) -> bool:
        """`cite.figure_near(unit.text, pos)`, once per position (memo "near"); none in a
        unit without figures (see has_figure_in)."""
        near: dict[tuple[int, int], bool] = self.table("near")     # (unit, pos) -> answer
        found = near.get((unit.index, pos))
        if found is None:
            found = near[(unit.index, pos)] = unit.index in self.matches.figures and \
                self._figure_near(unit, pos)
        return found

    def _figure_near(self, unit: Unit, pos: int) -> bool:
        """`cite.figure_near(unit.text, pos)`, each sentence's clauses found once (memo
        "clauses": (unit, sentence start) -> clause bounds, () for a sentence without
        anything a figure starts with) and each piece tested once."""
        text = unit.text
        s, e = sentence_at(text, pos)
        table: dict[tuple[int, int], tuple[int, ...]] = self.table("clauses")
        bounds = table.get((unit.index, s))
        if bounds is None:
            sent = text[s:e]
            bounds = table[(unit.index, s)] = clause_bounds(sent) if may_figure(sent) else ()
        return bool(bounds) and figure_in_clauses(text[s:e], bounds, pos - s, self.has_figure)

    def concrete(self, text: str) -> bool:
        """`concrete(text, pack.vocabulary)`, once per distinct text (memo "concrete")."""
        table: dict[str, bool] = self.table("concrete")
        found = table.get(text)
        if found is None:
            found = table[text] = concrete(text, self.pack.vocabulary)
        return found

    @functools.cached_property
    def relevant(self) -> bool:
        """Is this a rule-of-law text at all? A news item or a notice on another subject
        shares a few generic words (下一步, figures) with reports but no rule-of-law
        vocabulary; every item is then missing."""
        if any(s.role_source == "heading" for s in self.outline.sections[1:]):
            return True                                   # headed
        law_words = self.pack.vocabulary.law_words
        if any(law_words.search(u.text) for u in self.outline.units):
            return True                                   # rule-of-law words
        stuffed = self.matches.stuffed
        return any(h.unit not in stuffed and h.item.split(".")[0] in
                   ("enforcement", "review", "disputes", "governance")
                   for hits in self.matches.hits.values() for h in hits)   # topical hits

    def section_label(self, unit: Unit) -> str:
        sec = self.outline.sections[unit.section]
        if sec.index == 0:
            return "(开头)"
        return (sec.marker + sec.title).strip()

    def clip(self, unit: Unit, start: int, end: int | None = None) -> tuple[int, int]:
        """`cite.clip(unit.text, start, end)`, once per span (memo "clips")."""
        spans: dict[tuple[int, int, int | None], tuple[int, int]] = self.table("clips")
        span = spans.get((unit.index, start, end))
        if span is None:
            span = spans[(unit.index, start, end)] = clip(unit.text, start, end)
        return span

    def evidence(self, unit: Unit, start: int = 0, end: int | None = None) -> Evidence:
        """Evidence quoting the sentence of `unit` at `start` (a heading whole), trimmed
        around the decisive words at [start, end) (see cite.clip)."""
        quotes: dict[tuple[int, int, int | None], tuple[int, str, str, str | None]] = \
            self.table("quotes")
        key = (unit.index, start, end)
        quote = quotes.get(key)
        if quote is None:
            quote = quotes[key] = self._quote(unit, start, end)
        return Evidence(*quote)

    def _quote(self, unit: Unit, start: int, end: int | None) -> tuple[int, str, str, str | None]:
        """What `evidence` quotes: (line, section label, text, location)."""
        if unit.is_heading:
            s, e = clip(unit.text, 0, len(unit.text)) if len(unit.text) > LIMIT else (0, len(unit.text))
        else:
            s, e = self.clip(unit, start, end)
        if s == e:                      # a sentence of bare separators: the unit as it is
            s, e = 0, min(len(unit.text), LIMIT)
        loc = None
        if self.locations and 0 < unit.line <= len(self.locations):
            loc = self.locations[unit.line - 1] or None
        return unit.line, self.section_label(unit), unit.text[s:e].strip(), loc


def result(item: Item, status: str, reasons: list[str], evidence: list[Evidence],
           cause: str = "", limit: int = MAX_EVIDENCE, prose: RuleProse | None = None
           ) -> ItemResult:
    """The item's verdict with its reasons and evidence (at most `limit` entries, best
    first); a weak or missing verdict gets the rule's hint for the drafter (for a weak
    one, the hint for its `cause` when the rule has one: see model.WEAK_CAUSES).
    `prose`: the item's rule prose typeset (`Context.result` passes the pack's own)."""
    # reasons and rule prose read as Chinese sentences: full-width punctuation (zhtype)
    p = prose or RuleProse(item)
    return ItemResult(id=item.id, title=item.title, group=item.group, status=_STATUS[status],
                      weight=item.weight, severity=item.severity, reasons=[zh(r) for r in reasons],
                      evidence=evidence[:limit], need=p.need, hint=p.hint(status, cause),
                      describe=p.copy_describe(), rule_hints=p.copy_hints(), source=item.source)


_STATUS = {s.value: s for s in Status}


class RuleProse:
    """An item's own prose as results carry it, in Chinese typography (zh): what a pass
    needs, its descriptions, its hints (each verdict's found when first asked). The same
    for every report: typeset once per pack and item (Pack.memo "rule_prose")."""
    __slots__ = ("need", "describe", "hints", "_item", "_hint", "_nested")

    def __init__(self, item: Item):
        self._item = item
        self.need = _rule_zh(item.describe.get("pass", ""))
        self.describe = _rule_zh_tree(dict(item.describe))
        self.hints = _rule_zh_tree(dict(item.hint))
        self._hint: dict[tuple[str, str], str] = {}
        # the keys whose values are trees themselves (hint.because): copied in depth
        self._nested = ([k for k, v in self.describe.items() if isinstance(v, (dict, list))],
                        [k for k, v in self.hints.items() if isinstance(v, (dict, list))])

    def copy_describe(self) -> dict:
        """A copy of the typeset descriptions (results never share one)."""
        return _copy(self.describe, self._nested[0])

    def copy_hints(self) -> dict:
        """A copy of the typeset hints (results never share one)."""
        return _copy(self.hints, self._nested[1])

    def hint(self, status: str, cause: str) -> str:
        """`zh(item.hint_for(status, cause))`."""
        found = self._hint.get((status, cause))
        if found is None:
            found = self._hint[(status, cause)] = _rule_zh(self._item.hint_for(status, cause))
        return found


def _copy(tree: dict, nested: list) -> dict:
    """`copy_tree(tree)` for a dict whose trees are at the keys `nested`."""
    out = tree.copy()
    for k in nested:
        out[k] = copy_tree(out[k])
    return out


def copy_tree(value):
    """A copy of a dict/list tree of strings (results never share one)."""
    if isinstance(value, dict):
        return {k: copy_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_tree(v) for v in value]
    return value


@functools.lru_cache(maxsize=4096)
def _rule_zh(text: str) -> str:
    """`zh(text)` for a rule's own prose (its descriptions and hints), once per text: the
    same few hundred strings go into every report's results."""
    return zh(text)


def _rule_zh_tree(value):
    """`zh_tree(value)` through `_rule_zh`: a new tree each time."""
    if isinstance(value, str):
        return _rule_zh(value)
    if isinstance(value, dict):
        return {k: _rule_zh_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rule_zh_tree(v) for v in value]
    return value


def substantive_sentences(units: list[Unit], stuffed: set[int],
                          headings: bool = False) -> list[tuple[Unit, str]]:
    """Sentences that read as prose (not term lists, ≥ 8 CJK characters); headings only
    when `headings` is set."""
    out = []
    for u in units:
        if (u.is_heading and not headings) or u.index in stuffed:
            continue
        out.extend(_prose_of(u))
    return out


def _prose_of(u: Unit) -> list[tuple[Unit, str]]:
    """The sentences of one unit that read as prose (≥ 8 CJK characters)."""
    return [(u, s) for s in SENT.findall(u.text) if _CJK_8.match(s)]


# "at least n CJK characters" (len(CJK.findall(s)) >= n) without listing them all: the
# match stops at the n-th one
_CJK_8 = re.compile(r"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){8}")
_CJK_4 = re.compile(r"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){4}")


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


def _cut_causes(text: str, vocab: Vocabulary) -> str:
    """A point ends where the cause analysis that follows it begins (`cause_start`)."""
    m = vocab.cause_start.search(text)
    return text[:m.start()].strip() if m else text


def points(outline: Outline, secs: list[Section], role: str, stuffed: set[int],
           vocab: Vocabulary) -> list[tuple[Unit, str]]:
    """The enumerated points of a part: sub-sections, else 一是… units, else sentences
    (the pack's `vocabulary` says where causes begin and which sentences only link)."""
    out: list[tuple[Unit, str]] = []
    for sec in secs:
        kids = [outline.sections[c] for c in sec.children if outline.sections[c].role == role]
        if kids:
            out.extend(points(outline, kids, role, stuffed, vocab))
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
                out.append((heading or body[0], _cut_causes(text, vocab)))
        elif len(enums) >= 2:
            current: list[Unit] = []
            in_causes = False       # 一是…二是… after "主要原因在于:" are causes, not points
            for u in body:
                if u.enum:
                    if current and current[0].enum and not in_causes:
                        out.append((current[0], " ".join(x.text for x in current)))
                    if current and vocab.cause_lead.search(current[-1].text):
                        in_causes = True     # "…三是…。主要原因:一是…" starts the causes
                    current = [u]
                elif vocab.cause_lead.search(u.text) or vocab.cause_start.match("。" + u.text):
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
            out[:] = [(u, _cut_causes(vocab.cause_tail.sub("", t), vocab)) for u, t in out]
        elif parent_same:
            text = " ".join(([heading.text] if heading else []) + [u.text for u in body])
            if body or heading:
                out.append((heading or body[0], _cut_causes(text, vocab)))
        else:
            for u, s in substantive_sentences(body, stuffed):
                if not vocab.transition_openers.match(s) or len(s) > 40:
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
    cache = ctx.table(name)
    key = (hit.unit, s)
    if key not in cache:
        cache[key] = test(hit.unit, text[s:e])
    return cache[key]


def concrete_at(ctx: Context, hit: Hit) -> bool:
    """Is the hit's sentence concrete (a figure, a named document, a concrete action)?"""
    return _per_sentence(ctx, hit, "_concrete", lambda unit, sent: ctx.concrete(sent))


def slogan_at(ctx: Context, hit: Hit) -> bool:
    """Is the hit's sentence a slogan: no figure, and nothing left once the rule terms
    and the pack's stock wording are taken out?"""
    return slogan_in(ctx, hit.unit, *sentence_at(ctx.unit(hit.unit).text, hit.start))


def slogan_in(ctx: Context, unit: int, s: int, e: int) -> bool:
    """`slogan_at` for the sentence [s, e) of a unit, once per sentence (memo "_slogans")."""
    cache: dict[tuple[int, int], bool] = ctx.table("_slogans")
    found = cache.get((unit, s))
    if found is None:
        found = cache[(unit, s)] = _is_slogan(ctx, unit, ctx.unit(unit).text[s:e])
    return found


def _is_slogan(ctx: Context, unit: int, sent: str) -> bool:
    u = ctx.unit(unit)
    if u.is_heading or ctx.has_figure_in(u, sent):
        return False
    return stock_slogan(strip_words(sent, [h.text for h in ctx.matches.hits_in(unit)]), ctx.pack)


def strip_words(text: str, words) -> str:
    """`text` with each of `words` taken out in turn (every occurrence of it)."""
    for w in words:
        if w in text:
            text = text.replace(w, "")
    return text


def stock_slogan(rest: str, pack: Pack) -> bool:
    """Are at most 3 CJK characters left of `rest` (a sentence without its hits' words)
    once the pack's stock wording is taken out, word by word? Taking a word out deletes
    only characters of stock words, so four CJK characters of none stay whatever is
    taken out: no slogan, without taking words out (most sentences)."""
    if _stock_free_4(pack).match(rest):
        return False
    return not _CJK_4.match(strip_words(rest, pack.slogan_words))


def _stock_free_4(pack: Pack) -> re.Pattern[str]:
    """Matches a text with four CJK characters (U+4E00-U+9FFF, as _CJK_4 counts them)
    that are in none of the pack's stock words (Pack.memo "stock_free": (the words, the
    pattern))."""
    got = pack.memo.get("stock_free")
    if got is None or got[0] is not pack.slogan_words:
        taken = sorted({ord(c) for c in "".join(pack.slogan_words) if "\u4e00" <= c <= "\u9fff"})
        ranges, lo = [], 0x4E00
        for code in taken + [0xA000]:               # the gaps between the taken characters
            if code > lo:
                ranges.append(f"{chr(lo)}-{chr(code - 1)}" if code - 1 > lo else chr(lo))
            lo = code + 1
        free = "".join(ranges)
        got = pack.memo["stock_free"] = (pack.slogan_words,
                                         re.compile(f"(?:[^{free}]*[{free}]){{4}}"))
    return got[1]


def concrete(sentence: str, vocab: Vocabulary) -> bool:
    """Does the sentence say something concrete: a figure, a named document or a concrete
    action (the pack's `vocabulary.concrete_actions`, as opposed to slogans: 坚持, 推动,
    加强, 深化, 不断提升…)?"""
    return has_figure(sentence) or bool(vocab.concrete_actions.search(sentence))


# A quoted word must be a word the report uses, not a stretch a regex happened to span:
# fragments with punctuation or longer than this are not quoted (the evidence shows them).
_MAX_QUOTABLE = 32
_QUOTABLE = re.compile(r"[^,;:!?。、,;:!?“”\"'()《》\s]{1,12}")


def quotable(words) -> list[str]:
    """The words fit to quote in a reason, each once, in order: terms and short pattern
    matches without punctuation, and not a word inside another one kept (执法公示 in
    行政执法公示)."""
    # (the same word found many times is stripped and tested once)
    unique = [w for w in dict.fromkeys(str(w).strip() for w in dict.fromkeys(words))
              if _QUOTABLE.fullmatch(w)]
    unique = unique[:_MAX_QUOTABLE]       # a reason quotes a few; keep pathological input linear
    # a word inside another one is found in the joined words a second time (a word holds
    # itself once, and no word holds the line break)
    joined = "\n".join(unique)
    return [w for w in unique if joined.find(w, joined.find(w) + 1) < 0]


def quote_words(words, limit: int = 4) -> str:
    """“a”、“b”、“c” for a reason, each word once, at most `limit` of them (then 等);
    "" when none is fit to quote (see `quotable`)."""
    unique = quotable(words)
    text = "、".join(f"“{w}”" for w in unique[:limit])
    return text + ("等" if len(unique) > limit else "")
