"""HTML reader for report pages saved from government websites.

1. Decode: BOM, then the page's own <meta charset> / http-equiv (GB2312/GBK are read as
   their superset GB18030), then UTF-8, GB18030, and detection as for txt.
2. Clean: drop scripts, styles, navigation, headers/footers, breadcrumbs, share and
   print/close/font-size toolbars - by tag and by id/class - unless the element holds a
   large share of the page's Chinese text (so a badly named wrapper is never dropped).
3. Find the article body: the element whose own paragraphs (<p>, <br>-separated text,
   leaf <div>s) hold the most CJK text, widened to an enclosing content container
   (id/class content, article, zoom, TRS_Editor, Custom_UnionStyle, view, detail,
   main-text ...) when that adds little else.
4. One line per block element (p, div, h1-h6, li, table row, <br> break); drop the
   remaining boilerplate lines (字体 大中小, 【打印】【关闭】, 上一篇/下一篇, 发布时间/来源 ...);
   put the page title (h1 or <title>) first if the body does not start with it.
"""
from __future__ import annotations

from .. import rx as re

from ..i18n import _
from ..model import Document, LawcheckError
from ._common import cjk_count, one_line

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""",
                           re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_GB_FAMILY = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "csgb2312", "gb18030",
              "euc-cn", "x-euc-cn", "ms936", "windows-936", "chinese"}

_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "frame", "frameset",
              "nav", "header", "footer", "aside", "button", "select", "input", "textarea",
              "object", "embed", "svg", "canvas", "map", "video", "audio", "head", "link",
              "meta", "label"}
_BOILER_ATTR = re.compile(
    r"nav|menu|breadcrumb|crumb|bread|position|location|dqwz|share|bdshare|jiathis|"
    r"print|close|font-?size|fontsize|fontzoom|zoom-?(?:btn|tool)|toolbar|tool-bar|"
    r"sidebar|side-bar|footer|foot|header|topbar|top-bar|banner|logo|search|login|"
    r"qrcode|qr-code|ewm|erweima|wechat|weixin|weibo|prev|next|pager|pagination|"
    r"related|relate|xgwz|xglj|comment|copyright|advert|gotop|go-top|backtop|"
    r"\bad\b|\bads\b")
_CONTENT_ATTR = re.compile(
    r"content|article|zoom|trs_editor|custom_unionstyle|view|detail|main-?text|"
    r"maintext|text|zw|zhengwen|wenzhang|con\b|con[-_]|body|news_?con|art")
_TITLE_ATTR = re.compile(r"title|tit\b|biaoti|bt\b|headline")

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section",
          "article", "blockquote", "pre", "table", "ul", "ol", "dl", "dd", "dt", "center",
          "main", "figure", "figcaption", "caption", "address", "hr", "tbody", "thead",
          "tfoot", "form", "fieldset", "td", "th", "body", "html"}
_INLINE_PARA = {"p", "span", "font", "strong", "b", "em", "i", "u", "a", "h1", "h2",
                "h3", "h4", "h5", "h6", "center", "section", "blockquote"}
_NESTED_BLOCKS = ("p", "div", "table", "ul", "ol", "br", "section", "li")

_BOILER_LINE = re.compile(
    r"字体[:：]?\s*[【\[(（]?\s*大|【\s*(?:打印|关闭|收藏|纠错|返回顶部|关闭窗口|打印本页|"
    r"字号|保存|分享)|打印本页|关闭窗口|打印此页|分享到|扫一扫|上一篇|下一篇|上一条|下一条|"
    r"当前位置|您现在的位置|您的位置|所在位置|返回顶部|视力保护色|"
    r"(?:^|\s)[大中小]\s+[大中小]\s+[大中小](?:\s|$)")
_META_LINE = re.compile(
    r"^[【\[]?(?:发布时间|发布日期|成文日期|来源|信息来源|文章来源|浏览次数|访问次数|"
    r"点击数|点击量|阅读次数|阅读量|作者|责任编辑|编辑|审核|校对|字体|字号|分享|"
    r"索引号|文号|发文机关|主题分类)\s*[:：]")
_SHARE_ONLY = re.compile(
    r"^(?:分享到?[:：]?)?\s*(?:(?:微信|微博|QQ空间|QQ|新浪微博|腾讯微博|朋友圈|人人网|"
    r"豆瓣|复制链接|打印|关闭|收藏)\s*[|｜/]?\s*)+$")
_REPORTISH = re.compile(r"报告|情况|总结|法治|依法")   # a page title worth keeping
_LINE_BREAK = "\u2028"
_CJK_NEWLINE = re.compile(r"(?<=[\u2e80-\u9fff\uff00-\uffef])[ \t]*[\r\n]+[ \t]*"
                          r"(?=[\u2e80-\u9fff\uff00-\uffef])")
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def _codec(label: str) -> str | None:
    import codecs
    label = label.strip().lower()
    if label in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings) honouring BOM and <meta charset>, else detecting."""
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", warnings
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16", warnings
    m = _META_CHARSET.search(data[:8192])
    declared = m.group(1).decode("ascii", "replace").lower() if m else None
    codec = _codec(declared) if declared else None
    if codec and declared:                     # codec is set only when declared is
        try:
            return data.decode(codec), declared, warnings
        except UnicodeDecodeError:
            pass
    for enc in ("utf-8", "gb18030"):
        if enc == codec:
            continue
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "gb18030":
            from ..read import _big5_instead       # Big5 bytes decode as GB18030 nonsense
            text, enc = _big5_instead(data, text) or (text, enc)
        if declared:
            warnings.append(_("the page declares charset {declared} but is {enc}; read as {enc}")
                            .format(declared=declared, enc=enc))
        return text, enc, warnings
    from ..read import decode_text
    text, enc = decode_text(data, name)
    return text, enc, warnings


def _attrs(el) -> str:
    return f"{el.get('id') or ''} {el.get('class') or ''}".lower()


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _text(el) -> str:
    return _norm(el.text_content())


def _norm(text: str) -> str:
    """Whitespace as a browser shows it: a source line break between CJK characters is
    nothing (CSS segment-break rule), any other run of whitespace is one space. Spaces
    the page really has between CJK words are kept: they separate ("依法行政 法治思维")."""
    text = _CJK_NEWLINE.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _page_title(root) -> str | None:
    """The report title: an h1 / title-classed element agreeing with <title>, or <title>."""
    title_el = root.find(".//title")
    page = _text(title_el) if title_el is not None else ""
    segs = [s.strip() for s in re.split(r"\s*[_|｜]\s*|\s*(?<!\d)[-—–]+(?!\d)\s*", page)
            if cjk_count(s) >= 4]
    seg = None
    if segs:
        with_report = [s for s in segs if "报告" in s or "情况" in s]
        seg = (with_report or sorted(segs, key=len, reverse=True))[0]
    cands = []
    for el in root.iter():
        tag = _tag(el)
        if tag == "h1" or tag in ("h2", "h3", "div", "p", "td", "span") and \
                _TITLE_ATTR.search(_attrs(el)):
            text = _text(el)
            if 4 <= cjk_count(text) and len(text) <= 120:
                cands.append(text)
    key = _key(seg) if seg else ""
    for text in cands:
        if key and (_key(text) == key or key in _key(text) or _key(text) in key):
            return text
    for text in cands:
        if "报告" in text:
            return text
    return seg


def _key(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def _drop_boilerplate(root) -> None:
    total = max(cjk_count(root.text_content()), 1)
    doomed = []
    for el in root.iter():
        tag = _tag(el)
        if not tag:                                  # comment / processing instruction
            doomed.append(el)
            continue
        if tag in ("html", "body"):
            continue
        if tag in _DROP_TAGS or _BOILER_ATTR.search(_attrs(el)):
            n = cjk_count(el.text_content())
            if n <= 200 or n < total * 0.4:
                doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            try:
                el.drop_tree()                       # keeps the tail text
            except AttributeError:
                el.getparent().remove(el)


def _para_score(el) -> int:
    score = cjk_count(el.text or "")
    for child in el:
        score += cjk_count(child.tail or "")
        tag = _tag(child)
        if tag in _INLINE_PARA or tag == "div" and not any(
                True for d in child.iterdescendants(*_NESTED_BLOCKS)):
            score += cjk_count(child.text_content())
    return score


def _find_body(root):
    body = root.find(".//body")
    if body is None:
        body = root
    best, best_score = None, 0
    for el in body.iter():
        if not _tag(el):
            continue
        s = _para_score(el)
        if s > best_score:
            best, best_score = el, s
    if best is None or best_score < 20:
        cands = [el for el in body.iter() if _tag(el) and _CONTENT_ATTR.search(_attrs(el))]
        if cands:
            scored = [(cjk_count(el.text_content()), el) for el in cands]
            n, el = max(scored, key=lambda t: t[0])
            if n:
                return el
        return body
    # Widen to an enclosing content container when it adds little else (split bodies,
    # a title or a table beside the paragraphs).
    base = cjk_count(best.text_content())
    chosen = best
    for anc in best.iterancestors():
        if _tag(anc) in ("body", "html"):
            break
        if cjk_count(anc.text_content()) > base * 1.3 + 100:
            break
        if _CONTENT_ATTR.search(_attrs(anc)):
            chosen = anc
    return chosen


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []

    def add(self, text: str, pre: bool = False) -> None:
        if text:
            self.buf.append(text.replace("\n", _LINE_BREAK) if pre else text)

    def flush(self) -> None:
        if self.buf:
            for part in "".join(self.buf).split(_LINE_BREAK):
                line = _norm(part)
                if line:
                    self.lines.append(line)
            self.buf = []


def _walk(el, out: _Lines, pre: bool = False) -> None:
    tag = _tag(el)
    if tag == "br":
        out.add(_LINE_BREAK)
        return
    if tag == "tr" and not any(True for _d in el.iterdescendants(*_NESTED_BLOCKS)):
        out.flush()
        cells = [_text(c) for c in el if _tag(c) in ("td", "th")]
        line = " ".join(c for c in cells if c)
        if line:
            out.lines.append(line)
        return
    pre = pre or tag == "pre"
    block = tag in _BLOCK
    if block:
        out.flush()
    out.add(el.text or "", pre)
    for child in el:
        if _tag(child):
            _walk(child, out, pre)
        out.add(child.tail or "", pre)
    if block:
        out.flush()


def _boiler(line: str) -> bool:
    if len(line) > 80:
        return False
    return bool(_BOILER_LINE.search(line) or _META_LINE.match(line)
                or _SHARE_ONLY.match(line))


GENERATOR = '<meta name="generator" content="lawcheck">'   # written into every lawcheck page


def is_lawcheck_output(path: str) -> bool:
    """Is `path` a page lawcheck wrote (a batch or review page), not a report?"""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return GENERATOR.encode() in head


def read(data: bytes, name: str) -> Document:
    import lxml.html
    from lxml import etree

    if GENERATOR.encode() in data[:4096]:
        # A batch page left in the folder of reports must not be scored as a report.
        raise LawcheckError(name, _("is a page written by lawcheck (a batch or review page), "
                                    "not a report"), _("move it out of the folder of reports"))
    text, encoding, warnings = decode_html(data, name)
    text = _XML_DECL.sub("", text).replace("\x00", "")
    try:
        # huge_tree lifts libxml2's nesting limit (256), past which a page loses all text.
        root = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise LawcheckError(name, _("cannot be parsed as HTML ({error})").format(error=one_line(exc, 80)),
                            _("save the page again, or copy its text into a .txt")) from None
    title = _page_title(root)
    _drop_boilerplate(root)
    container = _find_body(root)
    out = _Lines()
    try:
        _walk(container, out)
    except RecursionError:
        raise LawcheckError(name, _("is nested too deeply to read as HTML"),
                            _("copy the report's text into a .txt")) from None
    out.flush()
    lines = [line for line in out.lines if not _boiler(line)]
    if not any(cjk_count(line) for line in lines):
        raise LawcheckError(name, _("has no report text in its HTML body"),
                            _("save the page after its article has loaded, or copy the "
                              "text into a .txt"))
    if title and _REPORTISH.search(title):
        head = [_key(line) for line in lines[:3]]
        if _key(title) not in head:
            lines.insert(0, title)
    return Document(path=name, format="html", encoding=encoding, lines=lines,
                    warnings=warnings)
