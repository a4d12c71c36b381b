"""Command line (typer). `lawcheck FILE...` is short for `lawcheck check FILE...`.

Exit status (../shared/spec/contract.md): 0 every report meets the gate; 1 at least one
falls short; 2 the command could not do its job (usage, unreadable input, bad rules).
Report-only flags (--quiet, --format, --output) never change the exit status.
"""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .model import Failure, LawcheckError, Report

SUBCOMMANDS = {"check", "batch", "rules", "diff", "--help", "-h", "--version", "--install-completion",
               "--show-completion"}

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Check annual rule-of-law reports (法治政府建设年度报告) against the checklist.")
rules_app = typer.Typer(no_args_is_help=True, help="List, explain, validate and test rule packs.")


def _version(value: bool) -> None:
    if value:
        from . import __version__
        sys.stdout.write(f"lawcheck {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="print the version and exit")) -> None:
    """Check annual rule-of-law reports (法治政府建设年度报告) against the checklist."""
app.add_typer(rules_app, name="rules")


class Format(str, Enum):
    terminal = "terminal"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    markdown = "markdown"
    html = "html"
    csv = "csv"


class FailOn(str, Enum):
    missing = "missing"
    weak = "weak"


class Level(str, Enum):
    province = "province"
    city = "city"
    county = "county"
    town = "town"
    department = "department"


def _score_floor(value: Optional[float]) -> Optional[float]:
    """--fail-under must be a real score: nan would disable the gate silently."""
    if value is None:
        return None
    from .config import check_score_floor
    try:
        return check_score_floor(value)
    except (TypeError, ValueError):
        raise typer.BadParameter("must be a number from 0 to 100") from None


def _die(message: str) -> "typer.Exit":
    sys.stderr.write(f"lawcheck: {message}\n")
    return typer.Exit(2)


def load_rules(rules: Optional[Path]):
    """Load the pack or exit 2 with every rule error (file:line: key: message)."""
    from .config import find_config
    from .rules import RulePackError, load_pack
    if rules is None:
        cfg = find_config(Path.cwd())
        rules = cfg.rules if cfg else None
    try:
        return load_pack(rules)
    except RulePackError as exc:
        for e in exc.errors:
            sys.stderr.write(f"lawcheck: {e}\n")
        raise typer.Exit(2)


def write_output(text: str, output: Optional[Path]) -> None:
    """Print, or write atomically (temp file + rename) so a reader never sees half a file."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    from .atomic import write_atomic
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise _die(f"{output}: cannot write ({exc.strerror}); check the folder exists and is writable")


@app.command("check")
def check_cmd(
    files: List[str] = typer.Argument(..., help="report files (txt, md, html, docx, pdf); - for standard input"),
    format: Format = typer.Option(Format.terminal, "--format", "-f", help="output format"),
    rules: Optional[Path] = typer.Option(None, "--rules", help="rule file or folder (default: bundled national pack, or lawcheck.yaml)"),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", callback=_score_floor, help="gate: fail when the score is under this"),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="gate: fail when any item is missing (or weak)"),
    level: Optional[Level] = typer.Option(None, "--level", help="force the issuer level instead of detecting it"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="print only one verdict line per report"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="write the output to this file (atomically)"),
) -> None:
    """Check each report and print its verdict."""
    from .check import check_path
    from .read import display_name
    from .config import find_config
    from .score import GatePolicy

    cfg = find_config(Path.cwd())
    if output is not None and str(output) != "-":
        from .atomic import same_file
        clash = next((f for f in files if f != "-" and same_file(f, output)), None)
        if clash is not None:
            raise _die(f"{output}: is also an input report; write the output to another file")
    pack = load_rules(rules)
    policy = GatePolicy(
        fail_under=fail_under if fail_under is not None else (cfg.fail_under if cfg else None),
        fail_on=fail_on.value if fail_on else (cfg.fail_on if cfg else None))
    forced = level.value if level else (cfg.level if cfg else None)
    results: list[Report | Failure] = []
    for path in files:
        try:
            results.append(check_path(path, pack, policy, forced))
        except LawcheckError as exc:
            sys.stderr.write(f"lawcheck: {exc.line()}\n")
            results.append(Failure(file=display_name(path), error=exc.line()))
        except Exception as exc:  # a bug in lawcheck: one line, and the other files go on
            line = (f"{path}: internal error ({type(exc).__name__}: {exc}); "
                    "please report it with this file")
            sys.stderr.write(f"lawcheck: {line}\n")
            results.append(Failure(file=display_name(path), error=line))
    reports = [r for r in results if isinstance(r, Report)]
    # Nothing was checked: say so (done above, on stderr) and leave any earlier output
    # file as it was rather than replacing it with an empty or error-only file.
    if reports or (format == Format.json and output is None):
        if format == Format.terminal:
            from .render.terminal import print_reports
            if output is not None:
                import io
                buf = io.StringIO()
                print_reports(reports, quiet=quiet, file=buf)
                write_output(buf.getvalue(), output)
            else:
                print_reports(reports, quiet=quiet)
        else:
            from .render import renderer
            # Every machine format records unreadable files too (error objects, SARIF
            # notifications, JUnit errors, CSV error rows).
            text = renderer(format.value).render(results, single=len(files) == 1,
                                                 fail_on=policy.fail_on)
            if quiet and output is None and format != Format.json:
                from .render.terminal import verdict_line
                for r in reports:
                    sys.stderr.write(verdict_line(r) + "\n")
            write_output(text, output)
    if any(isinstance(r, Failure) for r in results):
        raise typer.Exit(2)
    raise typer.Exit(0 if all(r.gate.passed for r in reports) else 1)


@rules_app.command("list")
def rules_list(rules: Optional[Path] = typer.Option(None, "--rules", help="rule file or folder")) -> None:
    """List the loaded items: id, title, group, weight, severity."""
    pack = load_rules(rules)
    from rich.console import Console
    from rich.table import Table
    table = Table(title=f"{pack.name}: {pack.title}", box=None)
    for col in ("id", "title", "group", "check", "weight", "severity", "examples"):
        table.add_column(col)
    for it in pack.items:
        table.add_row(it.id, it.title, it.group, it.check, f"{it.weight:g}", it.severity,
                      str(len(it.examples)))
    Console(width=None if sys.stdout.isatty() else 120).print(table)


@rules_app.command("show")
def rules_show(item_id: str = typer.Argument(..., help="item id, e.g. enforcement.publicity"),
               rules: Optional[Path] = typer.Option(None, "--rules", help="rule file or folder")) -> None:
    """Explain one item: what passes, what is weak, vocabulary, scopes, examples."""
    pack = load_rules(rules)
    try:
        it = pack.item(item_id)
    except KeyError:
        raise _die(f"no item '{item_id}' in pack {pack.name}; `lawcheck rules list` shows the ids")
    lines = [f"{it.id}  {it.title}", f"  group {it.group} · check {it.check} · weight {it.weight:g} · "
             f"severity {it.severity} · needs {it.needs}", f"  defined at {it.source}"]
    for st in ("pass", "weak", "missing"):
        if it.describe.get(st):
            lines.append(f"  {st:8}{it.describe[st]}")
    for st in ("weak", "missing"):
        if it.hint.get(st):
            lines.append(f"  hint {st:8}{it.hint[st]}")
    for cause, text in (it.hint.get("because") or {}).items():
        lines.append(f"  hint weak, {cause}: {text}")
    if it.check == "presence":
        lines.append(f"  scopes   pass in {', '.join(it.pass_scopes) or '-'}; weak in {', '.join(it.weak_scopes) or '-'}")
    for key in ("terms", "patterns", "weak_terms", "weak_patterns", "demote", "exclude"):
        vals = getattr(it, key)
        if vals:
            lines.append(f"  {key:8} " + " | ".join(vals))
    if it.options:
        lines.append(f"  options  {it.options}")
    if it.check == "deadline":
        lines.append("  deadlines " + "; ".join(f"{lvl} {m}月{d}日" for lvl, (m, d) in pack.deadlines.items())
                     + " (of the year after the reported year)")
    for ex in it.examples:
        first = ex.text.strip().replace("\n", " / ")
        lines.append(f"  example  expect {ex.expect}: {first[:100]}")
    for prof in pack.profiles.values():
        if it.id in prof.not_applicable:
            lines.append(f"  profile  {prof.level}: not applicable")
        if it.id in prof.weights:
            lines.append(f"  profile  {prof.level}: weight {prof.weights[it.id]:g}")
        if it.id in prof.items:
            meaning = prof.items[it.id].describe.get("pass", "")
            lines.append(f"  profile  {prof.level}: pass means {meaning}")
    sys.stdout.write("\n".join(lines) + "\n")


@rules_app.command("validate")
def rules_validate(path: Path = typer.Argument(..., help="rule file or folder"),
                   strict: bool = typer.Option(False, "--strict", help="treat warnings (LC213) as errors: exit 2")) -> None:
    """Validate rule files (JSON Schema + semantic checks); errors give file:line: key.
    Warnings (an item without an example for each verdict, LC213) do not fail unless --strict."""
    from .rules import RulePackError, validate_path, validate_warnings
    errors = validate_path(path)
    for e in errors:
        sys.stderr.write(f"{e}\n")
    if errors:
        sys.stderr.write(f"{len(errors)} error(s) in {path}\n")
        raise typer.Exit(2)
    try:
        warnings = validate_warnings(path)
    except RulePackError as exc:        # valid files that still fail to load: report, exit 2
        for e in exc.errors:
            sys.stderr.write(f"{e}\n")
        raise typer.Exit(2)
    for w in warnings:
        sys.stderr.write(f"{w}\n")
    if warnings and strict:
        sys.stderr.write(f"{len(warnings)} warning(s) in {path} (--strict)\n")
        raise typer.Exit(2)
    sys.stdout.write(f"{path}: valid" + (f", {len(warnings)} warning(s)" if warnings else "") + "\n")


@rules_app.command("test")
def rules_test(path: Optional[Path] = typer.Argument(None, help="rule file or folder (default: bundled pack)"),
               verbose: bool = typer.Option(False, "--verbose", "-v", help="list passing examples too")) -> None:
    """Run every item's examples; report each one whose verdict differs."""
    from .ruletest import run_examples
    pack = load_rules(path)
    results = run_examples(pack)
    failed = [r for r in results if not r.ok]
    for r in results:
        if verbose or not r.ok:
            mark = "ok  " if r.ok else "FAIL"
            sys.stdout.write(f"{mark} {r.item} example {r.index + 1} ({r.source}): expected {r.expect}, got {r.got}"
                             + ("" if r.ok else f" — {r.reason}") + "\n")
    sys.stdout.write(f"{len(results) - len(failed)} passed, {len(failed)} failed\n")
    raise typer.Exit(1 if failed else 0)


def _gate_settings(rules: Optional[Path], fail_under: Optional[float], fail_on: Optional[FailOn],
                   level: Optional[Level]):
    """(rules path, GatePolicy, forced level): options first, then lawcheck.yaml."""
    from .config import find_config
    from .score import GatePolicy
    try:
        cfg = find_config(Path.cwd())
    except LawcheckError as exc:
        raise _die(exc.line())
    rules_path = rules if rules is not None else (cfg.rules if cfg else None)
    policy = GatePolicy(
        fail_under=fail_under if fail_under is not None else (cfg.fail_under if cfg else None),
        fail_on=fail_on.value if fail_on else (cfg.fail_on if cfg else None))
    forced = level.value if level else (cfg.level if cfg else None)
    return rules_path, policy, forced


@app.command("batch")
def batch_cmd(
    inputs: List[str] = typer.Argument(..., help="report files and folders (searched recursively)"),
    out: Path = typer.Option(..., "--out", "-o", help="output file; its suffix picks the kind: .csv .jsonl .json .html"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="worker processes (default: CPU count)"),
    glob: Optional[str] = typer.Option(None, "--glob", help="only files matching this pattern, e.g. '*.docx' or '2024/*.pdf'"),
    rules: Optional[Path] = typer.Option(None, "--rules", help="rule file or folder (default: bundled national pack, or lawcheck.yaml)"),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", callback=_score_floor, help="gate: fail when the score is under this"),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="gate: fail when any item is missing (or weak)"),
    level: Optional[Level] = typer.Option(None, "--level", help="force the issuer level instead of detecting it"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar; a one-line summary"),
) -> None:
    """Score many reports in parallel and write one output file.

    Exit 0 when every report meets the gate, 1 when one falls short, 2 when one could not
    be read (its error is in the output and on stderr) or the command could not run."""
    from .batch import run_batch, summary_text
    rules_path, policy, forced = _gate_settings(rules, fail_under, fail_on, level)
    load_rules(rules_path)                      # rule errors: exit 2 before any work
    try:
        res = run_batch(inputs, str(out), jobs=jobs, glob=glob, rules=rules_path, policy=policy,
                        level=forced, quiet=quiet)
    except LawcheckError as exc:
        raise _die(exc.line())
    except OSError as exc:
        raise _die(f"{out}: cannot write ({exc.strerror}); check the folder exists and is writable")
    sys.stdout.write(summary_text(res, quiet=quiet))
    raise typer.Exit(res.exit_code)


class DiffFormat(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"


@app.command("diff")
def diff_cmd(
    old: str = typer.Argument(..., help="the earlier version of the report"),
    new: str = typer.Argument(..., help="the new version of the report"),
    format: DiffFormat = typer.Option(DiffFormat.terminal, "--format", "-f", help="output format"),
    rules: Optional[Path] = typer.Option(None, "--rules", help="rule file or folder (default: bundled national pack, or lawcheck.yaml)"),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", callback=_score_floor, help="gate for NEW: fail when its score is under this"),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="gate for NEW: fail when any item is missing (or weak)"),
    level: Optional[Level] = typer.Option(None, "--level", help="force the issuer level instead of detecting it"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="write the output to this file (atomically)"),
) -> None:
    """Compare two versions of a report: score delta, items improved and regressed.

    Exit 0 when NEW meets the gate and no item regressed, 1 when NEW fails the gate or an
    item regressed (pass -> weak/missing, weak -> missing), 2 when a file cannot be read."""
    from .check import check_path
    from .diff import diff_reports, render_diff
    rules_path, policy, forced = _gate_settings(rules, fail_under, fail_on, level)
    pack = load_rules(rules_path)
    try:
        a = check_path(old, pack, policy, forced)
        b = check_path(new, pack, policy, forced)
    except LawcheckError as exc:
        raise _die(exc.line())
    d = diff_reports(a, b)
    write_output(render_diff(d, format.value, color=None if output is None else False), output)
    raise typer.Exit(d.exit_code)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    """Entry point: route `lawcheck FILE...` to the check command."""
    argv = sys.argv[1:]
    if argv and argv[0] not in SUBCOMMANDS:
        argv = ["check"] + argv
    import signal
    # SIGTERM (a CI job cancelled, `kill`) unwinds like Ctrl-C, so temporary output files
    # are removed and an earlier output stays as it was.
    from .atomic import interrupt
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)
    try:
        app(args=argv, prog_name="lawcheck")
    except KeyboardInterrupt:
        sys.stderr.write("lawcheck: interrupted\n")
        sys.exit(130)
    except SystemExit as exc:
        code = exc.code
        # click's standalone mode ends a broken stdout pipe with exit 1, which a CI job
        # reads as "the gate failed"; exit 1 is the gate's alone.
        if code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
            code = 2
        try:
            sys.stdout.flush()        # here, not at interpreter exit, so a full disk is seen
        except BrokenPipeError:
            _quiet_stdout()
            code = 2
        except OSError as err:
            _quiet_stdout()
            sys.stderr.write(f"lawcheck: cannot write the output ({err.strerror or err}); "
                             "check the disk or the pipe\n")
            code = 2
        sys.exit(code)
    except BrokenPipeError:
        # `lawcheck … | head`: the reader went away; nothing more to say to it.
        _quiet_stdout()
        sys.exit(2)
    except OSError as exc:            # stdout on a full disk (> /dev/full), a closed terminal
        _quiet_stdout()
        sys.stderr.write(f"lawcheck: cannot write the output ({exc.strerror or exc}); "
                         "check the disk or the pipe\n")
        sys.exit(2)
    except LawcheckError as exc:      # e.g. a bad lawcheck.yaml: one line, exit 2, no traceback
        sys.stderr.write(f"lawcheck: {exc.line()}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
