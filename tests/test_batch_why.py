"""Batch that answers why, and skips nothing in silence: every report-like file it cannot
read is in every output (csv, jsonl, json, html) and in the summary with its reason
(exit 2); content that is not text is refused, never scored; CSV and JSONL carry the weak
and missing items with their hints; each row of the html page opens the report's detail
(checked in headless Chromium when it is installed)."""
from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

REPORTS = FIXTURES / "reports"
GOOD = ["liulin-xiang-2024.txt", "province-2024.txt", "no-plans-2024.txt"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" + b"\xff\x00\x00" * 4)) + chunk(b"IEND", b""))


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def _junk() -> dict[str, bytes]:
    rnd = random.Random(7)
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(rnd.getrandbits(8) for _ in range(600))
    return {
        "old.doc": ole2,
        "draft.wps": ole2,
        "letter.rtf": rb"{\rtf1\ansi\deff0 {\fonttbl{\f0 SimSun;}}\f0 2024\'c4\'ea report}",
        "export.odt": _zip({"mimetype": b"application/vnd.oasis.opendocument.text",
                            "content.xml": b"<office:document-content/>"}),
        "mac.pages": _zip({"Index/Document.iwa": b"\x00\x01"}),
        "random.txt": bytes(rnd.getrandbits(8) for _ in range(3000)),
        "gbk-soup.txt": bytes(rnd.randint(0x81, 0xFE) for _ in range(3000)),
        "nul.txt": b"\x00" * 1000,
        "photo.txt": _png(),
    }


UNREADABLE = sorted(_junk())


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("why")
    (root / "sub").mkdir()
    for i, name in enumerate(GOOD):
        shutil.copy(REPORTS / name, (root / "sub" if i % 2 else root) / name)
    for name, data in _junk().items():
        (root / name).write_bytes(data)
    (root / "notes.json").write_text("{}", encoding="utf-8")          # not report-like: ignored
    return root


def run(*args: str, lang: str = "C.UTF-8") -> subprocess.CompletedProcess:
    import os
    env = dict(os.environ, LANG=lang)
    return subprocess.run([sys.executable, "-m", "lawcheck.cli", *args], capture_output=True,
                          text=True, timeout=300, cwd=ROOT, env=env)


@pytest.fixture(scope="module")
def outputs(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    res = {}
    for kind in ("csv", "jsonl", "json", "html"):
        path = out / f"all.{kind}"
        lang = "zh_CN.UTF-8" if kind == "html" else "C.UTF-8"
        res[kind] = (run("batch", str(folder), "-o", str(path), "-j", "2", lang=lang), path)
    return res


def _unreadable_named(text: str) -> set[str]:
    return {name for name in UNREADABLE if name in text}


def test_every_unreadable_file_is_in_every_output(outputs):
    for kind, (proc, path) in outputs.items():
        assert proc.returncode == 2, (kind, proc.stderr)
        text = path.read_text(encoding="utf-8-sig")
        if kind == "csv":
            rows = list(csv.DictReader(io.StringIO(text)))
            bad = {Path(r["file"]).name: r["error"] for r in rows if r["error"]}
        elif kind in ("jsonl", "json"):
            objs = ([json.loads(x) for x in text.splitlines()] if kind == "jsonl" else json.loads(text))
            bad = {Path(o["file"]).name: o["error"] for o in objs if "error" in o}
        else:
            table = text.split('id="unreadable"', 1)[1].split("</table>", 1)[0]
            bad = {name: table for name in UNREADABLE if name in table}
        assert set(bad) == set(UNREADABLE), kind
        assert all(bad.values()), kind
        # the summary counts and names them; stderr has one line each
        assert f"({len(GOOD)} checked, {len(UNREADABLE)} unreadable)" in proc.stdout or kind == "html"
        assert _unreadable_named(proc.stdout) == set(UNREADABLE), kind
        err = [x for x in proc.stderr.splitlines() if x.strip()]
        assert len(err) == len(UNREADABLE) and _unreadable_named(proc.stderr) == set(UNREADABLE)


def test_reasons_say_what_the_file_is(outputs):
    text = outputs["jsonl"][1].read_text(encoding="utf-8")
    errors = {Path(o["file"]).name: o["error"] for o in map(json.loads, text.splitlines()) if "error" in o}
    assert "legacy Word/WPS" in errors["old.doc"] and "legacy Word/WPS" in errors["draft.wps"]
    assert "Rich Text" in errors["letter.rtf"]
    assert "OpenDocument" in errors["export.odt"] and "Pages" in errors["mac.pages"]
    for name in ("random.txt", "gbk-soup.txt", "nul.txt", "photo.txt"):
        assert "is not text" in errors[name] or "not text in any encoding" in errors[name], name


@pytest.mark.parametrize("name", ["random.txt", "gbk-soup.txt", "nul.txt", "photo.txt", "letter.rtf"])
def test_content_that_is_not_a_report_is_refused_not_scored(folder, name):
    p = run(str(folder / name), "--format", "json")
    assert p.returncode == 2, p.stdout[:200]
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and "Traceback" not in p.stderr
    assert '"score"' not in p.stdout


def test_real_reports_in_other_encodings_still_read(tmp_path):
    text = (REPORTS / "province-2024.txt").read_text(encoding="utf-8")
    for enc in ("gb18030", "utf-16"):
        path = tmp_path / f"r-{enc}.txt"
        path.write_bytes(text.encode(enc))
        p = run(str(path), "--format", "json")
        assert p.returncode in (0, 1), p.stderr
    trad = "本縣法治政府建設年度報告。一、主要舉措和成效：全年辦理行政復議案件十二件。" * 20
    (tmp_path / "big5.txt").write_bytes(trad.encode("big5"))
    p = run(str(tmp_path / "big5.txt"), "--format", "json")
    assert p.returncode in (0, 1) and json.loads(p.stdout)["document"]["encoding"] == "big5"


def _expected(objs):
    out = {}
    for o in objs:
        if "error" in o:
            continue
        miss = [it["id"] for it in o["items"] if it["status"] == "missing" and it.get("applicable", True)]
        weak = [it["id"] for it in o["items"] if it["status"] == "weak" and it.get("applicable", True)]
        out[Path(o["file"]).name] = (miss, weak)
    return out


def test_csv_and_jsonl_carry_weak_and_missing_items_with_hints(outputs):
    objs = [json.loads(x) for x in outputs["jsonl"][1].read_text(encoding="utf-8").splitlines()]
    want = _expected(objs)
    assert want["no-plans-2024.txt"][0]                       # something to explain
    for o in objs:
        if "error" in o:
            continue
        miss, weak = want[Path(o["file"]).name]
        assert [x["id"] for x in o["missing_items"]] == miss
        assert [x["id"] for x in o["weak_items"]] == weak
        assert all(x["hint"] and x["title"] for x in o["missing_items"] + o["weak_items"])
        assert {"score", "grade", "gate", "items", "document"} <= set(o)     # existing fields kept
    rows = list(csv.DictReader(io.StringIO(outputs["csv"][1].read_text(encoding="utf-8-sig"))))
    header = next(csv.reader(io.StringIO(outputs["csv"][1].read_text(encoding="utf-8-sig"))))
    assert header[:8] == ["file", "score", "grade", "gate", "level", "year", "issuer", "error"]
    assert header[-3:] == ["missing_items", "weak_items", "hints"]
    for r in rows:
        if r["error"]:
            assert not r["missing_items"] and not r["hints"]
            continue
        miss, weak = want[Path(r["file"]).name]
        assert r["missing_items"].split() == miss and r["weak_items"].split() == weak
        for item_id in miss + weak:
            assert r[item_id] in ("missing", "weak")
            assert f"{item_id}: " in r["hints"]


def test_json_batch_is_still_the_check_array(outputs, folder):
    objs = json.loads(outputs["json"][1].read_text(encoding="utf-8"))
    assert all("missing_items" not in o for o in objs)


def _details(page: str) -> dict[str, str]:
    """file name -> the html of its drill-down."""
    out = {}
    for m in re.finditer(r'<tr class="r" data-i="\d+" data-d="(\d+)"[^>]*>.*?<td class="file">([^<]*)</td>', page):
        d = re.search(rf'<div id="d{m.group(1)}">(.*?)</div></div>', page, re.S)
        assert d, m.group(2)
        out[Path(m.group(2)).name] = d.group(1)
    return out


def test_every_html_row_opens_a_detail_with_reasons_hints_and_gate(outputs):
    proc, path = outputs["html"]
    page = path.read_text(encoding="utf-8")
    assert "<script src" not in page and "<link" not in page and "http" not in page.replace(
        "http-equiv", "")
    details = _details(page)
    assert set(details) == set(GOOD)
    objs = [json.loads(x) for x in outputs["jsonl"][1].read_text(encoding="utf-8").splitlines()]
    by_name = {Path(o["file"]).name: o for o in objs if "error" in o or True}
    for name, html in details.items():
        o = by_name[name]
        assert ("达到门槛" in html) if o["gate"]["passed"] else ("未达到门槛：" in html)
        for x in o["missing_items"] + o["weak_items"]:
            assert f"<code>{x['id']}</code>" in html, (name, x["id"])
        if o["missing_items"] or o["weak_items"]:
            assert "建议：" in html and "原因：" in html
    assert "缺少法定部分“下一年度主要安排”（structure.plans）" in details["no-plans-2024.txt"]
    assert "本级不适用、不计分" in details["liulin-xiang-2024.txt"]       # the n/a item, apart
    assert "lawcheck 批量检查" in proc.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_clicking_a_row_opens_its_detail_in_chromium(outputs, tmp_path):
    page = outputs["html"][1].read_text(encoding="utf-8")
    # the page plus one click on the row of no-plans-2024.txt, as a reviewer would
    clicked = page.replace("</body>", "<script>Array.prototype.forEach.call(document.querySelectorAll("
                           "'#ranking tbody tr.r'),function(tr){if(tr.textContent.indexOf("
                           "'no-plans-2024')>=0)tr.click();});</script></body>")
    html = tmp_path / "clicked.html"
    html.write_text(clicked, encoding="utf-8")
    shot = tmp_path / "clicked.png"
    profile = tempfile.mkdtemp(prefix="lawcheck-chromium-")
    base = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--window-size=1400,1100"]
    try:
        dom = subprocess.run(base + ["--dump-dom", html.as_uri()], capture_output=True, text=True,
                             timeout=120).stdout
        subprocess.run(base + [f"--screenshot={shot}", html.as_uri()], capture_output=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    ranking = dom.split('id="ranking"', 1)[1].split("</table>", 1)[0]
    opened = re.findall(r'<tr class="drow">(.*?)</tr>', ranking, re.S)
    assert len(opened) == 1 and "structure.plans" in opened[0] and "建议：" in opened[0]
    assert re.search(r'<tr class="r open"[^>]*aria-expanded="true"', ranking)
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
