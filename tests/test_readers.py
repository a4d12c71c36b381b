"""Readers for md, html, docx and pdf: each format round-trips a report to the same
non-empty lines, boilerplate and page furniture are gone, bad inputs fail in one line."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from lawcheck.model import LawcheckError
from lawcheck.read import read_bytes, read_path

import helpers_formats as hf

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "reports"

REPORT = """清河县司法局2024年法治政府建设年度报告

2024年，县司法局在县委、县政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面落实《法治政府建设实施纲要（2021-2025年）》，统筹推进科学立法、严格执法、公正司法、全民守法，法治政府建设取得新进展。现将有关情况报告如下：
一、2024年推进法治政府建设的主要举措和成效
（一）深入学习贯彻习近平法治思想
1.强化理论学习。把习近平法治思想纳入局党组理论学习中心组年度学习计划，全年开展专题学习8次、研讨交流3次，组织干部职工参加法治理论知识考试，参考率和合格率均达到100%，推动学习成果转化为推进法治建设的实际成效
2.加强宣传宣讲。组建法治宣讲团深入机关、乡村、社区、学校、企业开展宣讲活动46场次，覆盖群众1.2万人次，制作法治宣传短视频12部，在县融媒体中心开设“以案说法”专栏，全年刊播节目52期。
（二）严格规范公正文明执法
1.全面落实行政执法“三项制度”。指导全县28个行政执法部门公示执法信息2300余条，重大执法决定法制审核率达100%，执法全过程记录覆盖现场检查、调查取证、告知送达等全部环节。
2.开展行政执法案卷评查。抽查行政处罚和行政许可案卷120卷，发现并督促整改问题36个，印发评查通报2期，对评查中发现的共性问题组织专题培训，执法人员培训覆盖率达到100%。
二、党政主要负责人履行推进法治建设第一责任人职责情况
局党组书记、局长认真履行推进法治建设第一责任人职责，年内主持召开党组会议专题研究法治政府建设工作5次，带头开展年终述法，带头旁听庭审，带头参加学法考试，对重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。
三、存在的不足和原因
一是法治宣传的针对性和实效性还需提升，部分群众法治意识仍然不强；二是基层执法人员专业能力参差不齐，执法规范化水平有待进一步提高；三是行政复议纠错和监督功能发挥还不够充分。
四、2025年推进法治政府建设的主要安排
（一）持续深化习近平法治思想学习宣传贯彻，推动领导干部应知应会法律法规清单落地落实，提升干部运用法治思维和法治方式的能力。
（二）持续加强行政执法监督，深化行政执法规范化建设，常态化开展案卷评查和执法监督检查，切实提升严格规范公正文明执法水平。
清河县司法局
2025年1月15日
"""


def norm(lines: list[str]) -> list[str]:
    """Non-empty lines with all whitespace removed."""
    return [s for s in (re.sub(r"\s+", "", line) for line in lines) if s]


def texts() -> list[tuple[str, str]]:
    out = [("report", REPORT)]
    if CORPUS.is_dir():
        for p in sorted(CORPUS.glob("*.txt"))[:2]:
            out.append((p.stem, p.read_text(encoding="utf-8")))
    return out


TEXTS = texts()
IDS = [t[0] for t in TEXTS]


def expect_error(path: Path, *words: str) -> LawcheckError:
    with pytest.raises(LawcheckError) as info:
        read_path(str(path))
    msg = str(info.value)
    assert "\n" not in msg and msg.startswith(str(path)), msg
    for w in words:
        assert w.lower() in msg.lower(), msg
    return info.value


# ---------------------------------------------------------------- markdown

@pytest.mark.parametrize("name,text", TEXTS, ids=IDS)
def test_md_round_trip(tmp_path, name, text):
    path = hf.to_md(text, tmp_path / "r.md")
    doc = read_path(str(path))
    assert doc.format == "md" and doc.encoding == "utf-8"
    assert norm(doc.lines) == norm(text.splitlines())
    # blanked, not deleted: line numbers still match the .md file
    assert len(doc.lines) == len(path.read_text(encoding="utf-8").splitlines())


def test_md_markup_is_stripped(tmp_path):
    md = "\n".join([
        "# 标题报告", "", "## 一、**主要**成效", "- 落实[《纲要》](http://x.cn/a)要求",
        "* 第二条 *强调*", "1. 完善制度", "> 引用的段落", "", "| 项目 | 数量 |",
        "|---|:---:|", "| 培训 | 12次 |", "", "```", "code = 1", "```",
        "`行内代码`与\\*星号", "***", "![图片说明](img.png)", "[ref]: http://x.cn",
        "~~删除~~保留", "<span>标签</span>内容", "设置标题", "====",
    ])
    path = tmp_path / "m.md"
    path.write_text(md, encoding="utf-8")
    lines = read_path(str(path)).lines
    assert len(lines) == len(md.splitlines())
    assert lines[0] == "标题报告"
    assert lines[2] == "一、主要成效"
    assert lines[3] == "落实《纲要》要求"
    assert lines[4] == "第二条 强调"
    assert lines[5] == "1. 完善制度"
    assert lines[6] == "引用的段落"
    assert lines[8] == "项目 数量" and lines[9] == "" and lines[10] == "培训 12次"
    assert lines[12:15] == ["", "", ""]
    assert lines[15] == "行内代码与*星号"
    assert lines[16] == "" and lines[17] == "图片说明" and lines[18] == ""
    assert lines[19] == "删除保留" and lines[20] == "标签内容"
    assert lines[21] == "设置标题" and lines[22] == ""


def test_md_gbk_decodes(tmp_path):
    path = tmp_path / "g.md"
    path.write_bytes("# 报告\n\n一、**成效**\n".encode("gbk"))
    doc = read_path(str(path))
    assert doc.encoding == "gb18030" and doc.lines == ["报告", "", "一、成效"]


# ---------------------------------------------------------------- html

BOILERPLATE = ("字体", "打印", "关闭", "上一篇", "下一篇", "当前位置", "首页", "分享",
               "扫一扫", "相关新闻", "版权所有", "发布时间", "统计代码", "搜索", "微博")


@pytest.mark.parametrize("encoding,br", [("utf-8", False), ("gbk", False), ("gb2312", True),
                                         ("utf-8", True)])
@pytest.mark.parametrize("name,text", TEXTS, ids=IDS)
def test_html_round_trip(tmp_path, name, text, encoding, br):
    path = hf.to_html(text, tmp_path / "r.html", encoding=encoding, br=br)
    doc = read_path(str(path))
    assert doc.format == "html"
    assert doc.encoding == encoding
    assert norm(doc.lines) == norm(text.splitlines())
    for line in doc.lines:
        assert not any(b in line for b in BOILERPLATE if b not in text), line


def test_html_gbk_without_charset_is_detected(tmp_path):
    page = ("<html><body><div class='nav'>首页 政务公开</div>"
            "<div><p>清河县2024年法治政府建设年度报告</p><p>一、主要举措和成效</p>"
            "<p>全年开展专题学习8次，组织法治宣讲活动46场次。</p></div></body></html>")
    path = tmp_path / "p.htm"
    path.write_bytes(page.encode("gbk"))
    doc = read_path(str(path))
    assert doc.encoding == "gb18030"
    assert doc.lines == ["清河县2024年法治政府建设年度报告", "一、主要举措和成效",
                         "全年开展专题学习8次，组织法治宣讲活动46场次。"]


def test_html_body_without_cms_names_and_table(tmp_path):
    """No telling id/class: the element with the most CJK paragraph text wins; a table
    row becomes one line; <title> supplies the report title."""
    page = """<html><head><meta charset="utf-8">
<title>某镇2024年法治政府建设工作报告-某镇人民政府</title></head><body>
<ul><li><a>机构概况</a></li><li><a>政务公开专栏内容很多很多</a></li></ul>
<div><div>
<p>　　2024年，我镇坚持以习近平法治思想为指导，扎实推进法治政府建设。</p>
<p>一、主要成效</p><p>（一）完善依法决策机制，重大行政决策全部经过合法性审查。</p>
<table><tr><td>指标</td><td>数量</td></tr><tr><td>普法活动</td><td>20场</td></tr></table>
<p>二、存在不足</p><p>基层法治力量仍然薄弱，需要进一步加强。</p></div>
<div>相关链接：某县人民政府</div></div></body></html>"""
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    assert read_path(str(path)).lines == [
        "某镇2024年法治政府建设工作报告",
        "2024年，我镇坚持以习近平法治思想为指导，扎实推进法治政府建设。", "一、主要成效",
        "（一）完善依法决策机制，重大行政决策全部经过合法性审查。", "指标 数量", "普法活动 20场",
        "二、存在不足", "基层法治力量仍然薄弱，需要进一步加强。"]


def test_html_empty_body(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title><script>var a='中文';</script></head>"
                    "<body><div class='nav'>首页</div></body></html>", encoding="utf-8")
    expect_error(path, "no report text")


# ---------------------------------------------------------------- docx

@pytest.mark.parametrize("numbering", [False, True])
@pytest.mark.parametrize("name,text", TEXTS, ids=IDS)
def test_docx_round_trip(tmp_path, name, text, numbering):
    path = hf.to_docx(text, tmp_path / "r.docx", numbering=numbering)
    doc = read_path(str(path))
    assert doc.format == "docx" and doc.encoding == "docx"
    assert norm(doc.lines) == norm(text.splitlines())
    assert "徐闻县人民政府文件" not in doc.lines          # running header is not body
    assert doc.locations is not None and len(doc.locations) == len(doc.lines)
    assert doc.locations[0] == "¶1"


def test_docx_numbering_shows_markers(tmp_path):
    path = hf.to_docx(REPORT, tmp_path / "n.docx", numbering=True)
    with zipfile.ZipFile(path) as zf:            # the markers really are Word numbering
        body = zf.read("word/document.xml").decode("utf-8")
    assert "一、" not in body and "（一）" not in body and "w:numPr" in body
    lines = read_path(str(path)).lines
    for heading in ("一、2024年推进", "（一）深入学习", "1.强化理论", "2.加强宣传", "（二）严格",
                    "1.全面落实", "二、党政主要", "三、存在", "四、2025年", "（二）持续加强"):
        assert any(re.sub(r"\s", "", line).startswith(heading) for line in lines), heading


def test_docx_table_in_document_order(tmp_path):
    import docx
    d = docx.Document()
    d.add_paragraph("一、主要成效")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate([("指标", "2023年", "2024年"), ("普法活动", "18场", "20场")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("二、存在不足")
    path = tmp_path / "t.docx"
    d.save(str(path))
    doc = read_path(str(path))
    assert doc.lines == ["一、主要成效", "指标 2023年 2024年", "普法活动 18场 20场", "二、存在不足"]
    assert doc.locations == ["¶1", "table 1 row 1", "table 1 row 2", "¶2"]


def test_number_formats():
    from lawcheck.readers.docx import format_number
    cn = [format_number(n, "chineseCounting") for n in (1, 9, 10, 11, 20, 21, 100, 105, 110)]
    assert cn == ["一", "九", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十"]
    assert format_number(12, "chineseCountingThousand") == "十二"
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(4, "upperRoman") == "IV" and format_number(2, "lowerLetter") == "b"
    assert format_number(11, "chineseLegalSimplified") == "壹拾壹"


def test_docx_truncated(tmp_path):
    data = hf.to_docx(REPORT, tmp_path / "r.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    expect_error(path, "damaged")


def test_zip_that_is_not_docx(tmp_path):
    path = tmp_path / "notes.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "这不是一个Word文档")
    expect_error(path, "not a Word")


def test_odt_is_named(tmp_path):
    path = tmp_path / "r.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    expect_error(path, "OpenDocument")


def test_zip_bomb(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("word/document.xml", b"\0" * (24 * 1024 * 1024))
    expect_error(path, "zip bomb")


def test_zip_over_total_limit(tmp_path, monkeypatch):
    from lawcheck.readers import _common
    monkeypatch.setattr(_common, "MAX_UNCOMPRESSED", 1024)
    path = hf.to_docx(REPORT, tmp_path / "r.docx")
    expect_error(path, "limit")


def test_legacy_doc(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    expect_error(path, ".doc", "docx")


# ---------------------------------------------------------------- pdf

def _need_pdf():
    reason = hf.pdf_available()
    if reason:
        pytest.skip(reason)


@pytest.mark.parametrize("name,text", TEXTS, ids=IDS)
def test_pdf_round_trip(tmp_path, name, text):
    _need_pdf()
    if "·" in text:    # U+00B7 is dropped by pdfminer for reportlab's non-embedded CID font
        text = text.replace("·", "")
    path = hf.to_pdf(text, tmp_path / "r.pdf")
    doc = read_path(str(path))
    assert doc.format == "pdf" and doc.encoding == "pdf"
    assert norm(doc.lines) == norm(text.splitlines())
    assert len(doc.locations) == len(doc.lines) and doc.locations[0] == "p.1 ¶1"


def test_pdf_furniture_dropped_and_lines_rejoined(tmp_path):
    _need_pdf()
    path = hf.to_pdf(REPORT, tmp_path / "r.pdf")
    doc = read_path(str(path))
    pages = {loc.split()[0] for loc in doc.locations}
    assert len(pages) >= 2                                # the report spans pages
    assert not any("人民政府文件" in line for line in doc.lines)
    assert not any(re.fullmatch(r"-\s*\d+\s*-", line) for line in doc.lines)
    assert any(line.startswith("一、") for line in doc.lines)
    # the long paragraph wrapped over several PDF lines comes back as one line
    assert any(line.startswith("1.强化理论学习") and line.endswith("实际成效")
               for line in doc.lines)


def test_pdf_issuer_above_the_title_and_in_the_signature_is_kept(tmp_path):
    _need_pdf()
    # the same line at the top of page 1 and at the bottom of the last page is not a
    # running header: headers repeat at the same edge of the pages
    body = "\n".join(f"　　{k}.全年办理行政许可事项{k * 10}件,按期办结率100%。" for k in range(1, 90))
    text = ("某某开发区管理委员会\n关于2022年度法治政府建设情况的报告\n某市人民政府:\n" + body
            + "\n某某开发区管理委员会\n2023年2月24日\n")
    doc = read_path(str(hf.to_pdf(text, tmp_path / "r.pdf")))
    assert len({loc.split()[0] for loc in doc.locations}) >= 3
    assert doc.lines[0] == "某某开发区管理委员会" and doc.lines[-2] == "某某开发区管理委员会"


def test_pdf_page_number_patterns():
    from lawcheck.readers.pdf import _PAGE_NUMBER
    for s in ("- 3 -", "— 12 —", "第3页", "第 3 页 共 10 页", "3/10", "12", "Page 4", "－ 5 －"):
        assert _PAGE_NUMBER.match(s), s
    for s in ("2024年", "一、总体情况", "3.5亿元"):
        assert not _PAGE_NUMBER.match(s), s


def test_pdf_corrupt(tmp_path):
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a pdf\n%%EOF")
    expect_error(path, "PDF")


def test_pdf_scanned(tmp_path):
    _need_pdf()
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(Image.new("L", (40, 60), 200)), 50, 50, 400, 600)
    c.showPage()
    c.save()
    expect_error(path, "scanned", "OCR")


def test_pdf_encrypted(tmp_path):
    _need_pdf()
    from reportlab.pdfgen import canvas
    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt="secret")
    c.setFont(hf.FONT, 12)
    c.drawString(72, 700, "一、主要成效")
    c.showPage()
    c.save()
    expect_error(path, "password")


def test_errors_name_the_file_when_read_from_bytes():
    with pytest.raises(LawcheckError) as info:
        read_bytes(b"PK\x03\x04" + b"\0" * 100, "in.docx")
    assert str(info.value).startswith("in.docx: ") and "\n" not in str(info.value)


def test_docx_numbering_from_heading_style(tmp_path):
    """WPS/Word often number headings through the style: Heading 1 carries the numPr."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    d = docx.Document()
    nid = hf._numbering_definition(d, {1: "%1、", 2: "（%2）"})
    for style, ilvl in (("Heading 1", 0), ("Heading 2", 1)):
        ppr = d.styles[style].element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                             f'<w:numId w:val="{nid}"/></w:numPr>'))
    for text, style in (("报告", "Title"), ("成效", "Heading 1"), ("学习", "Heading 2"),
                        ("执法", "Heading 2"), ("不足", "Heading 1"), ("原因", "Heading 2")):
        d.add_paragraph(text, style=style)
    path = tmp_path / "s.docx"
    d.save(str(path))
    assert read_path(str(path)).lines == ["报告", "一、成效", "（一）学习", "（二）执法",
                                          "二、不足", "（一）原因"]


def test_html_td_layout_with_br_and_site_title(tmp_path):
    """An old table-layout page: the body is <br>-separated text in a <td>; <title> is
    only the site name, so no title line is invented."""
    page = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某县人民政府门户网站</title></head><body><table><tr><td class="menu">首页 | 政务公开 | 办事服务</td></tr>
<tr><td><font size="3">&nbsp;&nbsp;某县2024年法治政府建设情况报告<br>
&nbsp;&nbsp;一、主要成效<br>&nbsp;&nbsp;全年办理行政复议案件32件，
纠错率达到15%。<br>&nbsp;&nbsp;二、存在问题<br>&nbsp;&nbsp;执法人员力量不足。<br></font></td></tr>
<tr><td>【<a>打印本页</a>】【<a>关闭窗口</a>】</td></tr></table></body></html>"""
    path = tmp_path / "old.html"
    path.write_bytes(page.encode("gbk"))
    doc = read_path(str(path))
    assert doc.encoding == "gb2312"
    assert doc.lines == ["某县2024年法治政府建设情况报告", "一、主要成效",
                         "全年办理行政复议案件32件，纠错率达到15%。", "二、存在问题", "执法人员力量不足。"]


# ---------------------------------------------------------------- spaces between CJK words

TERM_LIST = ("一、主要成效\n依法行政 法治思维 法治方式 督察工作规定\n"
             "全年全县各级行政机关依法办理各类行政复议和行政应诉案件1234567890123456789012345678件，纠错率达到15%，组织执法培训6期。\n")


def test_html_keeps_spaces_between_cjk_words(tmp_path):
    """A space the page really has between CJK words separates them (keyword lists are
    detected by it); a source line break inside a paragraph is no space (CSS rule)."""
    page = ("<html><body><div class='TRS_Editor'><p>依法行政 法治思维&nbsp;法治方式</p>"
            "<p>全年办理行政复议案件32件，\n纠错率达到15%。</p></div></body></html>")
    path = tmp_path / "s.html"
    path.write_text(page, encoding="utf-8")
    assert read_path(str(path)).lines == ["依法行政 法治思维 法治方式",
                                          "全年办理行政复议案件32件，纠错率达到15%。"]


def test_pdf_keeps_real_spaces_and_whole_numbers(tmp_path):
    """Space glyphs the PDF draws stay (one each); spaces pdfminer infers between CJK
    glyphs go; a number split by the line wrap is joined without a space."""
    _need_pdf()
    text = "某县2024年法治政府建设年度报告\n" + TERM_LIST * 3
    doc = read_path(str(hf.to_pdf(text, tmp_path / "s.pdf")))
    assert "依法行政 法治思维 法治方式 督察工作规定" in doc.lines
    numbers = [line for line in doc.lines if line.startswith("全年全县")]
    assert numbers and all("1234567890123456789012345678件" in line for line in numbers), numbers


def test_encoding_guess_counts_in_c_as_the_loops_did():
    """read.py's control-byte count and private-use test (C calls, fastbatch) give the
    answers of the character loops they replaced, on every byte and code point range."""
    import random

    from lawcheck.read import _PRIVATE_USE, _looks_binary
    rng = random.Random(11)
    samples = [bytes(range(256)) * 40, b"", b"\x01" * 10, "报告正文".encode("gb18030") * 900]
    samples += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 9000))) for _ in range(60)]
    samples += [bytes(rng.choice(b"\x01\x07\x0b\x1f abc") for _ in range(500)) for _ in range(30)]
    for data in samples:
        sample = data[:8192]
        old = b"\x00" in sample or sum(1 for b in sample if b < 9 or 13 < b < 32) > len(sample) * 0.05
        assert _looks_binary(data) == old
    for cp in [*range(0xDFF0, 0xE010), *range(0xF8F0, 0xF910), 0x4E00, 0x41]:
        text = "正文" + chr(cp) + "报告"
        assert bool(_PRIVATE_USE.search(text)) == any("\ue000" <= ch <= "\uf8ff" for ch in text)
