"""docx reader (python-docx): body paragraphs and tables in document order.

- The zip is checked first from its central directory (damaged, not a Word document,
  zip bomb) so nothing is decompressed blindly.
- The body XML is walked directly so tables stay where they are; a table row becomes one
  line, its cells joined with spaces. Content controls (w:sdt) are looked into.
- Word's automatic numbering (w:numPr on the paragraph or its style, numbering.xml with
  chineseCounting, decimal, decimalEnclosedCircle ... and lvlText such as "%1、",
  "（%1）") is rendered as the reader sees it, so a heading numbered by Word still starts
  with "一、". Bullets are dropped.
- Soft line breaks (Shift+Enter) start a new line: a heading after one must start its own
  line. Deleted tracked changes, hidden text and text boxes are left out.
- Headers, footers, footnotes and comments are not part of the report body and are skipped.

`locations` label each line with its paragraph ("¶12", counting non-empty paragraphs as
a reader would) or table cell row ("table 1 row 3").
"""
from __future__ import annotations

import io
import re
from typing import Any

from ..i18n import N_, _
from ..model import Document, LawcheckError
from ._common import one_line, open_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ODF_HINT = {"application/vnd.oasis.opendocument.text": N_("an OpenDocument text (.odt)"),
             "application/vnd.oasis.opendocument.spreadsheet": N_("an OpenDocument spreadsheet")}


# ---------------------------------------------------------------- number formats

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def _cn_count(n: int, digits: str = _CN_DIGITS, units: str = "十百千万",
              thousand: bool = False) -> str:
    """Chinese counting: 1 一, 10 十, 11 十一, 20 二十, 101 一百零一."""
    if n <= 0:
        return digits[0]
    if n >= 100000:
        return str(n)
    parts: list[str] = []
    zero = False
    for value, unit in ((10000, units[3]), (1000, units[2]), (100, units[1]),
                        (10, units[0]), (1, "")):
        d = n // value % 10
        if d:
            if zero and parts:
                parts.append(digits[0])
            parts.append(("" if d == 1 and value == 10 and not parts and not thousand
                          else digits[d]) + unit)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                       (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                       (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _letter(n: int) -> str:
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(n: int, base: int, upto: int, alt: str) -> str:
    return chr(base + n - 1) if 1 <= n <= upto else alt


def format_number(n: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalZero") or not fmt:
        return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
    if fmt in ("chineseCounting", "japaneseCounting", "taiwaneseCounting"):
        return _cn_count(n)
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand",
               "japaneseDigitalTenThousand"):
        return _cn_count(n)
    if fmt == "chineseLegalSimplified" or fmt == "japaneseLegal":
        return _cn_count(n, _CN_LEGAL, "拾佰仟万", thousand=True)
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12] if n > 0 else str(n)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n)
    if fmt == "lowerLetter":
        return _letter(n).lower()
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        if 1 <= n <= 20:
            return chr(0x2460 + n - 1)
        if 21 <= n <= 35:
            return chr(0x3251 + n - 21)
        if 36 <= n <= 50:
            return chr(0x32B1 + n - 36)
        return str(n)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20, f"({n})")
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20, f"{n}.")
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "ordinal":
        return f"{n}."
    return str(n)


# ---------------------------------------------------------------- numbering.xml

def _val(el, tag: str, default: str | None = None) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val", default) if child is not None else default


class _Numbering:
    """Counters for Word's automatic numbering, following numbering.xml."""

    def __init__(self, doc) -> None:
        self.abstract: dict[str, dict[int, dict]] = {}
        self.num_abstract: dict[str, str] = {}
        self.overrides: dict[str, dict[int, dict]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[tuple[str, int]] = set()
        self.style_num = _StyleNum(doc)
        try:
            part = doc.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            return
        root = part.element
        links: dict[str, str] = {}
        for ab in root.findall(W + "abstractNum"):
            aid = ab.get(W + "abstractNumId")
            self.abstract[aid] = {int(lvl.get(W + "ilvl", "0")): self._level(lvl)
                                  for lvl in ab.findall(W + "lvl")}
            link = _val(ab, "numStyleLink")
            if link:
                links[aid] = link
        for num in root.findall(W + "num"):
            nid = num.get(W + "numId")
            self.num_abstract[nid] = _val(num, "abstractNumId") or ""
            ov = {}
            for lo in num.findall(W + "lvlOverride"):
                ilvl = int(lo.get(W + "ilvl", "0"))
                lvl = lo.find(W + "lvl")
                entry: dict[str, Any] = {"level": self._level(lvl)} if lvl is not None else {}
                start = _val(lo, "startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    entry["start"] = int(start)
                ov[ilvl] = entry
            self.overrides[nid] = ov
        # numStyleLink: the abstract's levels live in the abstract of the style's list.
        for aid, style_id in links.items():
            nid = self.style_num.num_of_style(style_id)
            target = self.num_abstract.get(nid[0]) if nid else None
            if target and target in self.abstract and target != aid:
                self.abstract[aid] = self.abstract[target]

    @staticmethod
    def _level(lvl) -> dict:
        start = _val(lvl, "start", "1")
        return {"fmt": _val(lvl, "numFmt", "decimal"), "text": _val(lvl, "lvlText", ""),
                "start": int(start) if start and start.lstrip("-").isdigit() else 1,
                "legal": lvl.find(W + "isLgl") is not None,
                "suff": _val(lvl, "suff", "tab"),
                "restart": _val(lvl, "lvlRestart"), "style": _val(lvl, "pStyle")}

    def level_of_style(self, nid: str, style_id: str | None) -> int:
        """The level a list gives to a paragraph style (w:lvl/w:pStyle), else 0."""
        levels = self.abstract.get(self.num_abstract.get(nid, ""), {})
        for ilvl, lvl in levels.items():
            if style_id and lvl.get("style") == style_id:
                return ilvl
        return 0

    def _lvl(self, nid: str, ilvl: int) -> dict | None:
        ov = self.overrides.get(nid, {}).get(ilvl, {})
        if "level" in ov:
            return ov["level"]
        return self.abstract.get(self.num_abstract.get(nid, ""), {}).get(ilvl)

    def label(self, nid: str, ilvl: int) -> str:
        """Advance the list `nid` at level `ilvl` and return the text Word shows."""
        if nid in ("", "0") or nid not in self.num_abstract:
            return ""
        lvl = self._lvl(nid, ilvl)
        if lvl is None:
            return ""
        aid = self.num_abstract[nid]
        counters = self.counters.setdefault(aid, {})
        ov = self.overrides.get(nid, {}).get(ilvl, {})
        if "start" in ov and (nid, ilvl) not in self.started:
            self.started.add((nid, ilvl))
            counters[ilvl] = ov["start"] - 1
        counters[ilvl] = counters.get(ilvl, lvl["start"] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = (self._lvl(nid, deeper) or {}).get("restart")
            if restart is None or restart.isdigit() and int(restart) > ilvl:
                if restart != "0":
                    del counters[deeper]
        if lvl["fmt"] in ("bullet", "none"):
            return ""

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            klvl = self._lvl(nid, k) or {"fmt": "decimal", "start": 1}
            n = counters.get(k, klvl["start"])
            fmt = "decimal" if lvl["legal"] and klvl["fmt"] != "decimalZero" else klvl["fmt"]
            return format_number(n, fmt)

        text = re.sub(r"%([1-9])", sub, lvl["text"] or "")
        if text and lvl["suff"] != "nothing" and text[-1].isascii():
            text += " "
        return text


class _StyleNum:
    """numPr inherited from a paragraph style (Heading 1 numbered by its style)."""

    def __init__(self, doc) -> None:
        self.styles: dict[str, Any] = {}       # lxml elements (untyped)
        self.cache: dict[str, tuple[str, int | None] | None] = {}
        try:
            root = doc.styles.element
        except (AttributeError, KeyError, NotImplementedError):
            return
        for st in root.findall(W + "style"):
            if st.get(W + "type") == "paragraph":
                self.styles[st.get(W + "styleId")] = st

    def num_of_style(self, style_id: str | None,
                     depth: int = 0) -> tuple[str, int | None] | None:
        if not style_id or depth > 10 or style_id not in self.styles:
            return None
        if style_id in self.cache:
            return self.cache[style_id]
        st = self.styles[style_id]
        ppr = st.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        found = None
        if numpr is not None:
            nid = _val(numpr, "numId")
            ilvl = _val(numpr, "ilvl")
            if nid is not None:
                found = (nid, int(ilvl) if ilvl and ilvl.isdigit() else None)
        else:
            found = self.num_of_style(_val(st, "basedOn"), depth + 1)
        self.cache[style_id] = found
        return found


# ---------------------------------------------------------------- text

def _hidden(run) -> bool:
    rpr = run.find(W + "rPr")
    v = rpr.find(W + "vanish") if rpr is not None else None
    return v is not None and v.get(W + "val", "true") not in ("0", "false", "off")


def _para_text(p) -> list[str]:
    """A paragraph's visible text, split at soft line breaks."""
    parts: list[str] = [""]
    for el in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "sym", W + "noBreakHyphen"):
        tag = el.tag
        if _in_textbox(el, p) or _in_hidden_run(el):
            continue
        if tag == W + "t":
            parts[-1] += el.text or ""
        elif tag == W + "tab":
            parts[-1] += "\t"
        elif tag in (W + "br", W + "cr"):
            if el.get(W + "type") not in ("page", "column"):
                parts.append("")
        elif tag == W + "noBreakHyphen":
            parts[-1] += "-"
        elif tag == W + "sym":
            char = el.get(W + "char") or ""
            try:
                code = int(char, 16)
                parts[-1] += chr(code - 0xF000 if code >= 0xF000 else code)
            except ValueError:
                pass
    return [" ".join(s.split()) if "\t" in s else s.strip() for s in parts]


_SKIP_INSIDE = {W + "txbxContent", W + "moveFrom", W + "del"}


def _in_textbox(el, p) -> bool:
    """Inside a text box, or text a tracked change removed or moved away."""
    parent = el.getparent()
    while parent is not None and parent is not p:
        if parent.tag in _SKIP_INSIDE:
            return True
        parent = parent.getparent()
    return False


def _in_hidden_run(el) -> bool:
    parent = el.getparent()
    while parent is not None and parent.tag != W + "r":
        if parent.tag == W + "p":
            return False
        parent = parent.getparent()
    return parent is not None and _hidden(parent)


def _numbering_of(p, numbering: _Numbering) -> tuple[str, int] | None:
    ppr = p.find(W + "pPr")
    if ppr is None:
        return None
    numpr = ppr.find(W + "numPr")
    nid = ilvl = None
    if numpr is not None:
        nid = _val(numpr, "numId")
        ilvl = _val(numpr, "ilvl")
    style = _val(ppr, "pStyle")
    if nid is None:
        from_style = numbering.style_num.num_of_style(style)
        if from_style is None:
            return None
        nid = from_style[0]
        if ilvl is None and from_style[1] is not None:
            return nid, from_style[1]
    if ilvl is None or not ilvl.isdigit():
        return nid, numbering.level_of_style(nid, style)
    return nid, int(ilvl)


def _cell_text(tc) -> str:
    texts: list[str] = []
    for p in tc.iter(W + "p"):
        texts.extend(t for t in _para_text(p) if t)
    return " ".join(texts)


def _walk(parent, tags: tuple[str, ...], wrappers: tuple[str, ...]):
    """Children of `parent` with one of `tags`, looking through content controls
    (w:sdt → w:sdtContent) and other wrappers such as w:customXml."""
    for el in parent:
        if el.tag in tags:
            yield el
        elif el.tag in wrappers:
            content = el.find(W + "sdtContent") if el.tag == W + "sdt" else el
            if content is not None:
                yield from _walk(content, tags, wrappers)


def _blocks(parent):
    return _walk(parent, (W + "p", W + "tbl"), (W + "sdt", W + "customXml", W + "smartTag"))


def _rows(tbl):
    return _walk(tbl, (W + "tr",), (W + "sdt", W + "customXml"))


def _cells(tr):
    return _walk(tr, (W + "tc",), (W + "sdt", W + "customXml"))


def _check_container(data: bytes, name: str):
    zf = open_zip(data, name, "docx")
    names = set(zf.namelist())
    if "word/document.xml" in names or any(n.lower().endswith("document.xml") and
                                           n.lower().startswith("word/") for n in names):
        return
    if "mimetype" in names:
        try:
            mime = zf.read("mimetype")[:100].decode("ascii", "replace").strip()
        except Exception:
            mime = ""
        what = _ODF_HINT.get(mime) or N_("an OpenDocument file")
        what = _(what)
        raise LawcheckError(name, _("is {what}, not a Word .docx").format(what=what),
                            _("open it in WPS/LibreOffice and save it as .docx"))
    if any(n.startswith("xl/") for n in names):
        raise LawcheckError(name, _("is an Excel workbook, not a Word .docx"),
                            _("give the report itself as docx, pdf or txt"))
    if any(n.startswith("ppt/") for n in names):
        raise LawcheckError(name, _("is a PowerPoint file, not a Word .docx"),
                            _("give the report itself as docx, pdf or txt"))
    raise LawcheckError(name, _("is a zip archive but not a Word .docx"),
                        _("unpack it and check the report inside"))


def read(data: bytes, name: str) -> Document:
    _check_container(data, name)
    import zipfile
    import zlib

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = docx.Document(io.BytesIO(data))
        body = doc.element.body
        numbering = _Numbering(doc)
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, PackageNotFoundError) as exc:
        raise LawcheckError(name, _("is a damaged docx ({error})").format(error=one_line(exc, 80)),
                            _("open it in Word/WPS and save it again as .docx")) from None
    except ValueError as exc:
        msg = str(exc)
        if "content type" in msg and "macroEnabled" in msg:
            raise LawcheckError(name, _("is a macro-enabled Word file (.docm)"),
                                _("save it as a plain .docx")) from None
        raise LawcheckError(name, _("is not a readable docx ({error})").format(error=one_line(exc, 80)),
                            _("open it in Word/WPS and save it again as .docx")) from None
    except Exception as exc:   # lxml syntax errors and the like from a broken part
        raise LawcheckError(name, _("is a damaged docx ({error})").format(
            error=f"{type(exc).__name__}: {one_line(exc, 80)}"),
                            _("open it in Word/WPS and save it again as .docx")) from None

    lines: list[str] = []
    locations: list[str] = []
    warnings: list[str] = []
    para_no = table_no = 0
    for block in _blocks(body):
        if block.tag == W + "p":
            parts = _para_text(block)
            num = _numbering_of(block, numbering)
            label = numbering.label(*num) if num else ""
            if not any(parts):
                continue
            para_no += 1
            first = True
            for part in parts:
                if first and label:
                    part = label + part
                first = False
                if part:
                    lines.append(part)
                    locations.append(f"¶{para_no}")
        else:
            table_no += 1
            for row_no, tr in enumerate(_rows(block), 1):
                cells = [_cell_text(tc) for tc in _cells(tr)]
                text = " ".join(c for c in cells if c)
                if text:
                    lines.append(text)
                    locations.append(f"table {table_no} row {row_no}")
    if body.find(".//" + W + "ins") is not None or body.find(".//" + W + "del") is not None:
        warnings.append(_("the docx has tracked changes; read as if they were accepted"))
    if not lines:
        raise LawcheckError(name, _("has no text in its body"),
                            _("check that this is the report (text in text boxes or "
                              "images is not read)"))
    return Document(path=name, format="docx", encoding="docx", lines=lines,
                    locations=locations, warnings=warnings)
