"""A report that reaches us as ONE line: a portal page exported without line breaks, or a
report whose parts are bare (unnumbered) headings glued between sentences.

The outline must recover what the page with its line breaks gives: the title (not the
breadcrumb), the signature (not the 【打印】【关闭】 footer), and the statutory parts named by
bare headings. Must-not-hit cases keep ordinary sentences that mention 整改措施 or 存在问题
out of the headings.
"""
from __future__ import annotations

from pathlib import Path

from lawcheck.check import check_path

# Enough ordinary body text to make the report long, the way real ones are.
_WORK = ("全年审核规范性文件{n}件,出具法律意见{m}条,备案率100%。开展行政执法案卷评查,"
         "评查案卷{n}卷,发现问题{m}个,已全部整改。组织领导干部集中学法{m}次,旁听庭审1次。")


def _body(k: int) -> str:
    return "".join(_WORK.format(n=10 + i, m=3 + i) for i in range(k))


TITLE = "清河县2024年度法治政府建设情况报告"
OPENING = ("2024年,清河县坚持以习近平法治思想为指导,全面推进依法行政,各项工作取得积极成效。"
           "现将有关情况报告如下:")
BARE_BODY = (OPENING
             + "推进法治政府建设的主要举措和成效(一)加强制度建设" + _body(8)
             + "(二)规范行政执法" + _body(8)
             + "县政府逐项制定整改措施,目前3项问题已全部整改到位。"
             + "党政主要负责人履行推进法治建设第一责任人职责情况"
             + "县长主持召开县政府常务会议专题研究法治政府建设3次,带头旁听庭审1次。"
             + "存在的不足和原因"
             + "一是基层执法力量薄弱,12个乡镇中有7个仅有1名法制审核人员。二是复议纠错率偏高,达到21%。"
             + "主要原因是:执法权限下放时间较短,专业人才引进难。"
             + "2025年工作安排"
             + "一是为每个乡镇配备2名专职法制审核人员。二是逐案剖析复议纠错案件,制发复议意见书。")
SIGNATURE = "清河县人民政府2025年3月18日"


def _write(tmp_path: Path, text: str) -> str:
    p = tmp_path / "one-line.txt"
    p.write_text(text, encoding="utf-8")
    return str(p)


def _status(report, item_id: str) -> str:
    return next(str(i.status) for i in report.items if i.id == item_id)


def test_breadcrumb_glued_to_title_and_footer_glued_to_signature(tmp_path):
    page = ("当前位置:首页 > 政务公开 > 清河县 > 法治政府建设" + TITLE
            + "来源:清河县司法局 发布时间:2025-03-20 16:05 浏览量:【字号:大 中 小】"
            + BARE_BODY + SIGNATURE
            + "【打印本页】【关闭窗口】扫一扫在手机打开当前页主办单位:清河县人民政府办公室 "
              "网站标识码:5113990002 备案号:云川ICP备05012345号")
    report = check_path(_write(tmp_path, page))
    assert report.title == TITLE
    assert report.signature is not None
    assert report.signature.issuer == "清河县人民政府"
    assert report.signature.date == "2025-03-18"
    assert _status(report, "meta.title") == "pass"
    assert _status(report, "meta.signature") == "pass"


def test_metadata_table_glued_before_the_article(tmp_path):
    page = ("首页 > 政务公开 > 法定主动公开内容 > 法治政府建设年度报告"
            "索 引 号:11350700MB0X2217KA/2025-00031 分 类:综合政务 发布机构:清河县人民政府办公室 "
            "发文日期:2025-03-18标 题:" + TITLE + "文 号: 有效性:有效字号:[ 大 中 小 ] 浏览次数:1862"
            + TITLE + BARE_BODY + SIGNATURE + "【打印】【关闭】")
    report = check_path(_write(tmp_path, page))
    assert report.title == TITLE
    assert report.signature is not None and report.signature.date == "2025-03-18"


def test_bare_part_headings_glued_between_sentences(tmp_path):
    report = check_path(_write(tmp_path, TITLE + BARE_BODY + SIGNATURE))
    roles = {s.title: s.role for s in report.sections}
    assert roles.get("党政主要负责人履行推进法治建设第一责任人职责情况") == "first_responsible"
    assert roles.get("存在的不足和原因") == "shortcomings"
    assert roles.get("2025年工作安排") == "plans"
    assert _status(report, "structure.first_responsible") == "pass"
    assert _status(report, "structure.shortcomings") == "pass"
    assert _status(report, "structure.plans") == "pass"


def test_a_sentence_about_rectification_measures_is_not_a_heading(tmp_path):
    report = check_path(_write(tmp_path, TITLE + BARE_BODY + SIGNATURE))
    titles = [s.title for s in report.sections]
    assert not any(t.startswith("县政府逐项制定整改措施") for t in titles)


def test_multi_line_page_is_untouched(tmp_path):
    """The same page with its line breaks never goes through the one-line cutting."""
    lines = ["当前位置:首页 > 政务公开 > 法治政府建设", TITLE, "来源:清河县司法局 发布时间:2025-03-20",
             OPENING, "一、推进法治政府建设的主要举措和成效", _body(8),
             "二、党政主要负责人履行推进法治建设第一责任人职责情况", "县长主持召开常务会议3次。",
             "三、存在的不足和原因", "一是基层执法力量薄弱。主要原因是:专业人才引进难。",
             "四、2025年工作安排", "一是为每个乡镇配备2名专职法制审核人员。",
             "清河县人民政府", "2025年3月18日", "【打印本页】【关闭窗口】"]
    report = check_path(_write(tmp_path, "\n".join(lines) + "\n"))
    assert report.title == TITLE
    assert report.signature is not None and report.signature.date == "2025-03-18"


def test_breadcrumb_without_home_step(tmp_path):
    """A breadcrumb that starts at the site name (no 首页) is still cut off the title."""
    page = ("清河县人民政府门户网站 > 部门信息公开 > 县司法局 > 法治政府建设" + TITLE
            + BARE_BODY + SIGNATURE)
    report = check_path(_write(tmp_path, page))
    assert report.title == TITLE
    assert report.level == "county"


def test_double_sign_breadcrumb_share_widget_and_article_links(tmp_path):
    """首页 >> 信息公开 >> … >> 其他法定公开信息 glued to the title, a share widget glued to
    the opening, 上一篇/下一篇 and a footer after the signature: title, parts and signature
    are found as on the page with its breaks."""
    page = ("当前位置:首页 >> 信息公开 >> 法定主动公开内容 >> 其他法定公开信息" + TITLE
            + "发布机构:清河县人民政府办公室 | 发布日期:2025-03-18 | 浏览量:427 | 字体:[大 中 小]"
            + "分享到:微信 微博 QQ空间" + BARE_BODY + SIGNATURE
            + "【打印】 【关闭】 【返回顶部】上一篇:清河县2024年政府信息公开工作年度报告"
              "下一篇:清河县关于开展春季消防安全检查的通知版权所有:清河县人民政府 | 地址:清河县滨江大道88号"
              "网站标识码:3601050001 | 青ICP备07012345号-1 | 技术支持:清河县大数据中心")
    report = check_path(_write(tmp_path, page))
    assert report.title == TITLE
    assert report.signature is not None and report.signature.date == "2025-03-18"
    assert _status(report, "structure.shortcomings") == "pass"
    assert _status(report, "meta.signature") == "pass"
