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
_ANY_HAN = re.compile(f"[{_HAN}]")
# each rewrite above, with the ASCII mark it needs (text without it is left as it is)
_REWRITES = ((",", _COMMA, "，"), (";", _SEMI, "；"), (":", _COLON, "："), ("?", _QUESTION, "？"),
             ("!", _BANG, "！"), (")", _PARENS, r"（\1）"))


def zh(text: str) -> str:
    """`text` with the ASCII , ; : ? ! ( ) of its Chinese prose made full-width."""
    if not text or not _ANY_HAN.search(text):
        return text
    for mark, pattern, full in _REWRITES:
        if mark in text:            # (most reasons have a comma and nothing else)
            text = pattern.sub(full, text)
    return text


def zh_tree(value):
    """`zh` over the strings of a dict/list tree (a rule's hints, its descriptions)."""
    if isinstance(value, str):
        return zh(value)
    if isinstance(value, dict):
        return {k: zh_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [zh_tree(v) for v in value]
    return value
