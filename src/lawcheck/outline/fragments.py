"""One-line reports: whether the report was pasted as one (or a few) long lines, and
cutting such lines into fragments at heading starts and before a trailing signature,
date or 附件 list (every fragment keeps the number of the line it came from)."""
from __future__ import annotations

from .. import rx as re
from .common import Line
from .markers import ANY_MARKER, CN, MEASURE_CHARS, bare_heading
from .vocab import RoleVocabulary

# Mid-line heading starts, used only for reports pasted into one or few long lines.
_MIDLINE = re.compile(
    rf"(?<=[。;:!?”」])\s*(?=(?:[{CN}]{{1,2}}、|\([{CN}]{{1,2}}\)|\(\d{{1,2}}\)|[①-⑳]|\d{{1,2}}(?:[.、](?!\d)|\.(?=(?:19|20)\d\d年|\d{{3,}}[\u4e00-\u9fff]))|第[{CN}]{{1,2}}部分"
    # decimal outline numbers (3.1 乡镇…, 1.2.1 公布…), not amounts (3.2 万元)
    rf"|\d{{1,2}}\.\d{{1,2}}\.\d{{1,2}}(?![\d.%])|\d{{1,2}}\.\d{{1,2}}\s+(?=[^\s\d{MEASURE_CHARS}])))"
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
    r"(?<=[。!”])\s*(?=(?:[^。,;:]{2,30}?(?:人民政府|街道办事处|办事处|委员会)"
    # a department signs too (…已基本整改到位。江澜省交通运输厅): a short name, no figures
    r"|[\u4e00-\u9fff]{2,18}?(?:局|厅|委|办|中心|管委会|党委|政府))\s*$)")
_SPLIT_SIGNATURE_DATE = re.compile(r"(?=\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$)")


def is_one_line(lines: list[Line]) -> bool:
    """A report pasted as one (or a few) long lines: headings hide inside the lines."""
    long_lines = sum(1 for ln in lines if len(ln.text) > 1500)
    if long_lines and sum(len(ln.text) for ln in lines if len(ln.text) > 1500) >= \
            0.9 * sum(len(ln.text) for ln in lines):
        return True          # the report is the long line(s); the rest is page chrome left over
    if long_lines > 0 and long_lines >= len(lines) // 3:
        return True
    # a few lines that hide headings (looked for only then: the scan is slow)
    return len(lines) <= 5 and any(
        len(ln.text) > 300 and len(_MIDLINE.findall(ln.text)) >= 2
        or len(lines) <= 3 and len(ANY_MARKER.findall(ln.text)) >= 2 for ln in lines)


def cut_lines(lines: list[Line], vocab: RoleVocabulary | None = None) -> list[Line]:
    """Long lines re-cut at heading starts and before a trailing signature; every piece
    keeps the line number it came from."""
    cut: list[Line] = []
    for ln in lines:
        cut.extend(Line(ln.line, f.strip()) for f in split_fragments(ln.text, vocab) if f.strip())
    return cut


def split_fragments(text: str, vocab: RoleVocabulary | None = None) -> list[str]:
    """A normalised line of a one-line report cut into fragments: mid-line headings
    (numbered, or with `vocab` bare part headings glued after a sentence), then a
    trailing 附件 list and signature kept apart."""
    parts = [p for p in _MIDLINE.split(text) if p.strip()]
    if vocab is not None:
        parts = [f for p in parts for f in _split_bare(p, vocab)]
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


# A bare part heading glued between two sentences of a one-line report
# (…线上办案率达到92%。存在的不足和原因一是…): it ends on one of these words, and what
# follows does not continue it.
_BARE_END = re.compile(r"(情况|成效|成果|举措|措施|做法|不足|原因|打算|安排|计划|思路|问题|短板|差距|"
                       r"方向|重点|设想|规划|进展|弱项|困难|事项)$")
_NOT_BODY_START = re.compile(r"^(是|的|和|与|及|等|中|上|下|为|有|在|了|方面|主要|之|仍|还|较|不|报告|汇报|[,、。;])")
_BARE_STOP = re.compile(r"[,。;:!?“”\"《(]|[一二三四五六七八九十]是")


def _split_bare(text: str, vocab: RoleVocabulary) -> list[str]:
    """Cut `text` before and after every bare part heading glued after a sentence end or
    a colon (one-line reports): the longest run ending in a heading word that names a
    statutory part, followed by the start of a new sentence."""
    out: list[str] = []
    start = 0
    for m in re.finditer(r"(?<=[。!?:])", text):
        p = m.start()
        if p <= start or p >= len(text):
            continue
        stop = _BARE_STOP.search(text, p, p + 42)
        seg = text[p:stop.start() if stop else p + 40]
        best = 0
        for e in range(min(len(seg), 30), 3, -1):
            head = seg[:e]
            if _BARE_END.search(head) and len(seg) - e >= 0 and \
                    not _NOT_BODY_START.match(text[p + e:p + e + 2]) and bare_heading(head, vocab):
                best = e
                break
        if best:
            out.append(text[start:p])
            out.append(text[p:p + best])
            start = p + best
    out.append(text[start:])
    return [x for x in out if x.strip()]
