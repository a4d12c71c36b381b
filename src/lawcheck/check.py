"""The pipeline in one place: read -> outline -> match -> judge -> score -> Report.

This is the API the CLI, batch mode and tests use:

    from lawcheck.check import check_path
    report = check_path("report.txt")
"""
from __future__ import annotations

from .anchor import anchor
from .chars import fold
from .judge import judge
from .match import match
from .model import Document, Report, SectionInfo
from .outline import outline
from .read import read_path
from .rules import Pack, load_pack
from .score import GatePolicy, apply_profile, gate, grade, score


def check_document(doc: Document, pack: Pack | None = None,
                   policy: GatePolicy | None = None, level: str | None = None) -> Report:
    """Check a read Document. `level` forces the issuer level (else detected)."""
    pack = pack or load_pack()
    policy = policy or GatePolicy()
    folded = fold(doc)          # radicals and traditional characters, same line lengths
    ol = outline(folded, pack.roles)
    if level:
        ol.level = level
    judged = pack.for_level(ol.level)      # items whose meaning the level profile changes
    hits = match(ol, judged)
    items = anchor(doc, folded, judge(ol, hits, judged, doc.locations))
    used = apply_profile(items, pack, ol.level)
    value = score(items)
    return Report(
        file=doc.path, profile=pack.name, score=value, grade=grade(value, pack),
        gate=gate(items, value, policy), items=items, format=doc.format,
        encoding=doc.encoding, chars=doc.chars, year=ol.year, issuer=ol.issuer,
        level=ol.level, title=ol.title, level_profile=used,
        sections=[SectionInfo(title=(s.marker + s.title).strip(), role=s.role, line=s.line,
                              level=s.level) for s in ol.sections[1:]],
        signature=ol.signature, warnings=list(folded.warnings))


def check_path(path: str, pack: Pack | None = None, policy: GatePolicy | None = None,
               level: str | None = None) -> Report:
    return check_document(read_path(path), pack, policy, level)


def check_text(text: str, pack: Pack | None = None, level: str | None = None,
               name: str = "<text>") -> Report:
    """Check a report given as a string (rule examples, tests)."""
    from .read import split_lines
    doc = Document(path=name, format="txt", encoding="utf-8", lines=split_lines(text))
    return check_document(doc, pack, None, level)
