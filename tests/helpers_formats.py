"""Write a report's plain text as md, html, docx or pdf, for reader round-trip tests.

The first non-empty line is the title; lines starting 一、 / （一） / 1. are headings of
levels 1-3; trailing short lines naming a 人民政府/局 or a date are the 落款 (signature).

- to_docx(text, path, numbering=False): python-docx; heading styles, a running header and
  footer; with numbering=True the markers are removed from the text and produced by
  Word automatic numbering instead (numbering.xml, chineseCounting "%1、", "（%2）",
  decimal "%3.").
- to_pdf(text, path): reportlab with its built-in Adobe CID font STSong-Light (no TTF
  needed); A4, first-line indent, wrapped paragraphs, running header, "- N -" footers.
  Needs the `reportlab` test dependency: tests call `pdf_available()` to skip without it.
- to_html(text, path, encoding="utf-8", br=False): a government CMS page with nav,
  breadcrumbs, 字体大中小, share buttons, 【打印】【关闭】, 上一篇/下一篇 and a footer; the body
  in <div class="TRS_Editor"> as <p>s or, with br=True, <br>-separated.
- to_md(text, path): headings as #, emphasis and a link, a code fence and a comment.
"""
from __future__ import annotations

import html as _html
import re
from pathlib import Path

LEVELS = [
    (1, re.compile(r"^([一二三四五六七八九十]+)([、.．])")),
    (2, re.compile(r"^([（(])([一二三四五六七八九十]+)([）)])")),
    (3, re.compile(r"^(\d{1,2})([.．、])(?=(?:19|20)\d\d年|(?!\d))")),
]
_SIGNATURE = re.compile(r"(人民政府|办公室|委员会|局|镇|街道办事处)$|^\d{4}年\d{1,2}月\d{1,2}日$")


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def heading_level(line: str) -> int:
    for level, rx in LEVELS:
        if rx.match(line):
            return level
    return 0


def _signature_start(paras: list[str]) -> int:
    """Index of the first 落款 line among the trailing short lines."""
    i = len(paras)
    while i > 1 and len(paras[i - 1]) <= 30 and _SIGNATURE.search(paras[i - 1]):
        i -= 1
    return i


# ---------------------------------------------------------------- md

def to_md(text: str, path) -> Path:
    paras = paragraphs(text)
    out = ["---", "title: report", "---", "", f"# {paras[0]}", ""]
    linked = False
    for p in paras[1:]:
        level = heading_level(p)
        if level == 1:
            out.append(f"## {p}")
        elif level == 2:
            m = LEVELS[1][1].match(p)
            rest = p[m.end():]
            out.append(f"### {p[:m.end()]}**{rest}**" if rest else f"### {p}")
        else:
            if not linked and "《" in p:
                p = re.sub(r"(《[^》]+》)", r"[\1](https://www.example.gov.cn/fg.html)", p,
                           count=1)
                linked = True
            out.append(p)
        out.append("")
    out += ["<!-- 编辑备注：内部使用 -->", "```text", "这是代码块，不属于报告", "```", ""]
    path = Path(path)
    path.write_text("\n".join(out), encoding="utf-8")
    return path


# ---------------------------------------------------------------- html

def to_html(text: str, path, encoding: str = "utf-8", br: bool = False) -> Path:
    paras = paragraphs(text)
    title, body = paras[0], paras[1:]
    sig = _signature_start(body)
    esc = _html.escape
    if br:
        content = "<br>\n".join("\u3000\u3000" + esc(p) for p in body)
        content = f"<div class=\"TRS_Editor\">{content}<br></div>"
    else:
        ps = []
        for i, p in enumerate(body):
            style = "text-align:right" if i >= sig else "text-indent:2em"
            inner = esc(p)
            if heading_level(p) == 1:
                inner = f"<strong>{inner}</strong>"
            ps.append(f'<p style="{style}">{inner}</p>')
        content = ('<div class="TRS_Editor"><div class="Custom_UnionStyle">\n'
                   + "\n".join(ps) + "\n</div></div>")
    charset = encoding.lower()
    meta = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            if charset.startswith("gb") else f'<meta charset="{charset}">')
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{meta}
<title>{esc(title)}_徐闻县人民政府门户网站</title>
<link rel="stylesheet" href="/css/style.css">
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.nav li {{ float: left; }}</style>
</head>
<body>
<div class="top-bar">欢迎访问徐闻县人民政府门户网站 | 无障碍浏览 | 长者模式 | 登录</div>
<div class="header"><h1 class="logo">徐闻县人民政府</h1>
<form class="search"><input type="text" value="请输入关键字"><button>搜索</button></form></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li>
<li><a href="/zjxw">走进徐闻</a></li></ul></div>
<div class="main">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<div class="article">
<div class="article-title"><h1>{esc(title)}</h1></div>
<div class="article-info">发布时间：2025-01-10 09:30　来源：徐闻县司法局　浏览次数：1024
【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div id="zoom" class="article-content">
{content}
</div>
<div class="article-share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="article-tools">【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</div>
<div class="article-qr">扫一扫在手机打开当前页</div>
<div class="article-pager"><p>上一篇：关于开展2024年度普法考试的通知</p>
<p>下一篇：2024年政府信息公开工作年度报告</p></div>
</div>
<div class="sidebar"><h3>相关新闻</h3><ul><li>我县召开法治政府建设推进会</li>
<li>县司法局开展法治宣传进乡村活动</li></ul></div>
</div>
<div id="footer"><p>主办单位：徐闻县人民政府办公室　承办：徐闻县政务服务数据管理局</p>
<p>版权所有：徐闻县人民政府　粤ICP备12345678号　网站标识码：4408250001</p></div>
</body>
</html>
"""
    path = Path(path)
    path.write_bytes(page.encode(encoding, errors="xmlcharrefreplace"))
    return path


# ---------------------------------------------------------------- docx

def _numbering_definition(doc, markers: dict[int, str]) -> str:
    """Add an abstractNum + num for levels 1-3 to the document; return the numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    part = doc.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in part.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in part.findall(qn("w:num"))]
    aid, nid = max(abstract_ids, default=0) + 1, max(num_ids, default=0) + 1
    fmts = {1: "chineseCounting", 2: "chineseCounting", 3: "decimal"}
    lvls = []
    for ilvl in range(3):
        level = ilvl + 1
        text = markers.get(level, {1: "%1、", 2: "（%2）", 3: "%3."}[level])
        lvls.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmts[level]}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:suff w:val="nothing"/></w:lvl>')
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
                         f'<w:multiLevelType w:val="multilevel"/>{"".join(lvls)}'
                         f'</w:abstractNum>')
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}">'
                    f'<w:abstractNumId w:val="{aid}"/></w:num>')
    first_num = part.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        part.append(abstract)
    part.append(num)
    return str(nid)


def _marker_template(line: str, level: int) -> str:
    m = LEVELS[level - 1][1].match(line)
    if level == 2:
        return f"{m.group(1)}%2{m.group(3)}"
    return f"%{level}{m.group(2)}"


def to_docx(text: str, path, numbering: bool = False) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    paras = paragraphs(text)
    doc = docx.Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "徐闻县人民政府文件"
    section.footer.paragraphs[0].text = "- 1 -"
    title = doc.add_paragraph(paras[0], style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("")                        # an empty spacing paragraph
    nid = None
    if numbering:
        markers: dict[int, str] = {}
        for p in paras[1:]:
            level = heading_level(p)
            if level and level not in markers:
                markers[level] = _marker_template(p, level)
        nid = _numbering_definition(doc, markers)
    sig = _signature_start(paras[1:]) + 1
    for i, p in enumerate(paras[1:], 1):
        level = heading_level(p)
        style = f"Heading {level}" if level and len(p) <= 40 else None
        if numbering and level:
            m = LEVELS[level - 1][1].match(p)
            para = doc.add_paragraph(p[m.end():], style=style)
            ppr = para._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/>'
                                 f'<w:numId w:val="{nid}"/></w:numPr>'))
        else:
            para = doc.add_paragraph(p, style=style)
        if i >= sig:
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif not style:
            para.paragraph_format.first_line_indent = Pt(32)
    path = Path(path)
    doc.save(str(path))
    return path


# ---------------------------------------------------------------- pdf

FONT = "STSong-Light"


def pdf_available() -> str | None:
    """None when to_pdf can run, else the reason it cannot (for pytest.skip)."""
    try:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    except ImportError:
        return "reportlab is not installed (pip install reportlab) - needed to write test PDFs"
    try:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    except Exception as exc:        # pragma: no cover - reportlab without CJK CID data
        return f"reportlab has no CJK CID font {FONT}: {exc}"
    return None


def _wrap(text: str, width: float, first_indent: float, size: float) -> list[tuple[float, str]]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, cur, indent = [], "", first_indent
    for ch in text:
        if stringWidth(cur + ch, FONT, size) > width - indent and cur:
            lines.append((indent, cur))
            cur, indent = "", 0.0
        cur += ch
    if cur:
        lines.append((indent, cur))
    return lines


def to_pdf(text: str, path, pages_header: str = "徐闻县人民政府文件") -> Path:
    reason = pdf_available()
    if reason:
        raise RuntimeError(reason)
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    paras = paragraphs(text)
    width, height = A4
    left, right, top, bottom = 80.0, 80.0, 90.0, 80.0
    usable = width - left - right
    size, leading = 14.0, 24.0
    c = canvas.Canvas(str(path), pagesize=A4)
    state = {"page": 1, "y": height - top}

    def furniture() -> None:
        c.setFont(FONT, 10)
        c.drawCentredString(width / 2, height - 50, pages_header)
        c.drawCentredString(width / 2, 40, f"- {state['page']} -")

    def new_page() -> None:
        c.showPage()
        state["page"] += 1
        state["y"] = height - top
        furniture()

    furniture()
    # A first paragraph too long for a title (a report exported as one line) is body
    # text: set in 20 pt it would run off the page.
    start = 1 if len(paras[0]) <= 60 else 0
    if start:
        for _, line in _wrap(paras[0], usable, 0.0, 20.0):
            c.setFont(FONT, 20)
            c.drawCentredString(width / 2, state["y"], line)
            state["y"] -= leading * 1.4
        state["y"] -= leading * 0.6
    sig = _signature_start(paras[start:]) + start if len(paras) > 1 else len(paras)
    for i, p in enumerate(paras[start:], start):
        if i >= sig:
            if state["y"] < bottom:
                new_page()
            c.setFont(FONT, size)
            c.drawRightString(width - right, state["y"], p)
            state["y"] -= leading
            continue
        for indent, line in _wrap(p, usable, 2 * size, size):
            if state["y"] < bottom:
                new_page()
            c.setFont(FONT, size)
            c.drawString(left + indent, state["y"], line)
            state["y"] -= leading
    c.showPage()
    c.save()
    return Path(path)
