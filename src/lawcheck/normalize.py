"""Text normalisation used for matching (never for evidence line numbers).

Folds full-width ASCII (digits, letters, punctuation) to half-width, turns every odd
space (U+3000, NBSP, en/em spaces, tabs) into one ASCII space, drops zero-width
characters, and squeezes runs of spaces. Circled numbers (①) and CJK punctuation that
has no ASCII twin (。、“”《》) are kept: headings and book titles depend on them.
The same function normalises rule terms at load time, so a term always meets the text
in the same form.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

from . import rx as re

_TABLE: dict[int, str | None] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_TABLE.update({cp: " " for cp in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2004, 0x2005,
                                  0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F,
                                  0x205F, 0x0009, 0x000B, 0x000C)})
_TABLE.update({cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)})
_TABLE.update({0xFF5F: "(", 0xFF60: ")", 0x2014: "—", 0x2015: "—", 0xFE50: ",",
               0xFE51: "、", 0xFE52: ".", 0xFE54: ";", 0xFE55: ":", 0x2236: ":",
               0x3014: "[", 0x3015: "]", 0x2018: "‘", 0x2019: "’", 0x00B7: "·",
               0x30FB: "·", 0x2022: "·"})


def translator(table: Mapping[int, str | None]) -> Callable[[str], str]:
    """text.translate(table), done as one regex substitution of the characters the
    table changes: Chinese text has few of them, and str.translate pays a failed dict
    lookup for every character the table leaves alone (this is 2-3 times faster)."""
    chars = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(table)) + "]")
    to = {chr(cp): v or "" for cp, v in table.items()}

    def translate(text: str) -> str:
        return chars.sub(lambda m: to[m.group()], text)
    return translate


_SPACES = re.compile(r" {2,}")
# Letter-spaced CJK ("报 告", "法 治 政 府": justified titles in docx/pdf) is one word;
# spaces between longer CJK words are separators and stay.
_LETTER_SPACED = re.compile(r"(?:(?<=^)|(?<=[^\u4e00-\u9fff]))[\u4e00-\u9fff](?: [\u4e00-\u9fff]){2,}(?![\u4e00-\u9fff])")


def normalize(text: str) -> str:
    """Normalised form of one line of text (see module docstring)."""
    text = _translate(text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    # Stripped before the letter-spacing test (the same result: a letter-spaced run starts
    # and ends with an ideograph, and an edge is no ideograph as a space is not), so an
    # indented paragraph, the common case, skips it.
    text = text.strip()
    if " " in text and _two_spaced(text):
        text = _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)
    return text


def _two_spaced(text: str) -> bool:
    """Are two spaces two characters apart somewhere in `text` (as in every letter-spaced
    run, 报 告)? Looked for space by space: the letter-spacing pattern, with look-behinds
    first, is tried at every character of a line."""
    i = text.find(" ")
    while i >= 0:
        if text.startswith(" ", i + 2):
            return True
        i = text.find(" ", i + 1)
    return False


# normalize_chars: every character normalize() drops or turns into a space becomes a mark.
MARK = "\x00"
_POS_TABLE = {cp: (MARK if v is None or v == " " else v) for cp, v in _TABLE.items()}
_POS_TABLE[ord(" ")] = MARK
_translate = translator(_TABLE)
# `text` as normalize_chars folds it, a MARK where it leaves a character out (same length)
fold_marked = translator(_POS_TABLE)


def normalize_chars(text: str) -> tuple[str, list[int]]:
    """The characters of `text` as normalize() gives them, with every space left out,
    and where the left-out characters were, as `gaps`: for each (in order), how many kept
    characters stand before it. Kept character i stood at i + bisect_right(gaps, i) in
    `text` (used to find a normalised passage in the original line: anchor.py); a line
    seldom leaves out more than a space or two, so this is short where a list of every
    position would not be."""
    folded = fold_marked(text)
    gaps: list[int] = []
    j = folded.find(MARK)
    while j >= 0:
        gaps.append(j - len(gaps))
        j = folded.find(MARK, j + 1)
    return (folded.replace(MARK, "") if gaps else folded), gaps


CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> int | None:
    """Value of a Chinese numeral up to 99 (一, 十, 十二, 二十三); None if not one."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = CN_DIGITS.get(tens, None) if tens else 1
        o = CN_DIGITS.get(ones, None) if ones else 0
        if t is None or o is None:
            return None
        return t * 10 + o
    if len(text) == 1:
        return CN_DIGITS.get(text)
    return None


def cn_year(text: str) -> int | None:
    """A year written digit by digit in Chinese (二〇二五) -> 2025."""
    digits = [CN_DIGITS.get(ch) for ch in text]
    if len(digits) == 4 and all(d is not None for d in digits):
        return int("".join(str(d) for d in digits))
    return None
