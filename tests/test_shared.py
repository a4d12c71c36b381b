"""Batch: passages shared across submissions (shared.py) and `--previous DIR` pairing.

fixtures/shared/: four invented town reports; three of them hold the same planted
paragraph of three sentences, lightly edited in weitang-xiang-2024 (设置→配备,
相关→有关, 开展→进行, 镇村→乡村); liuxi-town-2024 holds none of it."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES

SHARED = FIXTURES / "shared"
PLANTED = ("村社法治驿站", "一案一档一回访", "法治赶集")
HOLDERS = {"heting-town-2024.txt", "songao-street-2024.txt", "weitang-xiang-2024.txt"}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawcheck.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def shared_jsonl(tmp_path_factory):
    out = tmp_path_factory.mktemp("shared") / "out.jsonl"
    proc = run("batch", SHARED, "--out", out, "--jobs", "2")
    assert proc.returncode in (0, 1), proc.stderr
    return proc, {o["file"].rsplit("/", 1)[-1]: o
                  for o in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def test_planted_paragraph_forms_three_clusters_over_three_reports(shared_jsonl):
    proc, objs = shared_jsonl
    for name, o in objs.items():
        if name in HOLDERS:
            texts = [p["text"] for p in o["shared_passages"]]
            # one shared passage per planted sentence, nothing else
            assert len(texts) == 3 and all(any(w in t for t in texts) for w in PLANTED), texts
            for p in o["shared_passages"]:
                assert sorted(f.rsplit("/", 1)[-1] for f in p["also_in"]) == sorted(HOLDERS - {name})
                assert p["also_in_count"] == 2
                assert o["shared_share"] > 0.2
        else:
            assert o["shared_passages"] == [] and o["shared_share"] == 0.0
    assert "shared   3 passages in two or more reports; 3 reports hold one" in proc.stdout


def test_light_edits_are_found_where_exact_keys_differ(shared_jsonl):
    from lawcheck.passages import key_of
    _, objs = shared_jsonl
    edited = {p["text"] for p in objs["weitang-xiang-2024.txt"]["shared_passages"]}
    original = {p["text"] for p in objs["heting-town-2024.txt"]["shared_passages"]}
    assert not {key_of(t, False) for t in edited} & {key_of(t, False) for t in original}
    # and the lines are this report's own
    lines = (SHARED / "weitang-xiang-2024.txt").read_text(encoding="utf-8").splitlines()
    for p in objs["weitang-xiang-2024.txt"]["shared_passages"]:
        assert p["text"][:10].replace("(", "（").replace(")", "）") in lines[p["line"] - 1] or \
            p["text"][:6] in lines[p["line"] - 1]


def test_index_clusters_and_memory_are_compact():
    from lawcheck.read import read_path
    from lawcheck.shared import Index, signature
    ix = Index()
    names = sorted(p.name for p in SHARED.iterdir())
    for n in names:
        doc = read_path(str(SHARED / n))
        ix.add(signature(doc.lines, doc.chars))
    ix.add(None)                                   # an unreadable file keeps its place
    ix.solve()
    clusters = ix.clusters()
    holders = {names.index(n) for n in HOLDERS}
    assert len(clusters) == 3 and all(set(ds) == holders for ds in clusters.values())
    assert ix.found(names.index("liuxi-town-2024.txt")) is None and ix.found(len(names)) is None

    assert ix.nbytes <= 122 * len(ix.line) + 16 * (len(names) + 1) + 8     # 122 bytes a passage, no text


def test_csv_and_html_outputs(tmp_path):
    out = tmp_path / "out.csv"
    run("batch", SHARED, "--out", out, "-q")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = {r["file"].rsplit("/", 1)[-1]: r for r in csv.DictReader(fh)}
    assert float(rows["heting-town-2024.txt"]["shared_share"]) > 0.2
    assert rows["liuxi-town-2024.txt"]["shared_share"] == "0"
    page = tmp_path / "out.html"
    run("batch", SHARED, "--out", page, "-q")
    html = page.read_text(encoding="utf-8")
    section = html.split('id="shared-h"', 1)[1]
    assert section.count("<tr data-cluster=") == 3
    assert all(w in section for w in PLANTED) and "liuxi-town-2024" not in section
    plain = tmp_path / "plain.csv"
    run("batch", SHARED, "--out", plain, "-q", "--no-shared")
    assert "shared_share" not in plain.read_text(encoding="utf-8-sig")


def test_batch_previous_pairs_by_issuer_and_year_not_file_names(tmp_path):
    cur, prev = tmp_path / "2024", tmp_path / "2023"
    cur.mkdir()
    prev.mkdir()
    shutil.copy(FIXTURES / "previous" / "tanchuan-county-2024-some.txt", cur / "x1.txt")
    shutil.copy(SHARED / "liuxi-town-2024.txt", cur / "x2.txt")
    shutil.copy(FIXTURES / "previous" / "tanchuan-county-2023.txt", prev / "a.txt")
    shutil.copy(FIXTURES / "previous" / "tanchuan-county-2024-all.txt", prev / "b.txt")  # wrong year
    out = tmp_path / "out.jsonl"
    proc = run("batch", cur, "--out", out, "--previous", prev, "--no-shared")
    assert proc.returncode in (0, 1), proc.stderr
    objs = {o["file"].rsplit("/", 1)[-1]: o for o in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    paired = objs["x1.txt"]["previous"]
    assert paired["file"].endswith("a.txt") and paired["year"] == 2023
    assert [c["status"] for c in paired["problems"]] == ["addressed", "mentioned", "not_addressed"]
    assert next(i for i in objs["x1.txt"]["items"]
                if i["id"] == "structure.prior_rectification")["status"] == "weak"
    assert "previous" not in objs["x2.txt"]
    assert any("no report of “榴溪镇” for 2023" in w for w in objs["x2.txt"]["warnings"])
    assert "previous 1 paired with the previous year's report of the same issuer, 1 without" in proc.stdout
    assert "no previous report:" in proc.stdout and "x2.txt" in proc.stdout
    bad = run("batch", cur, "--out", out, "--previous", tmp_path / "nowhere")
    assert bad.returncode == 2 and "--previous" in bad.stderr


def test_a_traditional_copy_is_the_same_passage(tmp_path):
    """Passages are compared on the folded text (chars.py): a submission converted to
    traditional characters still shares the planted paragraph; its evidence text is
    folded (simplified) but its lines are its own."""
    import opencc
    for name in ("heting-town-2024.txt", "liuxi-town-2024.txt"):
        shutil.copy(SHARED / name, tmp_path / name)
    trad = opencc.OpenCC("s2t").convert((SHARED / "songao-street-2024.txt").read_text(encoding="utf-8"))
    (tmp_path / "songao-trad.txt").write_text(trad, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run("batch", tmp_path, "--out", out, "-q")
    objs = {o["file"].rsplit("/", 1)[-1]: o for o in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert len(objs["songao-trad.txt"]["shared_passages"]) == 3
    assert {p["line"] for p in objs["songao-trad.txt"]["shared_passages"]} == {9}
    assert all(p["also_in"][0].endswith("heting-town-2024.txt")
               for p in objs["songao-trad.txt"]["shared_passages"])
