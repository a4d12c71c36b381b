"""Merged-part pass: a "problems and next steps" part written without sub-headings is
split where its plans begin (下一步,… / 针对上述问题,…): the units from there on become
a plans sub-section."""
from __future__ import annotations

from .. import rx as re
from ..model import Section, Unit
from .common import clone
from .vocab import RoleVocabulary

# Where the next steps start inside a paragraph of a merged part (the sections pass cuts
# the paragraph there), and the lead-in of a unit that starts them.
PLAN_SPLIT = re.compile(r"(?<=[。;])\s*(?=下一步|下步|今后|明年|下一年度|针对(?:上述|以上|这些)问题|为此,)")
_PLAN_LEAD = re.compile(r"^(下一步|下步|今后|明年|下一年度|来年|(20\d\d)年,?(我|全|本)[^。]{0,8}将|"
                        r"针对(上述|以上|这些|存在的)问题|为此,)")


def split_merged(sections: list[Section], units: list[Unit], vocab: RoleVocabulary,
                 one_line: bool = False) -> tuple[list[Section], list[Unit]]:
    """(sections, units) with each merged 'problems and next steps' part that has no plans
    sub-section split at its first plan lead-in; the lists given are not changed. In a
    one-line report any shortcomings part is looked at, since a plans heading of its own
    may be glued into the text there."""
    sections = [clone(s, units=list(s.units), children=list(s.children)) for s in sections]
    units = list(units)
    for sec in sections[1:]:
        roles = vocab.roles_of(sec.title)
        merged = "shortcomings" in roles and "plans" in roles
        if not (merged or one_line and sec.role == "shortcomings" and "shortcomings" in roles) \
                or any(sections[c].role == "plans" for c in sec.children) \
                or not merged and any(s.role == "plans" for s in sections[1:]):
            continue
        body = [i for i in sec.units if not units[i].is_heading]
        cut = next((k for k, i in enumerate(body) if k and _PLAN_LEAD.search(units[i].text)), None)
        if cut is None or cut == 0:
            continue
        lead = units[body[cut]]
        new = Section(index=len(sections), title=lead.text[:20], marker="", level=sec.level + 1,
                      line=lead.line, role="plans", parent=sec.index, role_source="split")
        sections.append(new)
        sec.children.append(new.index)
        moved = body[cut:]
        sec.units = [i for i in sec.units if i not in set(moved)]
        new.units = moved
        for i in moved:
            units[i] = clone(units[i], section=new.index)
    return sections, units
