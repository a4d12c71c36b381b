"""Rule packs as a rule author uses them: extends/remove/override, the bundled Sichuan
pack, level profiles (--level), configuration files, the deadline check, and every
bundled pack's own examples (`lawcheck rules test`, one pytest case per example)."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from lawcheck.check import check_path, check_text
from lawcheck.model import ItemResult
from lawcheck.rules import bundled_dir, bundled_packs, load_pack, resolve_pack_path
from lawcheck.ruletest import run_examples
from lawcheck.score import apply_profile, score

REPORTS = FIXTURES / "reports"
EXAMPLE_PACKS = sorted((ROOT / "docs" / "examples").glob("*.yaml"))


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawcheck.cli", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd)


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# ------------------------------------------------------------------ every example of every pack

def _all_examples():
    out = []
    packs = [(name, name) for name in bundled_packs()] + \
        [(f"docs/examples/{p.name}", str(p)) for p in EXAMPLE_PACKS]
    for label, ref in packs:
        pack = load_pack(ref)
        for it in pack.items:
            for i, _ex in enumerate(it.examples):
                out.append(pytest.param(ref, it.id, i, id=f"{label}:{it.id}#{i + 1}"))
    return out


@pytest.mark.parametrize("ref,item_id,index", _all_examples())
def test_rule_example(ref, item_id, index):
    """`lawcheck rules test`, as pytest: a failure names the pack, the rule and the example."""
    pack = load_pack(ref)
    it = pack.item(item_id)
    ex = it.examples[index]
    report = check_text(ex.text, pack, level=ex.level, name=f"{item_id}#{index + 1}")
    res = report.item(item_id)
    assert res.status == ex.expect, (
        f"{ex.file or it.source}:{ex.line}: {item_id} example {index + 1} expected {ex.expect}, "
        f"got {res.status}: {'; '.join(res.reasons)}")


def _example_packs():
    return [pytest.param(ref, id=label) for label, ref in
            [(name, name) for name in bundled_packs()] +
            [(f"docs/examples/{p.name}", str(p)) for p in EXAMPLE_PACKS]]


@pytest.mark.parametrize("ref", _example_packs())
def test_every_item_has_an_example_of_every_verdict(ref):
    """Every check type can give pass, weak and missing (docs/rules.md, Examples), so
    every item of a bundled pack shows each verdict in an example; a gap names the item
    and the verdict. `rules validate` reports the same gaps as warning LC213."""
    from lawcheck.rules import VERDICTS, example_gaps
    pack = load_pack(ref)
    gaps = [f"{it.id}: no example expects {v}" for it in pack.items for v in VERDICTS
            if v not in {ex.expect for ex in it.examples}]
    assert not gaps, f"{ref}: items without an example of a verdict:\n" + "\n".join(gaps)
    assert example_gaps(pack) == []
    p = cli("rules", "validate", "--strict", str(resolve_pack_path(ref)))
    assert p.returncode == 0 and "LC213" not in p.stderr, p.stderr


def test_bundled_packs_are_found_by_name():
    packs = bundled_packs()
    assert {"national", "sichuan"} <= set(packs)
    assert packs["sichuan"] == bundled_dir() / "regional" / "sichuan.yaml"
    for name in ("sichuan", "regional/sichuan", "regional/sichuan.yaml", "national"):
        assert resolve_pack_path(name).is_file(), name
    assert load_pack("sichuan").name == load_pack("regional/sichuan").name == "sichuan"


def test_rules_test_command_passes_for_every_bundled_pack():
    for ref in list(bundled_packs()) + [str(p) for p in EXAMPLE_PACKS]:
        p = cli("rules", "test", ref)
        assert p.returncode == 0, p.stdout + p.stderr
        assert " 0 failed" in p.stdout


def test_rule_whose_terms_never_match_its_examples_fails_rules_test(tmp_path):
    f = write(tmp_path / "dead.yaml", """\
        pack: dead
        items:
          - id: extra.dead
            title: 从不命中
            group: extra
            weight: 1
            severity: info
            check: presence
            terms: [量子纠缠执法]
            examples:
              - expect: pass
                text: |
                  一、主要举措和成效
                  全年公示行政处罚信息120条,执法公示率100%。
            hint: {weak: 写明做法。, missing: 补写内容。}
        """)
    results = run_examples(load_pack(f))
    assert [(r.item, r.expect, r.got) for r in results] == [("extra.dead", "pass", "missing")]
    p = cli("rules", "test", str(f))
    assert p.returncode == 1
    assert f"FAIL extra.dead example 1 ({f}:11)" in p.stdout
    assert "0 passed, 1 failed" in p.stdout


def test_pyproject_ships_every_bundled_rule_file():
    """After a plain `pip install .` the packs are package data of lawcheck._rules."""
    import fnmatch
    import tomllib
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert conf["package-dir"]["lawcheck._rules"] == "rules"
    assert "lawcheck._rules" in conf["packages"]
    globs = conf["package-data"]["lawcheck._rules"]
    files = [p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*.yaml")]
    assert "regional/sichuan.yaml" in files
    for rel in files:
        assert any(fnmatch.fnmatch(rel, g) and rel.count("/") == g.count("/") for g in globs), rel



def test_pyproject_lists_every_folder_that_ships_files():
    """Each folder of the installed package that holds a file (code or data) is listed in
    `packages`: setuptools warns about a folder of package data that is not a package (and
    says it may stop shipping it), so a new locale or data folder must be added there."""
    import tomllib
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    roots = {"lawcheck": ROOT / "src" / "lawcheck", "lawcheck._rules": ROOT / "rules"}
    folders = set()
    for name, root in roots.items():
        for f in root.rglob("*"):
            if f.is_file() and "__pycache__" not in f.parts:
                folders.add(".".join([name, *f.parent.relative_to(root).parts]))
    assert {"lawcheck.data", "lawcheck._rules.regional", "lawcheck.schema"} <= folders
    assert sorted(folders - set(conf["packages"])) == []
    assert sorted(set(conf["packages"]) - folders) == []     # and nothing stale

# ------------------------------------------------------------------ extends / remove / override

def test_extends_remove_override_add(tmp_path):
    f = write(tmp_path / "mine.yaml", """\
        pack: mine
        extends: national
        remove: [disputes.reconsideration]
        deadlines:
          department: {month: 3, day: 1}
        override:
          governance.emergency:
            weight: 7
            add_terms: [防汛演练]
          meta.title:
            options: {required_phrase: 法治政府建设年度报告}
        items:
          - id: extra.archive
            title: 档案
            group: extra
            weight: 1
            severity: info
            check: presence
            terms: [档案管理]
            examples:
              - expect: pass
                text: |
                  一、主要举措和成效
                  规范执法档案管理,全年归档案卷120卷。
            hint: {weak: 写明档案管理的做法和数据。, missing: 在成效部分补写档案管理工作。}
        """)
    national, mine = load_pack(), load_pack(f)
    ids = [it.id for it in mine.items]
    assert "disputes.reconsideration" not in ids
    assert ids[-1] == "extra.archive"
    assert len(ids) == len(national.items)            # one removed, one added
    em = mine.item("governance.emergency")
    assert em.weight == 7 and "防汛演练" in em.terms
    assert set(national.item("governance.emergency").terms) < set(em.terms)
    assert national.item("governance.emergency").weight != 7     # the parent is untouched
    assert mine.item("meta.title").options == {"field": "title",
                                               "required_phrase": "法治政府建设年度报告"}
    assert mine.deadlines["department"] == (3, 1) and mine.deadlines["default"] == (4, 1)
    assert mine.profiles["town"].not_applicable == ("disputes.reconsideration",)   # inherited
    assert str(tmp_path / "mine.yaml") in mine.sources[-1]


def test_extends_a_relative_file_and_circular_extends(tmp_path):
    write(tmp_path / "base.yaml", "pack: base\nextends: national\noverride:\n  governance.digital: {weight: 9}\n")
    write(tmp_path / "child.yaml", "pack: child\nextends: base.yaml\n")
    assert load_pack(tmp_path / "child.yaml").item("governance.digital").weight == 9
    write(tmp_path / "a.yaml", "pack: a\nextends: b.yaml\n")
    write(tmp_path / "b.yaml", "pack: b\nextends: a.yaml\n")
    from lawcheck.rules import validate_path
    codes = {e.code for e in validate_path(tmp_path / "a.yaml")}
    assert "LC210" in codes


# ------------------------------------------------------------------ the Sichuan pack

def _late_department(tmp_path: Path, date: str = "2025年3月15日") -> Path:
    text = (REPORTS / "department-2024.txt").read_text(encoding="utf-8")
    assert "2025年2月25日" in text
    out = tmp_path / "department-2024-late.txt"
    out.write_text(text.replace("2025年2月25日", date), encoding="utf-8")
    return out


def test_sichuan_gives_different_verdicts_than_national(tmp_path):
    report = _late_department(tmp_path)
    nat = check_path(str(report), load_pack())
    sc = check_path(str(report), load_pack("sichuan"))
    assert nat.level == sc.level == "department"
    # 3月15日: within the national 4月1日, after Sichuan's 3月1日 for departments
    assert nat.item("meta.deadline").status == "pass"
    d = sc.item("meta.deadline")
    assert d.status == "weak"
    assert "2025年3月15日" in d.reasons[0] and "2025年3月1日" in d.reasons[0]
    assert d.evidence and d.evidence[0].section == "(落款)"
    # title 「…年度法治政府建设情况报告」 lacks the fixed name 「法治政府建设年度报告」
    assert nat.item("meta.title").status == "pass"
    t = sc.item("meta.title")
    assert t.status == "weak" and "法治政府建设年度报告" in t.reasons[-1]
    assert sc.item("meta.leader_signoff").status == "missing"
    assert sc.item("meta.title").weight == 4                 # overridden weight
    assert sc.profile == "sichuan" and nat.profile == "national"
    assert sc.score < nat.score


def test_sichuan_leader_signoff_and_province_deadline(tmp_path):
    text = (REPORTS / "province-2024.txt").read_text(encoding="utf-8")
    body, _, _ = text.rpartition("江澜省人民政府")
    f = tmp_path / "province.txt"
    f.write_text(body + "本报告经省委书记、省长审核签字。\n江澜省人民政府\n2025年3月20日\n", encoding="utf-8")
    sc = check_path(str(f), load_pack("sichuan"))
    assert sc.level == "province"
    assert sc.item("meta.deadline").status == "pass"          # the province has until 4月1日
    assert sc.item("meta.leader_signoff").status == "pass"


def test_rules_option_takes_a_bundled_name(tmp_path):
    report = _late_department(tmp_path)
    for ref in ("sichuan", "regional/sichuan"):
        p = cli(str(report), "--rules", ref, "--format", "json")
        assert p.returncode in (0, 1), p.stderr
        out = json.loads(p.stdout)
        assert out["profile"] == "sichuan"
        assert {it["id"]: it["status"] for it in out["items"]}["meta.deadline"] == "weak"


# ------------------------------------------------------------------ deadline check

TOWN = "南山镇2024年法治政府建设工作报告\n一、主要举措和成效\n{body}\n南山镇人民政府\n{date}\n"


@pytest.mark.parametrize("date,body,status,words", [
    ("2025年1月20日", "全年办理案件20件。", "pass", "在报送时限2025年4月1日之前"),
    ("2025年4月1日", "全年办理案件20件。", "pass", "之前"),
    ("2025年4月2日", "全年办理案件20件。", "weak", "超期1天"),
    ("2024年12月12日", "全年办理案件20件。", "weak", "年度结束之前"),
    ("2024年12月12日", "截止到11月底,全年办理案件20件。", "pass", "数据口径"),
    ("2024年12月12日", "预计全年办理案件20件。", "pass", "数据口径"),
    ("2023年12月12日", "全年办理案件20件。", "weak", "早于报告年度"),
    ("二〇二五年三月一日", "全年办理案件20件。", "pass", "2025年3月1日"),
])
def test_deadline_window(date, body, status, words):
    r = check_text(TOWN.format(body=body, date=date), load_pack())
    res = r.item("meta.deadline")
    assert (res.status, r.year) == (status, 2024), res.reasons
    assert words in res.reasons[0]


def test_deadline_missing_without_date():
    r = check_text("南山镇2024年法治政府建设工作报告\n一、主要举措和成效\n全年办理案件20件。\n南山镇人民政府\n",
                   load_pack())
    assert r.item("meta.deadline").status == "missing"


def test_deadline_uses_the_level_then_default(tmp_path):
    f = write(tmp_path / "dl.yaml", "pack: dl\nextends: national\ndeadlines:\n  town: {month: 2, day: 1}\n")
    pack = load_pack(f)
    text = TOWN.format(body="全年办理案件20件。", date="2025年2月10日")
    assert check_text(text, pack).item("meta.deadline").status == "weak"            # town: 2月1日
    assert check_text(text, pack, level="county").item("meta.deadline").status == "pass"   # default


# ------------------------------------------------------------------ profiles and --level

def test_not_applicable_items_do_not_count():
    items = [ItemResult(id="a.one", title="a", group="a", status="pass", weight=6, severity="warning"),
             ItemResult(id="disputes.reconsideration", title="复议", group="disputes", status="missing",
                        weight=4, severity="warning")]
    assert score(items) == 60.0
    used = apply_profile(items, load_pack(), "town")
    assert used == "town"
    assert items[1].applicable is False
    assert score(items) == 100.0
    assert apply_profile(items, load_pack(), None) is None


def test_town_profile_on_a_real_report():
    town = check_path(str(REPORTS / "town-short-2024.txt"))
    assert town.level == "town" and town.level_profile == "town"
    rec = town.item("disputes.reconsideration")
    assert rec.applicable is False
    assert town.item("review.normative_documents").weight == 2          # profile weight
    forced = check_path(str(REPORTS / "town-short-2024.txt"), level="county")
    assert forced.level_profile == "county"
    assert forced.item("disputes.reconsideration").applicable is True
    assert forced.score != town.score


def test_level_option_forces_the_profile():
    report = str(REPORTS / "town-short-2024.txt")
    auto = json.loads(cli(report, "--format", "json").stdout)
    forced = json.loads(cli(report, "--format", "json", "--level", "county").stdout)
    assert auto["level_profile"] == "town" and forced["level_profile"] == "county"
    assert forced["document"]["level"] == "county"
    na = {it["id"] for it in auto["items"] if it.get("applicable") is False}
    assert na == {"disputes.reconsideration"}
    assert not any(it.get("applicable") is False for it in forced["items"])
    term = cli(report, "--level", "county").stdout
    assert "profile national/county" in term


def test_rules_show_prints_profile_effects():
    p = cli("rules", "show", "disputes.reconsideration")
    assert p.returncode == 0 and "profile  town: not applicable" in p.stdout
    p = cli("rules", "show", "governance.emergency")
    assert "profile  town: weight 2" in p.stdout and "profile  department: weight 1" in p.stdout
    p = cli("rules", "show", "meta.deadline", "--rules", "sichuan")
    assert "department 3月1日" in p.stdout and "province 4月1日" in p.stdout


# ------------------------------------------------------------------ configuration files

def test_lawcheck_yaml_is_found_and_names_a_bundled_pack(tmp_path, monkeypatch):
    from lawcheck.cli import load_rules
    from lawcheck.config import find_config
    write(tmp_path / "lawcheck.yaml", "rules: sichuan\nlevel: department\nfail_under: 99\n")
    sub = tmp_path / "drafts"
    sub.mkdir()
    monkeypatch.chdir(sub)                           # found from a sub-folder too
    cfg = find_config(Path.cwd())
    assert cfg is not None and cfg.path == tmp_path / "lawcheck.yaml"
    assert cfg.level == "department" and cfg.fail_under == 99
    assert load_rules(None).name == "sichuan"
    report = _late_department(tmp_path)
    p = cli(str(report), "--format", "json", cwd=sub)
    out = json.loads(p.stdout)
    assert out["profile"] == "sichuan" and out["level_profile"] == "department"
    assert p.returncode == 1                          # fail_under 99 from the file
    p = cli(str(report), "--format", "json", "--rules", "national", "--fail-under", "0", cwd=sub)
    assert json.loads(p.stdout)["profile"] == "national" and p.returncode == 0   # options win


def test_pyproject_tool_section_with_a_relative_pack(tmp_path, monkeypatch):
    from lawcheck.cli import load_rules
    from lawcheck.config import find_config
    (tmp_path / "packs").mkdir()
    write(tmp_path / "packs" / "local.yaml",
          "pack: local\nextends: national\noverride:\n  governance.digital: {weight: 5}\n")
    write(tmp_path / "pyproject.toml", """\
        [project]
        name = "reports"

        [tool.lawcheck]
        rules = "packs/local.yaml"
        level = "town"
        fail_on = "missing"
        """)
    monkeypatch.chdir(tmp_path)
    cfg = find_config(Path.cwd())
    assert cfg.path == tmp_path / "pyproject.toml"
    assert cfg.rules == (tmp_path / "packs" / "local.yaml").resolve()
    assert cfg.level == "town" and cfg.fail_on == "missing"
    pack = load_rules(None)
    assert pack.name == "local" and pack.item("governance.digital").weight == 5


def test_a_bad_config_file_is_a_one_line_error(tmp_path):
    write(tmp_path / "lawcheck.yaml", "rulez: sichuan\n")
    p = cli(str(REPORTS / "town-short-2024.txt"), cwd=tmp_path)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "unknown configuration key 'rulez'" in p.stderr


# ------------------------------------------------------------------ the rule-author's guide

def test_guide_documents_every_schema_key_and_error_code():
    import re
    schema = json.loads((ROOT / "src" / "lawcheck" / "schema" / "rule-pack.schema.json")
                        .read_text(encoding="utf-8"))
    guide = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    defs = schema["$defs"]
    keys = set(schema["properties"]) | set(defs["item"]["properties"]) | \
        set(defs["override"]["properties"]) | set(defs["example"]["properties"]) | \
        set(schema["properties"]["roles"]["properties"]) | {"description", "not_applicable", "weights",
                                                             "month", "day", "headings", "not"}
    undocumented = sorted(k for k in keys if f"`{k}`" not in guide and f"`{k}:" not in guide
                          and f"{k}:" not in guide and f"`roles.{k}`" not in guide)
    assert not undocumented, undocumented
    for check in defs["item"]["properties"]["check"]["enum"]:
        assert f"| `{check}` |" in guide, check
    codes = set(re.findall(r"LC\d{3}", (ROOT / "src" / "lawcheck" / "rules.py").read_text(encoding="utf-8")))
    assert codes and all(f"| {c} |" in guide for c in codes), sorted(c for c in codes if f"| {c} |" not in guide)


# ------------------------------------------------------------------ what an item means per level

def test_department_profile_gives_reconsideration_its_respondent_meaning():
    pack = load_pack()
    assert pack.for_level("county") is pack and pack.for_level(None) is pack
    dept = pack.for_level("department")
    assert dept is pack.for_level("department")                 # built once
    assert "复议答复" in dept.item("disputes.reconsideration").terms
    assert "复议答复" not in pack.item("disputes.reconsideration").terms   # the pack is untouched
    text = "一、主要举措和成效\n依法履行行政复议决定3件,按期提交复议答复书5份。\n"
    assert check_text(text, pack, level="department").item("disputes.reconsideration").status == "pass"
    county = check_text("一、主要举措和成效\n依法履行行政复议决定3件。\n", pack, level="county")
    assert county.item("disputes.reconsideration").status == "weak"     # a government decides cases
    slogan = check_text("一、主要举措和成效\n尊重并执行行政复议决定。\n", pack, level="department")
    assert slogan.item("disputes.reconsideration").status == "weak"
    assert slogan.item("disputes.reconsideration").weight == 2


def test_profile_examples_run_at_their_level():
    results = [r for r in run_examples(load_pack()) if r.item == "disputes.reconsideration"]
    assert results and all(r.ok for r in results)
    assert len(results) > len(load_pack().item("disputes.reconsideration").examples)


def test_profile_override_of_an_unknown_item_is_an_error(tmp_path):
    f = write(tmp_path / "bad.yaml", """\
        pack: bad
        extends: national
        profiles:
          department:
            override:
              disputes.reconsideratoin:
                add_terms: [复议答复]
        """)
    p = cli("rules", "validate", str(f))
    assert p.returncode == 2 and "LC208" in (p.stdout + p.stderr)


def test_rules_show_prints_a_profile_meaning():
    p = cli("rules", "show", "disputes.reconsideration")
    assert "profile  department: pass means 作为被申请人" in p.stdout
