"""One-line reports: whether the report was pasted as one (or a few) long lines, and
cutting such lines into fragments at heading starts and before a trailing signature,
date or 附件 list (every fragment keeps the number of the line it came from)."""
from __future__ import annotations

from .. import rx as re
from .common import Line
from .markers import ANY_MARKER, CN

# Mid-line heading starts, used only for reports pasted into one or few long lines.
_MIDLINE = re.compile(
    rf"(?<=[。;:!?”」])\s*(?=(?:[{CN}]{{1,2}}、|\([{CN}]{{1,2}}\)|\(\d{{1,2}}\)|[①-⑳]|\d{{1,2}}(?:[.、](?!\d)|\.(?=(?:19|20)\d\d年|\d{{3,}}[\u4e00-\u9fff]))|第[{CN}]{{1,2}}部分))"
    # a (一)/(二) sub-heading glued to a heading that has no punctuation of its own
    rf"|(?<=[\u4e00-\u9fff])(?=\((?:[{CN}]{{1,2}}|\d{{1,2}})\)[\u4e00-\u9fff])"
    # an indent left between two paragraphs joined into one line: 原因  一、存在的不足
    rf"|(?<=[\u4e00-\u9fff])\s+(?=(?:[{CN}]{{1,2}}、|\d{{1,2}}[.、](?!\d)|第[{CN}]{{1,2}}部分))")


_TRAILING_SIGNATURE = re.compile(
    r"(?<=[。!”])\s*(?=[^。,;:]{2,40}?(?:人民政府|政府|委员会|党委|办公室|办事处|管委会|局|厅|委|办|中心)\s*"
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九O]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)\s*$)")
_TRAILING_ATTACHMENTS = re.compile(r"(?<=[。!”日])\s*附件[::]")
_TRAILING_DATE = re.compile(
    r"(?<=[。!”])\s*(?=(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|"
    r"[〇○零一二三四五六七八九O]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)\s*$)")
_TRAILING_ISSUER = re.compile(
    r"(?<=[。!”])\s*(?=[^。,;:]{2,30}?(?:人民政府|街道办事处|办事处|委员会)\s*$)")
_SPLIT_SIGNATURE_DATE = re.compile(r"(?=\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$)")


def is_one_line(lines: list[Line]) -> bool:
    """A report pasted as one (or a few) long lines: headings hide inside the lines."""
    long_lines = sum(1 for ln in lines if len(ln.text) > 1500)
    packed = sum(1 for ln in lines if len(ln.text) > 300 and len(_MIDLINE.findall(ln.text)) >= 2
                 or len(lines) <= 3 and len(ANY_MARKER.findall(ln.text)) >= 2)
    return (packed > 0 and len(lines) <= 5) or (long_lines > 0 and long_lines >= len(lines) // 3)


def cut_lines(lines: list[Line]) -> list[Line]:
    """Long lines re-cut at heading starts and before a trailing signature; every piece
    keeps the line number it came from."""
    cut: list[Line] = []
    for ln in lines:
        cut.extend(Line(ln.line, f.strip()) for f in split_fragments(ln.text) if f.strip())
    return cut


def split_fragments(text: str) -> list[str]:
    """A normalised line of a one-line report cut into fragments: mid-line headings, then
    a trailing 附件 list and signature kept apart."""
    parts = [p for p in _MIDLINE.split(text) if p.strip()]
    parts, attachments = _set_aside_attachments(parts)
    if parts:
        parts[-1:] = _cut_signature(parts[-1])
    parts += attachments
    return parts or [text]


def _set_aside_attachments(parts: list[str]) -> tuple[list[str], list[str]]:
    """(parts, 附件 list at the end): an 附件 list (its items may already be cut apart) is
    kept aside so the signature before it is found."""
    for k in range(len(parts) - 1, max(-1, len(parts) - 12), -1):
        m = _TRAILING_ATTACHMENTS.search(parts[k])
        if m and m.start() > 0:
            return parts[:k] + [parts[k][:m.start()]], [parts[k][m.start():]] + parts[k + 1:]
    return parts, []


def _cut_signature(last: str) -> list[str]:
    """The last fragment cut before a trailing signature (issuer and date, issuer alone
    or date alone)."""
    pieces = _TRAILING_SIGNATURE.split(last)
    if len(pieces) == 2:
        return [pieces[0]] + [x for x in _SPLIT_SIGNATURE_DATE.split(pieces[1]) if x.strip()]
    for pat in (_TRAILING_ISSUER, _TRAILING_DATE):
        pieces = pat.split(last)
        if len(pieces) == 2 and pieces[1].strip():
            return [pieces[0], pieces[1]]
    return [last]
