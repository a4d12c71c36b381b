"""rxstart: the first characters of a pattern's matches, and a finditer that tries only
where they stand, gives finditer's own matches (every pattern of the bundled pack, and
patterns written to catch each way of starting a match, over texts made of the
characters they care about)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lawcheck import rxstart
from lawcheck.rules import load_pack

# each one starts its matches another way: optional and repeated groups, alternatives
# (one empty), look-behind and look-ahead, anchors, classes, and ones with no first
# characters to find (they must be left to finditer)
_TRICKY = [r"(党政)?主要负责(人|同志)", r"(?<![原基])因[^。]{1,3}(而|,)", r"(?:甲|乙丙)+丁",
           r"(甲|)乙", r"(?=甲)甲乙|乙", r"^甲|乙$", r"(?m)^甲乙", r"(?<=甲)乙+", r"[丁-丙]乙",
           r"甲{0,2}乙", r"(?:甲?)+乙", r"(?>甲|乙)丙", r"\b甲", r"(甲)\1", r"甲?", r".乙",
           r"[^甲]乙", r"(?i)a乙", r"(?:(?:甲)?(?:乙)?)丙", r"因[^。为]{0,2}(而|,)"]
_TEXT = st.text(st.sampled_from(list("党政主要负责人同志原基因而,。甲乙丙丁 \naA未发生全年无零以")),
                max_size=40)


def _patterns() -> list[re.Pattern[str]]:
    pack = load_pack()
    pats = [re.compile(p) for p in _TRICKY]
    for it in pack.items:
        for key in ("patterns", "weak_patterns", "demote", "exclude"):
            pats.extend(it.year_patterns(key, 2024))
    return pats + pack.negations


PATTERNS = _patterns()


def _every_start(pattern: re.Pattern[str]) -> str | None:
    """first_chars without its test of whether the engine skips by itself, so the loop is
    tried on every pattern whose first characters can be known."""
    chars, empty = rxstart._starts(rxstart._parser.parse(pattern.pattern, pattern.flags).data)
    return None if chars is None or empty or pattern.flags & re.IGNORECASE else "".join(sorted(chars))


def test_first_characters():
    first = {p: rxstart.first_chars(re.compile(p)) for p in _TRICKY}
    assert first[r"(党政)?主要负责(人|同志)"] == "主党"
    assert first[r"(?<![原基])因[^。]{1,3}(而|,)"] == "因"
    assert first[r"(?:(?:甲)?(?:乙)?)丙"] == "丙乙甲"
    assert first[r"甲{0,2}乙"] == "乙甲"
    # the engine skips to these itself, or they may start anywhere or match nothing
    for p in (r"[丁-丙]乙", r"因[^。为]{0,2}(而|,)", r"甲?", r".乙", r"[^甲]乙", r"(?i)a乙",
              r"(甲)\1"):
        assert first[p] is None, p


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_TEXT)
def test_finditer_gives_the_engines_matches(text):
    for pat in PATTERNS:
        want = [(m.span(), m.groups()) for m in pat.finditer(text)]
        for chars in (rxstart.first_chars(pat), _every_start(pat)):
            if chars is None:
                continue
            got = [(m.span(), m.groups()) for m in
                   rxstart.finditer(pat, rxstart.starts_class(chars), text)]
            assert got == want, (pat.pattern, chars)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_TEXT)
def test_search_gives_the_engines_match(text):
    for pat in PATTERNS:
        m = pat.search(text)
        want = m and (m.span(), m.groups())
        for chars in (rxstart.first_chars(pat), _every_start(pat)):
            got = rxstart.search(pat, rxstart.starts_class(chars), text)
            assert (got and (got.span(), got.groups())) == want, (pat.pattern, chars)
