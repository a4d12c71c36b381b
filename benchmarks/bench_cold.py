"""Cold-start benchmark: what a reviewer waits for when running `lawcheck report.txt`.

    python benchmarks/bench_cold.py [--runs 9] [REPORT]

Measures, as the median of --runs fresh processes each, run side by side (one of each
in turn, so a change in the machine's load touches all alike), the CPU time of the
child (user + system, from RUSAGE_CHILDREN; the wall time is shown too):
  bare      python -c pass
  minimal   a minimal typer app that parses one Path argument and prints one rich line
            (the floor: "starting Python with typer and rich")
  floor     a typer app with the same kind of options as lawcheck's, printing with rich
  json      lawcheck REPORT --format json
  terminal  lawcheck REPORT
then the ratios json/minimal and terminal/minimal, and in-process the warm time per
report once everything is loaded. `--src DIR` runs another checkout's src/ (e.g. a
`git archive main` unpacked in /tmp) with this venv, for a before/after comparison.
The user's pack cache is used as a reviewer's second run would find it (one untimed
run fills it first); `--no-cache` sets LAWCHECK_NO_CACHE=1.
Not a test: speed is tracked here, never asserted in the test suite.
"""
from __future__ import annotations

import argparse
import os
import resource
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


MINIMAL = '''
from pathlib import Path
import typer
app = typer.Typer()
@app.command()
def check(report: Path):
    import rich.console
    rich.console.Console().print(f"[bold]{report.name}[/bold] ok")
app()
'''


def _once(cmd: list[str], env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def timed_side_by_side(cmds: list[list[str]], runs: int, env: dict) -> list[tuple[float, float]]:
    """Median (cpu, wall) of each command, the commands run in turn `runs` times."""
    for c in cmds:                       # warm the OS file cache and the pack cache
        _once(c, env)
    cpu: list[list[float]] = [[] for _ in cmds]
    wall: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for i, c in enumerate(cmds):
            a, b = _once(c, env)
            cpu[i].append(a)
            wall[i].append(b)
    return [(statistics.median(c), statistics.median(w)) for c, w in zip(cpu, wall)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", nargs="?", default=str(DEFAULT))
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--src", help="the src/ folder of the lawcheck to run (default: this checkout's)")
    ap.add_argument("--no-cache", action="store_true", help="run without the pack cache")
    args = ap.parse_args()
    py = sys.executable
    src = str(Path(args.src or ROOT / "src").resolve())
    # An installed wheel has its bytecode compiled; an editable checkout under
    # PYTHONDONTWRITEBYTECODE=1 would compile every module from source on every run.
    subprocess.run([py, "-m", "compileall", "-q", src], check=False, stdout=subprocess.DEVNULL)
    env = {**os.environ, "PYTHONPATH": src}
    if args.no_cache:
        env["LAWCHECK_NO_CACHE"] = "1"
    scripts = []
    for body in (FLOOR, MINIMAL):
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
            fh.write(body)
            scripts.append(fh.name)
    names = ["bare python", "minimal typer app + rich line", "floor: typer app + options",
             "lawcheck REPORT --format json", "lawcheck REPORT (terminal)"]
    cmds = [[py, "-c", "pass"], [py, scripts[1], args.report], [py, scripts[0], "x", "--format", "a"],
            [py, "-m", "lawcheck.cli", args.report, "--format", "json"],
            [py, "-m", "lawcheck.cli", args.report]]
    rows = list(zip(names, timed_side_by_side(cmds, args.runs, env)))
    for f in scripts:
        os.unlink(f)
    sys.path.insert(0, src)
    from lawcheck.check import check_path
    from lawcheck.rules import load_pack
    pack = load_pack()
    check_path(args.report, pack)
    from lawcheck import topics
    blocks = getattr(topics.for_pack(pack), "_blocks", None)
    n = 50
    t = time.process_time()
    for _ in range(n):
        if blocks is not None:
            blocks.clear()       # as if the report were new (see bench_warm.py)
        check_path(args.report, pack)
    warm = (time.process_time() - t) / n
    print(f"report: {args.report} ({Path(args.report).stat().st_size} bytes); median of {args.runs} "
          f"side-by-side runs; lawcheck from {src}")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"  {'':34} {'CPU ms':>8} {'wall ms':>8}")
    for name, (cpu, wall) in rows:
        print(f"  {name:34} {cpu * 1000:8.0f} {wall * 1000:8.0f}")
    print(f"  {'warm check, in-process (CPU)':34} {warm * 1000:8.1f}")
    base = rows[1][1][0]
    print(f"ratios to the minimal typer app (CPU): --format json {rows[3][1][0] / base:.2f}x, "
          f"terminal {rows[4][1][0] / base:.2f}x")


if __name__ == "__main__":
    main()
