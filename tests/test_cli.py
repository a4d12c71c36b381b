"""The outside contract (../shared/spec/contract.md): exit codes, JSON shape, one-line
errors, determinism, quiet mode, gates."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES

GOOD = str(FIXTURES / "reports" / "province-2024.txt")
FAKE = str(FIXTURES / "reports" / "stuffed-fake.txt")


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawcheck.cli", *args], capture_output=True,
                          input=stdin, timeout=120)


def test_json_object_follows_the_contract(pack):
    p = run(GOOD, "--format", "json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert set(out) >= {"file", "profile", "score", "grade", "gate", "document", "items"}
    assert out["profile"] == "national" and 0 <= out["score"] <= 100
    assert set(out["gate"]) == {"passed", "reasons"}
    doc = out["document"]
    assert {"chars", "encoding", "format", "year", "issuer", "level", "sections"} <= set(doc)
    assert all({"title", "role", "line"} <= set(s) for s in doc["sections"])
    assert [it["id"] for it in out["items"]] == [it.id for it in pack.items]   # rule-file order
    for it in out["items"]:
        assert it["status"] in ("pass", "weak", "missing")
        assert {"id", "title", "group", "status", "weight", "severity", "reasons", "evidence"} <= set(it)
        for ev in it["evidence"]:
            assert ev["line"] >= 1 and ev["text"]


def test_output_is_byte_for_byte_deterministic():
    a, b = run(GOOD, "--format", "json"), run(GOOD, "--format", "json")
    assert a.stdout == b.stdout


def test_several_files_give_an_array_and_gate_fails_for_any():
    p = run(GOOD, FAKE, "--format", "json")
    assert p.returncode == 1
    out = json.loads(p.stdout)
    assert [o["file"] for o in out] == [GOOD, FAKE]


def test_missing_file_is_one_line_exit_2():
    p = run("no/such/report.txt")
    assert p.returncode == 2
    err = p.stderr.decode().strip().splitlines()
    assert len(err) == 1 and "no/such/report.txt" in err[0] and "Traceback" not in p.stderr.decode()


def test_bad_file_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    p = run(str(bad), GOOD, "--format", "json")
    assert p.returncode == 2
    out = json.loads(p.stdout)
    assert out[0]["file"] == str(bad) and "error" in out[0]
    assert out[1]["file"] == GOOD and out[1]["items"]


def test_gate_options_and_quiet():
    assert run(GOOD, "-q").returncode == 0
    county = str(FIXTURES / "reports" / "county-merged-2023.txt")     # scores 87.3
    assert run(county, "-q", "--fail-under", "90").returncode == 1
    assert run(county, "-q", "--fail-under", "101").returncode == 2   # not a score: usage error
    assert run(FAKE, "-q").returncode == 1
    p = run(GOOD, "--quiet")
    assert len(p.stdout.decode().strip().splitlines()) == 1
    assert "gate passed" in p.stdout.decode()
    # a failing verdict with long reasons is still one line per report
    p = run(FAKE, GOOD, "--quiet")
    lines = p.stdout.decode().strip().splitlines()
    assert len(lines) == 2 and "gate FAILED" in lines[0] and lines[1].startswith(GOOD)


def test_stdin_is_read_with_dash():
    p = run("-", "--format", "json", stdin=open(GOOD, "rb").read())
    assert p.returncode == 0 and json.loads(p.stdout)["file"] == "-"


def test_terminal_view_lists_missing_items_in_80_columns():
    p = subprocess.run([sys.executable, "-m", "lawcheck.cli", FAKE], capture_output=True,
                       env={"COLUMNS": "80", "PATH": "/usr/bin:/bin"}, timeout=120)
    text = p.stdout.decode()
    assert "missing" in text and "structure.achievements" in text and "gate FAILED" in text


def test_invalid_rules_exit_2_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: x\nitems:\n  - id: a.b\n    title: t\n    group: g\n    weight: heavy\n",
                   encoding="utf-8")
    p = run(GOOD, "--rules", str(bad))
    assert p.returncode == 2
    assert f"{bad}:6" in p.stderr.decode() and "Traceback" not in p.stderr.decode()


def test_usage_error_exits_2():
    assert run(GOOD, "--format", "nope").returncode == 2
