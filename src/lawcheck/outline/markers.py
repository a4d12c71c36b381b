"""Heading markers: whether a line starts with one (一、 / (一) / 1. / 1、 / (1) / ① /
第一部分) and at what level, whether an unnumbered line is a bare part heading, where the title of a heading that runs on into its body
ends, and how an inline enumeration (一是…二是…) cuts into points."""
from __future__ import annotations

from typing import Callable

from .. import rx as re
from ..normalize import cn_number
from .vocab import RoleVocabulary

CN = "一二三四五六七八九十"
# What a decimal number is followed by when it is an amount, not an outline number
# (3.2 万元, 0.8 公里, 2.3 平方公里): the first characters of units of measure.
MEASURE_CHARS = "万亿千百元%‰个件项人次户家条名台辆吨亩米倍小天年月日公平立克升秒分周期批场宗起例份块张篇本套座所处只头株棵"
# (level, regex at the start of a unit). Order matters: (1) before 1.
_MARKERS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(rf"^第([{CN}]{{1,3}})(部分|章|篇)\s*[、:.]?\s*")),   # above 一、
    (1, re.compile(rf"^([{CN}]{{1,3}})\s*[、.]\s*")),
    (2, re.compile(rf"^\(([{CN}]{{1,3}})\)\s*[、.]?\s*")),
    (4, re.compile(r"^\((\d{1,2})\)\s*[、.]?\s*")),
    # decimal outline numbers: 1.2.1 (under 1.2) and 1.2 followed by a space (under 1.);
    # "2.5万" (no space) stays a number
    (5, re.compile(r"^\d{1,2}\.\d{1,2}\.(\d{1,2})(?![\d.%])\s*")),
    (4, re.compile(rf"^[1-9]\d?\.(\d{{1,2}})\s+(?=[^\s\d{MEASURE_CHARS}])")),
    # 1. / 1、 — and "1.2024年…" where the title starts with a year, not a decimal
    # "2.12345热线…" (a number of 3+ digits then text) is a heading too; "2.5万" is not
    (3, re.compile(r"^(\d{1,2})\s*(?:[、]|\.(?!\d)|\.(?=(?:19|20)\d\d年)|\.(?=\d{3,}[\u4e00-\u9fff]))\s*")),
    (5, re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
]
_MARKER_FIRST = frozenset("第(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳" + CN)
# What each marker starts with (level 3: a digit), and so the markers a first character
# can begin, in _MARKERS' order: the others would fail on it at once.
_STARTS = {0: "第", 1: CN, 2: "(", 4: "(", 5: "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"}
_DIGIT_MARKERS = [(lv, pat) for lv, pat in _MARKERS if pat.pattern.startswith(("^\\d", "^(\\d", "^[1-9]"))]
_BY_FIRST: dict[str, list[tuple[int, re.Pattern[str]]]] = {
    ch: [(lv, pat) for lv, pat in _MARKERS if ch in _STARTS.get(lv, "") and (lv, pat) not in _DIGIT_MARKERS]
    for ch in _MARKER_FIRST}
# after a level-3 marker, a digit means a decimal (2.5万), unless a year or a number of
# three or more digits before text follows (1.2024年…, 2.12345热线…)
_DIGIT_ORDINAL = re.compile(r"\d")
_YEAR_OR_HOTLINE = re.compile(r"(19|20)\d\d年|\d{3,}[\u4e00-\u9fff]")
_CLAUSE_END = re.compile(r"[,:]")
ANY_MARKER = re.compile(rf"[{CN}]{{1,2}}、|\([{CN}]{{1,2}}\)")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_SENT_END_RE = re.compile("[。!?;]")
_TITLE_END = re.compile(r"[。!?;:]")
# Inline enumerations: 一是… 二是… (split so each point is its own unit), at the start of
# a text or after a clause mark. The second matches the mark too, so the regex engine
# skips from mark to mark (a look-behind first would have it try every character).
_ENUM_AT_START = re.compile(rf"\s*((?:[{CN}]{{1,2}})是)(?=\S)")
_ENUM_AFTER_MARK = re.compile(rf"[。;:!?,]\s*((?:[{CN}]{{1,2}})是)(?=\S)")
# What every point of an enumeration holds: most paragraphs have none.
_ENUM_CORE = re.compile(rf"[{CN}]是")


def _has_enum_core(text: str) -> bool:
    """`_ENUM_CORE.search(text) is not None`: each 是 found with str.find and the numeral
    before it looked at (a regex of a class scans a paragraph of Chinese text at several
    times the cost; 是 is rarer than the numerals)."""
    i = text.find("是", 1)
    while i > 0:
        if text[i - 1] in CN:
            return True
        i = text.find("是", i + 1)
    return False


def heading_marker(text: str) -> tuple[int, str, int | None, str] | None:
    """(level, marker text, ordinal, rest) when `text` starts with a heading marker."""
    if not text or text[0] not in _MARKER_FIRST and not text[0].isdigit():
        return None          # what every marker starts with (\d: a decimal digit)
    for level, pat in _BY_FIRST.get(text[0], _DIGIT_MARKERS):
        m = pat.match(text)
        if not m:
            continue
        token = m.group(1)
        ordinal: int | None
        if token in _CIRCLED:
            ordinal = _CIRCLED.index(token) + 1
        else:
            ordinal = cn_number(token)
        rest = text[m.end():]
        if not rest or rest[0] in "是" and level == 1:   # 一是… is an enumeration
            return None
        if level == 3 and _DIGIT_ORDINAL.match(rest) and not _YEAR_OR_HOTLINE.match(rest):
            return None
        return level, text[:m.end()].strip(), ordinal, rest
    return None


# a sub-list glued to its heading starts at its first item: 原因一、存在的不足 / 不足1、基层…
_GLUED_SUBLIST = re.compile(
    r"(?<=[\u4e00-\u9fff])(?=(?:一、|1[、.](?!\d)|\(一\)|\(1\)|①)(?:[\u4e00-\u9fff]|(?:19|20)\d\d年))")
_GLUED_OPENER = re.compile(
    r"(?<=[\u4e00-\u9fff]{4})\s*(?=坚持|始终|全年|今年以来|一年来|我镇|我县|我区|我市|我局|(?:19|20)\d\d年|针对|究其原因|主要原因|对照)")
# where a statutory part's title may end and its body follow at once in a report pasted as
# one line (…职责情况委党组书记…); not where the title goes on (问题及下一步打算, 举措和成效);
# only an end whose title is a part's title counts (2024年度问题|整改情况 is not one)
_PART_ENDS = ("情况", "问题", "不足", "原因", "打算", "安排", "成效")
_GLUED_PART_END = re.compile(
    rf"(?<={'|'.join(_PART_ENDS)})(?=[\u4e00-\u9fff])(?![及和与以的等并])")
# (the first look-ahead names the first character of both: other characters fail at once)
_TITLE_STOP = re.compile(
    rf"(?=[{CN}12])(?:[{CN}]是(?=\S)|(?<=[\u4e00-\u9fff])(?=(?:20\d\d|19\d\d)年[,以]))")
# A stop counts only where a title of at most 60 characters ends (one further on acts as
# none, also against a glued opener), and looks at most 6 characters ahead of where it
# starts: its search stops there instead of running through a long run-on body.
_TITLE_STOP_END = 60 + 6


def split_heading(rest: str, glued: bool = False,
                  part_title: Callable[[str], bool] | None = None) -> tuple[str, str]:
    """A heading that runs on into its body: title up to the first sentence end, a
    colon, or an inline enumeration (二、存在的问题一是… in a report pasted as one line).
    `glued` (one-line reports): the body may follow with no mark at all, so the title
    also stops before a usual sentence opener (…依法行政坚持依法全面履行…), and, given
    `part_title` (is this a statutory part's title?), where the shortest such title ends
    (…第一责任人职责情况|委党组书记、主任…, 存在的问题|镇综合执法队…)."""
    stop = _TITLE_STOP.search(rest, 0, _TITLE_STOP_END)
    if glued:
        for rx in (_GLUED_OPENER, _GLUED_SUBLIST):
            opener = rx.search(rest)
            if opener and (stop is None or opener.start() < stop.start()):
                stop = opener
        if part_title is not None:
            ends = [e for e in _GLUED_PART_END.finditer(rest, 0, 60) if part_title(rest[:e.start()])]
            end = ends[0] if ends else None
            for later in ends[1:]:   # 上一年度存在问题|改进情况: a title going on a few characters
                if end is not None and later.start() - end.start() <= 6:
                    end = later
            mark = _first(_SENT_END_RE, rest)
            if end and 0 <= mark <= 60 and rest[:mark].endswith(_PART_ENDS) and part_title(rest[:mark]):
                end = None           # (一)2023年度存在问题整改情况。针对…: the title ends at 。
            if end and (stop is None or end.start() < stop.start()):
                stop = end
    if stop and 2 <= stop.start() <= 60:
        head = rest[:stop.start()]
        if not _TITLE_END.search(head):
            return head, rest[stop.start():].strip()
    # the first sentence end, or a colon among the first 61 characters
    i = _first(_SENT_END_RE, rest)
    colon = rest.find(":", 0, 61)
    if colon >= 0 and (i < 0 or colon < i):
        i = colon
    if 0 <= i <= 60:
        return rest[:i], rest[i + 1:].strip()
    if len(rest) <= 60:
        return rest, ""
    # A long line with no early sentence end: treat the first clause as the title.
    m = _CLAUSE_END.search(rest, 0, 60)
    if m:
        return rest[:m.start()], rest[m.end():].strip()
    return rest[:60], rest[60:]


def _first(pattern: re.Pattern[str], text: str) -> int:
    """Where `pattern` first matches in `text`, or -1."""
    m = pattern.search(text)
    return m.start() if m else -1


def split_enums(text: str) -> list[tuple[str, str]]:
    """[(enum marker or '', text)] for an inline enumeration 一是…二是…."""
    if not _has_enum_core(text):
        return [("", text)]
    points = _enum_points(text)
    if len(points) == 1 and points[0][1] == 0:
        return [(points[0][2], text)]     # one point per line: 一是…\n二是…
    if len(points) < 2:
        return [("", text)]
    out: list[tuple[str, str]] = []
    if points[0][0] > 0 and text[:points[0][0]].strip():
        out.append(("", text[:points[0][0]].strip()))
    for i, (_start, mark_start, mark) in enumerate(points):
        end = points[i + 1][0] if i + 1 < len(points) else len(text)
        out.append((mark, text[mark_start:end].strip()))
    return out


def _enum_points(text: str) -> list[tuple[int, int, str]]:
    """(where its space before begins, where its marker begins, the marker) of each
    一是… point: at the start of `text`, then after each clause mark."""
    first = _ENUM_AT_START.match(text)
    points = [(0, first.start(1), first.group(1))] if first else []
    points.extend((m.start() + 1, m.start(1), m.group(1)) for m in _ENUM_AFTER_MARK.finditer(text))
    return points


def bare_heading(text: str, vocab: RoleVocabulary) -> bool:
    """An unnumbered short line that names a statutory part (存在的问题, 下一步打算)."""
    if len(text) > 30 or text.endswith(("。", ";", ",")):
        return False
    roles = vocab.roles_of(text)
    return any(r in ("shortcomings", "plans", "first_responsible", "other", "achievements")
               for r in roles)
