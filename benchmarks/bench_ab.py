"""Two checkouts side by side in one process: median CPU ms of a stage per report.

    .venv/bin/python benchmarks/bench_ab.py /tmp/before/src [--stage judge] [--rounds 200] [REPORT ...]

Separate runs of `bench_warm.py` move by about ±5 % on the shared machine, more than
most single changes gain. Here this checkout's `src/` (or `--a DIR`) and another one
(loaded a second time under the package name `lawcheck_b`: the package imports itself
relatively) run in one process, one report at a time, alternating which goes first, so
the machine's load falls on both alike; two copies of one checkout differ by 1–2 %.

Each side builds its own pack (the pack cache is turned off: a cached pack would load
as A's classes) and reads, folds, outlines and matches each report once; a
round then times `--stage` (`judge`: the judge alone; `check`: the whole
`check_document`) on every report, after emptying the caches a report leaves behind (the
segmenter's blocks, the functools caches keyed by a unit's text), as `bench_warm.py`
does. Prints the median per report for A and B and B/A. Not a test: speed is tracked
here, never asserted.
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import statistics
import sys
from pathlib import Path
from time import process_time_ns as clock
from types import ModuleType
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus" / "reports"


def _load_as(name: str, src: Path) -> ModuleType:
    """The package `src/lawcheck` imported as `name` (its modules as `name.…`)."""
    pkg = src / "lawcheck"
    spec = importlib.util.spec_from_file_location(name, pkg / "__init__.py",
                                                  submodule_search_locations=[str(pkg)])
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def _side(name: str, reports: list[str], stage: str) -> list[Callable[[], int]]:
    """For each report, a function running `stage` with package `name` once from fresh
    per-text caches, returning its CPU ns."""
    def mod(sub: str) -> ModuleType:
        return importlib.import_module(f"{name}.{sub}")
    pack = mod("rules").load_pack()
    topics, judge, check = mod("topics"), mod("judge").judge, mod("check").check_document
    tk = topics.for_pack(pack)
    memos = [f for sub, attr in (("match", "_sentence_ends"), ("judge.cite", "_list_members"))
             for f in [getattr(mod(sub), attr, None)] if hasattr(f, "cache_clear")]

    def fresh() -> None:
        blocks = getattr(tk, "_blocks", None)
        if blocks is not None:
            blocks.clear()
        for f in memos:
            f.cache_clear()

    runs = []
    for path in reports:
        doc = mod("read").read_path(path)
        check(doc, pack)                                    # warm everything once
        folded = mod("chars").fold(doc)
        ol = mod("outline").outline(folded, pack.roles)
        judged = pack.for_level(ol.level)
        if stage == "judge":
            def run(ol=ol, judged=judged, doc=doc) -> int:
                fresh()
                hits = mod("match").match(ol, judged)       # the caches as match leaves them
                t = clock()
                judge(ol, hits, judged, doc.locations)
                return clock() - t
        else:
            def run(doc=doc) -> int:
                fresh()
                t = clock()
                check(doc, pack)
                return clock() - t
        runs.append(run)
    return runs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("b", help="the other checkout's src/ (B)")
    ap.add_argument("reports", nargs="*")
    ap.add_argument("--a", default=str(ROOT / "src"), help="this checkout's src/ (A)")
    ap.add_argument("--stage", choices=("judge", "check"), default="judge")
    ap.add_argument("--rounds", type=int, default=200)
    a = ap.parse_args()
    reports = a.reports or sorted(str(p) for p in SHARED.glob("*.txt")) or \
        [str(ROOT / "fixtures" / "reports" / "province-2024.txt")]
    # each side builds its own pack: a cached pack would unpickle as A's classes for B
    os.environ["LAWCHECK_NO_CACHE"] = "1"
    sys.path.insert(0, a.a)
    importlib.import_module("lawcheck")
    _load_as("lawcheck_b", Path(a.b))
    sides = {"A": _side("lawcheck", reports, a.stage), "B": _side("lawcheck_b", reports, a.stage)}
    times: dict[str, list[list[int]]] = {k: [[] for _ in reports] for k in sides}
    for r in range(a.rounds):
        for i in range(len(reports)):
            for k in ("AB" if r % 2 else "BA"):
                times[k][i].append(sides[k][i]())
    print(f"{a.stage}, median CPU ms of {a.rounds} rounds; A = {a.a}, B = {a.b}")
    print(f"{'report':24}{'A':>10}{'B':>10}{'B/A':>8}")
    for i, path in enumerate(reports):
        ma, mb = (statistics.median(times[k][i]) / 1e6 for k in "AB")
        print(f"{Path(path).stem[:24]:24}{ma:>10.3f}{mb:>10.3f}{mb / ma:>8.3f}")


if __name__ == "__main__":
    main()
