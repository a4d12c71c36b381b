"""Bad input through the real command line: every file lawcheck cannot check gives exit
status 2 and exactly one line on stderr, `lawcheck: FILE: problem; hint`, never a
traceback; the good files of the same run are still checked and printed; input files are
never modified; --output is written atomically."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import helpers_formats as hf

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
GOOD = FIXTURES / "town-short-2024.txt"
GOOD2 = FIXTURES / "province-2024.txt"
REPORT = GOOD.read_text(encoding="utf-8")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
       b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05"
       b"\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "lawcheck.cli", *args], capture_output=True,
                          input=stdin, timeout=120, cwd=cwd)


def snapshot(path: Path):
    """What must not change: bytes (or, for huge files, size) and modification time."""
    if not path.is_file():
        return None
    st = path.stat()
    content = path.read_bytes() if st.st_size < 5 * 1024 * 1024 else st.st_size
    return content, st.st_mtime_ns


def assert_one_line_error(p: subprocess.CompletedProcess, path: str, *words: str) -> str:
    assert p.returncode == 2, (p.returncode, p.stdout[:300], p.stderr)
    err = p.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1 and err.endswith("\n"), err
    line = lines[0]
    assert line.startswith(f"lawcheck: {path}: "), line
    problem_and_hint = line[len(f"lawcheck: {path}: "):]
    assert "; " in problem_and_hint, f"no hint after the problem: {line}"
    for w in words:
        assert w.lower() in line.lower(), line
    return line


# ---------------------------------------------------------------- one bad file

def _docx_bytes(tmp_path: Path) -> bytes:
    return hf.to_docx(REPORT, tmp_path / "src.docx").read_bytes()


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (24 * 1024 * 1024))


CASES = {
    # name: (file name, bytes or a builder(tmp_path, path), words the message must contain)
    "empty": ("empty.txt", b"", ["empty"]),
    "whitespace": ("blank.txt", b"  \n\t\r\n   \n", ["empty"]),
    "fullwidth-whitespace-bom": ("blank2.txt", b"\xef\xbb\xbf\xe3\x80\x80\xe3\x80\x80\r\n\r\n",
                                 ["empty"]),
    "utf16-whitespace": ("blank3.txt", b"\xff\xfe \x00\n\x00\x00\x30\n\x00", ["empty"]),
    "random-bytes": ("noise.txt", bytes(range(256)) * 40, ["binary"]),
    "png": ("picture.png", PNG, ["binary"]),
    "png-named-docx": ("report.docx", PNG, ["binary"]),
    "truncated-docx": ("cut.docx", lambda t, p: p.write_bytes(_docx_bytes(t)[:3000]),
                       ["damaged"]),
    "corrupt-pdf": ("bad.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage\n%%EOF",
                    ["PDF"]),
    "truncated-pdf": ("cut.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Cat", ["PDF"]),
    "zip-bomb": ("bomb.docx", lambda t, p: _zip_bomb(p), ["zip bomb"]),
    "zip-not-docx": ("notes.docx", lambda t, p: _zip_with(p, {"readme.txt": "说明"}),
                     ["not a Word"]),
    "legacy-doc": ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000, [".doc", "docx"]),
    "legacy-doc-named-docx": ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
                              ["docx"]),
    "markup-only-md": ("template.md", "# \n\n---\n\n```\n```\n".encode(), []),
    "markup-only-html": ("page.html", b"<html><body><div class='nav'>\xe9\xa6\x96\xe9\xa1\xb5"
                         b"</div><script>var a=1;</script></body></html>", []),
}


def _zip_with(path: Path, members: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_is_one_line_exit_2(tmp_path, case):
    name, content, words = CASES[case]
    path = tmp_path / name
    if callable(content):
        content(tmp_path, path)
    else:
        path.write_bytes(content)
    before = snapshot(path)
    p = run(str(path))
    assert_one_line_error(p, str(path), *words)
    assert p.stdout == b""
    assert snapshot(path) == before, "the input file was modified"


def test_enormous_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:                 # sparse: no disk space used
        fh.truncate(60 * 1024 * 1024)
    before = snapshot(path)
    p = run(str(path))
    assert_one_line_error(p, str(path), "MiB", "limit")
    assert snapshot(path) == before


def test_missing_path(tmp_path):
    path = tmp_path / "nope.txt"
    assert_one_line_error(run(str(path)), str(path), "no such file")
    assert not path.exists()


def test_directory(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    assert_one_line_error(run(str(folder)), str(folder), "folder")


def test_unreadable_path(tmp_path):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # root reads a chmod 000 file; test a path under a missing folder instead
        path = tmp_path / "missing-folder" / "r.txt"
        assert_one_line_error(run(str(path)), str(path))
        return
    path = tmp_path / "locked.txt"
    path.write_text(REPORT, encoding="utf-8")
    path.chmod(0)
    try:
        assert_one_line_error(run(str(path)), str(path), "cannot be read")
    finally:
        path.chmod(0o644)


def test_path_through_a_file_is_one_line(tmp_path):
    """A path whose 'folder' is a file (ENOTDIR): still one line, exit 2."""
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    path = tmp_path / "afile" / "r.txt"
    assert_one_line_error(run(str(path)), str(path))


def test_empty_standard_input():
    assert_one_line_error(run("-", stdin=b""), "-", "empty")


# ---------------------------------------------------------------- wrong extension, good content

def test_docx_named_txt_reads(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(_docx_bytes(tmp_path))
    p = run(str(path), "--format", "json")
    assert p.returncode in (0, 1), p.stderr
    out = json.loads(p.stdout)
    assert out["document"]["format"] == "docx" and out["items"]


def test_txt_named_pdf_reads_as_text(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(GOOD.read_bytes())
    p = run(str(path), "--format", "json")
    assert p.returncode in (0, 1), p.stderr
    out = json.loads(p.stdout)
    assert out["document"]["format"] == "txt"
    direct = json.loads(run(str(GOOD), "--format", "json").stdout)
    assert {i["id"]: i["status"] for i in out["items"]} == \
        {i["id"]: i["status"] for i in direct["items"]}


# ---------------------------------------------------------------- several files, one bad

def test_good_files_still_checked_when_one_is_bad(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(PNG)
    files = [GOOD, bad, GOOD2]
    before = [snapshot(f) for f in files]
    p = run(*map(str, files), "--format", "json")
    assert p.returncode == 2
    err = p.stderr.decode("utf-8").splitlines()
    assert len(err) == 1 and err[0].startswith(f"lawcheck: {bad}: ") and "Traceback" not in p.stderr.decode()
    out = json.loads(p.stdout)
    assert isinstance(out, list) and len(out) == 3
    assert [o["file"] for o in out] == [str(f) for f in files]
    assert out[1] == {"file": str(bad), "error": err[0][len("lawcheck: "):]}
    for good in (out[0], out[2]):
        assert "score" in good and good["items"]
    assert [snapshot(f) for f in files] == before


def test_good_files_still_printed_in_terminal_format(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    p = run(str(GOOD), str(bad), str(GOOD2), "--quiet")
    assert p.returncode == 2
    out = p.stdout.decode("utf-8")
    assert GOOD.name in out and GOOD2.name in out
    err = p.stderr.decode("utf-8").splitlines()
    assert len(err) == 1 and str(bad) in err[0]


# ---------------------------------------------------------------- --output

def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_output_written_whole_and_replaces_old_file(tmp_path):
    out = tmp_path / "result.json"
    out.write_text("x" * 200_000, encoding="utf-8")     # longer than the new content
    p = run(str(GOOD), "--format", "json", "--output", str(out))
    assert p.returncode in (0, 1), p.stderr
    assert p.stdout == b""
    data = json.loads(out.read_text(encoding="utf-8"))     # no tail of the old file
    assert data["file"] == str(GOOD)
    assert _leftovers(tmp_path) == []


def test_output_into_a_folder_fails_cleanly(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    p = run(str(GOOD), "--format", "json", "--output", str(target))
    assert_one_line_error(p, str(target), "cannot write")
    assert target.is_dir() and list(target.iterdir()) == []
    assert _leftovers(tmp_path) == []


def test_output_in_missing_folder_fails_cleanly(tmp_path):
    target = tmp_path / "no-such-folder" / "r.json"
    p = run(str(GOOD), "--format", "json", "--output", str(target))
    assert_one_line_error(p, str(target), "cannot write")
    assert not target.parent.exists()


def test_output_with_a_bad_input_keeps_the_good_results(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7 broken")
    out = tmp_path / "r.json"
    p = run(str(GOOD), str(bad), "--format", "json", "--output", str(out))
    assert p.returncode == 2 and p.stdout == b""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [("error" in d) for d in data] == [False, True]
    assert _leftovers(tmp_path) == []


def test_output_untouched_when_nothing_could_be_checked(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "report.txt"
    out.write_text("earlier result\n", encoding="utf-8")
    p = run(str(bad), "--output", str(out))
    assert p.returncode == 2
    assert out.read_text(encoding="utf-8") == "earlier result\n"
