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
    # How last year's (or inspection) problems were rectified: a part on the achievements
    # side (role "other"), whatever it says about 存在问题, wherever it sits.
    rectification: list[re.Pattern[str]] = field(default_factory=list)
    rectification_not: list[re.Pattern[str]] = field(default_factory=list)

    def is_rectification(self, title: str) -> bool:
        if not self.rectification:
            return False
        return any(p.search(title) for p in self.rectification) and not any(
            p.search(title) for p in self.rectification_not)

    def roles_of(self, title: str) -> list[str]:
        """Every role whose heading vocabulary matches `title` (in vocabulary order). A
        prior-rectification heading is "other" only: it is never this year's problems
        or next year's plans."""
        memo = self.__dict__.setdefault("_memo", {})
        if title in memo:
            return list(memo[title])
        if self.is_rectification(title):
            found = ["other"]
        else:
            found = [role for role, pats in self.headings.items()
                     if any(p.search(title) for p in pats) and not any(
                         p.search(title) for p in self.not_headings.get(role, ()))]
        if len(memo) < 20_000:       # headings repeat across stages (and in odd inputs)
            memo[title] = tuple(found)
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
_CRUMB = re.compile(r"[>»›]")
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
    if len(text) > 80 or "。" in text or _heading_marker(text):
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
    crumbs = len(_CRUMB.findall(text)) or (
        len(re.findall(r"\s/\s|/", text)) if ("首页" in key or "位置" in key) else 0)
    if crumbs and (crumbs >= 2 or _CRUMB.match(key) or "首页" in key or "位置" in key) and \
            not _YEAR.search(re.split(r"[>»›/]", key)[-1]):
        return True          # a breadcrumb (its last step may be a column named …报告)
    if text.count("|") >= 2 and not titled:
        return True
    if head and (_DOC_NUMBER_LINE.match(key) or _STAMP.match(key)
                 or re.fullmatch(r"\([^()]{4,78}\)", key) and not titled):
        return True
    return False


def _page_facts(lines: list[_Line]) -> dict[str, str]:
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


def _strip_chrome(lines: list[_Line]) -> list[_Line]:
    """Drop web-page chrome at the head (before the title) and at the tail (after the
    signature) of a report pasted from a portal; body lines are never touched."""
    start = 0
    while start < min(len(lines), 30) and _chrome_line(lines[start].text, head=True):
        start += 1
    # chrome may sit between a page title and the article title: drop it there too
    # (up to the first line that reads as body text)
    window = 20
    for k in range(start, min(len(lines), start + 20)):
        if len(lines[k].text) > 80 and "。" in lines[k].text or _heading_marker(lines[k].text):
            window = k - start
            break
    head = [ln for ln in lines[start:start + window] if not _chrome_line(ln.text, head=True)]
    rest = lines[start + window:]
    out = head + rest
    end = len(out)
    while end > 0 and end > len(out) - 12 and _chrome_line(out[end - 1].text):
        end -= 1
    return out[:end]


# ------------------------------------------------------------------ one-line web pages
# A portal page saved or exported as one line glues its chrome to the report: the
# breadcrumb runs into the title, the metadata table into the opening, 【打印】【关闭】 onto
# the signature. Cut them apart again (as separate lines with the same line number) so
# the line-based chrome handling above applies as it does to the page with its breaks.
def _k(word: str) -> str:
    return r"\s*".join(word)


_CHROME_KEY = re.compile(
    "|".join(_k(w) + r"\s*:" for w in (
        "索引号", "分类", "发布机构", "发文机关", "发文日期", "成文日期", "发布日期", "发布时间",
        "标题", "文号", "有效性", "来源", "信息来源", "文章来源", "浏览量", "浏览次数", "阅读次数",
        "点击数", "访问量", "主题分类", "公开方式", "作者", "责任编辑"))
    + r"|【?\s*字\s*[号体]\s*:?\s*[\[【(]?\s*大\s*中\s*小\s*[\]】)]?\s*】?"
    r"|【\s*(?:打印|关闭|打印本页|关闭窗口|收藏|分享)\s*】")
# the shape of a value when its key has a known one (a free-text value ends at a space)
_CHROME_VALUE = re.compile(
    r"\s*(?:(?:19|20)\d\d\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d+(?![\d年])|(?=\S)[^\s。,;]{1,40}?(?=\s|$))?")
# 当前位置:首页 > 政务公开 > … / 某县人民政府门户网站 > 部门信息公开 > 县司法局 > …
_BREADCRUMB = re.compile(r"^(?:[^>»›。,]{0,12}\s*)?首页(?:\s*[>»›]\s*[^>»›。,\s]+)+|"
                         r"^(?:[^>»›。,\s]{1,16}\s*[>»›]\s*){2,}[^>»›。,\s]+")
_TAIL_CHROME = re.compile(r"(?:\s*(?:【[^】。]{1,8}】|\[[^\]。]{1,8}\]|打印本页|关闭窗口|返回顶部))+\s*$")
_KEYED_VALUE = re.compile(r"(?:发布时间|发布日期|发文日期|成文日期|浏览|阅读|点击|访问)")


def _unglue_one_line(lines: list[_Line]) -> list[_Line]:
    """A report saved as one line from a portal page: its head chrome (breadcrumb,
    metadata fields) and tail chrome (【打印】【关闭】) cut off as lines of their own."""
    if not lines or len(lines) > 3:
        return lines
    k = max(range(len(lines)), key=lambda i: len(lines[i].text))
    ln = lines[k]
    if len(ln.text) < 1500:
        return lines
    pieces = _unglue_head(ln.text)
    pieces[-1:] = _unglue_tail(pieces[-1])
    if len(pieces) == 1:
        return lines
    return lines[:k] + [_Line(ln.line, p.strip()) for p in pieces if p.strip()] + lines[k + 1:]


# what a page prints below its article: 【打印本页】【关闭窗口】, 扫一扫, the site footer
_FOOTER = re.compile(r"【|打印|关闭|扫一扫|主办单位|承办单位|版权所有|ICP备|网站标识码|门户网站|返回顶部")
_FOOTER_ENTRY = re.compile(r"(?=【|扫一扫|主办单位|承办单位|协办单位|网站标识码|备案号|版权所有|技术支持|联系我们)")
_LAST_DATE = re.compile(r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def _unglue_tail(text: str) -> list[str]:
    """[the report, its page footer] when the line ends in page chrome after the
    signature date (or in 【打印】【关闭】 alone); [text] otherwise."""
    tail_from = max(0, len(text) - 400)
    dates = list(_LAST_DATE.finditer(text, tail_from))
    if dates:
        end = dates[-1].end()
        rest = text[end:]
        if rest.strip() and "。" not in rest and _FOOTER.search(rest):
            # one piece per footer entry, each short enough to read as chrome
            return [text[:end]] + [p for p in _FOOTER_ENTRY.split(rest) if p.strip()]
    m = _TAIL_CHROME.search(text)
    if m and m.start() > 0:
        return [text[:m.start()], text[m.start():]]
    return [text]


def _unglue_head(text: str) -> list[str]:
    """[breadcrumb, title, one piece per metadata field…, the rest] for a line that starts
    with page chrome; [text] when it does not."""
    crumb = _BREADCRUMB.match(text)
    keys: list[re.Match[str]] = []
    pos = 0
    for m in _CHROME_KEY.finditer(text, 0, 1200):
        gap = text[pos:m.start()]
        if keys and (len(gap) > 60 or "。" in gap):
            break
        if not keys and not crumb and m.start() > 12:
            return [text]                    # the line does not open with chrome
        keys.append(m)
        pos = m.end()
    if not keys and not crumb:
        return [text]
    out: list[str] = []
    head_end = keys[0].start() if keys else len(text)
    if crumb and crumb.start() < head_end:
        out += _split_crumb(text[:head_end])
    elif head_end:
        out.append(text[:head_end])
    for i, m in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else None
        if end is None:
            # the last field's value: its known shape, else up to a space
            v = _CHROME_VALUE.match(text, m.end())
            end = v.end() if v else m.end()
        piece = text[m.start():end]
        if out and keys.index(m) > 0 and re.fullmatch(r"[^:]*:\s*", out[-1]):
            out[-1] += piece                 # 浏览量:【字号:大中小】: a key with no value
        else:
            out.append(piece)
        pos = end
    out.append(text[pos:])
    return out


def _split_crumb(text: str) -> list[str]:
    """A breadcrumb glued to what follows it (a title, a first metadata field, the
    opening): the last step ends where the title starts, which repeats that step's name
    (… > 法治政府建设金沙街道…法治政府建设情况报告). Returns [breadcrumb, title, rest…]."""
    last_sep = max(text.rfind(c, 0, 200) for c in ">»›")
    if last_sep < 0:
        return [text]
    step = text[last_sep + 1:].lstrip()
    base = len(text) - len(step)
    for p in range(16, 1, -1):
        m = re.match(r"[^。,;:]{4,70}?(?:报告|報告)", step[p:])
        if m and step[:p] in m.group(0) and _is_title_like(m.group(0)):
            end = base + p + m.end()
            return [x for x in (text[:base + p], text[base + p:end], text[end:]) if x]
    return [text]


def _split_fragments(text: str, one_line_mode: bool,
                      vocab: RoleVocabulary | None = None) -> list[str]:
    """Split a normalised line into fragments: mid-line headings (numbered, or with
    `vocab` bare part headings glued after a sentence) and a trailing signature (one-line
    reports only)."""
    if not one_line_mode:
        return [text]
    parts = [p for p in _MIDLINE.split(text) if p.strip()]
    if vocab is not None:
        parts = [f for p in parts for f in _split_bare(p, vocab)]
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


# A bare part heading glued between two sentences of a one-line report
# (…线上办案率达到92%。存在的不足和原因一是…): it ends on one of these words, and what
# follows does not continue it.
_BARE_END = re.compile(r"(情况|成效|成果|举措|措施|做法|不足|原因|打算|安排|计划|思路|问题|短板|差距|"
                       r"方向|重点|设想|规划|进展|弱项|困难|事项)$")
_NOT_BODY_START = re.compile(r"^(是|的|和|与|及|等|中|上|下|为|有|在|了|方面|主要|之|仍|还|较|不|[,、。;])")
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
        for e in range(min(len(seg), 30), 5, -1):
            head = seg[:e]
            if _BARE_END.search(head) and len(seg) - e >= 0 and \
                    not _NOT_BODY_START.match(text[p + e:p + e + 2]) and _bare_heading(head, vocab):
                best = e
                break
        if best:
            out.append(text[start:p])
            out.append(text[p:p + best])
            start = p + best
    out.append(text[start:])
    return [x for x in out if x.strip()]


def _heading_marker(text: str) -> tuple[int, str, int | None, str] | None:
    """(level, marker text, ordinal, rest) when `text` starts with a heading marker."""
    for level, pat in _MARKERS:
        m = pat.match(text)
        if not m:
            continue
        token = m.group(1)
        ordinal: int | None
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
_GLUED_SUBLIST = re.compile(
    r"(?<=[\u4e00-\u9fff])(?=(?:一、|1[、.](?!\d)|\(一\)|\(1\)|①)(?:[\u4e00-\u9fff]|(?:19|20)\d\d年))")
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


# A salutation above the opening: 主任、副主任、秘书长、各位委员: / 各位领导:
_SALUTATION = re.compile(r"^(?!.*如下)[^。;]{2,40}(委员|代表|领导|同志|主任|秘书长)[^。;]{0,8}:$")
_TITLE_LABEL = re.compile(r"^(?:[\[【][^\]】]{1,12}[\]】]\s*)+")
_TITLE_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*\[\s*(?:19|20)\d\d\s*\]\s*\d{1,4}\s*[号號]\s*")


def _clean_title(text: str) -> str:
    """The report title inside a title line: without a breadcrumb before it, a 【栏目】 or
    [权威发布] label, a 文号 with the title in 《》, or a ——subtitle."""
    t = text.strip()
    t = re.sub(r"\s*[_|]\s*[^_|]{2,30}(门户网站|政府网|网站|网)$", "", t)
    m = re.match(r"^(.{6,70}?(?:报告|報告|情况|情況))\s*[_|-]\s*[^_|]{2,30}$", t)
    if m:
        t = m.group(1)          # 某县…报告_某县人民政府 (a page title with its site)
    if _CRUMB.search(t):
        t = _CRUMB.split(t)[-1].strip()
    t = _TITLE_LABEL.sub("", t)
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
    raw = [_Line(i + 1, normalize(t)) for i, t in enumerate(doc.lines)]
    raw = [ln for ln in raw if ln.text]
    for k in range(min(len(raw), 30)):        # bullets and mis-decoded marks above the body
        if _LEAD_JUNK.match(raw[k].text):
            raw[k] = _Line(raw[k].line, _LEAD_JUNK.sub("", raw[k].text).strip())
    raw = [ln for ln in raw if ln.text]
    raw = _unglue_one_line(raw)
    page = _page_facts(raw)
    raw = _strip_chrome(raw)
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
            cut.extend(_Line(ln.line, f.strip()) for f in _split_fragments(ln.text, True, vocab) if f.strip())
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
        head = raw[:8]
        for idx, ln in enumerate(head):
            if _heading_marker(ln.text) or _DATE.search(ln.text) and len(ln.text) < 20:
                break
            if title is None and _is_title_like(_clean_title(ln.text)) and "。" not in ln.text \
                    and ln.text != _clean_title(ln.text):
                # 【栏目】 / [权威发布] prefixes, 文号《title》 lines: the title inside
                ln = _Line(ln.line, _clean_title(ln.text))
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
                    not _heading_marker(ln.text) and ("报告" in ln.text or "关于" in ln.text) and \
                    not (re.sub(r"\s", "", title).endswith(("报告", "報告", "情况", "情況"))):
                title += ln.text
                start = idx + 1
                continue
            if title is not None and issuer_line is None and len(ln.text) <= 30 and \
                    _ORG_SUFFIX.search(ln.text) and not re.search(r"[。,;:、]", ln.text) and \
                    not _YEAR.search(ln.text):
                issuer_line = ln.text    # the reporting body printed under the title
                start = idx + 1
                continue
            if title is None and addressee is None and len(ln.text) <= 16 and \
                    not re.search(r"[。,;:!?、]", ln.text) and not _ORG_SUFFIX.search(ln.text) \
                    and not _YEAR.search(ln.text) and \
                    any(_is_title_like(x.text) for x in raw[idx + 1:idx + 3]):
                start = idx + 1          # a column label above the title (政府文件)
                continue
            if title is None and idx == 0 and len(ln.text) <= 40 and _ORG_SUFFIX.search(ln.text) \
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
    _metadata(out, issuer_line=issuer_line, publisher=page.get("publisher"))
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


# Spans whose years never name the reported year: 《…》 document names, year ranges
# (纲要 2021—2025年, 2015-2020年度) and the year of a 文号 〔2024〕.
_NOT_REPORT_YEAR = re.compile(
    r"《[^《》]{0,120}》|(?:19|20)\d\d\s*年?\s*[-—–~至到]\s*(?:(?:19|20)\d\d|\d\d)\s*年?|\[\s*(?:19|20)\d\d\s*\]")
# Pinyin a garbled mirror inserts after characters: 內(nèi)蒙古自治區(qū)
_PINYIN = re.compile(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}\d?)\)")
# Traditional forms of the characters that name kinds of bodies and places.
_T2S = str.maketrans("區縣鎮鄉廳辦黨務處關於內長門東陽廣蘇龍華劃軍會員為齊遼甯寧貴陝雲灣慶漢濟鄭滬閩贛瀋錫蘭寶衛豐嶺臨陰義興張陳劉楊黃趙馬萬廈鳳濱橋灘壩嶽撫遠涼渦滄瀘賓貢鹽衢漳潛鐵鋼鞍烏魯齊寶銀韶亞樂豐灤穀崗嶗溝莊園島潁隴審計監財稅農業資規劃環護體藥醫應急總紀檢門術開發區經濟貿創電機車運輸專廠場價質檔譯參謀議組織編職團聯訊網號齡婦僑對臺",
                      "区县镇乡厅办党务处关于内长门东阳广苏龙华划军会员为齐辽宁宁贵陕云湾庆汉济郑沪闽赣沈锡兰宝卫丰岭临阴义兴张陈刘杨黄赵马万厦凤滨桥滩坝岳抚远凉涡沧泸宾贡盐衢漳潜铁钢鞍乌鲁齐宝银韶亚乐丰滦谷岗崂沟庄园岛颍陇审计监财税农业资规划环护体药医应急总纪检门术开发区经济贸创电机车运输专厂场价质档译参谋议组织编职团联讯网号龄妇侨对台")


def report_year_in(text: str) -> int | None:
    """The first year in `text` that can be the reported year: years inside 《…》 titles,
    year ranges and 文号 never are."""
    return year_in(_NOT_REPORT_YEAR.sub(" ", text))


def _plain(text: str) -> str:
    """`text` for reading names: pinyin insertions, spaces and labels removed, the
    traditional forms of body/place characters folded."""
    return _unpinyin(text).translate(_T2S)


def _unpinyin(text: str) -> str:
    return _TITLE_LABEL.sub("", re.sub(r"\s+", "", _PINYIN.sub("", text)))


def _as_written(name: str | None, source: str) -> str | None:
    """`name`, read from the folded form of `source`, in the script `source` is written in
    (folding is one character for one, so the same span is cut out)."""
    if not name:
        return name
    raw = _unpinyin(source)
    i = raw.translate(_T2S).find(name)
    return raw[i:i + len(name)] if i >= 0 else name


def _metadata(out: Outline, issuer_line: str | None = None, publisher: str | None = None) -> None:
    """Year, issuer and level from the title, opening, signature."""
    opening = _PINYIN.sub("", " ".join(u.text for u in out.units[:3] if u.role == "preamble")[:300])
    if out.title and report_year_in(out.title):
        out.year, out.year_source = report_year_in(out.title), "title"
    elif out.title and year_in(out.title):
        out.year_source = "title-range"      # a multi-year report (2015-2020年度): no one year
    if out.year is None and out.year_source is None and opening and report_year_in(opening):
        out.year, out.year_source = report_year_in(opening), "opening"
    if out.year is None and out.year_source is None and out.units and out.units[0].is_heading:
        # no opening paragraph: the first heading opens the report (一、2024年主要工作)
        y = report_year_in(out.units[0].text)
        if y:
            out.year, out.year_source = y, "opening"
    if out.year is None and out.year_source is None:
        years: dict[int, int] = {}
        for u in out.units:
            for m in _YEAR.finditer(_NOT_REPORT_YEAR.sub(" ", u.text)):
                y = int(m.group(1))
                years[y] = years.get(y, 0) + 1
        if years:
            out.year = max(sorted(years), key=lambda y: years[y])
            out.year_source = "body"
    if out.year_source == "title-range":
        out.year_source = None
    text = " ".join(u.text for u in out.units[:80])[:6000]
    out.issuer, out.issuer_source = _issuer(out, opening, text, issuer_line, publisher)
    out.level = _level(out.issuer, opening + " " + (out.title or ""),
                       (out.addressee or "") + " " + text[:2000])


_ISSUER_IN_TITLE = re.compile(
    r"^(.{2,40}?)(?:关于)?(?:20\d{2}|19\d{2}|[〇○零一二三四五六七八九O]{4})\s*年")
# What a reporting body's name ends with (an organ, or the place it governs).
_NAME_END = re.compile(
    r"(人民政府|政府|委员会|党委|党组|党工委|办公室|办事处|管委会|管理委员会|街道|局|厅|委|办|部|署|院|中心|"
    r"自治区|省|市|县|区|旗|州|盟|镇|乡)$")
_YEAR_TOKEN = r"(?:(?:19|20)\d\d|[〇○零一二三四五六七八九O]{4})\s*年度?"

# The subject of the opening sentence: "2025年,在县委、县政府的坚强领导下,黄金镇坚持…",
# "2021年以来,宣城市公安局按照…", "2022年,省卫生健康委坚持…", "2023年,我厅坚持…".
_OPENING_LEAD = (r"^(?:(?:19|20)\d\d年(?:度|以来)?,?|一年来,?|过去一年,?|今年以来,?)?"
                 r"(?:(?:在|按照|根据|围绕)[^。]{2,80}?(?:下|部署|要求|安排|精神|指引),)*")
_OPENING_VERB = (r"(?=坚持|堅持|始终|始終|深入|全面|认真|認真|紧紧|緊緊|紧密|緊密|以|围绕|圍繞|扎实|紮實|扎實|"
                 r"聚焦|在|深化|持续|持續|着力|著力|立足|把|按照|带头|帶頭|牢牢|坚定|堅定|高度|积极|積極|"
                 r"不断|不斷|切实|切實|大力|严格|嚴格|贯彻|貫徹|紧扣|緊扣|锚定|錨定|主动|主動|认真|全力|统筹|統籌)")
_ISSUER_IN_OPENING = re.compile(
    _OPENING_LEAD +
    r"(?!在|按照|根据|围绕)((?:中共)?(?:[\u4e00-\u9fff]|[xX×*]){1,20}?(?:人民政府|政府|街道办事处|办事处|街道|镇|乡|县|区|旗|市|省|"
    r"自治区|州|盟|部|厅|局|委员会|委|办公室|办))"
    r"(?:党委|党组|党工委)?(?:、?(?:[省市县区旗镇乡]|街道)?(?:人民)?政府|、?党委|、?办事处)?"
    r"(?:法治政府建设工作|法治政府建设|法治建设工作|法治建设)?" + _OPENING_VERB)
_BARE_PLACE_IN_OPENING = re.compile(_OPENING_LEAD + r"([\u4e00-\u9fff]{2,4}?)" + _OPENING_VERB)
# "现将县人民政府2022年法治政府建设工作情况报告如下"
_ISSUER_IN_REPORTING = re.compile(
    r"现将((?:[\u4e00-\u9fff]|[xX×*]){1,24}?)(?:" + _YEAR_TOKEN + r")?(?:推进)?(?:法治政府|法治建设|依法行政)")
# A body named only by kind: 我市, 市政府, 县人民政府, 我局, 市局, 本委
_GENERIC = re.compile(r"^(?:我|本|全)?(省|市|县|区|旗|镇|乡|街道)(?:委、?[省市县区旗镇乡]?(?=(?:人民)?政府))?(人民政府|政府|党委|委)?$")
_GENERIC_ORGAN = re.compile(r"^(?:我|本|(省|市|县|区|旗))(局|厅|委|办)$")


def _named_in_title(t: str) -> str | None:
    """The issuer a title names: before 关于 or the year, or between the year and 法治."""
    candidates = []
    m = re.match(r"^(.{2,40}?)(?:关于|關於)", t)
    if m:
        candidates.append(m.group(1))
    m = _ISSUER_IN_TITLE.match(t)
    if m:
        candidates.append(m.group(1))
    m = re.match(r"^(?:关于)?" + _YEAR_TOKEN + r"(.{2,30}?)(?:法治|依法行政)", t)
    if m:
        candidates.append(m.group(1))
    m = re.match(r"^关于(.{2,30}?)" + _YEAR_TOKEN, t)
    if m:
        candidates.append(m.group(1))
    m = re.match(r"^(.{2,30}?)(?:法治政府|依法行政)", t)
    if m:
        candidates.append(m.group(1))
    for c in candidates:
        c = c.strip(" ,、")
        if len(c) >= 2 and not c.startswith(("关于", "法治", "年度")) and _NAME_END.search(c):
            return c
    return None


def _issuer(out: Outline, opening: str, text: str, issuer_line: str | None = None,
            publisher: str | None = None) -> tuple[str | None, str | None]:
    """(issuer, where it was read: title, signature or opening)."""
    title = _plain(out.title) if out.title else ""
    if title:
        m = re.match(r"^(.{2,40}?)关于", title)
        if m and _NAME_END.search(m.group(1)):
            return _as_written(m.group(1), out.title or ""), "title"
    if title:
        name = _named_in_title(title)
        if name:
            return _as_written(name, out.title or ""), "title"
    if issuer_line:          # 关于2024年度…的报告 / 某市人民政府 (the body printed under it)
        return re.sub(r"\s+", "", issuer_line), "title"
    if out.signature and out.signature.issuer:
        return out.signature.issuer, "signature"
    op = _plain(opening)
    # the opening sentence starts the first paragraph, or the second after a stray line
    starts = [op] + [_plain(u.text) for u in out.units[1:3] if u.role == "preamble" and not u.is_heading]
    found = next((m for m in (_ISSUER_IN_OPENING.match(x) for x in starts) if m), None) or \
        _ISSUER_IN_REPORTING.search(op)
    if found:
        subject = found.group(1)
        gov = re.match(r"、?([省市县区旗镇乡]?)(人民政府|政府)", found.string[found.end(1):])
        if gov and re.search(r"[省市县区旗镇乡]委$|党委$", subject):
            # 县委、县政府 report together: the report is the government's
            kind = re.search(r"[省市县区旗镇乡]", subject)
            if kind and len(subject) <= 3:
                subject = (gov.group(1) or kind.group(0)) + gov.group(2)
        name = _resolve(subject, text)
        if not (re.match(r"^[我本全]", name) and (_GENERIC.match(name) or _GENERIC_ORGAN.match(name))):
            return (_as_written(name, opening) if name == subject else name), "opening"
        # 我市/我局 with no name for it in the text: the level still shows (context words)
    m = next((m for m in (_BARE_PLACE_IN_OPENING.match(x) for x in starts) if m), None)
    if m and not found:
        full = _full_name(m.group(1))
        if full:
            return _government_of(full, "", text), "opening"
    if publisher and _NAME_END.search(publisher) and re.search(r"[省市县区旗镇乡部厅局委办]", publisher[:-1]):
        return publisher, "page"
    return None, None


def _full_name(short: str) -> str | None:
    """广东 -> 广东省, 杭州 -> 杭州市: a province or prefecture named without its suffix."""
    from .places import full_name
    return full_name(short)


def _government_of(place: str, form: str, text: str) -> str:
    """`place` + the form of government the text uses (县人民政府 -> 岳阳县人民政府)."""
    kind = place[-1]
    if form:
        return place + form
    for f in ("人民政府", "政府"):
        if place + f in text:
            return place + f
        if kind + f in text:
            return place + f
    return place


# Not a place name: words before 镇/县/市 such as 全镇, 乡镇, 强镇, 城镇, and a function
# word in front (纳入了东庄镇 -> 东庄镇, not 入了镇).
_FUNCTION_CHARS = "的之了在和与及、把将对向为于是由从到至按托"
_NOT_PLACE_LAST = set("全我本该各乡城集小大重强名建村特边" + _FUNCTION_CHARS)
_NOT_PLACE_FIRST = set("全我本该各" + _FUNCTION_CHARS)


def _place_like(chars: str) -> bool:
    return chars[-1] not in _NOT_PLACE_LAST and chars[0] not in _NOT_PLACE_FIRST


def _resolve(name: str, text: str) -> str:
    """A body named by kind only (我县, 市政府, 县人民政府, 市局) named as the text names
    it elsewhere: the place of that kind the text names most (岳阳县), with the same form
    of government; unchanged when the text names none."""
    m = _GENERIC.match(name)
    if m:
        kind, form = m.group(1), m.group(2) or ""
        place = _own_place(kind, text)
        if not place:
            return name
        if form:
            return place + form
        return _government_of(place, "", text) if place + "人民政府" in text else place
    m = _GENERIC_ORGAN.match(name)
    if m:
        kind, organ = m.group(1) or "", m.group(2)
        where = kind or "省市县区旗"
        counts: dict[str, list[int]] = {}
        for mm in re.finditer(rf"((?:[\u4e00-\u9fff]{{2,6}}?[{where}])[\u4e00-\u9fff]{{1,10}}?{organ})(?![\u4e00-\u9fff]{{0,2}}(?:长|员))",
                              text):
            counts.setdefault(mm.group(1), []).append(mm.start())
        if counts:
            return max(counts, key=lambda k: (len(counts[k]), -counts[k][0]))
    return name


def _own_place(kind: str, text: str) -> str | None:
    """The place of `kind` (省, 市, 县, 区, 旗, 镇, 乡, 街道) the text names most often."""
    from .places import divisions_in
    counts: dict[str, list[int]] = {}
    if kind in ("镇", "乡", "街道"):
        for mm in re.finditer(rf"(?=([\u4e00-\u9fff]{{2}}){kind})", text):
            if _place_like(mm.group(1)):
                counts.setdefault(mm.group(1) + kind, []).append(mm.start())
    else:
        want = {"省": "province"}.get(kind)
        for pos, n, level in divisions_in(text):
            if n.endswith(kind) and (want is None or level == want):
                counts.setdefault(n, []).append(pos)
        # own documents: 《长治市"十四五"…》, in any script
        for mm in re.finditer(rf"《([\u4e00-\u9fff]{{1,3}}{kind})", text):
            n = mm.group(1)
            if len(n) >= 2 and _place_like(n[:-1]):
                counts.setdefault(n, []).append(mm.start())
    if not counts:
        return None
    return max(counts, key=lambda k: (len(counts[k]), -counts[k][0]))


_LEVEL_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("town", re.compile(r"(镇|乡|街道|街道办事处|办事处)(人民政府|党委|委员会)?$")),
    ("county", re.compile(r"(县|区|旗|县级市)(人民政府|委员会|县委|区委)?$")),
    ("city", re.compile(r"(市|州|盟|地区)(人民政府|委员会|市委)?$")),
    ("province", re.compile(r"(省|自治区)(人民政府|委员会|省委)?$")),
]
_NOT_CITY_NAME = re.compile(r"[^\u4e00-\u9fff]|[全我本各省和及与在的对向由并、,县区镇乡]")
_TOWN = re.compile(r"(街道办事处|街道办|办事处|街道|镇|乡|苏木)(人民政府|政府|党委|党工委|委员会)?$")
_ORGAN = re.compile(r"(部|厅|局|办公室|办|中心|署|院|海关)$")
_PARTY_OR_GOV = re.compile(r"(人民政府|政府|行政公署|行署|委员会|党委|党组|委)$")


def level_of(name: str, text: str = "") -> str | None:
    """Level of a reporting body from its name: a town (镇, 乡, 街道), a department (any
    部, 厅, 局, 委, 办, including a 政府办公室), or the level of the place it governs,
    read from the official division list (兴宁市 is county level, 北京市 a province).
    `text` (the opening) is used for a 市 the list does not know: one that reports to
    another city's 市委 is a county-level city."""
    from .places import last_division
    name = re.sub(r"^中共", "", _plain(name).split("、")[-1])
    name = re.sub(r"(?<=[部厅局委办])(党组|党委)$", "", name)     # 市司法局党组
    if not name:
        return None
    if _TOWN.search(name) or name.endswith("苏木"):
        return "town"
    if re.search(r"(行政公署|行署)$", name):
        return "city"
    if _ORGAN.search(name):
        return "department"
    if name.endswith("委") and not re.search(r"(省|市|县|区|旗|州|盟|镇|乡|党|工)委$", name):
        return "department"
    if name.endswith("委员会") and not re.search(r"(省|市|县|区|旗|州|盟|镇|乡|自治区)委员会$", name):
        return "department"
    place = name
    while True:
        stripped = _PARTY_OR_GOV.sub("", place)
        if stripped == place:
            break
        place = stripped
    if place in ("省", "自治区"):
        return "province"
    if place in ("市",):
        return "city"
    if place in ("县", "区", "旗"):
        return "county"
    if re.search(r"(省|自治区|特别行政区)$", place):
        return "province"        # the name's own suffix decides: no look-up needed
    if re.search(r"(县|旗|(?<!地)(?<!自治)区)$", place):
        return "county"
    found = last_division(place) if len(place) >= 2 else None
    if found:
        return found[1]
    if place.endswith("市") and len(place) >= 2 and text:
        own = place[-6:]
        for m in re.finditer(r"市委(?:、|和)?市?(?:人民)?政府", text):
            # the leadership pair of another city (在荆川市委、市政府…领导下): a superior city
            before = text[max(0, m.start() - 3):m.start()]
            names = [before[k:] for k in range(len(before) - 1) if not _NOT_CITY_NAME.search(before[k:])]
            if names and names[0] + "市" not in own:
                return "county"
    for level, pat in _LEVEL_RULES:
        if pat.search(place):
            return level
    return None


def _level(issuer: str | None, context: str, text: str = "") -> str | None:
    if issuer:
        level = level_of(issuer, text)
        if level:
            return level
    for word, level in (("我镇", "town"), ("我乡", "town"), ("本镇", "town"), ("街道", "town"),
                        ("我县", "county"), ("我区", "county"), ("全县", "county"),
                        ("全区", "county"), ("我市", "city"), ("全市", "city"),
                        ("我省", "province"), ("全省", "province"), ("我局", "department"),
                        ("本局", "department"), ("全镇", "town"), ("全乡", "town"),
                        ("我厅", "department"), ("本厅", "department"), ("我委", "department"),
                        ("本委", "department"), ("我办", "department"), ("我部", "department")):
        if word in context:
            return level
    return None
