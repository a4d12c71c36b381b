"""Title pass: the head of the report above its body — the title (over a breadcrumb, a
column label or a page title with its site), the addressee or salutation, and a
reporting body printed under the title — and the body lines that follow it."""
from __future__ import annotations

from dataclasses import dataclass

from .. import rx as re
from .chrome import PageFacts
from .common import CRUMB, DATE, ORG_SUFFIX, TITLE_LABEL, YEAR, Line
from .markers import heading_marker

_LEADING_ADDRESSEE = re.compile(r"^((?:(?!报告|关于)[^。,:]){2,40}(?:委|政府|办公室|办|局|厅|部|院|委员会|常委会):)")
_ADDRESSEE = re.compile(r"^[^。]{2,40}(委|政府|办公室|办|局|厅|部|院)[^。]{0,6}:$")
# A salutation above the opening: 主任、副主任、秘书长、各位委员: / 各位领导:
_SALUTATION = re.compile(r"^(?!.*如下)[^。;]{2,40}(委员|代表|领导|同志|主任|秘书长)[^。;]{0,8}:$")
# The start of a one-line report up to its first 报告: its title, when it reads as one.
_REPORT_TITLE = re.compile(r"^(.{6,70}?(?:报告|工作总结))")
# A news page's headline about a report, not the report's own title.
_NEWS_HEADLINE = re.compile(r"^(?!.*(?:关于|關於)).*(?:发布|公布|公开|晒出|出炉)")
_TITLE_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*\[\s*(?:19|20)\d\d\s*\]\s*\d{1,4}\s*[号號]\s*")


@dataclass(frozen=True)
class Head:
    """What the title pass finds above the body, and the body lines below it."""
    title: str | None
    title_line: int | None
    addressee: str | None
    issuer_line: str | None           # the reporting body printed under the title
    body: list[Line]


def find_head(lines: list[Line], one_line: bool, page: PageFacts) -> Head:
    """Split `lines` into the report's head and its body."""
    if one_line and lines:
        return _one_line_head(lines)
    scan = _scan_head(lines)
    start, addressee, title = scan.start, scan.addressee, scan.title
    if addressee is None and start < len(lines) and (_ADDRESSEE.match(lines[start].text)
                                                     or _SALUTATION.match(lines[start].text)):
        addressee = lines[start].text
        start += 1
    if title is None and page.title:
        # no title line above the body, but the page's metadata table names it
        title = clean_title(page.title)
    return Head(title, scan.title_line, addressee, scan.issuer_line,
                [ln for ln in lines[start:] if ln.text])


def _one_line_head(lines: list[Line]) -> Head:
    """A one-line report may start with its title: cut it at the first sentence/heading."""
    title = title_line = addressee = None
    first = lines[0].text
    am = _LEADING_ADDRESSEE.match(first)
    if am:                                  # 中共XX县委:XX县人民政府关于…报告…
        addressee, first = am.group(1), first[am.end():].strip()
    m = _REPORT_TITLE.match(first) or \
        re.match(r"^(.{6,70}?情况)(?=\s|[一(0-9]|\d{4}年|[^\s。]{0,3}[::])", first)
    if m and CRUMB.search(m.group(1)) and not YEAR.search(m.group(1)):
        # a breadcrumb whose last step is a column named …报告, the dated title glued after it
        rest = first[m.end():]
        after = _REPORT_TITLE.match(rest)
        if after and YEAR.search(after.group(1)):
            first, m = rest, after
    if m and is_title_like(m.group(1)) and not re.search(r"[。,;:]", m.group(1)):
        title, title_line = m.group(1).strip(), lines[0].line
        first = first[m.end():].strip()
        am = re.match(r"^([^。,]{2,40}(?:委|政府|办公室|办|局|厅|部|院)[^。]{0,6}:)", first)
        if am:
            addressee, first = am.group(1), first[am.end():].strip()
    body = [Line(lines[0].line, first)] + lines[1:]
    return Head(title, title_line, addressee, None, [ln for ln in body if ln.text])


@dataclass
class _Scan:
    """The head as read so far, line by line (local to `_scan_head`)."""
    title: str | None = None
    title_line: int | None = None
    addressee: str | None = None
    issuer_line: str | None = None
    start: int = 0                    # the first line not in the head


def _scan_head(lines: list[Line]) -> _Scan:
    """Read the first lines while they belong to the head (title, addressee, …)."""
    scan = _Scan()
    for idx, ln in enumerate(lines[:8]):
        if ln.text.startswith("#"):      # a title marked as in Markdown (# 某市…报告, ## ——…)
            ln = Line(ln.line, ln.text.lstrip("#").strip())
        if heading_marker(ln.text) or DATE.search(ln.text) and len(ln.text) < 20:
            break
        if scan.title is None and is_title_like(clean_title(ln.text)) and "。" not in ln.text \
                and ln.text != clean_title(ln.text):
            # 【栏目】 / [权威发布] prefixes, 文号《title》 lines: the title inside
            ln = Line(ln.line, clean_title(ln.text))
        if not _take(scan, idx, ln, lines):
            break
    return scan


def _take(scan: _Scan, idx: int, ln: Line, lines: list[Line]) -> bool:
    """Take line `idx` into the head when it belongs there; False ends the head."""
    text, title = ln.text, scan.title
    if _ADDRESSEE.match(text) or _SALUTATION.match(text):
        scan.addressee, scan.start = text, idx + 1
        return title is None          # 中共XX县委: above the title: the title may follow
    if is_title_like(text) and title is None:
        # A title can run over two lines (issuer on one, 关于…报告 on the next).
        scan.title, scan.title_line, scan.start = text, ln.line, idx + 1
    elif title is not None and _NEWS_HEADLINE.search(title) and is_title_like(text) and \
            ("关于" in text or "關於" in text) and YEAR.search(text):
        # a news headline (市政府发布2024年度法治政府建设报告) over the report it prints
        scan.title, scan.title_line, scan.start = text, ln.line, idx + 1
    elif title is not None and (title.endswith(text) or clean_title(text) == title):
        scan.start = idx + 1          # a web page repeats its title above the article
    elif title is not None and text.startswith("—"):
        scan.start = idx + 1          # ——a subtitle under the title
    elif title is not None and _continues_title(title, text):
        scan.title, scan.start = title + text, idx + 1
    elif title is not None and scan.issuer_line is None and _issuer_line(text):
        scan.issuer_line, scan.start = text, idx + 1
    elif title is None and scan.addressee is None and _column_label(text) and \
            any(is_title_like(x.text) for x in lines[idx + 1:idx + 3]):
        scan.start = idx + 1          # a column label above the title (政府文件)
    elif title is None and idx == 0 and len(text) <= 40 and _title_head(text) \
            and len(lines) > 2 and is_title_like(lines[1].text):
        # the issuer (…关于) on one line, then (关于)…报告 on the next
        scan.title, scan.title_line, scan.start = text, ln.line, idx + 1
    else:
        return False
    return True


def _title_head(text: str) -> bool:
    """`text` is a title's first line: a body's name, alone or with 关于 (中共某区委 某区人民政府关于)."""
    return bool(ORG_SUFFIX.search(text)) or bool(
        re.search(r"(委|政府|局|厅|委员会|办公室|办事处)\s*(关于|關於)$", text)) and "。" not in text


def _continues_title(title: str, text: str) -> bool:
    """`text`, under a title not yet ended by 报告/情况, is its second line."""
    return len(text) <= 40 and not re.search(r"[。,;:]", text) and \
        not heading_marker(text) and ("报告" in text or "关于" in text) and \
        not (re.sub(r"\s", "", title).endswith(("报告", "報告", "情况", "情況")))


def _issuer_line(text: str) -> bool:
    """`text` is a reporting body printed under the title."""
    return len(text) <= 30 and bool(ORG_SUFFIX.search(text)) and not re.search(r"[。,;:、]", text) and \
        not YEAR.search(text)


def _column_label(text: str) -> bool:
    """`text` may be a column label above the title (政府文件)."""
    return len(text) <= 16 and not re.search(r"[。,;:!?、]", text) and not _title_head(text) \
        and not YEAR.search(text)


def clean_title(text: str) -> str:
    """The report title inside a title line: without a breadcrumb before it, a 【栏目】 or
    [权威发布] label, a 文号 with the title in 《》, or a ——subtitle."""
    t = text.strip()
    t = re.sub(r"\s*[_|]\s*[^_|]{2,30}(门户网站|政府网|网站|网)$", "", t)
    m = re.match(r"^(.{6,70}?(?:报告|報告|情况|情況))\s*[_|-]\s*[^_|]{2,30}$", t)
    if m:
        t = m.group(1)          # 某县…报告_某县人民政府 (a page title with its site)
    if CRUMB.search(t):
        t = CRUMB.split(t)[-1].strip()
    t = TITLE_LABEL.sub("", t)
    m = _TITLE_DOC_NUMBER.match(t)
    if m and t[m.end():].startswith("《"):
        t = t[m.end():]
    m = re.fullmatch(r"《([^《》]{6,80})》|“([^“”]{6,80})”|「([^「」]{6,80})」|『([^『』]{6,80})』|\"([^\"]{6,80})\"", t)
    if m:
        t = next(g for g in m.groups() if g)     # a title printed inside 《》, “”, 「」
    if "——" in t and is_title_like(t.split("——")[0]):
        t = t.split("——")[0]
    m = re.search(r"\s+(?:发布时间|发布日期|来源|日期|时间|浏览次数)[::]", t)
    if m and is_title_like(t[:m.start()]):
        t = t[:m.start()]         # a date/source stamp on the title's line
    return t.strip()


def is_title_like(text: str) -> bool:
    """A report title: short, not a sentence, about rule of law, and named as a report
    (报告/情况/总结) or dated; a bare column name (法治政府建设) is not one."""
    return (len(text) <= 70 and not text.endswith(("。", ":", ";", ","))
            and ("报告" in text or "報告" in text or "法治" in text or "依法行政" in text)
            and bool(re.search(r"报告|報告|情况|情況|总结|總結|(?:19|20)\d\d|[〇○零]", text)))

