"""Reasons and hints are Chinese sentences: their punctuation is full-width, while
numbers, times, identifiers and English keep ASCII (lawcheck.zhtype)."""
from __future__ import annotations

import pytest

from lawcheck.check import check_text
from lawcheck.zhtype import zh, zh_tree


@pytest.mark.parametrize("text, want", [
    ("全文没有第一责任人部分,正文也没有提到", "全文没有第一责任人部分，正文也没有提到"),
    ("写到“原因主要是”,并有数据", "写到“原因主要是”，并有数据"),
    ("如“究其原因,一是…二是…”,或增设小节", "如“究其原因，一是…二是…”，或增设小节"),
    ("落款“石梁县人民政府”,2025年2月20日", "落款“石梁县人民政府”，2025年2月20日"),
    ("写明成文日期(年月日)。", "写明成文日期（年月日）。"),
    ("受理12件,办结10件;办结率83%", "受理12件，办结10件；办结率83%"),
    ("没有数据的小节:“三、扎实推进依法行政”", "没有数据的小节：“三、扎实推进依法行政”"),
    ("是否落实?", "是否落实？"),
])
def test_prose_punctuation_is_full_width(text, want):
    assert zh(text) == want


@pytest.mark.parametrize("text", [
    "第 1,000 件",                   # a thousands separator
    "发布于16:05",                    # a time
    "gate: structure.causes is missing; see docs",   # English, identifiers
    "占比(83%)",                       # brackets around a figure only
    "",
])
def test_numbers_times_and_english_keep_ascii(text):
    assert zh(text).replace("发布于", "") == text.replace("发布于", "")


def test_trees_of_rule_prose():
    assert zh_tree({"because": {"x": "甲,乙"}, "n": 1, "l": ["丙;丁"]}) == \
        {"because": {"x": "甲，乙"}, "n": 1, "l": ["丙；丁"]}


def test_results_carry_chinese_typography():
    report = check_text("青石镇2024年法治政府建设工作报告\n一、主要举措和成效\n全年办理案件20件。\n")
    for it in report.items:
        for text in [*it.reasons, it.hint or ""]:
            assert "," not in text or not any("\u4e00" <= c <= "\u9fff" for c in text), (it.id, text)
