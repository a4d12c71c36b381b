"""`lawcheck batch`: score many reports in parallel, streaming results to one file.

    run_batch(["reports/"], "out.csv", jobs=4)

- Inputs are files and folders; folders are searched recursively for the supported
  suffixes (.txt .md .html .htm .docx .pdf), skipping hidden files and folders and Word
  lock files (~$x.docx); `glob` narrows the set. Paths are checked in sorted order.
- Work runs in a process pool; each worker loads the rule pack once (pool initializer)
  and returns, per report, a small Summary plus the report already formatted for the
  output (a JSONL line, a CSV row, an element of a JSON array). `imap` keeps the input
  order, so the output is the same byte for byte whatever the number of jobs, and each
  result is written as it arrives: the parent never holds the Reports.
- The output kind follows the suffix of the output path: .csv .jsonl .json .html. The
  file is written to a temporary file beside it and renamed when complete.
- A file that cannot be read becomes a Failure row (its error) and the rest go on.

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

from .model import Failure, LawcheckError, Report
from .read import display_name
from .render.html import ItemMeta, Summary, page, summarize
from .score import GatePolicy

SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
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
                    if _hidden(name) or not name.lower().endswith(SUFFIXES):
                        continue
                    path = os.path.join(root, name)
                    if _wanted(path, glob):
                        found.setdefault(os.path.normpath(path), path)
        elif os.path.exists(inp):
            if _wanted(inp, glob):
                found.setdefault(os.path.normpath(inp), inp)
        else:
            raise LawcheckError(inp, "no such file or folder", "check the path")
    paths = [p for key, p in found.items() if os.path.realpath(p) not in skip]
    return sorted(paths)


# ---------------------------------------------------------------- worker side

_W: dict = {}


def _init_worker(rules: str | None, fail_under: float | None, fail_on: str | None,
                 level: str | None, kind: str) -> None:
    """Load the pack once per worker process (or once in the parent with one job)."""
    from .rules import load_pack
    pack = load_pack(rules)
    _W.update(pack=pack, policy=GatePolicy(fail_under=fail_under, fail_on=fail_on),
              level=level, kind=kind, ids=[it.id for it in pack.items])


def _init_pool_worker(*args) -> None:
    """Pool initializer: Ctrl-C and SIGTERM are the parent's to handle (it terminates the
    pool and says one line); a worker that also took them would print its own traceback."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _init_worker(*args)


def _format(r: Report | Failure, kind: str, ids: list[str]) -> str:
    if kind == ".jsonl":
        return json.dumps(r.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
    if kind == ".json":
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
        r = Failure(file=display_name(path), error=f"{path}: internal error ({type(exc).__name__}: {exc}); "
                                     "please report it with the file")
    return summarize(r, _W["ids"]), _format(r, _W["kind"], _W["ids"])


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

    def add(self, s: Summary) -> None:
        self.count += 1
        if not s.ok:
            self.failures.append(s.error)
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
        raise LawcheckError(out, f"unknown output kind '{kind or '(no suffix)'}'",
                            "name the output .csv, .jsonl, .json or .html")
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
            return Text(f"{speed:,.0f} reports/s" if speed else "– reports/s", style="cyan")

    con = Console(file=sys.stderr, highlight=False)
    disable = quiet or not sys.stderr.isatty()
    prog = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), Rate(),
                    TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
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
        raise LawcheckError(out, "the output folder does not exist", "create it first")
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
                raise LawcheckError(out, "is one of the input reports",
                                    "write the output to another file or folder")
            paths = [p for p in paths if p is not clash]   # our own earlier output
    if not paths:
        raise LawcheckError(" ".join(inputs) or ".", "no reports found",
                            f"supported suffixes are {' '.join(SUFFIXES)}"
                            + (f"; --glob {glob} may be too narrow" if glob else ""))
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    initargs = (rules_s, policy.fail_under, policy.fail_on, level, kind)
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
            pool = ctx.Pool(jobs, initializer=_init_pool_worker, initargs=initargs)
            results = pool.imap(check_one, paths, chunksize_for(len(paths), jobs))
        with prog, AtomicWriter(out, encoding="utf-8-sig" if kind == ".csv" else "utf-8") as fh:
            task = prog.add_task("checking", total=len(paths))
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
                title = f"lawcheck: {len(summaries)} reports"
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


def summary_text(res: BatchResult, quiet: bool = False, top: int = 8) -> str:
    st = res.stats
    n, ok, bad = st.count, st.checked, len(st.failures)
    rate = n / res.elapsed if res.elapsed > 0 else 0.0
    head = (f"lawcheck batch: {n} report{'s' if n != 1 else ''} ({ok} checked, {bad} unreadable), "
            f"gate {st.passed} passed / {ok - st.passed} failed; {res.elapsed:.1f} s, {rate:,.0f}/s "
            f"with {res.jobs} job{'s' if res.jobs != 1 else ''} -> {res.out}")
    if quiet:
        return head + "\n"
    lines = [head]
    scores = sorted(st.scores)
    if scores:
        lines.append(f"score    min {scores[0]:g}  median {statistics.median(scores):g}  "
                     f"mean {statistics.fmean(scores):.1f}  max {scores[-1]:g}")
        counts = [sum(1 for x in scores if lo <= x < hi) for lo, hi in HIST_BINS]
        peak = max(counts) or 1
        for (lo, hi), c in zip(HIST_BINS, counts):
            label = f"{lo}-{100 if hi == 101 else hi - 1}"
            lines.append(f"  {label:>7} {'█' * max(1, round(24 * c / peak)) if c else '':24} {c}")
        lines.append("grades   " + "  ".join(f"{g} {st.grades.get(g, 0)}" for g in "ABCDE"))
        miss = sorted((-c, j) for j, c in enumerate(st.missing) if c)
        if miss:
            lines.append("most often missing")
            width = max(len(res.items[j].id) for _, j in miss[:top])
            for c, j in miss[:top]:
                it = res.items[j]
                lines.append(f"  {it.id:<{width}}  {-c:>5} ({100.0 * -c / ok:.0f}%)  {it.title}")
    if bad:
        lines.append(f"unreadable {bad} (each named on stderr and in the output)")
    return "\n".join(lines) + "\n"
