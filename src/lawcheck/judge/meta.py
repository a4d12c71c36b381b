"""Check types for the document's form: `meta` (title, year, signature) and
`deadline` (the signature date against the pack's deadline)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .. import rx as re

from ..match import sentence_at
from ..model import Evidence, ItemResult
from ..normalize import normalize
from ..rules import Item
from .context import Context
from .options import REQUIRED, CheckOptions, option


@dataclass(frozen=True)
class MetaOptions(CheckOptions):
    """Document facts: the year, the title, the signature."""
    check: ClassVar[str] = "meta"
    field: str = option(REQUIRED, "which fact: the year in the title or opening, the title "
                                  "(issuer, year and 法治政府建设), or the signature (issuing unit "
                                  "and date at the end)", choices=("year", "title", "signature"))
    required_phrase: tuple[str, ...] = option((), "title only: phrases the title must contain "
                                                  "(a local rule fixing the report's name); "
                                                  "without them the title is weak")


@dataclass(frozen=True)
class DeadlineOptions(CheckOptions):
    """The signature date against the pack's `deadlines:` for the year and level."""
    check: ClassVar[str] = "deadline"


def check_meta(item: Item, ctx: Context) -> ItemResult:
    o = ctx.outline
    opts = ctx.options(MetaOptions, item)
    field_ = opts.field
    if field_ == "year":
        if o.year and o.year_source in ("title", "opening"):
            where = "标题" if o.year_source == "title" else "开头"
            if o.year_source == "title":
                ev = _meta_ev(ctx, o.title_line, o.title or "")
            else:
                first = next((u for u in o.units if not u.is_heading), None)
                ev = [ctx.evidence(first)] if first else []
            return ctx.result(item, "pass", [f"{where}写明{o.year}年度"], ev)
        if o.year:
            source = "落款日期" if o.year_source == "signature" else "正文日期"
            return ctx.result(item, "weak", [f"标题和开头都没有写明年度,只能从{source}推断为{o.year}年"],
                              [], cause="body_date")
        return ctx.result(item, "missing", ["无法确定报告年度"], [])
    if field_ == "title":
        if not o.title:
            why = f"第一行“{o.addressee}”是主送机关,不是标题" if o.addressee else "没有标题行"
            return ctx.result(item, "missing", [why], [])
        lacks = []
        if o.year_source != "title":
            lacks.append("年度")
        if o.issuer_source != "title":
            lacks.append("发文单位")
        if not re.search(r"法治|依法行政", o.title):
            lacks.append("“法治政府建设”")
        # A local rule may fix the report's name (四川: 「法治政府建设年度报告」).
        required = opts.required_phrase
        compact = re.sub(r"\s+", "", o.title)
        unnamed = [p for p in required if re.sub(r"\s+", "", normalize(str(p))) not in compact]
        if not lacks and not unnamed:
            return ctx.result(item, "pass", [f"标题“{o.title}”"], _meta_ev(ctx, o.title_line, o.title))
        reasons = [f"标题“{o.title}”缺{'、'.join(lacks)}"] if lacks else []
        if unnamed:
            reasons.append(f"标题“{o.title}”没有使用规定的报告名称"
                           + "、".join(f"「{p}」" for p in unnamed))
        return ctx.result(item, "weak", reasons, _meta_ev(ctx, o.title_line, o.title),
                          cause="incomplete" if lacks else "unnamed")
    if field_ == "signature":
        sig = o.signature
        if sig and sig.issuer and sig.date:
            return ctx.result(item, "pass", [f"落款“{sig.issuer}”,{_cn_iso(sig.date)}"],
                              _meta_ev(ctx, sig.line, f"{sig.issuer} {sig.date}", "(落款)"))
        if sig:
            have = f"只有发文单位“{sig.issuer}”" if sig.issuer else f"只有日期{_cn_iso(sig.date)}"
            return ctx.result(item, "weak", [f"{have},缺{'日期' if sig.issuer else '发文单位'}"],
                              _meta_ev(ctx, sig.line, sig.issuer or sig.date or "", "(落款)"),
                              cause="no_date" if sig.issuer else "no_issuer")
        return ctx.result(item, "missing", ["文末没有发文单位和日期"], [])
    raise ValueError(field_)


def _meta_ev(ctx: Context, line: int | None, text: str = "", section: str = "(标题)") -> list[Evidence]:
    if not line:
        return []
    loc = ctx.locations[line - 1] if ctx.locations and 0 < line <= len(ctx.locations) else None
    return [Evidence(line=line, section=section, text=text[:90], location=loc or None)]


# ------------------------------------------------------------------ check: deadline

# The text explains an early date: figures "as of" a day, or estimates for the rest of
# the year (截至12月10日, 截止到11月底, 预计全年…).
_AS_OF = re.compile(r"(截至|截止)(到|于)?\s*((\d{4}|[〇○零一二三四五六七八九O]{4})\s*年)?\s*"
                    r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}\s*日|[一二三四五六七八九十]{1,3}日|底|末|中旬|上旬|下旬)"
                    r"|(截至|截止)(到)?(目前|发稿|报告)|预计")
_AS_OF_OPENINGS = ("截至", "截止", "预计")    # what every _AS_OF match starts with


def _as_of(text: str) -> re.Match[str] | None:
    """`_AS_OF.search(text)`, run from the first place a match can start (a report is
    long, and most say 截至 nowhere or near the end)."""
    found = [i for i in (text.find(w) for w in _AS_OF_OPENINGS) if i >= 0]
    return _AS_OF.search(text, min(found)) if found else None


def _cn_date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# A signature dated by month only, as the outline gives it (2025-02).
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _cn_iso(date: str | None) -> str:
    """An ISO date (2025-02-26) or year-month (2025-02) as a reviewer writes it
    (2025年2月26日, 2025年2月); else as given."""
    import datetime as dt
    m = _YEAR_MONTH.fullmatch(date or "")
    if m:
        return f"{int(m.group(1))}年{int(m.group(2))}月"
    try:
        return _cn_date(dt.date.fromisoformat(date or ""))
    except ValueError:
        return date or ""


def _signed_on(date: str):
    """The day a signature date stands for: the date itself, or the last day of a month
    given alone (2025-02: the report was signed by then at the latest)."""
    import calendar
    import datetime as dt
    m = _YEAR_MONTH.fullmatch(date)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            return dt.date(y, mo, calendar.monthrange(y, mo)[1])
    return dt.date.fromisoformat(date)


def check_deadline(item: Item, ctx: Context) -> ItemResult:
    """The signature date against the pack's deadline for the report's year and level:
    after the reported year ended and on or before month/day of the next year."""
    import datetime as dt
    o = ctx.outline
    sig = o.signature
    if sig is None or not sig.date:
        return ctx.result(item, "missing", ["文末没有成文日期,无法判断是否按时报送"], [])
    ev_text = f"{sig.issuer or ''} {sig.date}".strip()
    try:
        signed = _signed_on(sig.date)
    except ValueError:
        return ctx.result(item, "missing", [f"落款日期“{sig.date}”无法识别,无法判断是否按时报送"],
                           _meta_ev(ctx, sig.line, ev_text, "(落款)"))
    shown = _cn_iso(sig.date)          # as signed: 2025年2月26日, or 2025年2月
    ev = _meta_ev(ctx, sig.line, f"{sig.issuer or ''} {shown}".strip(), "(落款)")
    year, note = o.year, ""
    if not year:
        year = signed.year - 1 if signed.month <= 6 else signed.year
        note = f"(报告年度不明,按落款推定为{year}年度)"
    deadlines = ctx.pack.deadlines
    key = o.level if o.level in deadlines else "default"
    month, day = deadlines.get(key) or deadlines.get("default") or (4, 1)
    try:
        due = dt.date(year + 1, month, day)
    except ValueError:                      # 2月30日 and the like: the month's last day
        due = dt.date(year + 1, month % 12 + 1, 1) - dt.timedelta(days=1) if month < 12 \
            else dt.date(year + 1, 12, 31)
    who = {"province": "省级", "city": "市级", "county": "县级", "town": "乡镇(街道)",
           "department": "部门"}.get(key, "")
    due_cn = f"{who}报告时限{year + 1}年{month}月{day}日" if who else f"报送时限{year + 1}年{month}月{day}日"
    year_end = dt.date(year, 12, 31)
    if signed.year < year:
        return ctx.result(item, "weak", [f"落款日期{shown}早于报告年度{year}年{note}"], ev,
                          cause="early")
    if signed <= year_end:
        text = "\n".join(u.text for u in o.units)
        m = _as_of(text)
        if m:
            s, e = sentence_at(text, m.start())
            quote = text[s:e].strip()
            quote = quote[:40] + ("…" if len(quote) > 40 else "")
            return ctx.result(item, "pass", [f"落款日期{shown}在{year}年度结束前,"
                                              f"正文已说明数据口径(“{quote}”){note}"], ev)
        return ctx.result(item, "weak", [f"落款日期{shown}在{year}年度结束之前,"
                                          f"正文没有说明数据截至何时或为预计数{note}"], ev, cause="early")
    if signed > due:
        late = (signed - due).days
        return ctx.result(item, "weak", [f"落款日期{shown}晚于{due_cn},"
                                          f"超期{late}天{note}"], ev, cause="late")
    return ctx.result(item, "pass", [f"落款日期{shown},在{due_cn}之前{note}"], ev)
