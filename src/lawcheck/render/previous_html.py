"""HTML tables of last year's problems and plans and what became of them (`--previous`),
for the single-report page (render/html.py) and any review page that wants them."""
from __future__ import annotations

from html import escape

from ..model import PreviousComparison

STATUS = {"addressed": ("pass", "已整改 addressed"), "done": ("pass", "已落实 done"),
          "mentioned": ("weak", "仅提及 mentioned"), "not_addressed": ("missing", "未见整改 not addressed"),
          "not_found": ("missing", "未见落实 not found")}


def previous_section(p: PreviousComparison | None, heading: str = "h3") -> str:
    if p is None:
        return ""
    year = f"{p.year}年度" if p.year else "年度不明"
    out = [f'<{heading} id="previous-h">上年度报告对照 previous</{heading}>'
           f'<p class="mute">{escape(p.file)} · {escape(year)} · {escape(p.issuer or "发文单位不明")}</p>']
    for title, rows in (("上年度问题 problem", p.problems), ("上年度计划 plan", p.plans)):
        if not rows:
            out.append(f'<p class="mute">{escape(title)}: none found in the previous report</p>')
            continue
        body = []
        for c in rows:
            cls, label = STATUS.get(c.status, ("na", c.status))
            ev = "".join(f'<div class="ev">L{e.line} [{escape(e.section)}] {escape(e.text)}</div>'
                         for e in c.evidence[:2])
            body.append(f'<tr><td class="num">{c.line}</td><td>{escape(c.text)}</td>'
                        f'<td><span class="st {cls}">{escape(label)}</span></td><td>{ev}</td></tr>')
        out.append(f'<table class="data previous"><thead><tr><th class="num">line</th><th>{escape(title)}</th>'
                   f'<th>本年度 this year</th><th>evidence</th></tr></thead><tbody>{"".join(body)}</tbody></table>')
    cp = p.copied
    lines = ", ".join(str(x.line) for x in cp.passages[:20]) + (", …" if len(cp.passages) > 20 else "")
    out.append(f'<p>Copied from the previous report: {len(cp.passages)} sentences, '
               f'{100 * cp.share:.0f}% of this report\'s text' + (f' (lines {lines})' if lines else "") + '</p>')
    return "".join(out)
