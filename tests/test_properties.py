"""Property-based robustness: whatever bytes or text arrive, reading raises nothing but
LawcheckError, outline/check never raise, and no example hangs (CPU-time guards far
above the measured cost: speed itself is measured by benchmarks/, never by tests).
Also a few pathological inputs (a 200,000-character line, 50,000 headings, deep nesting).
"""
from __future__ import annotations

import io
import os
import random
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers_formats as hf
from lawcheck.check import check_document
from lawcheck.model import Document, LawcheckError
from lawcheck.outline import outline
from lawcheck.read import read_bytes, split_lines
from lawcheck.rules import load_pack

PACK = load_pack()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
FIXTURE_BYTES = {p.name: p.read_bytes() for p in sorted(FIXTURES.glob("*.txt"))}
# Hang guards, not speed tests (speed is measured by benchmarks/): CPU seconds, about ten
# times the measured cost, so a loaded machine never fails them and a quadratic or
# catastrophic path still does.
LIMIT = 20.0                      # CPU seconds per example, read + outline + check
PATHOLOGICAL_LIMIT = 60.0         # CPU seconds per pathological input
# Fixed examples by default (CI-stable, about 60 per property); set LAWCHECK_EXAMPLES=2000
# to explore with random seeds before a release.
EXAMPLES = int(os.environ.get("LAWCHECK_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    derandomize="LAWCHECK_EXAMPLES" not in os.environ,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

MARKERS = ["一、", "二、", "十一、", "（一）", "(二)", "（十）", "1.", "2．", "3、", "（1）", "(2)",
           "①", "②", "⑳", "一是", "二是", "第一部分", "第二章", "一、存在的不足", "二、2025年工作安排",
           "（一）原因分析", "党政主要负责人履行推进法治建设第一责任人职责情况", "报告", "2024年",
           "2025年1月15日", "某县人民政府", "县委、县政府：", "行政复议", "三项制度", "。", "；",
           "：", "，", "、", "\n", "\r\n", "\r", "\u3000\u3000", " ", "\t", "\ufeff", "\u200b",
           "《法治政府建设实施纲要（2021—2025年）》"]
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
CONTROL = st.characters(min_codepoint=0, max_codepoint=31)
ANY = st.characters(blacklist_categories=("Cs",))          # every code point but surrogates
PIECE = st.one_of(st.sampled_from(MARKERS), st.text(CJK, max_size=40),
                  st.text(ANY, max_size=20), st.text(CONTROL, max_size=3),
                  st.builds(lambda s, n: s * n, st.sampled_from(["法治", "一、", "（一）", "a"]),
                            st.integers(1, 3000)))
TEXT = st.lists(PIECE, max_size=80).map("".join)
NAMES = st.sampled_from(["r.txt", "r.md", "r.html", "r.docx", "r.pdf", "r", "-"])


def timed(fn, *args):
    t0 = time.process_time()
    out = fn(*args)
    elapsed = time.process_time() - t0
    assert elapsed < LIMIT, f"{elapsed:.2f} s of CPU"
    return out


def read_or_error(data: bytes, name: str) -> Document | None:
    """read_bytes may refuse with LawcheckError (one line naming the file); nothing else."""
    try:
        doc = read_bytes(data, name)
    except LawcheckError as exc:
        msg = exc.line()
        assert "\n" not in msg and msg.startswith(f"{name}: "), msg
        return None
    assert isinstance(doc, Document) and all(isinstance(x, str) for x in doc.lines)
    if doc.locations is not None:
        assert len(doc.locations) == len(doc.lines)
    return doc


def check_all(doc: Document) -> None:
    outline(doc, PACK.roles)
    report = check_document(doc, PACK)
    assert {it.status for it in report.items} <= {"pass", "weak", "missing"}
    assert 0 <= report.score <= 100
    for it in report.items:
        for ev in it.evidence:
            assert 1 <= ev.line <= max(len(doc.lines), 1), (it.id, ev)


def pipeline(data: bytes, name: str) -> None:
    def go():
        doc = read_or_error(data, name)
        if doc is not None:
            check_all(doc)
    timed(go)


# ---------------------------------------------------------------- random text and bytes

@SETTINGS
@given(TEXT)
def test_random_text_through_the_pipeline(text):
    doc = Document(path="t.txt", format="txt", encoding="utf-8", lines=split_lines(text))
    timed(check_all, doc)


@SETTINGS
@given(TEXT, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le"]), NAMES)
def test_random_text_encoded_any_way(text, encoding, name):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    pipeline(data, name)


@SETTINGS
@given(st.binary(max_size=20_000), NAMES)
def test_random_bytes(data, name):
    pipeline(data, name)


@SETTINGS
@given(st.sampled_from([b"PK\x03\x04", b"%PDF-1.7\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                        b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"<html><body>",
                        b"<!DOCTYPE html>", b"---\n"]),
       st.binary(max_size=5_000), NAMES)
def test_random_bytes_behind_a_magic_number(magic, tail, name):
    pipeline(magic + tail, name)


# ---------------------------------------------------------------- mangled fixtures

def _mangle(data: bytes, how: str, rnd: random.Random) -> bytes:
    if how == "truncate":
        return data[: rnd.randrange(len(data) + 1)]
    if how == "flip":
        b = bytearray(data)
        for _ in range(rnd.randint(1, 40)):
            i = rnd.randrange(len(b))
            b[i] ^= 1 << rnd.randrange(8)
        return bytes(b)
    if how == "random-bytes":
        b = bytearray(data)
        for _ in range(rnd.randint(1, 40)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
        return bytes(b)
    text, enc = _decode(data)
    lines = text.splitlines()
    if how == "shuffle":
        rnd.shuffle(lines)
    elif how == "duplicate-headings":
        heads = [ln for ln in lines if ln.strip()[:1] in "一二三四五六七八九十（(第" and len(ln) < 60]
        for h in heads * rnd.randint(1, 5):
            lines.insert(rnd.randrange(len(lines) + 1), h)
    elif how == "drop-lines":
        lines = [ln for ln in lines if rnd.random() < 0.5]
    elif how == "join-lines":
        lines = ["".join(lines[i:i + rnd.randint(2, 8)]) for i in range(0, len(lines), 5)]
    return "\n".join(lines).encode(enc, errors="replace")


def _decode(data: bytes) -> tuple[str, str]:
    for enc in ("utf-8", "utf-16", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "latin-1"


MANGLES = ["truncate", "flip", "random-bytes", "shuffle", "duplicate-headings", "drop-lines",
           "join-lines"]


@SETTINGS
@given(st.sampled_from(sorted(FIXTURE_BYTES)), st.sampled_from(MANGLES), st.randoms())
def test_mangled_fixtures(name, how, rnd):
    pipeline(_mangle(FIXTURE_BYTES[name], how, rnd), name)


_CONTAINERS: dict[str, bytes] = {}


def _container(kind: str) -> bytes:
    if kind not in _CONTAINERS:
        import tempfile
        text = FIXTURE_BYTES["town-short-2024.txt"].decode("utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            if kind == "docx":
                path = hf.to_docx(text, Path(tmp) / "r.docx", numbering=True)
            elif kind == "pdf":
                path = hf.to_pdf(text, Path(tmp) / "r.pdf")
            else:
                path = hf.to_html(text, Path(tmp) / "r.html")
            _CONTAINERS[kind] = path.read_bytes()
    return _CONTAINERS[kind]


def _mangle_docx_member(data: bytes, rnd: random.Random) -> bytes:
    """Re-zip the docx with document.xml cut or garbled: valid zip, broken XML."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename in ("word/document.xml", "word/numbering.xml", "word/styles.xml") \
                    and rnd.random() < 0.7:
                body = _mangle(body, rnd.choice(["truncate", "flip", "random-bytes"]), rnd)
            zf.writestr(info.filename, body)
    return out.getvalue()


@settings(max_examples=max(EXAMPLES * 2 // 3, 1), deadline=None,
          derandomize="LAWCHECK_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["docx", "pdf", "html", "docx-xml"]),
       st.sampled_from(["truncate", "flip", "random-bytes"]), st.randoms())
def test_mangled_containers(kind, how, rnd):
    if kind == "pdf" and hf.pdf_available():
        pytest.skip(hf.pdf_available())
    if kind == "docx-xml":
        data = _mangle_docx_member(_container("docx"), rnd)
        kind = "docx"
    else:
        data = _mangle(_container(kind), how, rnd)
    pipeline(data, f"r.{kind}")


# ---------------------------------------------------------------- pathological inputs

PATHOLOGICAL = {
    "200k chars, one line, no punctuation": "法治政府建设依法行政" * 20_000,
    "200k chars, one line, markers glued": "一、法治（一）建设1.依法①行政一是" * 10_000,
    "50,000 lines of 一、": "一、\n" * 50_000,
    "50,000 headings with titles": "".join(f"{'一二三四五六七八九十'[i % 10]}、存在的不足和原因\n"
                                           for i in range(50_000)),
    "deeply nested markers": "\n".join(
        m + "推进法治政府建设取得成效。" for _ in range(2_000)
        for m in ("一、", "（一）", "1.", "（1）", "①", "一是")),
    "one marker line per level, 100 deep": "".join(
        f"{'　' * d}{['一、', '（一）', '1.', '（1）', '①'][d % 5]}第{d}层\n" for d in range(100)),
    "50,000 enumerations on one line": "一是加强。二是完善。" * 25_000,
    "10,000 signature-like lines": "某县人民政府\n2025年1月15日\n" * 5_000,
    "2 MB of sentence ends": "。" * 1_000_000,
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_input_is_bounded(name):
    data = PATHOLOGICAL[name].encode("utf-8")
    t0 = time.process_time()
    doc = read_or_error(data, "p.txt")
    if doc is not None:
        check_all(doc)
    elapsed = time.process_time() - t0
    assert elapsed < PATHOLOGICAL_LIMIT, f"{name}: {elapsed:.1f} s of CPU"
