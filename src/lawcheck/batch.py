"""`lawcheck batch`: score many reports in parallel, streaming results to one file.

    run_batch(["reports/"], "out.csv", jobs=4)

- Inputs are files and folders; folders are searched recursively for the supported
  suffixes (.txt .md .html .htm .docx .pdf) and for report-like suffixes lawcheck cannot
  read (.doc .wps .rtf .odt .pages .ofd …, see read.UNREADABLE_FORMATS), which become
  unreadable rows with their reason instead of being skipped in silence; hidden files and
  folders and Word lock files (~$x.docx) are skipped; `glob` narrows the set. Paths are
  checked in sorted order.
- Work runs in a process pool of at most as many workers as this process has cores
  (its CPU affinity); the parent builds the pack, automaton and compiled patterns before
  forking, and each worker takes the pack (pool initializer). Per report a worker
  formats the output (a JSONL line, a CSV row, an element of a JSON array), appends it
  to its own spool file and returns a small Summary plus where the text is (file,
  offset, size: _Spool), not the Report or the text. `imap` keeps the input order, so
  the output is the same byte for byte whatever the number of jobs, and each result is
  written as it arrives: the parent never holds the Reports.
- The output kind follows the suffix of the output path: .csv .jsonl .json .html. The
  file is written to a temporary file beside it and renamed when complete.
- A file that cannot be read becomes a Failure row (its error) and the rest go on; the
  summary names it.
- CSV rows end with `missing_items`, `weak_items` and `hints`; JSONL objects carry
  `missing_items` and `weak_items` ([{id, title, hint}]); JSON stays the array of
  `lawcheck FILE... --format json`; the html page opens a detail per report (reasons,
  hints, the gate explained) when a row is clicked.
- A file that cannot be read becomes a Failure row (its error) and the rest go on.
- Shared passages (`shared=True`, the default; shared.py): each worker also returns its
  report's compact passage signature; the formatted records go to a spool file while the
  parent indexes the signatures, then the parent clusters them, has the workers read
  again the texts of the shared passages only (in chunks of TEXT_CHUNK reports), and
  writes each spooled record with `shared_passages` and `shared_share` added exactly
  where `Report.to_dict()` puts them (CSV: a `shared_share` column; HTML: a section).
- `previous=DIR`: the reports of DIR are outlined first (issuer and year); each worker
  then compares its report with the one of the same issuer for the year before
  (previous.py) and warns when there is none.

Exit status (`BatchResult.exit_code`): 0 every report meets the gate, 1 at least one
falls short, 2 at least one could not be read.
"""
from __future__ import annotations

import contextlib
import fnmatch
import gc
import json
import multiprocessing as mp
import os
import shutil
import statistics
import sys
import tempfile
import textwrap
import time
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any, BinaryIO

from . import rx as re
from .i18n import _, ngettext
from .model import Failure, LawcheckError, Report
from .read import UNREADABLE_FORMATS, display_name
from .render.html import ItemMeta, Summary, page, summarize
from .render.json_ import indented
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
    paths = list(found.values())
    if skip:                     # realpath costs a stat per folder level of every path
        paths = [p for p in paths if os.path.realpath(p) not in skip]
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
                 level: str | None, kind: str, lang: str | None = None, shared: bool = False,
                 previous: dict | None = None, spool: str | None = None) -> None:
    """Load the pack once per worker process (or once in the parent with one job), and
    take the parent's language, for the error messages and the html page's details.
    `spool`: the folder where a pool worker leaves its formatted reports (_Spool)."""
    from .i18n import set_lang
    from .rules import load_pack
    set_lang(lang)
    pack = load_pack(rules)
    _W.update(pack=pack, policy=GatePolicy(fail_under=fail_under, fail_on=fail_on),
              level=level, kind=kind, ids=[it.id for it in pack.items], shared=shared,
              previous=previous, spool=_Spool(spool) if spool else None)


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
    _checking_gc()


# A check allocates and drops ~100,000 small objects, few of them in cycles. With
# Python's default thresholds (a young collection every 700 allocations, older ones
# over everything alive: the pack, its automaton, the segmenter) a worker spent ~0.15 ms
# a report collecting; with what is alive before the first check frozen out of
# collection and young collections every 10,000 allocations, ~0.005 ms (same peak RSS).
CHECKING_GC_THRESHOLD = (10_000, 10, 10)


def _checking_gc() -> tuple[int, int, int]:
    """Tune the collector for checking reports; returns the thresholds it had."""
    was = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*CHECKING_GC_THRESHOLD)
    return was


# A JSONL line: what json.dumps(..., ensure_ascii=False, separators=(",", ":")) writes;
# a record holds no cycles, so the encoder need not look for them.
_JSONL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def _format(r: Report | Failure, kind: str, ids: list[str]) -> bytes:
    """The report as the output holds it, in UTF-8 (the parent writes the bytes as
    they are)."""
    if kind == ".jsonl":
        text = _JSONL.encode(record(r)) + "\n"
    elif kind == ".json":     # the same objects as `lawcheck FILE... --format json`
        text = _array_element(indented(r.to_dict()))
    elif kind == ".csv":
        from .render.csv_ import format_rows, row
        text = format_rows([row(r, ids)])
    else:
        return b""
    return text.encode("utf-8")


# Where str.splitlines (and so textwrap.indent) ends a line besides "\n": JSON with
# non-ASCII kept may hold these inside strings.
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _array_element(text: str) -> str:
    """textwrap.indent(text, "  ") of indented JSON, whose every line holds a token: one
    replace, unless a string holds another line break (then textwrap's own way)."""
    if _OTHER_BREAKS.search(text):
        return textwrap.indent(text, "  ")
    return "  " + text.replace("\n", "\n  ")


def check_one(path: str) -> tuple[Summary, bytes | tuple[str, int, int], object]:
    """Check one file in a worker: (summary, the report formatted for the output or,
    from a pool worker, where its spool holds it, the report's shared-passage signature
    or None)."""
    sig = None
    try:
        if _W.get("shared") or _W.get("previous") is not None:
            r, sig = _check_more(path)
        else:
            from .check import check_path
            r = check_path(path, _W["pack"], _W["policy"], _W["level"])
    except LawcheckError as exc:
        r, sig = Failure(file=display_name(path), error=exc.line()), None
    except Exception as exc:          # a bug on one odd file must not stop 10,000 others
        r, sig = Failure(file=display_name(path), error=_("{path}: internal error ({error}); please "
                                                          "report it with this file").format(
                                           path=path, error=f"{type(exc).__name__}: {exc}")), None
    data: bytes | tuple[str, int, int] = _format(r, _W["kind"], _W["ids"])
    if data and _W.get("spool") is not None:
        data = _W["spool"].put(data)
    return summarize(r, _W["ids"], details=_W["kind"] == ".html"), data, sig


SPOOL_PART = 16 << 20     # a worker starts a new spool file after this many bytes


class _Spool:
    """A pool worker's formatted reports, appended to its own files in the batch's spool
    folder, so that only (file, offset, size) goes back through the pool's pipe instead
    of the record (tens of KB of JSON a report). Files are of about SPOOL_PART bytes; the
    parent reads each report back in input order (_Parts) and removes a file once it is
    past it, so the folder never holds much more than the parts in flight."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.fh: BinaryIO | None = None
        self.name = ""
        self.seq = 0
        self.at = 0

    def put(self, data: bytes) -> bytes | tuple[str, int, int]:
        try:
            fh = self.fh
            if fh is None or self.at >= SPOOL_PART:
                if fh is not None:
                    fh.close()
                self.seq += 1
                self.name = os.path.join(self.folder, f"{os.getpid()}-{self.seq}")
                self.fh = fh = open(self.name, "xb")
                self.at = 0
            fh.write(data)
            fh.flush()
        except OSError:           # no room in the spool: send the bytes themselves
            if self.fh is not None:
                try:
                    self.fh.close()
                except OSError:
                    pass
            self.fh = None
            return data
        at, self.at = self.at, self.at + len(data)
        return self.name, at, len(data)


class _Parts:
    """The parent's side of the workers' spools: each report's text read back, in input
    order; a worker's file is removed when its next file turns up (a worker takes its
    tasks in input order, so nothing later is in the older file)."""

    def __init__(self) -> None:
        self.fds: dict[str, int] = {}
        self.current: dict[str, str] = {}       # worker pid -> its file being read

    def read(self, where: bytes | tuple[str, int, int]) -> bytes:
        if isinstance(where, bytes):
            return where
        name, at, size = where
        fd = self.fds.get(name)
        if fd is None:
            worker = os.path.basename(name).split("-")[0]
            old = self.current.get(worker)
            if old is not None:
                self._drop(old)
            self.current[worker] = name
            fd = self.fds[name] = os.open(name, os.O_RDONLY)
        parts = []
        while size > 0:
            data = os.pread(fd, size, at)
            if not data:
                raise OSError(f"{name}: the spool ended early")
            parts.append(data)
            at += len(data)
            size -= len(data)
        return b"".join(parts)

    def _drop(self, name: str) -> None:
        os.close(self.fds.pop(name))
        try:
            os.unlink(name)
        except OSError:
            pass

    def close(self) -> None:
        for name in list(self.fds):
            self._drop(name)


def _check_more(path: str):
    """check_path, plus the shared-passage signature and the previous-year comparison."""
    from .check import analyse_document
    from .read import read_path
    doc = read_path(path)
    pack = _W["pack"]
    cur = analyse_document(doc, pack, _W["policy"], _W["level"])
    r = cur.report
    index = _W.get("previous")
    if index is not None:
        from .previous import apply_comparison, compare
        prev_path = index.get(pair_key(r.issuer, r.year - 1 if r.year else None))
        if prev_path is None:
            r.warnings.append(f"batch --previous: no report of “{r.issuer or '?'}” for "
                              f"{r.year - 1 if r.year else '?'} among the previous reports")
        else:
            from .check import analyse_path
            try:
                prev = analyse_path(prev_path, pack, _W["policy"])
                apply_comparison(r, compare(cur, prev, pack), pack, _W["policy"], prev.report)
            except LawcheckError as exc:
                r.warnings.append(f"batch --previous: {exc.line()}")
    sig = None
    if _W.get("shared"):
        from .shared import signature
        sig = signature(cur.text_lines, doc.chars)   # folded: traditional copies match
    return r, sig


def texts_one(task: tuple[str, list[int]]) -> list[tuple[int, str]]:
    """(line, text) of the shared passages of one report, read again (second pass)."""
    from .chars import fold
    from .read import read_path
    from .shared import texts_of
    path, ordinals = task
    try:
        return texts_of(fold(read_path(path)).lines, ordinals)   # the lines signature() saw
    except Exception:                 # the file changed or vanished meanwhile
        return []


def pair_key(issuer: str | None, year: int | None) -> tuple[str, int] | None:
    """How a report is paired with the previous year's: issuer (spaces out) and year."""
    if not issuer or not year:
        return None
    return ("".join(issuer.split()), int(year))


def issuer_year_one(path: str) -> tuple[str, tuple[str, int] | None]:
    """(path, pair key) of a previous-year report: read and outline only."""
    from .outline import outline
    from .read import read_path
    try:
        ol = outline(read_path(path), _W["pack"].roles)
    except Exception:
        return path, None
    return path, pair_key(ol.issuer, ol.year)


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
    shared: "SharedStats | None" = None        # passages shared across the batch
    pairing: "Pairing | None" = None           # --previous DIR

    @property
    def exit_code(self) -> int:
        if self.stats.failures:
            return 2
        return 0 if self.stats.passed == self.stats.checked else 1


@dataclass
class SharedStats:
    """What the summary and the html page keep of the shared passages: the clusters'
    sizes and, for the largest MAX_CLUSTERS, a text and their files."""
    clusters: int = 0
    reports: int = 0                           # reports with at least one shared passage
    top: list[tuple[str, list[str]]] = field(default_factory=list)   # [(text, [file, ...])], largest first

MAX_CLUSTERS = 50
TEXT_CHUNK = 512          # reports whose shared passages are read again at a time


@dataclass
class Pairing:
    paired: int = 0
    unpaired: list[str] = field(default_factory=list)   # files with no previous-year report
    previous: int = 0                          # reports found in the previous folder
    unused: int = 0                            # previous reports no current report paired with
    ambiguous: int = 0                         # previous reports of an issuer and year seen before


def out_kind(out: str) -> str:
    kind = Path(out).suffix.lower()
    if kind not in OUT_KINDS:
        raise LawcheckError(out, _("unknown output kind '{kind}'").format(
            kind=kind or _("(no suffix)")), _("name the output .csv, .jsonl, .json or .html"))
    return kind


def chunksize_for(n: int, jobs: int) -> int:
    """Big enough to amortise inter-process traffic, small enough to balance the load."""
    return max(1, min(64, n // (jobs * 16) if jobs else 1))


class _NoProgress:
    """The progress bar when none is shown (--quiet, or stderr not a terminal): what a
    disabled rich Progress does, without importing it."""

    def __enter__(self) -> "_NoProgress":
        return self

    def __exit__(self, *exc) -> None:
        return None

    def add_task(self, description: str, total: int) -> int:
        return 0

    def advance(self, task: int) -> None:
        return None


def _progress(total: int, quiet: bool):
    from rich.console import Console
    con = Console(file=sys.stderr, highlight=False)
    if quiet or not sys.stderr.isatty():
        return _NoProgress(), con
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn,
                               TextColumn, TimeElapsedColumn, TimeRemainingColumn)
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(_("{rate} reports/s").format(rate=f"{speed:,.0f}" if speed else "–"),
                        style="cyan")

    prog = Progress(TextColumn(_("checking")), BarColumn(), MofNCompleteColumn(), Rate(),
                    TimeElapsedColumn(), TextColumn(_("eta")), TimeRemainingColumn(),
                    console=con, transient=False)
    return prog, con


def run_batch(inputs: list[str], out: str, jobs: int | None = None, glob: str | None = None,
              rules: str | os.PathLike | None = None, policy: GatePolicy | None = None,
              level: str | None = None, quiet: bool = False,
              paths: list[str] | None = None, shared: bool = True,
              previous: str | None = None) -> BatchResult:
    """Check every report under `inputs`, write `out`; see the module docstring.
    `shared`: list the passages each report shares with others of the batch (shared.py);
    `previous`: a folder of the previous year's reports, paired by issuer and year.
    Raises LawcheckError for bad inputs or output (the CLI exits 2)."""
    from .rules import load_pack

    kind = out_kind(out)
    if not Path(out).parent.is_dir():
        raise LawcheckError(out, _("the output folder does not exist"), _("create it first"))
    policy = policy or GatePolicy()
    rules_s = None if rules is None else str(rules)
    pack = load_pack(rules_s)
    items = [ItemMeta(it.id, it.title, it.group, it.severity) for it in pack.items]
    paths = _input_paths(inputs, out, glob, paths)
    prev_paths = _previous_paths(previous, glob)
    shared = shared and len(paths) >= 2
    if shared:
        from .shared import _base
        _base()                        # import numpy/datasketch once, before the workers fork
    jobs = max(1, min(jobs or _free_cores(), len(paths)))
    from .i18n import lang
    initargs = (rules_s, policy.fail_under, policy.fail_on, level, kind, lang())
    start = time.perf_counter()
    workers = _Workers(jobs, pack)
    sink = _Sink(kind, items, shared, quiet, len(paths))
    spool = None
    try:
        if jobs > 1:                   # the workers' formatted reports (_Spool)
            spool = tempfile.mkdtemp(prefix="lawcheck-spool-")
        prev_index, pairing = None, None
        if previous is not None:
            prev_index, pairing = _index_previous(workers, initargs, prev_paths)
        sink.pairing, sink.prev_index = pairing, prev_index
        workers.start(initargs + (shared, prev_index, spool))
        with sink.open(out):
            for result in workers.map(check_one, paths):
                sink.take(result)
            sink.finish(paths, workers)
        if pairing is not None:
            assert prev_index is not None              # pairing is made with prev_index
            pairing.unused = len(prev_index) - len(sink.used_prev)
        workers.close()
    finally:
        workers.terminate()
        sink.parts.close()
        if spool is not None:
            shutil.rmtree(spool, ignore_errors=True)
    elapsed = time.perf_counter() - start
    return BatchResult(out=str(out), stats=sink.stats, items=items, elapsed=elapsed, jobs=jobs,
                       summaries=sink.summaries, shared=sink.shared_stats, pairing=pairing)


def _input_paths(inputs: list[str], out: str, glob: str | None,
                 paths: list[str] | None) -> list[str]:
    """The reports to check (`paths` as given, else found under `inputs`), without an
    earlier lawcheck output that sits where `out` is written."""
    from .atomic import same_file
    from .readers.html import is_lawcheck_output
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
    return paths


def _previous_paths(previous: str | None, glob: str | None) -> list[str]:
    """The previous year's reports (`--previous DIR`), or none."""
    if previous is None:
        return []
    if not os.path.isdir(previous):
        raise LawcheckError(previous, "--previous needs a folder of the previous year's reports",
                            "give the folder")
    return find_reports([previous], glob)


class _Workers:
    """Where the checks run: a process pool, or this process with one job."""

    def __init__(self, jobs: int, pack) -> None:
        self.jobs, self.pack = jobs, pack
        self.pool: Any = None          # a multiprocessing Pool while one runs
        self.warmed = False
        self.gc_was: tuple[int, int, int] | None = None   # this process's, while it checks

    def start(self, initargs: tuple) -> None:
        if self.jobs == 1:
            _init_worker(*initargs)
            if self.gc_was is None:
                self.gc_was = _checking_gc()
            return
        methods = mp.get_all_start_methods()
        ctx = mp.get_context("fork" if "fork" in methods else None)
        if ctx.get_start_method() == "fork" and not self.warmed:
            from .check import warm
            warm(self.pack)            # built once here; forked workers inherit it
            self.warmed = True
        self.pool = ctx.Pool(self.jobs, initializer=_init_pool_worker, initargs=initargs)

    def map(self, fn, tasks: list):
        """fn over tasks, results in the order of the tasks, as they come."""
        if self.pool is None:
            return map(fn, tasks)
        return self.pool.imap(fn, tasks, chunksize_for(len(tasks), self.jobs))

    def close(self) -> None:
        self._shut(terminate=False)

    def terminate(self) -> None:
        self._shut(terminate=True)

    def _shut(self, terminate: bool) -> None:
        """Stop the pool (its work done, or at once) and give back the collector."""
        if self.pool is not None:
            if terminate:
                self.pool.terminate()
            else:
                self.pool.close()
            self.pool.join()
            self.pool = None
        self._restore_gc()

    def _restore_gc(self) -> None:
        """The collector as this process had it (checks ran here with one job)."""
        if self.gc_was is not None:
            gc.set_threshold(*self.gc_was)
            gc.unfreeze()
            self.gc_was = None


def _index_previous(workers: _Workers, initargs: tuple,
                    prev_paths: list[str]) -> tuple[dict[tuple[str, int], str], Pairing]:
    """The previous year's reports by issuer and year (from their outlines)."""
    workers.start(initargs)
    prev_index: dict[tuple[str, int], str] = {}
    ambiguous = 0
    for path, key in workers.map(issuer_year_one, prev_paths):
        if key is not None:
            if key in prev_index:
                ambiguous += 1          # the first in sorted order is used
            prev_index.setdefault(key, path)
    workers.close()
    return prev_index, Pairing(unpaired=[], previous=len(prev_paths), ambiguous=ambiguous)


class _Sink:
    """Where each report's result goes as it arrives: the output file (or, with shared
    passages, the spool the second pass completes), the running totals, the html page's
    summaries and the pairing with the previous year."""

    def __init__(self, kind: str, items: list[ItemMeta], shared: bool, quiet: bool,
                 total: int) -> None:
        self.kind, self.items = kind, items
        self.pairing: Pairing | None = None             # --previous: set once indexed
        self.prev_index: dict | None = None
        self.ids = [it.id for it in items]
        self.stats = Stats(len(items))
        self.summaries: list[Summary] | None = [] if kind == ".html" else None
        self.used_prev: set = set()
        self.shared_stats: SharedStats | None = None
        self.total = total
        self.prog, self.con = _progress(total, quiet)
        self.count = 0
        self.parts = _Parts()
        self.index = None
        self.spool = None
        if shared:
            from .shared import Index
            self.index = Index()
            self.spool = tempfile.TemporaryFile()     # records before the shared fields

    @contextlib.contextmanager
    def open(self, out: str):
        """The progress bar and the output file (written to a temporary file, renamed
        when complete), with the output's head written."""
        from .atomic import AtomicWriter
        from .render.csv_ import format_rows, header
        # binary: the workers' reports arrive as UTF-8 bytes and are written as they are
        with self.prog, AtomicWriter(out, encoding=None) as fh:
            self.fh = fh
            self.task = self.prog.add_task(_("checking"), total=self.total)
            if self.kind == ".csv":              # with a BOM, for Excel
                fh.write(format_rows([_csv_shared(header(self.ids), "shared_share" if self.spool
                                                  else None)]).encode("utf-8-sig"))
            elif self.kind == ".json":
                fh.write(b"[")
            yield self

    def take(self, result: tuple[Summary, bytes | tuple[str, int, int], Any]) -> None:
        """One report's result, in input order."""
        summary, where, sig = result
        data = self.parts.read(where)
        fh, kind = self.fh, self.kind
        if self.spool is not None:
            self.spool.write(len(data).to_bytes(4, "little") + data)
            assert self.index is not None      # spool and index are both made when shared
            self.index.add(sig)
        elif kind == ".json":
            fh.write((b",\n" if self.count else b"\n") + data)
        elif data:
            fh.write(data)
        self.count += 1
        self.stats.add(summary)
        if self.summaries is not None:
            self.summaries.append(summary)
        if self.pairing is not None and summary.ok:
            self._pair(summary)
        if not summary.ok:
            self.con.print(f"lawcheck: {summary.error}", markup=False, highlight=False,
                           soft_wrap=True)
        self.prog.advance(self.task)

    def _pair(self, summary: Summary) -> None:
        assert self.pairing is not None and self.prev_index is not None
        key = pair_key(summary.issuer, summary.year - 1 if summary.year else None)
        if key in self.prev_index:
            self.pairing.paired += 1
            self.used_prev.add(key)
        else:
            self.pairing.unpaired.append(summary.file)

    def finish(self, paths: list[str], workers: _Workers) -> None:
        """The shared passages' second pass, then the output's tail (the html page)."""
        fh, kind = self.fh, self.kind
        if self.spool is not None:
            self.shared_stats = _write_shared(fh, self.spool, self.index, paths, kind,
                                              workers.map)
        if kind == ".json":
            fh.write(b"\n]\n" if self.stats.count else b"]\n")
        elif kind == ".html":
            assert self.summaries is not None           # kept for html output
            summaries = self.summaries
            title = "lawcheck: " + ngettext("{n} report", "{n} reports", len(summaries)).format(
                n=len(summaries))
            extra = ""
            if self.shared_stats is not None:
                from .render.shared_html import shared_section
                sh = self.shared_stats
                extra = shared_section(sh.top, sh.clusters, sh.reports, len(paths))
            fh.write(page(summaries, self.items, title, extra=extra).encode("utf-8"))


def _write_shared(fh, spool, index, paths: list[str], kind: str, mapped) -> SharedStats:
    """Second pass: cluster the signatures, read the shared passages' texts again (only
    of the reports that have any) and write every spooled record with its
    `shared_passages` and `shared_share`."""
    from .model import SharedPassage, SharedPassages
    from .render._util import rel_path
    from .shared import ALSO_IN_MAX
    index.solve()
    n = len(paths)
    names = [rel_path(p) for p in paths]
    cluster_text: dict[int, str] = {}
    with_shared = 0
    spool.seek(0)
    # In chunks, so that the texts read again never pile up in the parent.
    for lo in range(0, n, TEXT_CHUNK):
        docs = range(lo, min(n, lo + TEXT_CHUNK))
        found = {d: f for d in docs if (f := index.found(d)) is not None}
        texts = mapped(texts_one, [(paths[d], found[d].ordinals) for d in sorted(found)])
        for d in docs:
            size = int.from_bytes(spool.read(4), "little")
            text = spool.read(size).decode("utf-8")
            extra = None
            if d in found:
                f = found[d]
                with_shared += 1
                got_list = list(next(texts))
                if len(got_list) != len(f.clusters):         # the file changed meanwhile
                    got_list = [(line, "") for line in f.lines]
                items = []
                for (line, t), c in zip(got_list, f.clusters):
                    cluster_text.setdefault(c, t)
                    members = index.members(c)
                    others = [m for m in members[:ALSO_IN_MAX + 1] if m != d][:ALSO_IN_MAX]
                    items.append(SharedPassage(line=line, text=t, also_in=[names[m] for m in others],
                                               also_in_count=len(members) - 1))
                extra = SharedPassages(share=f.share, passages=items)
            elif index.chars[d]:
                extra = SharedPassages(share=0.0, passages=[])
            fh.write(_inject(text, extra, kind, first=d == 0).encode("utf-8"))
    clusters = index.clusters()
    top = sorted(clusters.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:MAX_CLUSTERS]
    return SharedStats(clusters=len(clusters), reports=with_shared,
                       top=[(cluster_text.get(c, ""), [names[m] for m in ms]) for c, ms in top])


def _inject(text: str, extra, kind: str, first: bool) -> str:
    """A spooled record with the shared fields added, exactly as to_dict() would put them."""
    if kind == ".json":
        if extra is not None:
            inner = json.dumps(extra.to_dict(), ensure_ascii=False, indent=2).split("\n")[1:-1]
            text = text[:-len("\n  }")] + ",\n" + "\n".join("  " + x for x in inner) + "\n  }"
        return ("" if first else ",") + "\n" + text
    if kind == ".jsonl":
        if extra is not None:
            body = json.dumps(extra.to_dict(), ensure_ascii=False, separators=(",", ":"))
            text = text[:-2] + "," + body[1:] + "\n"
        return text
    if kind == ".csv":
        import csv
        import io

        from .render.csv_ import format_rows
        row = next(csv.reader(io.StringIO(text)))
        return format_rows([_csv_shared(row, "" if extra is None else f"{extra.share:g}")])
    return text


def _csv_shared(row: list[str], value: str | None) -> list[str]:
    """A CSV row (or the header) with `shared_share` before the trailing columns
    (missing_items, weak_items, hints stay last)."""
    if value is None:
        return row
    from .render.csv_ import TAIL
    return row[:len(row) - len(TAIL)] + [value] + row[len(row) - len(TAIL):]


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
    if res.shared is not None and not quiet:
        sh = res.shared
        lines.append(f"shared   {sh.clusters} passage{'s' if sh.clusters != 1 else ''} in two or more "
                     f"reports; {sh.reports} report{'s' if sh.reports != 1 else ''} hold one "
                     "(shared_passages in the output)")
        for text, files in (sh.top or [])[:3]:
            lines.append(f"  {len(files):>5} × {text[:40]}{'…' if len(text) > 40 else ''}")
    if res.pairing is not None and not quiet:
        pa = res.pairing
        lines.append(f"previous {pa.paired} paired with the previous year's report of the same issuer, "
                     f"{len(pa.unpaired)} without ({pa.previous} previous reports, {pa.unused} unused)")
        if pa.ambiguous:
            lines.append(f"  {pa.ambiguous} previous report{'s' if pa.ambiguous != 1 else ''} repeat an "
                         "issuer and year already found; the first in file order is used")
        for f in pa.unpaired[:top]:
            lines.append(f"  no previous report: {f}")
        if len(pa.unpaired) > top:
            lines.append(f"  … and {len(pa.unpaired) - top} more (warnings in the output)")
    if bad and not quiet:
        lines.append(_("unreadable {n} (each named here, on stderr and in the output):").format(n=bad))
        for file, error in st.unreadable[:list_unreadable]:
            lines.append("  " + (error if file in error else f"{file}: {error}"))
        if bad > list_unreadable:
            lines.append("  " + _("… and {n} more in {out}").format(n=bad - list_unreadable,
                                                                   out=res.out))
    return "\n".join(lines) + "\n"
