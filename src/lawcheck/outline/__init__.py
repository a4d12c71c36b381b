"""Stage 2, outline: Document -> Outline (units, sections with roles, title, year,
issuer, level, signature).

Finds headings at every level (一、 / (一) / 1. / 1、 / (1) / ① / 第一部分), headings
that run on into their body on the same line, inline enumerations (一是…二是…), and
reports pasted as one single line. Each section gets a role from its heading, using the
rule pack's role vocabulary (`roles:` in the pack), with the structure of the report
deciding the rest: thematic sections before the shortcomings are achievements; a merged
"problems and measures" part splits into its roles through its sub-headings.
"""
from __future__ import annotations

from dataclasses import replace

from .. import rx as re
from ..model import Document, Outline, Section, Unit
from .clean import clean_lines
from .level import level_of
from .markers import heading_marker, split_enums, split_heading
from .metadata import read_metadata
from .tail import document_tail
from .title import find_head
from .vocab import RoleVocabulary
from .year import report_year_in, year_in

__all__ = ["RoleVocabulary", "level_of", "outline", "report_year_in", "year_in"]


def outline(doc: Document, vocab: RoleVocabulary) -> Outline:
    """Build the outline of `doc` (see module docstring)."""
    text = clean_lines(doc.lines)
    one_line_mode = text.one_line
    head = find_head(text.lines, text.one_line, text.page)
    tail = document_tail(head.body)
    body = tail.lines

    # ---------------------------------------------------------- units and sections
    root = Section(index=0, title="", marker="", level=-1, line=body[0].line if body else 1,
                   role="preamble", parent=None, role_source="root")
    sections: list[Section] = [root]
    units: list[Unit] = []
    stack: list[Section] = [root]
    last_ordinal: dict[tuple[int, int], int] = {}

    def add_unit(line: int, text: str, heading: bool = False, enum: str = "") -> None:
        sec = stack[-1]
        u = Unit(index=len(units), line=line, text=text, section=sec.index, role="",
                 is_heading=heading, enum=enum)
        units.append(u)
        sec.units.append(u.index)

    merged_cache: dict[int, bool] = {}

    def in_merged_part() -> bool:
        """A merged problems+plans part, or (one-line reports, where a plans heading
        can be glued into the text) any shortcomings part."""
        sec = stack[-1]
        if sec.index not in merged_cache:
            roles = vocab.roles_of(sec.title) if sec.index else []
            merged_cache[sec.index] = "shortcomings" in roles and (
                "plans" in roles or one_line_mode)
        return merged_cache[sec.index]

    def add_body(line: int, text: str) -> None:
        # In a merged "problems and next steps" part, the next steps start a new unit.
        pieces = _PLAN_SPLIT.split(text) if in_merged_part() else [text]
        for piece in pieces:
            for enum, part in split_enums(piece):
                if part:
                    add_unit(line, part, enum=enum)

    for ln in body:
        pending = [ln.text]          # one-line reports were already cut into pieces
        while pending:
            frag = pending.pop(0).strip()
            if not frag:
                continue
            mk = heading_marker(frag)
            if mk is not None:
                level, marker, ordinal, rest = mk
                while stack[-1].level >= level:
                    stack.pop()
                parent = stack[-1]
                key = (parent.index, level)
                prev = last_ordinal.get(key, 0)
                # A numbered line that breaks the sequence badly is body text, not a heading.
                if ordinal is not None and prev and ordinal != prev + 1 and ordinal != 1 \
                        and level >= 3:
                    add_body(ln.line, frag)
                    continue
                last_ordinal[key] = ordinal or prev + 1
                htitle, rest_body = split_heading(rest, glued=one_line_mode)
                sec = Section(index=len(sections), title=htitle.strip(" :,"), marker=marker,
                              level=level, line=ln.line, role="", parent=parent.index)
                sections.append(sec)
                parent.children.append(sec.index)
                stack.append(sec)
                add_unit(ln.line, (marker + htitle).strip(), heading=True)
                if rest_body and one_line_mode and heading_marker(rest_body):
                    pending.insert(0, rest_body)     # 原因一、存在的不足: a glued sub-heading
                elif rest_body:
                    add_body(ln.line, rest_body)
                continue
            # (the root has level -1, so this also covers a bare heading at the top). Below
            # a numbered sub-part a short line is not promoted, unless the report writes
            # its parts as bare headings: then the next bare part heading closes the
            # sub-parts of the one before.
            bare_parts = any(s.level == 1 and not s.marker for s in stack)
            if (stack[-1].level <= 1 or bare_parts) and _bare_heading(frag, vocab):
                while stack[-1].level >= 1:
                    stack.pop()
                sec = Section(index=len(sections), title=frag.strip(" :"), marker="", level=1,
                              line=ln.line, role="", parent=stack[-1].index)
                sections.append(sec)
                stack[-1].children.append(sec.index)
                stack.append(sec)
                add_unit(ln.line, frag, heading=True)
                continue
            add_body(ln.line, frag)

    _assign_roles(sections, vocab)
    _split_merged(sections, units, vocab, one_line_mode)
    for u in units:
        u.role = sections[u.section].role

    out = Outline(units=units, sections=sections, title=head.title, title_line=head.title_line,
                  addressee=head.addressee, signature=tail.signature)
    meta = read_metadata(out, issuer_line=head.issuer_line, publisher=text.page.publisher)
    return replace(out, year=meta.year, year_source=meta.year_source, issuer=meta.issuer,
                   issuer_source=meta.issuer_source, level=meta.level)


def _bare_heading(text: str, vocab: RoleVocabulary) -> bool:
    """An unnumbered short line that names a statutory part (存在的问题, 下一步打算)."""
    if len(text) > 30 or text.endswith(("。", ";", ",")):
        return False
    roles = vocab.roles_of(text)
    return any(r in ("shortcomings", "plans", "first_responsible", "other", "achievements")
               for r in roles)




def _assign_roles(sections: list[Section], vocab: RoleVocabulary) -> None:
    """Roles from headings, then structure: thematic sections, inheritance, merges."""
    root = sections[0]
    explicit: dict[int, list[str]] = {s.index: vocab.roles_of(s.title) for s in sections[1:]}

    def own_role(sec: Section, found: list[str]) -> str | None:
        if "shortcomings" in found and "plans" in found:
            return "shortcomings"      # a merged part; its sub-headings split it
        for role in ("first_responsible", "shortcomings", "plans", "other", "achievements"):
            if role in found:
                return role
        return None

    top = [sections[i] for i in root.children]
    seen_problem_or_plan = False
    for sec in top:
        role = own_role(sec, explicit[sec.index])
        if role is None:
            role = "other" if seen_problem_or_plan else "achievements"
            sec.role_source = "thematic" if role == "achievements" else "after-plans"
        else:
            sec.role_source = "heading"
        if role in ("shortcomings", "plans"):
            seen_problem_or_plan = True
        sec.role = role

    def descend(sec: Section) -> None:
        for ci in sec.children:
            child = sections[ci]
            found = explicit[ci]
            role: str | None = None
            # Strong roles override the parent's; achievements/other never override.
            for cand in ("first_responsible", "shortcomings", "plans"):
                if cand in found and not ("shortcomings" in found and "plans" in found
                                          and sec.role == "plans"):
                    role = cand
                    break
            if role == "first_responsible" and sec.role in ("shortcomings", "plans"):
                role = None      # "压实第一责任人职责" as a plan is still a plan
            if role == "shortcomings" and sec.role == "plans":
                role = None      # "(三)补齐城市防汛短板" in the plans is a measure
            if role == "plans" and sec.role not in ("shortcomings", "plans") and \
                    not any(p.search(child.title) for p in vocab.next_year_framing):
                role = None      # "(一)制定年度工作计划" under achievements is work done
            if role == "shortcomings" and sec.role == "other" and vocab.is_rectification(sec.title):
                role = None      # last year's problems listed under their rectification
            if vocab.is_rectification(child.title) and sec.role in ("shortcomings", "plans", "other"):
                role = "other"   # (一)上年度问题整改情况 inside the problems part: prior rectification
            if role is None:
                child.role, child.role_source = sec.role, "inherited"
            else:
                child.role, child.role_source = role, "heading"
            descend(child)

    for sec in top:
        descend(sec)


_PLAN_SPLIT = re.compile(r"(?<=[。;])\s*(?=下一步|下步|今后|明年|下一年度|针对(?:上述|以上|这些)问题|为此,)")
_PLAN_LEAD = re.compile(r"^(下一步|下步|今后|明年|下一年度|来年|(20\d\d)年,?(我|全|本)[^。]{0,8}将|"
                        r"针对(上述|以上|这些|存在的)问题|为此,)")


def _split_merged(sections: list[Section], units: list[Unit], vocab: RoleVocabulary,
                  one_line_mode: bool = False) -> None:
    """A merged 'problems and next steps' part with no sub-headings: the units from the
    first plan lead-in (下一步,… / 针对上述问题,…) on become a plans sub-section. In a
    one-line report any shortcomings part is looked at, since a plans heading of its own
    may be glued into the text there."""
    for sec in list(sections[1:]):
        roles = vocab.roles_of(sec.title)
        merged = "shortcomings" in roles and "plans" in roles
        if not (merged or one_line_mode and sec.role == "shortcomings" and "shortcomings" in roles) \
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
            units[i].section = new.index

