"""Sections pass: the body lines read into a tree of sections (heading detection and
nesting by marker level, bare part headings such as 存在的问题) and the units each
section holds (paragraphs, run-on heading bodies, 一是…二是… points). Roles are left
empty for the roles pass."""
from __future__ import annotations

from dataclasses import dataclass

from .. import rx as re
from ..model import Section, Unit
from .common import Line
from .markers import bare_heading, heading_marker, split_enums, split_heading
from .vocab import RoleVocabulary

# What follows the label of a numbered data row: a figure alone (94%; 3120户。 1.2万件)
_VALUE_ONLY = re.compile(r"^[\d.,%‰]+\s*[\u4e00-\u9fff]{0,2}\s*[;。]?$")


@dataclass(frozen=True)
class Tree:
    """Sections (index 0 is the root, the preamble) and units, each pointing at the
    other by index."""
    sections: list[Section]
    units: list[Unit]


def build_sections(body: list[Line], vocab: RoleVocabulary, one_line: bool,
                   plain_from: int | None = None) -> Tree:
    """Read `body` into sections and units; `one_line`: the body was cut from a report
    pasted as one line (a heading's body may follow with no mark, a sub-heading may be
    glued to it); lines from index `plain_from` on (what follows the signature) are
    text, never headings."""
    builder = _Builder(body[0].line if body else 1, vocab, one_line)
    for n, ln in enumerate(body):
        if plain_from is not None and n >= plain_from:
            builder.read_plain(ln.line, ln.text)
            continue
        frag: str | None = ln.text       # one-line reports were already cut into pieces
        while frag is not None:
            frag = builder.read(ln.line, frag)
    return Tree(builder.sections, builder.units)


class _Builder:
    """The tree as it grows while the body is read (local to `build_sections`): the
    sections open at this point (a stack from the root), and the last ordinal seen
    under each parent at each level."""

    def __init__(self, first_line: int, vocab: RoleVocabulary, one_line: bool) -> None:
        root = Section(index=0, title="", marker="", level=-1, line=first_line,
                       role="preamble", parent=None, role_source="root")
        self.sections: list[Section] = [root]
        self.units: list[Unit] = []
        self.stack: list[Section] = [root]
        self.last_ordinal: dict[tuple[int, int], int] = {}
        self.merged: dict[int, bool] = {}
        self.vocab, self.one_line = vocab, one_line

    def read_plain(self, line: int, text: str) -> None:
        """Read a line as text of the section open at this point."""
        if text.strip():
            self._add_body(line, text.strip())

    def read(self, line: int, frag: str) -> str | None:
        """Read one fragment of line `line`; returns a glued sub-heading still to read."""
        frag = frag.strip()
        if not frag:
            return None
        mk = heading_marker(frag)
        if mk is not None:
            return self._numbered(line, frag, mk)
        # (the root has level -1, so this also covers a bare heading at the top). Below
        # a numbered sub-part a short line is not promoted, unless the report writes
        # its parts as bare headings: then the next bare part heading closes the
        # sub-parts of the one before. (bare_heading first: it turns down a line of
        # body text at once, by its length.)
        if bare_heading(frag, self.vocab) and (
                self.stack[-1].level <= 1 or any(s.level == 1 and not s.marker for s in self.stack)):
            while self.stack[-1].level >= 1:
                self.stack.pop()
            self._open(Section(index=len(self.sections), title=frag.strip(" :"), marker="", level=1,
                               line=line, role="", parent=self.stack[-1].index))
            self._add_unit(line, frag, heading=True)
            return None
        self._add_body(line, frag)
        return None

    def _numbered(self, line: int, frag: str, mk: tuple[int, str, int | None, str]) -> str | None:
        """A fragment that starts with a heading marker: a heading, unless its number
        breaks the sequence badly (then it is body text)."""
        level, marker, ordinal, rest = mk
        while self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1]
        key = (parent.index, level)
        prev = self.last_ordinal.get(key, 0)
        if ordinal is not None and prev and ordinal != prev + 1 and ordinal != 1 and level >= 3:
            self._add_body(line, frag)
            return None
        self.last_ordinal[key] = ordinal or prev + 1
        htitle, rest_body = split_heading(rest, glued=self.one_line, part_title=self._part_title)
        # (index, title, marker, level, line, role, parent: positional, as in _add_unit)
        self._open(Section(len(self.sections), htitle.strip(" :,"), marker, level, line, "", parent.index))
        if rest_body and _VALUE_ONLY.match(rest_body):
            # a numbered data row, (1)政务服务事项网上可办率:94%;: the label and its figure
            # are one line of work, not a heading over a body
            self._add_unit(line, frag.strip())
            return None
        self._add_unit(line, (marker + htitle).strip(), heading=True)
        if rest_body and self.one_line and heading_marker(rest_body):
            return rest_body         # 原因一、存在的不足: a glued sub-heading
        if rest_body:
            self._add_body(line, rest_body)
        return None

    def _part_title(self, title: str) -> bool:
        """Is `title` a statutory part's title (a role of the vocabulary)?"""
        return bool(self.vocab.roles_of(title))

    def _open(self, sec: Section) -> None:
        """`sec` becomes a child of the innermost open section, and the innermost."""
        self.sections.append(sec)
        self.stack[-1].children.append(sec.index)
        self.stack.append(sec)

    def _add_unit(self, line: int, text: str, heading: bool = False, enum: str = "") -> None:
        sec = self.stack[-1]
        # (index, line, text, section, role, is_heading, enum: positional, the fields'
        # order, for a unit of every paragraph: keywords cost twice the construction)
        u = Unit(len(self.units), line, text, sec.index, "", heading, enum)
        self.units.append(u)
        sec.units.append(u.index)

    def _add_body(self, line: int, text: str) -> None:
        """Body text: one unit per 一是… point; in a merged "problems and next steps" part
        the next steps start a new unit."""
        pieces = self.vocab.plan_split.split(text) if self._in_merged_part() else [text]
        for piece in pieces:
            for enum, part in split_enums(piece):
                if part:
                    self._add_unit(line, part, enum=enum)

    def _in_merged_part(self) -> bool:
        """A merged problems+plans part or a sub-part of one (3.1 …不足。…下一步,…), or
        (one-line reports, where a plans heading can be glued into the text) any
        shortcomings part."""
        return any(self._merged(sec) for sec in self.stack[1:])

    def _merged(self, sec: Section) -> bool:
        if sec.index not in self.merged:
            roles = self.vocab.roles_of(sec.title) if sec.index else []
            self.merged[sec.index] = "shortcomings" in roles and ("plans" in roles or self.one_line)
        return self.merged[sec.index]
