"""Plain dataclasses passed between the pipeline stages.

read -> Document -> outline -> Outline -> match -> Hits -> judge -> ItemResult
-> score -> Report -> render.  No stage reaches into another's internals; each
takes the previous stage's dataclass and returns its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

class Status(StrEnum):
    """An item's verdict. A str enum: it compares, hashes, formats and serialises as its
    value ("pass"), so JSON and every output stay as they were."""
    PASS = "pass"
    WEAK = "weak"
    MISSING = "missing"


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)

# Section roles, in the order a statutory report usually has them.
ROLES: tuple[str, ...] = (
    "preamble", "achievements", "first_responsible", "shortcomings",
    "plans", "other", "signature",
)
LEVELS: tuple[str, ...] = ("province", "city", "county", "town", "department")

# Why an item is weak, as far as its check type knows: a rule's `hint.because` may give a
# sentence for each cause its check type reports (the judge picks it, else `hint.weak`).
WEAK_CAUSES: dict[str, tuple[str, ...]] = {
    "presence": ("scope", "umbrella", "passing", "heading", "bare", "repeated"),
    "part": ("thin", "no_heading", "empty", "unframed", "few_points"),
    "meta": ("body_date", "incomplete", "unnamed", "no_date", "no_issuer"),
    "deadline": ("late", "early"),
    "specific": ("one_problem", "stock"),
    "figures": (),
    "alignment": (),
}


class LawcheckError(Exception):
    """An error the user can act on: printed as one line, exit status 2."""

    def __init__(self, path: str, problem: str, hint: str = "") -> None:
        self.path, self.problem, self.hint = path, problem, hint
        super().__init__(self.line())

    def line(self) -> str:
        from .i18n import _
        msg = _("{path}: {problem}").format(path=self.path, problem=self.problem)
        return _("{message}; {hint}").format(message=msg, hint=self.hint) if self.hint else msg


# ---------------------------------------------------------------- read

@dataclass
class Document:
    """A report as read: decoded text lines plus where they came from.

    `lines` are the text as decoded, before any reflowing; evidence line numbers are
    1-based indexes into it. `locations`, when a reader knows better than a line number
    (docx paragraph, pdf page), gives a human label for each line ("p.3 ¶2").
    """
    path: str
    format: str                      # txt, md, docx, pdf, html
    encoding: str                    # utf-8, gb18030, utf-16, ...; "docx"/"pdf" for containers
    lines: list[str]
    locations: list[str] | None = None
    warnings: list[str] = field(default_factory=list)
    # The file's bytes for a container format (docx), kept so a renderer can write the
    # same document back with review comments (`--format docx`). Not part of the JSON.
    data: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def chars(self) -> int:
        return sum(len(line) for line in self.lines)


# ---------------------------------------------------------------- outline

@dataclass
class Unit:
    """The smallest piece of text the checker reasons about: a paragraph, a heading,
    or one fragment of a line that was split (run-on heading, 一是…二是…, one-line report).
    `text` is normalised (full-width folded, spaces squeezed); `line` points to the
    original line it came from."""
    index: int
    line: int
    text: str
    section: int                     # index into Outline.sections (0 is the root/preamble)
    role: str
    is_heading: bool = False
    enum: str = ""                   # inline enumeration marker: "一是", "1.", ...


@dataclass
class Section:
    index: int
    title: str                       # heading text without its number ("" for the root)
    marker: str                      # "一、", "(一)", "1.", ... ("" for the root)
    level: int                       # -1 root, 0 第一部分, 1 一、, 2 (一), 3 1., 4 (1), 5 ①
    line: int
    role: str
    parent: int | None
    units: list[int] = field(default_factory=list)   # Unit indexes in this section (not children)
    children: list[int] = field(default_factory=list)
    role_source: str = ""            # why this role: "heading", "inherited", "thematic", ...


@dataclass
class Signature:
    issuer: str | None
    date: str | None                 # ISO date when complete, else as written
    line: int


@dataclass
class Outline:
    units: list[Unit]
    sections: list[Section]
    title: str | None = None
    title_line: int | None = None
    addressee: str | None = None
    year: int | None = None
    year_source: str | None = None   # "title", "opening", "body", "signature"
    issuer: str | None = None
    issuer_source: str | None = None  # "title", "signature", "opening", "page" (发布机构, the portal)
    level: str | None = None         # one of LEVELS
    signature: Signature | None = None

    def section_of(self, unit: Unit) -> Section:
        return self.sections[unit.section]


# ---------------------------------------------------------------- match

@dataclass
class Hit:
    """One occurrence of a rule's term or pattern in a unit."""
    item: str
    unit: int
    line: int
    role: str
    start: int
    end: int
    text: str                        # the matched words
    kind: str = "term"               # term | weak_term | pattern | heading
    demoted: bool = False            # matched a 'passing mention' pattern


# ---------------------------------------------------------------- judge / score

@dataclass
class Evidence:
    line: int
    section: str
    text: str
    location: str | None = None      # docx/pdf human location when known
    column: int | None = None        # 1-based character position of `text` in its line

    def to_dict(self) -> dict:
        d = {"line": self.line, "section": self.section, "text": self.text}
        if self.column is not None:
            d["column"] = self.column
        if self.location:
            d["location"] = self.location
        return d


@dataclass
class ItemResult:
    id: str
    title: str
    group: str
    status: Status
    weight: float
    severity: str                    # error | warning | info
    reasons: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    applicable: bool = True          # False when the profile marks the item not applicable
    need: str = ""                   # what a pass needs (the rule's describe.pass), for hints
    hint: str = ""                   # weak/missing: one Chinese sentence on what to add and where
    # What renderers need of the rule, so none of them loads a pack (SARIF's rule help
    # describes the pack actually used); not part of the JSON contract.
    describe: dict[str, str] = field(default_factory=dict)   # pass/weak/missing texts
    rule_hints: dict = field(default_factory=dict)           # the rule's hints (weak, missing, because)
    source: str = ""                 # rule file:line that defines the item

    def to_dict(self) -> dict:
        d = {"id": self.id, "title": self.title, "group": self.group, "status": self.status,
             "weight": self.weight, "severity": self.severity, "reasons": list(self.reasons),
             "evidence": [e.to_dict() for e in self.evidence]}
        if self.hint and self.status != "pass":
            d["hint"] = self.hint
        if not self.applicable:
            d["applicable"] = False
        return d


@dataclass(frozen=True)
class GateFailure:
    """One reason a report fails its gate, as data: an item at a failing status, or the
    score under the floor. `text` is the contract's reason string."""
    item: str | None = None          # the item id, for an item failure
    status: str | None = None        # its status (missing, or weak with --fail-on weak)
    score: float | None = None       # for a score failure: the score and the floor
    floor: float | None = None

    @property
    def text(self) -> str:
        if self.item is not None:
            return f"{self.item} is {self.status}"
        return f"score {self.score:g} is under {self.floor:g}"


@dataclass
class Gate:
    passed: bool
    reasons: list[str] = field(default_factory=list)        # the contract's strings
    failures: list[GateFailure] = field(default_factory=list)
    fail_on: str | None = None       # the policy's --fail-on (missing, weak) when given


@dataclass
class SectionInfo:
    title: str
    role: str
    line: int
    level: int


@dataclass
class Report:
    """Everything a renderer needs about one checked report."""
    file: str
    profile: str
    score: float
    grade: str
    gate: Gate
    items: list[ItemResult]
    format: str
    encoding: str
    chars: int
    year: int | None
    issuer: str | None
    level: str | None
    title: str | None
    sections: list[SectionInfo]
    signature: Signature | None = None
    warnings: list[str] = field(default_factory=list)
    level_profile: str | None = None     # the level profile applied, if any
    previous: "PreviousComparison | None" = None     # set by `--previous` (previous.py)
    shared: "SharedPassages | None" = None            # set by `batch` (shared.py)
    # The document as read, for renderers that show or annotate its text (the review
    # page, the Word review copy). Not part of the JSON; never compared.
    document: Document | None = field(default=None, repr=False, compare=False)

    def item(self, item_id: str) -> ItemResult:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def to_dict(self) -> dict:
        """The contract's JSON object (../shared/spec/contract.md)."""
        doc = {"chars": self.chars, "encoding": self.encoding, "format": self.format,
               "year": self.year, "issuer": self.issuer, "level": self.level,
               "title": self.title,
               "signature": None if self.signature is None else
               {"issuer": self.signature.issuer, "date": self.signature.date,
                "line": self.signature.line},
               "sections": [{"title": s.title, "role": s.role, "line": s.line, "level": s.level}
                            for s in self.sections]}
        out: dict[str, Any] = {"file": self.file, "profile": self.profile,
               "level_profile": self.level_profile, "score": self.score,
               "grade": self.grade,
               "gate": {"passed": self.gate.passed, "reasons": list(self.gate.reasons)},
               "document": doc,
               "items": [it.to_dict() for it in self.items]}
        if self.warnings:
            out["warnings"] = list(self.warnings)
        if self.previous is not None:
            out["previous"] = self.previous.to_dict()
        if self.shared is not None:
            out.update(self.shared.to_dict())
        return out


# ---------------------------------------------------------------- year over year (previous.py)

CARRIED_PROBLEM = ("addressed", "mentioned", "not_addressed")
CARRIED_PLAN = ("done", "mentioned", "not_found")


@dataclass
class Carried:
    """One problem (or plan measure) of the previous year's report and what the current
    report says about it: status in CARRIED_PROBLEM (or CARRIED_PLAN), with the current
    report's sentences as evidence. `text`/`line` are the previous report's."""
    text: str
    line: int
    status: str
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"text": self.text, "line": self.line, "status": self.status,
                "evidence": [e.to_dict() for e in self.evidence]}


@dataclass
class CopiedPassage:
    line: int                        # in the current report
    previous_line: int               # in the previous report
    text: str                        # the current report's sentence

    def to_dict(self) -> dict:
        return {"line": self.line, "previous_line": self.previous_line, "text": self.text}


@dataclass
class Copied:
    share: float                     # copied characters / characters of the current report
    passages: list[CopiedPassage] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"share": self.share, "passages": [p.to_dict() for p in self.passages]}


@dataclass
class PreviousComparison:
    """The current report read against the same issuer's report of the year before."""
    file: str
    year: int | None
    issuer: str | None
    problems: list[Carried] = field(default_factory=list)
    plans: list[Carried] = field(default_factory=list)
    copied: Copied = field(default_factory=lambda: Copied(share=0.0))

    def to_dict(self) -> dict:
        return {"file": self.file, "year": self.year, "issuer": self.issuer,
                "problems": [p.to_dict() for p in self.problems],
                "plans": [p.to_dict() for p in self.plans],
                "copied": self.copied.to_dict()}


# ---------------------------------------------------------------- across a batch (shared.py)

@dataclass
class SharedPassage:
    line: int
    text: str
    also_in: list[str]               # other submissions holding the passage (first ALSO_IN_MAX)
    also_in_count: int = 0           # how many other submissions in all

    def to_dict(self) -> dict:
        return {"line": self.line, "text": self.text, "also_in": list(self.also_in),
                "also_in_count": self.also_in_count}


@dataclass
class SharedPassages:
    share: float                     # shared characters / characters of the report
    passages: list[SharedPassage] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"shared_passages": [p.to_dict() for p in self.passages],
                "shared_share": self.share}


@dataclass
class Failure:
    """A file that could not be checked (batch keeps going)."""
    file: str
    error: str

    def to_dict(self) -> dict:
        return {"file": self.file, "error": self.error}
