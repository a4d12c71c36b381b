"""Stage 4b, anchor: judged items -> the same items with evidence in the report's own
characters and a column.

The judge quotes normalised text (full-width folded, spaces squeezed, radicals and
traditional characters folded: see normalize.py and chars.py). This step finds each
quoted passage in the line it cites, `doc.lines[line - 1]` as read, compares them
under the same normalisation and ignoring spaces, and replaces the quote by the
original characters of that span (so a traditional report is quoted in traditional
characters, a PDF's ⼈ stays ⼈, full-width punctuation stays full-width), and sets
`Evidence.column`, the 1-based character position of the quote in its line. On a report
pasted as one line every evidence is on line 1; the column is what locates it.

A quote may run on over the next lines (a title on two lines) and a composed quote
(落款: issuer and date, the date written as an ISO date) is found piece by piece.
A quote that cannot be found keeps its text and gets no column.
"""
from __future__ import annotations

import bisect
import dataclasses
from . import rx as re

from .model import Document, Evidence, ItemResult
from .outline.common import clone
from .normalize import MARK, cn_number, cn_year, fold_marked, normalize_chars

ELLIPSIS = "…"
SIGNATURE = "(落款)"               # the judge's section label for the signature
_RUN_ON = 2                        # lines after the cited one a quote may run on into
_MAX_PLACES = 200                  # places of a composed quote's first piece tried
_CLOSE = 6                         # pieces this close on one line are quoted as one stretch
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATES = (re.compile(r"(\d{4})(?:年|\.|-|/)(\d{1,2})(?:月|\.|-|/)(\d{1,2})日?"),
          re.compile(r"([〇○零一二三四五六七八九O]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"))


@dataclasses.dataclass
class _Line:
    """One line's matching form: its normalised characters without spaces, and where the
    left-out characters were (normalize_chars)."""
    text: str
    gaps: list[int]

    def at(self, i: int) -> int:
        """Position in the line as read of matching character i."""
        return i + bisect.bisect_right(self.gaps, i) if self.gaps else i


def _matching_form(line: str) -> _Line:
    return _Line(*normalize_chars(line))


@dataclasses.dataclass
class _Window:
    """A cited line and the lines a quote may run on into, as one matching text."""
    text: str
    first: int                       # length of the cited line's part
    starts: list[int]                # offset in `text` where each line begins
    lines: list[int]                 # 0-based line index of each part
    forms: list[_Line]

    def at(self, i: int) -> tuple[int, int]:
        """(line, position in the line as read) of matching offset i."""
        j = bisect.bisect_right(self.starts, i) - 1
        return self.lines[j], self.forms[j].at(i - self.starts[j])


def _date_value(text: str) -> tuple[int, int, int] | None:
    m = _ISO.fullmatch(text) or _DATES[0].fullmatch(text)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = _DATES[1].fullmatch(text)
    if m:
        y, mo, d = cn_year(m.group(1)), cn_number(m.group(2)), cn_number(m.group(3))
        if y and mo and d:
            return y, mo, d
    return None


class _Anchorer:
    def __init__(self, doc: Document, matching: Document) -> None:
        self.doc, self.matching = doc, matching
        self._forms: dict[int, _Line] = {}
        self._windows: dict[int, _Window] = {}
        self._dates: dict[int, list[tuple[int, int, tuple[int, int, int] | None]]] = {}
        self._keys: dict[str, str] = {}      # a quote or section title -> its matching text

    def key(self, text: str) -> str:
        """The matching text of a quote or a section title (memo for one report: the
        same titles and quotes come back for many items)."""
        k = self._keys.get(text)
        if k is None:       # normalize_chars' text, without the gaps a quote never needs
            k = self._keys[text] = fold_marked(text).replace(MARK, "")
        return k

    def form(self, k: int) -> _Line:
        """Matching form of 0-based line k (from the folded line, same length)."""
        if k not in self._forms:
            self._forms[k] = _matching_form(self.matching.lines[k])
        return self._forms[k]

    def window(self, k: int) -> _Window:
        """Line k and the lines it may run on into."""
        if k not in self._windows:
            lines = list(range(k, min(k + 1 + _RUN_ON, len(self.doc.lines))))
            forms = [self.form(j) for j in lines]
            starts, n = [], 0
            for f in forms:
                starts.append(n)
                n += len(f.text)
            self._windows[k] = _Window("".join(f.text for f in forms), len(forms[0].text),
                                       starts, lines, forms)
        return self._windows[k]

    def original(self, win: _Window, a: int, b: int) -> str:
        """The characters as read from matching offsets a..b-1; a line break is shown
        as one space (a title or a signature over two lines)."""
        (l0, p0), (l1, p1) = win.at(a), win.at(b - 1)
        if l0 == l1:
            return self.doc.lines[l0][p0:p1 + 1]
        parts = [self.doc.lines[l0][p0:]]
        parts.extend(self.doc.lines[j] for j in range(l0 + 1, l1))
        parts.append(self.doc.lines[l1][:p1 + 1])
        return " ".join(p.strip() for p in parts if p.strip())

    def find(self, text: str, k: int, after: int = 0, anywhere: bool = False,
             last: bool = False) -> tuple[int, int] | None:
        """(start, end) of `text` in the window of line k at or after matching offset
        `after`, starting in line k itself unless `anywhere`; the last such place with
        `last` (a signature is at the end of a report pasted as one line)."""
        key = self.key(text)
        if not key:
            return None
        win = self.window(k)
        if last:
            i = win.text.rfind(key, after, win.first + len(key) - 1)
        else:
            i = win.text.find(key, after)
        if i < 0 or i >= win.first and not anywhere:
            return None
        return i, i + len(key)

    def find_date(self, value: tuple[int, int, int], k: int, after: int) -> tuple[int, int] | None:
        """The first date of that value in the window of line k at or after `after`."""
        if k not in self._dates:
            text = self.window(k).text
            self._dates[k] = sorted((m.start(), m.end(), _date_value(m.group(0)))
                                    for pat in _DATES for m in pat.finditer(text))
        for a, b, v in self._dates[k]:
            if a >= after and v == value:
                return a, b
        return None

    def section_start(self, ev: Evidence, line: str) -> int:
        """Where the cited section's heading is in `line`, the matching text of the
        cited line (one-line reports hold every heading), so a passage repeated earlier
        in the line is not taken for the quote."""
        if not ev.section or ev.section.startswith("("):
            return 0
        key = self.key(ev.section)
        i = line.find(key) if key else -1
        return max(i, 0)

    def anchor(self, ev: Evidence) -> Evidence:
        k = ev.line - 1
        if not ev.text or not 0 <= k < len(self.doc.lines):
            return ev
        return self.anchor_in_line(ev, k) or self.anchor_in_window(ev, k)

    def anchor_in_line(self, ev: Evidence, k: int) -> Evidence | None:
        """The common case, quickly: the quote as it stands, found inside line k at or
        after its section's heading, without building the window of the lines it may run
        on into. `anchor_in_window` would find the same place (its window begins with
        line k, so the first place at or after that offset is this one) and quote the
        same characters; None for anything else, which it decides. A signature wants
        the last place, so it is left to it."""
        if ev.section == SIGNATURE:
            return None
        form = self.form(k)
        key = self.key(ev.text)
        i = form.text.find(key, self.section_start(ev, form.text)) if key else -1
        if i < 0:
            return None
        a, b = form.at(i), form.at(i + len(key) - 1)
        return Evidence(ev.line, ev.section, self.doc.lines[k][a:b + 1], ev.location, a + 1)

    def anchor_in_window(self, ev: Evidence, k: int) -> Evidence:
        """Any quote: as it stands or without its ellipses, in the window of line k
        (running on into the next lines), else piece by piece."""
        win = self.window(k)
        text = ev.text
        lead = text.startswith(ELLIPSIS) and not text.startswith(ELLIPSIS * 2)
        tail = text.endswith(ELLIPSIS) and not text.endswith(ELLIPSIS * 2)
        trimmed = text[1 if lead else 0:len(text) - 1 if tail else len(text)]
        start = self.section_start(ev, self.form(k).text)
        last = ev.section == SIGNATURE
        tries = [(text, "", "")]
        if lead or tail:      # else the trimmed quote is the quote, already tried
            tries.append((trimmed, ELLIPSIS if lead else "", ELLIPSIS if tail else ""))
        for cand, pre, post in tries:
            span = self.find(cand, k, start, last=last) or (self.find(cand, k) if start else None)
            if span:
                quote = pre + self.original(win, *span) + post
                return Evidence(ev.line, ev.section, quote, ev.location, win.at(span[0])[1] + 1)
        return self.anchor_pieces(ev, k, win)

    def anchor_pieces(self, ev: Evidence, k: int, win: _Window) -> Evidence:
        """A composed quote ("issuer date"): each piece in order, a date by its value.
        Of the places the first piece stands in line k, the one where the rest follows
        most closely (the last of equals for a signature)."""
        pieces = ev.text.split()
        if len(pieces) < 2 and not (pieces and _date_value(pieces[0])):
            return ev
        best: list[tuple[int, int]] | None = None
        at = 0
        for _ in range(_MAX_PLACES):
            if (chain := self._chain(pieces, k, at)) is None:
                break
            if best is None or chain[-1][1] - chain[0][0] < best[-1][1] - best[0][0] or (
                    ev.section == SIGNATURE and
                    chain[-1][1] - chain[0][0] == best[-1][1] - best[0][0]):
                best = chain
            at = chain[0][0] + 1
        if best is None:
            return ev
        close = all(b[0] - a[1] <= _CLOSE and win.at(a[0])[0] == win.at(b[1] - 1)[0]
                    for a, b in zip(best, best[1:]))
        if close:             # one stretch of one line: quote it as written
            quote = self.original(win, best[0][0], best[-1][1])
        else:
            quote = " ".join(self.original(win, a, b) for a, b in best)
        return Evidence(ev.line, ev.section, quote, ev.location, win.at(best[0][0])[1] + 1)

    def _chain(self, pieces: list[str], k: int, at: int) -> list[tuple[int, int]] | None:
        """Spans of every piece in order, the first starting in line k at or after `at`."""
        spans: list[tuple[int, int]] = []
        for n, piece in enumerate(pieces):
            value = _date_value(piece)
            span = self.find_date(value, k, at) if value else None
            if span is None:
                span = self.find(piece, k, at, anywhere=n > 0)
            if span is None or n == 0 and span[0] >= self.window(k).first:
                return None
            spans.append(span)
            at = span[1]
        return spans


def anchor(doc: Document, matching: Document, items: list[ItemResult]) -> list[ItemResult]:
    """`items` with every evidence quoted from `doc` (the report as read) and located by
    column; `matching` is the folded Document the outline read (same line lengths)."""
    a = _Anchorer(doc, matching)
    return [clone(it, evidence=[a.anchor(ev) for ev in it.evidence])
            if it.evidence else it for it in items]
