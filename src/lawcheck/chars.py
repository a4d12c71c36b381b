"""Stage 1b, fold: Document -> the Document the outline reads (same lines, same lengths).

Two kinds of text look right on screen but match none of the rules' words:

- **Kangxi radicals and compatibility ideographs.** Text extracted from many government
  PDFs uses the radical code points (⼀ ⼈ ⾏ ⽇ ⼭, U+2F00–U+2FD5; ⻓ ⻔ ⺠ from the CJK
  Radicals Supplement, U+2E80–U+2EF3) or compatibility ideographs (U+F900–U+FAFF,
  U+2F800–U+2FA1F) where the ordinary characters were meant. Each is mapped to its
  ordinary twin, one code point for one: the Unicode compatibility mapping (NFKC of that
  one character) where Unicode gives one, and for the simplified radicals of the
  supplement, which have none, the ideograph they stand for (Unicode's CJKRadicals.txt).
  NFKC is never applied to the whole text: it would turn ① into 1, which headings use.
- **Traditional characters.** Several government sites serve a traditional-character
  version of the same report. When a real share of the text's ideographs is traditional
  only (outside GB2312, the simplified character set), every line is converted to
  simplified characters with OpenCC (Taiwan and Hong Kong variant forms included),
  imported only then, so a simplified report pays nothing. A line whose phrase-level
  conversion would change its length is converted character by character instead.

Every line keeps its length, so a position in a folded line is the same position in the
line as read: evidence is mapped back to the report's own characters by `anchor.py`.
Each fold adds a sentence to the Document's warnings.
"""
from __future__ import annotations

import dataclasses
import functools
from . import rx as re
import unicodedata

from .i18n import _
from .model import Document

# The simplified radicals of the CJK Radicals Supplement that stand for a whole character
# (CJKRadicals.txt); Unicode gives them no compatibility mapping. Component-only forms
# (⺅ ⺡ ⺘ …) never stand alone in prose and are left as they are.
_SUPPLEMENT = {
    "⺁": "厂", "⺇": "几", "⺎": "兀", "⺒": "巳", "⺓": "幺", "⺜": "日", "⺝": "月",
    "⺠": "民", "⺩": "王", "⺪": "疋", "⺬": "示", "⺶": "羊", "⻁": "虎", "⻄": "西",
    "⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻑": "長", "⻓": "长", "⻔": "门",
    "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食",
    "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦",
    "⻩": "黄", "⻪": "黾", "⻬": "齐", "⻮": "齿", "⻰": "龙", "⻱": "龜", "⻳": "龟",
}
_RADICAL_BLOCKS = ((0x2E80, 0x2EF3), (0x2F00, 0x2FD5), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))


@functools.cache
def radicals() -> dict[int, str]:
    """code point -> its ordinary twin, for every radical / compatibility ideograph that
    has one (built on first use: a report without any never pays for it)."""
    table: dict[int, str] = {}
    for lo, hi in _RADICAL_BLOCKS:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            folded = unicodedata.normalize("NFKC", ch)
            if folded != ch and len(folded) == 1:
                table[cp] = folded
    table.update({ord(k): v for k, v in _SUPPLEMENT.items()})
    return table


_RADICAL_RE = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufaff\U0002f800-\U0002fa1f]")
_CJK = re.compile(r"[\u4e00-\u9fff]+")

# A text is traditional when at least this share of its ideographs (and at least
# MIN_TRADITIONAL of them) lie outside GB2312. Simplified reports score 0.000 (a rare
# name character at most); traditional ones 0.33.
TRADITIONAL_SHARE = 0.05
MIN_TRADITIONAL = 2
_CONFIGS = ("tw2s.json", "hk2s.json")     # Taiwan, then Hong Kong variants; both do t2s
_converters: list | None = None


def fold_radicals(text: str) -> tuple[str, int]:
    """`text` with every Kangxi radical / compatibility ideograph replaced by its ordinary
    twin, and how many were replaced. Length-preserving."""
    candidates = _RADICAL_RE.findall(text)
    if not candidates:
        return text, 0
    table = radicals()
    found = sum(1 for ch in candidates if ord(ch) in table)
    return (text.translate(table), found) if found else (text, 0)


def traditional_share(text: str) -> tuple[float, int]:
    """(share, count) of the ideographs in `text` that are not in GB2312, the simplified
    character set: about a third in traditional text, none in simplified text."""
    ideographs = "".join(_CJK.findall(text))
    if not ideographs:
        return 0.0, 0
    outside = len(ideographs) - len(ideographs.encode("gb2312", "ignore")) // 2
    return outside / len(ideographs), outside


def is_traditional(text: str) -> bool:
    share, count = traditional_share(text)
    return count >= MIN_TRADITIONAL and share >= TRADITIONAL_SHARE


def _convert(text: str) -> str:
    global _converters
    if _converters is None:
        import opencc          # only for traditional text: simplified reports never load it
        _converters = [opencc.OpenCC(c) for c in _CONFIGS]
    for conv in _converters:
        text = conv.convert(text)
    return text


def to_simplified(lines: list[str]) -> list[str]:
    """Each line converted to simplified characters, each the same length as before:
    phrase-level conversion, or character by character for a line where a phrase would
    change the length."""
    converted = _convert("\n".join(lines)).split("\n")
    if len(converted) != len(lines):              # a converter touched a line break
        converted = [_convert(line) for line in lines]
    out = []
    for line, conv in zip(lines, converted):
        if len(conv) != len(line):
            conv = "".join(c if len(c := _convert(ch)) == 1 else ch for ch in line)
        out.append(conv)
    return out


def fold(doc: Document) -> Document:
    """The Document the outline reads: radicals folded, traditional text converted,
    every line the same length as in `doc`; a warning for each fold. `doc` itself is
    not changed (evidence is quoted from it)."""
    lines, warnings = doc.lines, list(doc.warnings)
    text = "\n".join(lines)
    n = 0
    if _RADICAL_RE.search(text):
        pairs = [fold_radicals(line) for line in lines]
        n = sum(k for _line, k in pairs)
    if n:
        lines = [line for line, _k in pairs]
        text = "\n".join(lines)
        warnings.append(_("{n} Kangxi-radical or compatibility character(s) (such as ⼈ for 人, "
                          "common in text extracted from PDF) were read as the ordinary "
                          "characters").format(n=n))
    if is_traditional(text):
        simplified = to_simplified(lines)
        changed = sum(1 for a, b in zip(lines, simplified) for x, y in zip(a, b) if x != y)
        lines = simplified
        warnings.append(_("the report is in traditional characters; {n} character(s) were "
                          "converted to simplified characters for matching (evidence quotes "
                          "the original)").format(n=changed))
    if lines is doc.lines:
        return doc
    return dataclasses.replace(doc, lines=lines, warnings=warnings)
