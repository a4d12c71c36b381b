"""Hostile or careless inputs and outputs (issue: hardening): special files, huge texts,
escape sequences, odd file names, outputs that are devices, links or inputs.

Every subprocess has a timeout, so a regression that hangs fails instead of stalling
the suite. Exit 1 is the gate's alone: every failure here must be exit 2 with one line.
"""
from __future__ import annotations

import json
import os
import select
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "fixtures" / "reports" / "county-merged-2023.txt"


def run(*args: str, cwd: Path | None = None, timeout: float = 30, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawcheck.cli", *args], capture_output=True,
                          cwd=cwd, timeout=timeout, **kw)


def refused(p: subprocess.CompletedProcess, *words: str) -> None:
    err = p.stderr.decode("utf-8", "replace")
    assert p.returncode == 2, (p.returncode, err[-400:])
    assert "Traceback" not in err, err
    for w in words:
        assert w in err, err


# ------------------------------------------------------------------ outputs

@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="making a device node needs root")
def test_output_to_a_device_keeps_the_device(tmp_path):
    # A twin of /dev/null made for the test: a regression (rename onto the target) must
    # never replace the machine's own /dev/null.
    dev = tmp_path / "null"
    try:
        os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    p = run(str(REPORT), "--format", "json", "-o", str(dev))
    assert p.returncode in (0, 1), p.stderr
    assert stat.S_ISCHR(os.stat(dev).st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_symlink_to_a_full_device_is_an_error_and_stays_a_link(tmp_path):
    link = tmp_path / "out.csv"
    link.symlink_to("/dev/full")
    refused(run(str(REPORT), "--format", "csv", "-o", str(link)), "No space left")
    assert link.is_symlink() and os.readlink(link) == "/dev/full"


def test_symlink_to_a_regular_file_is_followed_and_kept(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    run(str(REPORT), "--format", "json", "-o", str(link))
    assert link.is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["items"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_output_to_a_fifo_is_streamed(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    proc = subprocess.Popen([sys.executable, "-m", "lawcheck.cli", str(REPORT), "--format", "json",
                             "-o", str(fifo)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Non-blocking, so a regression (the FIFO replaced by a file) fails instead of hanging.
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        chunk = os.read(fd, 1 << 16) if ready else b""
        if chunk:
            chunks.append(chunk)
        elif proc.poll() is not None:
            break
    os.close(fd)
    proc.wait(timeout=30)
    data = b"".join(chunks)
    assert json.loads(data)["items"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_stdout_on_a_full_disk_is_one_line_and_exit_2():
    with open("/dev/full", "wb") as full:
        p = subprocess.run([sys.executable, "-m", "lawcheck.cli", str(REPORT), "--format", "json"],
                           stdout=full, stderr=subprocess.PIPE, timeout=30)
    refused(p, "cannot write the output")
    assert len(p.stderr.decode().strip().splitlines()) == 1


def test_output_that_is_an_input_is_refused(tmp_path):
    rep = tmp_path / "x.txt"
    shutil.copy(REPORT, rep)
    before = rep.read_bytes()
    refused(run(str(rep), "-o", str(rep)), "also an input")
    assert rep.read_bytes() == before


def test_batch_output_that_is_an_input_report_is_refused(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(REPORT, d / "a.txt")
    page = d / "page.html"
    page.write_text("<html><body><p>某县2024年法治政府建设年度报告</p><p>一、主要工作</p></body></html>",
                    encoding="utf-8")
    before = page.read_bytes()
    refused(run("batch", str(d), "--out", str(page), "-q"), "input")
    assert page.read_bytes() == before


def test_a_batch_page_left_among_reports_is_not_scored(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(REPORT, d / "a.txt")
    assert run("batch", str(d), "--out", str(d / "scores.html"), "-q").returncode in (0, 1)
    # the same output again: our own page is overwritten, not refused
    assert run("batch", str(d), "--out", str(d / "scores.html"), "-q").returncode in (0, 1)
    # another batch over the folder lists the page as unreadable instead of scoring it
    p = run("batch", str(d), "--out", str(tmp_path / "again.jsonl"), "-q")
    rows = [json.loads(line) for line in (tmp_path / "again.jsonl").read_text(encoding="utf-8").splitlines()]
    page_rows = [r for r in rows if r["file"].endswith("scores.html")]
    assert page_rows and "error" in page_rows[0] and "written by lawcheck" in page_rows[0]["error"]
    assert p.returncode == 2


def test_sigterm_during_batch_leaves_no_temporary_file(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(400):
        shutil.copy(REPORT, d / f"r{i:03d}.txt")
    out = tmp_path / "out.csv"
    out.write_text("earlier output\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "lawcheck.cli", "batch", str(d), "--out", str(out),
                             "-q", "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".out.csv.*.tmp")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert b"Traceback" not in err, err.decode()
    assert not list(tmp_path.glob(".out.csv.*.tmp"))
    if proc.returncode != 0:            # stopped before the end: the old output is intact
        assert proc.returncode not in (1,), proc.returncode
        assert out.read_text(encoding="utf-8") == "earlier output\n"


# ------------------------------------------------------------------ inputs

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifo_named_like_a_report_is_refused_in_check_and_batch(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    os.mkfifo(d / "fifo.txt")
    shutil.copy(REPORT, d / "a.txt")
    refused(run(str(d / "fifo.txt"), timeout=10), "not a regular file")
    p = run("batch", str(d), "--out", str(tmp_path / "o.jsonl"), "-q", timeout=30)
    assert p.returncode == 2
    rows = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2 and any("not a regular file" in r.get("error", "") for r in rows)


def test_ten_million_characters_on_one_line_is_refused_quickly(tmp_path):
    f = tmp_path / "huge.txt"
    f.write_text("法治政府建设" * 1_700_000, encoding="utf-8")     # 10.2 million characters
    refused(run(str(f), "--quiet", timeout=60), "characters")


def test_a_thousand_nul_bytes_are_refused(tmp_path):
    f = tmp_path / "nul.txt"
    f.write_bytes(b"\x00" * 1000)
    refused(run(str(f), "--quiet"))


def test_escape_sequences_never_reach_the_output(tmp_path):
    f = tmp_path / "esc.txt"
    text = REPORT.read_text(encoding="utf-8")
    f.write_text("\x1b]0;pwned\x07\x1b[2J" + text.replace("\n", "\x1b[31m\n", 3), encoding="utf-8")
    for fmt in ("terminal", "json", "csv", "markdown"):
        p = run(str(f), "--format", fmt)
        assert b"\x1b" not in p.stdout and b"\x07" not in p.stdout, fmt
    out = json.loads(run(str(f), "--format", "json").stdout)
    assert any("control characters" in w for w in out.get("warnings", []))


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_non_utf8_file_name_in_every_output(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    bad = os.path.join(os.fsencode(d), b"\xff\xfe-report.txt")
    shutil.copy(REPORT, bad)
    name = os.fsdecode(bad)
    for fmt in ("json", "csv", "sarif", "junit", "markdown", "html", "github"):
        p = run(name, "--format", fmt, "-o", str(tmp_path / f"o.{fmt}"))
        assert p.returncode in (0, 1), (fmt, p.stderr)
    for suffix in (".csv", ".jsonl", ".json", ".html"):
        p = run("batch", str(d), "--out", str(tmp_path / f"b{suffix}"), "-q")
        assert p.returncode in (0, 1), (suffix, p.stderr)
        assert "\ufffd-report.txt" in (tmp_path / f"b{suffix}").read_text(encoding="utf-8-sig")


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path):
    f = tmp_path / "=HYPERLINK(1).txt"
    shutil.copy(REPORT, f)
    p = run(f.name, "--format", "csv", cwd=tmp_path)
    assert b"'=HYPERLINK" in p.stdout
    p = run("batch", f.name, "--out", "b.csv", "-q", cwd=tmp_path)
    assert "'=HYPERLINK" in (tmp_path / "b.csv").read_text(encoding="utf-8-sig")


def test_html_nested_300_levels_keeps_its_text(tmp_path):
    body = REPORT.read_text(encoding="utf-8").replace("\n", "<br>")
    f = tmp_path / "deep.html"
    f.write_text("<html><body>" + "<div>" * 300 + body + "</div>" * 300 + "</body></html>",
                 encoding="utf-8")
    plain = json.loads(run(str(REPORT), "--format", "json").stdout)
    deep = json.loads(run(str(f), "--format", "json").stdout)
    assert deep["score"] == plain["score"]


def test_ctrl_c_during_a_two_job_batch_is_one_line(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(400):
        shutil.copy(REPORT, d / f"r{i:03d}.txt")
    out = tmp_path / "out.csv"
    # Ctrl-C in a terminal signals the whole process group: parent and workers.
    proc = subprocess.Popen([sys.executable, "-m", "lawcheck.cli", "batch", str(d), "--out", str(out),
                             "-q", "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".out.csv.*.tmp")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert b"Traceback" not in err, err.decode()
    assert proc.returncode in (0, 130), proc.returncode
    assert not list(tmp_path.glob(".out.csv.*.tmp"))


def test_terminal_view_into_a_closed_pipe_is_not_the_gates_exit_1():
    """`lawcheck report.txt | head -1`: rich ends a broken pipe with SystemExit(1); exit 1
    is the gate's alone, so the CLI says 2 (the report itself passes its gate)."""
    proc = subprocess.Popen([sys.executable, "-m", "lawcheck.cli", str(REPORT)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "COLUMNS": "100"})
    proc.stdout.close()                 # the reader is gone before anything is written
    proc.wait(timeout=60)
    err = proc.stderr.read()
    assert proc.returncode in (0, 2), (proc.returncode, err)
    assert b"Traceback" not in err
