"""What the reviewer's outputs share (the Word review copy, the HTML review page):
which items get a note, where in the report each note belongs, its Chinese wording, and
where an evidence passage sits in its original line.

- A weak item is noted at its first evidence line.
- A missing item (or a weak one without evidence) is noted at the heading of the part
  where the content belongs: causes at the shortcomings heading (or, with no such part,
  at the plans heading it would precede), an enforcement system at the achievements
  sub-part on law enforcement (else the achievements heading), meta items at the title
  or the signature, and the title when the report has no such part.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Document, Evidence, ItemResult, Report
from ..normalize import normalize

STATUS_CN = {"pass": "通过", "weak": "薄弱", "missing": "缺失", "na": "不适用"}
AUTHOR, INITIALS = "lawcheck", "LC"

# Where a missing item's content belongs: roles tried in order ("title": the report's
# title line, "end": its last line, where the signature goes).
_PLACE_BY_ID: dict[str, tuple[str, ...]] = {
    "structure.achievements": ("title",),
    "structure.first_responsible": ("achievements", "title"),
    "structure.shortcomings": ("plans", "title"),
    "structure.causes": ("shortcomings", "plans", "title"),
    "structure.plans": ("shortcomings", "end"),
    "structure.prior_rectification": ("other", "achievements", "shortcomings", "title"),
    "quality.data": ("achievements", "title"),
    "quality.shortcomings_specific": ("shortcomings", "plans", "title"),
    "quality.plans_match_shortcomings": ("plans", "shortcomings", "title"),
    "meta.signature": ("end",),
    "meta.deadline": ("end",),
}
_PLACE_BY_GROUP: dict[str, tuple[str, ...]] = {
    "structure": ("title",), "meta": ("title",),
    "enforcement": ("achievements", "title"), "review": ("achievements", "title"),
    "disputes": ("achievements", "title"), "governance": ("achievements", "title"),
    "quality": ("achievements", "title"),
}
# Within the achievements part, the sub-part whose heading names the item's subject.
_TOPIC: dict[str, str] = {
    "enforcement": "执法", "review.normative_documents": "规范性文件|文件",
    "review.major_decisions": "决策", "review.legal_counsel": "法律顾问|公职律师|决策",
    "disputes": "纠纷|复议|应诉|诉讼|信访|调解|矛盾",
    "governance.leadership_study": "第一责任|领导|学法|学习",
    "governance.cadre_law_study": "学法|学习|述法|培训",
    "governance.functions_services": "职能|服务|营商|放管服",
    "governance.openness": "公开", "governance.oversight": "监督|制约",
    "governance.legal_education": "普法|宣传|法治文化",
    "governance.emergency": "应急|突发", "governance.digital": "数字|信息化|智慧",
}


@dataclass
class Note:
    """One reviewer's note: an item and the 1-based line it is anchored at."""
    item: ItemResult
    line: int | None
    at_evidence: bool                 # True: at the cited passage; False: at its part


def advice(item: ItemResult) -> tuple[str, str]:
    """(label, text): the item's hint (建议, what to add and where; filled by the judge),
    else what a pass needs (合格要求); ("", "") when there is neither."""
    hint = (getattr(item, "hint", "") or "").strip()
    if hint:
        return "建议", hint
    need = (item.need or "").strip()
    return ("合格要求", need) if need else ("", "")


def status_cn(item: ItemResult) -> str:
    return STATUS_CN["na"] if not item.applicable else STATUS_CN.get(item.status, item.status)


def findings(report: Report) -> list[ItemResult]:
    """The applicable weak and missing items, in rule-file order."""
    return [it for it in report.items if it.applicable and it.status in ("weak", "missing")]


def counts(report: Report) -> dict[str, int]:
    out = {"pass": 0, "weak": 0, "missing": 0, "na": 0}
    for it in report.items:
        key = it.status if it.applicable else "na"
        out[key] = out.get(key, 0) + 1
    return out


def _lines(report: Report) -> list[str]:
    doc = document_of(report)
    return doc.lines if doc is not None else []


def title_line(report: Report) -> int | None:
    for item_id in ("meta.title", "meta.year"):
        try:
            it = report.item(item_id)
        except KeyError:
            continue
        for ev in it.evidence:
            if ev.line and ev.section == "(标题)":
                return ev.line
    for i, line in enumerate(_lines(report), 1):
        if line.strip():
            return i
    return report.sections[0].line if report.sections else None


def last_line(report: Report) -> int | None:
    lines = _lines(report)
    for i in range(len(lines), 0, -1):
        if lines[i - 1].strip():
            return i
    return report.signature.line if report.signature else None


def part_line(report: Report, item: ItemResult) -> int | None:
    """The line of the heading where the item's content belongs (see module doc)."""
    places = _PLACE_BY_ID.get(item.id) or _PLACE_BY_GROUP.get(item.group, ("achievements", "title"))
    for place in places:
        if place == "title":
            line = title_line(report)
        elif place == "end":
            line = last_line(report)
        else:
            line = _section_line(report, place, item)
        if line:
            return line
    return title_line(report)


def _section_line(report: Report, role: str, item: ItemResult) -> int | None:
    secs = [s for s in report.sections if s.role == role]
    if not secs:
        return None
    if role == "achievements":
        topic = _TOPIC.get(item.id) or _TOPIC.get(item.group)
        if topic:
            rx = re.compile(topic)
            for s in secs:
                if rx.search(s.title):
                    return s.line
    top = min(s.level for s in secs)
    return next(s.line for s in secs if s.level == top)


def notes(report: Report) -> list[Note]:
    """A note for every applicable weak or missing item."""
    out = []
    for it in findings(report):
        ev = next((e for e in it.evidence if e.line and e.line > 0), None)
        if it.status == "weak" and ev is not None:
            out.append(Note(it, ev.line, True))
        else:
            out.append(Note(it, part_line(report, it), False))
    return out


def comment_text(item: ItemResult, at_evidence: bool = True) -> str:
    """The Word comment for one item: title and status, reason, what to do."""
    head = f"【{status_cn(item)}】{item.title}（{item.id}）"
    lines = [head]
    reasons = "；".join(r.strip() for r in item.reasons if r and r.strip())
    if reasons:
        lines.append(f"原因：{reasons}")
    label, text = advice(item)
    if text:
        lines.append(f"{label}：{text}")
    if item.status == "missing" or not at_evidence:
        lines.append("（批注位置：该内容应写入的部分）")
    return "\n".join(lines)


def gate_reasons_cn(report: Report) -> list[str]:
    """Why the report fails its gate, in Chinese (from the gate's failures as data)."""
    failures = getattr(report.gate, "failures", None)
    if not failures:
        return [gate_reason_cn(report, r) for r in report.gate.reasons]
    out = []
    for f in failures:
        if f.item is not None:
            try:
                title = report.item(f.item).title
            except KeyError:
                title = f.item
            out.append(f"{title}{STATUS_CN.get(str(f.status), str(f.status))}")
        else:
            out.append(f"得分 {f.score:g} 低于 {f.floor:g}")
    return out


def gate_reason_cn(report: Report, reason: str) -> str:
    """One contract reason string ("ID is missing", "score S is under F") in Chinese."""
    m = re.fullmatch(r"(\S+) is (missing|weak)", reason)
    if m:
        try:
            title = report.item(m.group(1)).title
        except KeyError:
            title = m.group(1)
        return f"{title}{STATUS_CN[m.group(2)]}"
    m = re.fullmatch(r"score (\S+) is under (\S+)", reason)
    if m:
        return f"得分 {m.group(1)} 低于 {m.group(2)}"
    return reason


def summary_text(report: Report) -> str:
    c = counts(report)
    gate = ("通过" if report.gate.passed else
            "未通过（" + "；".join(gate_reasons_cn(report)) + "）")
    lines = [f"lawcheck 审阅摘要：得分 {report.score:g}/100，等级 {report.grade}，门槛{gate}",
             f"通过 {c['pass']} 项，薄弱 {c['weak']} 项，缺失 {c['missing']} 项"
             + (f"，不适用 {c['na']} 项" if c["na"] else "") + "。",
             "每个薄弱、缺失项各有一条批注，标在证据所在段落或该内容应写入的部分。"]
    return "\n".join(lines)


# ---------------------------------------------------------------- evidence spans

_ELLIPSIS = "…"


@lru_cache(maxsize=32)
def _folded(line: str) -> tuple[str, tuple[int, ...]]:
    """The line normalised char by char without spaces, and each char's index in `line`
    (cached: a one-line report is searched for every passage cited in it)."""
    chars, index = [], []
    for i, ch in enumerate(line):
        n = normalize(ch) if not ch.isspace() else ""
        if not n:
            continue
        for c in n:
            if not c.isspace():
                chars.append(c)
                index.append(i)
    return "".join(chars), tuple(index)


def span(line: str, ev: Evidence) -> tuple[int, int] | None:
    """0-based [start, end) of the evidence text in its original line; None when it is
    not there (then the caller marks nothing or the whole line). Uses `column` when the
    judge gives it; otherwise finds the text, ignoring width and spacing differences."""
    text = (ev.text or "").strip()
    if not text or not line:
        return None
    col = getattr(ev, "column", None)
    if col and 0 < col <= len(line):
        start = col - 1
        plain = text.strip(_ELLIPSIS)
        if line.startswith(plain, start):
            return start, start + len(plain)
        rest = line[start:].rstrip()
        if rest and plain.startswith(rest):          # a quote running on into the next line
            return start, start + len(rest)
    else:
        start = 0
    key, index = _folded(line)
    if not key:
        return None
    pieces = [p for p in re.split(r"[\s…]+", normalize(text)) if p]
    if not pieces:
        return None
    whole = "".join(pieces)
    lo = _index_near(key, index, whole, start)
    if lo >= 0:
        return index[lo], index[lo + len(whole) - 1] + 1
    # Composite evidence ("issuer date" over two lines): the longest piece found.
    for piece in sorted(pieces, key=len, reverse=True):
        if len(piece) < 2:
            break
        lo = _index_near(key, index, piece, start)
        if lo >= 0:
            return index[lo], index[lo + len(piece) - 1] + 1
    return None


def _index_near(key: str, index: tuple[int, ...], needle: str, start: int) -> int:
    """Where `needle` occurs in `key`, preferring the first occurrence at or after the
    original-line position `start`."""
    first = -1
    pos = key.find(needle)
    while pos >= 0:
        if first < 0:
            first = pos
        if index[pos] >= start:
            return pos
        pos = key.find(needle, pos + 1)
    return first


def document_of(report: Report) -> Document | None:
    """The report's Document: kept on the Report by check, else read again from its file."""
    if report.document is not None:
        return report.document
    import os
    if report.file and report.file != "-" and os.path.isfile(report.file):
        from ..read import read_path
        try:
            report.document = read_path(report.file)
        except Exception:
            return None
        return report.document
    return None
