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
    fail_under: Optional[float] = typer.Option(None, "--fail-under", help="gate: fail when the score is under this"),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="gate: fail when any item is missing (or weak)"),
    level: Optional[Level] = typer.Option(None, "--level", help="force the issuer level instead of detecting it"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="print only one verdict line per report"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="write the output to this file (atomically)"),
) -> None:
    """Check each report and print its verdict."""
    from .check import check_path
    from .config import find_config
    from .score import GatePolicy

    cfg = find_config(Path.cwd())
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
            results.append(Failure(file=path, error=exc.line()))
    reports = [r for r in results if isinstance(r, Report)]
    if format == Format.terminal:
        if output is not None:
            import io
            buf = io.StringIO()
            from .render.terminal import print_reports
            print_reports([r for r in results if isinstance(r, Report)], quiet=quiet, file=buf)
            write_output(buf.getvalue(), output)
        else:
            from .render.terminal import print_reports
            print_reports(reports, quiet=quiet)
    elif reports or format == Format.json:
        from .render import renderer
        text = renderer(format.value).render(results if format == Format.json else reports,
                                             single=len(files) == 1)
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
    if it.check == "presence":
        lines.append(f"  scopes   pass in {', '.join(it.pass_scopes) or '-'}; weak in {', '.join(it.weak_scopes) or '-'}")
    for key in ("terms", "patterns", "weak_terms", "weak_patterns", "demote", "exclude"):
        vals = getattr(it, key)
        if vals:
            lines.append(f"  {key:8} " + " | ".join(vals))
    if it.options:
        lines.append(f"  options  {it.options}")
    for ex in it.examples:
        first = ex.text.strip().replace("\n", " / ")
        lines.append(f"  example  expect {ex.expect}: {first[:100]}")
    for prof in pack.profiles.values():
        if it.id in prof.not_applicable:
            lines.append(f"  profile  {prof.level}: not applicable")
        if it.id in prof.weights:
            lines.append(f"  profile  {prof.level}: weight {prof.weights[it.id]:g}")
    sys.stdout.write("\n".join(lines) + "\n")


@rules_app.command("validate")
def rules_validate(path: Path = typer.Argument(..., help="rule file or folder")) -> None:
    """Validate rule files (JSON Schema + semantic checks); errors give file:line: key."""
    from .rules import validate_path
    errors = validate_path(path)
    for e in errors:
        sys.stderr.write(f"{e}\n")
    if errors:
        sys.stderr.write(f"{len(errors)} error(s) in {path}\n")
        raise typer.Exit(2)
    sys.stdout.write(f"{path}: valid\n")


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


def main() -> None:
    """Entry point: route `lawcheck FILE...` to the check command."""
    argv = sys.argv[1:]
    if argv and argv[0] not in SUBCOMMANDS:
        argv = ["check"] + argv
    try:
        app(args=argv, prog_name="lawcheck")
    except KeyboardInterrupt:
        sys.stderr.write("lawcheck: interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
