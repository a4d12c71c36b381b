"""The pack's `vocabulary:` (docs/rules.md, vocabulary): the word lists the judgement
reads are pack data with national defaults; a regional pack that `extends: national`
changes a list and the verdicts follow; `NAME:` replaces, `add_NAME:` appends."""
from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from lawcheck import vocabulary
from lawcheck.check import check_text
from lawcheck.rules import load_pack, validate_path

NATIONAL = ROOT / "rules" / "national.yaml"

# Two problems in words the national symptom list does not know (weak: no concrete
# symptom), and the national pack's own pass example (薄弱, 不足, 参差不齐, 不高, 不强).
UNKNOWN_SYMPTOMS = "三、存在的不足\n一是乡村法律服务覆盖面窄。二是行政执法信息化水平低。\n"
KNOWN_SYMPTOMS = ("三、存在的不足\n1.基层执法力量相对薄弱。执法人员配备不足,且专业素质参差不齐。\n"
                  "2.镇村干部法律意识不高。村干部学法意愿不强,用法能力不高。\n")
# Three digital-government terms in one sentence whose only action (迁入) is not a national
# concrete action: a general statement (weak) unless the pack counts 迁入 as one.
UNKNOWN_ACTION = "一、主要举措和成效\n推进执法数字化应用,执法人员全量迁入数字执法平台,案件全程掌上办。\n"
KNOWN_ACTION = "一、主要举措和成效\n推进执法数字化应用,执法人员全量入驻数字执法平台,案件全程线上办理。\n"


def pack_file(tmp_path: Path, body: str, name: str = "regional.yaml") -> Path:
    f = tmp_path / name
    f.write_text(textwrap.dedent(body), encoding="utf-8")
    assert validate_path(f) == [], [str(e) for e in validate_path(f)]
    return f


def verdict(text: str, pack, item: str) -> str:
    return check_text(text, pack).item(item).status.value


# ------------------------------------------------------------------ national defaults

def test_the_national_pack_gives_every_list_with_a_comment():
    text = NATIONAL.read_text(encoding="utf-8")
    block = text.split("\nvocabulary:\n", 1)[1].split("\nitems:\n", 1)[0].splitlines()
    given = [ln.split(":", 1)[0].strip() for ln in block if re.match(r"^  [a-z_]+:", ln)]
    assert given == vocabulary.names()
    for i, ln in enumerate(block):
        if re.match(r"^  [a-z_]+:", ln):
            assert block[i - 1].startswith("  # "), f"no comment above {ln[:40]}"


def test_the_schema_knows_exactly_the_declared_lists():
    schema = json.loads((ROOT / "src" / "lawcheck" / "schema" / "rule-pack.schema.json")
                        .read_text(encoding="utf-8"))
    enum = schema["properties"]["vocabulary"]["propertyNames"]["enum"]
    assert enum == vocabulary.names() + [vocabulary.ADD + n for n in vocabulary.names()]


def test_each_list_is_its_fragments_joined_into_the_template():
    v = load_pack().vocabulary
    for name in vocabulary.names():
        frags = v.lists[name]
        assert frags, name
        assert getattr(v, name).pattern == vocabulary.template(name).replace("{}", "|".join(frags))
    assert v.cause_start.pattern.startswith("(?<=[。;])[^。;]*(究其原因|")
    assert v.cause_opening.match("主要原因是编制有限") and not v.cause_opening.match("执法力量不足")


def test_an_empty_list_matches_nothing():
    v = vocabulary.Vocabulary.build({})
    for name in vocabulary.names():
        assert getattr(v, name).search("一是原因在于:有待加强,缺乏培训。下一步整改") is None, name


# ------------------------------------------------------------------ a regional pack changes a verdict

def test_adding_symptoms_makes_those_problems_specific(tmp_path):
    national = load_pack()
    assert verdict(UNKNOWN_SYMPTOMS, national, "quality.shortcomings_specific") == "weak"
    regional = load_pack(pack_file(tmp_path, """\
        pack: regional
        extends: national
        vocabulary:
          add_symptoms: [覆盖面窄, 水平低]
        """))
    assert verdict(UNKNOWN_SYMPTOMS, regional, "quality.shortcomings_specific") == "pass"
    # appended: the national symptoms still count
    assert verdict(KNOWN_SYMPTOMS, regional, "quality.shortcomings_specific") == "pass"


def test_replacing_symptoms_drops_the_national_ones(tmp_path):
    assert verdict(KNOWN_SYMPTOMS, load_pack(), "quality.shortcomings_specific") == "pass"
    regional = load_pack(pack_file(tmp_path, """\
        pack: regional
        extends: national
        vocabulary:
          symptoms: [覆盖面窄]
        """))
    res = check_text(KNOWN_SYMPTOMS, regional).item("quality.shortcomings_specific")
    assert res.status.value == "weak", res.reasons
    assert verdict(UNKNOWN_SYMPTOMS, regional, "quality.shortcomings_specific") == "weak"   # 1 of 2


def test_a_concrete_action_of_the_pack_makes_a_statement_substance(tmp_path):
    national = load_pack()
    assert verdict(UNKNOWN_ACTION, national, "governance.digital") == "weak"
    assert verdict(KNOWN_ACTION, national, "governance.digital") == "pass"
    added = load_pack(pack_file(tmp_path, """\
        pack: regional
        extends: national
        vocabulary:
          add_concrete_actions: [迁入]
        """))
    assert verdict(UNKNOWN_ACTION, added, "governance.digital") == "pass"
    emptied = load_pack(pack_file(tmp_path, """\
        pack: regional
        extends: national
        vocabulary:
          concrete_actions: []
        """, "emptied.yaml"))
    assert verdict(KNOWN_ACTION, emptied, "governance.digital") == "weak"


# ------------------------------------------------------------------ merge semantics

def test_replace_append_and_a_grandchild(tmp_path):
    pack_file(tmp_path, """\
        pack: province
        extends: national
        vocabulary:
          law_words: [法治, 依法]
          add_symptoms: [覆盖面窄]
        """, "province.yaml")
    v = load_pack(pack_file(tmp_path, """\
        pack: city
        extends: province.yaml
        vocabulary:
          add_law_words: [法律]
          add_symptoms: [水平低]
        """, "city.yaml")).vocabulary
    national = load_pack().vocabulary
    assert v.lists["law_words"] == ("法治", "依法", "法律")
    assert v.lists["symptoms"] == national.lists["symptoms"] + ("覆盖面窄", "水平低")
    assert v.lists["concrete_actions"] == national.lists["concrete_actions"]
    # a grandchild that replaces a list drops what its parents appended
    v = load_pack(pack_file(tmp_path, """\
        pack: town
        extends: city.yaml
        vocabulary:
          symptoms: [缺乏]
        """, "town.yaml")).vocabulary
    assert v.lists["symptoms"] == ("缺乏",) and v.symptoms.pattern == "(缺乏)"


def test_a_folder_applies_its_files_in_order(tmp_path):
    d = tmp_path / "pack"
    d.mkdir()
    pack_file(d, "pack: base\nextends: national\nvocabulary:\n  transition_openers: [一年来]\n",
              "10-base.yaml")
    pack_file(d, "pack: local\nvocabulary:\n  add_transition_openers: [同时]\n", "20-local.yaml")
    assert load_pack(d).vocabulary.transition_openers.pattern == "^(一年来|同时)"


def test_a_pack_without_extends_judges_with_the_national_lists(tmp_path):
    alone = pack_file(tmp_path, """\
        pack: alone
        vocabulary:
          add_symptoms: [覆盖面窄]
          law_words: [法治]
        items:
          - id: quality.specific
            title: 问题具体
            group: quality
            weight: 1
            severity: info
            check: specific
            hint: {weak: 写明具体表现。, missing: 写明问题。}
            examples:
              - expect: weak
                text: |
                  三、存在的不足
                  一是服务覆盖面窄。
        """)
    v, national = load_pack(alone).vocabulary, load_pack().vocabulary
    assert v.lists["symptoms"] == national.lists["symptoms"] + ("覆盖面窄",)
    assert v.lists["law_words"] == ("法治",)
    assert v.lists["stock_phrases"] == national.lists["stock_phrases"]


def test_a_level_pack_keeps_the_vocabulary():
    pack = load_pack()
    assert pack.for_level("department") is not pack
    assert pack.for_level("department").vocabulary is pack.vocabulary


@pytest.mark.parametrize("body", [
    "vocabulary: {add_symptom: [x]}",          # an unknown list, appended to
    "vocabulary: {symptoms: [[x]]}",           # a fragment that is not a string
])
def test_other_malformed_vocabularies_are_rejected(tmp_path, body):
    f = tmp_path / "p.yaml"
    f.write_text(f"pack: p\nextends: national\n{body}\n", encoding="utf-8")
    errors = validate_path(f)
    assert errors and all(e.line == 3 for e in errors), [str(e) for e in errors]
    if "add_symptom:" in body:
        assert "did you mean 'add_symptoms'" in errors[0].hint


# ------------------------------------------------------------------ the outline's lists

MERGED = ("一、主要举措和成效\n全年办理案件20件。\n二、存在的问题及下一步打算\n执法力量不足,复议纠错率偏高。\n"
          "{lead}充实执法力量,开展复议案件分析。\n")


def _plan_roles(text: str, pack) -> list[str]:
    report = check_text(text, pack)
    return [s.role for s in report.sections]


def test_plan_lead_ins_are_pack_data_the_outline_reads(tmp_path):
    """The merged part is split where the plans begin (`plan_lead`): the national lead-ins
    know 下一步 but not 接下来; a regional pack that adds it gets the same split."""
    national = load_pack()
    assert "plans" in _plan_roles(MERGED.format(lead="下一步,"), national)
    assert "plans" not in _plan_roles(MERGED.format(lead="接下来,"), national)
    f = pack_file(tmp_path, """\
        pack: regional
        extends: national
        vocabulary:
          add_plan_lead: [接下来]
          add_plan_split: [接下来]
        """)
    assert "plans" in _plan_roles(MERGED.format(lead="接下来,"), load_pack(str(f)))
