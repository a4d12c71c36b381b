"""The Word review copy (`--format docx -o 审阅稿.docx`): the report with a Word comment
(批注) for every applicable weak or missing item, and one summary comment on its first
paragraph.

- docx input: the same document (python-docx round trip; text, formatting, numbering,
  headers, existing comments untouched); comments are range markers around whole
  paragraphs plus a comment-reference run, nothing else is added to the body. A weak
  item's comment sits on the paragraph (or table cell) its first evidence line came
  from (the reader's `¶N` / `table T row R` location, checked against the text);
  a missing item's on the heading of the part where it belongs (see `_review`).
- txt, md, html, pdf input: a new document with the report's text, one paragraph per
  non-empty line, the title and section headings styled, the same comments.

The output is a binary format: `render_bytes`, never printed to a terminal. Comments
carry no date and the zip entries a fixed time, so the same input gives the same bytes.
"""
from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ..model import Document, Evidence, Failure, Report
from ._review import AUTHOR, INITIALS, comment_text, document_of, notes, span, summary_text

_SPACE = re.compile(r"\s+")


def render_bytes(reports: list[Report | Failure], **_: object) -> bytes:
    """The review copy of the one report in `reports` (ValueError when there is not
    exactly one: the CLI refuses several files before checking them)."""
    checked = [r for r in reports if isinstance(r, Report)]
    if len(checked) != 1:
        raise ValueError("--format docx writes the review copy of exactly one report")
    return review_copy(checked[0])


def review_copy(report: Report) -> bytes:
    src = document_of(report)
    if src is not None and src.format == "docx" and src.data:
        doc, para_of = _from_docx(src)
        _drop_own_comments(doc)      # a review copy checked again: replace, never pile up
    else:
        doc, para_of = _from_lines(report, src)
    if not para_of:
        raise ValueError(f"{report.file}: no paragraph to anchor comments on")
    first = min(para_of)
    _comment(doc, para_of[first][0], summary_text(report))
    for note in notes(report):
        cands = para_of.get(note.line) if note.line else None
        if cands is None:
            cands = _nearest(para_of, note.line) if note.line else para_of[first]
        p = cands[0]
        quote = None
        if note.at_evidence:
            ev = next(e for e in note.item.evidence if e.line == note.line)
            quote = ev.text.strip("…")
            if len(cands) > 1:                            # a table row: the cited cell
                cited = _key(quote)[:12]
                p = next((c for c in cands if cited and cited in _key(_text(c))), p)
        _comment(doc, p, comment_text(note.item, note.at_evidence), quote)
    if report.previous is not None:
        # Last year's problems and plans, and what became of them, on the passage that
        # reports the rectification (else the first paragraph): a reviewer checking the
        # claim reads it where the claim is made.
        line = next((e.line for it in report.items if it.id == "structure.prior_rectification"
                     for e in it.evidence if e.line in para_of), first)
        _comment(doc, para_of[line][0], previous_text(report.previous))
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue())


# ---------------------------------------------------------------- anchors

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP = {_W + "del", _W + "moveFrom", _W + "txbxContent", _W + "pict", _W + "drawing"}


def _runs(p) -> list:
    """The paragraph's own runs in document order (not deleted text, not text boxes)."""
    out = []
    for r in p.iter(_W + "r"):
        parent, ok = r.getparent(), True
        while parent is not None and parent is not p:
            if parent.tag in _SKIP or parent.tag == _W + "r":
                ok = False
                break
            parent = parent.getparent()
        if ok:
            out.append(r)
    return out


_PROBLEM_CN = {"addressed": "已整改", "mentioned": "仅提及", "not_addressed": "未见整改"}
_PLAN_CN = {"done": "已落实", "mentioned": "仅提及", "not_found": "未见落实"}


def previous_text(comp) -> str:
    """The year-over-year table as comment text (a comment holds paragraphs, not tables):
    one line for each of last year's problems and plan measures with what became of it."""
    year = f"{comp.year}年度" if comp.year else "上一年度"
    out = [f"【上一年度对照】{year}报告（{comp.file}）"]
    for title, rows, names in (("所列问题", comp.problems, _PROBLEM_CN),
                               ("工作计划", comp.plans, _PLAN_CN)):
        if not rows:
            continue
        out.append(f"{year}报告{title}：")
        for i, c in enumerate(rows, 1):
            where = f"（见第{c.evidence[0].line}行）" if c.evidence else ""
            text = c.text if len(c.text) <= 40 else c.text[:40] + "…"
            out.append(f"{i}. {text} —— {names.get(c.status, c.status)}{where}")
    if comp.copied.passages:
        out.append(f"与{year}报告相同或几乎相同的句子{len(comp.copied.passages)}处，"
                   f"约占本报告文字的{comp.copied.share:.0%}。")
    return "\n".join(out)


def _comment(doc, p, text: str, quote: str | None = None) -> None:
    """Anchor a comment on the passage `quote` of paragraph `p` (a w:p element) when it
    can be found there in plain text runs (Word then highlights the cited sentence, not
    the whole paragraph), else on the whole paragraph."""
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    para = Paragraph(p, doc._body)
    runs = (_passage_runs(p, quote) if quote else None) or _runs(p)
    if not runs:
        runs = [p.add_r()]
    comment = doc.add_comment([Run(runs[0], para), Run(runs[-1], para)], text=text,
                              author=AUTHOR, initials=INITIALS)
    comment._comment_elm.date = None          # no timestamp: same input, same bytes


def _passage_runs(p, quote: str) -> list | None:
    """The runs that cover exactly `quote` in paragraph `p`, splitting the runs where it
    starts and ends; None when the quote is not found once in the paragraph's text or a
    boundary falls inside a run that holds more than one piece of text (a tab, a field)."""
    runs = _runs(p)
    texts = [_plain_run_text(r) for r in runs]
    whole = "".join(t or "" for t in texts)
    start = whole.find(quote)
    if start < 0 or not quote.strip() or whole.find(quote, start + 1) >= 0 or None in texts:
        return None
    end = start + len(quote)
    if start == 0 and end == len(whole):
        return None                           # the whole paragraph: anchor as before
    out, pos = [], 0
    for r, t in zip(runs, texts):
        lo, hi = pos, pos + len(t or "")
        pos = hi
        if hi <= start or lo >= end:
            continue
        if lo < start:                        # the quote starts inside this run
            r = _split_run(r, start - lo)
            lo = start
        if hi > end:                          # … and ends inside it
            _split_run(r, end - lo)
        out.append(r)
    return out or None


def _plain_run_text(r) -> str | None:
    """The text of a run made of properties and one w:t; None for any other run."""
    kids = [ch for ch in r if ch.tag != _W + "rPr"]
    if len(kids) == 1 and kids[0].tag == _W + "t":
        return kids[0].text or ""
    return "" if not kids else None


def _split_run(r, at: int):
    """Split plain-text run `r` at character `at`: `r` keeps the text before, a copy
    with the same properties inserted after it holds the rest; returns the copy."""
    import copy
    t = r.find(_W + "t")
    text = t.text or ""
    tail = copy.deepcopy(r)
    t.text = text[:at]
    tail_t = tail.find(_W + "t")
    tail_t.text = text[at:]
    for el in (t, tail_t):                    # keep edge spaces Word would drop
        el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.addnext(tail)
    return tail


def _drop_own_comments(doc) -> int:
    """Remove the comments an earlier lawcheck run left (author `AUTHOR`): their entries,
    their range markers and reference runs. A reviewer's or drafter's own comments are
    kept. Returns how many were removed."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    part = next((r.target_part for r in doc.part.rels.values()
                 if not r.is_external and r.reltype == RT.COMMENTS), None)
    if part is None:
        return 0
    ours = [c for c in part.element.iter(_W + "comment") if c.get(_W + "author") == AUTHOR]
    ids = {c.get(_W + "id") for c in ours}
    for c in ours:
        c.getparent().remove(c)
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        for el in list(doc.element.body.iter(_W + tag)):
            if el.get(_W + "id") not in ids:
                continue
            parent = el.getparent()
            parent.remove(el)
            # the run that only carried the reference mark goes with it
            if tag == "commentReference" and parent.tag == _W + "r" and \
                    all(ch.tag == _W + "rPr" for ch in parent):
                parent.getparent().remove(parent)
    return len(ours)


def _nearest(para_of: dict, line: int):
    """The paragraphs of the closest line at or before `line` (else the first)."""
    before = [k for k in para_of if k <= line]
    return para_of[max(before)] if before else para_of[min(para_of)]


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(_W + "t"))


def _key(text: str) -> str:
    from ..normalize import normalize
    return _SPACE.sub("", normalize(text))


def _from_docx(src: Document):
    """Open the original docx; map each line to the paragraph it was read from."""
    import docx
    from ..readers.docx import W, _blocks, _cells, _para_text, _rows

    assert src.data is not None                 # the caller checks src.data
    doc = docx.Document(io.BytesIO(src.data))
    by_loc: dict[str, list[Any]] = {}           # lxml elements (untyped)
    texts: list[tuple[str, Any]] = []
    para_no = table_no = 0
    for block in _blocks(doc.element.body):
        if block.tag == W + "p":
            parts = _para_text(block)
            if not any(parts):
                continue
            para_no += 1
            by_loc[f"¶{para_no}"] = [block]
            texts.append((_key("".join(parts)), block))
        else:
            table_no += 1
            for row_no, tr in enumerate(_rows(block), 1):
                cells = [p for tc in _cells(tr) for p in tc.iter(W + "p") if any(_para_text(p))]
                if cells:
                    by_loc[f"table {table_no} row {row_no}"] = cells
                    texts += [(_key(" ".join(_para_text(p))), p) for p in cells]
    para_of: dict[int, list] = {}
    locs = src.locations or []
    for i, line in enumerate(src.lines, 1):
        if not line.strip():
            continue
        key = _key(line)
        ps = by_loc.get(locs[i - 1]) if i <= len(locs) else None
        if ps is not None and len(ps) == 1 and not _plausible(key, ps[0], texts):
            ps = None
        if ps is None:                        # reader and writer disagree: find the text
            ps = [el for t, el in texts if _same(key, t)][:1] or None
        if ps:
            para_of[i] = ps
    return doc, para_of


def _plausible(key: str, p, texts) -> bool:
    return any(el is p and _same(key, t) for t, el in texts)


def _same(key: str, text: str) -> bool:
    """The line (`key`) was read from a paragraph with this text: the line is part of it
    (soft line breaks), or it is the paragraph's text after a numbering label Word draws."""
    return bool(key and text) and (key[-12:] in text or text in key)


def _from_lines(report: Report, src: Document | None):
    """A new document with the report's text, one paragraph per non-empty line."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    lines = src.lines if src is not None else []
    doc = docx.Document()
    _cjk_font(doc.styles["Normal"], "宋体", Pt(12), qn)
    # A heading line gets a heading style; a run-on heading (（一）落实…。镇党委…) is a
    # body paragraph whose first words are the heading.
    headings: dict[int, int] = {}
    runon: dict[int, int] = {}                 # line -> length of its bold heading words
    levels = sorted({s.level for s in report.sections})
    sized: dict[int, int] = {}
    for s in report.sections:
        if not 0 < s.line <= len(lines):
            continue
        text = lines[s.line - 1].strip()
        if s.line not in sized:
            sized[s.line] = len(_key(text))
        if sized[s.line] <= len(_key(s.title)) + 2:
            headings.setdefault(s.line, min(levels.index(s.level) + 1, 4))
        else:
            at = span(text, Evidence(s.line, "", s.title))
            if at and at[0] == 0:
                runon.setdefault(s.line, at[1])
    for n in range(1, 5):
        st = doc.styles[f"Heading {n}"]
        _cjk_font(st, "黑体", Pt({1: 16, 2: 14, 3: 13, 4: 12}[n]), qn)
        st.font.color.rgb = RGBColor(0, 0, 0)
    _cjk_font(doc.styles["Title"], "黑体", Pt(20), qn)
    doc.styles["Title"].font.color.rgb = RGBColor(0, 0, 0)
    from ._review import title_line
    title = title_line(report)
    sig = report.signature.line if report.signature else None
    para_of: dict[int, list] = {}
    for i, line in enumerate(lines, 1):
        text = line.strip()
        if not text:
            continue
        if i == title:
            para = doc.add_paragraph(text, style="Title")
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif i in headings:
            para = doc.add_paragraph(text, style=f"Heading {headings[i]}")
        else:
            if i in runon:
                para = doc.add_paragraph()
                para.add_run(text[:runon[i]]).bold = True
                para.add_run(text[runon[i]:])
            else:
                para = doc.add_paragraph(text)
            if sig and i >= sig and len(text) <= 40:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                para.paragraph_format.first_line_indent = Pt(24)
        para_of[i] = [para._p]
    if report.title:
        doc.core_properties.title = report.title
    return doc, para_of


def _cjk_font(style, name: str, size, qn) -> None:
    style.font.size = size
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _fixed_zip(data: bytes) -> bytes:
    """The same package with every entry dated 1980-01-01 (deterministic output)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            zout.writestr(fixed, zin.read(info.filename))
    return out.getvalue()
