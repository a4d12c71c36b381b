"""Chinese-first interface: the language follows --lang, else LC_ALL / LC_MESSAGES / LANG;
help (lawcheck's and the framework's own words), usage errors, error lines and summaries
come from the gettext catalogs, which must be compiled and complete."""
from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")
GOOD = str(FIXTURES / "reports" / "province-2024.txt")


def lawcheck(*args: str, **env: str) -> subprocess.CompletedProcess:
    e = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    e.update(env)
    return subprocess.run([sys.executable, "-m", "lawcheck.cli", *args], capture_output=True,
                          text=True, timeout=120, env=e, cwd=ROOT)


def test_catalogs_are_complete_and_compiled():
    pytest.importorskip("babel")
    spec = importlib.util.spec_from_file_location("lawcheck_i18n_tool", ROOT / "tools" / "i18n.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.problems() == []        # every marked message translated, .mo == compiled .po


def test_help_is_chinese_under_a_chinese_locale():
    p = lawcheck("--help", LANG="zh_CN.UTF-8")
    assert p.returncode == 0
    out = p.stdout
    for word in ("用法：", "选项：", "命令：", "显示此帮助并退出", "示例：", "退出码", "界面语言"):
        assert word in out, word
    for word in ("Usage:", "Options:", "Commands:", "Show this message", "Examples:"):
        assert word not in out, word


def test_help_is_english_under_c_locale():
    p = lawcheck("--help", LANG="C.UTF-8")
    assert p.returncode == 0
    for word in ("Usage:", "Options:", "Commands:", "Show this message and exit.", "Examples:",
                 "--lang"):
        assert word in p.stdout, word
    assert "用法" not in p.stdout and "选项" not in p.stdout


@pytest.mark.parametrize("env,args,zh", [
    ({"LANG": "C.UTF-8"}, ["--lang", "zh", "batch", "--help"], True),
    ({"LANG": "zh_CN.UTF-8"}, ["batch", "--help", "--lang", "en"], False),
    ({"LANG": "C.UTF-8"}, ["--lang=zh", "check", "--help"], True),
    ({"LANG": "C.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, ["batch", "--help"], True),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C.UTF-8"}, ["batch", "--help"], False),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, ["diff", "--help"], True),
])
def test_language_from_option_then_locale(env, args, zh):
    p = lawcheck(*args, **env)
    assert p.returncode == 0, p.stderr
    assert ("用法：" in p.stdout) is zh and ("Usage:" in p.stdout) is (not zh)


def test_every_help_text_is_translated():
    """Walk the whole command tree in Chinese: each command and option help has Chinese."""
    from lawcheck.cli import build
    cmd = build("zh")
    seen = 0

    def walk(c):
        nonlocal seen
        if c.help:
            assert CJK.search(c.help), c.name
            seen += 1
        for p in c.params:
            if getattr(p, "help", None):
                assert CJK.search(p.help), (c.name, p.name, p.help)
                seen += 1
        for sub in getattr(c, "commands", {}).values():
            walk(sub)
    walk(cmd)
    assert seen > 40
    build("en")


def test_usage_errors_in_chinese():
    p = lawcheck("batch", "somewhere", LANG="zh_CN.UTF-8")
    assert p.returncode == 2
    assert "错误：缺少选项 '--out' / '-o'。" in p.stderr and "用法：lawcheck batch" in p.stderr
    assert "Error" not in p.stderr and "Usage" not in p.stderr and "Try" not in p.stderr
    p = lawcheck(GOOD, "--format", "nope", LANG="zh_CN.UTF-8")
    assert p.returncode == 2 and "的值无效" in p.stderr and "不在可选值" in p.stderr
    p = lawcheck(GOOD, "--bogus", LANG="zh_CN.UTF-8")
    assert p.returncode == 2 and "没有这个选项：--bogus" in p.stderr
    p = lawcheck("batch", GOOD, "-o", "x.csv", "--jobs", "many", LANG="zh_CN.UTF-8")
    assert p.returncode == 2 and "应为整数" in p.stderr
    p = lawcheck(GOOD, "--lang", "fr", LANG="C.UTF-8")
    assert p.returncode == 2 and "Invalid value for '--lang'" in p.stderr


def test_usage_errors_in_english():
    p = lawcheck("batch", "somewhere", LANG="C.UTF-8")
    assert p.returncode == 2
    assert "Error: Missing option '--out' / '-o'." in p.stderr
    assert "Try 'lawcheck batch --help' for help." in p.stderr


def test_error_lines_and_verdict_in_chinese(tmp_path):
    p = lawcheck(str(tmp_path / "无此报告.txt"), LANG="zh_CN.UTF-8")
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "无此报告.txt：文件不存在；请检查路径" in lines[0]
    p = lawcheck(GOOD, "--quiet", LANG="zh_CN.UTF-8")
    assert p.returncode == 0 and "分，等级 A（通过" in p.stdout and "达到门槛" in p.stdout
    p = lawcheck(GOOD, "--quiet", "--lang", "en", LANG="zh_CN.UTF-8")
    assert "gate passed" in p.stdout


def test_batch_summary_in_chinese(tmp_path):
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "a.txt").write_bytes((FIXTURES / "reports" / "province-2024.txt").read_bytes())
    (tmp_path / "r" / "b.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    p = lawcheck("batch", str(tmp_path / "r"), "-o", str(tmp_path / "o.csv"), "-j", "1",
                 LANG="zh_CN.UTF-8")
    assert p.returncode == 2
    assert "lawcheck 批量检查：共 2 份报告（已检查 1 份，无法读取 1 份）" in p.stdout
    assert "无法读取 1 份" in p.stdout and "b.doc：是旧版 Word/WPS 二进制文件" in p.stdout
    assert "b.doc：是旧版" in p.stderr


@pytest.mark.parametrize("command", ["check", "batch", "diff"])
def test_chinese_help_fits_the_terminal(command):
    """Chinese help is wrapped by terminal cells (a CJK character is two columns)."""
    from rich.cells import cell_len
    p = lawcheck(command, "--help", LANG="zh_CN.UTF-8", COLUMNS="80")
    assert p.returncode == 0
    assert all(cell_len(line) <= 80 for line in p.stdout.splitlines()), p.stdout


def test_json_is_the_same_in_both_languages():
    """The contract's JSON does not depend on the interface language."""
    town = str(FIXTURES / "reports" / "liulin-xiang-2024.txt")
    zh = lawcheck(town, "--format", "json", LANG="zh_CN.UTF-8")
    en = lawcheck(town, "--format", "json", LANG="C.UTF-8")
    assert zh.returncode == en.returncode == 1
    assert zh.stdout == en.stdout
