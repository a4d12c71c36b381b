"""Small helpers shared by the format readers (no third-party imports here)."""
from __future__ import annotations

import io
from .. import rx as re
import zipfile

from ..i18n import _
from ..model import LawcheckError

# CJK ideographs (basic + extension A + compatibility), the radicals PDF text extraction
# gives for them (⼈ ⻓: CJK Radicals Supplement, Kangxi radicals) and CJK/full-width
# punctuation.
CJK_CHARS = "\u2e80-\u2eff\u2f00-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014"
_CJK_RE = re.compile(f"[{CJK_CHARS}]")
_SPACE_IN_CJK = re.compile(
    f"(?<=[{CJK_CHARS}{CJK_PUNCT}])[ \t\u00a0]+(?=[{CJK_CHARS}{CJK_PUNCT}])")

_CN_NUM = "一二三四五六七八九十百零〇⼀⼆⼋⼗"     # with the Kangxi twins of 一 二 八 十
# A line that starts one of the report's numbered headings: 一、 （一） 1. （1） ① 第一章.
# "1." must not be followed by a digit so "2024.12" or "3.5亿元" are not headings.
HEADING_START = re.compile(
    rf"^\s*(?:[{_CN_NUM}]+[、.．]|[（(][{_CN_NUM}]+[）)]|\d{{1,3}}[、.．](?!\d)"
    rf"|[（(]\d{{1,3}}[）)]|[\u2460-\u2473\u2474-\u2487]|第[{_CN_NUM}\d]+[章节部分])")

# Zip containers (docx): refuse archives that would expand past these bounds.
MAX_UNCOMPRESSED = 200 * 1024 * 1024     # all members together
MAX_MEMBER_RATIO = 200                   # uncompressed / compressed for one member ...
RATIO_MIN_SIZE = 5 * 1024 * 1024         # ... once it expands past this size
MAX_MEMBERS = 10_000


def cjk_count(text: str) -> int:
    return len(_CJK_RE.findall(text))


def squeeze_cjk_spaces(text: str) -> str:
    """Drop spaces a layout engine put between CJK characters ("法 治" -> "法治")."""
    return _SPACE_IN_CJK.sub("", text)


def one_line(text: object, limit: int = 160) -> str:
    """An exception message fit for a one-line error: no newlines, bounded length."""
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def open_zip(data: bytes, name: str, what: str = "docx") -> zipfile.ZipFile:
    """Open a zip container safely: damaged archives and zip bombs become LawcheckError.

    Sizes come from the central directory, before any member is decompressed; a member
    that lies about its size fails its CRC/length check later and is reported as damaged.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise LawcheckError(name, _("is a damaged or truncated {what} (the zip archive cannot "
                                    "be opened)").format(what=what),
                            _("open it in Word/WPS and save it again as .{what}").format(what=what)) from None
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise LawcheckError(name, _("is a zip archive with {n} entries, too many for a "
                                    "{what}").format(n=len(infos), what=what),
                            _("check that this is the report you meant"))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_SIZE and ratio > MAX_MEMBER_RATIO:
            raise LawcheckError(name, _("looks like a zip bomb ({entry} expands {ratio}x to "
                                        "{size} MiB)").format(entry=info.filename, ratio=int(ratio),
                                                              size=info.file_size // (1024 * 1024)),
                                _("refusing to unpack it; check where the file came from"))
    if total > MAX_UNCOMPRESSED:
        raise LawcheckError(name, _("expands to {size} MiB, over the {limit} MiB limit for a "
                                    "{what}").format(size=total // (1024 * 1024),
                                                     limit=MAX_UNCOMPRESSED // (1024 * 1024), what=what),
                            _("refusing to unpack it; check that this is the report you meant"))
    return zf
