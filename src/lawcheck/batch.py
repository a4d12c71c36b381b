"""`lawcheck batch`: score many reports in parallel, streaming results to one file.

    run_batch(["reports/"], "out.csv", jobs=4)

- Inputs are files and folders; folders are searched recursively for the supported
  suffixes (.txt .md .html .htm .docx .pdf) and for report-like suffixes lawcheck cannot
  read (.doc .wps .rtf .odt .pages .ofd …, see read.UNREADABLE_FORMATS), which become
  unreadable rows with their reason instead of being skipped in silence; hidden files and
  folders and Word lock files (~$x.docx) are skipped; `glob` narrows the set. Paths are
  checked in sorted order.
- Work runs in a process pool; each worker loads the rule pack once (pool initializer)
  and returns, per report, a small Summary plus the report already formatted for the
  output (a JSONL line, a CSV row, an element of a JSON array). `imap` keeps the input
  order, so the output is the same byte for byte whatever the number of jobs, and each
  result is written as it arrives: the parent never holds the Reports.
- The output kind follows the suffix of the output path: .csv .jsonl .json .html. The
  file is written to a temporary file beside it and renamed when complete.
- A file that cannot be read becomes a Failure row (its error) and the rest go on; the
  summary names it.
- CSV rows end with `missing_items`, `weak_items` and `hints`; JSONL objects carry
  `missing_items` and `weak_items` ([{id, title, hint}]); JSON stays the array of
  `lawcheck FILE... --format json`; the html page opens a detail per report (reasons,
  hints, the gate explained) when a row is clicked.

Exit status (`BatchResult.exit_code`): 0 every report meets the gate, 1 at least one
falls short, 2 at least one could not be read.
"""
from __future__ import annotations

import fnmatch
import json
import multiprocessing as mp
import os
import statistics
import sys
import textwrap
import time
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePath

from .i18n import _, ngettext
from .model import Failure, LawcheckError, Report
from .read import UNREADABLE_FORMATS, display_name
from .render.html import ItemMeta, Summary, page, summarize
from .score import GatePolicy

SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
# Report-like files lawcheck cannot read: found too, and listed as unreadable.
FOUND_SUFFIXES = SUFFIXES + tuple(sorted(UNREADABLE_FORMATS))
OUT_KINDS = (".csv", ".jsonl", ".json", ".html")


# ---------------------------------------------------------------- finding reports

def _wanted(path: str, glob: str | None) -> bool:
    if glob is None:
        return True
    p = PurePath(path)
    return p.match(glob) or fnmatch.fnmatch(p.name, glob)


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")


def find_reports(inputs: list[str], glob: str | None = None,
                 exclude: list[str] | None = None) -> list[str]:
    """Every report under `inputs` (files and folders), sorted, without duplicates.
    Raises LawcheckError for an input that does not exist."""
    skip = {os.path.realpath(x) for x in (exclude or [])}
    found: dict[str, str] = {}
    for inp in inputs:
        if os.path.isdir(inp):
            for root, dirs, files in os.walk(inp):
                dirs[:] = sorted(d for d in dirs if not _hidden(d))
                for name in files:
                    if _hidden(name) or not name.lower().endswith(FOUND_SUFFIXES):
                        continue
                    path = os.path.join(root, name)
                    if _wanted(path, glob):
                        found.setdefault(os.path.normpath(path), path)
        elif os.path.exists(inp):
            if _wanted(inp, glob):
                found.setdefault(os.path.normpath(inp), inp)
        else:
            raise LawcheckError(inp, _("no such file or folder"), _("check the path"))
    paths = [p for key, p in found.items() if os.path.realpath(p) not in skip]
    return sorted(paths)


# ---------------------------------------------------------------- worker side

_W: dict = {}


def _free_cores() -> int:
    """The cores this process may run on (its CPU affinity), not the machine's count."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _init_worker(rules: str | None, fail_under: float | None, fail_on: str | None,
                 level: str | None, kind: str, lang: str | None = None) -> None:
    """Load the pack once per worker process (or once in the parent with one job), and
    take the parent's language, for the error messages and the html page's details."""
    from .i18n import set_lang
    from .rules import load_pack
    set_lang(lang)
    pack = load_pack(rules)
    _W.update(pack=pack, policy=GatePolicy(fail_under=fail_under, fail_on=fail_on),
              level=level, kind=kind, ids=[it.id for it in pack.items])


def record(r: Report | Failure) -> dict:
    """The JSON object of one report in a batch: the contract's object plus
    `missing_items` and `weak_items` ([{id, title, hint}], applicable items only; the hint
    falls back to what a pass needs)."""
    d = r.to_dict()
    if isinstance(r, Report):
        from .render.explain import open_items
        opened = open_items(r)
        for status in ("missing", "weak"):
            d[f"{status}_items"] = [{"id": x["id"], "title": x["title"], "hint": x["hint"]}
                                    for x in opened if x["status"] == status]
    return d


def _init_pool_worker(*args) -> None:
    """Pool initializer: Ctrl-C and SIGTERM are the parent's to handle (it terminates the
    pool and says one line); a worker that also took them would print its own traceback."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _init_worker(*args)


def _format(r: Report | Failure, kind: str, ids: list[str]) -> str:
    if kind == ".jsonl":
        return json.dumps(record(r), ensure_ascii=False, separators=(",", ":")) + "\n"
    if kind == ".json":     # the same objects as `lawcheck FILE... --format json`
        return textwrap.indent(json.dumps(r.to_dict(), ensure_ascii=False, indent=2), "  ")
    if kind == ".csv":
        from .render.csv_ import format_rows, row
        return format_rows([row(r, ids)])
    return ""


def check_one(path: str) -> tuple[Summary, str]:
    """Check one file in a worker: (summary, the report formatted for the output)."""
    from .check import check_path
    try:
        r: Report | Failure = check_path(path, _W["pack"], _W["policy"], _W["level"])
    except LawcheckError as exc:
        r = Failure(file=display_name(path), error=exc.line())
    except Exception as exc:          # a bug on one odd file must not stop 10,000 others
        r = Failure(file=display_name(path), error=_("{path}: internal error ({error}); please report it "
                                       "with this file").format(
                                           path=path, error=f"{type(exc).__name__}: {exc}"))
    return (summarize(r, _W["ids"], details=_W["kind"] == ".html"),
            _format(r, _W["kind"], _W["ids"]))


# ---------------------------------------------------------------- parent side

class Stats:
    """Running totals for the end-of-run summary: a float per report and a few counters,
    so memory stays flat however many reports go by."""

    def __init__(self, n_items: int) -> None:
        self.count = 0
        self.scores = array("d")
        self.grades: Counter[str] = Counter()
        self.passed = 0
        self.missing = [0] * n_items
        self.failures: list[str] = []
        self.unreadable: list[tuple[str, str]] = []      # (file, error) per unreadable file

    def add(self, s: Summary) -> None:
        self.count += 1
        if not s.ok:
            self.failures.append(s.error)
            self.unreadable.append((s.file, s.error))
            return
        self.scores.append(s.score or 0.0)
        self.grades[s.grade] += 1
        self.passed += s.passed
        for j, c in enumerate(s.codes):
            if c == "m":
                self.missing[j] += 1

    @property
    def checked(self) -> int:
        return len(self.scores)


@dataclass
class BatchResult:
    out: str
    stats: Stats
    items: list[ItemMeta]
    elapsed: float
    jobs: int
    summaries: list[Summary] | None = None     # kept only for the html page

    @property
    def exit_code(self) -> int:
        if self.stats.failures:
            return 2
        return 0 if self.stats.passed == self.stats.checked else 1


def out_kind(out: str) -> str:
    kind = Path(out).suffix.lower()
    if kind not in OUT_KINDS:
        raise LawcheckError(out, _("unknown output kind '{kind}'").format(
            kind=kind or _("(no suffix)")), _("name the output .csv, .jsonl, .json or .html"))
    return kind


def chunksize_for(n: int, jobs: int) -> int:
    """Big enough to amortise inter-process traffic, small enough to balance the load."""
    return max(1, min(64, n // (jobs * 16) if jobs else 1))


def _progress(total: int, quiet: bool):
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn,
                               TextColumn, TimeElapsedColumn, TimeRemainingColumn)
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(_("{rate} reports/s").format(rate=f"{speed:,.0f}" if speed else "–"),
                        style="cyan")

    con = Console(file=sys.stderr, highlight=False)
    disable = quiet or not sys.stderr.isatty()
    prog = Progress(TextColumn(_("checking")), BarColumn(), MofNCompleteColumn(), Rate(),
                    TimeElapsedColumn(), TextColumn(_("eta")), TimeRemainingColumn(),
                    console=con, disable=disable, transient=False)
    return prog, con


def run_batch(inputs: list[str], out: str, jobs: int | None = None, glob: str | None = None,
              rules: str | os.PathLike | None = None, policy: GatePolicy | None = None,
              level: str | None = None, quiet: bool = False,
              paths: list[str] | None = None) -> BatchResult:
    """Check every report under `inputs`, write `out`; see the module docstring.
    Raises LawcheckError for bad inputs or output (the CLI exits 2)."""
    from .atomic import AtomicWriter, same_file
    from .readers.html import is_lawcheck_output
    from .render.csv_ import format_rows, header
    from .rules import load_pack

    kind = out_kind(out)
    out_dir = Path(out).parent
    if not out_dir.is_dir():
        raise LawcheckError(out, _("the output folder does not exist"), _("create it first"))
    policy = policy or GatePolicy()
    rules_s = None if rules is None else str(rules)
    pack = load_pack(rules_s)
    items = [ItemMeta(it.id, it.title, it.group, it.severity) for it in pack.items]
    ids = [it.id for it in items]
    if paths is None:
        paths = find_reports(inputs, glob)
        clash = next((p for p in paths if same_file(p, out)), None)
        if clash is not None:
            if not is_lawcheck_output(clash):
                raise LawcheckError(out, _("is one of the input reports"),
                                    _("write the output to another file or folder"))
            paths = [p for p in paths if p is not clash]   # our own earlier output
    if not paths:
        raise LawcheckError(" ".join(inputs) or ".", _("no reports found"),
                            _("supported suffixes are {suffixes}").format(suffixes=" ".join(SUFFIXES))
                            + (_("; --glob {glob} may be too narrow").format(glob=glob) if glob else ""))
    jobs = max(1, min(jobs or _free_cores(), len(paths)))
    from .i18n import lang
    initargs = (rules_s, policy.fail_under, policy.fail_on, level, kind, lang())
    stats = Stats(len(items))
    summaries: list[Summary] | None = [] if kind == ".html" else None
    prog, con = _progress(len(paths), quiet)
    start = time.perf_counter()
    pool = None
    try:
        if jobs == 1:
            _init_worker(*initargs)
            results = map(check_one, paths)
        else:
            methods = mp.get_all_start_methods()
            ctx = mp.get_context("fork" if "fork" in methods else None)
            if ctx.get_start_method() == "fork":
                from .check import warm
                warm(pack)            # built once here; forked workers inherit it
            pool = ctx.Pool(jobs, initializer=_init_pool_worker, initargs=initargs)
            results = pool.imap(check_one, paths, chunksize_for(len(paths), jobs))
        with prog, AtomicWriter(out, encoding="utf-8-sig" if kind == ".csv" else "utf-8") as fh:
            task = prog.add_task(_("checking"), total=len(paths))
            if kind == ".csv":
                fh.write(format_rows([header(ids)]))
            elif kind == ".json":
                fh.write("[")
            for i, (summary, text) in enumerate(results):
                if kind == ".json":
                    fh.write(("," if i else "") + "\n" + text)
                elif text:
                    fh.write(text)
                stats.add(summary)
                if summaries is not None:
                    summaries.append(summary)
                if not summary.ok:
                    con.print(f"lawcheck: {summary.error}", markup=False, highlight=False,
                              soft_wrap=True)
                prog.advance(task)
            if kind == ".json":
                fh.write("\n]\n" if stats.count else "]\n")
            elif kind == ".html":
                title = "lawcheck: " + ngettext("{n} report", "{n} reports", len(summaries)).format(
                    n=len(summaries))
                fh.write(page(summaries, items, title))
        if pool is not None:
            pool.close()
            pool.join()
            pool = None
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    elapsed = time.perf_counter() - start
    return BatchResult(out=str(out), stats=stats, items=items, elapsed=elapsed, jobs=jobs,
                       summaries=summaries)


# ---------------------------------------------------------------- the summary

HIST_BINS = [(0, 10), (10, 20), (20, 30), (30, 40), (40, 50), (50, 60), (60, 70), (70, 80),
             (80, 90), (90, 101)]


def summary_text(res: BatchResult, quiet: bool = False, top: int = 8,
                 list_unreadable: int = 20) -> str:
    """The end-of-run summary, in the interface language. Unreadable files are named
    (the first `list_unreadable`, with their reason; every one is in the output)."""
    st = res.stats
    n, ok, bad = st.count, st.checked, len(st.failures)
    rate = n / res.elapsed if res.elapsed > 0 else 0.0
    head = _("lawcheck batch: {n} ({ok} checked, {bad} unreadable), gate {passed} passed / "
             "{failed} failed; {secs} s, {rate}/s with {jobs} -> {out}").format(
        n=ngettext("{n} report", "{n} reports", n).format(n=n), ok=ok, bad=bad,
        passed=st.passed, failed=ok - st.passed, secs=f"{res.elapsed:.1f}", rate=f"{rate:,.0f}",
        jobs=ngettext("{n} job", "{n} jobs", res.jobs).format(n=res.jobs), out=res.out)
    lines = [head]
    if not quiet:
        scores = sorted(st.scores)
        if scores:
            lines.append(_("score    min {min}  median {median}  mean {mean}  max {max}").format(
                min=f"{scores[0]:g}", median=f"{statistics.median(scores):g}",
                mean=f"{statistics.fmean(scores):.1f}", max=f"{scores[-1]:g}"))
            counts = [sum(1 for x in scores if lo <= x < hi) for lo, hi in HIST_BINS]
            peak = max(counts) or 1
            for (lo, hi), c in zip(HIST_BINS, counts):
                label = f"{lo}-{100 if hi == 101 else hi - 1}"
                lines.append(f"  {label:>7} {'█' * max(1, round(24 * c / peak)) if c else '':24} {c}")
            lines.append(_("grades") + "   " + "  ".join(f"{g} {st.grades.get(g, 0)}" for g in "ABCDE"))
            miss = sorted((-c, j) for j, c in enumerate(st.missing) if c)
            if miss:
                lines.append(_("most often missing"))
                width = max(len(res.items[j].id) for _c, j in miss[:top])
                for c, j in miss[:top]:
                    it = res.items[j]
                    lines.append(f"  {it.id:<{width}}  {-c:>5} ({100.0 * -c / ok:.0f}%)  {it.title}")
    if bad and not quiet:
        lines.append(_("unreadable {n} (each named here, on stderr and in the output):").format(n=bad))
        for file, error in st.unreadable[:list_unreadable]:
            lines.append("  " + (error if file in error else f"{file}: {error}"))
        if bad > list_unreadable:
            lines.append("  " + _("… and {n} more in {out}").format(n=bad - list_unreadable,
                                                                   out=res.out))
    return "\n".join(lines) + "\n"
