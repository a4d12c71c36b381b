"""Merged-part pass: a "problems and next steps" part written without sub-headings is
split where its plans begin (下一步,… / 针对上述问题,…): the units from there on become
a plans sub-section."""
from __future__ import annotations

from ..model import Section, Unit
from .common import clone
from .vocab import RoleVocabulary

def split_merged(sections: list[Section], units: list[Unit], vocab: RoleVocabulary,
                 one_line: bool = False) -> tuple[list[Section], list[Unit]]:
    """(sections, units) with each merged 'problems and next steps' part that has no plans
    sub-section split at its first plan lead-in; the lists given are not changed (they are
    returned as they are when nothing is split). In a one-line report any shortcomings
    part is looked at, since a plans heading of its own may be glued into the text there."""
    out_sections, out_units = sections, units
    for k in range(1, len(sections)):
        moved = _plans_part(out_sections[k], out_sections, out_units, vocab, one_line)
        if not moved:
            continue
        if out_sections is sections:     # the first split: work on copies from here on
            out_sections = [clone(s, units=list(s.units), children=list(s.children)) for s in sections]
            out_units = list(units)
        _split_off(out_sections[k], moved, out_sections, out_units)
    return out_sections, out_units


def _plans_part(sec: Section, sections: list[Section], units: list[Unit], vocab: RoleVocabulary,
                one_line: bool) -> list[int] | None:
    """The units of `sec` from its first plan lead-in on, when `sec` is a merged part to
    split there; None otherwise."""
    roles = vocab.roles_of(sec.title)
    merged = "shortcomings" in roles and "plans" in roles
    first = 1                # the plans never start a merged part's body
    if not merged and sec.parent and sec.role == "shortcomings":
        # a numbered problem of a merged part with its own next steps (3.1 …不足。下一步,…):
        # its title may be all the problem says
        up = vocab.roles_of(sections[sec.parent].title)
        merged = "shortcomings" in up and "plans" in up
        first = 0
    if not (merged or one_line and sec.role == "shortcomings" and "shortcomings" in roles) \
            or any(sections[c].role == "plans" for c in sec.children) \
            or not merged and any(s.role == "plans" for s in sections[1:]):
        return None
    body = [i for i in sec.units if not units[i].is_heading]
    cut = next((k for k, i in enumerate(body) if k >= first and vocab.plan_lead.search(units[i].text)),
               None)
    if cut is None:
        return None
    return body[cut:]


def _split_off(sec: Section, moved: list[int], sections: list[Section], units: list[Unit]) -> None:
    """Move units `moved` of `sec` into a new plans sub-section (changes the lists given:
    `split_merged` passes its own copies)."""
    lead = units[moved[0]]
    new = Section(index=len(sections), title=lead.text[:20], marker="", level=sec.level + 1,
                  line=lead.line, role="plans", parent=sec.index, role_source="split")
    sections.append(new)
    sec.children.append(new.index)
    sec.units = [i for i in sec.units if i not in set(moved)]
    new.units = moved
    for i in moved:
        units[i] = clone(units[i], section=new.index)
