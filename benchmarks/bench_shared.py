"""Benchmark shared-passage detection across a batch (shared.py): time and peak memory on
10,000 generated reports, and recall on planted passages.

    .venv/bin/python benchmarks/bench_shared.py              # 10,000 reports
    .venv/bin/python benchmarks/bench_shared.py --count 2000 --jobs 2

Corpus (benchmarks/corpus-shared/, gitignored): report i starts from fixture i mod k of
fixtures/reports/*.txt, its body paragraphs shuffled and about a third of its sentences
dropped, so every base sentence still occurs in ≈ 1/3 of the ≈ n/k reports made from
the same fixture (large template clusters: the hard case for memory). Then PLANTED
passages (one sentence each, 36 random CJK characters from a pool of 1,500, so none is
near another) are put into 2–6 random reports each, half of the copies lightly edited
(two characters replaced).

Three measurements, each in a fresh subprocess so ru_maxrss belongs to that run:
- `index`: in one process, signature() of every report, Index.add, Index.solve: the
  time of each step, the parent's peak RSS, the index's own bytes; recall of the
  planted passages (each planted copy found shared with all its partners) and the
  number of planted clusters merged with anything else (precision).
- `batch` and `batch --no-shared`: the real `run_batch` over the corpus with --jobs:
  the cost of the shared passages end to end (wall time, parent and worker peak RSS).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus-shared"
SHARD = 1000
PLANTED = 300
POOL = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
        "十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严")


# ---------------------------------------------------------------- the corpus

def _sentences(line: str) -> list[str]:
    import re
    return [s for s in re.findall(r"[^。；;！？]+[。；;！？]?", line) if s.strip()]


def planted(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        body = "".join(rng.choice(POOL) for _ in range(36))
        out.append(body[:12] + "，" + body[12:24] + "，" + body[24:] + "。")
    return out


def _edit(s: str, rng: random.Random) -> str:
    """A light edit: one two-character word replaced (as 设置 → 配备)."""
    chars = list(s)
    while True:
        j = rng.randrange(len(chars) - 2)
        if chars[j] not in "，。" and chars[j + 1] not in "，。":
            break
    chars[j], chars[j + 1] = rng.choice(POOL), rng.choice(POOL)
    return "".join(chars)


def build_corpus(n: int) -> dict:
    """corpus-shared/ with reports 0..n-1 and plan.json (where each planted passage went)."""
    sys.path.insert(0, str(ROOT / "src"))
    from lawcheck.read import read_path
    marker = CORPUS / ".count"
    if marker.exists() and marker.read_text() == f"{n} v2":
        return json.loads((CORPUS / "plan.json").read_text(encoding="utf-8"))
    if CORPUS.exists():
        import shutil
        shutil.rmtree(CORPUS)
    sources = sorted((ROOT / "fixtures" / "reports").glob("*.txt"))
    texts = [read_path(str(p)).lines for p in sources]
    rng = random.Random(20240601)
    plants = planted(PLANTED)
    where: dict[int, list[tuple[int, bool]]] = {}
    for k in range(PLANTED):
        # the first report holds the passage as written, the others a copy: half of the
        # copies lightly edited
        for j, d in enumerate(rng.sample(range(n), rng.randint(2, 6))):
            where.setdefault(d, []).append((k, j > 0 and rng.random() < 0.5))
    t0 = time.perf_counter()
    for i in range(n):
        lines = [x for x in texts[i % len(texts)] if x.strip()]
        head, body, tail = lines[:2], lines[2:-2], lines[-2:]
        rng.shuffle(body)
        body = ["".join(s for s in _sentences(x) if rng.random() > 0.33) or x for x in body]
        for k, edited in where.get(i, []):
            s = plants[k]
            body.insert(rng.randrange(len(body) + 1), _edit(s, rng) if edited else s)
        shard = CORPUS / f"{i // SHARD:02d}"
        shard.mkdir(parents=True, exist_ok=True)
        (shard / f"{i:05d}.txt").write_text("\n".join(head + body + tail) + "\n", encoding="utf-8")
    plan = {"n": n, "planted": {str(k): [[d, e] for d, ks in sorted(where.items()) for kk, e in ks if kk == k]
                                for k in range(PLANTED)}, "texts": plants}
    (CORPUS / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    marker.write_text(f"{n} v2")
    print(f"built {n} reports in {time.perf_counter() - t0:.1f} s -> {CORPUS}", file=sys.stderr)
    return plan


def _files(n: int) -> list[str]:
    return [str(CORPUS / f"{i // SHARD:02d}" / f"{i:05d}.txt") for i in range(n)]


def _rss() -> dict:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"parent_mib": me.ru_maxrss / 1024, "worker_mib": kids.ru_maxrss / 1024,
            "parent_cpu_s": me.ru_utime + me.ru_stime, "worker_cpu_s": kids.ru_utime + kids.ru_stime}


# ---------------------------------------------------------------- measured in a subprocess

def measure_index(n: int) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from lawcheck.passages import key_of
    from lawcheck.read import read_path
    from lawcheck.shared import Index, signature, _base
    _base()
    base_rss = _rss()["parent_mib"]
    plan = json.loads((CORPUS / "plan.json").read_text(encoding="utf-8"))
    files = _files(n)
    ix = Index()
    t_sig = 0.0
    t0 = time.perf_counter()
    for f in files:
        doc = read_path(f)
        t = time.perf_counter()
        sig = signature(doc.lines, doc.chars)
        t_sig += time.perf_counter() - t
        ix.add(sig)
    t_read_sig = time.perf_counter() - t0
    t1 = time.perf_counter()
    ix.solve()
    t_solve = time.perf_counter() - t1
    # recall on the planted passages: each copy found in the cluster of the report that
    # holds the passage as written (exact and lightly edited copies counted apart)
    from lawcheck.shared import texts_of
    hits = {True: 0, False: 0}
    copies = {True: 0, False: 0}
    merged = 0
    probe = {key_of(t, False)[:6]: int(k) for k, t in enumerate(plan["texts"])}

    def cluster_of(d: int, k: int) -> int | None:
        f = ix.found(d)
        if f is None:
            return None
        texts = texts_of(read_path(files[d]).lines, f.ordinals)
        for (_line, text), c in zip(texts, f.clusters):
            key = key_of(text, False)
            if probe.get(key[:6]) == k or any(plan["texts"][k][i:i + 8] in text for i in (0, 14, 28)):
                return c
        return None

    for k, docs in plan["planted"].items():
        k = int(k)
        (first, _), rest = docs[0], docs[1:]
        home = cluster_of(first, k)
        members = set(ix.members(home)) if home is not None else set()
        for d, edited in rest:
            copies[edited] += 1
            hits[edited] += d in members and cluster_of(d, k) == home
        merged += bool(members - {d for d, _ in docs})
    return {"n": n, "passages": len(ix.line), "clusters": len(ix.clusters()),
            "signature_ms_per_report": 1000 * t_sig / n, "read_and_signature_s": t_read_sig,
            "solve_s": t_solve, "index_mib": ix.nbytes / 2**20,
            "parent_mib": _rss()["parent_mib"], "parent_mib_before": base_rss,
            "recall_exact": hits[False] / max(1, copies[False]),
            "recall_edited": hits[True] / max(1, copies[True]),
            "copies_exact": copies[False], "copies_edited": copies[True], "planted_merged": merged}


def measure_batch(n: int, jobs: int, shared: bool) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from lawcheck.batch import run_batch
    dirs = [str(CORPUS / f"{k:02d}") for k in range((n + SHARD - 1) // SHARD)]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.jsonl")
        t0 = time.perf_counter()
        res = run_batch(dirs, out, jobs=jobs, quiet=True, shared=shared)
        dt = time.perf_counter() - t0
        size = os.path.getsize(out)
    return {"n": res.stats.count, "seconds": dt, "rps": res.stats.count / dt, "out_mib": size / 2**20,
            "clusters": res.shared.clusters if res.shared else 0, **_rss()}


def _sub(*args: str) -> dict:
    res = subprocess.run([sys.executable, __file__, "--_measure", *args], check=True,
                         capture_output=True, text=True, cwd=ROOT)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-batch", action="store_true", help="only the in-process index measurement")
    ap.add_argument("--_measure", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a._measure:
        what, *rest = a._measure
        if what == "index":
            print(json.dumps(measure_index(int(rest[0]))))
        else:
            print(json.dumps(measure_batch(int(rest[0]), int(rest[1]), rest[2] == "1")))
        return
    if a.count % SHARD:
        raise SystemExit("--count must be a multiple of 1000")
    build_corpus(a.count)
    ix = _sub("index", str(a.count))
    print(f"index, one process, {ix['n']} reports, {ix['passages']} passages of ≥ 30 characters:")
    print(f"  signature {ix['signature_ms_per_report']:.2f} ms/report; read + signature "
          f"{ix['read_and_signature_s']:.1f} s; solve {ix['solve_s']:.2f} s; {ix['clusters']} clusters")
    print(f"  index {ix['index_mib']:.1f} MiB; parent peak RSS {ix['parent_mib']:.1f} MiB "
          f"({ix['parent_mib_before']:.1f} MiB after imports)")
    print(f"  planted passages: recall {ix['recall_exact']:.3f} of {ix['copies_exact']} exact copies, "
          f"{ix['recall_edited']:.3f} of {ix['copies_edited']} lightly edited copies; "
          f"{ix['planted_merged']} of {PLANTED} clusters merged with other text")
    rows = [("index", ix)]
    if not a.no_batch:
        for shared in (False, True):
            r = _sub("batch", str(a.count), str(a.jobs), "1" if shared else "0")
            rows.append(("batch shared" if shared else "batch --no-shared", r))
            print(f"{'batch' if shared else 'batch --no-shared':>18} --jobs {a.jobs}: {r['seconds']:.1f} s "
                  f"({r['rps']:.0f} reports/s), parent {r['parent_mib']:.1f} MiB, worker "
                  f"{r['worker_mib']:.1f} MiB, output {r['out_mib']:.1f} MiB, clusters {r['clusters']}; "
                  f"CPU: workers {1000 * r['worker_cpu_s'] / r['n']:.2f} ms/report, parent "
                  f"{1000 * r['parent_cpu_s'] / r['n']:.2f} ms/report")
    print(json.dumps({k: v for k, v in rows}))


if __name__ == "__main__":
    main()
