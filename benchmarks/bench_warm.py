"""Warm per-stage benchmark: CPU time of each pipeline stage on full-size reports.

    .venv/bin/python benchmarks/bench_warm.py [--rounds 30] [REPORT ...]
    LAWCHECK_BENCH_SRC=/tmp/before/src .venv/bin/python benchmarks/bench_warm.py   # another checkout

Default reports: the shared real reports (../shared/corpus/reports/*.txt, never copied
into the project), else the bundled fixtures. Everything is loaded and run once first
(the pack, the automaton, the topic segmenter), then each report goes through
read -> fold -> outline -> match -> judge -> anchor -> score --rounds times (fold: radicals
and traditional characters, chars.py; anchor: evidence quoted from the report as read,
anchor.py); each stage is timed with
time.process_time_ns() (CPU time, so other load on a shared machine counts little) and
the median per stage and report is printed, plus the alignment check's topic words,
the other checks, and rendering (JSON and terminal). What a report leaves behind for
the next one (the segmenter's blocks, functools caches keyed by a unit's text) is
emptied before every round and before each stage timed again on its own, the judge
finding them as match left them: each round is a report seen for the first time. Not a
test: speed is tracked here, never asserted.
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus" / "reports"
# the lawcheck measured: this checkout's src/, or LAWCHECK_BENCH_SRC (e.g. a `git archive
# main` unpacked in /tmp, for a before/after comparison)
sys.path.insert(0, os.environ.get("LAWCHECK_BENCH_SRC") or str(ROOT / "src"))

from time import process_time_ns as clock  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reports", nargs="*")
    ap.add_argument("--rounds", type=int, default=30)
    a = ap.parse_args()
    reports = a.reports or sorted(str(p) for p in SHARED.glob("*.txt")) or \
        [str(ROOT / "fixtures" / "reports" / "province-2024.txt")]

    from lawcheck import topics
    print(f"lawcheck from {Path(topics.__file__).parent}")
    from lawcheck.judge import CHECKS, judge
    from lawcheck.chars import fold
    from lawcheck.judge.context import Context
    from lawcheck.match import match
    from lawcheck.outline import outline
    from lawcheck.read import read_path
    from lawcheck.render import renderer
    from lawcheck.check import check_document
    from lawcheck.rules import load_pack
    from lawcheck.score import apply_profile, score

    pack = load_pack()
    tk = topics.for_pack(pack)
    orig_of = type(tk).of
    spent = {"topics": 0}

    # per-text memos kept between reports (functools.lru_cache keyed by a unit's text)
    import importlib
    text_memos = [f for mod, name in (("lawcheck.match", "_sentence_ends"),
                                      ("lawcheck.judge.cite", "_list_members"))
                  for f in [getattr(importlib.import_module(mod), name, None)]
                  if hasattr(f, "cache_clear")]

    def fresh() -> None:
        """Forget the segmented blocks and the per-text memos of the previous round: a
        report is measured as if it were new (in a batch, texts seldom repeat between
        reports)."""
        blocks = getattr(tk, "_blocks", None)
        if blocks is not None:
            blocks.clear()
        for f in text_memos:
            f.cache_clear()

    def timed_of(self, text):
        t = clock()
        try:
            return orig_of(self, text)
        finally:
            spent["topics"] += clock() - t

    from lawcheck.anchor import anchor
    stages = ["read", "fold", "outline", "match", "judge", "  alignment", "    topic words",
              "  presence", "  other checks", "anchor", "score", "check total", "render json",
              "render terminal"]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
          f"median CPU ms of {a.rounds} warm rounds (time.process_time)")
    head = f"{'stage':18}" + "".join(f"{Path(r).stem[:16]:>18}" for r in reports)
    print(head)
    print("-" * len(head))
    cols = []
    for path in reports:
        check_document(read_path(path), pack)          # warm everything once
        fresh()
        rows: dict[str, list[float]] = {s: [] for s in stages}
        for _ in range(a.rounds):
            fresh()
            t0 = clock()
            doc = read_path(path)
            t1 = clock()
            folded = fold(doc)
            tf = clock()
            ol = outline(folded, pack.roles)
            t2 = clock()
            hits = match(ol, pack)
            t3 = clock()
            ctx = Context(outline=ol, matches=hits, pack=pack, locations=doc.locations)
            per = {"alignment": 0, "presence": 0, "other": 0}
            fresh()
            match(ol, pack)          # the per-text memos as the judge finds them after match
            spent["topics"] = 0
            type(tk).of = timed_of
            try:
                for it in pack.items:
                    s = clock()
                    CHECKS[it.check](it, ctx)
                    key = it.check if it.check in per else "other"
                    per[key] += clock() - s
            finally:
                type(tk).of = orig_of
            fresh()
            match(ol, pack)
            t4 = clock()
            items = judge(ol, hits, pack, doc.locations)     # the real call, for score
            t5 = clock()
            items = anchor(doc, folded, items)
            ta = clock()
            apply_profile(items, pack, ol.level)
            score(items)
            t6 = clock()
            fresh()
            t6b = clock()
            rep = check_document(read_path(path), pack)
            t7 = clock()
            renderer("json").render([rep])
            t8 = clock()
            _render_terminal(rep)
            t9 = clock()
            for name, v in (("read", t1 - t0), ("fold", tf - t1), ("outline", t2 - tf), ("match", t3 - t2),
                            ("judge", t5 - t4), ("  alignment", per["alignment"]),
                            ("    topic words", spent["topics"]), ("  presence", per["presence"]),
                            ("  other checks", per["other"]), ("anchor", ta - t5),
                            ("score", t6 - ta), ("check total", t7 - t6b), ("render json", t8 - t7),
                            ("render terminal", t9 - t8)):
                rows[name].append(v / 1e6)
        cols.append({s: statistics.median(v) for s, v in rows.items()})
    for s in stages:
        print(f"{s:18}" + "".join(f"{c[s]:>18.2f}" for c in cols))
    tot = [c["check total"] for c in cols]
    print(f"\nwarm check, median over the {len(cols)} reports: {statistics.median(tot):.2f} ms CPU "
          f"({', '.join(f'{t:.2f}' for t in tot)})")


def _render_terminal(rep) -> None:
    from lawcheck.render import terminal
    terminal.print_reports([rep], file=io.StringIO())


if __name__ == "__main__":
    main()
