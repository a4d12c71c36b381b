"""One-line web pages: a portal page saved or exported as one line glues its chrome to
the report (the breadcrumb runs into the title, the metadata table into the opening,
【打印】【关闭】 onto the signature); cut them apart again as lines of their own, with the
same line number, so the line-based chrome stripping applies as it does to the page with
its breaks."""
from __future__ import annotations

from .. import rx as re
from .common import Line
from .title import is_title_like

def _k(word: str) -> str:
    return r"\s*".join(word)


_CHROME_KEY = re.compile(
    "|".join(_k(w) + r"\s*:" for w in (
        "索引号", "分类", "发布机构", "发文机关", "发文日期", "成文日期", "发布日期", "发布时间",
        "标题", "文号", "有效性", "来源", "信息来源", "文章来源", "浏览量", "浏览次数", "阅读次数",
        "点击数", "访问量", "主题分类", "公开方式", "作者", "责任编辑"))
    + r"|【?\s*字\s*[号体]\s*:?\s*[\[【(]?\s*大\s*中\s*小\s*[\]】)]?\s*】?"
    r"|【\s*(?:打印|关闭|打印本页|关闭窗口|收藏|分享)\s*】"
    # a share widget: 分享到:微信 微博 QQ空间
    r"|分享到\s*:?\s*(?:(?:微信|微博|QQ空间|QQ|朋友圈|新浪微博|腾讯微博|豆瓣)\s*)+")
# the shape of a value when its key has a known one (a free-text value ends at a space)
_CHROME_VALUE = re.compile(
    r"\s*(?:(?:19|20)\d\d\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d+(?![\d年])|(?=\S)[^\s。,;]{1,40}?(?=\s|$))?")
# 当前位置:首页 > 政务公开 > … / 某县人民政府门户网站 > 部门信息公开 > 县司法局 > …
# (a step may be marked by one sign or two: 首页 >> 信息公开)
_BREADCRUMB = re.compile(r"^(?:[^>»›。,]{0,12}\s*)?首页(?:\s*[>»›]{1,2}\s*[^>»›。,\s]+)+|"
                         r"^(?:[^>»›。,\s]{1,16}\s*[>»›]{1,2}\s*){2,}[^>»›。,\s]+")
_TAIL_CHROME = re.compile(r"(?:\s*(?:【[^】。]{1,8}】|\[[^\]。]{1,8}\]|打印本页|关闭窗口|返回顶部))+\s*$")


def unglue_one_line(lines: list[Line]) -> list[Line]:
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
    return lines[:k] + [Line(ln.line, p.strip()) for p in pieces if p.strip()] + lines[k + 1:]


# what a page prints below its article: 【打印本页】【关闭窗口】, 扫一扫, the site footer
_FOOTER = re.compile(r"【|打印|关闭|扫一扫|主办单位|承办单位|版权所有|ICP备|网站标识码|门户网站|返回顶部|"
                     r"上一篇|下一篇")
_FOOTER_ENTRY = re.compile(r"(?=【|扫一扫|主办单位|承办单位|协办单位|网站标识码|备案号|版权所有|技术支持|联系我们|"
                           r"上一篇|下一篇)")
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
        if m and step[:p] in m.group(0) and is_title_like(m.group(0)):
            end = base + p + m.end()
            return [x for x in (text[:base + p], text[base + p:end], text[end:]) if x]
    # else a step named like a column (…公开信息, …动态, …专栏) followed by a whole title
    for p in range(16, 1, -1):
        m = re.match(r"[^。,;:]{4,70}?(?:报告|報告)", step[p:])
        if m and _COLUMN_END.search(step[:p]) and is_title_like(m.group(0)):
            end = base + p + m.end()
            return [x for x in (text[:base + p], text[base + p:end], text[end:]) if x]
    return [text]


# how a portal names its columns (the breadcrumb's last step)
_COLUMN_END = re.compile(r"(信息|公开|动态|专栏|专题|年报|要闻|公告|通知|文件|栏目|其他)$")
