"""Page chrome: the lines a government portal adds around a report copied from it
(breadcrumbs, site names, publication stamps, share/print links, metadata tables), the
facts such a metadata table states, and stripping the chrome from the head and tail."""
from __future__ import annotations

from dataclasses import dataclass

from .. import rx as re
from .common import CRUMB, YEAR, Line
from .markers import heading_marker

# Lines a web page adds around a report copied from a government portal. Keys are
# matched with their inner spaces removed (索 引 号, 发 布 机 构: metadata tables justify
# their keys with spaces); the ambiguous short keys need a colon or a space after them.
_CHROME = re.compile(
    r"^(无障碍|简体|繁体|首页|当前位置|您当前的位置|您的位置|您现在的位置|您现在所在的位置|现在位置|所在位置|网站地图|返回顶部|扫一扫|分享到|打印本页|关闭窗口|"
    r"设为首页|加入收藏|长者版|关怀版|适老版|手机版|"
    r"【打印|【关闭|【字体|\[打印|\[关闭|\[字体|字体[::]|字号[::]|分享[::]|网站标识码|上一篇|下一篇|相关链接|附件下载|"
    r"责任编辑|版权所有|主办单位|承办单位|联系我们|技术支持|索引号|浏览次数|阅读次数|点击数|点击量|信息来源|"
    r"(来源|转自|作者|日期|时间|分类|时效|有效性)[::]|发布时间|发布日期|发布机构|发文机关|发文日期|"
    r"成文日期|公文生成日期|生成日期|文号|备注/?文号|文件分类|所属机构|主题分类|体裁分类|主题词|内容概述|"
    r"标题[::]|名称[::]|基本介绍|基本介紹|中文名[::]|信息名称|文章标题|浏览量|阅读量|访问量|访问次数|文章来源|稿件来源|"
    r"发稿时间|更新时间|(编辑|审核|供稿|撰稿|关键词|关键字|发布者|发布人)[::]|点击率|朗读|语音播报|视力保护|护眼模式|收藏本页|"
    r"(主办|承办|协办)[::]|公开方式|公开范围|公开时限|公开日期|发布单位|发文单位|发文字号|文件编号|信息分类|组配分类|所属主题|服务对象)"
    r"|星期[一二三四五六日天]\s*$|^(?:【[^】。]{1,8}】)+$|ICP备|公网安备|\|\s*(简体|繁体)|[【\[]\s*(大|中|小)\s*[】\]]")
_HEAD_ONLY_KEY = re.compile(r"^(日期|时间|作者|分类|时效|有效性|编辑|审核|供稿|撰稿)[::]")
# A site name: 某某县人民政府门户网站 / 某某资讯网 某某资讯网 (a page title ending in one,
# 某县…报告_某县人民政府门户网站, is a title)
# The first step of a two-step breadcrumb that names a portal column (信息公开 > …).
_COLUMN_STEP = re.compile(r"^[\u4e00-\u9fff]{2,8}(公开|动态|专栏|专题|栏目|要闻|政务)[>»›]")
_SITE_NAME = re.compile(r"(门户网站|政府网|网站|网)$")
# A government portal's name line, and the body it belongs to (宁江市人民政府门户网站)…
_GOVERNMENT = r"([\u4e00-\u9fff]{2,20}?(?:人民政府|政府))"
_SITE_OF = re.compile(rf"^{_GOVERNMENT}(?:门户网站|网站|网)$")
# …or the first step of its breadcrumb (岑阳市人民政府 > 县市区动态 > 鹭洲市).
_CRUMB_SITE = re.compile(rf"^{_GOVERNMENT}(?:门户网站|网站)?[>»›]")
# Keys that mark a date/source line wherever they sit in it (杭州网 发布时间:…).
_CHROME_ANYWHERE = re.compile(r"(发布时间|发布日期|浏览次数|阅读次数|点击数|信息来源|来源[::]|发布机构)")
# A line that is only a document number: 某政发〔2025〕7号 (签发人: …)
_DOC_NUMBER_LINE = re.compile(
    r"^[\u4e00-\u9fff]{1,12}\s*[\[〔(]\s*(?:19|20)\d\d\s*[\]〕)]\s*\d{1,4}\s*[号號](?:\s*(?:签发人|簽發人)[::]?\s*\S{0,6})?$")
# A date as pages print it: 2023-01-31, 2023年1月31日, 2023.1.31.
_YMD = r"(?:19|20)\d\d\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?"
# Above the title, a date alone on its line is when the page was published (2023-01-31).
_BARE_DATE = re.compile(rf"^{_YMD}$")
# A gazette's running header above a report it prints: 某市人民政府公报 2026年第4期.
# Also on two lines: the gazette's name, then its issue (2024年第7期(总第812期)).
_ISSUE = r"(?:(?:19|20)\d\d年)?第\d{1,3}(?:期|号|號)"                 # 2026年第4期
_WHOLE_ISSUE = r"(?:\((?:总|總)第\d{1,5}(?:期|号|號)\))?"               # (总第812期)
_GAZETTE_HEADER = re.compile(
    rf"^[\u4e00-\u9fff]{{2,30}}(?:公报|公報)(?:{_ISSUE})?{_WHOLE_ISSUE}$|^{_ISSUE}{_WHOLE_ISSUE}$")
# A news page's note above the report it prints (编者按:…).
_EDITOR_NOTE = re.compile(r"^(?:编者按|編者按|编者的话)[::]")
# A printed page's number, wherever a page break left it: "— 1 —", "第1页 共8页", "- 2 -".
PAGE_NUMBER = re.compile(r"^(?:[—\-–]+\d{1,4}[—\-–]+|第\d{1,4}[页頁]共\d{1,4}[页頁]|共\d{1,4}[页頁]第\d{1,4}[页頁])$")
# A mobile page's back link: "< 泷州市生态环境局", "‹ 返回".
_BACK_LINK = re.compile(r"^[<‹«]\s*[^<>‹«。,]{1,24}$")
# A date with a clock time is a publication stamp, never a signature date.
_STAMP = re.compile(rf"^{_YMD}\s*\d{{1,2}}\s*[:时]\s*\d{{1,2}}")
# Leading list bullets and the question marks a mis-decoded page leaves (? ? ? 2024年,…).
_LEAD_JUNK = re.compile(r"^(?:[-·•*]\s+|(?:\?\s*){2,}|\?\s+)")


@dataclass(frozen=True)
class PageFacts:
    """Facts a portal page states in its metadata table above the article."""
    title: str | None = None          # 标题/名称: …报告
    publisher: str | None = None      # 发布机构, which is not always the issuer
    site: str | None = None           # whose portal: 宁江市人民政府 (宁江市人民政府门户网站)


def chrome_line(text: str, head: bool = False) -> bool:
    """A line of page chrome (see _CHROME); `head`: also the lines a page shows only above
    the article (document numbers, a speech note in brackets, publication stamps)."""
    if head and _EDITOR_NOTE.match(text.lstrip()):
        return True              # 编者按:… a news page's note, however long
    if len(text) > 80 or "。" in text or heading_marker(text):
        return False
    key = re.sub(r"\s+", "", text)
    if not head and _HEAD_ONLY_KEY.match(key):
        return False          # 日期:2025年3月1日 at the end may be the signature date
    if _CHROME.search(key) or PAGE_NUMBER.match(key):
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
    if crumbs == 1 and _COLUMN_STEP.match(key) and not YEAR.search(key):
        return True          # 信息公开 > 法治政府建设年度报告: a column under a column
    if text.count("|") >= 2 and (not titled or _site_bar(text)):
        return True
    if _BACK_LINK.match(text.strip()):
        return True          # "< 泷州市生态环境局": a mobile page's way back to its site
    if head and (_DOC_NUMBER_LINE.match(key) or _STAMP.match(key) or _BARE_DATE.match(key)
                 or _GAZETTE_HEADER.match(key)
                 or re.fullmatch(r"\([^()]{4,78}\)", key) and not titled):
        return True
    return False



def _site_bar(text: str) -> bool:
    """A page's title bar: the site, a column and a column named …报告, with no year
    (金潭市人民政府门户网站 | 政务公开 | 法治政府建设年度报告); the report's own title,
    with its year, is printed below it."""
    parts = [p.strip() for p in text.split("|")]
    return any(_SITE_NAME.search(p) for p in parts) and not any(YEAR.search(p) for p in parts)


def page_facts(lines: list[Line]) -> PageFacts:
    """Facts a portal page states above the article: the title (标题/名称), the publishing
    body (发布机构), which is not always the issuer, and the government whose portal it is."""
    title = publisher = site = None
    for ln in lines[:30]:
        text = ln.text
        if site is None:
            site = portal_of(text)
        if len(text) > 160 or "。" in text:
            continue
        # (each key holds 标 or 名, or starts with 发: a line without them is not searched)
        m = _TITLE_KEY.search(text) if "标" in text or "名" in text else None
        if m and title is None and ("报告" in m.group(1) or "報告" in m.group(1)):
            title = m.group(1)
        m = _PUBLISHER_KEY.search(text) if "发" in text else None
        if m and publisher is None:
            publisher = m.group(1)
    return PageFacts(title, publisher, site)


# A metadata table's title (标题: …报告) and publishing body (发布机构: …).
_TITLE_KEY = re.compile(r"(?:^|\s)(?:标\s*题|名\s*称|文件名称|中文名|信息名称|文章标题)\s*[::]\s*(\S{6,70})")
_PUBLISHER_KEY = re.compile(
    r"(?:发\s*布\s*机\s*构|发\s*布\s*单\s*位|发\s*文\s*单\s*位|发\s*文\s*机\s*关)\s*[::]?\s*([^\s:]{2,30})")
# Longer than any match of _SITE_OF (28 characters) or _CRUMB_SITE (29)
_SITE_SPAN = 40
_SPACE_RUN = re.compile(r"\s+")


def portal_of(text: str) -> str | None:
    """The government whose portal a line names (宁江市人民政府门户网站, or the first step of
    a breadcrumb: 岑阳市人民政府 > …), read with the line's spaces removed. Of a long line
    only the start is read: once it holds _SITE_SPAN characters besides spaces, the line
    is too long to be a site name, and a breadcrumb's first step lies within it."""
    head = text[:2 * _SITE_SPAN]
    key = _SPACE_RUN.sub("", head)
    if len(head) < len(text):
        if len(key) < _SITE_SPAN:            # a line of many spaces: read it all
            key = _SPACE_RUN.sub("", text)
        else:
            m = _CRUMB_SITE.match(key)
            return m.group(1) if m else None
    m = _SITE_OF.match(key) or _CRUMB_SITE.match(key)
    return m.group(1) if m else None


def strip_lead_junk(lines: list[Line]) -> list[Line]:
    """Bullets and the question marks a mis-decoded page leaves at the start of the first
    30 lines, removed; lines left empty dropped."""
    out = list(lines)
    for k in range(min(len(out), 30)):
        if _LEAD_JUNK.match(out[k].text):
            out[k] = Line(out[k].line, _LEAD_JUNK.sub("", out[k].text).strip())
    return [ln for ln in out if ln.text]


def strip_chrome(lines: list[Line]) -> list[Line]:
    """Drop web-page chrome at the head (before the title) and at the tail (after the
    signature) of a report pasted from a portal, and the printed page numbers a PDF's
    page breaks leave anywhere ("— 3 —" between two halves of a paragraph); no other
    body line is touched."""
    lines = [ln for ln in lines if not (len(ln.text) <= 16 and
                                        PAGE_NUMBER.match(re.sub(r"\s+", "", ln.text)))]
    start = 0
    while start < min(len(lines), 30) and chrome_line(lines[start].text, head=True):
        start += 1
    # chrome may sit between a page title and the article title: drop it there too
    # (up to the first line that reads as body text)
    window = 20
    for k in range(start, min(len(lines), start + 20)):
        if len(lines[k].text) > 80 and "。" in lines[k].text or heading_marker(lines[k].text):
            window = k - start
            break
    head = [ln for ln in lines[start:start + window] if not chrome_line(ln.text, head=True)]
    rest = lines[start + window:]
    out = head + rest
    end = len(out)
    while end > 0 and end > len(out) - 12 and chrome_line(out[end - 1].text):
        end -= 1
    return out[:end]
