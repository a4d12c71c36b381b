"""Unheaded-report pass: a report written as paragraphs with no headings at all (一年来,…
同时,… 此外,… 同时也要清醒看到,…还存在一些短板:… 下一步,…) still has its statutory parts.
The paragraph that opens on this year's problems (vocabulary `problems_lead`) starts
them, the first paragraph after it that opens on next year's plans (`plan_lead`)
starts those; each becomes a section of its own, so the checks read them as the parts
they are. A part found so has no heading: its section's source says "paragraph"."""
from __future__ import annotations

from .. import rx as re
from ..model import Section, Unit
from .common import clone
from .vocab import RoleVocabulary

# Both parts close a report: a paragraph in the first part of the body that opens so
# ("针对存在的问题,…" in the work done) is not where they begin.
_LATE = 0.4
# A report of fewer paragraphs is a note, not a report with parts to find.
_MIN_UNITS = 5


def split_unheaded(sections: list[Section], units: list[Unit],
                   vocab: RoleVocabulary) -> tuple[list[Section], list[Unit]]:
    """(sections, units) with the problems and plans paragraphs of a report without
    headings made sections of their own; the lists given are not changed (returned as
    they are when the report has headings or no such paragraph)."""
    if len(sections) != 1 or any(u.is_heading for u in units):
        return sections, units
    # where the last part of the report begins, by characters (a one-line page is a few
    # long units)
    late_char = _LATE * sum(len(u.text) for u in units)
    cut = _cut_at_leads(units, vocab, late_char)
    if len(cut) < _MIN_UNITS:
        return sections, units
    late, run = 0, 0
    while late < len(cut) and run + len(cut[late].text) <= late_char:
        run += len(cut[late].text)
        late += 1
    problems = next((u.index for u in cut[late:] if vocab.problems_lead.search(u.text)), None)
    after = problems if problems is not None else late
    plans = next((u.index for u in cut[after + 1:] if vocab.plan_lead.search(u.text)), None)
    if problems is None and plans is None:
        return sections, units
    root = clone(sections[0], children=list(sections[0].children))
    out_sections, out_units = [root], list(cut)
    starts = [(i, role) for i, role in ((problems, "shortcomings"), (plans, "plans")) if i is not None]
    for n, (start, role) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(cut)
        moved = list(range(start, end))
        lead = cut[start]
        sec = Section(index=len(out_sections), title=lead.text[:20], marker="", level=1,
                      line=lead.line, role=role, parent=0, units=moved,
                      role_source="paragraph" if role == "shortcomings" else "split")
        out_sections.append(sec)
        root.children.append(sec.index)
        for i in moved:
            out_units[i] = clone(cut[i], section=sec.index)
    # the root keeps what comes before the parts (the cut units included: the report had
    # no other section, so every unit was the root's)
    root.units = list(range(starts[0][0]))
    return out_sections, out_units


def _cut_at_leads(units: list[Unit], vocab: RoleVocabulary, from_char: float) -> list[Unit]:
    """`units` with a unit cut before every sentence inside it, past the first `from_char`
    characters of the report, that opens on the problems or the plans (a paragraph, or a
    page pasted as one line, that runs from the work done on into "。同时也要清醒看到,…还存在
    一些短板:" or "。下一步,…"); the units given are kept as they are when nothing is cut."""
    out: list[Unit] = []
    offset = 0
    for u in units:
        at, offset = offset, offset + len(u.text)
        cuts = [m.end() for m in _SENTENCE_END.finditer(u.text)
                if m.end() < len(u.text) and at + m.end() >= from_char
                and _opens_part(u.text[m.end():], vocab)]
        if not cuts:
            out.append(clone(u, index=len(out)) if u.index != len(out) else u)
            continue
        for n, (a, b) in enumerate(zip([0] + cuts, cuts + [len(u.text)])):
            out.append(clone(u, index=len(out), text=u.text[a:b], enum=u.enum if n == 0 else ""))
    return out if len(out) != len(units) else units


_SENTENCE_END = re.compile(r"[。;]")


def _opens_part(rest: str, vocab: RoleVocabulary) -> bool:
    """Does the sentence starting `rest` open this year's problems or next year's plans?"""
    return bool(vocab.plan_lead.search(rest[:30]) or vocab.problems_lead.search(rest[:80]))
