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

from ..model import ItemResult, Outline, Unit
from ..match import Matches
from ..rules import Pack
from .context import Context
from .meta import check_deadline, check_meta
from .parts import check_part
from .presence import check_presence
from .quality import check_alignment, check_figures, check_specific, plan_points, shortcoming_points

CHECKS = {"part": check_part, "presence": check_presence, "figures": check_figures,
          "specific": check_specific, "alignment": check_alignment, "meta": check_meta,
          "deadline": check_deadline}


def judge(outline: Outline, matches: Matches, pack: Pack,
          locations: list[str] | None = None) -> list[ItemResult]:
    ctx = Context(outline=outline, matches=matches, pack=pack, locations=locations)
    if not ctx.relevant:
        return [ctx.result(it, "missing", ["文本没有法治政府建设的内容,不像年度报告"], [])
                for it in pack.items]
    return [CHECKS[it.check](it, ctx) for it in pack.items]


def problems_and_plans(outline: Outline, matches: Matches, pack: Pack
                       ) -> tuple[list[tuple[Unit, str]], list[tuple[Unit, str]]]:
    """The problems of the shortcomings part and the measures of the plans part, as the
    `specific` and `alignment` checks see them: (unit, text) each, in report order."""
    ctx = Context(outline=outline, matches=matches, pack=pack)
    return shortcoming_points(ctx), plan_points(ctx)
