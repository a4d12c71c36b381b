"""PDF reader (pdfminer.six) for PDFs with a text layer.

1. Open with an empty password; password-protected, damaged or over-long files
   (MAX_PAGES, MAX_SECONDS) are refused with one clear line.
2. Lay out each page with pdfminer's LAParams (no box-flow analysis: reports are one
   column), then group text lines sharing a baseline into rows, top to bottom; spaces
   pdfminer put between CJK characters are removed.
3. Drop page numbers ("- 3 -", "第3页", "3/10", bare digits) among the first/last rows of
   a page, and running headers/footers: rows repeating (digits ignored) at the top or
   bottom of most pages.
4. Rejoin rows wrapped inside a paragraph: a row joins the previous one unless the
   previous ends a sentence (。；：！？), ends short of the right margin, the row is
   indented (first-line indent), starts a heading (一、 （一） 1. ...), changes font size
   or follows a wider vertical gap. CJK joins without a space.

A PDF without any text (a scan) is refused: it needs OCR or the original docx.
`locations` label each line "p.3 ¶2" (page where the paragraph starts, its order there).
"""
from __future__ import annotations

import io
from .. import rx as re
import statistics
import time
from collections import Counter
from dataclasses import dataclass

from ..i18n import N_, _
from ..model import Document, LawcheckError
from ._common import CJK_CHARS, CJK_PUNCT, HEADING_START, one_line

MAX_PAGES = 500
MAX_SECONDS = 90.0
_HINT_RESAVE = N_("open it and export/print it to PDF again, or give the original docx")

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_~～·•\s]*\d{1,4}[-—–－_~～·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|[-—–－\s]*[〇一二三四五六七八九十百]{1,4}[-—–－\s]*)$", re.I)
_TERMINAL = "。；：！？!?;:"
_CLOSERS = "”’」』）)】》\"'"
_CID = re.compile(r"\(cid:\d+\)")


@dataclass
class _Row:
    text: str
    x0: float
    x1: float
    top: float          # distance from the page top (grows downwards)
    bottom: float
    size: float
    page: int           # 1-based
    left: float = 0.0   # the page's body left margin
    right: float = 0.0  # the page's body right margin
    pitch: float = 0.0  # the page's usual distance between row tops
    body: float = 0.0   # the document's body font size


# A space pdfminer inserted from the gap between glyphs (LTAnno), as opposed to a space
# character the PDF really draws: only inserted ones are dropped between CJK characters,
# so a term list "依法行政 法治思维" keeps its separators as in the txt/docx original.
_VIRTUAL = "\ue000"
_RUN = re.compile(f"[\\s{_VIRTUAL}]+")
_VIRTUAL_IN_CJK = re.compile(f"(?<=[{CJK_CHARS}{CJK_PUNCT}]){_VIRTUAL}(?=[{CJK_CHARS}{CJK_PUNCT}])")


def _clean(text: str) -> str:
    """Squeeze whitespace; drop inserted spaces between CJK, keep real ones (one each)."""
    text = _RUN.sub(lambda m: " " if m.group().strip(_VIRTUAL) else _VIRTUAL, text)
    return _VIRTUAL_IN_CJK.sub("", text).replace(_VIRTUAL, " ").strip()


def _lines_of(layout, height: float):
    """(text, x0, x1, top, bottom, size) for every horizontal text line on a page; text
    marks pdfminer's inserted spaces with _VIRTUAL."""
    from pdfminer.layout import LTAnno, LTChar, LTTextLineHorizontal

    stack = [layout]
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTTextLineHorizontal):
            text = "".join((_VIRTUAL if c.get_text() == " " else "")
                           if isinstance(c, LTAnno) else c.get_text() for c in obj)
            text = text.replace("\n", "").strip(_VIRTUAL)
            if text.strip():
                sizes = [c.size for c in obj if isinstance(c, LTChar)]
                size = statistics.median(sizes) if sizes else obj.height
                yield (text, obj.x0, obj.x1, height - obj.y1, height - obj.y0, size)
            continue
        try:
            stack.extend(reversed(list(obj)))
        except TypeError:
            pass


def _rows(lines, page: int) -> list[_Row]:
    """Group lines whose vertical middles are close into one row, left to right."""
    lines = sorted(lines, key=lambda t: ((t[3] + t[4]) / 2, t[1]))
    groups: list[list[tuple]] = []
    for ln in lines:
        mid = (ln[3] + ln[4]) / 2
        if groups:
            g = groups[-1]
            gmid = sum((x[3] + x[4]) / 2 for x in g) / len(g)
            if abs(mid - gmid) < 0.5 * max(ln[5], g[0][5]):
                g.append(ln)
                continue
        groups.append([ln])
    rows = []
    for g in groups:
        g.sort(key=lambda t: t[1])
        text = g[0][0]
        for prev, cur in zip(g, g[1:]):
            text += (_VIRTUAL if cur[1] - prev[2] > 0.5 * cur[5] else "") + cur[0]
        text = _clean(text)
        rows.append(_Row(text=text, x0=g[0][1], x1=max(t[2] for t in g),
                         top=min(t[3] for t in g), bottom=max(t[4] for t in g),
                         size=max(t[5] for t in g), page=page))
    return rows


def _geometry(pages: list[list[_Row]], widths: list[float]) -> None:
    """Body left/right margins (document-wide, robust to stray rows) and row pitch."""
    body = [r for rows in pages for r in rows if len(r.text) >= 8] or \
        [r for rows in pages for r in rows]
    if not body:
        return
    size = statistics.median(r.size for r in body) or 10.0
    bins = Counter(round(r.x0 / (size / 2)) for r in body)
    mode = bins.most_common(1)[0][0]
    left = min(r.x0 for r in body if round(r.x0 / (size / 2)) == mode)
    ends = sorted(r.x1 for r in body)
    right = ends[int(0.9 * (len(ends) - 1))]
    for rows, width in zip(pages, widths):
        tops = [r.top for r in rows]
        gaps = [b - a for a, b in zip(tops, tops[1:]) if b - a > 0]
        pitch = statistics.median(gaps) if gaps else size * 1.5
        for r in rows:
            r.left, r.right, r.pitch, r.body = left, min(right, width), pitch, size


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _strip_furniture(pages: list[list[_Row]], heights: list[float]) -> list[list[_Row]]:
    """Drop page numbers and running headers/footers."""
    out = []
    for rows in pages:
        edge = set(range(min(2, len(rows)))) | set(range(max(len(rows) - 2, 0), len(rows)))
        out.append([r for i, r in enumerate(rows)
                    if not (i in edge and len(r.text) <= 20 and _PAGE_NUMBER.match(r.text))])
    n = len(out)
    if n < 2:
        return out
    # counted per edge: a running header repeats at the tops of pages, a footer at the
    # bottoms; the issuer above the title (top of page 1) and in the signature (bottom of
    # the last page) is the same text at two different edges, and stays
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for rows in out:
        tops.update({_key(r.text) for r in rows[:3]})
        bottoms.update({_key(r.text) for r in rows[-3:]})
    need = max(2, (n + 1) // 2)
    cleaned = []
    for rows, height in zip(out, heights):
        keep = []
        for i, r in enumerate(rows):
            key = _key(r.text)
            repeated = (i < 3 and tops[key] >= need) or (i >= len(rows) - 3 and bottoms[key] >= need)
            in_margin = r.top < height * 0.12 or r.bottom > height * 0.88
            if repeated and (in_margin or n >= 3) and len(r.text) <= 60:
                continue
            keep.append(r)
        cleaned.append(keep)
    return cleaned


def _ends_sentence(row: _Row) -> bool:
    tail = row.text.rstrip(_CLOSERS) or row.text
    return tail[-1] in _TERMINAL


def _short(row: _Row) -> bool:
    return row.x1 < row.right - 2 * row.size


def _indented(row: _Row) -> bool:
    return row.x0 > row.left + 0.8 * row.size


def _uses_indent(rows: list[_Row]) -> bool:
    """Do paragraphs start with a first-line indent? Judged on the rows that follow a
    clear paragraph end (a short row ending a sentence)."""
    after = [b for a, b in zip(rows, rows[1:]) if _ends_sentence(a) and _short(a)]
    body = [b for b in after if not HEADING_START.match(b.text)]
    sample = body if len(body) >= 2 else after      # headings may be flush left
    return len(sample) >= 2 and sum(map(_indented, sample)) >= 0.6 * len(sample)


def _joins(prev: _Row, row: _Row, indent_convention: bool) -> bool:
    if HEADING_START.match(row.text):
        return False
    if abs(row.size - prev.size) > 0.2 * max(prev.size, 1):
        return False
    if row.page == prev.page and row.top - prev.top > 1.6 * max(prev.pitch, prev.size):
        return False
    if prev.size > 1.15 * prev.body and not _ends_sentence(prev) and row.page == prev.page:
        return True                                     # a title set over several lines
    if _indented(row) or _short(prev):
        return False
    # A full row ending a sentence followed by an unindented row: in a document whose
    # paragraphs are indented the sentence simply ended at the margin.
    return indent_convention or not _ends_sentence(prev)


def _has_image(layout, image_type) -> bool:
    stack = [layout]
    while stack:
        obj = stack.pop()
        if isinstance(obj, image_type):
            return True
        try:
            stack.extend(obj)
        except TypeError:
            pass
    return False


def _glue(a: str, b: str) -> str:
    """Join a wrapped row to its paragraph: CJK without a space, Latin words with one.
    Digits on both sides are one number the wrap split ("6|3个" -> "63个")."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum() \
            and not (a[-1].isdigit() and b[0].isdigit()):
        return a + " " + b
    return a + b


@dataclass
class _Laid:
    """Every page laid out: its rows (x from the page's left edge), height and width, and
    how many pages hold only images."""
    pages: list[list[_Row]]
    heights: list[float]
    widths: list[float]
    images: int = 0


def read(data: bytes, name: str) -> Document:
    """A PDF's text layer as paragraphs, each located "p.3 ¶2" (the steps are in the module
    docstring); a PDF that cannot be read as a report is refused with a LawcheckError."""
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    started = time.monotonic()
    doc = _open(data, name)
    _refuse_page_count(doc, name)
    laid = _lay_out(doc, name, started)
    warnings = _text_layer_warnings(laid, name)
    pages = _strip_furniture(laid.pages, laid.heights)
    _geometry(pages, laid.widths)
    lines, locations = _paragraphs([r for rows in pages for r in rows])
    return Document(path=name, format="pdf", encoding="pdf", lines=lines,
                    locations=locations, warnings=warnings)


def _damaged(name: str, exc: Exception) -> LawcheckError:
    """The refusal of a PDF pdfminer failed on, naming its error."""
    return LawcheckError(name, _("is a damaged PDF ({error})").format(
        error=f"{type(exc).__name__}: {one_line(exc, 60)}"), _(_HINT_RESAVE))


def _open(data: bytes, name: str):
    """The parsed PDFDocument, opened with an empty password; locked or damaged files are
    refused."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfexceptions import PDFNotImplementedError
    from pdfminer.pdfparser import PDFParser

    try:
        return PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect:
        raise LawcheckError(name, _("is a password-protected PDF"),
                            _("remove the password (or export it again) and retry")) from None
    except (PDFEncryptionError, PDFNotImplementedError) as exc:
        raise LawcheckError(name, _("is an encrypted PDF lawcheck cannot open ({error})").format(
            error=one_line(exc, 60)), _(_HINT_RESAVE)) from None
    except Exception as exc:
        raise _damaged(name, exc) from None


def _refuse_page_count(doc, name: str) -> None:
    """Refuse a PDF whose page tree declares more than MAX_PAGES pages, before laying out
    any of them."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(doc.catalog.get("Pages")).get("Count"))
    except Exception:
        count = None
    if isinstance(count, int) and count > MAX_PAGES:
        raise LawcheckError(name, _("has {count} pages, over the {limit}-page limit for one "
                                    "report").format(count=count, limit=MAX_PAGES),
                            _("check that this is the report you meant"))


def _lay_out(doc, name: str, started: float) -> _Laid:
    """Lay out every page into rows (step 2), within MAX_PAGES and MAX_SECONDS."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTImage
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    laparams = LAParams(line_overlap=0.5, char_margin=2.0, word_margin=0.2,
                        line_margin=0.5, boxes_flow=None, detect_vertical=False,
                        all_texts=True)
    rsrc = PDFResourceManager(caching=True)
    device = PDFPageAggregator(rsrc, laparams=laparams)
    interp = PDFPageInterpreter(rsrc, device)
    laid = _Laid(pages=[], heights=[], widths=[])
    try:
        for i, page in enumerate(PDFPage.create_pages(doc)):
            _refuse_at_page(name, i, started)
            interp.process_page(page)
            layout = device.get_result()
            x0, y0, x1, y1 = layout.bbox
            rows = _rows(list(_lines_of(layout, y1)), i + 1)
            if not rows and _has_image(layout, LTImage):
                laid.images += 1
            for r in rows:
                r.x0, r.x1 = r.x0 - x0, r.x1 - x0
            laid.pages.append(rows)
            laid.heights.append(y1 - y0)
            laid.widths.append(x1 - x0)
    except LawcheckError:
        raise
    except Exception as exc:
        raise _damaged(name, exc) from None
    return laid


def _refuse_at_page(name: str, i: int, started: float) -> None:
    """Stop before page i (0-based) past MAX_PAGES or once reading took MAX_SECONDS."""
    if i >= MAX_PAGES:
        raise LawcheckError(name, _("has more than {limit} pages, the limit for one "
                                    "report").format(limit=MAX_PAGES),
                            _("check that this is the report you meant"))
    if time.monotonic() - started > MAX_SECONDS:
        raise LawcheckError(name, _("took over {secs} s to read (stopped at page "
                                    "{page})").format(secs=int(MAX_SECONDS), page=i + 1),
                            _("export the report to docx or txt and check that"))


def _text_layer_warnings(laid: _Laid, name: str) -> list[str]:
    """Refuse a PDF with no pages, no text layer (a scan) or an undecodable one; warn about
    pages without text in an otherwise readable PDF."""
    pages = laid.pages
    if not pages:
        raise LawcheckError(name, _("is a PDF with no pages"), _(_HINT_RESAVE))
    chars = sum(len(r.text.replace(" ", "")) for rows in pages for r in rows)
    if chars < 20:
        what = N_("a scanned PDF (page images, no text layer)") if laid.images else \
            N_("a PDF with no text layer (a scan or an image-only export)")
        raise LawcheckError(name, _("is {what}").format(what=_(what)),
                            _("run OCR on it first, or give the original docx/txt"))
    cids = sum(len(_CID.findall(r.text)) for rows in pages for r in rows)
    if cids * 8 > chars:
        raise LawcheckError(name, _("has a text layer that cannot be decoded (its fonts "
                                    "carry no Unicode map)"),
                            _("give the original docx/txt, or OCR the PDF"))
    warnings: list[str] = []
    blank = [i + 1 for i, rows in enumerate(pages) if not rows]
    if blank and len(blank) < len(pages):
        shown = ", ".join(map(str, blank[:10])) + (" ..." if len(blank) > 10 else "")
        warnings.append(_("page(s) {pages} have no text layer (scanned?); their content "
                          "is not checked").format(pages=shown))
    return warnings


def _paragraphs(rows: list[_Row]) -> tuple[list[str], list[str]]:
    """Rejoin wrapped rows into paragraphs (step 4): the lines and their "p.3 ¶2"
    locations."""
    indent_convention = _uses_indent(rows)
    lines: list[str] = []
    locations: list[str] = []
    per_page: Counter[int] = Counter()
    prev: _Row | None = None
    for row in rows:
        if prev is not None and lines and _joins(prev, row, indent_convention):
            lines[-1] = _glue(lines[-1], row.text)
        else:
            per_page[row.page] += 1
            lines.append(row.text)
            locations.append(f"p.{row.page} ¶{per_page[row.page]}")
        prev = row
    return lines, locations
