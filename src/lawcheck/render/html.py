"""A self-contained HTML page (inline CSS and JS, no external assets, no timestamps).

`lawcheck batch --out x.html` builds it from small per-report summaries: a sortable
ranking of the reports, a heatmap of reports × items coloured by status, the share of
reports that pass / are weak / miss each item, and a breakdown by issuer level.
`lawcheck FILE --format html` uses the same page for one or a few reports and adds each
report's items with reasons and evidence.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from html import escape

from ..model import Failure, Report
from ..readers.html import GENERATOR
from ._util import ItemMeta, hint_text, items_of, rel_path

HEATMAP_MAX = 500                  # rows drawn in the heatmap (the lowest scores when more)
CODE = {"pass": "p", "weak": "w", "missing": "m"}
NAME = {"p": "pass", "w": "weak", "m": "missing", "n": "n/a", "-": "–"}
LEVEL_CN = {"province": "省级", "city": "市级", "county": "县级", "town": "乡镇/街道",
            "department": "部门", "": "未识别"}
STATUS_CN = {"pass": "通过", "weak": "薄弱", "missing": "缺失"}




@dataclass
class Summary:
    """What the page (and the batch summary) keeps of one report: a few hundred bytes."""
    file: str
    score: float | None = None
    grade: str = ""
    passed: bool = False
    reasons: tuple[str, ...] = ()
    level: str = ""
    year: int | None = None
    issuer: str = ""
    codes: str = ""                  # one letter per item id: p w m, n (not applicable), - (absent)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def summarize(r: Report | Failure, item_ids: list[str]) -> Summary:
    if isinstance(r, Failure):
        return Summary(file=rel_path(r.file), error=r.error)
    by_id = {it.id: ("n" if not it.applicable else CODE.get(it.status, "-")) for it in r.items}
    return Summary(file=rel_path(r.file), score=r.score, grade=r.grade, passed=r.gate.passed,
                   reasons=tuple(r.gate.reasons[:5]), level=r.level or "", year=r.year,
                   issuer=r.issuer or "", codes="".join(by_id.get(i, "-") for i in item_ids))


CSS = """
:root{--pass:#2f9e5b;--weak:#e6b422;--missing:#d64545;--na:#c9ccd1;--ink:#1f2328;--mute:#656d76;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}
body{font:14px/1.45 -apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:var(--ink);margin:0;padding:24px 32px;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.mute{color:var(--mute)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:8px 14px;background:var(--bg);min-width:120px}
.card b{display:block;font-size:20px}
table{border-collapse:collapse}
table.data{width:100%;max-width:1300px}
table.data th,table.data td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
table.data th{background:var(--bg);position:sticky;top:0;z-index:1}
th.sort{cursor:pointer;user-select:none;white-space:nowrap}
th.sort:after{content:" ⇅";color:var(--mute);font-size:11px}
th.asc:after{content:" ▲";color:var(--ink)}th.desc:after{content:" ▼";color:var(--ink)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.file{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;word-break:break-all}
.g{display:inline-block;min-width:22px;text-align:center;border-radius:4px;font-weight:600;color:#fff}
.gA{background:#1a7f37}.gB{background:#4c9a2a}.gC{background:#bf8700}.gD{background:#d4622a}.gE{background:#cf222e}
.ok{color:var(--pass);font-weight:600}.bad{color:var(--missing);font-weight:600}
.err{color:var(--missing)}
td.id{white-space:nowrap;word-break:normal}
input.filter{padding:5px 8px;border:1px solid var(--line);border-radius:6px;width:280px;margin:4px 0 8px}
.heat{overflow:auto;max-height:720px;border:1px solid var(--line)}
table.heat-t{font-size:11px}
table.heat-t th.item{writing-mode:vertical-rl;text-orientation:upright;white-space:nowrap;padding:6px 0 4px;font-weight:500;line-height:16px;width:16px;letter-spacing:1px;vertical-align:bottom;text-align:left;background:#fff;position:sticky;top:0;z-index:2}
table.heat-t .g0{border-left:4px solid #fff}
table.heat-t th.gh{background:#fff;position:sticky;top:0;z-index:3;vertical-align:bottom;text-align:left;padding:4px 8px}
table.heat-t td.c{width:16px;min-width:16px;height:16px;border:1px solid #fff;padding:0}
table.heat-t td.rf{white-space:nowrap;padding:0 8px;max-width:360px;overflow:hidden;text-overflow:ellipsis;position:sticky;left:0;background:#fff;z-index:1}
table.heat-t td.rs{padding:0 6px;text-align:right}
.c.p{background:var(--pass)}.c.w{background:var(--weak)}.c.m{background:var(--missing)}.c.n{background:var(--na)}.c.x{background:#fff}
.legend span{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px 0 12px;vertical-align:-1px}
.bar{display:flex;width:260px;height:14px;border-radius:3px;overflow:hidden;background:var(--na)}
.bar i{display:block;height:100%}
.bar .p{background:var(--pass)}.bar .w{background:var(--weak)}.bar .m{background:var(--missing)}
.st{display:inline-block;padding:0 6px;border-radius:4px;color:#fff;font-size:12px}
.st.pass{background:var(--pass)}.st.weak{background:var(--weak);color:#222}.st.missing{background:var(--missing)}.st.na{background:var(--na);color:#222}
.ev{color:var(--mute);font-size:12.5px}
.hint{font-size:13px;margin:2px 0}
details{margin:6px 0}
"""

JS = """
(function(){
function val(td){var v=td.getAttribute('data-v');if(v===null)v=td.textContent.trim();var n=parseFloat(v);return (v!==''&&!isNaN(n)&&/^-?[0-9.]+$/.test(v))?n:v.toLowerCase();}
document.querySelectorAll('table.sortable').forEach(function(t){
  var ths=t.querySelectorAll('thead th');
  ths.forEach(function(th,i){
    if(!th.classList.contains('sort'))return;
    th.addEventListener('click',function(){
      var asc=!th.classList.contains('asc');
      ths.forEach(function(h){h.classList.remove('asc','desc');});
      th.classList.add(asc?'asc':'desc');
      var tb=t.tBodies[0],rows=Array.prototype.slice.call(tb.rows);
      rows.sort(function(a,b){var x=val(a.cells[i]),y=val(b.cells[i]);
        if(typeof x!==typeof y){x=String(x);y=String(y);}
        return (x<y?-1:x>y?1:0)*(asc?1:-1)||(+a.getAttribute('data-i'))-(+b.getAttribute('data-i'));});
      rows.forEach(function(r){tb.appendChild(r);});
    });
  });
});
var f=document.getElementById('filter');
if(f)f.addEventListener('input',function(){var q=f.value.toLowerCase();
  document.querySelectorAll('#ranking tbody tr').forEach(function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':'';});});
})();
"""


def _e(x: object) -> str:
    return escape("" if x is None else str(x), quote=True)


def _pct(n: int, d: int) -> str:
    return f"{100.0 * n / d:.0f}%" if d else "–"


def _ranked(summaries: list[Summary]) -> list[Summary]:
    ok = [s for s in summaries if s.ok]
    ok.sort(key=lambda s: (-(s.score or 0.0), s.file))
    return ok


def _cards(summaries: list[Summary]) -> str:
    ok = [s for s in summaries if s.ok]
    scores = [s.score for s in ok if s.score is not None]
    passed = sum(1 for s in ok if s.passed)
    cards = [("reports", f"{len(summaries)}"), ("checked", f"{len(ok)}"),
             ("gate passed", f"{passed} ({_pct(passed, len(ok))})")]
    if scores:
        cards += [("mean score", f"{statistics.fmean(scores):.1f}"),
                  ("median", f"{statistics.median(scores):g}"),
                  ("min – max", f"{min(scores):g} – {max(scores):g}")]
    bad = len(summaries) - len(ok)
    if bad:
        cards.append(("unreadable", f"{bad}"))
    grades = " ".join(f"{g} {sum(1 for s in ok if s.grade == g)}" for g in "ABCDE")
    cards.append(("grades", grades))
    return '<div class="cards">' + "".join(
        f'<div class="card"><span class="mute">{_e(k)}</span><b>{_e(v)}</b></div>' for k, v in cards) + "</div>"


def _ranking(summaries: list[Summary]) -> str:
    rows = []
    ranked = _ranked(summaries)
    for i, s in enumerate(ranked):
        miss, weak = s.codes.count("m"), s.codes.count("w")
        gate = ('<span class="ok">pass</span>' if s.passed else
                f'<span class="bad" title="{_e("; ".join(s.reasons))}">fail</span>')
        rows.append(
            f'<tr data-i="{i}"><td class="num">{i + 1}</td><td class="file">{_e(s.file)}</td>'
            f'<td class="num">{s.score:g}</td><td data-v="{_e(s.grade)}"><span class="g g{_e(s.grade)}">{_e(s.grade)}</span></td>'
            f'<td data-v="{1 if s.passed else 0}">{gate}</td>'
            f'<td data-v="{_e(s.level)}">{_e(LEVEL_CN.get(s.level, s.level))}</td>'
            f'<td class="num">{_e(s.year or "")}</td><td>{_e(s.issuer)}</td>'
            f'<td class="num">{miss}</td><td class="num">{weak}</td></tr>')
    head = ("<thead><tr><th class=\"sort num\">#</th><th class=\"sort\">file</th>"
            "<th class=\"sort num desc\">score</th><th class=\"sort\">grade</th><th class=\"sort\">gate</th>"
            "<th class=\"sort\">level</th><th class=\"sort num\">year</th><th class=\"sort\">issuer</th>"
            "<th class=\"sort num\">missing</th><th class=\"sort num\">weak</th></tr></thead>")
    out = ['<h2 id="ranking-h">Ranking</h2>',
           '<input id="filter" class="filter" placeholder="filter by file, issuer, level…">',
           f'<table id="ranking" class="data sortable">{head}<tbody>{"".join(rows)}</tbody></table>']
    bad = [s for s in summaries if not s.ok]
    if bad:
        out.append(f'<h2 id="unreadable">Unreadable ({len(bad)})</h2><table class="data"><thead><tr>'
                   '<th>file</th><th>error</th></tr></thead><tbody>' + "".join(
                       f'<tr><td class="file">{_e(s.file)}</td><td class="err">{_e(s.error)}</td></tr>'
                       for s in bad) + "</tbody></table>")
    return "\n".join(out)


def _heatmap(summaries: list[Summary], items: list[ItemMeta]) -> str:
    ranked = _ranked(summaries)
    note = ""
    if len(ranked) > HEATMAP_MAX:
        note = (f'<p class="mute">Showing the {HEATMAP_MAX} lowest-scoring of {len(ranked)} '
                "reports; the CSV or JSONL output has every one.</p>")
        ranked = sorted(ranked, key=lambda s: ((s.score or 0.0), s.file))[:HEATMAP_MAX]
        ranked.sort(key=lambda s: (-(s.score or 0.0), s.file))
    starts = {j for j, it in enumerate(items) if j and it.group != items[j - 1].group}

    def short(t: str) -> str:
        return t if len(t) <= 9 else t[:8] + "…"
    head = ('<tr><th class="gh">report</th><th class="gh">score</th>' + "".join(
        f'<th class="item{" g0" if j in starts else ""}" title="{_e(it.id)} {_e(it.title)}">'
        f'{_e(short(it.title))}</th>' for j, it in enumerate(items)) + "</tr>")
    rows = []
    for s in ranked:
        cells = []
        for j, (it, c) in enumerate(zip(items, s.codes)):
            cls = (c if c in "pwmn" else "x") + (" g0" if j in starts else "")
            cells.append(f'<td class="c {cls}" title="{_e(s.file)} · {_e(it.id)}: {NAME.get(c, c)}"></td>')
        rows.append(f'<tr><td class="rf file" title="{_e(s.file)}">{_e(s.file)}</td>'
                    f'<td class="rs">{s.score:g}</td>{"".join(cells)}</tr>')
    legend = ('<p class="legend mute">reports × items, ranked by score: <span class="c p" style="background:var(--pass)"></span>pass'
              '<span style="background:var(--weak)"></span>weak<span style="background:var(--missing)"></span>missing'
              '<span style="background:var(--na)"></span>not applicable</p>')
    return (f'<h2 id="heatmap-h">Heatmap</h2>{legend}{note}<div class="heat"><table id="heatmap" class="heat-t">'
            f'<thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>')


def _shares(summaries: list[Summary], items: list[ItemMeta]) -> str:
    ok = [s for s in summaries if s.ok]
    n = len(ok)
    rows = []
    for j, it in enumerate(items):
        col = [s.codes[j] if j < len(s.codes) else "-" for s in ok]
        p, w, m, na = (col.count("p"), col.count("w"), col.count("m"), col.count("n"))
        bar = "".join(f'<i class="{k}" style="width:{100.0 * v / n if n else 0:.2f}%"></i>'
                      for k, v in (("p", p), ("w", w), ("m", m)))
        rows.append(f'<tr data-i="{j}"><td class="file">{_e(it.id)}</td><td>{_e(it.title)}</td>'
                    f'<td>{_e(it.group)}</td>'
                    f'<td class="num" data-v="{p / n if n else 0:.6f}">{_pct(p, n)}</td>'
                    f'<td class="num" data-v="{w / n if n else 0:.6f}">{_pct(w, n)}</td>'
                    f'<td class="num" data-v="{m / n if n else 0:.6f}">{_pct(m, n)}</td>'
                    f'<td class="num">{na}</td><td><div class="bar">{bar}</div></td></tr>')
    head = ('<thead><tr><th class="sort">item</th><th class="sort">名称</th><th class="sort">group</th>'
            '<th class="sort num">pass</th><th class="sort num">weak</th><th class="sort num">missing</th>'
            '<th class="sort num">n/a</th><th>share</th></tr></thead>')
    return (f'<h2 id="items-h">Items: share of reports that pass, are weak, miss</h2>'
            f'<table id="items" class="data sortable">{head}<tbody>{"".join(rows)}</tbody></table>')


def _levels(summaries: list[Summary]) -> str:
    ok = [s for s in summaries if s.ok]
    order = ["province", "city", "county", "town", "department", ""]
    seen = sorted({s.level for s in ok}, key=lambda x: (order.index(x) if x in order else 5, x))
    rows = []
    for lv in seen:
        group = [s for s in ok if s.level == lv]
        scores = [s.score or 0.0 for s in group]
        passed = sum(1 for s in group if s.passed)
        grades = "".join(f'<td class="num">{sum(1 for s in group if s.grade == g)}</td>' for g in "ABCDE")
        rows.append(f'<tr><td>{_e(LEVEL_CN.get(lv, lv))} <span class="mute">{_e(lv or "unknown")}</span></td>'
                    f'<td class="num">{len(group)}</td><td class="num">{statistics.fmean(scores):.1f}</td>'
                    f'<td class="num">{statistics.median(scores):g}</td>'
                    f'<td class="num">{passed} ({_pct(passed, len(group))})</td>{grades}</tr>')
    head = ('<thead><tr><th>level</th><th class="num">reports</th><th class="num">mean</th>'
            '<th class="num">median</th><th class="num">gate passed</th>'
            + "".join(f'<th class="num">{g}</th>' for g in "ABCDE") + "</tr></thead>")
    return (f'<h2 id="levels-h">By level</h2><table id="levels" class="data">{head}'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _details(r: Report | Failure, heading: str = "h3") -> str:
    path = rel_path(r.file)
    if isinstance(r, Failure):
        return f'<{heading} class="file">{_e(path)}</{heading}><p class="err">{_e(r.error)}</p>'
    rows = []
    for it in r.items:
        st = it.status if it.applicable else "na"
        label = it.status if it.applicable else f"{it.status} (n/a)"
        ev = "".join(f'<div class="ev">{_e(e.location or "L" + str(e.line))} [{_e(e.section)}] {_e(e.text)}</div>'
                     for e in it.evidence[:3])
        hint = f'<div class="hint">{_e(hint_text(it))}</div>' if hint_text(it) else ""
        rows.append(f'<tr><td><span class="st {st}">{_e(label)}</span></td><td class="file id">{_e(it.id)}</td>'
                    f'<td>{_e(it.title)}</td><td class="num">{it.weight:g}</td>'
                    f'<td>{_e("; ".join(it.reasons))}{hint}{ev}</td></tr>')
    gate = "gate passed" if r.gate.passed else "gate failed: " + "; ".join(r.gate.reasons)
    meta = " · ".join(x for x in [r.title or "", f"{r.year}年度" if r.year else "", r.issuer or "",
                                  LEVEL_CN.get(r.level or "", r.level or "")] if x)
    anchor = ' id="report"' if heading == "h2" else ""
    return (f'<{heading} class="file report"{anchor}>{_e(path)}</{heading}><p><b>{r.score:g}</b> / 100 · grade '
            f'<span class="g g{_e(r.grade)}">{_e(r.grade)}</span> · '
            f'<span class="{"ok" if r.gate.passed else "bad"}">{_e(gate)}</span><br>'
            f'<span class="mute">{_e(meta)}</span></p>'
            '<table class="data"><thead><tr><th>status</th><th>item</th><th>名称</th>'
            f'<th class="num">w</th><th>reason / evidence</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def page(summaries: list[Summary], items: list[ItemMeta], title: str = "lawcheck",
         details: list[Report | Failure] | None = None) -> str:
    """The whole page as a string."""
    parts = [
        "<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', GENERATOR,
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        '<p class="mute">法治政府建设年度报告 checklist' + ('' if details is not None and len(details) == 1 else ' · click a column heading to sort') + '</p>']
    if details is not None and len(details) == 1:
        parts += [_details(details[0], heading="h2")]
    else:
        parts += [_cards(summaries), _ranking(summaries)]
        if any(s.ok for s in summaries):
            parts += [_heatmap(summaries, items), _shares(summaries, items), _levels(summaries)]
        if details:
            parts.append('<h2 id="details-h">Items per report</h2>')
            parts += [_details(r) for r in details]
    parts += [f"<script>{JS}</script>", "</body></html>"]
    return "\n".join(parts) + "\n"


def render(reports: list[Report | Failure], single: bool = True, **_: object) -> str:
    items = items_of(reports)
    ids = [it.id for it in items]
    summaries = [summarize(r, ids) for r in reports]
    title = (f"lawcheck: {rel_path(reports[0].file)}" if len(reports) == 1
             else f"lawcheck: {len(reports)} reports")
    return page(summaries, items, title, details=list(reports))
