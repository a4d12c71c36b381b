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

from dataclasses import replace

from .. import rx as re
from ..model import Document, Outline, Section, Signature, Unit
from ..normalize import cn_number, cn_year, normalize
from .common import CN_DATE, CRUMB, DATE, ORG_SUFFIX, TITLE_LABEL, YEAR, Line
from .level import level_of
from .markers import ANY_MARKER, CN, heading_marker, split_enums, split_heading
from .metadata import read_metadata
from .vocab import RoleVocabulary
from .year import report_year_in, year_in

__all__ = ["RoleVocabulary", "level_of", "outline", "report_year_in", "year_in"]

# Mid-line heading starts, used only for reports pasted into one or few long lines.
_MIDLINE = re.compile(
    rf"(?<=[。;:!?”」])\s*(?=(?:[{CN}]{{1,2}}、|\([{CN}]{{1,2}}\)|\(\d{{1,2}}\)|[①-⑳]|\d{{1,2}}(?:[.、](?!\d)|\.(?=(?:19|20)\d\d年|\d{{3,}}[\u4e00-\u9fff]))|第[{CN}]{{1,2}}部分))"
    # a (一)/(二) sub-heading glued to a heading that has no punctuation of its own
    rf"|(?<=[\u4e00-\u9fff])(?=\((?:[{CN}]{{1,2}}|\d{{1,2}})\)[\u4e00-\u9fff])"
    # an indent left between two paragraphs joined into one line: 原因  一、存在的不足
    rf"|(?<=[\u4e00-\u9fff])\s+(?=(?:[{CN}]{{1,2}}、|\d{{1,2}}[.、](?!\d)|第[{CN}]{{1,2}}部分))")
_LEADING_ADDRESSEE = re.compile(r"^((?:(?!报告|关于)[^。,:]){2,40}(?:委|政府|办公室|办|局|厅|部|院|委员会|常委会):)")
_ADDRESSEE = re.compile(r"^[^。]{2,40}(委|政府|办公室|办|局|厅|部|院)[^。]{0,6}:$")


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


# Lines a web page adds around a report copied from a government portal. Keys are
# matched with their inner spaces removed (索 引 号, 发 布 机 构: metadata tables justify
# their keys with spaces); the ambiguous short keys need a colon or a space after them.
_CHROME = re.compile(
    r"^(无障碍|简体|繁体|首页|当前位置|您当前的位置|您的位置|您现在的位置|您现在所在的位置|现在位置|所在位置|网站地图|返回顶部|扫一扫|分享到|打印本页|关闭窗口|"
    r"设为首页|加入收藏|长者版|关怀版|适老版|手机版|"
    r"【打印|【关闭|【字体|\[打印|\[关闭|\[字体|字体[::]|字号[::]|分享[::]|网站标识码|上一篇|下一篇|相关链接|附件下载|"
    r"责任编辑|版权所有|主办单位|承办单位|联系我们|索引号|浏览次数|阅读次数|点击数|点击量|信息来源|"
    r"(来源|转自|作者|日期|时间|分类|时效|有效性)[::]|发布时间|发布日期|发布机构|发文机关|发文日期|"
    r"成文日期|公文生成日期|生成日期|文号|备注/?文号|文件分类|所属机构|主题分类|体裁分类|主题词|内容概述|"
    r"标题[::]|名称[::]|基本介绍|基本介紹|中文名[::]|信息名称|文章标题|浏览量|阅读量|访问量|访问次数|文章来源|稿件来源|"
    r"发稿时间|更新时间|(编辑|审核|供稿|撰稿|关键词|关键字|发布者|发布人)[::]|点击率|朗读|语音播报|视力保护|护眼模式|收藏本页|"
    r"公开方式|公开范围|公开时限|公开日期|发布单位|发文单位|发文字号|文件编号|信息分类|组配分类|所属主题|服务对象)"
    r"|星期[一二三四五六日天]\s*$|ICP备|公网安备|\|\s*(简体|繁体)|[【\[]\s*(大|中|小)\s*[】\]]")
_HEAD_ONLY_KEY = re.compile(r"^(日期|时间|作者|分类|时效|有效性|编辑|审核|供稿|撰稿)[::]")
# A site name: 某某县人民政府门户网站 / 某某资讯网 某某资讯网 (a page title ending in one,
# 某县…报告_某县人民政府门户网站, is a title)
_SITE_NAME = re.compile(r"(门户网站|政府网|网站|网)$")
# Keys that mark a date/source line wherever they sit in it (杭州网 发布时间:…).
_CHROME_ANYWHERE = re.compile(r"(发布时间|发布日期|浏览次数|阅读次数|点击数|信息来源|来源[::]|发布机构)")
# Breadcrumbs: 首页 > 政务公开 > 法治政府建设 / 当前位置: 首页 » 资讯 »
# A line that is only a document number: 某政发〔2025〕7号 (签发人: …)
_DOC_NUMBER_LINE = re.compile(
    r"^[\u4e00-\u9fff]{1,12}\s*[\[〔(]\s*(?:19|20)\d\d\s*[\]〕)]\s*\d{1,4}\s*[号號](?:\s*(?:签发人|簽發人)[::]?\s*\S{0,6})?$")
# A date with a clock time is a publication stamp, never a signature date.
_STAMP = re.compile(r"^(?:19|20)\d\d\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?\s*\d{1,2}\s*[:时]\s*\d{1,2}")
# Leading list bullets and the question marks a mis-decoded page leaves (? ? ? 2024年,…).
_LEAD_JUNK = re.compile(r"^(?:[-·•*]\s+|(?:\?\s*){2,}|\?\s+)")


def _chrome_line(text: str, head: bool = False) -> bool:
    """A line of page chrome (see _CHROME); `head`: also the lines a page shows only above
    the article (document numbers, a speech note in brackets, publication stamps)."""
    if len(text) > 80 or "。" in text or heading_marker(text):
        return False
    key = re.sub(r"\s+", "", text)
    if not head and _HEAD_ONLY_KEY.match(key):
        return False          # 日期:2025年3月1日 at the end may be the signature date
    if _CHROME.search(key):
        return True
    titled = "报告" in key or "報告" in key
    if not titled and _SITE_NAME.search(key):
        return True
    if not titled and _CHROME_ANYWHERE.search(key):
        return True
    crumbs = len(CRUMB.findall(text)) or (
        len(re.findall(r"\s/\s|/", text)) if ("首页" in key or "位置" in key) else 0)
    if crumbs and (crumbs >= 2 or CRUMB.match(key) or "首页" in key or "位置" in key) and \
            not YEAR.search(re.split(r"[>»›/]", key)[-1]):
        return True          # a breadcrumb (its last step may be a column named …报告)
    if text.count("|") >= 2 and not titled:
        return True
    if head and (_DOC_NUMBER_LINE.match(key) or _STAMP.match(key)
                 or re.fullmatch(r"\([^()]{4,78}\)", key) and not titled):
        return True
    return False


def _page_facts(lines: list[Line]) -> dict[str, str]:
    """Facts a portal page states in its metadata table above the article: the title
    (标题/名称) and the publishing body (发布机构), which is not always the issuer."""
    facts: dict[str, str] = {}
    for ln in lines[:30]:
        text = ln.text
        if len(text) > 160 or "。" in text:
            continue
        m = re.search(r"(?:^|\s)(?:标\s*题|名\s*称|文件名称|中文名|信息名称|文章标题)\s*[::]\s*(\S{6,70})", text)
        if m and "title" not in facts and ("报告" in m.group(1) or "報告" in m.group(1)):
            facts["title"] = m.group(1)
        m = re.search(r"(?:发\s*布\s*机\s*构|发\s*布\s*单\s*位|发\s*文\s*单\s*位|发\s*文\s*机\s*关)\s*[::]?\s*([^\s:]{2,30})",
                      text)
        if m and "publisher" not in facts:
            facts["publisher"] = m.group(1)
    return facts


def _strip_chrome(lines: list[Line]) -> list[Line]:
    """Drop web-page chrome at the head (before the title) and at the tail (after the
    signature) of a report pasted from a portal; body lines are never touched."""
    start = 0
    while start < min(len(lines), 30) and _chrome_line(lines[start].text, head=True):
        start += 1
    # chrome may sit between a page title and the article title: drop it there too
    # (up to the first line that reads as body text)
    window = 20
    for k in range(start, min(len(lines), start + 20)):
        if len(lines[k].text) > 80 and "。" in lines[k].text or heading_marker(lines[k].text):
            window = k - start
            break
    head = [ln for ln in lines[start:start + window] if not _chrome_line(ln.text, head=True)]
    rest = lines[start + window:]
    out = head + rest
    end = len(out)
    while end > 0 and end > len(out) - 12 and _chrome_line(out[end - 1].text):
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



# A salutation above the opening: 主任、副主任、秘书长、各位委员: / 各位领导:
_SALUTATION = re.compile(r"^(?!.*如下)[^。;]{2,40}(委员|代表|领导|同志|主任|秘书长)[^。;]{0,8}:$")
_TITLE_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*\[\s*(?:19|20)\d\d\s*\]\s*\d{1,4}\s*[号號]\s*")


def _clean_title(text: str) -> str:
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
    m = re.fullmatch(r"《([^《》]{6,80})》", t)
    if m:
        t = m.group(1)
    if "——" in t and _is_title_like(t.split("——")[0]):
        t = t.split("——")[0]
    m = re.search(r"\s+(?:发布时间|发布日期|来源|日期|时间|浏览次数)[::]", t)
    if m and _is_title_like(t[:m.start()]):
        t = t[:m.start()]         # a date/source stamp on the title's line
    return t.strip()


def _is_title_like(text: str) -> bool:
    """A report title: short, not a sentence, about rule of law, and named as a report
    (报告/情况/总结) or dated; a bare column name (法治政府建设) is not one."""
    return (len(text) <= 70 and not text.endswith(("。", ":", ";", ","))
            and ("报告" in text or "報告" in text or "法治" in text or "依法行政" in text)
            and bool(re.search(r"报告|報告|情况|情況|总结|總結|(?:19|20)\d\d|[〇○零]", text)))


def outline(doc: Document, vocab: RoleVocabulary) -> Outline:
    """Build the outline of `doc` (see module docstring)."""
    raw = [Line(i + 1, normalize(t)) for i, t in enumerate(doc.lines)]
    raw = [ln for ln in raw if ln.text]
    for k in range(min(len(raw), 30)):        # bullets and mis-decoded marks above the body
        if _LEAD_JUNK.match(raw[k].text):
            raw[k] = Line(raw[k].line, _LEAD_JUNK.sub("", raw[k].text).strip())
    raw = [ln for ln in raw if ln.text]
    page = _page_facts(raw)
    raw = _strip_chrome(raw)
    # A report pasted as one (or a few) long lines: headings hide inside the line.
    long_lines = sum(1 for ln in raw if len(ln.text) > 1500)
    packed = sum(1 for ln in raw if len(ln.text) > 300 and len(_MIDLINE.findall(ln.text)) >= 2
                 or len(raw) <= 3 and len(ANY_MARKER.findall(ln.text)) >= 2)
    one_line_mode = (packed > 0 and len(raw) <= 5) or (long_lines > 0 and long_lines >= len(raw) // 3)
    if one_line_mode:
        # Re-cut long lines at heading starts and before a trailing signature; every
        # piece keeps the line number it came from.
        cut: list[Line] = []
        for ln in raw:
            cut.extend(Line(ln.line, f.strip()) for f in _split_fragments(ln.text, True) if f.strip())
        raw = cut

    # ---------------------------------------------------------- title, addressee
    title = addressee = issuer_line = None
    title_line = None
    start = 0
    if one_line_mode and raw:
        # A one-line report may start with its title: cut it at the first sentence/heading.
        first = raw[0].text
        am = _LEADING_ADDRESSEE.match(first)
        if am:                                  # 中共XX县委:XX县人民政府关于…报告…
            addressee, first = am.group(1), first[am.end():].strip()
            raw[0] = Line(raw[0].line, first)
        m = re.match(r"^(.{6,70}?报告)", first) or \
            re.match(r"^(.{6,70}?情况)(?=\s|[一(0-9]|\d{4}年|[^\s。]{0,3}[::])", first)
        if m and _is_title_like(m.group(1)) and not re.search(r"[。,;:]", m.group(1)):
            title, title_line = m.group(1).strip(), raw[0].line
            rest = first[m.end():].strip()
            am = re.match(r"^([^。,]{2,40}(?:委|政府|办公室|办|局|厅|部|院)[^。]{0,6}:)", rest)
            if am:
                addressee, rest = am.group(1), rest[am.end():].strip()
            raw[0] = Line(raw[0].line, rest)
    else:
        head = raw[:8]
        for idx, ln in enumerate(head):
            if heading_marker(ln.text) or DATE.search(ln.text) and len(ln.text) < 20:
                break
            if title is None and _is_title_like(_clean_title(ln.text)) and "。" not in ln.text \
                    and ln.text != _clean_title(ln.text):
                # 【栏目】 / [权威发布] prefixes, 文号《title》 lines: the title inside
                ln = Line(ln.line, _clean_title(ln.text))
            if _ADDRESSEE.match(ln.text) or _SALUTATION.match(ln.text):
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
            if title is not None and (title.endswith(ln.text) or _clean_title(ln.text) == title):
                start = idx + 1          # a web page repeats its title above the article
                continue
            if title is not None and ln.text.startswith("—"):
                start = idx + 1          # ——a subtitle under the title
                continue
            if title is not None and len(ln.text) <= 40 and not re.search(r"[。,;:]", ln.text) and \
                    not heading_marker(ln.text) and ("报告" in ln.text or "关于" in ln.text) and \
                    not (re.sub(r"\s", "", title).endswith(("报告", "報告", "情况", "情況"))):
                title += ln.text
                start = idx + 1
                continue
            if title is not None and issuer_line is None and len(ln.text) <= 30 and \
                    ORG_SUFFIX.search(ln.text) and not re.search(r"[。,;:、]", ln.text) and \
                    not YEAR.search(ln.text):
                issuer_line = ln.text    # the reporting body printed under the title
                start = idx + 1
                continue
            if title is None and addressee is None and len(ln.text) <= 16 and \
                    not re.search(r"[。,;:!?、]", ln.text) and not ORG_SUFFIX.search(ln.text) \
                    and not YEAR.search(ln.text) and \
                    any(_is_title_like(x.text) for x in raw[idx + 1:idx + 3]):
                start = idx + 1          # a column label above the title (政府文件)
                continue
            if title is None and idx == 0 and len(ln.text) <= 40 and ORG_SUFFIX.search(ln.text) \
                    and len(raw) > 2 and _is_title_like(raw[1].text):
                title, title_line = ln.text, ln.line      # issuer line, then 关于…报告
                start = idx + 1
                continue
            break
        if addressee is None and start < len(raw) and (_ADDRESSEE.match(raw[start].text)
                                                        or _SALUTATION.match(raw[start].text)):
            addressee = raw[start].text
            start += 1
        if title is None and page.get("title"):
            # no title line above the body, but the page's metadata table names it
            title = _clean_title(page["title"])
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
            for enum, part in split_enums(piece):
                if part:
                    add_unit(line, part, enum=enum)

    for ln in body:
        pending = [ln.text]          # one-line reports were already cut into pieces
        while pending:
            frag = pending.pop(0).strip()
            if not frag:
                continue
            mk = heading_marker(frag)
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
                htitle, rest_body = split_heading(rest, glued=one_line_mode)
                sec = Section(index=len(sections), title=htitle.strip(" :,"), marker=marker,
                              level=level, line=ln.line, role="", parent=parent.index)
                sections.append(sec)
                parent.children.append(sec.index)
                stack.append(sec)
                add_unit(ln.line, (marker + htitle).strip(), heading=True)
                if rest_body and one_line_mode and heading_marker(rest_body):
                    pending.insert(0, rest_body)     # 原因一、存在的不足: a glued sub-heading
                elif rest_body:
                    add_body(ln.line, rest_body)
                continue
            # (the root has level -1, so this also covers a bare heading at the top). Below
            # a numbered sub-part a short line is not promoted, unless the report writes
            # its parts as bare headings: then the next bare part heading closes the
            # sub-parts of the one before.
            bare_parts = any(s.level == 1 and not s.marker for s in stack)
            if (stack[-1].level <= 1 or bare_parts) and _bare_heading(frag, vocab):
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
    meta = read_metadata(out, issuer_line=issuer_line, publisher=page.get("publisher"))
    return replace(out, year=meta.year, year_source=meta.year_source, issuer=meta.issuer,
                   issuer_source=meta.issuer_source, level=meta.level)


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


def _split_document_tail(body: list[Line]) -> tuple[list[Line], list[Line]]:
    """Separate the trailing 附件/此件公开发布/抄送 lines so the signature above them is found."""
    # an 附件 block: everything from a short "附件" line near the end is attachment titles
    attachments: list[Line] = []
    for k in range(len(body) - 1, max(-1, len(body) - 16), -1):
        if body[k].text.startswith("附件") and len(body[k].text) <= 200 and \
                all(len(ln.text) <= 200 and "。" not in ln.text for ln in body[k:]):
            body, attachments = body[:k], body[k:]
            break
    end = len(body)
    while end > 0 and len(body[end - 1].text) <= 120 and _TAIL_LINE.search(body[end - 1].text):
        end -= 1
    return body[:end], body[end:] + attachments


def _signature(body: list[Line]) -> tuple[Signature | None, list[Line]]:
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
        m = DATE.search(text) or CN_DATE.search(text)
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


def _iso_date(m: re.Match[str]) -> str:
    if m.re is DATE:
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
            role: str | None = None
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
            if role == "shortcomings" and sec.role == "other" and vocab.is_rectification(sec.title):
                role = None      # last year's problems listed under their rectification
            if vocab.is_rectification(child.title) and sec.role in ("shortcomings", "plans", "other"):
                role = "other"   # (一)上年度问题整改情况 inside the problems part: prior rectification
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

