"""Roles pass: each section's role (achievements, first_responsible, shortcomings,
plans, other) from its heading's words, then from the structure of the report: an
unnamed top part before the shortcomings is thematic work done (achievements), one after
them is other; a sub-part takes its parent's role unless its heading names a stronger
one that fits there."""
from __future__ import annotations

from .. import rx as re
from ..model import Section
from .common import clone
from .vocab import RoleVocabulary


def assign_roles(sections: list[Section], vocab: RoleVocabulary) -> list[Section]:
    """`sections` (a tree whose parents come before their children) with `role` and
    `role_source` set; the sections given are not changed."""
    found = {s.index: vocab.roles_of(s.title) for s in sections[1:]}
    chosen: dict[int, tuple[str, str]] = {}
    seen_problem_or_plan = False
    for i in sections[0].children:
        role = _own_role(found[i])
        if role is None:
            role = "other" if seen_problem_or_plan else "achievements"
            chosen[i] = role, ("thematic" if role == "achievements" else "after-plans")
        else:
            chosen[i] = role, "heading"
        if role in ("shortcomings", "plans"):
            seen_problem_or_plan = True
    for sec in sections[1:]:
        if sec.index not in chosen:
            assert sec.parent is not None
            parent = sections[sec.parent]
            own = found[sec.index]
            # (the siblings are read only for a sub-part whose heading names the role
            # they decide about: most name none)
            chosen[sec.index] = _sub_role(sec.title, own, parent.title,
                                          chosen[parent.index][0], vocab,
                                          "shortcomings" in own and _plans_follow(sec, parent, sections, found, vocab),
                                          "plans" in own and _problems_before(sec, parent, found))
    out = []
    for s in sections:
        role, source = chosen.get(s.index, (s.role, s.role_source))
        out.append(clone(s, role=role, role_source=source, units=list(s.units),
                           children=list(s.children)))
    return out


def _own_role(found: list[str]) -> str | None:
    """The role a top-level part's heading names, if any."""
    if "shortcomings" in found and "plans" in found:
        return "shortcomings"      # a merged part; its sub-headings split it
    for role in ("first_responsible", "shortcomings", "plans", "other", "achievements"):
        if role in found:
            return role
    return None


def _plans_follow(sec: Section, parent: Section, sections: list[Section],
                  found: dict[int, list[str]], vocab: RoleVocabulary) -> bool:
    """Is a later sibling of `sec` next year's plans by its own heading? Then a problems
    sub-part before it is the problems half of a part that holds both ("六、正视差距,谋划
    下一步工作" with "(一)存在的不足" then "(二)下一步工作打算")."""
    later = parent.children[parent.children.index(sec.index) + 1:]
    return any("plans" in found[k] and "shortcomings" not in found[k]
               and (any(p.search(sections[k].title) for p in vocab.next_year_framing)
                    or _A_YEAR.search(sections[k].title))      # (三)2025年主要安排
               for k in later)


_A_YEAR = re.compile(r"^(?:19|20)\d\d年")


def _problems_before(sec: Section, parent: Section, found: dict[int, list[str]]) -> bool:
    """Does an earlier sibling of `sec` name this year's problems by its own heading
    ("七、法治建设有关情况" with "(二)存在的不足" then "(三)2025年工作打算": after the
    problems, a plan-worded sub-part is next year's plans, not work done)."""
    earlier = parent.children[:parent.children.index(sec.index)]
    return any("shortcomings" in found[k] and "plans" not in found[k] for k in earlier)


def _sub_role(title: str, found: list[str], parent_title: str, parent_role: str,
              vocab: RoleVocabulary, plans_follow: bool = False,
              problems_before: bool = False) -> tuple[str, str]:
    """(role, source) of a sub-part titled `title`, whose heading names roles `found`,
    under a part with `parent_role`; `plans_follow`: a later sibling is next year's
    plans by its own heading; `problems_before`: an earlier sibling is this year's
    problems by its own."""
    role: str | None = None
    # Strong roles override the parent's; achievements/other never override.
    for cand in ("first_responsible", "shortcomings", "plans"):
        if cand in found and not ("shortcomings" in found and "plans" in found
                                  and parent_role == "plans"):
            role = cand
            break
    if role == "first_responsible" and parent_role in ("shortcomings", "plans"):
        role = None      # "压实第一责任人职责" as a plan is still a plan
    if role == "shortcomings" and parent_role == "plans" and not plans_follow:
        role = None      # "(三)补齐城市防汛短板" in the plans is a measure
    if role == "plans" and parent_role not in ("shortcomings", "plans") and not problems_before \
            and not any(p.search(title) for p in vocab.next_year_framing):
        role = None      # "(一)制定年度工作计划" under achievements is work done
    if role == "shortcomings" and parent_role == "other" and vocab.is_rectification(parent_title):
        role = None      # last year's problems listed under their rectification
    if parent_role in ("shortcomings", "plans", "other") and vocab.is_rectification(title):
        role = "other"   # (一)上年度问题整改情况 inside the problems part: prior rectification
    if role is None:
        return parent_role, "inherited"
    return role, "heading"
