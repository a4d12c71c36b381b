"""The reviewer's desk: the Word review copy (`--format docx -o`) and the HTML review page
for one report (`--format html`).

Word copy: one comment per applicable weak/missing item plus a summary, each anchored to
a paragraph (range start, end and reference in it), the paragraphs' text unchanged, for
docx input (the same document) and txt input (a new one). HTML: the whole text, one mark
per cited passage, escaped. With LibreOffice / Chromium present: a real conversion / a
real page with a click."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

import helpers_formats as hf
from lawcheck.check import check_path, check_text
from lawcheck.normalize import normalize
from lawcheck.render import BINARY_FORMATS, FORMATS, renderer
from lawcheck.render._review import notes, part_line, span

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "fixtures" / "reports"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SHORT = REPORTS / "town-short-2024.txt"          # weak and missing items, causes missing
MERGED = REPORTS / "county-merged-2023.txt"      # weak items with evidence


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawcheck.cli", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd or ROOT)


def _findings(report):
    return [it for it in report.items if it.applicable and it.status in ("weak", "missing")]


def _key(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text))


def _comments(path: Path) -> tuple[list, dict[int, str]]:
    """(python-docx Document, {comment id: text of the paragraph it is anchored in})."""
    import docx
    doc = docx.Document(str(path))
    anchored: dict[int, str] = {}
    for p in doc.element.body.iter(W + "p"):
        starts = {int(e.get(W + "id")) for e in p.iter(W + "commentRangeStart")}
        ends = {int(e.get(W + "id")) for e in p.iter(W + "commentRangeEnd")}
        refs = {int(e.get(W + "id")) for e in p.iter(W + "commentReference")}
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        for cid in starts:
            assert cid in ends and cid in refs, "a comment range must close in its paragraph"
            anchored[cid] = text
    return doc, anchored


def _check_copy(report, out: Path, texts_before: list[str]) -> dict[str, str]:
    """Assert the review copy's shape; return {item id or 'summary': anchored text}."""
    doc, anchored = _comments(out)
    comments = list(doc.comments)
    bad = _findings(report)
    assert len(comments) == len(bad) + 1
    assert [p.text for p in doc.paragraphs] == texts_before          # text untouched
    by_item = {}
    for c in comments:
        assert c.comment_id in anchored and anchored[c.comment_id].strip()
        assert c.author == "lawcheck"
        m = re.match(r"【(薄弱|缺失)】.*（([a-z_]+\.[a-z_]+)）", c.text)
        if m:
            it = report.item(m.group(2))
            assert m.group(1) == {"weak": "薄弱", "missing": "缺失"}[it.status]
            assert "原因：" in c.text and ("建议：" in c.text or "合格要求：" in c.text)
            by_item[it.id] = anchored[c.comment_id]
        else:
            assert c.text.startswith("lawcheck 审阅摘要：得分") and f"等级 {report.grade}" in c.text
            by_item["summary"] = anchored[c.comment_id]
    assert set(by_item) == {it.id for it in bad} | {"summary"}
    first = next(t for t in texts_before if t.strip())
    assert by_item["summary"] == first
    return by_item


def test_docx_is_a_binary_format():
    assert "docx" in FORMATS and "docx" in BINARY_FORMATS
    assert hasattr(renderer("docx"), "render_bytes")


def test_review_copy_of_a_docx_keeps_the_document(tmp_path):
    src = hf.to_docx(MERGED.read_text(encoding="utf-8"), tmp_path / "in.docx", numbering=True)
    report = check_path(str(src))
    assert _findings(report), "the fixture should have findings"
    out = tmp_path / "审阅稿.docx"
    out.write_bytes(renderer("docx").render_bytes([report]))
    import docx
    before = docx.Document(str(src))
    by_item = _check_copy(report, out, [p.text for p in before.paragraphs])
    # The rest of the package is the original: header, numbering, styles.
    zin, zout = zipfile.ZipFile(src), zipfile.ZipFile(out)
    assert set(zout.namelist()) == set(zin.namelist()) | {"word/comments.xml"}
    for name in ("word/numbering.xml", "word/header1.xml", "word/styles.xml"):
        assert zout.read(name) == zin.read(name)
    for it in _findings(report):                 # weak: at the evidence's paragraph
        if it.status == "weak" and it.evidence:
            ev = it.evidence[0]
            cited, anchor = _key(ev.text.strip("…"))[:10], _key(by_item[it.id])
            assert cited in anchor or anchor in cited, it.id      # (Word draws "（二）")
    # The copy reads back as the same report.
    again = check_path(str(out))
    assert again.score == report.score and again.document.lines == report.document.lines


def test_review_copy_of_a_txt_is_a_new_docx(tmp_path):
    report = check_path(str(SHORT))
    out = tmp_path / "review.docx"
    out.write_bytes(renderer("docx").render_bytes([report]))
    lines = [l.strip() for l in SHORT.read_text(encoding="utf-8").splitlines() if l.strip()]
    by_item = _check_copy(report, out, lines)
    assert report.item("structure.causes").status == "missing"
    assert by_item["structure.causes"] == "二、存在的不足"        # at the shortcomings heading
    import docx
    doc = docx.Document(str(out))
    styles = {p.text: p.style.name for p in doc.paragraphs}
    assert styles[lines[0]] == "Title" and styles["二、存在的不足"].startswith("Heading")
    # Deterministic: no comment dates, fixed zip times.
    assert out.read_bytes() == renderer("docx").render_bytes([check_path(str(SHORT))])


def test_missing_items_go_where_they_belong():
    report = check_path(str(SHORT))
    lines = [line.strip() for line in report.document.lines]
    at = {n.item.id: (n.line, n.at_evidence) for n in notes(report)}
    assert lines[at["structure.causes"][0] - 1] == "二、存在的不足"
    assert lines[at["disputes.litigation"][0] - 1].startswith("（五）化解矛盾纠纷")
    assert lines[at["governance.openness"][0] - 1] == "一、主要工作及成效"
    assert at["enforcement.publicity"] == (report.item("enforcement.publicity").evidence[0].line, True)
    assert part_line(report, report.item("meta.title")) == 1


def test_hint_is_used_when_present(tmp_path):
    report = check_path(str(SHORT))
    report.item("structure.causes").hint = "在“存在的不足”部分后写明问题的原因。"
    out = tmp_path / "r.docx"
    out.write_bytes(renderer("docx").render_bytes([report]))
    doc, _ = _comments(out)
    text = next(c.text for c in doc.comments if "structure.causes" in c.text)
    assert "建议：在“存在的不足”部分后写明问题的原因。" in text and "合格要求" not in text


def test_cli_docx_needs_an_output_file(tmp_path):
    p = run(str(SHORT), "--format", "docx")
    assert p.returncode == 2 and p.stdout == "" and p.stderr.count("\n") == 1
    assert "-o" in p.stderr
    p = run(str(SHORT), str(MERGED), "--format", "docx", "-o", str(tmp_path / "x.docx"))
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and not (tmp_path / "x.docx").exists()
    out = tmp_path / "审阅稿.docx"
    p = run(str(SHORT), "--format", "docx", "-o", str(out))
    assert p.returncode == 1 and p.stdout == ""              # the gate: causes missing
    assert zipfile.is_zipfile(out) and sorted(tmp_path.iterdir()) == [out]   # no temp left
    bad = run(str(tmp_path / "nope.txt"), "--format", "docx", "-o", str(out))
    assert bad.returncode == 2 and out.exists()               # earlier output left as it was


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal")
def test_cli_docx_never_goes_to_a_terminal():
    import os
    master, slave = os.openpty()
    try:
        p = run(str(SHORT), "--format", "docx", "-o", os.ttyname(slave))
    finally:
        os.close(master)
        os.close(slave)
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "-o" in p.stderr


# ---------------------------------------------------------------- HTML review page

def _page(report) -> str:
    return renderer("html").render([report])


def _text_lines(page: str) -> list[str]:
    import lxml.html
    root = lxml.html.fromstring(page)
    return [el.text_content() for el in root.xpath('//main//div[contains(@class,"ln")]'
                                                    '/span[@class="tx"]')]


def test_review_page_has_the_whole_text_and_a_mark_per_passage():
    report = check_path(str(SHORT))
    page = _page(report)
    assert page.startswith("<!DOCTYPE html>") and 'id="report"' in page
    assert "<link" not in page and "<script src" not in page and "http://" not in page
    assert _text_lines(page) == report.document.lines
    expected = set()
    for it in report.items:
        if it.applicable and it.status in ("pass", "weak"):
            for ev in it.evidence:
                line = report.document.lines[ev.line - 1]
                expected.add((it.id, ev.line, span(line, ev) or line.strip()))
    marks = re.findall(r'<mark data-item="([^"]+)" class="(pass|weak)"', page)
    assert len(marks) == len(expected)
    assert {m[0] for m in marks} == {e[0] for e in expected}
    for it in _findings(report):                     # every finding listed with its reason
        assert f'id="item-{it.id}"' in page
    for it in report.items:
        if it.status == "missing" and it.applicable:
            assert f'id="gap-{it.id}"' in page       # shown where it belongs
    for label in ("通过", "薄弱", "缺失", "不适用"):
        assert label in page
    assert page == _page(check_path(str(SHORT)))      # deterministic
    from lawcheck.readers.html import GENERATOR
    assert GENERATOR in page[:4096]                   # never read back as a report


def test_review_page_marks_the_exact_span_and_escapes_text():
    text = SHORT.read_text(encoding="utf-8").replace(
        "柳塘镇2024年法治政府建设工作情况报告", "柳塘镇2024年法治政府建设工作情况报告<script>alert(1)</script>&", 1)
    report = check_text(text, name="x.txt")
    page = _page(report)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;&amp;" in page
    import lxml.html
    root = lxml.html.fromstring(page)
    it = report.item("enforcement.recording")
    ev = it.evidence[0]
    marked = [m.text_content() for m in root.xpath(f'//mark[@data-item="{it.id}"]')]
    assert any(_key(ev.text.strip("…")) == _key(m) for m in marked)
    # `column` (from the judge) wins over searching when given.
    line = report.document.lines[ev.line - 1]
    from lawcheck.model import Evidence
    col = line.index("执法记录仪") + 1
    assert span(line, Evidence(ev.line, "s", "执法记录仪", column=col)) == (col - 1, col + 4)
    tail = line.rstrip()[-6:]                        # a quote running on into the next line
    at = len(line.rstrip()) - 6
    assert span(line, Evidence(ev.line, "s", tail + "下一行的字", column=at + 1)) == (at, at + 6)


def test_batch_and_several_files_keep_the_summary_page():
    reports = [check_path(str(SHORT)), check_path(str(MERGED))]
    page = renderer("html").render(reports, single=False)
    assert 'id="ranking"' in page and "<mark" not in page


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.mark.skipif(_chromium() is None, reason="no chromium on PATH (optional: renders the page)")
def test_review_page_in_headless_chromium(tmp_path):
    out = tmp_path / "review.html"
    p = run(str(SHORT), "--format", "html", "-o", str(out))
    assert p.returncode == 1, p.stderr
    probe = ("<script>document.getElementById('item-enforcement.publicity').click();"
             "setTimeout(function(){var m=document.querySelector('mark.weak');"
             "var r=m.getBoundingClientRect();document.body.setAttribute('data-probe',"
             "[window.scrollY,Math.round(r.top),innerHeight,"
             "document.querySelector('.it.sel').id].join(','))},300)</script></body>")
    clicked = tmp_path / "clicked.html"
    clicked.write_text(out.read_text(encoding="utf-8").replace("</body>", probe), encoding="utf-8")
    profile = tempfile.mkdtemp(prefix="lawcheck-chromium-")
    base = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--window-size=1366,800",
            "--force-prefers-reduced-motion", "--virtual-time-budget=3000"]
    shot = tmp_path / "page.png"
    try:
        subprocess.run(base + [f"--screenshot={shot}", out.as_uri()], capture_output=True,
                       timeout=120)
        dom = subprocess.run(base + ["--dump-dom", clicked.as_uri()], capture_output=True,
                             text=True, timeout=120).stdout
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000
    m = re.search(r'data-probe="(\d+),(-?\d+),(\d+),([^"]+)"', dom)
    assert m, "the click script did not run"
    scroll, top, height, selected = int(m[1]), int(m[2]), int(m[3]), m[4]
    assert selected == "item-enforcement.publicity"
    assert scroll > 0 and 0 <= top <= height                 # scrolled to the passage


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="no LibreOffice (soffice) on PATH (optional: opens the Word copy)")
def test_review_copy_opens_in_libreoffice(tmp_path):
    src = hf.to_docx(MERGED.read_text(encoding="utf-8"), tmp_path / "in.docx")
    out = tmp_path / "review.docx"
    assert run(str(src), "--format", "docx", "-o", str(out)).returncode in (0, 1)
    profile = tempfile.mkdtemp(prefix="lawcheck-lo-")
    try:
        subprocess.run(["soffice", "--headless", "--norestore",
                        f"-env:UserInstallation=file://{profile}", "--convert-to",
                        'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
                        "--outdir", str(tmp_path), str(out)], capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = tmp_path / "review.pdf"
    assert pdf.exists() and pdf.read_bytes()[:4] == b"%PDF"
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text
    texts = []
    with pdf.open("rb") as fh:
        for page in PDFPage.create_pages(PDFDocument(PDFParser(fh))):
            for a in resolve1(page.annots) or []:
                a = resolve1(a)
                if resolve1(a.get("Subtype")).name == "Text":
                    texts.append(decode_text(resolve1(a.get("Contents"))))
    report = check_path(str(src))
    assert len(texts) == len(_findings(report)) + 1           # every comment made it
    assert any(t.startswith("lawcheck 审阅摘要") for t in texts)


def test_crossing_and_nested_passages_stay_well_formed():
    from lawcheck.render.review_html import _marked, _Span
    line = "甲乙丙丁戊己庚辛<&>"
    spans = [_Span(0, 5, "a.x", "weak", "t"), _Span(3, 8, "b.y", "pass", "t"),
             _Span(1, 2, "c.z", "pass", "t"), _Span(8, 11, "d.w", "pass", "t")]
    html = _marked(line, spans)
    assert html.count("<mark") == html.count("</mark>") == 4
    import lxml.html
    root = lxml.html.fromstring(f"<div>{html}</div>")
    got = {m.get("data-item"): m.text_content() for m in root.iter("mark")}
    assert got == {"a.x": "甲乙丙", "c.z": "乙", "b.y": "丁戊己庚辛", "d.w": "<&>"}
    assert root.text_content() == line


def test_review_copy_anchors_in_table_cells_and_hyperlinks(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    lines = [l.strip() for l in SHORT.read_text(encoding="utf-8").splitlines() if l.strip()]
    d = docx.Document()
    for line in lines:
        if line.startswith("（三）规范行政执法"):         # weak evidence, in a table's 2nd cell
            t = d.add_table(rows=1, cols=2)
            t.cell(0, 0).text, t.cell(0, 1).text = "执法", line
        elif line.startswith("（四）"):                  # text only inside a hyperlink
            p = d.add_paragraph()
            p._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")}><w:r><w:t>{line}</w:t>'
                                  "</w:r></w:hyperlink>"))
        else:
            d.add_paragraph(line)
    src = tmp_path / "table.docx"
    d.save(str(src))
    report = check_path(str(src))
    assert report.item("enforcement.publicity").evidence[0].location == "table 1 row 1"
    out = tmp_path / "out.docx"
    out.write_bytes(renderer("docx").render_bytes([report]))
    doc, anchored = _comments(out)
    assert len(doc.comments) == len(_findings(report)) + 1 == len(anchored)
    at = {re.search(r"（([a-z_.]+)）", c.text)[1]: anchored[c.comment_id]
          for c in doc.comments if c.text.startswith("【")}
    assert at["enforcement.publicity"].startswith("（三）规范行政执法")      # the cited cell
    assert at["review.legal_counsel"].startswith("（四）规范民主决策")        # in the hyperlink


@pytest.mark.parametrize("kind", ["md", "html", "pdf"])
def test_review_copy_of_other_formats(tmp_path, kind):
    if kind == "pdf" and hf.pdf_available():
        pytest.skip(hf.pdf_available())
    text = SHORT.read_text(encoding="utf-8")
    src = {"md": hf.to_md, "html": hf.to_html, "pdf": hf.to_pdf}[kind](text, tmp_path / f"r.{kind}")
    report = check_path(str(src))
    out = tmp_path / "r.docx"
    out.write_bytes(renderer("docx").render_bytes([report]))
    _check_copy(report, out, [l.strip() for l in report.document.lines if l.strip()])


def test_checking_a_review_copy_again_replaces_its_comments(tmp_path):
    """A drafter revises 审阅稿.docx and runs lawcheck on it again: the new copy carries
    this run's comments only (no second set), and a reviewer's own comments stay."""
    import docx
    src = hf.to_docx(MERGED.read_text(encoding="utf-8"), tmp_path / "in.docx")
    mine = docx.Document(str(src))
    first_para = next(p for p in mine.paragraphs if p.text.strip())
    mine.add_comment(first_para.runs, text="请补充数据", author="张审核", initials="ZS")
    mine.save(str(src))
    report = check_path(str(src))
    once = tmp_path / "审阅稿.docx"
    once.write_bytes(renderer("docx").render_bytes([report]))
    again_report = check_path(str(once))
    twice = tmp_path / "审阅稿2.docx"
    twice.write_bytes(renderer("docx").render_bytes([again_report]))
    n_ours = len(_findings(report)) + 1
    for out, expect in ((once, n_ours), (twice, n_ours)):
        doc, anchored = _comments(out)
        authors = [c.author for c in doc.comments]
        assert authors.count("lawcheck") == expect, out.name
        assert authors.count("张审核") == 1, out.name
        assert set(anchored) == {c.comment_id for c in doc.comments}   # no orphan marks
    assert [p.text for p in docx.Document(str(twice)).paragraphs] == \
        [p.text for p in docx.Document(str(src)).paragraphs]


def _range_texts(path: Path) -> dict[int, str]:
    """{comment id: the text between its range start and end}."""
    import docx
    doc = docx.Document(str(path))
    open_: set[int] = set()
    out: dict[int, str] = {}
    for el in doc.element.body.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "t"):
        if el.tag == W + "commentRangeStart":
            open_.add(int(el.get(W + "id")))
            out[int(el.get(W + "id"))] = ""
        elif el.tag == W + "commentRangeEnd":
            open_.discard(int(el.get(W + "id")))
        else:
            for cid in open_:
                out[cid] += el.text or ""
    return out


@pytest.mark.parametrize("kind", ["docx", "txt"])
def test_a_weak_items_comment_covers_the_cited_passage(tmp_path, kind):
    """Word highlights the sentence the verdict rests on, not the whole paragraph, and
    the document's text is unchanged by the split runs."""
    import docx
    text = MERGED.read_text(encoding="utf-8")
    src = hf.to_docx(text, tmp_path / "in.docx") if kind == "docx" else MERGED
    report = check_path(str(src))
    out = tmp_path / "审阅稿.docx"
    out.write_bytes(renderer("docx").render_bytes([report]))
    ranges = _range_texts(out)
    doc = docx.Document(str(out))
    by_item = {}
    for c in doc.comments:
        m = re.match(r"【薄弱】.*（([a-z_]+\.[a-z_]+)）", c.text)
        if m:
            by_item[m.group(1)] = ranges[c.comment_id]
    weak = [it for it in _findings(report) if it.status == "weak" and it.evidence]
    assert weak, "the fixture should have weak items with evidence"
    narrowed = 0
    for it in weak:
        quote = it.evidence[0].text.strip("…")
        got = by_item[it.id]
        assert quote in got, (it.id, quote, got)        # never less than the passage
        narrowed += got == quote
    assert narrowed >= len(weak) // 2, "most comments should sit on the passage itself"
    if kind == "docx":
        assert [p.text for p in doc.paragraphs] == [p.text for p in docx.Document(str(src)).paragraphs]
