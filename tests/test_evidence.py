"""Behaviour: the evidence an item cites is the passage that decided its verdict.

Selection on short invented passages (the first evidence of a pass is the work done, with
its figure, not a heading that contains the word; weak cites what makes it weak), the
quoting rules (a contiguous, trimmed piece of one unit's text), and the same properties
on the project's own fixtures.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from lawcheck.check import check_path, check_text
from lawcheck.judge.cite import LIMIT, clip, incidental
from lawcheck.outline import outline
from lawcheck.normalize import normalize
from lawcheck.read import read_path


def fold(text: str) -> str:
    """Evidence is quoted in the report's own characters (full-width punctuation, spaces
    as written); compare it with the outline's normalised unit text in one form."""
    return normalize(text).replace(" ", "")

TITLE = "青石镇2024年法治政府建设工作报告\n"


def first(report, item_id: str):
    it = report.item(item_id)
    assert it.evidence, (item_id, it.status, it.reasons)
    return it.evidence[0]


# ------------------------------------------------------------------ quoting

LONG = ("围绕群众关心的重点领域和关键环节,统筹推进镇村两级调解组织规范化建设,整合司法所、派出所和村委会力量,"
        "建立矛盾纠纷定期排查和分级处置机制,全年受理各类矛盾纠纷174宗,办结173宗,办结率99%,"
        "有效维护了基层和谐稳定和群众合法权益。")


def test_a_short_sentence_is_quoted_whole():
    text = "加强普法。全年开展普法活动12场。下一句。"
    s, e = clip(text, text.index("普法活动"), text.index("普法活动") + 4)
    assert text[s:e] == "全年开展普法活动12场。"


def test_a_long_sentence_is_trimmed_at_clause_marks_around_the_words():
    pos = LONG.index("矛盾纠纷174宗")
    s, e = clip(LONG, pos, pos + 4)
    quote = LONG[s:e]
    assert len(quote) <= LIMIT and "矛盾纠纷174宗" in quote
    assert LONG[s - 1] in ",。" and quote[-1] not in ",、:"       # whole clauses, no cut marks
    assert "全年受理各类矛盾纠纷174宗,办结173宗,办结率99%" in quote


def test_one_overlong_clause_gets_a_window_that_keeps_the_words():
    clause = "、".join(f"第{i}村调解委员会" for i in range(1, 30)) + "全部完成规范化建设。"
    pos = clause.index("第20村")
    s, e = clip(clause, pos, pos + 4)
    assert e - s <= LIMIT and s <= pos and pos + 4 <= e


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet="法治,。;:、 12件", max_size=300), st.data())
def test_clip_stays_inside_the_text_and_the_limit(text, data):
    start = data.draw(st.integers(0, max(len(text) - 1, 0)))
    end = data.draw(st.integers(start, len(text)))
    s, e = clip(text, start, end)
    assert 0 <= s <= e <= len(text) and e - s <= LIMIT
    assert not text[s:e] or (text[s] not in " ,;:、。" and text[e - 1] not in " ,:、")


@pytest.mark.parametrize("text,word,listed", [
    ("针对执法规范化、矛盾纠纷化解等工作中的突出问题,现场办公7次。", "矛盾纠纷", True),
    ("通过粤商通、一网通办等线上方式办理营业执照164户。", "一网通办", False),
    ("全年调解矛盾纠纷174宗。", "矛盾纠纷", False),
])
def test_a_field_listed_among_others_is_incidental(text, word, listed):
    pos = text.index(word)
    assert incidental(text, pos, pos + len(word)) is listed


# ------------------------------------------------------------------ which passage


def test_a_heading_naming_the_topic_is_represented_by_the_work_under_it():
    r = check_text(TITLE + "一、主要举措和成效\n(一)加强普法宣传\n坚持把普法作为基础工作。"
                   "围绕宪法宣传周开展普法宣传活动25场次,发放资料3000余份。\n"
                   "二、存在的不足\n普法针对性不强。\n三、下一步打算\n创新普法形式。\n")
    ev = first(r, "governance.legal_education")
    assert r.item("governance.legal_education").status == "pass"
    assert "25场次" in ev.text and not ev.text.startswith("(一)")


def test_a_topic_heading_whose_body_does_not_repeat_the_words_cites_the_work_under_it():
    r = check_text(TITLE + "一、主要举措和成效\n(一)建设法治宣传阵地\n在镇政府旁建成法治公园1处,"
                   "12个村全部设立法律图书角。\n(二)规范执法\n全年办理行政处罚案件42件。\n"
                   "二、存在的不足\n执法力量不足。\n三、下一步打算\n充实执法人员。\n")
    it = r.item("governance.legal_education")
    assert it.status == "pass"
    assert it.evidence[0].text == "在镇政府旁建成法治公园1处,12个村全部设立法律图书角。"
    assert it.evidence[1].text == "(一)建设法治宣传阵地"


def test_the_passage_in_the_topic_part_beats_a_listed_mention_with_a_figure():
    r = check_text(TITLE + "一、主要举措和成效\n(一)强化组织领导\n针对执法规范化、矛盾纠纷化解等工作中的突出问题,现场办公7次。\n"
                   "(二)推进矛盾纠纷化解\n建成镇综治中心,引入乡贤和律师参与人民调解,健全纠纷排查机制。\n"
                   "二、存在的不足\n调解力量不足。\n三、下一步打算\n充实调解员队伍。\n")
    ev = first(r, "disputes.mediation")
    assert ev.section == "(二)推进矛盾纠纷化解" and "参与人民调解" in ev.text


def test_a_sentence_with_the_words_and_a_figure_beats_a_bare_mention():
    r = check_text(TITLE + "一、主要举措和成效\n坚持和发展新时代枫桥经验,不断提升调解工作水平。"
                   "全年人民调解组织调解纠纷320宗,调解成功率97%。\n"
                   "二、存在的不足\n调解力量不足。\n三、下一步打算\n充实调解员队伍。\n")
    assert first(r, "disputes.mediation").text == "全年人民调解组织调解纠纷320宗,调解成功率97%。"


def test_among_equals_the_sentence_more_about_the_item_comes_first():
    r = check_text(TITLE + "一、主要举措和成效\n(一)化解矛盾纠纷\n"
                   "县政府全年收到行政复议申请126件,审结108件,其中调解和解结案31件。"
                   "人民调解组织调解纠纷4230件,调解成功率98.3%。\n"
                   "二、存在的不足\n调解力量不足。\n三、下一步打算\n充实调解员队伍。\n")
    assert first(r, "disputes.mediation").text == "人民调解组织调解纠纷4230件,调解成功率98.3%。"


def test_weak_cites_the_umbrella_word_in_the_work_done_before_a_problem_heading():
    r = check_text(TITLE + "一、主要举措和成效\n严格落实行政执法“三项制度”,全年办理行政处罚案件42件。\n"
                   "二、存在的不足\n(一)“三项制度”落实有差距\n部分案卷记录不全。\n"
                   "三、下一步打算\n加强执法监督。\n")
    it = r.item("enforcement.legal_review")
    assert it.status == "weak"
    assert it.evidence[0].section == "一、主要举措和成效" and "三项制度" in it.evidence[0].text


def test_weak_cites_the_mention_in_the_plans_when_that_is_all_there_is():
    r = check_text(TITLE + "一、主要举措和成效\n全年办理行政处罚案件42件。\n二、存在的不足\n执法力量不足。\n"
                   "三、2025年工作打算\n推进数字政府建设,上线镇级执法监督平台。\n")
    it = r.item("governance.digital")
    assert it.status == "weak" and it.evidence[0].section == "三、2025年工作打算"


def test_a_heading_is_cited_where_the_heading_is_the_deciding_fact():
    r = check_text(TITLE + "一、主要举措和成效\n全年办理行政处罚案件42件。\n二、存在的不足和原因\n"
                   "执法人员不足,执法证持证率仅为80%。\n三、2025年工作打算\n充实执法人员。\n")
    it = r.item("structure.causes")
    assert it.status == "weak" and it.evidence[0].text == "二、存在的不足和原因"


def test_plans_attached_to_the_problems_cite_the_merged_heading():
    r = check_text(TITLE + "一、主要举措和成效\n全年办理行政处罚案件42件,开展普法活动12场。\n"
                   "二、存在的问题及改进措施\n(一)存在问题\n1.执法人员不足。持证率仅为80%。\n"
                   "(二)改进措施\n1.充实执法人员。年内新增执法人员5名。\n2.加强培训。每季度培训1次。\n")
    it = r.item("structure.plans")
    assert it.status == "weak"
    assert [e.text for e in it.evidence[:2]] == ["(二)改进措施", "二、存在的问题及改进措施"]


# ------------------------------------------------------------------ quality items

QUALITY = TITLE + """一、主要举措和成效
(一)加强组织领导
坚持把法治建设摆在突出位置,不断提高依法行政水平。
(二)规范行政执法
严格执法程序。全年办理行政处罚案件42件,公示执法信息42条。
(三)开展普法宣传
全年开展普法活动12场,覆盖群众3000余人次。
二、存在的不足
(一)执法力量相对薄弱
全镇执法人员仅有5名,持证率不足80%。
(二)普法宣传有待加强
普法形式有待进一步丰富。
(三)档案管理不规范
部分执法案卷归档不及时。
三、2025年工作打算
(一)充实执法力量
年内新增执法人员3名,持证率达到100%。
(二)创新普法宣传
利用村级广播开展以案释法。
"""


def test_figures_cite_the_figure_sentence_of_each_sub_part_and_name_the_others():
    it = check_text(QUALITY).item("quality.data")
    assert it.status == "pass"
    texts = [e.text for e in it.evidence]
    assert texts[0] == "全年办理行政处罚案件42件,公示执法信息42条。"
    assert texts[1] == "全年开展普法活动12场,覆盖群众3000余人次。"
    assert any("（一）加强组织领导" in r for r in it.reasons)     # in Chinese typography


def test_specific_problems_are_cited_by_their_symptom_not_their_heading():
    it = check_text(QUALITY).item("quality.shortcomings_specific")
    assert it.status == "pass"
    assert it.evidence[0].text == "全镇执法人员仅有5名,持证率不足80%。"


def test_each_problem_is_cited_with_the_plan_that_answers_it_unanswered_first():
    it = check_text(QUALITY).item("quality.plans_match_shortcomings")
    texts = [e.text for e in it.evidence]
    assert texts[0] == "(三)档案管理不规范"                 # no plan answers it
    pairs = list(zip(texts[1::2], texts[2::2]))
    assert ("(一)执法力量相对薄弱", "(一)充实执法力量") in pairs or \
        ("(一)执法力量相对薄弱", "年内新增执法人员3名,持证率达到100%。") in pairs


# ------------------------------------------------------------------ on the fixtures

REPORTS = sorted(p for p in (FIXTURES / "reports").iterdir() if p.suffix == ".txt")


@pytest.mark.parametrize("name,item_id,figure", [
    ("town-short-2024.txt", "disputes.mediation", "156起"),
    ("department-2024.txt", "disputes.petitions", "8673件"),
    ("province-2024.txt", "governance.digital", "98.6%"),
    ("city-fivepart-2024.txt", "disputes.reconsideration", "1082件"),
    ("county-merged-2023.txt", "quality.data", "99.4%"),      # a rate before a count of sessions
])
def test_fixture_items_cite_a_body_sentence_with_its_figure(name, item_id, figure, pack):
    path = FIXTURES / "reports" / name
    units = outline(read_path(str(path)), pack.roles).units
    ev = first(check_path(str(path), pack), item_id)
    cited = [u for u in units if u.line == ev.line and fold(ev.text) in fold(u.text)]
    assert cited and not any(u.is_heading for u in cited), ev
    assert figure in ev.text


@pytest.mark.parametrize("path", REPORTS, ids=[p.stem for p in REPORTS])
def test_fixture_evidence_is_a_trimmed_piece_of_one_unit(path, pack):
    units = outline(read_path(str(path)), pack.roles).units
    by_line: dict[int, list[str]] = {}
    for u in units:
        by_line.setdefault(u.line, []).append(u.text)
    report = check_path(str(path), pack)
    for it in report.items:
        if it.id.startswith("meta."):
            continue          # document facts (title, signature) are not unit text
        for ev in it.evidence:
            assert "…" not in ev.text and len(ev.text) <= LIMIT, (it.id, ev.text)
            assert any(fold(ev.text) in fold(t) for t in by_line.get(ev.line, [])), \
                (it.id, ev.line, ev.text)


@pytest.mark.parametrize("path", REPORTS, ids=[p.stem for p in REPORTS])
def test_fixture_passes_lead_with_work_done_when_the_body_has_it(path, pack):
    """A presence item that passes and cites a body sentence never leads with a heading."""
    doc = read_path(str(path))
    units = outline(doc, pack.roles).units
    headings = {(u.line, fold(u.text)) for u in units if u.is_heading}
    for it in check_path(str(path), pack).items:
        if it.status != "pass" or it.group not in ("enforcement", "review", "disputes", "governance"):
            continue
        body = [e for e in it.evidence if (e.line, fold(e.text)) not in headings]
        if body:
            assert (it.evidence[0].line, fold(it.evidence[0].text)) not in headings, \
                (it.id, it.evidence[0])


def test_a_lead_in_cut_off_its_points_cites_the_first_point():
    """"究其原因,一是…二是…": the outline makes 究其原因, a unit of its own; quoting only
    the lead-in tells a reviewer nothing, so the first cause is cited."""
    report = check_text(TITLE + "一、主要举措和成效\n全年办理行政处罚案件20件。\n"
                        "二、存在的不足和原因\n执法人员不足,复议纠错率偏高。究其原因,一是编制总量有限,"
                        "执法人员多为兼职;二是培训不够。\n三、2025年工作安排\n增加执法人员。\n")
    ev = first(report, "structure.causes")
    assert ev.text.startswith("一是编制总量有限")


# ------------------------------------------------------------------ figure prefilter

def test_the_figure_prefilter_was_written_for_the_figure_pattern_in_use():
    """cite.has_figure rules texts out before running match.FIGURE; when FIGURE changes,
    check that each of its matches still starts with what cite._MAY_FIGURE looks for,
    then update cite.FIGURE_CHECKED (until then the prefilter is off, never wrong)."""
    from lawcheck.judge import cite
    assert cite._PREFILTER, "match.FIGURE changed: re-check cite._MAY_FIGURE"


_FIG_ALPHABET = "0123456789.%‰百分之一二三四五六七八九十两万亿余个次场期批件人项法治专题学习会议活动培训此类,。;、 年度工作开展"


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_FIG_ALPHABET, max_size=24), st.integers(0, 24), st.integers(0, 24))
def test_has_figure_says_what_the_figure_pattern_says(text, a, b):
    from lawcheck.judge.cite import has_figure
    from lawcheck.match import FIGURE
    assert has_figure(text) == (FIGURE.search(text) is not None)
    assert has_figure(text, a, b) == (FIGURE.search(text, a, b) is not None)


def test_rule_prose_in_results_is_zhtypes_typography(pack):
    """judge.context keeps zh() of a rule's descriptions and hints once per text; what it
    gives is zhtype's zh_tree, item by item of the bundled pack."""
    from lawcheck.judge.context import _rule_zh_tree
    from lawcheck.zhtype import zh_tree
    for it in pack.items:
        for tree in (dict(it.describe), dict(it.hint)):
            assert _rule_zh_tree(tree) == zh_tree(tree)
            assert _rule_zh_tree(tree) is not _rule_zh_tree(tree)



def test_results_from_the_packs_typeset_prose_equal_results_typeset_each_time(pack):
    """Context.result reads an item's rule prose typeset once per pack (Pack.memo
    "rule_prose"): the same result as typesetting it for the verdict, every status and
    cause of every item, and no two results share a tree."""
    from lawcheck.judge.context import Context, result
    from lawcheck.match import Matches
    from lawcheck.model import WEAK_CAUSES
    doc = read_path(str(FIXTURES / "reports" / "province-2024.txt"))
    ctx = Context(outline=outline(doc, pack.roles), matches=Matches(), pack=pack)
    causes = [c for cs in WEAK_CAUSES.values() for c in cs]
    for it in pack.items:
        for status, cause in [("pass", ""), ("missing", ""), ("weak", "")] + \
                [("weak", c) for c in causes]:
            a = ctx.result(it, status, ["理由,没有数据"], [], cause)
            b = result(it, status, ["理由,没有数据"], [], cause)
            assert a == b
            again = ctx.result(it, status, ["理由"], [], cause)
            assert again.describe is not a.describe and again.rule_hints is not a.rule_hints
            assert all(again.rule_hints[k] is not a.rule_hints[k]
                       for k in a.rule_hints if isinstance(a.rule_hints[k], dict))
    # an item whose prose changes is typeset again
    it = pack.items[0]
    old = dict(it.describe)
    try:
        it.describe["pass"] = "新的说明(改过)"
        assert ctx.result(it, "pass", [], []).need == "新的说明（改过）"
    finally:
        it.describe.clear()
        it.describe.update(old)
    assert ctx.result(it, "pass", [], []).need == result(it, "pass", [], []).need

def test_data_is_cited_by_its_hardest_figures_first():
    # a rate or an amount, then a count of cases, before a count of meetings; a rate of
    # 100% is what every report says
    text = ("某县2024年法治政府建设情况报告\n一、主要举措和成效\n(一)加强学习\n全年组织专题学习4次,覆盖率达100%。\n"
            "(二)规范执法\n全年办理行政处罚案件236件,同比下降12%。\n(三)化解纠纷\n全年调解矛盾纠纷420件。\n")
    it = check_text(text).item("quality.data")
    assert it.status == "pass"
    assert [e.text.split(",")[0][:6] for e in it.evidence] == ["全年办理行政", "全年调解矛盾", "全年组织专题"]
    assert "12%" in it.evidence[0].text


def test_a_heading_only_verdict_cites_what_the_part_says_instead():
    # "(二)原因分析" over a sentence that names no cause: the heading, then that sentence
    text = ("某局2024年法治政府建设情况报告\n一、主要举措和成效\n全年办理行政处罚案件20件。\n"
            "二、存在的不足和原因\n(一)存在的不足\n一是执法人员不足。二是培训不够。\n(二)原因分析\n"
            "对照上级要求,我局在法治政府建设方面仍存在一定差距,需要在今后的工作中认真加以解决。\n"
            "三、2025年工作安排\n加强执法培训。\n")
    it = check_text(text).item("structure.causes")
    assert it.status == "weak"
    texts = [e.text for e in it.evidence]
    assert "(二)原因分析" in texts
    assert texts[texts.index("(二)原因分析") + 1].startswith("对照上级要求")
    assert not any(t.startswith("一是执法人员") for t in texts)     # not the problems' body


def test_other_matters_are_not_an_achievements_sub_part_for_the_data_count():
    # "四、其他需要报告的事项" has no figures and is not the year's work: one part with data
    text = ("某局2025年法治政府建设情况报告\n一、2025年主要工作及成效\n第一,全年办理行政许可事项3829件,"
            "承诺办结时限平均压缩45%。第二,全年立案查处违法案件589件。\n二、问题与不足\n执法人员不足。\n"
            "三、2026年工作思路\n充实执法力量。\n四、其他需要报告的事项\n本年度无其他需要报告的事项。\n")
    it = check_text(text).item("quality.data")
    assert it.status == "pass", it.reasons


def test_data_in_one_part_is_cited_by_its_three_hardest_sentences():
    # one part of work (no sub-headings): one example is not "data throughout"
    text = ("某镇2024年法治政府建设情况报告\n一、主要工作\n全镇专题学法4次。全年办理行政处罚案件42件。"
            "调解成功率98%。全年排查矛盾纠纷312件。\n二、存在的不足\n执法人员不足。\n三、2025年工作打算\n"
            "加强培训。\n")
    ev = [e.text for e in check_text(text).item("quality.data").evidence]
    assert len(ev) == 3
    assert "98%" in ev[0] and any("42件" in t for t in ev) and any("312件" in t for t in ev)


def test_a_lead_in_passage_also_cites_its_first_point_with_a_figure():
    r = check_text(TITLE + "一、主要举措和成效\n全年办理行政处罚案件42件。\n二、存在的不足\n执法力量不足。\n"
                   "三、下一步打算\n充实执法人员。\n四、其他需要报告的事项\n"
                   "针对上年度报告中查摆的执法力量不足、案卷质量不高两个问题,县政府制定整改清单。"
                   "一是为每个乡镇配备1名兼职法律顾问;二是案卷评查优良率由72%提高到85%。\n")
    it = r.item("structure.prior_rectification")
    assert it.status == "pass"
    assert it.evidence[0].text.startswith("针对上年度报告中查摆的")
    assert it.evidence[1].text.startswith("一是为每个乡镇配备1名")
