"""Stage 2, outline: Document -> Outline (units, sections with roles, title, year,
issuer, level, signature).

Finds headings at every level (一、 / (一) / 1. / 1、 / (1) / ① / 第一部分), headings
that run on into their body on the same line, inline enumerations (一是…二是…), and
reports pasted as one single line. Each section gets a role from its heading, using the
rule pack's role vocabulary (`roles:` in the pack), with the structure of the report
deciding the rest: thematic sections before the shortcomings are achievements; a merged
"problems and measures" part splits into its roles through its sub-headings.
"""
from __future__ import annotations

from . import rx as re
from dataclasses import dataclass, field

from .model import Document, Outline, Section, Signature, Unit
from .normalize import cn_number, cn_year, normalize

# ------------------------------------------------------------------ heading markers

_CN = "一二三四五六七八九十"
# (level, regex at the start of a unit). Order matters: (1) before 1.
_MARKERS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(rf"^第([{_CN}]{{1,3}})(部分|章|篇)\s*[、:.]?\s*")),   # above 一、
    (1, re.compile(rf"^([{_CN}]{{1,3}})\s*[、.]\s*")),
    (2, re.compile(rf"^\(([{_CN}]{{1,3}})\)\s*[、.]?\s*")),
    (4, re.compile(r"^\((\d{1,2})\)\s*[、.]?\s*")),
    # 1. / 1、 — and "1.2024年…" where the title starts with a year, not a decimal
    # "2.12345热线…" (a number of 3+ digits then text) is a heading too; "2.5万" is not
    (3, re.compile(r"^(\d{1,2})\s*(?:[、]|\.(?!\d)|\.(?=(?:19|20)\d\d年)|\.(?=\d{3,}[\u4e00-\u9fff]))\s*")),
    (5, re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
]
_ANY_MARKER = re.compile(rf"[{_CN}]{{1,2}}、|\([{_CN}]{{1,2}}\)")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_SENT_END = "。!?;"
# Inline enumerations: 一是… 二是… (split so each point is its own unit).
_ENUM = re.compile(rf"(?:(?<=^)|(?<=[。;:!?,]))\s*((?:[{_CN}]{{1,2}})是)(?=\S)")
# Mid-line heading starts, used only for reports pasted into one or few long lines.
_MIDLINE = re.compile(
    rf"(?<=[。;:!?”」])\s*(?=(?:[{_CN}]{{1,2}}、|\([{_CN}]{{1,2}}\)|\(\d{{1,2}}\)|[①-⑳]|\d{{1,2}}(?:[.、](?!\d)|\.(?=(?:19|20)\d\d年|\d{{3,}}[\u4e00-\u9fff]))|第[{_CN}]{{1,2}}部分))"
    # a (一)/(二) sub-heading glued to a heading that has no punctuation of its own
    rf"|(?<=[\u4e00-\u9fff])(?=\((?:[{_CN}]{{1,2}}|\d{{1,2}})\)[\u4e00-\u9fff])"
    # an indent left between two paragraphs joined into one line: 原因  一、存在的不足
    rf"|(?<=[\u4e00-\u9fff])\s+(?=(?:[{_CN}]{{1,2}}、|\d{{1,2}}[.、](?!\d)|第[{_CN}]{{1,2}}部分))")
_DATE = re.compile(r"(\d{4})\s*(?:年|\.|-|/)\s*(\d{1,2})\s*(?:月|\.|-|/)\s*(\d{1,2})\s*日?(?!\d)")
_CN_DATE = re.compile(r"([〇○零一二三四五六七八九O]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九O]{4})\s*年")


def year_in(text: str) -> int | None:
    """The first year named in `text`, in Arabic (2024年) or Chinese digits (二〇二四年)."""
    m = _YEAR.search(text)
    cm = _CN_YEAR.search(text)
    if cm and (not m or cm.start() < m.start()):
        y = cn_year(cm.group(1))
        if y and 1990 <= y <= 2100:
            return y
    return int(m.group(1)) if m else None
_ORG_SUFFIX = re.compile(r"(人民政府|政府|委员会|党委|县委|市委|区委|镇委|办公室|办事处|管委会|管理委员会|局|厅|委|办|中心|署|院|所|队|站)$")
_LEADING_ADDRESSEE = re.compile(r"^((?:(?!报告|关于)[^。,:]){2,40}(?:委|政府|办公室|办|局|厅|部|院|委员会|常委会):)")
_ADDRESSEE = re.compile(r"^[^。]{2,40}(委|政府|办公室|办|局|厅|部|院)[^。]{0,6}:$")


@dataclass
class RoleVocabulary:
    """Heading vocabulary per role, compiled from the rule pack's `roles:` block."""
    headings: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    not_headings: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    next_year_framing: list[re.Pattern[str]] = field(default_factory=list)

    def roles_of(self, title: str) -> list[str]:
        """Every role whose heading vocabulary matches `title` (in vocabulary order)."""
        found = []
        for role, pats in self.headings.items():
            if any(p.search(title) for p in pats) and not any(
                    p.search(title) for p in self.not_headings.get(role, ())):
                found.append(role)
        return found


@dataclass
class _Line:
    line: int
    text: str


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


# Lines a web page adds around a report copied from a government portal.
_CHROME = re.compile(
    r"^(无障碍|简体|繁体|首页|当前位置|您当前的位置|您的位置|网站地图|返回顶部|扫一扫|分享到|打印本页|关闭窗口|"
    r"【打印|【关闭|【字体|字体[::]|字号[::]|网站标识码|上一篇|下一篇|相关链接|附件下载|责任编辑|版权所有|主办单位|"
    r"承办单位|联系我们|索引号|浏览次数|阅读次数|点击数|信息来源|来源[::]|发布时间|发布日期|发布机构|"
    r"成文日期[::]|文号[::]|主题分类|体裁分类)"
    r"|星期[一二三四五六日天]\s*$|(门户网站|政府网|网站)$|ICP备|公网安备|\|\s*(简体|繁体)|[【\[]\s*(大|中|小)\s*[】\]]")


def _strip_chrome(lines: list[_Line]) -> list[_Line]:
    """Drop web-page chrome at the head (before the title) and at the tail (after the
    signature) of a report pasted from a portal; body lines are never touched."""
    def chrome(ln: _Line) -> bool:
        return len(ln.text) <= 80 and "。" not in ln.text and bool(_CHROME.search(ln.text))
    start = 0
    while start < min(len(lines), 12) and chrome(lines[start]):
        start += 1
    # chrome may sit between a page title and the article title: drop it there too
    head = [ln for ln in lines[start:start + 8] if not chrome(ln)]
    rest = lines[start + 8:]
    out = head + rest
    end = len(out)
    while end > 0 and end > len(out) - 12 and chrome(out[end - 1]):
        end -= 1
    return out[:end]


def _split_fragments(text: str, one_line_mode: bool) -> list[str]:
    """Split a normalised line into fragments: mid-line headings and a trailing
    signature (one-line reports only)."""
    if not one_line_mode:
        return [text]
    parts = [p for p in _MIDLINE.split(text) if p.strip()]
    attachments: list[str] = []
    if parts:
        # an 附件 list at the end (its items may already be cut apart): keep it aside so
        # the signature before it is found
        for k in range(len(parts) - 1, max(-1, len(parts) - 12), -1):
            m = _TRAILING_ATTACHMENTS.search(parts[k])
            if m and m.start() > 0:
                attachments = [parts[k][m.start():]] + parts[k + 1:]
                parts = parts[:k] + [parts[k][:m.start()]]
                break
    if parts:
        last = _TRAILING_SIGNATURE.split(parts[-1])
        if len(last) == 2:
            org_date = [x for x in _SPLIT_SIGNATURE_DATE.split(last[1]) if x.strip()]
            parts[-1:] = [last[0]] + org_date
        else:
            last = _TRAILING_ISSUER.split(parts[-1])
            if len(last) == 2 and last[1].strip():
                parts[-1:] = [last[0], last[1]]
            else:
                last = _TRAILING_DATE.split(parts[-1])
                if len(last) == 2 and last[1].strip():
                    parts[-1:] = [last[0], last[1]]
    parts += attachments
    return parts or [text]


def _heading_marker(text: str) -> tuple[int, str, int | None, str] | None:
    """(level, marker text, ordinal, rest) when `text` starts with a heading marker."""
    for level, pat in _MARKERS:
        m = pat.match(text)
        if not m:
            continue
        token = m.group(1)
        if level == 5:
            ordinal = _CIRCLED.index(token) + 1
        else:
            ordinal = cn_number(token)
        rest = text[m.end():]
        if not rest or rest[0] in "是" and level == 1:   # 一是… is an enumeration
            return None
        if level == 3 and re.match(r"^\d", rest) and not re.match(r"^(19|20)\d\d年|^\d{3,}[\u4e00-\u9fff]", rest):
            return None
        return level, text[:m.end()].strip(), ordinal, rest
    return None


# a sub-list glued to its heading starts at its first item: 原因一、存在的不足 / 不足1、基层…
_GLUED_SUBLIST = re.compile(r"(?<=[\u4e00-\u9fff])(?=(?:一、|1[、.](?!\d)|\(一\)|\(1\)|①)[\u4e00-\u9fff])")
_GLUED_OPENER = re.compile(
    r"(?<=[\u4e00-\u9fff]{4})\s*(?=坚持|始终|全年|今年以来|一年来|我镇|我县|我区|我市|我局|(?:19|20)\d\d年|针对|究其原因|主要原因|对照)")
_TITLE_STOP = re.compile(rf"[{_CN}]是(?=\S)|(?<=[\u4e00-\u9fff])(?=(?:20\d\d|19\d\d)年[,以])")


def _split_heading(rest: str, glued: bool = False) -> tuple[str, str]:
    """A heading that runs on into its body: title up to the first sentence end, a
    colon, or an inline enumeration (二、存在的问题一是… in a report pasted as one line).
    `glued` (one-line reports): the body may follow with no mark at all, so the title
    also stops before a usual sentence opener (…依法行政坚持依法全面履行…)."""
    stop = _TITLE_STOP.search(rest)
    if glued:
        for rx in (_GLUED_OPENER, _GLUED_SUBLIST):
            opener = rx.search(rest)
            if opener and (stop is None or opener.start() < stop.start()):
                stop = opener
    if stop and 2 <= stop.start() <= 60:
        head = rest[:stop.start()]
        if not re.search(r"[。!?;:]", head):
            return head, rest[stop.start():].strip()
    for i, ch in enumerate(rest):
        if ch in _SENT_END or ch == ":" and i <= 60:
            title, body = rest[:i], rest[i + 1:].strip()
            if len(title) <= 60:
                return title, body
            break
    if len(rest) <= 60:
        return rest, ""
    # A long line with no early sentence end: treat the first clause as the title.
    m = re.search(r"[,:]", rest[:60])
    if m:
        return rest[:m.start()], rest[m.end():].strip()
    return rest[:60], rest[60:]


def _split_enums(text: str) -> list[tuple[str, str]]:
    """[(enum marker or '', text)] for an inline enumeration 一是…二是…."""
    matches = list(_ENUM.finditer(text))
    if len(matches) == 1 and matches[0].start(1) == 0:
        return [(matches[0].group(1), text)]     # one point per line: 一是…\n二是…
    if len(matches) < 2:
        return [("", text)]
    out: list[tuple[str, str]] = []
    if matches[0].start() > 0 and text[:matches[0].start()].strip():
        out.append(("", text[:matches[0].start()].strip()))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        out.append((m.group(1), text[m.start(1):end].strip()))
    return out


def _is_title_like(text: str) -> bool:
    return (len(text) <= 70 and not text.endswith(("。", ":", ";", ","))
            and ("报告" in text or "法治" in text or "依法行政" in text))


def outline(doc: Document, vocab: RoleVocabulary) -> Outline:
    """Build the outline of `doc` (see module docstring)."""
    raw = [_Line(i + 1, normalize(t)) for i, t in enumerate(doc.lines)]
    raw = _strip_chrome([ln for ln in raw if ln.text])
    # A report pasted as one (or a few) long lines: headings hide inside the line.
    long_lines = sum(1 for ln in raw if len(ln.text) > 1500)
    packed = sum(1 for ln in raw if len(ln.text) > 300 and len(_MIDLINE.findall(ln.text)) >= 2
                 or len(raw) <= 3 and len(_ANY_MARKER.findall(ln.text)) >= 2)
    one_line_mode = (packed > 0 and len(raw) <= 5) or (long_lines > 0 and long_lines >= len(raw) // 3)
    if one_line_mode:
        # Re-cut long lines at heading starts and before a trailing signature; every
        # piece keeps the line number it came from.
        cut: list[_Line] = []
        for ln in raw:
            cut.extend(_Line(ln.line, f.strip()) for f in _split_fragments(ln.text, True) if f.strip())
        raw = cut

    # ---------------------------------------------------------- title, addressee
    title = addressee = None
    title_line = None
    start = 0
    if one_line_mode and raw:
        # A one-line report may start with its title: cut it at the first sentence/heading.
        first = raw[0].text
        am = _LEADING_ADDRESSEE.match(first)
        if am:                                  # 中共XX县委:XX县人民政府关于…报告…
            addressee, first = am.group(1), first[am.end():].strip()
            raw[0] = _Line(raw[0].line, first)
        m = re.match(r"^(.{6,70}?报告)", first) or \
            re.match(r"^(.{6,70}?情况)(?=\s|[一(0-9]|\d{4}年|[^\s。]{0,3}[::])", first)
        if m and _is_title_like(m.group(1)) and not re.search(r"[。,;:]", m.group(1)):
            title, title_line = m.group(1).strip(), raw[0].line
            rest = first[m.end():].strip()
            am = re.match(r"^([^。,]{2,40}(?:委|政府|办公室|办|局|厅|部|院)[^。]{0,6}:)", rest)
            if am:
                addressee, rest = am.group(1), rest[am.end():].strip()
            raw[0] = _Line(raw[0].line, rest)
    else:
        head = raw[:4]
        for idx, ln in enumerate(head):
            if _heading_marker(ln.text) or _DATE.search(ln.text) and len(ln.text) < 20:
                break
            if _ADDRESSEE.match(ln.text):
                addressee = ln.text
                start = idx + 1
                if title is None:
                    continue          # 中共XX县委: above the title: the title may follow
                break
            if _is_title_like(ln.text) and title is None:
                title, title_line = ln.text, ln.line
                start = idx + 1
                # A title can run over two lines (issuer on one, 关于…报告 on the next).
                continue
            if title is not None and title.endswith(ln.text):
                start = idx + 1          # a web page repeats its title above the article
                continue
            if title is not None and len(ln.text) <= 40 and not re.search(r"[。,;:]", ln.text) and \
                    not _heading_marker(ln.text) and ("报告" in ln.text or "关于" in ln.text):
                title += ln.text
                start = idx + 1
                continue
            if title is None and idx == 0 and len(ln.text) <= 40 and _ORG_SUFFIX.search(ln.text) \
                    and len(raw) > 2 and _is_title_like(raw[1].text):
                title, title_line = ln.text, ln.line      # issuer line, then 关于…报告
                start = idx + 1
                continue
            break
        if addressee is None and start < len(raw) and _ADDRESSEE.match(raw[start].text):
            addressee = raw[start].text
            start += 1
    body = [ln for ln in raw[start:] if ln.text]

    # ---------------------------------------------------------- signature block
    body, tail = _split_document_tail(body)
    signature, body = _signature(body)
    body = body + tail      # 附件 lists etc. stay in the text, after the signature

    # ---------------------------------------------------------- units and sections
    root = Section(index=0, title="", marker="", level=-1, line=body[0].line if body else 1,
                   role="preamble", parent=None, role_source="root")
    sections: list[Section] = [root]
    units: list[Unit] = []
    stack: list[Section] = [root]
    last_ordinal: dict[tuple[int, int], int] = {}

    def add_unit(line: int, text: str, heading: bool = False, enum: str = "") -> None:
        sec = stack[-1]
        u = Unit(index=len(units), line=line, text=text, section=sec.index, role="",
                 is_heading=heading, enum=enum)
        units.append(u)
        sec.units.append(u.index)

    merged_cache: dict[int, bool] = {}

    def in_merged_part() -> bool:
        """A merged problems+plans part, or (one-line reports, where a plans heading
        can be glued into the text) any shortcomings part."""
        sec = stack[-1]
        if sec.index not in merged_cache:
            roles = vocab.roles_of(sec.title) if sec.index else []
            merged_cache[sec.index] = "shortcomings" in roles and (
                "plans" in roles or one_line_mode)
        return merged_cache[sec.index]

    def add_body(line: int, text: str) -> None:
        # In a merged "problems and next steps" part, the next steps start a new unit.
        pieces = _PLAN_SPLIT.split(text) if in_merged_part() else [text]
        for piece in pieces:
            for enum, part in _split_enums(piece):
                if part:
                    add_unit(line, part, enum=enum)

    for ln in body:
        pending = [ln.text]          # one-line reports were already cut into pieces
        while pending:
            frag = pending.pop(0).strip()
            if not frag:
                continue
            mk = _heading_marker(frag)
            if mk is not None:
                level, marker, ordinal, rest = mk
                while stack[-1].level >= level:
                    stack.pop()
                parent = stack[-1]
                key = (parent.index, level)
                prev = last_ordinal.get(key, 0)
                # A numbered line that breaks the sequence badly is body text, not a heading.
                if ordinal is not None and prev and ordinal != prev + 1 and ordinal != 1 \
                        and level >= 3:
                    add_body(ln.line, frag)
                    continue
                last_ordinal[key] = ordinal or prev + 1
                htitle, rest_body = _split_heading(rest, glued=one_line_mode)
                sec = Section(index=len(sections), title=htitle.strip(" :,"), marker=marker,
                              level=level, line=ln.line, role="", parent=parent.index)
                sections.append(sec)
                parent.children.append(sec.index)
                stack.append(sec)
                add_unit(ln.line, (marker + htitle).strip(), heading=True)
                if rest_body and one_line_mode and _heading_marker(rest_body):
                    pending.insert(0, rest_body)     # 原因一、存在的不足: a glued sub-heading
                elif rest_body:
                    add_body(ln.line, rest_body)
                continue
            # (the root has level -1, so this also covers a bare heading at the top)
            if stack[-1].level <= 1 and _bare_heading(frag, vocab):
                while stack[-1].level >= 1:
                    stack.pop()
                sec = Section(index=len(sections), title=frag.strip(" :"), marker="", level=1,
                              line=ln.line, role="", parent=stack[-1].index)
                sections.append(sec)
                stack[-1].children.append(sec.index)
                stack.append(sec)
                add_unit(ln.line, frag, heading=True)
                continue
            add_body(ln.line, frag)

    _assign_roles(sections, vocab)
    _split_merged(sections, units, vocab, one_line_mode)
    for u in units:
        u.role = sections[u.section].role

    out = Outline(units=units, sections=sections, title=title, title_line=title_line,
                  addressee=addressee, signature=signature)
    _metadata(out)
    return out


def _bare_heading(text: str, vocab: RoleVocabulary) -> bool:
    """An unnumbered short line that names a statutory part (存在的问题, 下一步打算)."""
    if len(text) > 30 or text.endswith(("。", ";", ",")):
        return False
    roles = vocab.roles_of(text)
    return any(r in ("shortcomings", "plans", "first_responsible", "other", "achievements")
               for r in roles)


# Lines an official document may carry after its signature: 附件 lists, publication
# notes, copy-to lines.
_TAIL_LINE = re.compile(r"^(附件|\(此件|此件|抄送|抄报|印发|联系人|联系电话|\(联系人)|^\d{1,2}[.、]\s*《")


def _split_document_tail(body: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """Separate the trailing 附件/此件公开发布/抄送 lines so the signature above them is found."""
    # an 附件 block: everything from a short "附件" line near the end is attachment titles
    attachments: list[_Line] = []
    for k in range(len(body) - 1, max(-1, len(body) - 16), -1):
        if body[k].text.startswith("附件") and len(body[k].text) <= 200 and \
                all(len(ln.text) <= 200 and "。" not in ln.text for ln in body[k:]):
            body, attachments = body[:k], body[k:]
            break
    end = len(body)
    while end > 0 and len(body[end - 1].text) <= 120 and _TAIL_LINE.search(body[end - 1].text):
        end -= 1
    return body[:end], body[end:] + attachments


def _signature(body: list[_Line]) -> tuple[Signature | None, list[_Line]]:
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
        m = _DATE.search(text) or _CN_DATE.search(text)
        if m and date is None and len(text) - len(m.group(0)) <= 40:
            date = _iso_date(m)
            date_line = ln.line
            before = text[:m.start()].strip()
            if before and _ORG_SUFFIX.search(before):
                issuer, issuer_line = before, ln.line
            cut = len(body) - len(tail) + k
            continue
        if issuer is None and len(text) <= 40 and _ORG_SUFFIX.search(text) and \
                not text.endswith(("。", ":", ";")) and not _heading_marker(text):
            issuer, issuer_line = text, ln.line
            cut = len(body) - len(tail) + k
            continue
        break
    if date is None and issuer is None:
        return None, body
    return Signature(issuer=issuer, date=date, line=issuer_line or date_line or 0), body[:cut]


def _iso_date(m: re.Match[str]) -> str:
    if m.re is _DATE:
        y, mo, d = (int(g) for g in m.groups())
    else:
        y = cn_year(m.group(1)) or 0
        mo = cn_number(m.group(2)) or 0
        d = cn_number(m.group(3)) or 0
        if not (y and mo and d):
            return m.group(0)
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _assign_roles(sections: list[Section], vocab: RoleVocabulary) -> None:
    """Roles from headings, then structure: thematic sections, inheritance, merges."""
    root = sections[0]
    explicit: dict[int, list[str]] = {s.index: vocab.roles_of(s.title) for s in sections[1:]}

    def own_role(sec: Section, found: list[str]) -> str | None:
        if "shortcomings" in found and "plans" in found:
            return "shortcomings"      # a merged part; its sub-headings split it
        for role in ("first_responsible", "shortcomings", "plans", "other", "achievements"):
            if role in found:
                return role
        return None

    top = [sections[i] for i in root.children]
    seen_problem_or_plan = False
    for sec in top:
        role = own_role(sec, explicit[sec.index])
        if role is None:
            role = "other" if seen_problem_or_plan else "achievements"
            sec.role_source = "thematic" if role == "achievements" else "after-plans"
        else:
            sec.role_source = "heading"
        if role in ("shortcomings", "plans"):
            seen_problem_or_plan = True
        sec.role = role

    def descend(sec: Section) -> None:
        for ci in sec.children:
            child = sections[ci]
            found = explicit[ci]
            role = None
            # Strong roles override the parent's; achievements/other never override.
            for cand in ("first_responsible", "shortcomings", "plans"):
                if cand in found and not ("shortcomings" in found and "plans" in found
                                          and sec.role == "plans"):
                    role = cand
                    break
            if role == "first_responsible" and sec.role in ("shortcomings", "plans"):
                role = None      # "压实第一责任人职责" as a plan is still a plan
            if role == "shortcomings" and sec.role == "plans":
                role = None      # "(三)补齐城市防汛短板" in the plans is a measure
            if role == "plans" and sec.role not in ("shortcomings", "plans") and \
                    not any(p.search(child.title) for p in vocab.next_year_framing):
                role = None      # "(一)制定年度工作计划" under achievements is work done
            if role is None:
                child.role, child.role_source = sec.role, "inherited"
            else:
                child.role, child.role_source = role, "heading"
            descend(child)

    for sec in top:
        descend(sec)


_PLAN_SPLIT = re.compile(r"(?<=[。;])\s*(?=下一步|下步|今后|明年|下一年度|针对(?:上述|以上|这些)问题|为此,)")
_PLAN_LEAD = re.compile(r"^(下一步|下步|今后|明年|下一年度|来年|(20\d\d)年,?(我|全|本)[^。]{0,8}将|"
                        r"针对(上述|以上|这些|存在的)问题|为此,)")


def _split_merged(sections: list[Section], units: list[Unit], vocab: RoleVocabulary,
                  one_line_mode: bool = False) -> None:
    """A merged 'problems and next steps' part with no sub-headings: the units from the
    first plan lead-in (下一步,… / 针对上述问题,…) on become a plans sub-section. In a
    one-line report any shortcomings part is looked at, since a plans heading of its own
    may be glued into the text there."""
    for sec in list(sections[1:]):
        roles = vocab.roles_of(sec.title)
        merged = "shortcomings" in roles and "plans" in roles
        if not (merged or one_line_mode and sec.role == "shortcomings" and "shortcomings" in roles) \
                or any(sections[c].role == "plans" for c in sec.children) \
                or not merged and any(s.role == "plans" for s in sections[1:]):
            continue
        body = [i for i in sec.units if not units[i].is_heading]
        cut = next((k for k, i in enumerate(body) if k and _PLAN_LEAD.search(units[i].text)), None)
        if cut is None or cut == 0:
            continue
        lead = units[body[cut]]
        new = Section(index=len(sections), title=lead.text[:20], marker="", level=sec.level + 1,
                      line=lead.line, role="plans", parent=sec.index, role_source="split")
        sections.append(new)
        sec.children.append(new.index)
        moved = body[cut:]
        sec.units = [i for i in sec.units if i not in set(moved)]
        new.units = moved
        for i in moved:
            units[i].section = new.index


def _metadata(out: Outline) -> None:
    """Year, issuer and level from the title, opening, signature."""
    opening = " ".join(u.text for u in out.units[:3] if u.role == "preamble")[:300]
    if out.title and year_in(out.title):
        out.year, out.year_source = year_in(out.title), "title"
    if out.year is None and opening and year_in(opening):
        out.year, out.year_source = year_in(opening), "opening"
    if out.year is None and out.units and out.units[0].is_heading:
        # no opening paragraph: the first heading opens the report (一、2024年主要工作)
        m = _YEAR.search(out.units[0].text)
        if m:
            out.year, out.year_source = int(m.group(1)), "opening"
    if out.year is None:
        years: dict[int, int] = {}
        for u in out.units:
            for m in _YEAR.finditer(u.text):
                y = int(m.group(1))
                years[y] = years.get(y, 0) + 1
        if years:
            out.year = max(sorted(years), key=lambda y: years[y])
            out.year_source = "body"
    out.issuer, out.issuer_source = _issuer(out, opening)
    out.level = _level(out.issuer, opening + " " + (out.title or ""))


_ISSUER_IN_TITLE = re.compile(
    r"^(?:中共)?(.{2,40}?)(?:关于)?(?:20\d{2}|19\d{2}|[〇○零一二三四五六七八九O]{4})\s*年")


# "2025年,在县委、县政府的坚强领导下,黄金镇坚持…" -> 黄金镇
_ISSUER_IN_OPENING = re.compile(
    r"^(?:(?:20|19)\d\d年(?:度|以来)?,?)?(?:在[^。]{2,60}?下,)*"
    r"((?:中共)?[\u4e00-\u9fff]{2,20}?(?:人民政府|街道办事处|办事处|街道|镇|乡|县|区|市|局|委员会|办公室))"
    r"(?:党委|党组)?(?=坚持|始终|深入|全面|认真|紧紧|紧密|以|围绕|扎实|聚焦|在|深化|持续|着力|立足|把)")


def _issuer(out: Outline, opening: str) -> tuple[str | None, str | None]:
    """(issuer, where it was read: title, signature or opening)."""
    if out.title:
        t = out.title.replace(" ", "")
        m = _ISSUER_IN_TITLE.match(t)
        if m and len(m.group(1)) >= 2 and not m.group(1).startswith(("关于", "法治")):
            return m.group(1).rstrip("关于"), "title"
        m = re.match(r"^(.{2,40}?)关于", t)
        if m:
            return m.group(1), "title"
    if out.signature and out.signature.issuer:
        return out.signature.issuer, "signature"
    m = _ISSUER_IN_OPENING.match(opening.replace(" ", ""))
    if m:
        return m.group(1), "opening"
    return None, None


_LEVEL_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("town", re.compile(r"(镇|乡|街道|街道办事处|办事处)(人民政府|党委|委员会)?$")),
    ("county", re.compile(r"(县|区|旗|县级市)(人民政府|委员会|县委|区委)?$")),
    ("city", re.compile(r"(市|州|盟|地区)(人民政府|委员会|市委)?$")),
    ("province", re.compile(r"(省|自治区)(人民政府|委员会|省委)?$")),
]


def _level(issuer: str | None, context: str) -> str | None:
    if issuer:
        name = re.sub(r"\s+", "", issuer).split("、")[-1]
        name = re.sub(r"^中共", "", name)
        if re.search(r"(局|厅)$", name) or re.search(r"[^省市县区镇乡]委$", name) and \
                not name.endswith(("县委", "市委", "区委", "省委", "镇委", "乡委", "党委")):
            return "department"
        for level, pat in _LEVEL_RULES:
            if pat.search(name):
                return level
        if name.endswith(("委员会", "办公室", "中心", "署")):
            return "department"
    for word, level in (("我镇", "town"), ("我乡", "town"), ("本镇", "town"), ("街道", "town"),
                        ("我县", "county"), ("我区", "county"), ("全县", "county"),
                        ("全区", "county"), ("我市", "city"), ("全市", "city"),
                        ("我省", "province"), ("全省", "province"), ("我局", "department"),
                        ("本局", "department"), ("全镇", "town"), ("全乡", "town")):
        if word in context:
            return level
    return None
