"""Cold-start benchmark: what a reviewer waits for when running `lawcheck report.txt`.

    python benchmarks/bench_cold.py [--runs 9] [REPORT]

Measures, as the median of --runs fresh processes each:
  bare      python -c pass
  floor     a trivial typer app with the same kind of options that prints with rich
            (the cost of "starting Python with typer and rich"; typer>=0.2x imports
            pydantic while parsing options)
  json      lawcheck REPORT --format json
  terminal  lawcheck REPORT
and, in-process, the warm time per report once everything is loaded.
Not a test: speed is tracked here, never asserted in the test suite.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "fixtures" / "reports" / "province-2024.txt"

FLOOR = '''
from enum import Enum
from pathlib import Path
from typing import List, Optional
import typer
app = typer.Typer()
class F(str, Enum):
    a = "a"
    b = "b"
@app.command()
def check(files: List[str], format: F = typer.Option(F.a), rules: Optional[Path] = typer.Option(None),
          fail_under: Optional[float] = typer.Option(None), quiet: bool = typer.Option(False)):
    import rich.console
    rich.console.Console().print("x")
app()
'''


def timed(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", nargs="?", default=str(DEFAULT))
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    py = sys.executable
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(FLOOR)
        floor_script = fh.name
    rows = [
        ("bare python", timed([py, "-c", "pass"], args.runs)),
        ("floor: typer app + rich print", timed([py, floor_script, "x", "--format", "a"], args.runs)),
        ("lawcheck REPORT --format json", timed([py, "-m", "lawcheck.cli", args.report, "--format", "json"], args.runs)),
        ("lawcheck REPORT (terminal)", timed([py, "-m", "lawcheck.cli", args.report], args.runs)),
    ]
    os.unlink(floor_script)
    sys.path.insert(0, str(ROOT / "src"))
    from lawcheck.check import check_path
    from lawcheck.rules import load_pack
    pack = load_pack()
    check_path(args.report, pack)
    n = 50
    t = time.perf_counter()
    for _ in range(n):
        check_path(args.report, pack)
    warm = (time.perf_counter() - t) / n
    print(f"report: {args.report} ({Path(args.report).stat().st_size} bytes); median of {args.runs} runs")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for name, sec in rows:
        print(f"  {name:34} {sec * 1000:7.0f} ms")
    print(f"  {'warm check, in-process':34} {warm * 1000:7.1f} ms  ({1 / warm:.0f} reports/s on one core)")


if __name__ == "__main__":
    main()
