"""The pipeline in one place: read -> outline -> match -> judge -> score -> Report.

This is the API the CLI, batch mode and tests use:

    from lawcheck.check import check_path
    report = check_path("report.txt")
"""
from __future__ import annotations

from dataclasses import dataclass

from .anchor import anchor
from .chars import fold
from .judge import judge
from .match import Matches, match
from .model import Document, Outline, Report, SectionInfo
from .outline import outline
from .read import read_path
from .rules import Pack, load_pack
from .score import GatePolicy, apply_profile, gate, grade, score


@dataclass
class Analysis:
    """A checked report with the stage outputs a comparison needs (previous.py)."""
    document: Document               # as read (evidence is quoted from it)
    outline: Outline
    matches: Matches
    report: Report
    folded: Document | None = None   # what the outline read (chars.fold: same line lengths)

    @property
    def text_lines(self) -> list[str]:
        """The lines passages are compared on: folded, so traditional and simplified
        copies of a sentence are one passage."""
        return (self.folded or self.document).lines


def check_document(doc: Document, pack: Pack | None = None,
                   policy: GatePolicy | None = None, level: str | None = None) -> Report:
    """Check a read Document. `level` forces the issuer level (else detected)."""
    return analyse_document(doc, pack, policy, level).report


def analyse_document(doc: Document, pack: Pack | None = None,
                     policy: GatePolicy | None = None, level: str | None = None) -> Analysis:
    """check_document, keeping the outline and matches as well."""
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
    report = Report(
        file=doc.path, profile=pack.name, score=value, grade=grade(value, pack),
        gate=gate(items, value, policy), items=items, format=doc.format,
        encoding=doc.encoding, chars=doc.chars, year=ol.year, issuer=ol.issuer,
        level=ol.level, title=ol.title, level_profile=used,
        sections=[SectionInfo(title=(s.marker + s.title).strip(), role=s.role, line=s.line,
                              level=s.level) for s in ol.sections[1:]],
        signature=ol.signature, warnings=list(folded.warnings), document=doc)
    return Analysis(document=doc, outline=ol, matches=hits, report=report, folded=folded)


def check_path(path: str, pack: Pack | None = None, policy: GatePolicy | None = None,
               level: str | None = None) -> Report:
    return check_document(read_path(path), pack, policy, level)


def analyse_path(path: str, pack: Pack | None = None, policy: GatePolicy | None = None,
                 level: str | None = None) -> Analysis:
    return analyse_document(read_path(path), pack, policy, level)


def rescore(report: Report, pack: Pack, policy: GatePolicy | None = None) -> None:
    """Score, grade and gate again after an item was re-judged (previous.py)."""
    value = score(report.items)
    report.score, report.grade = value, grade(value, pack)
    report.gate = gate(report.items, value, policy or GatePolicy())


def check_text(text: str, pack: Pack | None = None, level: str | None = None,
               name: str = "<text>") -> Report:
    """Check a report given as a string (rule examples, tests)."""
    from .read import split_lines
    doc = Document(path=name, format="txt", encoding="utf-8", lines=split_lines(text))
    return check_document(doc, pack, None, level)


_WARM_TEXT = ("某县人民政府关于2024年法治政府建设情况的报告\n一、2024年工作成效\n"
              "(一)推进行政执法。开展行政复议,办理案件12件。\n二、存在的不足\n"
              "一是村级调解力量薄弱。\n三、2025年工作安排\n一是加强村级调解。\n"
              "某县人民政府\n2025年3月1日\n")


def warm(pack: Pack) -> None:
    """Build everything a check builds on first use (the automaton, compiled patterns,
    the topic segmenter and its HMM tables, the readers) by checking a small text once:
    a batch parent calls it before forking, so no worker pays for it again."""
    from . import topics
    _ = pack.automaton                     # built now, before forking
    topics.for_pack(pack)
    topics._hmm_tables()
    check_text(_WARM_TEXT, pack)
    check_text(_WARM_TEXT.replace("2024", "2025").replace("2025年3", "2026年3"), pack)
