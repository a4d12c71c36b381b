"""Stage 2, outline: Document -> Outline (units, sections with roles, title, year,
issuer, level, signature).

Finds headings at every level (一、 / (一) / 1. / 1、 / (1) / ① / 第一部分), headings
that run on into their body on the same line, inline enumerations (一是…二是…), and
reports pasted as one single line. Each section gets a role from its heading, using the
rule pack's role vocabulary (`roles:` in the pack), with the structure of the report
deciding the rest: thematic sections before the shortcomings are achievements; a merged
"problems and measures" part splits into its roles through its sub-headings.

`outline()` runs these passes in order; each is a function of what the ones before it
returned (none changes its input), and can be tested alone:

    clean.clean_lines        line clean-up: normalise, strip page chrome, cut one-line reports
    title.find_head          the title, addressee and issuer line above the body
    tail.document_tail       the signature (issuer, date) and the 附件 lines after the body
    sections.build_sections  headings and their nesting; the units each section holds
    roles.assign_roles       each section's role, from its heading and the report's structure
    merged.split_merged      a merged "problems and next steps" part split where its plans begin
    metadata.read_metadata   the reported year, the issuer and its level

Helpers they share: common (Line, date/year patterns), markers (heading markers),
vocab (RoleVocabulary); chrome, unglue and fragments (for clean); year, names, issuer
and level (for metadata).
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Document, Outline, Section, Unit
from .common import clone
from .clean import clean_lines
from .level import level_of
from .merged import split_merged
from .metadata import read_metadata
from .roles import assign_roles
from .sections import build_sections
from .tail import document_tail
from .title import find_head
from .unheaded import split_unheaded
from .vocab import RoleVocabulary
from .year import report_year_in, year_in

__all__ = ["RoleVocabulary", "level_of", "outline", "report_year_in", "year_in"]


def outline(doc: Document, vocab: RoleVocabulary) -> Outline:
    """Build the outline of `doc` (see module docstring)."""
    text = clean_lines(doc.lines, vocab)
    head = find_head(text.lines, text.one_line, text.page)
    tail = document_tail(head.body)
    tree = build_sections(tail.lines, vocab, text.one_line, tail.after_from)
    sections = assign_roles(tree.sections, vocab)
    sections, units = split_merged(sections, tree.units, vocab, text.one_line)
    sections, units = split_unheaded(sections, units, vocab)
    out = Outline(units=_with_roles(units, sections), sections=sections, title=head.title,
                  title_line=head.title_line, addressee=head.addressee, signature=tail.signature)
    meta = read_metadata(out, issuer_line=head.issuer_line, publisher=text.page.publisher,
                         site=text.page.site)
    return replace(out, year=meta.year, year_source=meta.year_source, issuer=meta.issuer,
                   issuer_source=meta.issuer_source, level=meta.level)


def _with_roles(units: list[Unit], sections: list[Section]) -> list[Unit]:
    """Each unit with the role of the section it is in."""
    return [clone(u, role=sections[u.section].role) for u in units]
