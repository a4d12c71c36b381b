"""Sentences of a report as passages to compare across reports: year over year
(previous.py, what was copied from last year's report) and across a batch (shared.py).

A passage is one sentence of one line (lines are paragraphs in every reader), with a
matching key: the sentence normalised (normalize.py), its stock phrases taken out, then
punctuation and spaces dropped and (year over year) every run of digits folded to one 0,
so "办理案件12件" and "办理案件15件" have the same key and a sentence copied with this
year's figures is still found. A sentence whose key is shorter than `min_chars` once the stock phrases are
out (the guiding-ideology formula, 现将有关情况报告如下, 特此报告) is no passage at all:
every report has those, they say nothing about copying.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import normalize

# Sentence ends; a semicolon ends a clause long enough to be copied on its own.
_SENT = re.compile(r"[^。!?;]+[。!?;]?")
# Formula wording every report shares (stock phrases): taken out before the length test.
# Each pattern runs only on a sentence holding its trigger (a plain substring test), which
# keeps this at a few microseconds a sentence.
_STOCK_RULES: list[tuple[str, str]] = [
    ("习近平", r"以习近平新时代中国特色社会主义思想为指导|习近平新时代中国特色社会主义思想|"
              r"深入(学习)?贯彻(落实)?习近平法治思想|习近平法治思想|习近平总书记[^,。;]{0,20}(讲话|指示|论述)精神"),
    ("二十", r"(全面)?(深入)?(学习)?贯彻(落实)?党的二十大(和二十届[一二三四五六七八九、]+中全会)?精神|"
            r"党的二十大(和二十届[一二三四五六七八九、]+中全会)?精神"),
    ("依法治国工作会议", r"中央全面依法治国工作会议精神"),
    ("纲要", r"(认真)?贯彻落实《?法治政府建设实施纲要\(?2021[-—–]2025年?\)?》?|法治政府建设实施纲要\(?2021[-—–]2025年?\)?"),
    ("督察工作规定", r"《法治政府建设与责任落实督察工作规定》"),
    ("报告", r"现将[^。]{0,20}(情况|工作)报告如下|特此报告"),
    ("领导下", r"(在|坚持)[^,。;]{0,16}(坚强|正确)领导下"),
    ("以人民为中心", r"坚持以人民为中心(的发展思想)?"),
    ("依法治", r"(扎实|全面|持续|深入)?推进(全面)?依法治(国|省|市|县|区|镇|乡)"),
    ("固根本", r"更好发挥法治固根本、稳预期、利长远的(保障)?作用"),
    ("法治保障", r"(为|提供)[^,。;]{0,20}(坚实|有力|坚强)的?法治保障"),
    ("第一责任人职责", r"(党政主要负责人履行)?推进法治建设第一责任人职责"),
    ("取得", r"(各项工作)?取得(了)?(明显|显著|积极|良好)?(成效|进展)|法治政府建设(工作)?(取得|迈出)[^,。;]{0,10}"),
    ("奋力谱写", r"奋力谱写[^,。;]{0,20}"),
    ("中国式现代化", r"中国式现代化"),
    ("高质量发展", r"高质量发展"),
    ("铸牢", r"铸牢中华民族共同体意识"),
    ("按照", r"按照[^,。;]{0,20}(部署|要求)"),
    ("根据", r"根据[^,。;]{0,20}(要求|规定)"),
]
STOCK_RULES = [(t, re.compile(p)) for t, p in _STOCK_RULES]


def strip_stock(sentence: str) -> str:
    """The sentence without its stock phrases."""
    for trigger, rx in STOCK_RULES:
        if trigger in sentence:
            sentence = rx.sub("", sentence)
    return sentence


_DROP = re.compile(r"[\s\W_]+", re.UNICODE)
_DIGITS = re.compile(r"\d+")


@dataclass
class Passage:
    line: int            # 1-based line of the document
    text: str            # the sentence, normalised for display (full-width folded)
    key: str             # the matching key (see module docstring)


def key_of(sentence: str, fold_digits: bool = True) -> str:
    s = _DROP.sub("", strip_stock(sentence))
    return (_DIGITS.sub("0", s) if fold_digits else s).lower()


def passages(lines: list[str], min_chars: int = 30, fold_digits: bool = True) -> list[Passage]:
    """Every sentence of `lines` whose key has at least `min_chars` characters.
    `fold_digits`: figures fold to 0 (year over year, where this year's figures replace
    last year's); across submissions they stay, so that two issuers' sentences of the
    same pattern with their own figures are not one passage."""
    out: list[Passage] = []
    for i, raw in enumerate(lines, 1):
        if len(raw) < min_chars:
            continue
        text = normalize(raw)
        for m in _SENT.finditer(text):
            sent = m.group(0).strip()
            if len(sent) < min_chars:
                continue
            key = key_of(sent, fold_digits)
            if len(key) >= min_chars:
                out.append(Passage(line=i, text=sent, key=key))
    return out


def shingles(key: str, k: int = 3) -> set[str]:
    """Character k-grams of a key (the sets MinHash and Jaccard compare)."""
    if len(key) <= k:
        return {key}
    return {key[i:i + k] for i in range(len(key) - k + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0
