"""Output formats for CI: SARIF validates against the 2.1.0 schema, JUnit is well-formed
XML with one test case per item, GitHub workflow commands are well-formed and escaped,
Markdown/CSV/HTML carry the verdicts. All deterministic."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lawcheck.check import check_path
from lawcheck.model import Evidence, Failure, ItemResult, Report
from lawcheck.render import renderer
from lawcheck.render.github import escape_data, escape_property
from lawcheck.score import GatePolicy

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "reports"
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared/schemas/sarif-schema-2.1.0.json"


def _rel(p: Path) -> str:
    return str(p.relative_to(ROOT)).replace("\\", "/")


@pytest.fixture(scope="module")
def reports(pack, monkeypatch_module):
    monkeypatch_module.chdir(ROOT)
    return [check_path(_rel(p), pack) for p in sorted(FIXTURES.glob("*.txt"))]


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def _bad(report: Report) -> list[ItemResult]:
    return [it for it in report.items if it.applicable and it.status != "pass"]


# ---------------------------------------------------------------- SARIF

def test_sarif_validates_against_the_schema(reports):
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"{SARIF_SCHEMA} not present")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    fail = Failure(file="fixtures/reports/broken.docx", error="fixtures/reports/broken.docx: damaged")
    for batch in ([reports[0]], reports, reports + [fail]):
        log = json.loads(renderer("sarif").render(batch, single=len(batch) == 1))
        jsonschema.validate(log, schema, format_checker=jsonschema.FormatChecker())


def test_sarif_results_levels_and_locations(reports, pack):
    log = json.loads(renderer("sarif").render(reports, single=False))
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "lawcheck" and driver["version"] and driver["informationUri"]
    assert [r["id"] for r in driver["rules"]] == [it.id for it in pack.items]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"]
    expected = []
    for r in reports:
        for it in _bad(r):
            level = ("note" if it.status == "weak" else
                     "error" if it.severity == "error" else "warning")
            line = it.evidence[0].line if it.evidence else 1
            expected.append((r.file, it.id, level, line))
    got = [(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], res["ruleId"],
            res["level"], res["locations"][0]["physicalLocation"]["region"]["startLine"])
           for res in run["results"]]
    assert got == expected
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["message"]["text"]
        assert "\\" not in res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_sarif_is_deterministic(reports):
    a = renderer("sarif").render(reports, single=False)
    b = renderer("sarif").render(list(reports), single=False)
    assert a == b and "Time" not in a


# ---------------------------------------------------------------- JUnit

def test_junit_one_suite_per_report_one_case_per_item(reports, pack):
    fail = Failure(file="x/broken.pdf", error="x/broken.pdf: is not a PDF <&> \x01")
    root = ET.fromstring(renderer("junit").render(reports + [fail], single=False).encode("utf-8"))
    suites = root.findall("testsuite")
    assert len(suites) == len(reports) + 1
    for r, suite in zip(reports, suites):
        cases = suite.findall("testcase")
        assert len(cases) == len(pack.items) == len(r.items)
        assert [(c.get("classname"), c.get("name")) for c in cases] == [(it.group, it.id) for it in r.items]
        missing = [it.id for it in r.items if it.applicable and it.status == "missing"]
        failed = [c.get("name") for c in cases if c.find("failure") is not None]
        assert failed == missing
        assert all(c.find("failure").get("type") == "missing" for c in cases if c.find("failure") is not None)
        assert int(suite.get("failures")) == len(missing)
        weak = [c for c in cases if c.get("name") in {it.id for it in r.items if it.applicable and it.status == "weak"}]
        assert all(c.find("system-out") is not None for c in weak)
    last = suites[-1]
    assert last.get("errors") == "1" and last.find("testcase/error") is not None
    assert "<&>" in last.find("testcase/error").get("message")
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)


def test_junit_weak_fails_only_with_fail_on_weak(pack):
    path = "fixtures/reports/county-merged-2023.txt"
    plain = check_path(str(ROOT / path), pack)
    strict = check_path(str(ROOT / path), pack, GatePolicy(fail_on="weak"))
    n_weak = sum(1 for it in plain.items if it.applicable and it.status == "weak")
    assert n_weak
    for r, want in ((plain, 0), (strict, n_weak)):
        root = ET.fromstring(renderer("junit").render([r]).encode("utf-8"))
        assert len(root.findall(".//failure[@type='weak']")) == want
    explicit = ET.fromstring(renderer("junit").render([plain], fail_on="weak").encode("utf-8"))
    assert len(explicit.findall(".//failure[@type='weak']")) == n_weak


# ---------------------------------------------------------------- GitHub

COMMAND = re.compile(r"^::(error|warning|notice)( (file|line|title|col|endLine)=[^,:\r\n]*"
                     r"(,(file|line|title|col|endLine)=[^,:\r\n]*)*)?::[^\r\n]*$")


def test_github_commands_are_well_formed(reports):
    text = renderer("github").render(reports + [Failure("a,b:c.txt", "a,b:c.txt: 100% bad\nreally")],
                                     single=False)
    lines = text.splitlines()
    assert text.endswith("\n")
    for line in lines:
        assert COMMAND.match(line), line
    n_missing = sum(1 for r in reports for it in r.items if it.applicable and it.status == "missing")
    n_weak = sum(1 for r in reports for it in r.items if it.applicable and it.status == "weak")
    assert sum(1 for x in lines if x.startswith("::error ")) == n_missing + 1
    assert sum(1 for x in lines if x.startswith("::warning ")) == n_weak
    assert sum(1 for x in lines if x.startswith("::notice ")) == len(reports)
    assert "file=a%2Cb%3Ac.txt" in lines[-1] and "100%25 bad%0Areally" in lines[-1]


def test_github_escaping_rules():
    assert escape_data("50%\r\nx:y,z") == "50%25%0D%0Ax:y,z"
    assert escape_property("50%\r\nx:y,z") == "50%25%0D%0Ax%3Ay%2Cz"


# ---------------------------------------------------------------- Markdown, CSV, HTML

def test_markdown_tables(reports):
    r = next(x for x in reports if x.file.endswith("no-plans-2024.txt"))
    md = renderer("markdown").render([r])
    assert "grade **" in md and "gate ❌ failed" in md
    assert "| `structure.plans` ⛔ |" in md
    assert "| item | 名称 | reason | 建议 hint | line |" in md
    many = renderer("markdown").render(reports, single=False)
    assert many.count("\n### ") == len(reports)


def test_csv_row_per_report_with_status_columns(reports, pack):
    fail = Failure("x/broken.docx", "x/broken.docx: damaged")
    text = renderer("csv").render(reports + [fail], single=False)
    rows = list(csv.reader(io.StringIO(text)))
    head = rows[0]
    assert head[:8] == ["file", "score", "grade", "gate", "level", "year", "issuer", "error"]
    assert head[8:-3] == [it.id for it in pack.items]
    assert head[-3:] == ["missing_items", "weak_items", "hints"]
    assert len(rows) == len(reports) + 2
    for r, row in zip(reports, rows[1:]):
        assert row[0] == r.file and float(row[1]) == r.score and row[2] == r.grade
        assert row[3] == ("pass" if r.gate.passed else "fail")
        assert row[8:-3] == [it.status if it.applicable else "n/a" for it in r.items]
        missing = [it.id for it in r.items if it.applicable and it.status == "missing"]
        assert row[-3].split() == missing
    assert rows[-1][0] == "x/broken.docx" and rows[-1][7] == "x/broken.docx: damaged"


def test_html_single_report_page(reports):
    r = reports[0]
    page = renderer("html").render([r])
    assert page.startswith("<!DOCTYPE html>") and 'id="report"' in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "<link" not in page
    for it in r.items:
        assert it.id in page
    assert page == renderer("html").render([r])
    many = renderer("html").render(reports, single=False)
    assert 'id="ranking"' in many and 'id="heatmap"' in many and many.count('class="file report"') == len(reports)


def test_control_characters_do_not_break_xml():
    it = ItemResult(id="a.b", title="t\x0b", group="a", status="missing", weight=1, severity="error",
                    reasons=["bad \x00 char & <tag>"], evidence=[Evidence(line=3, section="s", text="\x1f")])
    from lawcheck.model import Gate
    r = Report(file="r.txt", profile="p", score=0, grade="E", gate=Gate(False, ["a.b is missing"]),
               items=[it], format="txt", encoding="utf-8", chars=1, year=None, issuer=None,
               level=None, title=None, sections=[])
    root = ET.fromstring(renderer("junit").render([r]).encode("utf-8"))
    assert root.find(".//failure").get("message") == "bad  char & <tag>"


def test_sarif_describes_the_pack_actually_used():
    """Results carry their rule's texts: no renderer reloads the national pack, so an item
    only a regional pack has (and a regional override) is described as that pack says."""
    import json as _json
    import subprocess as _sp
    import sys as _sys
    rep = FIXTURES / "county-merged-2023.txt"
    out = _sp.run([_sys.executable, "-m", "lawcheck.cli", str(rep), "--rules", "sichuan",
                   "--format", "sarif"], capture_output=True, text=True).stdout
    rules = {r["id"]: r for r in _json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert "审核签字" in rules["meta.leader_signoff"]["fullDescription"]["text"]
    assert rules["meta.leader_signoff"]["fullDescription"]["text"] != "主要负责人审核签字"
    assert "法治政府建设年度报告" in rules["meta.title"]["fullDescription"]["text"]
