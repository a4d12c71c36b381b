"""Markdown reader: decode like txt, then strip the markup line by line.

Line numbers must still match the .md file, so markup-only lines (code fences and
their contents, table separators, rules, link definitions, front matter) are blanked,
never deleted. Ordered-list numbers ("1. ") are kept: in a report they are headings.
"""
from __future__ import annotations

from .. import rx as re

from ..i18n import _
from ..model import Document, LawcheckError

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(?:\[[ xX]\]\s+)?")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_HTML_COMMENT = re.compile(r"<!--.*?-->")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_CODE = re.compile(r"`+([^`]*)`+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)")
_EM_UNDER = re.compile(r"(?<![_A-Za-z0-9])_(?=\S)(.+?)(?<=\S)_(?![_A-Za-z0-9])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HARD_BREAK = re.compile(r"(?:\\|\s{2,})$")


def inline(text: str) -> str:
    """Strip inline markup: images, links, code, emphasis, HTML tags, escapes."""
    text = _HTML_COMMENT.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _TAG.sub("", text)
    for _i in range(2):                  # ***x*** is strong inside em
        text = _STRONG.sub(r"\2", text)
        text = _EM_STAR.sub(r"\1", text)
    text = _EM_UNDER.sub(r"\1", text)
    text = _STRIKE.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    return text


def _table_row(line: str) -> str:
    row = line.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    cells = [inline(c.strip()) for c in re.split(r"(?<!\\)\|", row)]
    return " ".join(c for c in cells if c)


def strip_markdown(lines: list[str]) -> list[str]:
    out: list[str] = []
    fence: str | None = None
    in_front = bool(lines) and lines[0].strip() == "---"
    in_comment = False
    for i, raw in enumerate(lines):
        line = raw.rstrip("\n")
        if in_front:
            out.append("")
            if i > 0 and line.strip() in ("---", "..."):
                in_front = False
            continue
        if fence is not None:
            out.append("")
            m = _FENCE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                    and not line.strip()[len(m.group(1)):].strip():
                fence = None
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)
            out.append("")
            continue
        if in_comment:
            out.append("")
            if "-->" in line:
                in_comment = False
            continue
        if line.lstrip().startswith("<!--") and "-->" not in line:
            in_comment = True
            out.append("")
            continue
        if _RULE.match(line) or _LINK_DEF.match(line):
            out.append("")
            continue
        if _SETEXT.match(line) and out and out[-1].strip():
            out.append("")               # underline of a setext heading
            continue
        line = _QUOTE.sub("", line)
        m = _ATX.match(line)
        if m:
            out.append(inline(m.group(1)).strip())
            continue
        if "|" in line and line.strip().startswith("|") or _TABLE_SEP.match(line) \
                and "|" in line:
            out.append("" if _TABLE_SEP.match(line) else _table_row(line))
            continue
        line = _BULLET.sub(r"\1", line)
        line = _HARD_BREAK.sub("", line)
        out.append(inline(line))
    return out


def read(data: bytes, name: str) -> Document:
    from ..read import decode_text, split_lines
    text, encoding = decode_text(data, name)
    lines = strip_markdown(split_lines(text))
    if not any(line.strip() for line in lines):
        raise LawcheckError(name, _("has no text once its Markdown markup is removed"),
                            _("check that this is the report and not a template"))
    return Document(path=name, format="md", encoding=encoding, lines=lines)
