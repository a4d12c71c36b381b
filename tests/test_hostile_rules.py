"""Hostile or careless rule packs and configuration files (issue: hardening).

Each case once hung, ate gigabytes, crashed with a traceback or exited 1 (the code a CI
job reads as "the gate failed"). Now each is one line on stderr and exit 2, in bounded
time: every subprocess below has a timeout of a few seconds, so a regression fails
instead of hanging the suite.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import one_item_pack
from lawcheck.rulecheck import _catastrophic, _regex_problem

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "fixtures" / "reports" / "county-merged-2023.txt"

BILLION_LAUGHS = textwrap.dedent("""\
    pack: lol
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    """)

def run(*args: str, cwd: Path | None = None, timeout: float = 20) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawcheck.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=timeout)


def one_line_error(p: subprocess.CompletedProcess, *words: str) -> None:
    assert p.returncode == 2, (p.returncode, p.stdout[-300:], p.stderr[-500:])
    assert "Traceback" not in p.stderr
    for w in words:
        assert w in p.stderr, p.stderr


# ------------------------------------------------------------------ YAML bombs

def test_alias_bomb_in_rule_pack_is_refused_quickly(tmp_path):
    f = tmp_path / "lol.yaml"
    f.write_text(BILLION_LAUGHS, encoding="utf-8")
    one_line_error(run("rules", "validate", str(f)), "aliases", "LC005")
    one_line_error(run(str(REPORT), "--rules", str(f), "--quiet"), "aliases")


def test_alias_bomb_in_lawcheck_yaml_is_refused(tmp_path):
    (tmp_path / "lawcheck.yaml").write_text(BILLION_LAUGHS.replace("pack: lol", "level: town"),
                                            encoding="utf-8")
    one_line_error(run(str(REPORT), "--quiet", cwd=tmp_path), "lawcheck.yaml", "aliases")


def test_deeply_nested_rule_file_is_refused(tmp_path):
    f = tmp_path / "deep.yaml"
    f.write_text("pack: deep\nx: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    one_line_error(run("rules", "validate", str(f)), "nested", "LC005")


# ------------------------------------------------------------------ special files

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_as_rule_pack_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    one_line_error(run(str(REPORT), "--rules", str(fifo), "--quiet", timeout=10), "not a regular file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_as_rule_pack_is_refused():
    one_line_error(run(str(REPORT), "--rules", "/dev/zero", "--quiet", timeout=10), "not a regular file")


def test_huge_rule_file_is_refused(tmp_path):
    f = tmp_path / "big.yaml"
    f.write_text("pack: big\n# " + "x" * (5 << 20) + "\n", encoding="utf-8")
    one_line_error(run("rules", "validate", str(f)), "larger than")


# ------------------------------------------------------------------ regexes

@pytest.mark.parametrize("pattern", [
    "(a+)+c", "(a|a)+$", "(a|aa)+$", "a*a*a*a*a*a*$", ".*.*.*=", "(x[^。]*)+", r"(\w*)*x",
])
def test_catastrophic_shapes_are_found(pattern):
    assert _catastrophic(pattern), pattern
    assert _regex_problem(pattern) is not None


@pytest.mark.parametrize("pattern", [
    "(一是|二是)+", "(ab|ac)+", "[^。]{0,20}", "主要负责(人|同志)[^。]{0,20}(履行|履职)",
    "(?<![原基])因[^。为此而]{2,12}(而|,)", "执法.*公示",
])
def test_ordinary_patterns_are_not_flagged(pattern):
    assert _catastrophic(pattern) is None, pattern


@pytest.mark.parametrize("extra,item_extra,where", [
    ("negations: ['(a+)+c']", "", "negations[0]"),
    ("", "options: {sub_part: '(a|aa)+$'}", "options.sub_part"),
    ("", "patterns: ['.*.*.*=']", "patterns[0]"),
    ("negations: ['(未发生']", "", "negations[0]"),            # does not compile
    ("", "options: {sub_part_not: '[x'}", "options.sub_part_not"),
])
def test_every_regex_place_is_validated(tmp_path, extra, item_extra, where):
    f = tmp_path / "p.yaml"
    f.write_text(one_item_pack(top=extra, item=item_extra), encoding="utf-8")
    p = run("rules", "validate", str(f))
    one_line_error(p, "LC202", where)
    # and a check with the pack refuses to start instead of hanging or crashing
    one_line_error(run(str(REPORT), "--rules", str(f), "--quiet"), "LC202")


def test_bundled_pack_stays_valid():
    p = run("rules", "validate", str(ROOT / "rules"))
    assert p.returncode == 0, p.stderr


# ------------------------------------------------------------------ extends

@pytest.mark.parametrize("target", ["/etc/passwd", "../outside.yaml", "sub/../../outside.yaml"])
def test_extends_outside_the_pack_folder_is_refused(tmp_path, target):
    (tmp_path / "outside.yaml").write_text("pack: outside\nsecret_key: hunter2\n", encoding="utf-8")
    d = tmp_path / "pack"
    d.mkdir()
    f = d / "p.yaml"
    f.write_text(f"pack: p\nextends: {target}\n", encoding="utf-8")
    p = run("rules", "validate", str(f))
    one_line_error(p, "LC209")
    assert "hunter2" not in p.stderr and "secret_key" not in p.stderr and "root:" not in p.stderr


# ------------------------------------------------------------------ configuration files

@pytest.mark.parametrize("name,content", [
    ("lawcheck.yaml", b"level: \xff\xfetown\n"),                          # not UTF-8
    ("lawcheck.yaml", b"x: " + b"[" * 500 + b"]" * 500 + b"\n"),         # 500 deep
    ("lawcheck.yaml", b"level: [town\n"),                                 # YAML syntax
    ("pyproject.toml", b"tool = \"x\"\n"),                                # tool not a table
    ("pyproject.toml", b"[tool.lawcheck]\nlevel = \"\xff\"\n"),          # not UTF-8
    ("pyproject.toml", b"[tool.lawcheck\n"),                              # TOML syntax
    ("pyproject.toml", b"x = " + b"[" * 500 + b"]" * 500 + b"\n"),       # 500 deep
    ("lawcheck.yaml", b"fail_under: .nan\n"),
    ("lawcheck.yaml", b"fail_under: 150\n"),
])
def test_config_faults_are_exit_2_with_one_line(tmp_path, name, content):
    (tmp_path / name).write_bytes(content)
    p = run(str(REPORT), "--quiet", cwd=tmp_path)
    one_line_error(p, name)
    assert len(p.stderr.strip().splitlines()) == 1, p.stderr


@pytest.mark.parametrize("value", ["nan", "inf", "150", "-1"])
def test_fail_under_must_be_a_score(value):
    p = run(str(REPORT), "--quiet", "--fail-under", value)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "0" in p.stderr and "100" in p.stderr
