"""Benchmark `lawcheck batch`: throughput against a read-only floor, and peak memory.

    .venv/bin/python benchmarks/bench_batch.py              # 3,000 reports, --jobs 2
    .venv/bin/python benchmarks/bench_batch.py --scale      # also 1,000 and 10,000 (memory)

Builds a corpus of varied reports from fixtures/reports/*.txt into benchmarks/corpus/
(gitignored): each copy gets small text edits (figures changed, a sentence added or a
paragraph dropped, some saved as GB18030), so no two files are the same. Files go into
shards of 1,000 (corpus/00/, corpus/01/, ...) so a run over the first k shards is a run
over k,000 reports through the real `batch` code path (folder walk, process pool,
streaming JSONL writer, summaries).

Each measurement runs in a fresh subprocess so ru_maxrss (a high-water mark) belongs to
that run alone: RUSAGE_SELF is the parent, RUSAGE_CHILDREN the largest worker.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# the lawcheck measured: this checkout's src/, or another (--src, for before/after)
SRC = os.environ.get("LAWCHECK_BENCH_SRC") or str(ROOT / "src")
CORPUS = HERE / "corpus"
SHARD = 1000

SENTENCES = [
    "全年组织专题培训{n}次，参训{m}人次。",
    "办理群众来信来访{n}件，按期办结率达到{p}%。",
    "开展行政执法案卷评查，抽查案卷{n}卷，发现问题{m}个并全部整改。",
    "聘请法律顾问{n}名，审查合同{m}份。",
    "组织法治宣传活动{n}场次，覆盖群众{m}人次。",
    "清理规范性文件{n}件，废止{m}件。",
]


def _vary(lines: list[str], rng: random.Random, i: int) -> list[str]:
    out = list(lines)
    # change some figures
    for _ in range(rng.randint(1, 4)):
        j = rng.randrange(len(out))
        out[j] = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9))
                        if len(m.group()) < 4 else m.group(), out[j], count=1)
    # add a sentence to a body paragraph
    body = [j for j, s in enumerate(out) if len(s) > 40]
    if body:
        j = rng.choice(body)
        out[j] = out[j] + rng.choice(SENTENCES).format(n=rng.randint(2, 90), m=rng.randint(10, 900),
                                                       p=rng.randint(90, 100))
    # sometimes drop a paragraph
    if len(body) > 4 and rng.random() < 0.3:
        del out[rng.choice(body[1:-1])]
    out.append(f"（编号：{i:06d}）" if rng.random() < 0.5 else "")
    return out


def build_corpus(n: int) -> list[Path]:
    """Make sure corpus/ has reports 0..n-1; returns the shard folders covering them."""
    sys.path.insert(0, str(ROOT / "src"))
    from lawcheck.read import read_path
    marker = CORPUS / ".count"
    have = int(marker.read_text()) if marker.exists() else 0
    shards = [CORPUS / f"{k:02d}" for k in range((n + SHARD - 1) // SHARD)]
    if have >= n:
        return shards
    if have == 0 and CORPUS.exists():
        shutil.rmtree(CORPUS)
    sources = sorted((ROOT / "fixtures" / "reports").glob("*.txt"))
    texts = [(p.stem, read_path(str(p)).lines) for p in sources]
    t0 = time.perf_counter()
    for i in range(have, n):
        rng = random.Random(i)
        stem, lines = texts[i % len(texts)]
        text = "\n".join(_vary(lines, rng, i)) + "\n"
        shard = CORPUS / f"{i // SHARD:02d}"
        shard.mkdir(parents=True, exist_ok=True)
        enc = "gb18030" if i % 10 == 3 else "utf-8"
        (shard / f"{i:05d}-{stem}.txt").write_bytes(text.encode(enc, errors="replace"))
    marker.write_text(str(n))
    print(f"built corpus: {n - have} new reports in {time.perf_counter() - t0:.1f} s -> {CORPUS}",
          file=sys.stderr)
    return shards


# ---------------------------------------------------------------- measured in a subprocess

def _rss() -> dict:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"parent_mib": me.ru_maxrss / 1024, "worker_mib": kids.ru_maxrss / 1024,
            "parent_cpu": me.ru_utime + me.ru_stime, "worker_cpu": kids.ru_utime + kids.ru_stime}


def measure_floor(dirs: list[str]) -> dict:
    files = sorted(str(p) for d in dirs for p in Path(d).rglob("*.txt"))
    t0 = time.perf_counter()
    chars = 0
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="replace")
        chars += len(text.splitlines())
    dt = time.perf_counter() - t0
    return {"n": len(files), "seconds": dt, "rps": len(files) / dt, **_rss()}


def measure_batch(dirs: list[str], jobs: int, out_kind: str) -> dict:
    sys.path.insert(0, SRC)
    from lawcheck.batch import run_batch
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out" + out_kind)
        t0 = time.perf_counter()
        res = run_batch(dirs, out, jobs=jobs, quiet=True)
        dt = time.perf_counter() - t0
        size = os.path.getsize(out)
    n = res.stats.count
    return {"n": n, "seconds": dt, "rps": n / dt, "unreadable": len(res.stats.failures),
            "out_mib": size / 2**20, **_rss()}


def _sub(*args: str) -> dict:
    cmd = [sys.executable, __file__, "--_measure", *args]
    res = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(res.stdout.strip().splitlines()[-1])


def machine() -> dict:
    model = "?"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "platform": platform.platform()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=3000, help="reports for the throughput run")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--scale", action="store_true", help="also measure memory at 1,000 and 10,000")
    ap.add_argument("--out-kind", default=".jsonl", choices=[".jsonl", ".csv", ".json", ".html"])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    ap.add_argument("--src", help="src/ folder of the lawcheck to measure (default: this checkout's)")
    ap.add_argument("--_measure", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.src:
        os.environ["LAWCHECK_BENCH_SRC"] = str(Path(a.src).resolve())

    if a._measure:
        what, *rest = a._measure
        if what == "floor":
            print(json.dumps(measure_floor(rest)))
        else:
            jobs, kind, *dirs = rest
            print(json.dumps(measure_batch(dirs, int(jobs), kind)))
        return

    sizes = sorted({a.count} | ({1000, 10000} if a.scale else set()))
    build_corpus(max(sizes))
    rows = []
    for n in sizes:
        shards = [str(CORPUS / f"{k:02d}") for k in range((n + SHARD - 1) // SHARD)]
        if n % SHARD:
            raise SystemExit("--count must be a multiple of 1000")
        floor = _sub("floor", *shards)
        run = _sub("batch", str(a.jobs), a.out_kind, *shards)
        rows.append((n, floor, run))

    m = machine()
    print(f"machine: {m['nproc']} CPUs, {m['cpu']}, Python {m['python']}")
    print(f"batch --jobs {a.jobs}, output {a.out_kind}\n")
    print(f"lawcheck from {os.environ.get('LAWCHECK_BENCH_SRC') or SRC}")
    head = (f"{'reports':>8} {'floor r/s':>10} {'batch r/s':>10} {'batch s':>8} {'cpu ms/rep':>10} "
            f"{'all cpu ms/rep':>14} {'cpu-bound r/s':>13} {'parent MiB':>10} {'worker MiB':>10} {'out MiB':>8}")
    print(head)
    print("-" * len(head))
    for n, floor, run in rows:
        wcpu = run["worker_cpu"] / n if a.jobs > 1 else run["parent_cpu"] / n
        allcpu = (run["worker_cpu"] + run["parent_cpu"]) / n
        print(f"{n:>8} {floor['rps']:>10,.0f} {run['rps']:>10,.0f} {run['seconds']:>8.2f} "
              f"{1000 * wcpu:>10.2f} {1000 * allcpu:>14.2f} {a.jobs / wcpu:>13,.0f} {run['parent_mib']:>10.1f} "
              f"{run['worker_mib']:>10.1f} {run['out_mib']:>8.1f}")
    print("\nbatch r/s: wall-clock throughput of this run. cpu ms/rep: CPU time the workers spent per "
          "report;\nall cpu ms/rep: workers + parent (pool, pickling, writing) per report;\ncpu-bound r/s = jobs / that, the throughput on otherwise idle cores. parent/worker "
          "MiB: peak RSS\nof the parent and of the largest worker. floor: read + decode only, one "
          "process.")
    if a.json:
        print(json.dumps({"machine": m, "jobs": a.jobs, "out_kind": a.out_kind,
                          "rows": [{"n": n, "floor": f, "batch": r} for n, f, r in rows]}, indent=2))


if __name__ == "__main__":
    main()
