"""`lawcheck batch` and `lawcheck diff` through the real command line: a row per report
and an error row for a corrupt file (exit 2), the same bytes whatever --jobs, the html
page with its ranking and heatmap (and, with Chromium present, a real render), diff
showing the expected regressions."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from lawcheck.batch import chunksize_for, find_reports

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "reports"
NAMES = sorted(p.name for p in FIXTURES.glob("*.txt"))
CHROMIUM = Path("/usr/bin/chromium")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawcheck.cli", *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd or ROOT)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The fixtures in a nested folder, plus a corrupt docx and files to be ignored."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "sub").mkdir()
    for i, name in enumerate(NAMES):
        shutil.copy(FIXTURES / name, (root / "sub" if i % 2 else root) / name)
    (root / "corrupt.docx").write_bytes(b"PK\x03\x04 this is not a zip archive")
    (root / "notes.json").write_text("{}", encoding="utf-8")          # unsupported suffix
    (root / "~$lock.docx").write_bytes(b"\x00")                      # Word lock file
    (root / ".hidden").mkdir()
    shutil.copy(FIXTURES / NAMES[0], root / ".hidden" / NAMES[0])
    return root


@pytest.fixture(scope="module")
def csv_runs(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    res = {}
    for jobs in ("1", "2"):
        path = out / f"jobs{jobs}.csv"
        res[jobs] = (run("batch", str(corpus), "--out", str(path), "--jobs", jobs), path)
    return res


def test_find_reports_sorted_recursive_and_filtered(corpus):
    found = find_reports([str(corpus)])
    assert found == sorted(found)
    names = [Path(p).name for p in found]
    assert sorted(names) == sorted(NAMES + ["corrupt.docx"])
    assert find_reports([str(corpus)], glob="*.docx") == [str(corpus / "corrupt.docx")]
    assert len(find_reports([str(corpus / "sub"), str(corpus)])) == len(found)   # no duplicates
    assert chunksize_for(3000, 2) >= 1 and chunksize_for(1, 8) == 1


def test_batch_csv_rows_error_row_and_exit_2(csv_runs):
    proc, path = csv_runs["2"]
    assert proc.returncode == 2, proc.stderr
    err = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(err) == 1 and "corrupt.docx" in err[0] and err[0].startswith("lawcheck: ")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(NAMES) + 1
    bad = [r for r in rows if r["error"]]
    assert len(bad) == 1 and bad[0]["file"].endswith("corrupt.docx") and not bad[0]["score"]
    good = [r for r in rows if not r["error"]]
    assert all(r["gate"] in ("pass", "fail") and r["grade"] in "ABCDE" for r in good)
    assert all(r["structure.plans"] in ("pass", "weak", "missing", "n/a") for r in good)
    n = len(NAMES)
    assert f"lawcheck batch: {n + 1} reports ({n} checked, 1 unreadable)" in proc.stdout
    assert "most often missing" in proc.stdout and "median" in proc.stdout


def test_batch_output_is_the_same_for_any_jobs(csv_runs):
    (p1, a), (p2, b) = csv_runs["1"], csv_runs["2"]
    assert p1.returncode == p2.returncode == 2
    assert a.read_bytes() == b.read_bytes()
    assert not [p for p in a.parent.iterdir() if p.name.endswith(".tmp")]


def test_batch_json_equals_check_json(corpus, tmp_path):
    out = tmp_path / "all.json"
    run("batch", str(FIXTURES), "--out", str(out), "--jobs", "2", "--quiet", "--no-shared")
    files = find_reports([str(FIXTURES)])
    check = run(*files, "--format", "json")
    assert out.read_text(encoding="utf-8") == check.stdout
    # with the shared passages (the default): the same objects plus the two shared fields,
    # laid out exactly as json.dumps would lay out the whole object
    shared = tmp_path / "shared.json"
    run("batch", str(FIXTURES), "--out", str(shared), "--jobs", "2", "--quiet")
    text = shared.read_text(encoding="utf-8")
    objs = json.loads(text)
    assert text == json.dumps(objs, ensure_ascii=False, indent=2) + "\n"
    assert all({"shared_passages", "shared_share"} <= set(o) for o in objs)
    assert [{k: v for k, v in o.items() if not k.startswith("shared_")} for o in objs] == \
        json.loads(check.stdout)
    jsonl = tmp_path / "all.jsonl"
    proc = run("batch", str(FIXTURES), "--out", str(jsonl), "--jobs", "2", "--quiet")
    objs_l = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    # JSONL objects add missing_items / weak_items; the rest, shared fields included, agree
    assert [{k: v for k, v in o.items() if k not in ("missing_items", "weak_items")}
            for o in objs_l] == objs
    objs = objs_l
    assert [o["file"] for o in objs] == files
    assert proc.returncode == (0 if all(o["gate"]["passed"] for o in objs) else 1)
    assert len(proc.stdout.splitlines()) == 1                  # --quiet: one summary line


def test_batch_gate_exit_codes(tmp_path):
    good = str(FIXTURES / "province-2024.txt")
    assert run("batch", good, "--out", str(tmp_path / "a.csv"), "-q").returncode == 0
    county = str(FIXTURES / "county-merged-2023.txt")                  # scores 87.3
    assert run("batch", county, "--out", str(tmp_path / "a.csv"), "-q", "--fail-under", "90").returncode == 1
    bad = run("batch", good, "--out", str(tmp_path / "a.xlsx"))
    assert bad.returncode == 2 and ".csv, .jsonl, .json or .html" in bad.stderr
    none = run("batch", str(tmp_path / "nowhere"), "--out", str(tmp_path / "a.csv"))
    assert none.returncode == 2 and "no such file" in none.stderr


@pytest.fixture(scope="module")
def html_page(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "batch.html"
    proc = run("batch", str(corpus), "--out", str(out), "--jobs", "2")
    assert proc.returncode == 2
    return out


def test_batch_html_has_ranking_heatmap_shares_levels(html_page):
    page = html_page.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for anchor in ('id="ranking"', 'id="heatmap"', 'id="items"', 'id="levels"', 'id="unreadable"'):
        assert anchor in page
    assert page.count('<td class="rf file"') == len(NAMES)        # a heatmap row per report
    assert page.count('class="c m"') > 0 and page.count('class="c p"') > 0
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    body = page.split('id="ranking"', 1)[1].split("</table>", 1)[0]
    assert body.count('<tr class="r" data-i=') == len(NAMES)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
def test_batch_html_renders_in_headless_chromium(html_page, tmp_path):
    shot = tmp_path / "page.png"
    profile = tempfile.mkdtemp(prefix="lawcheck-chromium-")
    base = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={profile}", "--window-size=1400,1000"]
    try:
        subprocess.run(base + [f"--screenshot={shot}", html_page.as_uri()], capture_output=True,
                       timeout=120)
        dom = subprocess.run(base + ["--dump-dom", html_page.as_uri()], capture_output=True,
                             text=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert shot.exists() and shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert 'id="heatmap"' in dom.stdout and 'id="ranking"' in dom.stdout


# ---------------------------------------------------------------- diff

def test_diff_shows_the_expected_regressions():
    old, new = "fixtures/reports/province-2024.txt", "fixtures/reports/no-plans-2024.txt"
    proc = run("diff", old, new, "--format", "json")
    assert proc.returncode == 1, proc.stderr
    d = json.loads(proc.stdout)
    regressed = {c["id"]: c for c in d["regressed"]}
    assert "structure.plans" in regressed
    assert regressed["structure.plans"]["old"] == "pass" and regressed["structure.plans"]["new"] == "missing"
    assert regressed["structure.plans"]["old_evidence"]          # where it used to be
    assert d["delta"] == round(d["new"]["score"] - d["old"]["score"], 1) < 0
    assert d["unchanged"] + len(d["regressed"]) + len(d["improved"]) == len(
        json.loads(run(new, "--format", "json").stdout)["items"])
    assert d["new"]["gate"]["passed"] is False
    back = run("diff", new, old, "--format", "json")
    e = json.loads(back.stdout)
    assert {c["id"] for c in e["improved"]} == set(regressed) and not e["regressed"]
    assert back.returncode == (0 if e["new"]["gate"]["passed"] else 1)
    md = run("diff", old, new, "--format", "markdown").stdout
    assert "**Regressed (" in md and "`structure.plans`" in md and "| score |" in md
    term = run("diff", old, new)
    assert "regressed" in term.stdout and "structure.plans" in term.stdout


def test_diff_same_file_is_clean_and_unreadable_is_2(tmp_path):
    same = run("diff", "fixtures/reports/province-2024.txt", "fixtures/reports/province-2024.txt",
               "--format", "json")
    d = json.loads(same.stdout)
    assert not d["regressed"] and not d["improved"] and d["delta"] == 0
    assert same.returncode == (0 if d["new"]["gate"]["passed"] else 1)
    missing = run("diff", "fixtures/reports/province-2024.txt", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1


def test_batch_spool_files_rotate_and_are_removed(monkeypatch, tmp_path):
    """Pool workers send back where their spool holds each report; with a new spool
    file for every report the output is still jobs=1's, and no spool is left behind."""
    from lawcheck import batch
    monkeypatch.setattr(batch, "SPOOL_PART", 1)        # forked workers inherit it
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    inputs = [str(FIXTURES / n) for n in NAMES[:6]]
    outs = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}.jsonl"
        batch.run_batch(inputs, str(out), jobs=jobs, quiet=True, shared=False)
        outs[jobs] = out.read_bytes()
    assert outs[1] == outs[2]
    assert not list(tmp_path.glob("lawcheck-spool-*"))


def test_batch_in_this_process_gives_the_collector_back(tmp_path):
    """With one job the checks run in the caller's process under the batch's collector
    settings (batch._checking_gc); afterwards its thresholds and frozen objects are as
    they were, also when --previous starts the checks twice."""
    import gc

    from lawcheck import batch
    before = gc.get_threshold(), gc.get_freeze_count()
    inputs = [str(FIXTURES / n) for n in NAMES[:3]]
    batch.run_batch(inputs, str(tmp_path / "out.jsonl"), jobs=1, quiet=True, shared=False,
                    previous=str(ROOT / "fixtures" / "previous"))
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
