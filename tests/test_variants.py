"""Same verdicts whatever the wrapping.

Every fixture report is re-written in tmp_path as another encoding (UTF-8 with/without
BOM, GB18030, UTF-16 LE with BOM), other line endings (CRLF), other layout (full-width
indents and blank lines between paragraphs, the whole report on one line) and other
containers (docx with and without Word automatic numbering, pdf, a government html page,
md). The item statuses (id -> status) must equal those of the plain UTF-8 file.

The one-line form loses information the outline needs; the few (fixture, item) pairs that
differ there are listed in ONELINE_KNOWN, each with its diagnosis. Nothing else may differ.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

import helpers_formats as hf
from lawcheck.check import check_document
from lawcheck.read import read_path
from lawcheck.rules import load_pack

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))

_WS = " \t\u3000\u00a0"


def fixture_lines(name: str) -> list[str]:
    """The fixture's lines as the plain-text reader decodes them."""
    return read_path(str(FIXTURES / f"{name}.txt")).lines


def plain_text(name: str) -> str:
    return "\n".join(fixture_lines(name)) + "\n"


def _indented(text: str) -> str:
    """Full-width indent (　　) on every paragraph but the title, a blank line between
    paragraphs - the way reports are pasted from Word into a CMS or a .txt."""
    paras = [line.strip(_WS) for line in text.splitlines() if line.strip(_WS)]
    return "\n\n".join([paras[0]] + ["\u3000\u3000" + p for p in paras[1:]]) + "\n"


def _one_line(text: str) -> str:
    """All lines joined with no separator (what a CMS export sometimes produces)."""
    return "".join(line.strip(_WS) for line in text.splitlines())


# Every character that has a Kangxi-radical twin (U+2F00-U+2FD5) written as that twin, and
# the simplified radicals of the CJK Radicals Supplement PDFs use for 长 门 民 …, as text
# extracted from many government PDFs reads.
_TO_RADICAL = {unicodedata.normalize("NFKC", chr(cp)): chr(cp) for cp in range(0x2F00, 0x2FD6)}
_TO_RADICAL.update(dict(zip("长门民见车风飞马页黄齐西青", "⻓⻔⺠⻅⻋⻛⻜⻢⻚⻩⻬⻄⻘")))


def _kangxi(text: str) -> str:
    return "".join(_TO_RADICAL.get(ch, ch) for ch in text)


_S2T: dict = {}


def _traditional(text: str, config: str = "s2t") -> str:
    """The report in traditional characters (OpenCC s2t), as a government site serves it."""
    if config not in _S2T:
        import opencc
        _S2T[config] = opencc.OpenCC(f"{config}.json")
    return _S2T[config].convert(text)


# plain-text variants: the same text as other bytes
_TEXT_BYTES = {
    "utf8": lambda t: t.encode("utf-8"),
    "utf8-bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf16": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
}


def write_variant(kind: str, text: str, folder: Path) -> Path:
    """Write `text` as variant `kind` in `folder`; returns the file to check."""
    base = folder / f"r-{kind}"
    if kind in _TEXT_BYTES:
        p = base.with_suffix(".txt")
        p.write_bytes(_TEXT_BYTES[kind](text))
    elif kind == "indent":
        p = base.with_suffix(".txt")
        p.write_bytes(_indented(text).encode("utf-8"))
    elif kind == "oneline":
        p = base.with_suffix(".txt")
        p.write_bytes(_one_line(text).encode("utf-8"))
    elif kind == "kangxi":
        p = base.with_suffix(".txt")
        p.write_bytes(_kangxi(text).encode("utf-8"))
    elif kind == "traditional":
        p = base.with_suffix(".txt")
        p.write_bytes(_traditional(text).encode("utf-8"))
    elif kind == "big5":
        # Taiwan forms (OpenCC s2tw) in Big5 (Hong Kong set, which has 〇), as a .txt
        p = base.with_suffix(".txt")
        p.write_bytes(_traditional(text, "s2tw").encode("big5hkscs"))
    elif kind == "docx":
        p = hf.to_docx(text, base.with_suffix(".docx"))
    elif kind == "docx-numbered":
        p = hf.to_docx(text, base.with_suffix(".docx"), numbering=True)
    elif kind == "pdf":
        reason = hf.pdf_available()
        if reason:
            pytest.skip(reason)
        # pdfminer drops U+00B7 drawn with reportlab's non-embedded CID font (a test-tool
        # quirk, see docs/formats.md); a real PDF carries a ToUnicode map.
        p = hf.to_pdf(text.replace("·", ""), base.with_suffix(".pdf"))
    elif kind == "html":
        p = hf.to_html(text, base.with_suffix(".html"))
    elif kind == "html-gbk-br":
        p = hf.to_html(text, base.with_suffix(".htm"), encoding="gbk", br=True)
    elif kind == "md":
        p = hf.to_md(text, base.with_suffix(".md"))
    else:  # pragma: no cover
        raise ValueError(kind)
    return p


KINDS = ["utf8-bom", "gb18030", "utf16", "crlf", "indent", "oneline", "docx",
         "docx-numbered", "pdf", "html", "html-gbk-br", "md", "kangxi", "traditional", "big5"]

# The one-line form (every line break removed, nothing put in its place) gives the same
# verdicts for every real report: the outline re-cuts headings, sub-headings glued to an
# unpunctuated heading, 一是 points, titles and signatures. Only the stuffed fake, which has
# no sentence punctuation at all, loses its boundaries; it must still fail the gate.
_NO_PUNCT = ("principled: the stuffed fake has no sentence punctuation at all, so on one line "
             "there is no boundary left (no title, headings, signature); headings that made "
             "items weak are gone and the bare term lists are all that remains")
_GLUED_NO_MARK = ("principled: on one line a sub-heading with no punctuation of its own runs straight "
                  "into its first sentence ('(一)加强组织领导成立了以镇…'); where that sentence starts "
                  "with no usual opener, heading and body cannot be told apart, and a word of the "
                  "body is read as part of the heading")
# name -> (items allowed to differ, or None for any; reason; must the one-line form fail the gate?)
ONELINE_KNOWN: dict[str, tuple[set[str] | None, str, bool]] = {
    "stuffed-fake": ({"meta.signature", "meta.deadline", "structure.achievements",
                      "structure.shortcomings", "structure.causes",
                      "structure.plans", "governance.emergency", "governance.leadership_study",
                      "governance.legal_education", "disputes.mediation"}, _NO_PUNCT, True),
    "hetang-county-2024": ({"governance.emergency"}, _GLUED_NO_MARK, False),
    "junzhou-city-2024": ({"structure.prior_rectification"}, _GLUED_NO_MARK, False),
}


_PACK = None


def statuses(path: Path) -> dict[str, str]:
    global _PACK
    if _PACK is None:
        _PACK = load_pack()
    report = check_document(read_path(str(path)), _PACK)
    return {it.id: it.status for it in report.items}


_BASE: dict[str, dict[str, str]] = {}


def baseline(name: str, tmp_path: Path) -> dict[str, str]:
    if name not in _BASE:
        _BASE[name] = statuses(write_variant("utf8", plain_text(name), tmp_path))
    return _BASE[name]


def diff(a: dict[str, str], b: dict[str, str]) -> dict[str, tuple[str, str]]:
    return {k: (a.get(k), b.get(k)) for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", NAMES)
def test_same_verdicts(tmp_path, name, kind):
    base = baseline(name, tmp_path)
    got = statuses(write_variant(kind, plain_text(name), tmp_path))
    differ = diff(base, got)
    if kind == "oneline" and name in ONELINE_KNOWN:
        allowed, _reason, must_fail = ONELINE_KNOWN[name]
        # the list stays honest: an entry (or an item in it) that no longer differs is stale
        stale = (not differ) if allowed is None else sorted(allowed - set(differ))
        assert not stale, f"ONELINE_KNOWN[{name!r}] is stale: {stale or 'nothing differs'}; " \
                          "remove it"
        differ = {k: v for k, v in differ.items() if allowed is not None and k not in allowed}
        if must_fail:
            one = check_document(read_path(str(write_variant(kind, plain_text(name), tmp_path))),
                                 load_pack())
            assert not one.gate.passed and one.score < 40, "the one-line fake must still fail"
    assert differ == {}, f"{name} as {kind}: item -> (plain utf-8, {kind})"


def test_plain_utf8_equals_fixture(tmp_path):
    """The baseline itself: re-writing a fixture as plain UTF-8 LF changes nothing."""
    for name in NAMES:
        assert statuses(FIXTURES / f"{name}.txt") == baseline(name, tmp_path), name


# ---------------------------------------------------------------- locations

def _evidence(path: Path):
    report = check_document(read_path(str(path)), load_pack())
    return [ev for it in report.items for ev in it.evidence]


@pytest.mark.parametrize("kind,pattern", [("docx", r"¶\d+|table \d+ row \d+"),
                                          ("docx-numbered", r"¶\d+|table \d+ row \d+"),
                                          ("pdf", r"p\.\d+ ¶\d+")])
@pytest.mark.parametrize("name", ["province-2024", "town-short-2024", "county-merged-2023"])
def test_evidence_has_human_location(tmp_path, name, kind, pattern):
    path = write_variant(kind, plain_text(name), tmp_path)
    doc = read_path(str(path))
    assert doc.locations is not None and len(doc.locations) == len(doc.lines)
    evidence = _evidence(path)
    assert evidence, "a real report has evidence"
    for ev in evidence:
        assert ev.location is not None and re.fullmatch(pattern, ev.location), ev
        # the location is the reader's label for the evidence's line
        assert ev.location == doc.locations[ev.line - 1], ev
        assert ev.to_dict()["location"] == ev.location


def test_plain_text_evidence_has_no_location(tmp_path):
    for ev in _evidence(FIXTURES / "town-short-2024.txt"):
        assert ev.location is None and "location" not in ev.to_dict()


# ---------------------------------------------------------------- the report's own characters

@pytest.mark.parametrize("kind", ["traditional", "kangxi"])
@pytest.mark.parametrize("name", ["province-2024", "town-short-2024", "county-merged-2023"])
def test_evidence_quotes_the_report_as_written(tmp_path, name, kind):
    """Evidence of a traditional (or PDF-radical) report is quoted in its own characters,
    at the column where it stands in its line; the warning says what was folded."""
    path = write_variant(kind, plain_text(name), tmp_path)
    doc = read_path(str(path))
    report = check_document(doc, load_pack())
    evidence = [ev for it in report.items for ev in it.evidence]
    assert evidence
    for ev in evidence:
        assert ev.column is not None, ev
        line = doc.lines[ev.line - 1]
        head = ev.text.removeprefix("…").split(" ")[0].removesuffix("…")
        assert line[ev.column - 1:].startswith(head), (ev, line)
    quoted = "".join(ev.text for ev in evidence)
    if kind == "traditional":
        from lawcheck.chars import is_traditional
        assert is_traditional(quoted), quoted[:200]
        assert any("traditional characters" in w for w in report.warnings)
    else:
        assert sum(ch in _TO_RADICAL.values() for ch in quoted) > len(evidence)
        assert any("Kangxi-radical" in w for w in report.warnings)
