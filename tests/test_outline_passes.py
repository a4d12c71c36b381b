"""Each outline pass alone (src/lawcheck/outline/): small inline texts in, the values the
pass returns checked. The whole stage is covered by test_outline.py; these pin down
which pass does what, so a change shows in the pass it belongs to."""
from __future__ import annotations

import re

from lawcheck.model import Outline, Section, Signature, Unit
from lawcheck.outline.chrome import PageFacts
from lawcheck.outline.clean import clean_lines
from lawcheck.outline.common import Line
from lawcheck.outline.fragments import split_fragments
from lawcheck.outline.markers import bare_heading, heading_marker, split_enums, split_heading
from lawcheck.outline.merged import split_merged
from lawcheck.outline.metadata import read_metadata
from lawcheck.outline.roles import assign_roles
from lawcheck.outline.sections import build_sections
from lawcheck.outline.tail import document_tail
from lawcheck.outline.title import clean_title, find_head
from lawcheck.outline.unheaded import split_unheaded
from lawcheck.outline.vocab import RoleVocabulary
from lawcheck.outline.year import read_year


def lines(*texts: str) -> list[Line]:
    return [Line(i + 1, t) for i, t in enumerate(texts)]


def texts(ls: list[Line]) -> list[str]:
    return [ln.text for ln in ls]


# A small role vocabulary of its own, so these tests do not move with the rule pack.
VOCAB = RoleVocabulary(
    headings={
        "first_responsible": [re.compile("第一责任人")],
        "shortcomings": [re.compile("问题|不足")],
        "plans": [re.compile("下一步|打算|计划|工作安排")],
        "achievements": [re.compile("成效|举措")],
    },
    next_year_framing=[re.compile("下一步|明年")],
    rectification=[re.compile("整改情况")],
    plan_lead=re.compile("^(下一步|针对上述问题)"),
    plan_split=re.compile(r"(?<=[。;])\s*(?=下一步|针对上述问题)"),
)


# ------------------------------------------------------------------ markers

def test_heading_marker_levels_and_ordinals():
    assert heading_marker("一、主要举措") == (1, "一、", 1, "主要举措")
    assert heading_marker("(三)强化监督") == (2, "(三)", 3, "强化监督")
    assert heading_marker("2.规范执法") == (3, "2.", 2, "规范执法")
    assert heading_marker("(4)培训") == (4, "(4)", 4, "培训")
    assert heading_marker("③开展普法") == (5, "③", 3, "开展普法")
    assert heading_marker("第二部分 存在的问题") == (0, "第二部分", 2, "存在的问题")
    assert heading_marker("一是召开会议") is None            # an enumeration, not a heading
    assert heading_marker("2.5万件已办结") is None            # a decimal, not a heading
    assert heading_marker("1.2024年主要工作") == (3, "1.", 1, "2024年主要工作")
    # decimal outline numbers: 1.2 (with a space) under 1., 1.2.3 under 1.2; amounts are not
    assert heading_marker("1.2 深化改革") == (4, "1.2", 2, "深化改革")
    assert heading_marker("1.2.3 公布清单,共284项。") == (5, "1.2.3", 3, "公布清单,共284项。")
    assert heading_marker("12.5 亿元用于执法装备") is None
    assert heading_marker("3.2万件") is None and heading_marker("0.8 公里") is None
    assert heading_marker("2.3 平方公里") is None


def test_glued_part_heading_ends_where_the_part_title_does():
    part = lambda t: bool(VOCAB.roles_of(t))       # noqa: E731
    cases = {
        "主要负责人履行推进法治建设第一责任人职责情况委党组书记、主任召开党组会2次。":
            "主要负责人履行推进法治建设第一责任人职责情况",
        "存在的问题镇综合执法队人员少、专业素质不高。": "存在的问题",
        "上一年度存在问题改进情况对照2023年度报告列出的问题,县政府制定整改清单。": "上一年度存在问题改进情况",
        "2023年度存在问题整改情况。针对上年度报告指出的问题,逐项整改。": "2023年度存在问题整改情况",
        "存在的问题及下一步打算一是执法力量不足。": "存在的问题及下一步打算",
    }
    for text, title in cases.items():
        assert split_heading(text, glued=True, part_title=part)[0] == title, text
    # without part titles (or not glued) nothing changes
    assert split_heading("存在的问题镇综合执法队人员少、专业素质不高。", glued=True)[0] != "存在的问题"


def test_split_heading_and_enumerations():
    assert split_heading("强化组织领导。县委书记亲自部署。") == ("强化组织领导", "县委书记亲自部署。")
    assert split_heading("存在的问题一是执法力量不足") == ("存在的问题", "一是执法力量不足")
    assert split_enums("全年开展工作,一是召开会议4次;二是开展督察2次。") == [
        ("", "全年开展工作,"), ("一是", "一是召开会议4次;"), ("二是", "二是开展督察2次。")]
    assert split_enums("没有列举的一段话。") == [("", "没有列举的一段话。")]


def test_bare_heading_names_a_statutory_part():
    assert bare_heading("存在的问题", VOCAB) and bare_heading("下一步打算", VOCAB)
    assert not bare_heading("存在的问题很多。", VOCAB)                   # a sentence
    assert not bare_heading("全年办理案件20件", VOCAB)                   # names no part
    assert not bare_heading("关于存在的问题" + "和" * 30, VOCAB)          # too long for a heading


# ------------------------------------------------------------------ clean-up pass

def test_clean_strips_chrome_above_and_below_and_keeps_line_numbers():
    out = clean_lines(["首页 > 政务公开 > 法治政府建设", "", "某县2024年法治政府建设年度报告",
                       "2024年,我县坚持依法行政。", "一、主要举措", "全年办理案件20件。",
                       "分享到:", "【打印】【关闭】"])
    assert out.one_line is False
    assert out.lines == [Line(3, "某县2024年法治政府建设年度报告"), Line(4, "2024年,我县坚持依法行政。"),
                         Line(5, "一、主要举措"), Line(6, "全年办理案件20件。")]


def test_clean_reads_the_page_facts_and_drops_bullets():
    out = clean_lines(["发布机构:青屿县司法局", "标题:青屿县2024年度法治政府建设情况报告",
                       "• 青屿县2024年度法治政府建设情况报告", "2024年,青屿县坚持依法行政。"])
    assert out.page == PageFacts(title="青屿县2024年度法治政府建设情况报告", publisher="青屿县司法局")
    assert texts(out.lines) == ["青屿县2024年度法治政府建设情况报告", "2024年,青屿县坚持依法行政。"]


def test_clean_cuts_a_report_pasted_as_one_line():
    one = ("2024年,我县推进依法行政。一、主要举措全年办理案件20件。" + "群众满意度提升。" * 200
           + "二、存在的问题执法力量不足。望川县人民政府2025年2月26日")
    out = clean_lines([one])
    assert out.one_line is True
    assert all(ln.line == 1 for ln in out.lines)
    got = texts(out.lines)
    assert got[0] == "2024年,我县推进依法行政。"
    assert got[1].startswith("一、主要举措") and got[2].startswith("二、存在的问题")
    assert got[-2:] == ["望川县人民政府", "2025年2月26日"]


def test_clean_cuts_a_bare_part_heading_glued_into_a_one_line_report():
    one = ("2024年,我县推进依法行政。" + "全年办理案件20件。" * 200
           + "存在的不足和原因执法力量不足,培训不够。下一步工作打算加强培训。")
    assert "存在的不足和原因" not in texts(clean_lines([one]).lines)        # no vocabulary: not cut
    got = texts(clean_lines([one], VOCAB).lines)
    assert got[-4:] == ["存在的不足和原因", "执法力量不足,培训不够。", "下一步工作打算", "加强培训。"]


def test_clean_cuts_page_chrome_glued_to_a_page_saved_as_one_line():
    one = ("首页 > 政务公开 > 法治政府建设某县2024年法治政府建设情况报告 发布时间:2025-03-01 浏览次数:120 "
           "2024年,我县坚持依法行政。" + "全年办理案件20件。" * 200 + "某县人民政府 2025年3月1日【打印本页】【关闭窗口】")
    got = texts(clean_lines([one]).lines)
    assert got[0] == "某县2024年法治政府建设情况报告"
    assert got[1].startswith("2024年,我县坚持依法行政。")
    assert got[-2:] == ["某县人民政府", "2025年3月1日"]                # 【打印本页】【关闭窗口】 gone


def test_split_fragments_cuts_at_decimal_outline_numbers_not_amounts():
    parts = split_fragments("上年工作。3.1 乡镇执法能力不足。下放事项3.2 万元。1.2.1 公布清单。")
    assert parts == ["上年工作。", "3.1 乡镇执法能力不足。下放事项3.2 万元。", "1.2.1 公布清单。"]


def test_split_fragments_keeps_attachments_after_the_signature():
    parts = split_fragments("二、下一步打算加强培训。某县司法局2025年3月1日附件:1.目录")
    # the 附件 list's items were already cut apart at their numbers
    assert parts == ["二、下一步打算加强培训。", "某县司法局", "2025年3月1日", "附件:", "1.目录"]
    # a signature of an issuer alone, or a date alone
    assert split_fragments("加强培训。某县人民政府") == ["加强培训。", "某县人民政府"]
    assert split_fragments("加强培训。2025年3月1日") == ["加强培训。", "2025年3月1日"]
    assert split_fragments("加强培训。") == ["加强培训。"]


# ------------------------------------------------------------------ title pass

NO_PAGE = PageFacts()


def test_title_picks_the_title_over_a_breadcrumb_and_a_label():
    head = find_head(lines("政务公开 > 某县2024年法治政府建设年度报告", "2024年,我县坚持依法行政。"),
                     False, NO_PAGE)
    assert head.title == "某县2024年法治政府建设年度报告" and head.title_line == 1
    assert texts(head.body) == ["2024年,我县坚持依法行政。"]
    assert clean_title("【权威发布】某县2024年法治政府建设年度报告_某县人民政府门户网站") == \
        "某县2024年法治政府建设年度报告"


def test_title_over_two_lines_issuer_line_and_addressee():
    head = find_head(lines("某县人民政府", "关于2024年法治政府建设情况的报告", "市人民政府:",
                           "2024年,我县坚持依法行政。"), False, NO_PAGE)
    assert head.title == "某县人民政府关于2024年法治政府建设情况的报告"
    assert head.addressee == "市人民政府:" and head.issuer_line is None
    assert texts(head.body) == ["2024年,我县坚持依法行政。"]
    head = find_head(lines("关于2024年度法治政府建设情况的报告", "某市人民政府", "2024年,全市推进法治建设。"),
                     False, NO_PAGE)
    assert head.title == "关于2024年度法治政府建设情况的报告" and head.issuer_line == "某市人民政府"
    assert head.body == [Line(3, "2024年,全市推进法治建设。")]


def test_title_whose_first_line_ends_with_guanyu_and_titles_in_quotes():
    head = find_head(lines("中共某区委 某区人民政府关于", "2024年度法治政府建设情况的报告",
                           "中共某市委、某市人民政府:", "2024年,区委、区政府坚持依法行政。"), False, NO_PAGE)
    assert head.title == "中共某区委 某区人民政府关于2024年度法治政府建设情况的报告"
    for quoted in ("“某州2024年度法治政府建设情况报告”", "「某乡2023年度法治政府建设情况报告」",
                   "《某县2024年度法治政府建设情况报告》"):
        assert clean_title(quoted) == quoted[1:-1]


def test_clean_drops_a_gazette_header_page_numbers_and_a_site_title_bar():
    out = clean_lines(["某市人民政府公报　　　　2026年第4期", "某市人民政府", "关于2025年度法治政府建设情况的报告",
                       "2025年,全市坚持依法行政。", "— 1 —", "第1页 共8页", "一、主要举措", "全年办理案件20件。",
                       "第2页 共8页"])
    assert texts(out.lines) == ["某市人民政府", "关于2025年度法治政府建设情况的报告", "2025年,全市坚持依法行政。",
                                "一、主要举措", "全年办理案件20件。"]
    out = clean_lines(["某市人民政府门户网站 | 政务公开 | 法治政府建设年度报告", "",
                       "某市人民政府关于2025年度法治政府建设情况的报告", "2025年,全市坚持依法行政。"])
    assert texts(out.lines)[0] == "某市人民政府关于2025年度法治政府建设情况的报告"
    out = clean_lines(["某市2024年法治政府建设情况报告", "2024年,全市坚持依法行政。" + "全年办理案件20件。" * 10,
                       "某市人民政府",
                       "2025年3月20日", "【打印本页】【关闭窗口】", "主办:某市人民政府办公室  承办:某市大数据中心"])
    assert texts(out.lines)[-2:] == ["某市人民政府", "2025年3月20日"]     # the site's footer is chrome


def test_gazette_on_two_lines_news_headline_and_markdown_title():
    out = clean_lines(["某省人民政府公报", "2024年第7期(总第812期)", "【省政府文件】",
                       "某省人民政府关于2023年度法治政府建设情况的报告", "2023年,省政府坚持依法行政。" * 8])
    assert texts(out.lines)[0] == "某省人民政府关于2023年度法治政府建设情况的报告"
    out = clean_lines(["市政府发布2024年度法治政府建设报告", "编者按:市政府日前向社会公开年度报告。本报今日全文刊发。",
                       "某市人民政府关于2024年度法治政府建设情况的报告", "2024年,市政府坚持依法行政。" * 8])
    head = find_head(out.lines, False, NO_PAGE)
    assert head.title == "某市人民政府关于2024年度法治政府建设情况的报告"
    head = find_head(lines("# 某市2025年法治政府建设年度报告", "## ——奋力谱写新篇章", "2025年,市政府坚持依法行政。"),
                     False, NO_PAGE)
    assert head.title == "某市2025年法治政府建设年度报告"


def test_title_from_the_page_when_none_above_the_body():
    head = find_head(lines("2024年,我县坚持依法行政。", "一、主要举措"), False,
                     PageFacts(title="某县2024年法治政府建设情况报告"))
    assert head.title == "某县2024年法治政府建设情况报告" and head.title_line is None
    assert len(head.body) == 2


def test_one_line_page_title_after_a_breadcrumb_ending_in_a_report_column():
    head = find_head(lines("某市税务局 > 信息公开 > 法治政府建设年度报告某市税务局2025年法治税务建设情况报告"
                           "2025年,我局坚持依法治税。"), True, NO_PAGE)
    assert head.title == "某市税务局2025年法治税务建设情况报告"
    assert texts(head.body) == ["2025年,我局坚持依法治税。"]


def test_split_fragments_cuts_a_department_signing_at_the_end():
    assert split_fragments("上年度问题已基本整改到位。江澜省交通运输厅")[-1] == "江澜省交通运输厅"


def test_title_of_a_one_line_report_is_cut_from_its_first_line():
    head = find_head(lines("中共某县委:某县人民政府关于2024年法治政府建设情况的报告2024年,我县坚持依法行政。"),
                     True, NO_PAGE)
    assert head.addressee == "中共某县委:"
    assert head.title == "某县人民政府关于2024年法治政府建设情况的报告"
    assert head.body == [Line(1, "2024年,我县坚持依法行政。")]


# ------------------------------------------------------------------ document tail pass

def test_tail_separates_signature_date_and_attachments():
    tail = document_tail(lines("全年办理案件20件。", "某县人民政府", "2025年1月15日", "(此件公开发布)",
                               "附件:1.《重大行政决策目录》", "2.《执法公示办法》"))
    assert tail.signature == Signature(issuer="某县人民政府", date="2025-01-15", line=2)
    assert texts(tail.lines) == ["全年办理案件20件。", "(此件公开发布)", "附件:1.《重大行政决策目录》",
                                 "2.《执法公示办法》"]


def test_tail_reads_a_chinese_date_and_finds_nothing_in_plain_text():
    tail = document_tail(lines("全年办理案件20件。", "某某县司法局 二〇二五年三月二十日"))
    assert tail.signature == Signature(issuer="某某县司法局", date="2025-03-20", line=2)
    assert texts(tail.lines) == ["全年办理案件20件。"]
    body = lines("全年办理案件20件。", "执法力量仍显不足。")
    tail = document_tail(body)
    assert tail.signature is None and tail.lines == body


# ------------------------------------------------------------------ sections pass

def tree_of(*texts_: str, one_line: bool = False):
    return build_sections(lines(*texts_), VOCAB, one_line)


def test_a_numbered_data_row_is_one_unit_of_work_not_a_heading():
    tree = tree_of("一、主要举措", "1.政务服务", "(1)政务服务事项网上可办率:94%;", "(2)新登记经营主体:3120户。",
                   "(3)强化政务服务:推行一窗受理。")
    rows = [(u.text, u.is_heading) for u in tree.units]
    assert ("(1)政务服务事项网上可办率:94%;", False) in rows and ("(2)新登记经营主体:3120户。", False) in rows
    assert ("(3)强化政务服务", True) in rows          # a title over its body stays a heading


def test_sections_nest_by_marker_level():
    tree = tree_of("2024年,我县坚持依法行政。", "一、主要举措", "(一)强化领导", "1.召开会议", "2.开展督察",
                   "(二)规范执法", "二、存在的问题", "执法力量不足。")
    got = [(s.marker, s.title, s.level, s.parent) for s in tree.sections]
    assert got == [("", "", -1, None), ("一、", "主要举措", 1, 0), ("(一)", "强化领导", 2, 1),
                   ("1.", "召开会议", 3, 2), ("2.", "开展督察", 3, 2), ("(二)", "规范执法", 2, 1),
                   ("二、", "存在的问题", 1, 0)]
    assert tree.sections[0].children == [1, 6] and tree.sections[2].children == [3, 4]
    assert [u.section for u in tree.units] == [0, 1, 2, 3, 4, 5, 6, 6]
    assert all(s.role == "" for s in tree.sections[1:]) and all(u.role == "" for u in tree.units)


def test_sections_run_on_heading_enumeration_bare_heading_and_broken_numbering():
    tree = tree_of("一、主要举措。全年工作:一是召开会议;二是开展督察。", "1.培训", "5.这行编号断了", "存在的问题",
                   "执法力量不足。")
    units = [(u.text, u.is_heading, u.enum, u.section) for u in tree.units]
    assert units == [("一、主要举措", True, "", 1), ("全年工作:", False, "", 1),
                     ("一是召开会议;", False, "一是", 1), ("二是开展督察。", False, "二是", 1),
                     # 5. after 1. is body text, in the part the numbered list sits in
                     ("1.培训", True, "", 2), ("5.这行编号断了", False, "", 1),
                     ("存在的问题", True, "", 3), ("执法力量不足。", False, "", 3)]
    assert (tree.sections[3].marker, tree.sections[3].level, tree.sections[3].parent) == ("", 1, 0)


# ------------------------------------------------------------------ roles pass

def test_roles_from_headings_and_structure():
    tree = tree_of("一、深化改革", "(一)制定年度工作计划", "二、主要举措和成效", "三、存在的问题",
                   "(一)执法力量", "四、下一步打算", "(一)补齐短板", "五、其他事项")
    sections = assign_roles(tree.sections, VOCAB)
    got = [(s.title, s.role, s.role_source) for s in sections[1:]]
    assert got == [("深化改革", "achievements", "thematic"),
                   ("制定年度工作计划", "achievements", "inherited"),   # work done, not a plan
                   ("主要举措和成效", "achievements", "heading"),
                   ("存在的问题", "shortcomings", "heading"),
                   ("执法力量", "shortcomings", "inherited"),
                   ("下一步打算", "plans", "heading"),
                   ("补齐短板", "plans", "inherited"),
                   ("其他事项", "other", "after-plans")]
    assert all(s.role == "" for s in tree.sections[1:])       # the input is left as it was


def test_a_plan_sub_part_after_the_problems_inside_a_thematic_part():
    # the statutory parts as sub-parts of a thematic chapter: after "(二)存在的不足", a
    # year-led "工作打算" is next year's plans (the outline knows no report year yet), while
    # a plan word before any problems is still work done
    tree = tree_of("一、法治建设有关情况", "(一)制定年度工作计划", "(二)存在的不足", "(三)2025年工作打算")
    got = [(s.title, s.role) for s in assign_roles(tree.sections, VOCAB)[1:]]
    assert got == [("法治建设有关情况", "achievements"), ("制定年度工作计划", "achievements"),
                   ("存在的不足", "shortcomings"), ("2025年工作打算", "plans")]


def test_roles_merged_part_and_prior_rectification():
    tree = tree_of("一、存在的问题和下一步打算", "(一)存在问题", "(二)下一步计划", "(三)上年度问题整改情况")
    got = [(s.title, s.role) for s in assign_roles(tree.sections, VOCAB)[1:]]
    assert got == [("存在的问题和下一步打算", "shortcomings"), ("存在问题", "shortcomings"),
                   ("下一步计划", "plans"), ("上年度问题整改情况", "other")]


# ------------------------------------------------------------------ unheaded pass

UNHEADED_VOCAB = RoleVocabulary(plan_lead=re.compile("^(下一步)"),
                                problems_lead=re.compile("^[^。]{0,40}?(还存在[^。:]{0,8}(不足|短板))"))


def test_paragraph_parts_of_a_report_without_headings():
    tree = tree_of("2024年,县司法局坚持依法行政。", "一年来,全年审核文件12件。", "同时,办理复议案件31件。",
                   "此外,调解纠纷420件。", "同时也要看到,我县还存在一些短板:执法人员不足。", "复议人员仅4人。",
                   "下一步,我局将加强执法培训。", "增加复议人员。")
    sections, units = split_unheaded(tree.sections, tree.units, UNHEADED_VOCAB)
    got = [(s.role, s.role_source, [units[i].text[:4] for i in s.units]) for s in sections]
    assert got == [("preamble", "root", ["2024", "一年来,", "同时,办", "此外,调"]),
                   ("shortcomings", "paragraph", ["同时也要", "复议人员"]),
                   ("plans", "split", ["下一步,", "增加复议"])]
    assert [u.section for u in units] == [0, 0, 0, 0, 1, 1, 2, 2]
    assert len(tree.sections) == 1 and all(u.section == 0 for u in tree.units)   # inputs kept


def test_paragraph_parts_cut_out_of_long_units_leave_every_unit_in_one_section():
    # a page pasted as (almost) one line: the units are cut where the parts begin, and
    # what stands before the problems (cuts included) stays the root's
    tree = tree_of("2024年,县司法局坚持依法行政。",
                   "一年来,全年审核文件12件,办理复议案件31件,调解纠纷420件,普法60场。"
                   "下一步,继续巩固成效。下一步,持续推进改革。"
                   "同时也要看到,我县还存在一些短板:执法人员不足。下一步,我局将加强执法培训。")
    sections, units = split_unheaded(tree.sections, tree.units, UNHEADED_VOCAB)
    assert [(s.role, [units[i].text[:6] for i in s.units]) for s in sections] == [
        ("preamble", ["2024年,", "一年来,全年", "下一步,继续", "下一步,持续"]),
        ("shortcomings", ["同时也要看到"]), ("plans", ["下一步,我局"])]
    assert sorted(i for s in sections for i in s.units) == list(range(len(units)))
    assert [u.section for u in units] == [0, 0, 0, 0, 1, 2]
    few = tree_of("一年来,全年审核文件12件。同时也要看到,我县还存在一些短板:执法人员不足。下一步,加强培训。")
    assert split_unheaded(few.sections, few.units, UNHEADED_VOCAB) == (few.sections, few.units)


def test_no_paragraph_parts_where_the_report_has_headings_or_the_words_come_early():
    headed = tree_of("2024年,我县坚持依法行政。", "一、主要举措", "全年审核文件12件。", "二、存在的问题",
                     "我县还存在一些短板:执法人员不足。", "下一步,加强培训。")
    assert split_unheaded(headed.sections, headed.units, UNHEADED_VOCAB)[0] is headed.sections
    early = tree_of("2024年,我县还存在一些短板的地方得到改进。", "下一步,我局将加强执法培训。",
                    "全年审核文件12件。", "同时,办理复议案件31件。", "此外,调解纠纷420件。", "另外,普法60场。")
    sections, _ = split_unheaded(early.sections, early.units, UNHEADED_VOCAB)
    assert sections is early.sections


# ------------------------------------------------------------------ merged-part pass

def test_merged_part_splits_where_the_plans_begin():
    tree = tree_of("一、主要举措", "全年办理案件20件。", "二、存在的问题及下一步打算", "执法力量不足。",
                   "基层培训不够。", "下一步,我县将加强执法队伍建设。", "加强培训。")
    sections = assign_roles(tree.sections, VOCAB)
    sections, units = split_merged(sections, tree.units, VOCAB)
    new = sections[-1]
    assert (new.role, new.role_source, new.parent, new.level) == ("plans", "split", 2, 2)
    assert [units[i].text for i in new.units] == ["下一步,我县将加强执法队伍建设。", "加强培训。"]
    assert [units[i].text for i in sections[2].units] == ["二、存在的问题及下一步打算", "执法力量不足。",
                                                          "基层培训不够。"]
    assert sections[2].children == [new.index]
    assert len(tree.sections) == 3 and tree.units[5].section == 2      # inputs unchanged


def test_numbered_problems_of_a_merged_part_each_split_where_their_plans_begin():
    tree = tree_of("一、主要举措", "全年办理案件20件。", "二、存在的问题及下一步打算",
                   "(一)执法力量不足。镇级执法人员仅3名。下一步,招录执法人员2名。",
                   "(二)普法针对性不强。下一步,推行菜单式普法。")
    sections = assign_roles(tree.sections, VOCAB)
    sections, units = split_merged(sections, tree.units, VOCAB)
    plans = [s for s in sections if s.role == "plans"]
    assert [(sections[s.parent].marker, [units[i].text[:6] for i in s.units]) for s in plans] == [
        ("(一)", ["下一步,招录"]), ("(二)", ["下一步,推行"])]


def test_merged_part_with_its_own_plans_heading_is_not_split():
    tree = tree_of("一、存在的问题及下一步打算", "执法力量不足。", "(一)下一步打算", "下一步,加强培训。")
    sections = assign_roles(tree.sections, VOCAB)
    after, _ = split_merged(sections, tree.units, VOCAB)
    assert len(after) == len(sections)


# ------------------------------------------------------------------ metadata pass

def outline_of(units: list[str], title: str | None = None, signature: Signature | None = None,
               role: str = "preamble") -> Outline:
    us = [Unit(index=i, line=i + 1, text=t, section=0, role=role) for i, t in enumerate(units)]
    root = Section(index=0, title="", marker="", level=-1, line=1, role="preamble", parent=None,
                   units=list(range(len(us))))
    return Outline(units=us, sections=[root], title=title, signature=signature)


def test_metadata_reads_year_issuer_and_level_from_the_title():
    meta = read_metadata(outline_of(["2023年,我县坚持依法行政。"], title="岳阳县人民政府2024年法治政府建设年度报告"))
    assert (meta.year, meta.year_source) == (2024, "title")
    assert (meta.issuer, meta.issuer_source, meta.level) == ("岳阳县人民政府", "title", "county")


def test_metadata_reads_the_opening_and_the_signature():
    meta = read_metadata(outline_of(["2023年,黄金镇坚持以习近平法治思想为指导,推进依法行政。"]))
    assert (meta.year, meta.year_source) == (2023, "opening")
    assert (meta.issuer, meta.issuer_source, meta.level) == ("黄金镇", "opening", "town")
    meta = read_metadata(outline_of(["全年办理案件20件。"], role="achievements",
                                    signature=Signature(issuer="某市司法局", date="2025-01-10", line=9)))
    assert (meta.issuer, meta.issuer_source, meta.level) == ("某市司法局", "signature", "department")


def test_read_year_title_range_body_and_nothing():
    units = [Unit(index=0, line=1, text="2024年办理案件20件,2024年培训3次,2023年对比。", section=0, role="")]
    assert read_year("某县法治政府建设规划(2021-2025年)实施情况报告", units, "") == (None, None)
    assert read_year(None, units, "") == (2024, "body")
    assert read_year(None, [], "") == (None, None)


def test_year_from_the_signature_date_when_nothing_else_names_it():
    """Signed in the first half of a year and no year elsewhere: the year before (reports
    are due by 1 April); signed in the second half, no year is guessed."""
    from lawcheck.outline.year import read_year
    assert read_year("南山镇法治政府建设工作报告", [], "", "2025-01-10") == (2024, "signature")
    assert read_year("南山镇法治政府建设工作报告", [], "", "2025-09-10") == (None, None)
    assert read_year("南山镇2023年法治政府建设工作报告", [], "", "2025-01-10") == (2023, "title")
