"""Document tail pass: the lines after the report's text — its signature (issuing body
and date), and the 附件 lists, publication notes and copy-to lines an official document
carries after it — told apart from the body."""
from __future__ import annotations

from dataclasses import dataclass

from .. import rx as re
from ..model import Signature
from ..normalize import cn_number, cn_year
from .common import CN_DATE, DATE, ORG_SUFFIX, Line
from .markers import heading_marker


@dataclass(frozen=True)
class Tail:
    """The signature found at the end (or None), and the body lines without it; the 附件
    etc. lines that followed it stay, after the body."""
    signature: Signature | None
    lines: list[Line]
    # index in `lines` where the 附件/抄送/印发 lines after the signature begin (len(lines)
    # when there are none): attachment titles ("2.…整改清单") are not headings
    after_from: int = 0


def document_tail(body: list[Line]) -> Tail:
    """Find the signature above any 附件/抄送 lines at the end of `body`."""
    text, after = split_document_tail(body)
    signature, text = find_signature(text)
    # 附件 lists etc. stay in the text, after the signature
    return Tail(signature, text + after, len(text))


# Lines an official document may carry after its signature: 附件 lists, publication
# notes, copy-to lines.
_TAIL_LINE = re.compile(r"^(附件|\(此件|此件|抄送|抄报|印发|联系人|联系电话|\(联系人)|^\d{1,2}[.、]\s*《")


# A copy-to or printing line (its list of bodies may end in 。 when a page glued it on).
_COPY_TO = re.compile(r"抄送|抄报|印发$")


def split_document_tail(body: list[Line]) -> tuple[list[Line], list[Line]]:
    """Separate the trailing 附件/此件公开发布/抄送 lines so the signature above them is found."""
    # an 附件 block: everything from a short "附件" line near the end is attachment titles
    attachments: list[Line] = []
    for k in range(len(body) - 1, max(-1, len(body) - 16), -1):
        if body[k].text.startswith("附件") and len(body[k].text) <= 200 and \
                all(len(ln.text) <= 200 and ("。" not in ln.text or _COPY_TO.search(ln.text))
                    for ln in body[k:]):
            body, attachments = body[:k], body[k:]
            break
    end = len(body)
    while end > 0 and len(body[end - 1].text) <= 120 and _TAIL_LINE.search(body[end - 1].text):
        end -= 1
    return body[:end], body[end:] + attachments


def find_signature(body: list[Line]) -> tuple[Signature | None, list[Line]]:
    """Find the issuing unit and date at the end; returns (signature, body without it)."""
    if not body:
        return None, body
    tail = body[-4:]
    date = issuer = None
    date_line = issuer_line = None
    cut = len(body)
    for k in range(len(tail) - 1, -1, -1):
        ln = tail[k]
        text = ln.text
        if len(text) > 60:
            break
        m = DATE.search(text) or CN_DATE.search(text) or _MONTH_ONLY.search(text)
        if m and date is None and len(text) - len(m.group(0)) <= 40:
            date = _iso_date(m)
            date_line = ln.line
            before = text[:m.start()].strip()
            if before and ORG_SUFFIX.search(before):
                issuer, issuer_line = before, ln.line
            cut = len(body) - len(tail) + k
            continue
        if issuer is None and len(text) <= 40 and ORG_SUFFIX.search(text) and \
                not text.endswith(("。", ":", ";")) and not heading_marker(text):
            issuer, issuer_line = text, ln.line
            cut = len(body) - len(tail) + k
            continue
        break
    if date is None and issuer is None:
        return None, body
    return Signature(issuer=issuer, date=date, line=issuer_line or date_line or 0), body[:cut]


# A signature dated by month only (2024年2月), at the end of its line: ISO year-month.
_MONTH_ONLY = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*$")


def _iso_date(m: re.Match[str]) -> str:
    if m.re is _MONTH_ONLY:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    if m.re is DATE:
        y, mo, d = (int(g) for g in m.groups())
    else:
        y = cn_year(m.group(1)) or 0
        mo = cn_number(m.group(2)) or 0
        d = cn_number(m.group(3)) or 0
        if not (y and mo and d):
            return m.group(0)
    return f"{y:04d}-{mo:02d}-{d:02d}"
