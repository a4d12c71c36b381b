"""Chinese typography for the prose lawcheck writes: reasons, hints, descriptions.

Rule text and reasons are built from normalised report text and YAML written with ASCII
punctuation (the matcher folds full-width forms, so rule authors write "," and "("). A
reviewer reads them as Chinese sentences, where a comma is "，". `zh` turns ASCII
punctuation that sits in Chinese prose into its full-width form and leaves numbers
(1,000 · 16:05 · 3.5), identifiers and English alone.
"""
from __future__ import annotations

import re

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_AFTER_PROSE = rf"(?<=[{_HAN}“”‘’《》」』）)\]%])"
_COMMA = re.compile(_AFTER_PROSE + r" ?, ?|(?<=\d) ?, ?(?=[" + _HAN + "“])")
_SEMI = re.compile(_AFTER_PROSE + r" ?; ?")
_COLON = re.compile(_AFTER_PROSE + r" ?: ?")
_QUESTION = re.compile(rf"(?<=[{_HAN}”])\?")
_BANG = re.compile(rf"(?<=[{_HAN}”])!")
_PARENS = re.compile(rf"\(([^()]*[{_HAN}][^()]*)\)")


def zh(text: str) -> str:
    """`text` with the ASCII , ; : ? ! ( ) of its Chinese prose made full-width."""
    if not text or not re.search(rf"[{_HAN}]", text):
        return text
    text = _COMMA.sub("，", text)
    text = _SEMI.sub("；", text)
    text = _COLON.sub("：", text)
    text = _QUESTION.sub("？", text)
    text = _BANG.sub("！", text)
    return _PARENS.sub(r"（\1）", text)


def zh_tree(value):
    """`zh` over the strings of a dict/list tree (a rule's hints, its descriptions)."""
    if isinstance(value, str):
        return zh(value)
    if isinstance(value, dict):
        return {k: zh_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [zh_tree(v) for v in value]
    return value
