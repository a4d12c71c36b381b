"""Snapshot the terminal view (`lawcheck REPORT`) of every fixture at several widths, in
both languages, plain and in colour, to prove a change to the terminal renderer changed
no byte of what a reviewer sees (issue 11: "the terminal output stays exactly the same").

    python tools/termsnap.py write /tmp/term-before     # with the code before the change
    python tools/termsnap.py compare /tmp/term-before   # after: lists what differs

The code measured is whatever `lawcheck` this Python imports: run it as
`PYTHONPATH=/tmp/before/src python tools/termsnap.py write ...` for a `git archive` of
the code before. Each view runs through the command line (`lawcheck.cli.run`) in this
process with COLUMNS set (60, 80, 120, 200), `--lang zh|en`, output captured (not a
terminal, so plain text) and again with FORCE_COLOR=1 (rich's styles as escape codes).
Cases: every fixtures/reports/*.txt; the fixtures/previous reports with `--previous`;
one `--quiet` run; one run of two files of which one cannot be read (the error line);
and, plain, the help of every command and a few usage errors.
Exit 1 from `compare` when anything differs.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from pathlib import Path

from snapshot import show_diff     # tools/ is this script's folder: one diff printer

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (60, 80, 120, 200)
LANGS = ("zh", "en")


def _cases() -> list[tuple[str, list[str]]]:
    reports = ROOT / "fixtures" / "reports"
    prev = ROOT / "fixtures" / "previous"
    out = [(p.stem, [str(p.relative_to(ROOT))]) for p in sorted(reports.glob("*.txt"))]
    old = prev / "tanchuan-county-2023.txt"
    for p in sorted(prev.glob("*.txt")):
        if p != old:
            out.append((f"previous-{p.stem}", [str(p.relative_to(ROOT)), "--previous",
                                                str(old.relative_to(ROOT))]))
    first = sorted(reports.glob("*.txt"))[:3]
    out.append(("quiet", [str(p.relative_to(ROOT)) for p in first] + ["--quiet"]))
    out.append(("unreadable", [str(first[0].relative_to(ROOT)), "fixtures/no-such-report.txt"]))
    return out


def _help_cases() -> list[tuple[str, list[str]]]:
    """Help of every command and a few usage errors (plain text, no --format)."""
    cmds = [[], ["check"], ["batch"], ["diff"], ["rules"], ["rules", "list"], ["rules", "show"],
            ["rules", "validate"], ["rules", "test"]]
    out = [("help-" + ("-".join(c) or "root"), [*c, "--help"]) for c in cmds]
    report = "fixtures/reports/liulin-xiang-2024.txt"
    for name, args in (("fail-under-abc", ["--fail-under", "abc"]), ("format-JSON", ["--format", "JSON"]),
                       ("fail-under-120", ["--fail-under", "120"]), ("level-nope", ["--level", "nope"]),
                       ("no-such-option", ["--jobs", "2"])):
        out.append((f"usage-{name}", [report, *args]))
    out.append(("usage-batch-jobs-0", ["batch", "fixtures/reports", "--jobs", "0", "-o", "x.csv"]))
    out.append(("usage-none", []))
    return out


def _run(argv: list[str], env: dict[str, str]) -> str:
    from lawcheck.cli import run
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(argv)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return f"{out.getvalue()}--- stderr\n{err.getvalue()}--- exit {code}\n"


def _outputs(only: str = "", widths: tuple[int, ...] = WIDTHS):
    os.chdir(ROOT)
    os.environ.pop("FORCE_COLOR", None)
    os.environ.pop("NO_COLOR", None)
    for name, args in _cases():
        if only not in name:
            continue
        for lang in LANGS:
            for width in widths:
                for colour in (False, True):
                    env = {"COLUMNS": str(width), "TERM": "xterm-256color", "COLORTERM": "truecolor"}
                    if colour:
                        env["FORCE_COLOR"] = "1"
                    key = f"{name}.{lang}.{width}.{'colour' if colour else 'plain'}"
                    yield key, _run(["--lang", lang, *args, "--format", "terminal"], env)
    for name, args in _help_cases():
        if only not in name:
            continue
        for lang in LANGS:
            for width in widths:
                yield f"{name}.{lang}.{width}", _run(["--lang", lang, *args], {"COLUMNS": str(width)})


def write(out: Path, only: str = "", widths: tuple[int, ...] = WIDTHS) -> int:
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for key, text in _outputs(only, widths):
        (out / f"{key}.txt").write_text(text, encoding="utf-8")
        n += 1
    print(f"wrote {n} terminal views to {out}")
    return 0


def compare(base: Path, only: str = "", widths: tuple[int, ...] = WIDTHS) -> int:
    seen = differ = 0
    for key, text in _outputs(only, widths):
        seen += 1
        old = base / f"{key}.txt"
        before = old.read_text(encoding="utf-8") if old.exists() else None
        if before != text:
            differ += 1
            show_diff(key, before or "", text)
    print(f"{seen - differ}/{seen} terminal views identical")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("write", "compare"))
    ap.add_argument("folder")
    ap.add_argument("--only", default="", help="only the cases whose name contains this")
    ap.add_argument("--widths", default=",".join(map(str, WIDTHS)),
                    help="comma-separated COLUMNS values (default: %(default)s)")
    args = ap.parse_args()
    widths = tuple(int(w) for w in args.widths.split(","))
    return (write if args.mode == "write" else compare)(Path(args.folder), args.only, widths)


if __name__ == "__main__":
    sys.exit(main())
