"""Shortcuts in the outline's helpers (and match.sentence_at) give the answers of the
code they replaced.

Each reference below is the code as it was before the shortcut (kept here, not in the
package): normalisation stripping the line before the letter-spacing test, the heading
marker test returning early on a first character no marker starts with, the heading
title cut at the first sentence end by a search instead of a loop over characters (and
its stop looked for only where it can count), the
enumeration split skipping text without a numeral before 是 and finding its points
after a mark without a look-behind, the one-line test looking
for hidden headings only where its answer depends on them, and sentence_at bisecting
bounds that include both ends of the text.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lawcheck import rx as re
from lawcheck.normalize import _LETTER_SPACED, _SPACES, _translate, normalize
from lawcheck.outline import fragments, markers
from lawcheck.outline.common import Line

_PIECES = st.sampled_from(["报", "告", "法治", " ", "  ", "\u3000", "\t", "\n", "一", "二", "十",
                           "是", "、", "。", ",", ":", ";", "(", ")", "(一)", "1", "2024年",
                           "第", "部分", "①", "٣", ".", "a", "存在的问题", "\u200b", "2024年,",
                           "2025年以", "法治政府建设"])
_TEXT = st.lists(_PIECES, max_size=30).map("".join)


def _normalize_before(text: str) -> str:
    text = _translate(text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if " " in text:
        text = _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)
    return text.strip()


def _heading_marker_before(text: str):
    for level, pat in markers._MARKERS:
        m = pat.match(text)
        if not m:
            continue
        token = m.group(1)
        ordinal = markers._CIRCLED.index(token) + 1 if token in markers._CIRCLED else markers.cn_number(token)
        rest = text[m.end():]
        if not rest or rest[0] in "是" and level == 1:
            return None
        if level == 3 and re.match(r"^\d", rest) and not re.match(r"^(19|20)\d\d年|^\d{3,}[\u4e00-\u9fff]", rest):
            return None
        return level, text[:m.end()].strip(), ordinal, rest
    return None


_TITLE_STOP_BEFORE = re.compile(r"[一二三四五六七八九十]是(?=\S)|(?<=[\u4e00-\u9fff])(?=(?:20\d\d|19\d\d)年[,以])")


def _split_heading_before(rest: str, glued: bool = False) -> tuple[str, str]:
    stop = _TITLE_STOP_BEFORE.search(rest)
    if glued:
        for rx in (markers._GLUED_OPENER, markers._GLUED_SUBLIST):
            opener = rx.search(rest)
            if opener and (stop is None or opener.start() < stop.start()):
                stop = opener
    if stop and 2 <= stop.start() <= 60:
        head = rest[:stop.start()]
        if not re.search(r"[。!?;:]", head):
            return head, rest[stop.start():].strip()
    for i, ch in enumerate(rest):
        if ch in "。!?;" or ch == ":" and i <= 60:
            title, body = rest[:i], rest[i + 1:].strip()
            if len(title) <= 60:
                return title, body
            break
    if len(rest) <= 60:
        return rest, ""
    m = re.search(r"[,:]", rest[:60])
    if m:
        return rest[:m.start()], rest[m.end():].strip()
    return rest[:60], rest[60:]


def _is_one_line_before(lines: list[Line]) -> bool:
    long_lines = sum(1 for ln in lines if len(ln.text) > 1500)
    packed = sum(1 for ln in lines if len(ln.text) > 300 and len(fragments._MIDLINE.findall(ln.text)) >= 2
                 or len(lines) <= 3 and len(markers.ANY_MARKER.findall(ln.text)) >= 2)
    if long_lines and sum(len(ln.text) for ln in lines if len(ln.text) > 1500) >= \
            0.9 * sum(len(ln.text) for ln in lines):
        return True
    return (packed > 0 and len(lines) <= 5) or (long_lines > 0 and long_lines >= len(lines) // 3)


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(_TEXT)
def test_normalize_strips_first_to_the_same_text(text):
    assert normalize(text) == _normalize_before(text)


def test_normalize_letter_spacing_only_where_two_spaces_stand_two_apart():
    """normalize runs the letter-spacing pattern only on a line where two spaces stand
    two characters apart: the same text as running it on every line with a space, on
    random strings of ideographs, spaces and other characters (letter-spaced runs of
    every length among them) and on the fixture lines."""
    import random
    from pathlib import Path
    from lawcheck.read import read_path
    rnd = random.Random(7)
    texts = ["".join(rnd.choice("报告法治 \u3000 a1,") for _ in range(rnd.randrange(0, 16)))
             for _ in range(20000)] + ["报 告", "法 治 政 府", " 报 告 ", "a 报 告", "报 告a"]
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
    texts += [line for path in sorted(fixtures.glob("*.txt")) for line in read_path(str(path)).lines]
    spaced = 0
    for text in texts:
        assert normalize(text) == _normalize_before(text), text
        spaced += _LETTER_SPACED.search(_translate(text).strip()) is not None
    assert spaced > 100


_MARKED = st.tuples(st.sampled_from(["", "一、", "(一)", "(1)", "1.", "1、", "12.", "①", "第一部分",
                                     "十二、", "一是", "2.5", "٣.", "١、", "二 、", "(十一)"]),
                   _TEXT).map("".join)


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(_MARKED)
def test_heading_marker_shortcut(text):
    assert markers.heading_marker(text) == _heading_marker_before(text)


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.lists(_PIECES, max_size=60).map("".join), st.booleans())
def test_heading_title_cut(rest, glued):
    assert markers.split_heading(rest, glued) == _split_heading_before(rest, glued)


_ENUM_BEFORE = re.compile(r"(?:(?<=^)|(?<=[。;:!?,]))\s*((?:[一二三四五六七八九十]{1,2})是)(?=\S)")


def _split_enums_before(text: str) -> list[tuple[str, str]]:
    matches = list(_ENUM_BEFORE.finditer(text))
    if len(matches) == 1 and matches[0].start(1) == 0:
        return [(matches[0].group(1), text)]
    if len(matches) < 2:
        return [("", text)]
    out: list[tuple[str, str]] = []
    if matches[0].start() > 0 and text[:matches[0].start()].strip():
        out.append(("", text[:matches[0].start()].strip()))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        out.append((m.group(1), text[m.start(1):end].strip()))
    return out


_ENUM_TEXT = st.lists(st.sampled_from(["一是", "二是", "十二是", "一", "是", "。", ",", ";", ":", "!",
                                        "?", " ", "  ", "法治", "建设", "、"]), max_size=20).map("".join)


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(_ENUM_TEXT)
def test_enumeration_split(text):
    assert markers._enum_points(text) == [(m.start(), m.start(1), m.group(1))
                                          for m in _ENUM_BEFORE.finditer(text)]
    assert markers.split_enums(text) == _split_enums_before(text)


_LONG = st.sampled_from(["一、成效。", "二、问题。" * 80, "(一)执法。" * 60, "法治" * 800, "短句。", "1.措施;"])


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(st.lists(_LONG, max_size=4).map("".join), max_size=8))
def test_one_line_test_looks_for_headings_only_when_it_matters(texts):
    lines = [Line(i + 1, t) for i, t in enumerate(texts)]
    assert fragments.is_one_line(lines) == _is_one_line_before(lines)


def test_heading_title_cut_at_the_limits():
    for n in (0, 1, 2, 58, 59, 60, 61, 62, 70):
        for mark in (":", "。", ";", "?", "一是", "2024年,", "2024年以", "2024年"):
            for tail in ("", "后文", "后文:还有。"):
                rest = "法" * n + mark + tail
                for glued in (False, True):
                    assert markers.split_heading(rest, glued) == _split_heading_before(rest, glued), rest


def _sentence_at_before(text: str, pos: int) -> tuple[int, int]:
    import bisect
    ends = tuple(m.end() for m in re.finditer(r"[。!?;]", text))
    i = bisect.bisect_right(ends, pos)
    return (ends[i - 1] if i > 0 else 0), (ends[i] if i < len(ends) else len(text))


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(_TEXT)
def test_sentence_at_with_bounds(text):
    from lawcheck.match import sentence_at
    for pos in range(len(text) + 2):
        assert sentence_at(text, pos) == _sentence_at_before(text, pos)


def test_heading_title_stop_at_the_limit():
    # a stop at 60, which only a search seeing 6 characters past it finds; without it
    # the title would be cut at the comma
    for n in (58, 59, 60, 61):
        rest = "法" * 30 + "," + "法" * (n - 31) + "2024年,开展工作。"
        for glued in (False, True):
            assert markers.split_heading(rest, glued) == _split_heading_before(rest, glued), n


def test_enum_core_found_with_str_find_is_the_regex():
    """markers._has_enum_core (是 found with str.find, the character before it read) says
    what _ENUM_CORE.search says, on every fixture line and on random strings of
    numerals, 是 and other characters."""
    import random
    from lawcheck.outline import markers
    from lawcheck.read import read_path
    from pathlib import Path
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
    texts = [line for path in sorted(fixtures.glob("*.txt")) for line in read_path(str(path)).lines]
    rnd = random.Random(5)
    texts += ["".join(rnd.choice("一二十是是甲 ,") for _ in range(rnd.randrange(0, 12)))
              for _ in range(5000)] + ["", "是", "一是", "是一是", "甲是"]
    for text in texts:
        assert markers._has_enum_core(text) == (markers._ENUM_CORE.search(text) is not None), text


def test_names_fold_traditional_characters_as_str_translate():
    """names.plain's folding of traditional characters (a regex substitution of the
    characters the table changes) is str.translate with the table, on every character
    of the table, random strings of them and others, and the fixture lines."""
    import random
    from pathlib import Path
    from lawcheck.outline import names
    from lawcheck.read import read_path
    keys = "".join(chr(cp) for cp in names._T2S)
    rnd = random.Random(3)
    texts = [keys, keys[::-1]] + ["".join(rnd.choice(keys + "镇县市 a1") for _ in range(rnd.randrange(0, 20)))
                                  for _ in range(3000)]
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
    texts += [line for path in sorted(fixtures.glob("*.txt")) for line in read_path(str(path)).lines]
    for text in texts:
        assert names._to_simplified(text) == text.translate(names._T2S), text


def test_sub_role_reads_the_siblings_only_for_the_role_they_decide():
    """assign_roles works out whether plans follow (problems come before) a sub-part
    only when its heading names the problems (the plans): for any other heading,
    _sub_role gives the same answer whatever those flags say. Every set of roles a
    heading can name, under every parent role, with rectification titles and not."""
    from itertools import combinations
    from lawcheck.outline.roles import _sub_role
    from lawcheck.rules import load_pack
    vocab = load_pack().roles
    roles = ["first_responsible", "shortcomings", "plans", "other", "achievements"]
    titles = ["(一)存在的不足", "(二)2025年工作计划", "(一)上年度问题整改情况", "(三)推进依法行政"]
    for n in range(len(roles) + 1):
        for found in map(list, combinations(roles, n)):
            for parent in roles + ["preamble"]:
                for title in titles:
                    for parent_title in titles:
                        args = (title, found, parent_title, parent, vocab)

                        def role(follow, before, args=args):
                            return _sub_role(*args, follow, before)
                        for flag in (False, True):
                            if "shortcomings" not in found:
                                assert role(False, flag) == role(True, flag), (found, parent, title)
                            if "plans" not in found:
                                assert role(flag, False) == role(flag, True), (found, parent, title)


def test_portal_read_from_the_start_of_a_long_line_as_from_all_of_it():
    """chrome.portal_of (a long line read only as far as a site name or a breadcrumb's
    first step can reach) names the portal the whole line without its spaces names, on
    the fixture lines and random lines of site names, breadcrumbs, spaces and text of
    every length around the limit."""
    import random
    from pathlib import Path
    from lawcheck.outline import chrome
    from lawcheck.read import read_path

    def whole(text):
        key = re.sub(r"\s+", "", text)
        m = chrome._SITE_OF.match(key) or chrome._CRUMB_SITE.match(key)
        return m.group(1) if m else None
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
    texts = [line for path in sorted(fixtures.glob("*.txt")) for line in read_path(str(path)).lines]
    rnd = random.Random(13)
    pieces = ["宁江市", "人民政府", "政府", "门户网站", "网站", "网", ">", "»", " ", "   ", "\t",
              "信息公开", "法治", "甲", "a"]
    for _ in range(20000):
        texts.append("".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 40))))
    found = 0
    for text in texts:
        assert chrome.portal_of(text) == whole(text), text
        found += whole(text) is not None
    assert found > 100


def test_page_facts_keys_searched_only_in_lines_holding_their_characters():
    """page_facts searches a line for the metadata title key only when it holds 标 or 名,
    and for the publisher key only when it holds 发: every match of either holds them,
    so lines of keys written with spaces in them and other text give the same facts."""
    import random
    from lawcheck.outline import chrome
    from lawcheck.outline.common import Line
    rnd = random.Random(17)
    pieces = ["标", "题", "名", "称", "文件名称", "中文名", "信息名称", "文章标题", "发", "布", "机", "构",
              "单", "位", "文", "关", " ", ":", "法治政府建设年度报告", "某县人民政府", "2025年"]
    for _ in range(3000):
        lines = [Line(i + 1, "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 12))))
                 for i in range(rnd.randrange(1, 6))]
        title = publisher = None
        for ln in lines:
            if len(ln.text) > 160 or "。" in ln.text:
                continue
            m = chrome._TITLE_KEY.search(ln.text)
            if m and title is None and "报告" in m.group(1):
                title = m.group(1)
            m = chrome._PUBLISHER_KEY.search(ln.text)
            if m and publisher is None:
                publisher = m.group(1)
        facts = chrome.page_facts(lines)
        assert (facts.title, facts.publisher) == (title, publisher), lines
