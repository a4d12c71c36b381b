"""rx: patterns built from cached compiled code are the very patterns re.compile makes."""
from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys

from lawcheck import rx


def test_built_patterns_equal_re_compile():
    # Pattern equality compares the pattern, the flags and the compiled code
    pats = [r"(a)(?P<x>b)?\d+[\u4e00-\u9fff]{2}", r"^第([一二三])(部分|章)", "(?i)abc", "x{2,}",
            r"(?<=[。;])\s*(?=下一步)", ""]
    for p in pats:
        assert rx.compile(p) == re.compile(p)
        assert rx.compile(p, re.M) == re.compile(p, re.M)
    for (p, flags), _args in list(rx._CODES.items()):
        assert rx.compile(p, flags) == re.compile(p, flags), p


def test_bad_patterns_raise_res_errors():
    try:
        rx.compile("(")
    except re.error as exc:
        assert "missing )" in str(exc)
    else:
        raise AssertionError("no error")


def test_cache_file_round_trip_and_damage(tmp_path):
    env = {**os.environ, "LAWCHECK_CACHE_DIR": str(tmp_path)}
    env.pop("LAWCHECK_NO_CACHE", None)
    code = ("import sys; from lawcheck import rx; import lawcheck.outline, lawcheck.match;"
            "print(len(rx._CODES))")
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    files = list(tmp_path.glob("regex-*.pickle"))
    assert first.returncode == 0 and len(files) == 1
    data = pickle.loads(files[0].read_bytes())
    assert data and all(isinstance(k[0], str) for k in data)
    files[0].write_bytes(b"garbage")               # damaged: ignored, rebuilt
    again = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert pickle.loads(files[0].read_bytes())
    # a code list that _sre rejects falls back to re.compile
    bad = {k: (v[0], [1, 2, 3], v[2], v[3], v[4]) for k, v in data.items()}
    files[0].write_bytes(pickle.dumps(bad))
    code2 = ("import re; from lawcheck import rx; import lawcheck.match as m;"
             "assert m.FIGURE == re.compile(m.FIGURE.pattern); print('ok')")
    res = subprocess.run([sys.executable, "-c", code2], env=env, capture_output=True, text=True)
    assert res.stdout.strip() == "ok", res.stderr


def test_module_functions_are_res():
    text = "一是加强调解,二是规范执法。2024年办理12件"
    assert rx.search(r"\d+件", text).group() == re.search(r"\d+件", text).group()
    assert rx.findall(r"[一二]是", text) == re.findall(r"[一二]是", text)
    assert rx.split(r"[,。]", text) == re.split(r"[,。]", text)
    assert rx.sub(r"\d", "#", text, count=2) == re.sub(r"\d", "#", text, count=2)
    assert rx.match(r"一是", text) and not rx.match(r"二是", text)
    assert rx.fullmatch(r".+", text) and rx.subn("是", "", text)[1] == 2
    assert [m.span() for m in rx.finditer("是", text)] == [m.span() for m in re.finditer("是", text)]
    assert rx.search(re.compile("x"), "axb").start() == 1
