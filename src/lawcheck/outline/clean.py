"""Line clean-up pass: the document's lines normalised, stray bullets and page chrome
removed (also chrome glued into a page saved as one line), the page's own facts kept,
and a report pasted as one long line cut into fragments."""
from __future__ import annotations

from dataclasses import dataclass

from ..normalize import normalize
from .chrome import PageFacts, page_facts, strip_chrome, strip_lead_junk
from .common import Line
from .fragments import cut_lines, is_one_line
from .unglue import unglue_one_line
from .vocab import RoleVocabulary


@dataclass(frozen=True)
class CleanText:
    """What the clean-up pass hands on: the lines (non-empty, normalised), the facts of
    the page they were copied from, and whether the report was pasted as one line."""
    lines: list[Line]
    page: PageFacts
    one_line: bool


def clean_lines(texts: list[str], vocab: RoleVocabulary | None = None) -> CleanText:
    """`texts` (a document's lines as read) made ready for the title and section passes;
    `vocab` finds bare part headings glued into a one-line report."""
    lines = [Line(i + 1, normalize(t)) for i, t in enumerate(texts)]
    lines = strip_lead_junk([ln for ln in lines if ln.text])
    lines = unglue_one_line(lines)
    page = page_facts(lines)
    lines = strip_chrome(lines)
    one_line = is_one_line(lines)
    if one_line:
        lines = cut_lines(lines, vocab)
    return CleanText(lines, page, one_line)
