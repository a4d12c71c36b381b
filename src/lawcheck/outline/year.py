"""The year a report is about: the first year a text names, and the reported year read
from the title, the opening or (failing both) the year the body names most."""
from __future__ import annotations

from .. import rx as re
from ..model import Unit
from ..normalize import cn_year
from .common import CN_YEAR, YEAR


def year_in(text: str) -> int | None:
    """The first year named in `text`, in Arabic (2024年) or Chinese digits (二〇二四年)."""
    m = YEAR.search(text)
    cm = CN_YEAR.search(text)
    if cm and (not m or cm.start() < m.start()):
        y = cn_year(cm.group(1))
        if y and 1990 <= y <= 2100:
            return y
    return int(m.group(1)) if m else None


# Spans whose years never name the reported year: 《…》 document names, year ranges
# (纲要 2021—2025年, 2015-2020年度) and the year of a 文号 〔2024〕.
_NOT_REPORT_YEAR = re.compile(
    r"《[^《》]{0,120}》|(?:19|20)\d\d\s*年?\s*[-—–~至到]\s*(?:(?:19|20)\d\d|\d\d)\s*年?|\[\s*(?:19|20)\d\d\s*\]")


def report_year_in(text: str) -> int | None:
    """The first year in `text` that can be the reported year: years inside 《…》 titles,
    year ranges and 文号 never are."""
    return year_in(_NOT_REPORT_YEAR.sub(" ", text))


def read_year(title: str | None, units: list[Unit], opening: str,
              signed: str | None = None) -> tuple[int | None, str | None]:
    """(year, where it was read: "title", "opening", "body" or "signature"); (None, None)
    for a report whose title names a span of years (2015-2020年度): it has no one year.
    `signed` is the signature's ISO date: a report signed in the first half of a year,
    with no year anywhere else, reports on the year before (reports are due by 1 April)."""
    y = report_year_in(title) if title else None
    if y:
        return y, "title"
    if title and year_in(title):
        return None, None         # a multi-year report (2015-2020年度): no one year
    y = report_year_in(opening) if opening else None
    if y:
        return y, "opening"
    if units and units[0].is_heading:
        # no opening paragraph: the first heading opens the report (一、2024年主要工作)
        y = report_year_in(units[0].text)
        if y:
            return y, "opening"
    years: dict[int, int] = {}
    for u in units:
        if "年" not in u.text:       # (what YEAR needs; the spans blanked out hold none)
            continue
        for m in YEAR.finditer(_NOT_REPORT_YEAR.sub(" ", u.text)):
            y = int(m.group(1))
            years[y] = years.get(y, 0) + 1
    if years:
        return max(sorted(years), key=lambda y: years[y]), "body"
    if signed and len(signed) >= 7 and signed[:4].isdigit() and signed[5:7].isdigit() \
            and 1 <= int(signed[5:7]) <= 6:
        return int(signed[:4]) - 1, "signature"
    return None, None
