"""`lawcheck CURRENT --previous PREVIOUS`: last year's problems and plans in this year's
report, the prior-rectification verdict judged against them, and copied passages.

Fixtures: fixtures/previous/ (an invented county, 檀川县): the 2023 report lists three
problems and four plan measures; four 2024 versions address all, some, none, or copy
about half of their text from 2023."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES

DIR = FIXTURES / "previous"
PREV = DIR / "tanchuan-county-2023.txt"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawcheck.cli", *map(str, args)],
                          capture_output=True, timeout=120)


def compared(name: str, pack):
    from lawcheck.check import analyse_path
    from lawcheck.previous import apply_comparison, compare
    cur, prev = analyse_path(str(DIR / name), pack), analyse_path(str(PREV), pack)
    apply_comparison(cur.report, compare(cur, prev, pack), pack, prev=prev.report)
    return cur.report


CASES = {
    # name: (problem statuses, plan statuses, prior_rectification)
    "tanchuan-county-2024-all.txt": (["addressed"] * 3, ["done"] * 4, "pass"),
    "tanchuan-county-2024-some.txt": (["addressed", "mentioned", "not_addressed"],
                                      ["done", "mentioned", "not_found", "not_found"], "weak"),
    "tanchuan-county-2024-none.txt": (["not_addressed"] * 3, ["not_found"] * 4, "missing"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_statuses_per_problem_and_plan_and_the_verdict(name, pack):
    problems, plans, verdict = CASES[name]
    r = compared(name, pack)
    p = r.previous
    assert [c.status for c in p.problems] == problems
    assert [c.status for c in p.plans] == plans
    assert [c.line for c in p.problems] == [19, 20, 21]          # lines of the 2023 report
    assert p.problems[0].text.startswith("行政执法队伍力量薄弱")
    item = r.item("structure.prior_rectification")
    assert item.status == verdict
    for c in p.problems + p.plans:
        # evidence is this year's text, for every status but the last
        assert bool(c.evidence) == (c.status not in ("not_addressed", "not_found"))
    if verdict != "pass":
        # the reasons name the problems that were not addressed
        assert "基层公共法律服务资源不足" in item.reasons[0]
    if verdict == "weak":
        assert "行政复议案件办理周期偏长" in item.reasons[0] and "仅提及" in item.reasons[0]
        assert "行政执法队伍力量薄弱" not in item.reasons[0]
    assert p.year == 2023 and p.issuer == "檀川县" and not r.warnings


def test_score_follows_the_new_verdict(pack):
    from lawcheck.check import check_path
    for name in CASES:
        plain = check_path(str(DIR / name), pack)
        r = compared(name, pack)
        if plain.item("structure.prior_rectification").status == r.item("structure.prior_rectification").status:
            assert r.score == plain.score
        else:
            assert r.score != plain.score


def test_copied_share_about_half(pack):
    """The copied version reuses four of 2023's achievement paragraphs (figures changed,
    one word added here and there) and its opening: 44% of its characters."""
    r = compared("tanchuan-county-2024-copied.txt", pack)
    cp = r.previous.copied
    assert cp.share == pytest.approx(0.45, abs=0.08)
    assert {x.line for x in cp.passages} == {3, 7, 9, 11}
    assert all(x.line == x.previous_line for x in cp.passages)
    # figures changed (5次 for 4次) and a word added (专项评查, 整改到位): still copied
    assert any("专项评查" in x.text for x in cp.passages)
    # the new paragraphs are not
    assert not any(x.line in (13, 15) for x in cp.passages)
    none = compared("tanchuan-county-2024-none.txt", pack).previous.copied
    assert none.share < 0.05


def test_json_contract_and_markdown_and_terminal():
    p = run(DIR / "tanchuan-county-2024-some.txt", "--previous", PREV, "--format", "json")
    assert p.returncode in (0, 1), p.stderr
    out = json.loads(p.stdout)
    prev = out["previous"]
    assert set(prev) == {"file", "year", "issuer", "problems", "plans", "copied"}
    assert set(prev["copied"]) == {"share", "passages"}
    for c in prev["problems"] + prev["plans"]:
        assert set(c) == {"text", "line", "status", "evidence"}
    assert {c["status"] for c in prev["problems"]} <= {"addressed", "mentioned", "not_addressed"}
    assert {c["status"] for c in prev["plans"]} <= {"done", "mentioned", "not_found"}
    for x in prev["copied"]["passages"]:
        assert set(x) == {"line", "previous_line", "text"}
    md = run(DIR / "tanchuan-county-2024-some.txt", "--previous", PREV, "-f", "markdown").stdout.decode()
    assert "上年度报告对照" in md and "| 21 | 基层公共法律服务资源不足" in md and "未见整改" in md
    term = run(DIR / "tanchuan-county-2024-some.txt", "--previous", PREV).stdout.decode()
    assert "上年度报告对照" in term and "未见整改" in term and "仅提及" in term
    html = run(DIR / "tanchuan-county-2024-some.txt", "--previous", PREV, "-f", "html").stdout.decode()
    section = html.split('id="previous-h"', 1)[1]
    assert section.count('<span class="st missing">') == 3 and "基层公共法律服务资源不足" in section


def test_without_previous_the_output_is_unchanged():
    p = run(DIR / "tanchuan-county-2024-some.txt", "--format", "json")
    assert "previous" not in json.loads(p.stdout)


def test_warnings_for_other_issuer_or_year(tmp_path):
    other = tmp_path / "other-2023.txt"
    other.write_text(PREV.read_text(encoding="utf-8").replace("檀川县", "苇塘县"), encoding="utf-8")
    p = run(DIR / "tanchuan-county-2024-all.txt", "--previous", other, "--format", "json")
    warnings = json.loads(p.stdout)["warnings"]
    assert any("issuers differ" in w for w in warnings)
    same_year = run(DIR / "tanchuan-county-2024-all.txt", "--previous",
                    DIR / "tanchuan-county-2024-none.txt", "--format", "json")
    warnings = json.loads(same_year.stdout)["warnings"]
    assert any("reports on 2024, not on 2023" in w for w in warnings)


def test_previous_in_any_format_and_usage_errors(tmp_path):
    # the previous report as UTF-16 and as markdown: same statuses
    u16 = tmp_path / "prev.txt"
    u16.write_bytes(PREV.read_text(encoding="utf-8").encode("utf-16"))
    md = tmp_path / "prev.md"
    shutil.copy(PREV, md)
    from helpers_formats import to_docx
    docx = to_docx(PREV.read_text(encoding="utf-8"), tmp_path / "prev.docx")
    for prev in (u16, md, docx):
        out = json.loads(run(DIR / "tanchuan-county-2024-some.txt", "--previous", prev,
                             "--format", "json").stdout)
        assert [c["status"] for c in out["previous"]["problems"]] == \
            ["addressed", "mentioned", "not_addressed"]
    two = run(DIR / "tanchuan-county-2024-all.txt", DIR / "tanchuan-county-2024-none.txt",
              "--previous", PREV)
    assert two.returncode == 2 and b"exactly one FILE" in two.stderr
    missing = run(DIR / "tanchuan-county-2024-all.txt", "--previous", tmp_path / "nope.txt")
    assert missing.returncode == 2 and b"--previous" in missing.stderr


def test_word_review_copy_carries_last_years_table(tmp_path):
    """The Word copy shows what became of each of last year's problems and plans, in one
    comment on the passage that reports the rectification."""
    docx = pytest.importorskip("docx")
    out = tmp_path / "review.docx"
    p = run(str(DIR / "tanchuan-county-2024-some.txt"), "--previous", str(PREV), "--format", "docx",
            "-o", str(out))
    assert p.returncode in (0, 1), p.stderr
    texts = [c.text for c in docx.Document(str(out)).comments]
    table = [t for t in texts if t.startswith("【上一年度对照】")]
    assert len(table) == 1
    lines = table[0].splitlines()
    assert sum("—— 已整改" in x for x in lines) == 1
    assert sum("—— 仅提及" in x for x in lines) >= 1
    assert sum("—— 未见整改" in x for x in lines) == 1
    # without --previous there is no such comment
    out2 = tmp_path / "plain.docx"
    run(str(DIR / "tanchuan-county-2024-some.txt"), "--format", "docx", "-o", str(out2))
    assert not any(c.text.startswith("【上一年度对照】") for c in docx.Document(str(out2)).comments)
