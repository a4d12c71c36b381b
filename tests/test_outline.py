"""Focused tests of the outline stage: headings, roles, one-line reports, metadata."""
from __future__ import annotations

import pytest

from lawcheck.model import Document
from lawcheck.normalize import normalize
from lawcheck.outline import level_of, outline, report_year_in
from lawcheck.read import split_lines


def ol(text: str, pack):
    return outline(Document("t.txt", "txt", "utf-8", split_lines(text)), pack.roles)


def roles(o):
    return [(s.marker + s.title, s.role) for s in o.sections[1:]]


def test_normalize_folds_fullwidth_and_keeps_circled():
    assert normalize("　　（一）２０２４年，执法①") == "(一)2024年,执法①"
    assert normalize("报 告 标 题") == "报告标题"          # letter-spaced title
    assert normalize("行政复议 行政应诉") == "行政复议 行政应诉"   # word list keeps its spaces


def test_merged_part_splits_into_roles(pack):
    o = ol("一、主要工作\n全年办理案件20件。\n二、存在的问题及改进措施\n(一)存在问题\n1.执法人员不足。\n"
           "(二)改进措施\n1.加强执法队伍建设。\n", pack)
    assert roles(o) == [("一、主要工作", "achievements"), ("二、存在的问题及改进措施", "shortcomings"),
                        ("(一)存在问题", "shortcomings"), ("1.执法人员不足", "shortcomings"),
                        ("(二)改进措施", "plans"), ("1.加强执法队伍建设", "plans")]


def test_thematic_report_and_first_responsible_first(pack):
    o = ol("一、党政主要负责人履行推进法治建设第一责任人职责情况\n县长带头述法。\n"
           "二、坚持党的领导\n全年学习8次。\n三、深化放管服改革\n办件1万件。\n"
           "四、存在的不足和原因\n执法力量不足。\n五、2025年工作安排\n加强培训。\n", pack)
    assert [r for _, r in roles(o)] == ["first_responsible", "achievements", "achievements",
                                        "shortcomings", "plans"]


def test_run_on_heading_and_enumeration(pack):
    o = ol("一、主要举措\n(一)强化组织领导。县委书记亲自部署,一是召开会议4次;二是开展督察2次。\n", pack)
    sec = o.sections[2]
    assert sec.title == "强化组织领导"
    enums = [u.enum for u in o.units if u.enum]
    assert enums == ["一是", "二是"]


def test_one_line_report_is_cut_at_headings_and_signature(pack):
    body = ("关于2024年法治政府建设情况的报告 2024年,我县坚持以习近平法治思想为指导,全面推进依法行政。"
            + "现将有关情况报告如下:一、主要举措和成效(一)深化改革。全年办理政务服务事项1.2万件。" * 1
            + "群众满意度持续提升。" * 60
            + "二、存在的不足和原因执法力量不足。究其原因是编制有限。三、2025年工作安排(一)加强执法队伍建设。"
            + "(二)创新普法形式。望川县人民政府2025年2月26日")
    o = ol(body, pack)
    assert o.title == "关于2024年法治政府建设情况的报告"
    assert [r for _, r in roles(o)][:1] == ["achievements"]
    assert "shortcomings" in [r for _, r in roles(o)] and "plans" in [r for _, r in roles(o)]
    assert o.signature and o.signature.date == "2025-02-26" and o.signature.issuer == "望川县人民政府"
    assert all(u.line == 1 for u in o.units)


def test_addressee_is_not_a_title(pack):
    o = ol("中共某某县委:\n2024年,我镇推进法治政府建设。现报告如下:\n一、主要工作\n办理案件20件。\n", pack)
    assert o.title is None and o.addressee == "中共某某县委:"


def test_chinese_date_signature(pack):
    o = ol("一、主要工作\n办理案件20件。\n某某县司法局\n二〇二五年三月二十日\n", pack)
    assert o.signature.issuer == "某某县司法局" and o.signature.date == "2025-03-20"


def test_plan_heading_inside_achievements_is_not_a_plan(pack):
    o = ol("一、主要举措和成效\n(一)制定年度工作计划\n印发计划1份。\n二、下一步打算\n加强培训。\n", pack)
    assert roles(o)[1] == ("(一)制定年度工作计划", "achievements")


def test_unnumbered_part_headings(pack):
    o = ol("某县2024年法治政府建设情况报告\n2024年,我县推进依法行政。现报告如下。\n主要举措和成效\n"
           "全年办理案件20件。\n存在的不足和原因\n执法力量不足。\n2025年工作安排\n加强培训。\n", pack)
    assert [(s.title, s.role) for s in o.sections[1:]] == [
        ("主要举措和成效", "achievements"), ("存在的不足和原因", "shortcomings"),
        ("2025年工作安排", "plans")]


def test_web_page_chrome_is_dropped_around_a_pasted_report(pack):
    o = ol("天津市某区人民政府 2019年12月3日星期二\n无障碍 简体| 繁体\n"
           "某区2023年度法治政府建设情况报告\n来源:某区人民政府办公室 发布时间:2024-03-28 09:18\n"
           "某区2023年度法治政府建设情况报告\n2023年,某区坚持依法行政。\n"
           "一、主要举措和成效\n全年办理案件20件。\n某区人民政府\n2024年3月20日\n分享到:\n【打印】【关闭】\n", pack)
    assert o.title == "某区2023年度法治政府建设情况报告" and o.year == 2023
    assert o.signature and o.signature.date == "2024-03-20" and o.signature.issuer == "某区人民政府"


def test_signature_found_above_attachments_and_publication_note(pack):
    o = ol("某区2024年法治政府建设情况报告\n一、主要举措和成效\n全年办理案件20件。\n某区人民政府\n"
           "2025年3月10日\n(此件公开发布)\n附件:1.《某区2024年重大行政决策事项目录》\n"
           "2.《某区行政执法公示办法》\n", pack)
    assert o.signature and o.signature.issuer == "某区人民政府" and o.signature.date == "2025-03-10"


# ------------------------------------------------------------ document facts on real pages
# Openings written for these tests (invented places and bodies), laid out the way
# government portals publish reports: metadata tables, breadcrumbs, stamps, 文号 lines.


def facts(text: str, pack):
    o = ol(text, pack)
    return o.title, o.issuer, o.level, o.year


def test_portal_metadata_table_with_spaced_keys(pack):
    page = ("- 设为首页\n- 加入收藏\n- 无障碍阅读\n"
            "索   引   号: 11350000/2025-00031 分          类: 政府文件\n"
            "发 布 机 构: 青屿县司法局 成 文 日 期: 2025-03-12\n"
            "标          题: 青屿县2024年度法治政府建设情况报告 主   题   词:\n"
            "文          号: 其他文件\n"
            "青屿县2024年度法治政府建设情况报告\n"
            "2024年,青屿县坚持以习近平法治思想为指导,全面推进依法行政。现将有关情况报告如下:\n"
            "一、主要举措和成效\n全年办理行政处罚案件120件。\n")
    assert facts(page, pack) == ("青屿县2024年度法治政府建设情况报告", "青屿县", "county", 2024)


def test_breadcrumb_ending_in_a_report_column_is_not_the_title(pack):
    page = ("3首页 > 政务公开 > 法治政府建设年度报告\n"
            "石渡镇2025年法治政府建设年度报告\n来源:本网  发布日期:2026-01-09 10:02:11\n【打印】 【字体:\n"
            "2025年,在区委、区政府的坚强领导下,我镇坚持依法行政。现将有关情况报告如下:\n"
            "一、主要工作\n全年调解纠纷40件。\n")
    assert facts(page, pack) == ("石渡镇2025年法治政府建设年度报告", "石渡镇", "town", 2025)


def test_two_step_breadcrumb_naming_a_column_is_not_the_title(pack):
    # no title on the page: the column under 信息公开 is not one, and the opening names the body
    page = ("信息公开 > 法治政府建设年度报告\n发布时间:2024-02-18\n\n中共桐溪县委、桐溪县人民政府:\n"
            "2023年是全面贯彻落实党的二十大精神的开局之年。石埠镇人民政府深入学习贯彻习近平法治思想。"
            "现将2023年度法治政府建设情况报告如下。\n一、主要举措和成效\n全年调解纠纷40件。\n")
    assert facts(page, pack) == (None, "石埠镇", "town", 2023)


def test_a_bare_date_above_the_title_and_a_mobile_back_link_are_chrome(pack):
    page = ("2023-01-31\n岚溪县应急管理局关于2022年度法治政府建设工作情况的报告\n来源:岚溪县应急管理局\n\n"
            "岚溪县人民政府:\n2022年以来,县应急管理局把法治政府建设作为基础性工作来抓。现将有关情况报告如下:\n"
            "一、主要举措和成效\n全年办理行政许可事项819件。\n")
    assert facts(page, pack) == ("岚溪县应急管理局关于2022年度法治政府建设工作情况的报告", "岚溪县应急管理局",
                                 "department", 2022)
    page = ("< 泷州市生态环境局\n泷州市生态环境局\n2025年度法治政府建设年度报告\n2026-03-05 09:30　发布\n"
            "字号 A- A+\n\n2025年,市生态环境局坚持依法行政。现将有关情况报告如下:\n"
            "一、坚持党的全面领导\n全年专题学习7次。\n")
    assert facts(page, pack) == ("泷州市生态环境局2025年度法治政府建设年度报告", "泷州市生态环境局",
                                 "department", 2025)


def test_label_prefix_and_subtitle_are_not_part_of_the_title(pack):
    page = ("[权威发布]南岭省2023年法治政府建设情况报告\n\n"
            "——我省法治政府建设迈上新台阶暨南岭省2023年法治政府建设情况报告\n\n"
            "2023年,南岭省委、省政府坚持依法行政,法治政府建设取得明显成效。\n一、主要举措\n取消审批事项12项。\n")
    title, issuer, level, year = facts(page, pack)
    assert title == "南岭省2023年法治政府建设情况报告" and issuer == "南岭省"
    assert level == "province" and year == 2023


def test_document_number_line_holds_the_title(pack):
    page = ("云衢卫〔2025〕9号《云衢市卫生健康委关于2024年度法治政府建设情况的报告》\n"
            "云衢市卫生健康委关于2024年度法治政府建设情况的报告\n云衢卫〔2025〕9号\n市委、市政府:\n"
            "现呈送我委2024年度法治政府建设情况报告,请审阅。\n一、主要举措和成效\n办理行政许可320件。\n")
    title, issuer, level, year = facts(page, pack)
    assert title == "云衢市卫生健康委关于2024年度法治政府建设情况的报告"
    assert issuer == "云衢市卫生健康委" and level == "department" and year == 2024


@pytest.mark.parametrize("opening, issuer, level", [
    ("2024年,应急管理部坚持以习近平法治思想为指导,推进应急管理法治建设。", "应急管理部", "department"),
    ("2022年,省卫生健康委坚持以习近平新时代中国特色社会主义思想为指导。", "省卫生健康委", "department"),
    ("2023年以来,丰源市公安局按照市委、市政府的工作部署,深入推进法治公安建设。", "丰源市公安局", "department"),
    ("2023年,我厅坚持以习近平法治思想为指导。全年审查《临江省道路运输条例》等草案3件。"
     "临江省交通运输厅制定《临江省交通运输厅执法规范》。", "临江省交通运输厅", "department"),
    ("2024年,在县委、县政府的坚强领导下,在县委依法治县办的指导下,柳堰镇始终坚持依法行政。", "柳堰镇", "town"),
    ("2025年,茶岭乡法治政府建设工作在市委、市人民政府的正确领导下,扎实推进。", "茶岭乡", "town"),
    ("2017年,山海省以建设法治政府为目标,深入推进依法行政。", "山海省", "province"),
    ("2024年,青石街道党工委、办事处坚持以习近平法治思想为指导。", "青石街道", "town"),
    ("一年来,在县委县政府的正确领导下,县市场监管局坚持依法行政。", "县市场监管局", "department"),
    ("2024年,兴宁市坚持以习近平法治思想为指导。", "兴宁市", "county"),
    ("2024年,我市坚持依法行政,全市办件3件。", None, "city"),      # no name for it anywhere
    ("2023年,我委坚持依法行政。", None, "department"),
    ("2024年,县委、县政府高度重视法治政府建设,印发《苇溪县法治政府建设实施方案》。", "苇溪县政府", "county"),
    ("2024年,镇党委、政府坚持依法行政,把法治建设纳入石桥镇发展规划。", "石桥镇政府", "town"),
    # a first sentence that only frames the year: the body is the next sentence's subject
    ("2023年是全面贯彻落实党的二十大精神的开局之年。石埠镇人民政府深入学习贯彻习近平法治思想。",
     "石埠镇", "town"),
])
def test_issuer_from_the_opening_sentence(pack, opening, issuer, level):
    o = ol(opening + "现将有关情况报告如下:\n一、主要举措和成效\n全年办理案件20件。\n", pack)
    assert (o.issuer, o.level) == (issuer, level)


def test_generic_reference_is_named_from_the_text(pack):
    o = ol("2024年,我县深入贯彻习近平法治思想,扎实推进法治政府建设。现将工作情况报告如下:\n"
           "一、主要举措和成效\n(一)统筹推进\n1.印发《2024年度松岗县法治政府建设工作要点》,"
           "制定《松岗县人民政府重大行政决策程序规定》。\n", pack)
    assert o.issuer == "松岗县人民政府" and o.level == "county" and o.year == 2024
    o = ol("根据有关规定,现将县人民政府2023年法治政府建设工作情况报告如下。\n一、主要成效\n"
           "县人民政府制定了《松岗县人民政府常务会议会前学法制度》。\n", pack)
    assert o.issuer == "松岗县人民政府" and o.level == "county" and o.year == 2023
    o = ol("2021年,按照省、市法治建设工作部署,市局党委带头推进法治公安建设。现将有关情况报告如下:\n"
           "一、主要举措\n制定《河湾市公安局2021年普法工作方案》。\n", pack)
    assert o.issuer == "河湾市公安局" and o.level == "department"


def test_bare_province_name_and_its_government(pack):
    o = ol("2024年,江西坚持以习近平法治思想为指导,扎实推动法治政府建设。现将有关情况报告如下。\n"
           "一、坚持党的领导\n省政府常务会议听取法治政府建设情况汇报2次。\n", pack)
    assert o.issuer == "江西省政府" and o.level == "province"


def test_title_and_issuer_line_under_it_with_a_salutation(pack):
    page = ("关于岩州市2024年度法治政府建设情况的报告\n岩州网  发布时间:2025-05-28 14:14:25\n"
            "(2025年5月29日在岩州市人民代表大会常务委员会会议上)\n岩州市人民政府\n"
            "主任、副主任、秘书长、各位委员:\n2024年,我市坚持依法行政。\n一、主要举措和成效\n办件1万件。\n")
    o = ol(page, pack)
    assert o.title == "关于岩州市2024年度法治政府建设情况的报告"
    assert o.issuer == "岩州市" and o.level == "city" and o.year == 2024
    assert o.addressee.startswith("主任")


def test_page_stamps_bullets_and_mis_decoded_marks_are_dropped(pack):
    page = ("溪口区人民政府2024年度法治政府建设工作情况\n\n  • 2025年03月19日 09时07分\n  • 来源: 司法局\n"
            "  • 【字体:\n  • 2024年,区政府坚持依法行政,全力推动政府工作纳入法治轨道。\n一、主要举措\n办件20件。\n")
    o = ol(page, pack)
    assert o.title == "溪口区人民政府2024年度法治政府建设工作情况" and o.level == "county"
    o = ol("? ? ? 2024年,在县委、县政府的领导下,桐溪镇始终坚持依法行政。现报告如下:\n一、主要成效\n办件9件。\n",
           pack)
    assert o.issuer == "桐溪镇" and o.level == "town"


def test_pinyin_garbled_traditional_title(pack):
    o = ol("雲溪縣人民政府關(guān)於2024年度法治政府建設(shè)情況的報(bào)告\n"
           "2024年,雲溪縣堅持依法行政。\n一、主要舉措\n辦件20件。\n", pack)
    assert o.issuer == "雲溪縣人民政府" and o.level == "county" and o.year == 2024


def test_years_in_book_titles_and_ranges_never_decide_the_report_year(pack):
    assert report_year_in("认真落实《法治政府建设实施纲要(2021—2025年)》,2023年全县推进") == 2023
    assert report_year_in("依据〔2025〕3号文件和2015-2020年规划") is None
    o = ol("2025年,是《法治政府建设实施纲要(2021—2025年)》收官之年。我乡推进依法行政。\n一、主要工作\n办件3件。\n",
           pack)
    assert o.year == 2025
    o = ol("认真落实《法治政府建设实施纲要(2021—2025年)》,现将我县2023年法治政府建设情况报告如下:\n"
           "一、主要工作\n办件3件。\n", pack)
    assert o.year == 2023
    o = ol("某旗人民政府关于2015-2020年度法治政府建设有关情况的报告\n某旗人民政府坚持依法行政。\n一、主要工作\n办件3件。\n",
           pack)
    assert o.year is None and o.issuer == "某旗人民政府" and o.level == "county"


@pytest.mark.parametrize("name, level", [
    ("兴宁市人民政府", "county"),          # a county-level city (梅州市)
    ("梅州市人民政府", "city"),
    ("梅州市兴宁市人民政府", "county"),
    ("上海市人民政府", "province"),        # a municipality
    ("北京市朝阳区人民政府", "county"),     # a district of a municipality
    ("长沙市天心区", "county"),
    ("中共嘉禾市委 嘉禾市人民政府", "city"),  # not in the list: by its suffix
    ("内蒙古自治区人民政府", "province"),
    ("恩施州人民政府", "city"),             # short form of an autonomous prefecture
    ("某地区行政公署", "city"),
    ("司法部", "department"), ("自然资源部", "department"), ("省卫生健康委", "department"),
    ("省政务办", "department"), ("某县人民政府办公室", "department"), ("市政府办公厅", "department"),
    ("某市发展和改革委员会", "department"), ("某市司法局党组", "department"),
    ("某县委", "county"), ("中共某县委员会", "county"),
    ("某区某某街道办事处", "town"), ("某镇人民政府", "town"), ("某某苏木", "town"),
    ("興寧市人民政府", "county"), ("廈門市思明區", "county"),   # traditional script
])
def test_level_of_reporting_bodies(name, level):
    assert level_of(name) == level


def test_a_city_reporting_to_another_city_is_county_level(pack):
    o = ol("云澄市人民政府2024年度法治政府建设情况报告\n2024年,云澄市人民政府在岐山市委、市政府的坚强领导下,"
           "坚持依法行政。\n一、主要工作\n办件3件。\n", pack)
    assert o.level == "county"
    o = ol("云澄市人民政府2024年度法治政府建设情况报告\n2024年,云澄市人民政府在省委、省政府的坚强领导下,"
           "坚持依法行政。市委常委会专题研究法治工作2次。\n一、主要工作\n办件3件。\n", pack)
    assert o.level == "city"
    # carried by another city's portal, in its column of counties and county-level cities
    o = ol("岑阳市人民政府 > 县市区动态 > 云澄市\n云澄市2024年法治政府建设年度报告\n2024年,云澄市人民政府"
           "坚持依法行政。\n一、主要工作\n办件3件。\n", pack)
    assert o.level == "county"
    # named only as 市政府, on the city's own portal
    o = ol("宁江市人民政府门户网站\n关于2023年度法治政府建设情况的报告\n2023年,市政府坚持依法行政。\n"
           "一、主要工作\n办件3件。\n", pack)
    assert o.issuer == "宁江市人民政府" and o.level == "city"
    o = ol("宁江市人民政府门户网站\n关于2023年度法治政府建设情况的报告\n2023年,县政府坚持依法行政。\n"
           "一、主要工作\n办件3件。\n", pack)
    assert o.issuer != "宁江市人民政府"          # a county's report on the city's portal
    # the report addressed to another city's government: a 县级市 the division list lacks
    o = ol("云澄市人民政府关于2024年度法治政府建设情况的报告\n岐山市人民政府:\n2024年,云澄市人民政府"
           "坚持依法行政。\n一、主要工作\n办件3件。\n", pack)
    assert o.level == "county"


# ------------------------------------------------------------ prior rectification parts

@pytest.mark.parametrize("heading", [
    "三、上一年度存在问题改进情况",
    "三、上年度问题整改情况",
    "三、2023年度法治政府建设存在问题整改情况",
    "三、对上年度报告中指出问题的整改落实情况",
    "三、法治督察反馈问题整改情况",
])
def test_prior_rectification_part_is_not_this_years_shortcomings(pack, heading):
    o = ol("一、主要举措和成效\n全年办理案件20件。\n" + heading + "\n"
           "针对上年度存在的执法人员持证率偏低问题,新增持证人员30名。\n"
           "四、存在的不足和原因\n执法信息化水平不高,线上办案率仅54%。究其原因是资金不足。\n"
           "五、2025年工作安排\n推进执法数字化。\n", pack)
    got = dict((t, r) for t, r in roles(o))
    assert got[heading] == "other"
    assert [t for t, r in roles(o) if r == "shortcomings"] == ["四、存在的不足和原因"]


def test_prior_rectification_inside_the_problems_part(pack):
    o = ol("一、主要举措和成效\n全年办理案件20件。\n二、存在的问题及下一步打算\n(一)上年度存在问题整改情况\n"
           "上年度指出的3个问题已整改2个。\n(二)存在的问题\n执法力量不足。\n(三)下一步打算\n加强执法队伍建设。\n", pack)
    assert roles(o)[1:] == [("二、存在的问题及下一步打算", "shortcomings"), ("(一)上年度存在问题整改情况", "other"),
                            ("(二)存在的问题", "shortcomings"), ("(三)下一步打算", "plans")]


def test_rectification_promised_in_the_plans_stays_a_plan(pack):
    o = ol("一、主要举措和成效\n全年办理案件20件。\n二、存在的不足\n执法力量不足。\n三、2025年工作安排\n"
           "(一)加强执法队伍建设\n新增执法人员。\n(二)抓好督察反馈问题整改情况跟踪\n逐项销号。\n", pack)
    assert roles(o)[-1] == ("(二)抓好督察反馈问题整改情况跟踪", "plans")


def test_page_title_with_its_site_and_more_table_keys(pack):
    page = ("芦湾县2024年度法治政府建设情况报告_芦湾县人民政府\n信息名称: 芦湾县2024年度法治政府建设情况报告\n"
            "发布单位: 芦湾县司法局 公开方式: 主动公开\n文章来源: 县司法局 浏览量: 126\n"
            "2024年,芦湾县人民政府坚持依法行政。现将有关情况报告如下:\n一、主要举措和成效\n办件20件。\n")
    assert facts(page, pack) == ("芦湾县2024年度法治政府建设情况报告", "芦湾县", "county", 2024)


def test_a_stamp_on_the_title_line_is_not_part_of_the_title(pack):
    o = ol("枫岭县2024年度法治政府建设情况报告 发布时间:2025-03-20 10:12\n2024年,枫岭县坚持依法行政。\n"
           "一、主要工作\n办件3件。\n", pack)
    assert o.title == "枫岭县2024年度法治政府建设情况报告" and o.issuer == "枫岭县"


def test_more_breadcrumb_and_stamp_styles(pack):
    page = ("您现在的位置: 首页 / 政务公开 / 法治政府建设\n枫林县卫生健康局2024年度法治政府建设情况报告\n"
            "发布者:枫林县卫生健康局 点击率:88\n字号:T|T\n【关闭窗口】【打印本页】\n2024年,我局坚持依法行政。\n"
            "一、主要工作\n办件3件。\n枫林县卫生健康局\n2025年2月20日\n")
    assert facts(page, pack) == ("枫林县卫生健康局2024年度法治政府建设情况报告", "枫林县卫生健康局",
                                 "department", 2024)
    page = ("当前位置:首页>>信息公开>>法定主动公开内容>>法治政府建设年度报告\n松溪区2024年法治政府建设年度报告\n"
            "信息来源:区司法局 发布日期:2025-03-21\n扫一扫在手机打开当前页\n2024年,松溪区坚持依法行政。\n"
            "一、主要工作\n办件3件。\n")
    assert facts(page, pack) == ("松溪区2024年法治政府建设年度报告", "松溪区", "county", 2024)


def test_our_town_is_named_from_the_text_not_from_a_phrase(pack):
    o = ol("2024年,我镇坚持依法行政。现将我镇2024年工作情况报告如下:\n一、主要工作\n"
           "明确牵头负责的镇直部门,将法治建设纳入了石桥镇发展总体规划,打造工业强镇。\n", pack)
    assert o.issuer == "石桥镇" and o.level == "town"


def test_a_column_name_above_the_opening_is_not_a_title(pack):
    o = ol("法治政府建设\n2024年,苇溪县坚持依法行政。现将有关情况报告如下:\n一、主要工作\n办件3件。\n", pack)
    assert o.title is None and o.issuer == "苇溪县" and o.year == 2024


def test_body_printed_under_a_title_without_issuer(pack):
    o = ol("关于2024年度法治政府建设情况的报告\n芦溪县人民政府\n县人大常委会:\n2024年,我县坚持依法行政。\n"
           "一、主要工作\n办件3件。\n", pack)
    assert o.issuer == "芦溪县人民政府" and o.level == "county" and o.addressee == "县人大常委会:"


def test_bare_part_headings_after_numbered_sub_parts(pack):
    """A report whose parts are unnumbered lines and whose first part has (一)… sub-parts:
    each later bare part heading closes the sub-parts before it (it is not a sentence of
    the last sub-part)."""
    o = ol("某县2024年法治政府建设情况报告\n"
           "主要举措和成效\n(一)深化放管服改革\n全年办理审批事项1200件。\n"
           "(二)规范行政执法\n全年办理行政处罚案件86件。\n"
           "党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持召开常务会议3次专题研究法治建设。\n"
           "存在的不足和原因\n一是执法人员持证率不足80%。主要原因是培训不足。\n"
           "2025年工作安排\n一是开展执法人员培训。二是推进持证上岗。\n", pack)
    top = [(s.title, s.role) for s in o.sections[1:] if s.level == 1]
    assert top == [("主要举措和成效", "achievements"),
                   ("党政主要负责人履行推进法治建设第一责任人职责情况", "first_responsible"),
                   ("存在的不足和原因", "shortcomings"), ("2025年工作安排", "plans")]
    # a short line inside a numbered part of a numbered report is still body text
    o = ol("一、主要工作\n(一)执法\n全年办理案件20件。\n存在的问题\n二、下一步打算\n加强培训。\n", pack)
    assert "存在的问题" not in [s.title for s in o.sections]


def test_problems_sub_part_of_a_part_named_for_next_steps(pack):
    """"六、正视差距,谋划下一步工作" holds the problems, then next year's plans: its first
    sub-part is the shortcomings part, not a plan measure."""
    o = ol("一、主要工作\n全年办理案件20件。\n六、正视差距,谋划下一步工作\n(一)存在的不足\n"
           "一是执法人员不足。\n(二)下一步工作打算\n一是加强执法队伍建设。\n", pack)
    assert roles(o)[1:] == [("六、正视差距,谋划下一步工作", "plans"), ("(一)存在的不足", "shortcomings"),
                            ("(二)下一步工作打算", "plans")]


def test_a_gap_named_among_the_plans_stays_a_plan(pack):
    """Without a next-year plans sibling after it, a sub-heading naming a gap inside the
    plans is a measure."""
    o = ol("一、主要工作\n全年办理案件20件。\n二、2025年工作安排\n(一)加强执法队伍建设\n培训3期。\n"
           "(二)执法力量不足的问题\n充实执法力量。\n", pack)
    assert [r for _, r in roles(o)] == ["achievements", "plans", "plans", "plans"]


def test_one_line_bare_heading_of_five_characters(pack):
    body = "全年审核规范性文件12件,出具法律意见5条,备案率100%。" * 60
    o = ol("清河县2024年度法治政府建设情况报告" + body + "存在的不足一是执法力量薄弱。二是复议纠错率偏高。"
           "2025年工作安排一是充实执法力量。清河县人民政府2025年3月18日", pack)
    assert ("存在的不足", "shortcomings") in roles(o)


def test_one_line_title_of_a_work_summary(pack):
    body = "全年审核规范性文件12件,出具法律意见5条,备案率100%。" * 60
    o = ol("清河县应急管理局2023年法治政府建设工作总结2023年,我局坚持依法行政。" + body, pack)
    assert o.title == "清河县应急管理局2023年法治政府建设工作总结"


def test_problems_and_causes_sub_parts_before_a_dated_plans_sub_part(pack):
    """"五、正视问题短板,谋划下步工作" with (一)存在的不足 (二)原因分析 (三)2025年主要安排:
    the first two are the shortcomings half, the third next year's plans."""
    o = ol("一、主要工作\n全年办理案件20件。\n五、正视问题短板,谋划下步工作\n(一)存在的不足\n"
           "一是执法人员不足。\n(二)原因分析\n究其原因,一是编制有限。\n(三)2025年主要安排\n"
           "一是加强执法队伍建设。\n", pack)
    assert [r for _, r in roles(o)][1:] == ["plans", "shortcomings", "shortcomings", "plans"]


def test_a_year_inside_a_plan_measure_does_not_make_the_measure_a_plans_part(pack):
    """(四)全面总结评估《…纲要(2021—2025年)》 is a measure: the gap named in (一) before it
    stays a plan measure too."""
    o = ol("一、主要工作\n全年办理案件20件。\n四、2025年主要安排\n(一)补齐基层合法性审查短板\n配备人员。\n"
           "(二)全面总结评估《法治政府建设实施纲要(2021—2025年)》贯彻落实情况\n开展评估。\n", pack)
    assert [r for _, r in roles(o)][1:] == ["plans", "plans", "plans"]


def test_a_heading_run_into_its_body_is_not_a_plan_by_its_last_words(pack):
    # one-line page: the heading runs on into a body sentence ending in 学习计划; a plan
    # heading (2025年工作计划, 下一步工作打算) is short
    o = ol("某局2024年法治政府建设情况报告\n一、主要工作\n全年办理案件20件。\n"
           "二、法治建设有关情况局党组把学习贯彻习近平法治思想纳入党组理论学习中心组学习计划\n"
           "全年专题学习4次。\n三、2025年工作计划\n加强执法培训。\n", pack)
    assert [s.role for s in o.sections[1:]] == ["achievements", "achievements", "plans"]


def test_attachment_titles_and_a_printing_line_after_the_signature(pack):
    # the signature is the one above 附件; "2.…整改清单" is an attachment's title, not a
    # heading with the copy-to and printing lines as its body
    text = ("某市人民政府关于2025年法治政府建设情况的报告\n一、主要举措和成效\n全年办理案件20件。\n"
            "五、其他需要报告的情况\n2025年,我市被命名为法治政府建设示范市。\n某市人民政府\n2026年3月20日\n"
            "附件:1.某市2025年度重大行政决策事项目录执行情况表\n2.某市2024年度法治督察反馈问题整改清单\n"
            "抄送:市委各部门,市人大常委会办公室,省委依法治省办。\n某市人民政府办公室　　2026年3月24日印发\n")
    o = ol(text, pack)
    assert (o.signature.issuer, o.signature.date) == ("某市人民政府", "2026-03-20")
    assert not any("整改清单" in s.title for s in o.sections)
    one = ol("".join(text.splitlines()), pack)           # the same page pasted as one line
    assert (one.signature.issuer, one.signature.date) == ("某市人民政府", "2026-03-20")


def test_a_report_without_headings_pasted_as_one_line(pack):
    # the parts begin inside the one long line: at "。同时也要清醒看到,…还存在一些短板:" and
    # "。下一步,…"; "现将全年工作情况报告如下" is the opening formula, not a bare heading
    paras = ["2024年,县司法局坚持依法行政,现将全年工作情况报告如下。"]
    paras += [f"一年来,县司法局审核规范性文件{n}件,办理复议案件{n + 3}件,调解纠纷{n * 10}件,"
              "组织执法人员培训,开展案卷评查,推进法治宣传教育。" for n in range(12, 40)]
    paras += ["同时也要清醒看到,全县法治政府建设还存在一些短板:一是乡镇执法案卷问题率达到17%;"
              "二是复议工作人员仅有4人。", "下一步,县司法局将重点抓好以下工作:一是开展乡镇执法人员培训;"
              "二是增加行政复议工作人员。"]
    o = ol("某县司法局2024年度法治政府建设情况报告\n" + "".join(paras) + "\n", pack)
    assert [(s.role, s.title[:8]) for s in o.sections] == [
        ("preamble", ""), ("shortcomings", "同时也要清醒看到"), ("plans", "下一步,县司法局")]


def test_a_signature_dated_by_month_only(pack):
    from lawcheck.check import check_text
    text = ("某市自然资源局2023年法治政府建设情况报告\n一、主要举措和成效\n全年办理案件20件。\n"
            "某市自然资源局\n2024年2月\n")
    o = ol(text, pack)
    assert o.signature.issuer == "某市自然资源局" and o.signature.date == "2024-02"
    r = check_text(text)
    assert r.item("meta.signature").status == "pass"
    assert "2024年2月" in r.item("meta.signature").reasons[0]
    deadline = r.item("meta.deadline")
    assert deadline.status == "pass" and "2024年2月," in deadline.reasons[0].replace("，", ",")
