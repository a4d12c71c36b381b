"""Focused tests of the outline stage: headings, roles, one-line reports, metadata."""
from __future__ import annotations

from lawcheck.model import Document
from lawcheck.normalize import normalize
from lawcheck.outline import outline
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
