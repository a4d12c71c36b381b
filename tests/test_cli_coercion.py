"""Parameter values converted without pydantic (clitext.direct_values) come out exactly as
typer's own pydantic converters make them: the same value of the same type, or the same
error; and a plain check does not import pydantic at all."""
from __future__ import annotations

import subprocess
import sys
from enum import Enum

import pytest

from conftest import FIXTURES

SAMPLES = {
    "str": ["", "a", "报告.txt", " x ", "-", 5, None],
    "bool": [True, False, "true", "no", "", None],
    "list-str": [("a.txt",), ("a", "b"), [], ["-"], "a.txt", ("a", 1), None],
    "float": ["70", "0", "100", "70.5", "070", "abc", "nan", "inf", " 70", "1e2", "-5",
              "70.", ".5", "1_0", "９９", "", 70.0, None],
    "int": ["1", "2", "0", "01", "-1", "abc", " 3", "1e2", "４", 3, None],
    "path": ["", "x.txt", "-", "/nonexistent/x", ".", "/", "a\x00b", b"x", None],
}


def _choices(annotation) -> list:
    values = [c.value for c in annotation]
    return values + [v.upper() for v in values] + ["", "xyz", " json", None, list(annotation)[0]]


def _params(cmd):
    for p in cmd.params:
        yield cmd, p
    for sub in getattr(cmd, "commands", {}).values():
        yield from _params(sub)


def _outcome(runtime, value, param, ctx):
    from typer._click.exceptions import BadParameter
    try:
        out = runtime.coerce(value, param=param, ctx=ctx)
    except BadParameter as exc:
        return ("error", exc.format_message())
    except Exception as exc:                        # noqa: BLE001 (compared, not hidden)
        return ("raised", type(exc).__name__, str(exc))
    return ("value", type(out), repr(out))


def test_direct_values_equal_typers_own_conversion(tmp_path, monkeypatch):
    from typer._coercion import build_runtime_param
    from typer._click import Context

    from lawcheck import cli, clitext
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    cmd = cli.build("en")
    seen = set()
    for owner, p in _params(cmd):
        fast = p._runtime_param
        assert fast is not None, (owner.name, p.name)
        desc = p.type_descriptor
        kind = clitext._kind(desc.annotation, desc.parameter_info)
        ann = desc.annotation
        values = _choices(ann) if isinstance(ann, type) and issubclass(ann, Enum) else SAMPLES[kind]
        seen.add(kind if kind != "choice" else ann.__name__)
        ctx = Context(owner)
        for value in values:
            slow = build_runtime_param(desc)
            want = _outcome(slow, value, p, ctx)
            p._runtime_param = fast
            got = _outcome(fast, value, p, ctx)
            assert got == want, (owner.name, p.name, value)
    assert {"str", "bool", "list-str", "float", "int", "path", "Format", "Lang"} <= seen


def test_a_check_does_not_import_pydantic():
    code = ("import sys\n"
            "from lawcheck.cli import run\n"
            f"code = run([{str(FIXTURES / 'reports' / 'liulin-xiang-2024.txt')!r}, '--format', 'json',"
            " '--fail-under', '60', '--level', 'town', '-o', '-'])\n"
            "print(code, 'pydantic' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] in ("0 False", "1 False")


@pytest.mark.parametrize("args,message", [
    (["--fail-under", "abc"], "Input should be a valid number"),
    (["--format", "JSON"], "'JSON' is not one of"),
])
def test_bad_values_keep_typers_messages(args, message, capsys):
    from lawcheck.cli import run
    assert run(["--lang", "en", str(FIXTURES / "reports" / "liulin-xiang-2024.txt"), *args]) == 2
    assert message in capsys.readouterr().err
