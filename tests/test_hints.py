"""Reasons a drafter can act on: every weak or missing item carries a hint (one Chinese
sentence on what to add and where, rule data picked by the weakness cause), every output
format shows it, and reasons read as a reviewer would say them: natural counts, no
internal names, and no quotation the report does not contain."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lawcheck.check import check_path, check_text
from lawcheck.normalize import normalize
from lawcheck.render import renderer
from lawcheck.rules import load_pack
from lawcheck.zhtype import zh

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "fixtures" / "reports").glob("*.txt"))
CORPUS = sorted((ROOT.parent / "shared" / "corpus" / "reports").glob("*.txt"))


@pytest.fixture(scope="module")
def checked():
    """(path, pack name, report) for every fixture and corpus report, national and Sichuan."""
    out = []
    for name in ("national", "sichuan"):
        pack = load_pack(None if name == "national" else name)
        for p in REPORTS + CORPUS:
            out.append((p, name, check_path(str(p), pack)))
    return out


def _texts(path: Path) -> str:
    """The report's text as the checker reads it, normalised (quotes are of this text)."""
    from lawcheck.read import read_path
    return "\n".join(normalize(line) for line in read_path(str(path)).lines)


# ------------------------------------------------------------------ hints

def test_every_weak_and_missing_item_of_every_report_has_a_hint(checked):
    bare = [(p.name, pack, it.id, it.status) for p, pack, r in checked for it in r.items
            if it.status != "pass" and not it.hint.strip()]
    assert not bare
    passes = [(p.name, it.id) for p, _, r in checked for it in r.items
              if it.status == "pass" and it.to_dict().get("hint")]
    assert not passes


def test_a_hint_is_one_chinese_sentence(checked):
    for p, _pack, r in checked:
        for it in r.items:
            if it.status == "pass":
                continue
            h = it.hint
            assert h.endswith("。") and h.count("。") == 1, (p.name, it.id, h)
            assert len(re.findall(r"[\u4e00-\u9fff]", h)) >= 10, (p.name, it.id, h)
            assert not re.search(r"[a-z]+[._][a-z]+", h), (p.name, it.id, h)


def test_every_item_of_every_bundled_pack_has_both_hints():
    from lawcheck.rules import bundled_packs
    for name in bundled_packs():
        for it in load_pack(name).items:
            assert it.hint.get("weak") and it.hint.get("missing"), (name, it.id)


def _one(text: str, item_id: str, pack=None):
    r = check_text(textwrap.dedent(text), pack or load_pack())
    return r.item(item_id)


def test_the_judge_picks_the_hint_of_the_weakness_cause():
    pack = load_pack()
    umbrella = _one("""\
        一、主要举措和成效
        全面落实行政执法"三项制度",执法规范化水平不断提升。
        """, "enforcement.recording", pack)
    planned = _one("""\
        一、主要举措和成效
        全年办理案件20件。
        二、下一步打算
        为执法人员配齐执法记录仪,确保执法全过程记录。
        """, "enforcement.recording", pack)
    missing = _one("""\
        一、主要举措和成效
        全年调解纠纷30宗。
        """, "enforcement.recording", pack)
    hints = pack.item("enforcement.recording").hint
    assert umbrella.status == planned.status == "weak" and missing.status == "missing"
    assert umbrella.hint == zh(hints["because"]["umbrella"]) and "三项制度" in umbrella.hint
    assert planned.hint == zh(hints["because"]["scope"]) and "移到成效部分" in planned.hint
    assert missing.hint == zh(hints["missing"])
    # a cause without a sentence of its own falls back to hint.weak
    bare = _one("""\
        一、主要举措和成效
        我镇重视突发事件应对工作。
        """, "governance.emergency", pack)
    assert bare.status == "weak" and bare.hint == zh(pack.item("governance.emergency").hint["weak"])


def test_signature_hint_names_what_is_missing():
    pack = load_pack()
    no_date = _one("""\
        南山镇2024年法治政府建设情况报告
        一、主要举措和成效
        全年办理案件20件。
        南山镇人民政府
        """, "meta.signature", pack)
    assert no_date.status == "weak" and "成文日期" in no_date.hint
    assert no_date.hint == zh(pack.item("meta.signature").hint["because"]["no_date"])


def test_override_changes_a_hint_key_by_key(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text(textwrap.dedent("""\
        pack: mine
        extends: national
        override:
          enforcement.recording:
            hint:
              weak: 在成效部分写明执法记录仪的配备数量。
              because: {scope: 把执法记录仪的配备写进成效部分。}
        """), encoding="utf-8")
    national, mine = load_pack(), load_pack(f)
    old, new = national.item("enforcement.recording").hint, mine.item("enforcement.recording").hint
    assert new["weak"] == "在成效部分写明执法记录仪的配备数量。"
    assert new["missing"] == old["missing"]                         # kept
    assert new["because"]["umbrella"] == old["because"]["umbrella"]  # kept
    assert new["because"]["scope"] == "把执法记录仪的配备写进成效部分。"
    assert old["because"]["scope"] != new["because"]["scope"]       # the parent is untouched


def test_sichuan_hints_follow_its_rules():
    sc = load_pack("sichuan")
    assert sc.item("meta.leader_signoff").hint["missing"]
    assert "法治政府建设年度报告" in sc.item("meta.title").hint["because"]["unnamed"]
    r = _one("""\
        南山镇2024年法治政府建设工作报告
        2024年,我镇推进法治政府建设。现将有关情况报告如下:
        """, "meta.title", sc)
    assert r.status == "weak" and r.hint == zh(sc.item("meta.title").hint["because"]["unnamed"])


# ------------------------------------------------------------------ every format shows it

@pytest.fixture(scope="module")
def weak_report():
    return check_path(str(ROOT / "fixtures" / "reports" / "county-merged-2023.txt"), load_pack())


def test_every_format_carries_the_hints(weak_report):
    r = weak_report
    bad = [it for it in r.items if it.status != "pass" and it.applicable]
    assert bad
    hint = bad[0].hint
    fmt = {f: renderer(f).render([r], single=True) for f in
           ("json", "markdown", "html", "sarif", "github", "csv")}
    assert json.loads(fmt["json"])["items"][[i.id for i in r.items].index(bad[0].id)]["hint"] == hint
    for f in ("markdown", "github"):
        for it in bad:
            assert it.hint in fmt[f], (f, it.id)
    from html import escape
    for it in bad:
        assert escape(it.hint) in fmt["html"]
    sarif = json.loads(fmt["sarif"])["runs"][0]["results"]
    assert {x["ruleId"]: x["properties"]["hint"] for x in sarif} == {it.id: it.hint for it in bad}
    assert all("建议:" + x["properties"]["hint"] in x["message"]["text"] for x in sarif)
    rows = list(csv.DictReader(io.StringIO(fmt["csv"])))
    assert [row["id"] for row in rows] == [it.id for it in r.items]
    assert {row["id"]: row["hint"] for row in rows if row["hint"]} == {it.id: it.hint for it in bad}
    junit = ET.fromstring(renderer("junit").render([r], fail_on="weak"))
    failures = {c.get("name"): c.find("failure").text for c in junit.iter("testcase")
                if c.find("failure") is not None}
    assert all(f"hint: {it.hint}" in failures[it.id] for it in bad)


def test_terminal_prints_the_hint_of_weak_and_missing_items(weak_report):
    from lawcheck import i18n
    from lawcheck.render.terminal import print_reports
    buf = io.StringIO()
    i18n.set_lang("zh")                 # the Chinese view labels hints 建议：
    try:
        print_reports([weak_report], file=buf)
    finally:
        i18n.set_lang("en")
    flat = re.sub(r"\s+", "", buf.getvalue())
    for it in weak_report.items:
        if it.status != "pass":
            assert re.sub(r"\s+", "", "建议：" + it.hint) in flat, it.id


def test_rules_show_lists_the_hints():
    p = subprocess.run([sys.executable, "-m", "lawcheck.cli", "rules", "show", "structure.causes"],
                       capture_output=True, text=True, timeout=60)
    hint = load_pack().item("structure.causes").hint
    assert p.returncode == 0
    assert hint["weak"] in p.stdout and hint["missing"] in p.stdout
    assert hint["because"]["umbrella"] in p.stdout


# ------------------------------------------------------------------ reasons a reviewer would say

QUOTE = re.compile(r"“([^“”]+)”")


def _reason_problems(reason: str, text: str) -> list[str]:
    out = []
    if re.search(r"(?<![\d.])0(个|项|句|处|/)", reason):
        out.append("a zero count read as 'only 0'")
    if re.search(r"[A-Za-z_]+[._][A-Za-z_]+", reason):
        out.append("an internal identifier")
    if re.search(r"(?<![A-Za-z])(achievements|shortcomings|plans|preamble|first_responsible|other|"
                 r"signature|pass|weak|missing)(?![A-Za-z_])", reason):
        out.append("a role name")
    if "注:" in reason:
        out.append("a rule's note, not a finding")
    compact = re.sub(r"\s+", "", text)
    for q in QUOTE.findall(reason):
        q = q.rstrip("…").strip()
        # (reasons are set in Chinese typography, zhtype: fold the quote as the text was)
        if q and re.sub(r"\s+", "", normalize(q)) not in compact:
            out.append(f"quotes “{q}”, not in the report")
    return out


def test_reasons_read_as_a_reviewer_would_say_them(checked):
    texts: dict[Path, str] = {}
    bad = []
    for p, pack, r in checked:
        if p not in texts:
            texts[p] = _texts(p)
        for it in r.items:
            for reason in it.reasons:
                for problem in _reason_problems(reason, texts[p]):
                    bad.append((p.name, pack, it.id, problem, reason))
    assert not bad, "\n".join(map(str, bad[:20]))


@pytest.mark.parametrize("reason", [
    "3个问题中只有0个有对应措施",
    "只有总称或一般性表述“导致”",        # not in the text below
    "没有写到 enforcement.publicity",
    "只在plans提到“执法公示”",
    "注:收费项目规范清理不是规范性文件",
])
def test_the_reason_check_catches_the_bad_patterns(reason):
    assert _reason_problems(reason, "全年执法公示120条。")


def test_only_words_the_report_uses_are_quoted():
    from lawcheck.judge.context import quotable, quote_words
    # a regex's stretch of text (punctuation, long) is not quoted; a word inside a longer
    # one is quoted once, as the longer word
    assert quotable(["行政执法公示", "执法公示", "公示,执法全过程记录、重大执法决定", "三项制度"]) == \
        ["行政执法公示", "三项制度"]
    assert quote_words(["处罚信息未在规定时限内公示,公示"]) == ""
    assert quote_words(["a", "b", "c", "d", "e"], limit=4) == "“a”、“b”、“c”、“d”等"
