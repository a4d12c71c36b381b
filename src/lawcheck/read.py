"""Stage 1, read: bytes of a report -> Document (decoded lines + provenance).

Plain text arrives in whatever encoding the drafting office used: UTF-8 with or without
BOM, GB18030/GBK, UTF-16 with a BOM (or without, detected by its NUL pattern). Other
formats (docx, pdf, html, md) are handled by `lawcheck.readers`, chosen by the file's
content first and its extension second, so a .txt that is really a docx still reads.

Input files are only ever opened for reading.
"""
from __future__ import annotations

import functools
import os
from . import rx as re
import stat
import sys

from .i18n import N_, _
from .model import Document, LawcheckError

MAX_BYTES = 50 * 1024 * 1024        # a report larger than this is not a report
# A long provincial report has ~50,000 characters; past a million the text is not one
# report, and the check's time (~6 s per million characters) must stay bounded.
MAX_CHARS = 1_000_000
TEXT_FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
                ".htm": "html", ".html": "html", ".xhtml": "html",
                ".docx": "docx", ".pdf": "pdf"}
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # .doc, .wps, .xls: compound files
SUPPORTED = ", ".join(sorted({v for v in TEXT_FORMATS.values()}))
# Report-like formats lawcheck cannot read: `lawcheck batch` lists such files as
# unreadable (never skips them in silence), and `lawcheck FILE` refuses them with one line
# unless the content is really a docx or pdf under another name.
UNREADABLE_FORMATS = {
    ".doc": N_("a legacy Word file (.doc)"), ".dot": N_("a legacy Word template (.dot)"),
    ".docm": N_("a macro-enabled Word file (.docm)"), ".dotx": N_("a Word template (.dotx)"),
    ".dotm": N_("a Word template (.dotm)"), ".wps": N_("a WPS Writer file (.wps)"),
    ".wpt": N_("a WPS Writer template (.wpt)"), ".rtf": N_("a Rich Text file (.rtf)"),
    ".odt": N_("an OpenDocument text file (.odt)"), ".ott": N_("an OpenDocument template (.ott)"),
    ".pages": N_("an Apple Pages file (.pages)"), ".ofd": N_("an OFD fixed-layout file (.ofd)"),
    ".uof": N_("a UOF office file (.uof)"), ".uot": N_("a UOF text file (.uot)"),
    ".xps": N_("an XPS document (.xps)"), ".oxps": N_("an XPS document (.oxps)"),
    ".ceb": N_("a CEB e-document (.ceb)"), ".caj": N_("a CAJ document (.caj)"),
    ".wri": N_("a Write document (.wri)"), ".hwp": N_("a Hangul document (.hwp)"),
    ".epub": N_("an e-book (.epub)"),
}


def _give_as() -> str:
    return _("give a report as {formats}").format(formats=SUPPORTED)


def _binary(name: str) -> LawcheckError:
    return LawcheckError(name, _("is not text (binary content such as an image, an archive "
                                 "or random bytes)"), _give_as())




def read_path(path: str, max_bytes: int = MAX_BYTES) -> Document:
    """Read a report from a path ('-' is standard input)."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "-"
    else:
        shown = display_name(path)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise LawcheckError(shown, _("no such file"), _("check the path")) from None
        except OSError as exc:
            raise LawcheckError(shown, _("cannot be read ({reason})").format(reason=exc.strerror),
                                _("check the path and its permissions")) from None
        if stat.S_ISDIR(st.st_mode):
            raise LawcheckError(shown, _("is a folder, not a report"),
                                _("name a file, or use `lawcheck batch` for folders"))
        if not stat.S_ISREG(st.st_mode):
            # Checked by type before opening: a FIFO would block the check (and a batch
            # worker) forever, a device would never end.
            raise LawcheckError(shown, _("is not a regular file (a FIFO, device or socket)"),
                                _("save the report as a file and name that file"))
        size = st.st_size
        path_for_open, path = path, shown
        if size > max_bytes:
            raise LawcheckError(path, _("is {size} MiB, over the {limit} MiB limit for one "
                                        "report").format(size=size // (1024 * 1024),
                                                         limit=max_bytes // (1024 * 1024)),
                                _("check that this is the report you meant"))
        try:
            with open(path_for_open, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise LawcheckError(path, _("cannot be read ({reason})").format(reason=exc.strerror),
                                _("check the path and its permissions")) from None
        name = path
    if len(data) > max_bytes:
        raise LawcheckError(name, _("is over the {limit} MiB limit for one report").format(
            limit=max_bytes // (1024 * 1024)), _("check that this is the report you meant"))
    return read_bytes(data, name)


def sniff_format(data: bytes, name: str) -> str:
    """The format by content (magic bytes) first, extension second."""
    head = data[:2048]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    ext = os.path.splitext(name)[1].lower()
    if ext in TEXT_FORMATS and TEXT_FORMATS[ext] not in ("pdf", "docx"):
        return TEXT_FORMATS[ext]
    if ext in (".pdf", ".docx"):
        # Extension promises a container the bytes are not: read it as what it is.
        return "txt"
    low = head.lstrip().lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<body" in low[:1024]:
        return "html"
    return "txt"


def read_bytes(data: bytes, name: str) -> Document:
    """Decode `data` (named `name` for messages and format sniffing) into a Document."""
    if not data.strip():
        raise LawcheckError(name, _("is empty"), _("export the report's text into the file"))
    if data.startswith(OLE2_MAGIC):
        raise LawcheckError(name, _("is a legacy Word/WPS binary file (.doc/.wps) or a "
                                    "password-protected Office file, which lawcheck cannot read"),
                            _("open it in Word or WPS and save it as .docx without a password "
                              "(or export PDF/txt)"))
    fmt = sniff_format(data, name)
    ext = os.path.splitext(name)[1].lower()
    if ext in UNREADABLE_FORMATS and fmt not in ("pdf", "docx", "html"):
        # a .doc that is really a docx, a pdf or a web page (Word's "save as web page") is
        # read as what it is; anything else under these suffixes is refused by name
        raise unreadable_format(name, ext)
    if fmt == "txt":
        text, encoding = decode_text(data, name)
        if not looks_like_text(text, soup=not encoding.startswith("utf-8")):
            raise _binary(name)
        doc = Document(path=name, format="txt", encoding=encoding, lines=split_lines(text))
    else:
        from . import readers  # imported lazily: docx/pdf/html libraries cost start-up time
        try:
            doc = readers.read(fmt, data, name)
        except LawcheckError:
            if ext in UNREADABLE_FORMATS:      # a .odt or .pages is a zip, but no docx
                raise unreadable_format(name, ext) from None
            raise
        if fmt in ("md", "html") and not looks_like_text("\n".join(doc.lines)):
            raise _binary(name)
        if doc.format == "docx":
            doc.data = data             # for the Word review copy (render/docx_.py)
    doc.lines = strip_controls(doc.lines, doc.warnings)
    if doc.chars > MAX_CHARS:
        raise LawcheckError(name, _("has {chars} characters, over the {limit}-character limit "
                                    "for one report").format(chars=f"{doc.chars:,}",
                                                             limit=f"{MAX_CHARS:,}"),
                            _("check that this is the report you meant"))
    if not any(line.replace("\ufeff", "").strip() for line in doc.lines):
        # Only a BOM, full-width spaces, UTF-16 blanks, or markup without text.
        raise LawcheckError(name, _("is empty (no text, only whitespace or markup)"),
                            _("export the report's text into the file"))
    return doc


def unreadable_format(name: str, ext: str) -> LawcheckError:
    """The error for a report in a format lawcheck cannot read (.doc, .wps, .rtf, …)."""
    what = _(UNREADABLE_FORMATS[ext]) if ext in UNREADABLE_FORMATS else ext
    return LawcheckError(name, _("is {what}, which lawcheck cannot read").format(what=what),
                         _("open it in Word or WPS and save it as .docx (or export PDF/txt)"))


# Control characters (C0 but TAB to CR: below a space) and characters no report uses
# (U+FFFD, DEL and C1 controls, private use, beyond the BMP), found in one scan and then
# told apart.
_ODD = re.compile("[\x00-\x08\x0e-\x1f\ufffd\x7f-\x9f\ue000-\uf8ff\U00010000-\U0010ffff]")
_HAN = re.compile("[\u4e00-\u9fff]")


@functools.cache
def everyday_chars() -> frozenset[str]:
    """Every character `_everyday` accepts, built once (a constant table, not a memo of
    any report) by decoding the two blocks' codes (rows B0-D7 of GB2312 with the last
    row ending at D7F9; Big5 A440-C67E): the soup test looks up its 500 characters
    instead of encoding each one twice (the same answer over the whole Han block:
    tests/test_read_everyday.py)."""
    def codes(leads: range, last: int, trails: bytes) -> bytes:
        out = bytearray()
        for lead in leads:
            row = trails if lead < last >> 8 else bytes(t for t in trails if t <= last & 0xFF)
            pairs = bytearray(2 * len(row))
            pairs[0::2], pairs[1::2] = bytes([lead]) * len(row), row
            out += pairs
        return bytes(out)
    gb = codes(range(0xB0, 0xD8), 0xD7F9, bytes(range(0xA1, 0xFF)))
    big5 = codes(range(0xA4, 0xC7), 0xC67E, bytes([*range(0x40, 0x7F), *range(0xA1, 0xFF)]))
    return frozenset(gb.decode("gb2312") + big5.decode("cp950"))


def _everyday(ch: str) -> bool:
    """GB2312 level 1 (3,755 simplified characters) or Big5's frequently used block
    (5,401 traditional, A440–C67E): the characters of everyday writing."""
    try:
        if 0xB0 <= ch.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("cp950")
        return 0xA440 <= (b[0] << 8 | b[1]) <= 0xC67E
    except (UnicodeEncodeError, IndexError):
        return False


def looks_like_text(text: str, soup: bool = False, sample: int = 20000) -> bool:
    """False for decoded bytes that are not writing: control characters (NUL runs, binary
    junk) or characters no report uses; with `soup`, also a CJK soup where everyday
    characters are rare (random bytes that happen to decode as GB18030 or Big5; valid
    UTF-8 never comes from random bytes, so UTF-8 text skips that check)."""
    s = text[:sample]
    n = len(s)
    odd = _ODD.findall(s)
    ctrl = sum(1 for ch in odd if ch < " ")
    if ctrl > max(2, n // 100) or len(odd) - ctrl > max(3, n // 20):
        return False
    if soup:
        han = _HAN.findall(s)[:500]
        if len(han) >= 30:
            everyday = everyday_chars()
            if sum(1 for ch in han if ch in everyday) < len(han) * 0.5:
                return False
    return True


# C0 controls except TAB, DEL and C1 controls (ESC starts terminal escape sequences: a
# report's title must not retitle the window or clear the screen when printed).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ESCAPE_SEQ = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")


def strip_controls(lines: list[str], warnings: list[str]) -> list[str]:
    """Lines without control characters and terminal escape sequences (text from a
    report is data); says so in `warnings` when any were removed."""
    if not _CONTROLS.search("\n".join(lines)):      # (a line break is none of them)
        return lines
    removed = 0
    out = []
    for line in lines:
        clean = _CONTROLS.sub("", _ESCAPE_SEQ.sub("", line))
        removed += len(line) - len(clean)
        out.append(clean)
    warnings.append(_("removed {n} control characters (terminal escape sequences or binary "
                      "debris) from the text").format(n=removed))
    return out


def display_name(path: str) -> str:
    """A file name safe to print and to write into UTF-8 outputs: bytes that are not
    UTF-8 (kept by Python as surrogates) become U+FFFD, control characters are dropped."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        path = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROLS.sub("", path) if _CONTROLS.search(path) else path


def split_lines(text: str) -> list[str]:
    """Lines as an editor shows them: CRLF, CR and LF all end a line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# The control bytes _looks_binary counts: below TAB, and between CR and space.
_CTRL_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" not in sample:
        ctrl = len(sample) - len(sample.translate(None, _CTRL_BYTES))   # counted in C
        return ctrl > len(sample) * 0.05
    return True


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no BOM shows NULs in every other byte for ASCII, and for CJK text
    decodes to mostly CJK; try both byte orders."""
    if len(data) < 4 or len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        good = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or ch.isascii() and
                   (ch.isprintable() or ch in "\r\n\t"))
        if good >= len(text) * 0.9:
            return text
    return None


def _common_share(text: str) -> float:
    """Share of the non-ASCII characters that are everyday text: the frequent hanzi of
    GB2312 (level 1) or Big5 (level 1), or CJK punctuation and full-width forms."""
    n = common = 0
    for ch in text:
        if ch.isascii() or ch.isspace():
            continue
        n += 1
        if "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’…—·" \
                or _everyday(ch):
            common += 1
    return common / n if n else 1.0


_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def _big5_instead(data: bytes, gb_text: str) -> tuple[str, str] | None:
    """Big5 (cp950) bytes of a traditional-character report often decode as GB18030 too,
    into nonsense full of rare characters, symbols and private-use code points. When the
    GB18030 reading has many characters outside GB2312 and the Big5 reading is clearly
    more everyday text, the file is Big5. Simplified GBK text never gets here."""
    from .chars import traditional_share
    if traditional_share(gb_text)[0] < 0.05 and not _PRIVATE_USE.search(gb_text):
        return None
    best, share = None, _common_share(gb_text) + 0.2
    for codec in ("cp950", "big5hkscs"):      # Microsoft's Big5, the Hong Kong set (has 〇)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if (s := _common_share(text)) > share:
            best, share = text, s
    return (best, "big5") if best is not None else None


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode plain text; returns (text, encoding name). Raises LawcheckError for binary."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            # Truncated (odd length) or a broken surrogate pair: keep what decodes, unless
            # most of it does not, which is a binary file that happens to start with FF FE.
            text = data.decode("utf-16", errors="replace")
            if text.count("\ufffd") > 2 + len(text) // 100:
                raise _binary(name) from None
            return text, "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:8192]:
        text16 = _utf16_without_bom(data)
        if text16 is not None:
            return text16, "utf-16"
        raise _binary(name)
    if _looks_binary(data):
        raise _binary(name)
    # GB18030 is a superset of GBK and GB2312 and the usual encoding of Chinese
    # government text that is not UTF-8: try it strictly before guessing.
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        return _big5_instead(data, text) or (text, "gb18030")
    for codec in ("big5",):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes  # only for the rare undecidable case
    best = from_bytes(data).best()
    if best is None:
        raise LawcheckError(name, _("is not text in any encoding lawcheck recognises"),
                            _("save it as UTF-8 text or give the docx/pdf"))
    return str(best), best.encoding
