"""The role vocabulary: which roles a heading's words name, compiled from the rule
pack's `roles:` block (the rules module builds it; the outline passes only read it)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import rx as re


@dataclass
class RoleVocabulary:
    """Heading vocabulary per role, compiled from the rule pack's `roles:` block."""
    headings: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    not_headings: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    next_year_framing: list[re.Pattern[str]] = field(default_factory=list)
    # How last year's (or inspection) problems were rectified: a part on the achievements
    # side (role "other"), whatever it says about 存在问题, wherever it sits.
    rectification: list[re.Pattern[str]] = field(default_factory=list)
    rectification_not: list[re.Pattern[str]] = field(default_factory=list)
    # Where next year's plans start inside a merged problems-and-plans part: the pack's
    # vocabulary lists plan_lead and plan_split (set when the pack is built).
    plan_lead: re.Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    plan_split: re.Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    # Where this year's problems start in a report with no headings at all (vocabulary
    # problems_lead).
    problems_lead: re.Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    # Declared memo of roles_of: headings repeat across passes and stages; bounded for
    # odd inputs (50,000 headings).
    memo: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    def is_rectification(self, title: str) -> bool:
        if not self.rectification:
            return False
        return any(p.search(title) for p in self.rectification) and not any(
            p.search(title) for p in self.rectification_not)

    def roles_of(self, title: str) -> list[str]:
        """Every role whose heading vocabulary matches `title` (in vocabulary order). A
        prior-rectification heading is "other" only: it is never this year's problems
        or next year's plans."""
        memo = self.memo
        if title in memo:
            return list(memo[title])
        if self.is_rectification(title):
            found = ["other"]
        else:
            found = [role for role, pats in self.headings.items()
                     if any(p.search(title) for p in pats) and not any(
                         p.search(title) for p in self.not_headings.get(role, ()))]
        if len(memo) < 20_000:       # headings repeat across stages (and in odd inputs)
            memo[title] = tuple(found)
        return found
