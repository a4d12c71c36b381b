"""Command line (typer). `lawcheck FILE...` is short for `lawcheck check FILE...`.

Exit status (../shared/spec/contract.md): 0 every report meets the gate; 1 at least one
falls short; 2 the command could not do its job (usage, unreadable input, bad rules).
Report-only flags (--quiet, --format, --output, --lang) never change the exit status.

The interface language (--lang zh|en, else the locale) is chosen before click parses the
command line (`run` -> i18n.detect), so help and usage errors are already translated:
help texts are marked N_ here and translated on the built command tree (clitext).
"""
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .i18n import N_, _
from .model import Failure, LawcheckError, Report

SUBCOMMANDS = {"check", "batch", "rules", "diff", "--help", "-h", "--version", "--install-completion",
               "--show-completion"}

ROOT_HELP = N_("Check annual rule-of-law reports (法治政府建设年度报告) against the checklist.\n\n"
               "lawcheck FILE... is short for lawcheck check FILE.... The interface speaks "
               "Chinese when the locale is Chinese (LANG=zh_CN.UTF-8) or with --lang zh.")
ROOT_EPILOG = N_("\b\nExamples:\n"
                 "  lawcheck report.docx                     readable verdict\n"
                 "  lawcheck report.txt --format json        the JSON object\n"
                 "  lawcheck batch submissions/ -o out.html  score a folder\n"
                 "  lawcheck --lang zh --help                this help in Chinese\n"
                 "\n"
                 "Exit status: 0 every report meets the gate, 1 at least one falls short, "
                 "2 a file could not be read or the command could not run.")

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help=ROOT_HELP, epilog=ROOT_EPILOG)
rules_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                        help=N_("List, explain, validate and test rule packs."))


class Lang(str, Enum):
    zh = "zh"
    en = "en"


# Read from the command line before click parses it (main() -> i18n.detect), so that
# --help and usage errors are already in the chosen language; declared here for --help.
LANG_HELP = N_("interface language: zh (Chinese) or en (English); default from the locale "
               "(LC_ALL, LC_MESSAGES, LANG)")


def _lang_opt():
    return typer.Option(None, "--lang", help=LANG_HELP, show_default=False)


def _version(value: bool) -> None:
    if value:
        from . import __version__
        sys.stdout.write(f"lawcheck {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help=N_("print the version and exit")),
          lang: Optional[Lang] = _lang_opt()) -> None:
    pass
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
    docx = "docx"


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


def _score_floor(value: Optional[float]) -> Optional[float]:
    """--fail-under must be a real score: nan would disable the gate silently."""
    if value is None:
        return None
    from .config import check_score_floor
    try:
        return check_score_floor(value)
    except (TypeError, ValueError):
        raise typer.BadParameter(_("must be a number from 0 to 100")) from None


def _cannot_write(output: object, exc: OSError) -> "typer.Exit":
    return _die(_("{path}: cannot write ({reason}); check the folder exists and is writable")
                .format(path=output, reason=exc.strerror))


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


def write_output(text: str | bytes, output: Optional[Path]) -> None:
    """Print, or write atomically (temp file + rename) so a reader never sees half a file.
    Bytes (the docx review copy) are only ever written to a file."""
    if output is None or str(output) == "-":
        assert isinstance(text, str)    # check() refuses --format docx without a file
        sys.stdout.write(text)
        return
    from .atomic import write_atomic
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise _cannot_write(output, exc)


def _is_terminal(path: Path) -> bool:
    """Does `path` name a terminal (-o /dev/stdout, /dev/tty)? Binary never goes there."""
    import stat
    try:
        if not stat.S_ISCHR(os.stat(path).st_mode):
            return False
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


RULES_HELP = N_("rule file or folder (default: bundled national pack, or lawcheck.yaml)")
FAIL_UNDER_HELP = N_("gate: fail when the score is under this")
FAIL_ON_HELP = N_("gate: fail when any item is missing (or weak)")
LEVEL_HELP = N_("force the issuer level instead of detecting it")
OUTPUT_HELP = N_("write the output to this file (atomically)")
FORMAT_HELP = N_("output format")

CHECK_HELP = N_("Check each report and print its verdict.\n\n"
                "Exit status: 0 every report meets the gate, 1 at least one falls short, "
                "2 a file could not be read or the command could not run.")
CHECK_EPILOG = N_("\b\nExamples:\n"
                  "  lawcheck report.txt                        readable verdict\n"
                  "  lawcheck report.docx --format json         the JSON object\n"
                  "  lawcheck report.txt --fail-under 70        also gate on a score floor\n"
                  "  lawcheck report.txt --format html -o x.html  a page to share\n"
                  "  lawcheck - < report.txt                    standard input")


@app.command("check", help=CHECK_HELP, epilog=CHECK_EPILOG)
def check_cmd(
    files: List[str] = typer.Argument(..., metavar="FILE", help=N_("report files (txt, md, html, docx, pdf); - for standard input")),
    format: Format = typer.Option(Format.terminal, "--format", "-f", help=FORMAT_HELP),
    rules: Optional[Path] = typer.Option(None, "--rules", metavar="PATH", help=RULES_HELP),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", metavar="SCORE", callback=_score_floor, help=FAIL_UNDER_HELP),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help=FAIL_ON_HELP),
    level: Optional[Level] = typer.Option(None, "--level", help=LEVEL_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=N_("print only one verdict line per report")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="PATH", help=OUTPUT_HELP),
    previous: Optional[str] = typer.Option(None, "--previous", metavar="FILE", help=N_("the same issuer's report of the year before: were its problems fixed, its plans done, what was copied")),
    lang: Optional[Lang] = _lang_opt(),
) -> None:
    _refuse_docx_without_file(format, files, output)
    rules_path, policy, forced = _gate_settings(rules, fail_under, fail_on, level)
    pack = load_rules(rules_path)
    _refuse_input_as_output(files, output)
    prev = _previous_report(previous, files, pack, policy)
    results = [_check_one(path, pack, policy, forced, prev) for path in files]
    reports = [r for r in results if isinstance(r, Report)]
    # Nothing was checked: say so (done above, on stderr) and leave any earlier output
    # file as it was rather than replacing it with an empty or error-only file.
    if reports or (format == Format.json and output is None):
        _write_results(results, reports, format, output, quiet, policy.fail_on, single=len(files) == 1)
    if any(isinstance(r, Failure) for r in results):
        raise typer.Exit(2)
    raise typer.Exit(0 if all(r.gate.passed for r in reports) else 1)


def _refuse_docx_without_file(format: Format, files: list[str], output: Optional[Path]) -> None:
    """--format docx writes the Word review copy of one report to a file: exit 2 else."""
    if format != Format.docx:
        return
    if output is None or str(output) == "-" or _is_terminal(output):
        raise _die(_("--format docx writes a Word file: give the output file with -o, "
                     "e.g. -o 审阅稿.docx"))
    if len(files) != 1:
        raise _die(_("--format docx writes the review copy of one report: give one file"))


def _refuse_input_as_output(files: list[str], output: Optional[Path]) -> None:
    """Exit 2 when the output file is one of the input reports."""
    if output is None or str(output) == "-":
        return
    from .atomic import same_file
    clash = next((f for f in files if f != "-" and same_file(f, output)), None)
    if clash is not None:
        raise _die(_("{path}: is also an input report; write the output to another file")
                   .format(path=output))


def _previous_report(previous: Optional[str], files: list[str], pack, policy):
    """The analysis of --previous (the year before), or None without it."""
    if previous is None:
        return None
    if len(files) != 1:
        raise _die(_("--previous compares one report with the year before: give exactly one FILE"))
    from .check import analyse_path
    try:
        return analyse_path(previous, pack, policy)
    except LawcheckError as exc:
        raise _die(f"--previous {exc.line()}")


def _check_one(path: str, pack, policy, forced: Optional[str], prev) -> Report | Failure:
    """One report checked (and compared with `prev`), or the Failure saying why not; the
    reason of a failure is also written to stderr."""
    from .read import display_name
    try:
        if prev is not None:
            from .check import analyse_document
            from .previous import apply_comparison, compare
            from .read import read_path
            cur = analyse_document(read_path(path), pack, policy, forced)
            apply_comparison(cur.report, compare(cur, prev, pack), pack, policy, prev.report)
            return cur.report
        from .check import check_path
        return check_path(path, pack, policy, forced)
    except LawcheckError as exc:
        sys.stderr.write(f"lawcheck: {exc.line()}\n")
        return Failure(file=display_name(path), error=exc.line())
    except Exception as exc:  # a bug in lawcheck: one line, and the other files go on
        line = _("{path}: internal error ({error}); please report it with this file").format(
            path=path, error=f"{type(exc).__name__}: {exc}")
        sys.stderr.write(f"lawcheck: {line}\n")
        return Failure(file=display_name(path), error=line)


def _write_results(results: list[Report | Failure], reports: list[Report], format: Format,
                   output: Optional[Path], quiet: bool, fail_on: Optional[str], single: bool) -> None:
    """Print or write the results in `format` (the terminal view: the reports only)."""
    if format == Format.terminal:
        from .render.terminal import print_reports
        if output is not None:
            import io
            buf = io.StringIO()
            print_reports(reports, quiet=quiet, file=buf)
            write_output(buf.getvalue(), output)
        else:
            print_reports(reports, quiet=quiet)
        return
    from .render import BINARY_FORMATS, renderer
    if format.value in BINARY_FORMATS:     # docx: the Word review copy (-o only)
        text: str | bytes = renderer(format.value).render_bytes(results)
    else:
        # Every machine format records unreadable files too (error objects, SARIF
        # notifications, JUnit errors, CSV error rows).
        text = renderer(format.value).render(results, single=single, fail_on=fail_on)
    if quiet and output is None and format != Format.json:
        from .render.terminal import verdict_line
        for r in reports:
            sys.stderr.write(verdict_line(r) + "\n")
    write_output(text, output)


RULE_PATH_HELP = N_("rule file or folder")


@rules_app.command("list", help=N_("List the loaded items: id, title, group, weight, severity."))
def rules_list(rules: Optional[Path] = typer.Option(None, "--rules", metavar="PATH", help=RULE_PATH_HELP),
               lang: Optional[Lang] = _lang_opt()) -> None:
    pack = load_rules(rules)
    from rich.console import Console
    from rich.table import Table
    table = Table(title=f"{pack.name}: {pack.title}", box=None)
    for col in (_("id"), _("title"), _("group"), _("check"), _("weight"), _("severity"), _("examples")):
        table.add_column(col)
    for it in pack.items:
        table.add_row(it.id, it.title, it.group, it.check, f"{it.weight:g}", it.severity,
                      str(len(it.examples)))
    Console(width=None if sys.stdout.isatty() else 120).print(table)


@rules_app.command("show", help=N_("Explain one item: what passes, what is weak, vocabulary, scopes, examples."))
def rules_show(item_id: str = typer.Argument(..., metavar="ID", help=N_("item id, e.g. enforcement.publicity")),
               rules: Optional[Path] = typer.Option(None, "--rules", metavar="PATH", help=RULE_PATH_HELP),
               lang: Optional[Lang] = _lang_opt()) -> None:
    pack = load_rules(rules)
    try:
        it = pack.item(item_id)
    except KeyError:
        raise _die(_("no item '{id}' in pack {pack}; `lawcheck rules list` shows the ids").format(
            id=item_id, pack=pack.name))
    lines = [f"{it.id}  {it.title}",
             _("  group {group} · check {check} · weight {weight} · severity {severity} · "
               "needs {needs}").format(group=it.group, check=it.check, weight=f"{it.weight:g}",
                                       severity=it.severity, needs=it.needs),
             _("  defined at {source}").format(source=it.source)]
    label = {"pass": _("pass"), "weak": _("weak"), "missing": _("missing")}
    for st in ("pass", "weak", "missing"):
        if it.describe.get(st):
            lines.append(f"  {label[st]:8}{it.describe[st]}")
    for st in ("weak", "missing"):
        if it.hint.get(st):
            lines.append(_("  hint {status}").format(status=f"{label[st]:8}") + it.hint[st])
    for cause, text in (it.hint.get("because") or {}).items():
        lines.append(_("  hint weak, {cause}: {text}").format(cause=cause, text=text))
    if it.check == "presence":
        lines.append(_("  scopes   pass in {passes}; weak in {weak}").format(
            passes=", ".join(it.pass_scopes) or "-", weak=", ".join(it.weak_scopes) or "-"))
    for key in ("terms", "patterns", "weak_terms", "weak_patterns", "demote", "exclude"):
        vals = getattr(it, key)
        if vals:
            lines.append(f"  {key:8} " + " | ".join(vals))
    if it.options:
        lines.append(f"  options  {it.options}")
    if it.check == "deadline":
        lines.append(_("  deadlines {dates} (of the year after the reported year)").format(
            dates="; ".join(f"{lvl} {m}月{d}日" for lvl, (m, d) in pack.deadlines.items())))
    for ex in it.examples:
        first = ex.text.strip().replace("\n", " / ")
        lines.append(_("  example  expect {status}: {text}").format(status=ex.expect, text=first[:100]))
    for prof in pack.profiles.values():
        if it.id in prof.not_applicable:
            lines.append(_("  profile  {level}: not applicable").format(level=prof.level))
        if it.id in prof.weights:
            lines.append(_("  profile  {level}: weight {weight}").format(
                level=prof.level, weight=f"{prof.weights[it.id]:g}"))
        if it.id in prof.items:
            lines.append(_("  profile  {level}: pass means {meaning}").format(
                level=prof.level, meaning=prof.items[it.id].describe.get("pass", "")))
    sys.stdout.write("\n".join(lines) + "\n")


@rules_app.command("validate", help=N_("Validate rule files (JSON Schema + semantic checks); errors give "
                                        "file:line: key. Warnings (an item without an example for each "
                                        "verdict, LC213) do not fail unless --strict."))
def rules_validate(path: Path = typer.Argument(..., metavar="PATH", help=RULE_PATH_HELP),
                   strict: bool = typer.Option(False, "--strict", help=N_("treat warnings (LC213) as errors: exit 2")),
                   lang: Optional[Lang] = _lang_opt()) -> None:
    from .rules import RulePackError, validate_path, validate_warnings
    errors = validate_path(path)
    for e in errors:
        sys.stderr.write(f"{e}\n")
    if errors:
        sys.stderr.write(_("{n} error(s) in {path}").format(n=len(errors), path=path) + "\n")
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
        sys.stderr.write(_("{n} warning(s) in {path} (--strict)").format(n=len(warnings), path=path) + "\n")
        raise typer.Exit(2)
    if warnings:
        sys.stdout.write(_("{path}: valid, {n} warning(s)").format(path=path, n=len(warnings)) + "\n")
    else:
        sys.stdout.write(_("{path}: valid").format(path=path) + "\n")


@rules_app.command("test", help=N_("Run every item's examples; report each one whose verdict differs."))
def rules_test(path: Optional[Path] = typer.Argument(None, metavar="PATH", help=N_("rule file or folder (default: bundled pack)")),
               verbose: bool = typer.Option(False, "--verbose", "-v", help=N_("list passing examples too")),
               lang: Optional[Lang] = _lang_opt()) -> None:
    from .ruletest import run_examples
    pack = load_rules(path)
    results = run_examples(pack)
    failed = [r for r in results if not r.ok]
    for r in results:
        if verbose or not r.ok:
            mark = "ok  " if r.ok else "FAIL"
            sys.stdout.write(f"{mark} " + _("{item} example {n} ({source}): expected {expect}, got {got}").format(
                item=r.item, n=r.index + 1, source=r.source, expect=r.expect, got=r.got)
                + ("" if r.ok else f" — {r.reason}") + "\n")
    sys.stdout.write(_("{passed} passed, {failed} failed").format(
        passed=len(results) - len(failed), failed=len(failed)) + "\n")
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


BATCH_HELP = N_("Score many reports in parallel and write one output file.\n\n"
                "Every file with a report-like suffix is accounted for: one that cannot be "
                "read (.doc, .wps, .rtf, binary content, ...) is listed as unreadable with its "
                "reason in the output and the summary.\n\n"
                "Exit 0 when every report meets the gate, 1 when one falls short, 2 when one "
                "could not be read (its error is in the output and on stderr) or the command "
                "could not run.")
BATCH_EPILOG = N_("\b\nExamples:\n"
                  "  lawcheck batch submissions/ -o scores.csv     a spreadsheet\n"
                  "  lawcheck batch submissions/ -o review.html    a page: click a row for why\n"
                  "  lawcheck batch a/ b/ --glob '*.docx' -o x.jsonl  only Word files\n"
                  "  lawcheck batch submissions/ -o x.csv --fail-under 60 -q")


@app.command("batch", help=BATCH_HELP, epilog=BATCH_EPILOG)
def batch_cmd(
    inputs: List[str] = typer.Argument(..., metavar="PATH", help=N_("report files and folders (searched recursively)")),
    out: Path = typer.Option(..., "--out", "-o", metavar="PATH", help=N_("output file; its suffix picks the kind: .csv .jsonl .json .html")),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, metavar="N", help=N_("worker processes (default: CPU count)")),
    glob: Optional[str] = typer.Option(None, "--glob", metavar="PATTERN", help=N_("only files matching this pattern, e.g. '*.docx' or '2024/*.pdf'")),
    rules: Optional[Path] = typer.Option(None, "--rules", metavar="PATH", help=RULES_HELP),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", metavar="SCORE", callback=_score_floor, help=FAIL_UNDER_HELP),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help=FAIL_ON_HELP),
    level: Optional[Level] = typer.Option(None, "--level", help=LEVEL_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=N_("no progress bar; a one-line summary")),
    shared: bool = typer.Option(True, "--shared/--no-shared", help=N_("list the passages each report shares with other submissions (shared_passages)")),
    previous: Optional[str] = typer.Option(None, "--previous", metavar="DIR", help=N_("folder of the previous year's reports: each report is compared with the same issuer's (issuer and year from the texts)")),
    lang: Optional[Lang] = _lang_opt(),
) -> None:
    from .batch import run_batch, summary_text
    rules_path, policy, forced = _gate_settings(rules, fail_under, fail_on, level)
    load_rules(rules_path)                      # rule errors: exit 2 before any work
    try:
        res = run_batch(inputs, str(out), jobs=jobs, glob=glob, rules=rules_path, policy=policy,
                        level=forced, quiet=quiet, shared=shared, previous=previous)
    except LawcheckError as exc:
        raise _die(exc.line())
    except OSError as exc:
        raise _cannot_write(out, exc)
    sys.stdout.write(summary_text(res, quiet=quiet))
    raise typer.Exit(res.exit_code)


class DiffFormat(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"


DIFF_HELP = N_("Compare two versions of a report: score delta, items improved and regressed.\n\n"
               "Exit 0 when NEW meets the gate and no item regressed, 1 when NEW fails the gate "
               "or an item regressed (pass -> weak/missing, weak -> missing), 2 when a file "
               "cannot be read.")
DIFF_EPILOG = N_("\b\nExamples:\n"
                 "  lawcheck diff draft-v1.docx draft-v2.docx\n"
                 "  lawcheck diff v1.txt v2.txt --format markdown -o diff.md")


@app.command("diff", help=DIFF_HELP, epilog=DIFF_EPILOG)
def diff_cmd(
    old: str = typer.Argument(..., metavar="OLD", help=N_("the earlier version of the report")),
    new: str = typer.Argument(..., metavar="NEW", help=N_("the new version of the report")),
    format: DiffFormat = typer.Option(DiffFormat.terminal, "--format", "-f", help=FORMAT_HELP),
    rules: Optional[Path] = typer.Option(None, "--rules", metavar="PATH", help=RULES_HELP),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", metavar="SCORE", callback=_score_floor, help=N_("gate for NEW: fail when its score is under this")),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help=N_("gate for NEW: fail when any item is missing (or weak)")),
    level: Optional[Level] = typer.Option(None, "--level", help=LEVEL_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="PATH", help=OUTPUT_HELP),
    lang: Optional[Lang] = _lang_opt(),
) -> None:
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


def _cannot_write_output(err: OSError) -> None:
    _quiet_stdout()
    sys.stderr.write("lawcheck: " + _("cannot write the output ({reason}); check the disk or "
                                      "the pipe").format(reason=err.strerror or err) + "\n")


def build(lang: str | None = None):
    """The click command tree of `app`, its help in the interface language."""
    from . import clitext, i18n
    i18n.set_lang(lang)
    clitext.install()
    cmd = typer.main.get_command(app)
    clitext.translate_tree(cmd)
    clitext.direct_values(cmd)
    return cmd


def run(argv: list[str]) -> int:
    """Run the command line `argv` (without the program name); returns the exit status."""
    from typer.exceptions import Abort

    from . import clitext, i18n
    ClickException = clitext._click_modules()[0].ClickException
    if argv and argv[0] not in SUBCOMMANDS and argv[0] != "--lang" \
            and not argv[0].startswith("--lang="):
        argv = ["check"] + argv
    elif argv and (argv[0] == "--lang" or argv[0].startswith("--lang=")):
        # `lawcheck --lang zh FILE`: the option belongs to the root, the file to check.
        k = 2 if argv[0] == "--lang" else 1
        if len(argv) > k and argv[k] not in SUBCOMMANDS:
            argv = argv[:k] + ["check"] + argv[k:]
    cmd = build(i18n.detect(argv))
    try:
        rv = cmd.main(args=argv, prog_name="lawcheck", standalone_mode=False)
    except ClickException as exc:
        return clitext.show_error(exc)
    except Abort:
        sys.stderr.write(clitext.translate("Aborted!") + "\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("lawcheck: " + _("interrupted") + "\n")
        return 130
    except LawcheckError as exc:      # e.g. a bad lawcheck.yaml: one line, exit 2, no traceback
        sys.stderr.write(f"lawcheck: {exc.line()}\n")
        return 2
    return rv if isinstance(rv, int) else 0


def main() -> None:
    """Entry point: route `lawcheck FILE...` to the check command."""
    import signal
    # SIGTERM (a CI job cancelled, `kill`) unwinds like Ctrl-C, so temporary output files
    # are removed and an earlier output stays as it was.
    from .atomic import interrupt
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)
    code: int | str | None
    try:
        code = run(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
        # The gate's exit 1 comes back from run() as a value. A SystemExit(1) escaping it
        # is a library ending a broken stdout pipe (click's PacifyFlushWrapper, rich's
        # Console.on_broken_pipe), which a CI job would read as "the gate failed": exit 1
        # is the gate's alone.
        if code == 1:
            _quiet_stdout()
            code = 2
    except BrokenPipeError:
        # `lawcheck … | head`: the reader went away; nothing more to say to it.
        _quiet_stdout()
        sys.exit(2)
    except OSError as exc:            # stdout on a full disk (> /dev/full), a closed terminal
        _cannot_write_output(exc)
        sys.exit(2)
    try:
        sys.stdout.flush()            # here, not at interpreter exit, so a full disk is seen
    except BrokenPipeError:
        _quiet_stdout()
        code = 2
    except OSError as err:
        _cannot_write_output(err)
        code = 2
    sys.exit(code)


if __name__ == "__main__":
    main()
