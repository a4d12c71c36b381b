"""Year over year: the current report read against the same issuer's report of the
year before (`lawcheck CURRENT --previous PREVIOUS`).

    cur, prev = analyse_path("2024.txt"), analyse_path("2023.txt")
    comparison = compare(cur, prev, pack)          # -> PreviousComparison (model.py)
    apply_comparison(cur.report, comparison, pack, policy)

- Every problem of PREVIOUS's shortcomings part and every measure of its plans part is
  found with the judge's own point extraction (`judge.problems_and_plans`, the points the
  `specific` and `alignment` checks use), then looked for in CURRENT with the topic words
  of topics.py (jieba): a problem is `addressed` when a sentence of CURRENT's work done
  takes it up and says something concrete (a figure, a named document, a concrete action,
  not a promise), `mentioned` when it is only named (or named again as a problem or a
  plan), `not_addressed` otherwise; a plan measure likewise `done`, `mentioned`,
  `not_found`.
- `structure.prior_rectification` is judged again against that list (pass: every problem
  addressed; weak: some; missing: none), and the score, grade and gate follow.
- Copied passages: CURRENT's sentences (passages.py: normalised, stock phrases out,
  figures folded) equal to or near (character-trigram Jaccard ≥ COPY_JACCARD) a sentence
  of PREVIOUS, with their share of CURRENT's characters.
"""
from __future__ import annotations

import re

from . import topics
from .check import Analysis, rescore
from .judge import problems_and_plans
from .judge.context import concrete, result, substantive_sentences
from .judge.quality import ENUM_HEAD, point_lead
from .model import (Carried, Copied, CopiedPassage, Evidence, PreviousComparison, Report,
                    Unit)
from .passages import Passage, jaccard, passages, shingles
from .rules import Pack
from .score import GatePolicy

ITEM = "structure.prior_rectification"
COPY_MIN_CHARS = 20          # a copied sentence has at least this many characters (key)
COPY_JACCARD = 0.6           # near copy: trigram Jaccard of the keys at least this
MAX_EVIDENCE = 2
NOT_DONE_ROLES = ("shortcomings", "plans", "signature")
# Words too common in report sentences to link one to a problem (beyond topics.py's stop
# list): verbs of ordinary work, counters, and bare figures.
_WEAK = frozenset("""办理 案件 全年 组织 参加 开展 形成 报告 申请 受理 仍然 基层 群众 全部 部分 个别 以上
平均 达到 仍有 仍 较 上年 今年 年度 实现 推行 充实 补充 新增 乡镇 村 社区 单位 部门 人员 全县 全市 全区 全镇""".split())
_NUMERIC = re.compile(r"^[0-9.%]+$")

class _Finder:
    """CURRENT's sentences with their topic words, split into work done and the rest."""

    def __init__(self, cur: Analysis, pack: Pack) -> None:
        o, m = cur.outline, cur.matches
        self.tok = topics.for_pack(pack)
        # promises (future_framing) and wording of a rectification: the pack's word lists
        self.vocab = pack.vocabulary
        self.cur = cur
        units = [u for u in o.units if u.index not in m.stuffed]
        self.done = [(u, s, self._content(s)) for u, s in substantive_sentences(
            [u for u in units if u.role not in NOT_DONE_ROLES], m.stuffed, headings=True)]
        self.named = [(u, s, self._content(s)) for u, s in substantive_sentences(
            [u for u in units if u.role in ("shortcomings", "plans")], m.stuffed, headings=True)]

    def _content(self, text: str) -> set[str]:
        return {t for t in self.tok.of(text)
                if not t.startswith("#") and t not in _WEAK and not _NUMERIC.match(t)}

    def find(self, text: str) -> tuple[list[tuple[float, Unit, str]], list[tuple[float, Unit, str]], bool]:
        """(sentences of the work done, sentences of shortcomings/plans) that take up the
        point, best first; and whether CURRENT names it again as a problem or a plan (its
        lead's words, two or more, in one sentence of those parts)."""
        lead = self._content(point_lead(text)) - topics.GENERIC
        whole = self._content(text)
        out: list[list[tuple[float, Unit, str]]] = []
        again = False
        for pool in (self.done, self.named):
            found: list[tuple[float, Unit, str]] = []
            for u, s, t in pool:
                shared = whole & t
                lead_shared = lead & t
                rect = bool(self.vocab.rectification_words.search(s))
                specific = shared - topics.GENERIC
                if (lead_shared and (len(shared) >= 2 or rect)) or len(specific) >= 3 or \
                        (len(specific) >= 2 and sum(len(w) for w in specific) >= 7):
                    found.append((len(shared) + 2 * len(lead_shared) + 2 * rect, u, s))
                    if pool is self.named and lead and len(lead_shared) >= min(2, len(lead)):
                        again = True
            found.sort(key=lambda x: (-x[0], x[1].index))
            out.append(found)
        return out[0], out[1], again

    def evidence(self, u: Unit, sentence: str) -> Evidence:
        text = sentence.strip()
        if len(text) > 90:
            text = text[:88] + "…"
        sec = self.cur.outline.sections[u.section]
        label = "(开头)" if sec.index == 0 else (sec.marker + sec.title).strip()
        locs = self.cur.document.locations
        loc = locs[u.line - 1] or None if locs and 0 < u.line <= len(locs) else None
        col = self.cur.document.lines[u.line - 1].find(text[:20]) if u.line <= len(self.cur.document.lines) else -1
        return Evidence(line=u.line, section=label, text=text, location=loc,
                        column=col + 1 if col >= 0 else None)


def _carried(finder: _Finder, points: list[tuple[Unit, str]], labels: tuple[str, str, str]
             ) -> list[Carried]:
    done_label, mentioned_label, none_label = labels
    out = []
    for u, text in points:
        done, named, again = finder.find(text)
        real = [(sc, v, s) for sc, v, s in done
                if concrete(s, finder.vocab) and not finder.vocab.future_framing.search(s)]
        if real and not again:
            status, ev = done_label, real
        elif done or named:
            # named again as this year's problem (or plan): not fixed, whatever was done
            status, ev = mentioned_label, (named + done if again else done + named)
        else:
            status, ev = none_label, []
        out.append(Carried(text=_clip(ENUM_HEAD.sub("", text.strip())), line=u.line, status=status,
                           evidence=[finder.evidence(v, s) for _, v, s in ev[:MAX_EVIDENCE]]))
    return out


def _clip(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def copied(cur: Analysis, prev: Analysis, min_chars: int = COPY_MIN_CHARS,
           threshold: float = COPY_JACCARD) -> Copied:
    """CURRENT's sentences copied from PREVIOUS (equal keys, or near: trigram Jaccard)."""
    old = passages(prev.text_lines, min_chars)
    by_key: dict[str, Passage] = {}
    for p in old:
        by_key.setdefault(p.key, p)
    old_sh = [(p, shingles(p.key)) for p in old]
    found: list[CopiedPassage] = []
    chars = 0
    for p in passages(cur.text_lines, min_chars):
        hit = by_key.get(p.key)
        if hit is None:
            sh, n = shingles(p.key), len(p.key)
            best = 0.0
            for q, qsh in old_sh:
                m = len(q.key)
                if min(m, n) < threshold * max(m, n):
                    continue
                j = jaccard(sh, qsh)
                if j > best:
                    best, hit = j, q
            if best < threshold:
                hit = None
        if hit is not None:
            found.append(CopiedPassage(line=p.line, previous_line=hit.line, text=p.text))
            chars += len(p.text)
    total = cur.report.chars or 1
    return Copied(share=round(min(1.0, chars / total), 3), passages=found)


def compare(cur: Analysis, prev: Analysis, pack: Pack) -> PreviousComparison:
    problems, plans = problems_and_plans(prev.outline, prev.matches, pack)
    finder = _Finder(cur, pack)
    return PreviousComparison(
        file=prev.report.file, year=prev.report.year, issuer=prev.report.issuer,
        problems=_carried(finder, problems, ("addressed", "mentioned", "not_addressed")),
        plans=_carried(finder, plans, ("done", "mentioned", "not_found")),
        copied=copied(cur, prev))


def warnings_for(cur: Report, prev: Report) -> list[str]:
    out = []
    if cur.issuer and prev.issuer and _issuer_key(cur.issuer) != _issuer_key(prev.issuer):
        out.append(f"--previous: the issuers differ (“{cur.issuer}” now, “{prev.issuer}” in "
                   f"{prev.file}); the comparison may be meaningless")
    elif not cur.issuer or not prev.issuer:
        out.append("--previous: the issuer of one of the two reports is not known; "
                   "check that both come from the same issuer")
    if cur.year is None or prev.year is None:
        out.append("--previous: the year of one of the two reports is not known")
    elif cur.year != prev.year + 1:
        out.append(f"--previous: {prev.file} reports on {prev.year}, not on {cur.year - 1} "
                   f"(the year before {cur.year})")
    return out


def _issuer_key(issuer: str) -> str:
    return re.sub(r"\s+", "", issuer)


def apply_comparison(report: Report, comp: PreviousComparison, pack: Pack,
                     policy: GatePolicy | None = None, prev: Report | None = None) -> None:
    """Attach the comparison to `report`, re-judge prior rectification, score again."""
    report.previous = comp
    if prev is not None:
        report.warnings.extend(warnings_for(report, prev))
    try:
        item = pack.item(ITEM)
    except KeyError:
        return
    idx = next((i for i, it in enumerate(report.items) if it.id == ITEM), None)
    if idx is None or not comp.problems:
        if idx is not None:
            report.items[idx].reasons.append(f"上年度报告({comp.file})中没有识别出问题清单,未能逐项核对")
        return
    old = report.items[idx]
    n = len(comp.problems)
    ok = [p for p in comp.problems if p.status == "addressed"]
    not_ok = [p for p in comp.problems if p.status != "addressed"]
    names = "、".join(f"“{_short(p.text)}”" + ("(仅提及)" if p.status == "mentioned" else "")
                     for p in not_ok)
    ev = [p.evidence[0] for p in ok if p.evidence]
    if not not_ok:
        new = result(item, "pass", [f"上年度报告所列{n}个问题都有整改举措或成效"], ev)
    elif ok:
        new = result(item, "weak", [f"上年度报告所列{n}个问题中{len(ok)}个有整改举措或成效;"
                                    f"未见整改:{names}"], ev)
    else:
        new = result(item, "missing", [f"上年度报告所列{n}个问题都未见整改举措或成效:{names}"],
                     [e for p in not_ok for e in p.evidence][:3])
    new.weight, new.applicable = old.weight, old.applicable     # as the level profile set them
    report.items[idx] = new
    rescore(report, pack, policy)


def _short(text: str, limit: int = 24) -> str:
    lead = point_lead(text)
    return lead if len(lead) <= limit else lead[:limit] + "…"


__all__ = ["compare", "copied", "apply_comparison", "warnings_for"]
