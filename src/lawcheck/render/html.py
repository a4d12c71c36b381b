"""A self-contained HTML page (inline CSS and JS, no external assets, no timestamps).

`lawcheck batch --out x.html` builds it from small per-report summaries: a sortable
ranking of the reports where clicking a row (or Enter on it, or a heatmap row, or the
address #r<N>) opens that report's detail — the gate explained, every missing and weak
item with its reasons, evidence and what to add, the items that do not apply —, a heatmap
of reports × items coloured by status, the share of reports that pass / are weak / miss
each item, a breakdown by issuer level, and the unreadable files with their reason.
Every label is in the interface language (lawcheck.i18n).
`lawcheck FILE --format html` uses the same page for one or a few reports and adds each
report's items with reasons and evidence.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from html import escape

from ..i18n import N_, _, lang, ngettext
from ..model import Failure, Report
from ..readers.html import GENERATOR
from ._util import ItemMeta, items_of, rel_path
from .previous_html import previous_section
from .explain import (STATUS_MARK, gate_line, hint, level_name, state, status_name, where)

# Labels used inside f-strings below, where the catalog extractor cannot see the _() calls
# (Python 3.11 f-strings are single tokens): marked here so they are in the catalog.
_WORDS = (N_("weight {w}"), N_("why: {reason}"), N_(": “{text}”"), N_("fail"),
          N_("click for the reasons and what to add"), N_("not detected"), N_("Ranking"),
          N_("Click a report for why: the gate, every missing and weak item with its reasons and what to add."),
          N_("filter by file, issuer, level…"), N_("Unreadable ({n})"),
          N_("These files were not checked; each says why and what to do."), N_("why not read"),
          N_("report"), N_("reports × items, ranked by score (click a row for its details):"),
          N_("Heatmap"), N_("Items: share of reports that pass, are weak, miss"), N_("mean"),
          N_("By level"), N_("status"), N_("reason / evidence"), N_("Items per report"),
          N_("{title} ({id})"))
HEATMAP_MAX = 500                  # rows drawn in the heatmap (the lowest scores when more)
CODE = {"pass": "p", "weak": "w", "missing": "m"}
NAME = {"p": "pass", "w": "weak", "m": "missing", "n": "na", "-": "–"}


@dataclass
class Detail:
    """One weak, missing or not-applicable item of a report, as the page shows it."""
    state: str                       # missing | weak | na
    id: str
    title: str
    weight: float
    severity: str
    reasons: tuple[str, ...] = ()
    hint: str = ""
    where: str = ""
    section: str = ""
    text: str = ""


@dataclass
class Summary:
    """What the page (and the batch summary) keeps of one report: a few hundred bytes,
    plus, for the html page, the weak and missing items with their reasons and hints."""
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
    gate_text: str = ""              # the gate explained, in the interface language
    details: tuple[Detail, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.error


def summarize(r: Report | Failure, item_ids: list[str], details: bool = False) -> Summary:
    if isinstance(r, Failure):
        return Summary(file=rel_path(r.file), error=r.error)
    by_id = {it.id: ("n" if not it.applicable else CODE.get(it.status, "-")) for it in r.items}
    s = Summary(file=rel_path(r.file), score=r.score, grade=r.grade, passed=r.gate.passed,
                reasons=tuple(r.gate.reasons[:5]), level=r.level or "", year=r.year,
                issuer=r.issuer or "", codes="".join(by_id.get(i, "-") for i in item_ids))
    if details:
        s.gate_text = gate_line(r)
        out = []
        for st in ("missing", "weak", "na"):
            for it in r.items:
                if state(it) != st:
                    continue
                ev = it.evidence[0] if it.evidence else None
                out.append(Detail(st, it.id, it.title, it.weight, it.severity,
                                  tuple(it.reasons) if st != "na" else (), hint(it),
                                  where(ev) if ev else "", ev.section if ev else "",
                                  ev.text if ev else ""))
        s.details = tuple(out)
    return s


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
#ranking tbody tr.r{cursor:pointer}
#ranking tbody tr.r:hover{background:#f3f6fa}
#ranking tbody tr.r td:first-child:before{content:"▸ ";color:var(--mute)}
#ranking tbody tr.open td:first-child:before{content:"▾ "}
#ranking tbody tr.open{background:#eef3f9}
tr.drow>td{background:#fbfcfd;border-left:3px solid #8aa4c8;padding:10px 16px}
.det h4{margin:10px 0 4px;font-size:14px}
.det ol{margin:0;padding-left:20px}.det li{margin:6px 0}
.det .why{margin:2px 0}.det .hint{margin:2px 0;color:#0b5394}
.det .gate{margin:2px 0 6px}
.det code{font-size:12px;color:var(--mute)}
table.heat-t tbody tr{cursor:pointer}
"""

JS = """
(function(){
function val(td){var v=td.getAttribute('data-v');if(v===null)v=td.textContent.trim();var n=parseFloat(v);return (v!==''&&!isNaN(n)&&/^-?[0-9.]+$/.test(v))?n:v.toLowerCase();}
document.querySelectorAll('table.sortable').forEach(function(t){
  var ths=t.querySelectorAll('thead th');
  ths.forEach(function(th,i){
    if(!th.classList.contains('sort'))return;
    th.addEventListener('click',function(){
      closeAll(t);
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
  closeAll(document.getElementById('ranking'));
  document.querySelectorAll('#ranking tbody tr').forEach(function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':'';});});
function closeAll(t){if(!t)return;
  t.querySelectorAll('tr.drow').forEach(function(r){r.parentNode.removeChild(r);});
  t.querySelectorAll('tr.open').forEach(function(r){r.classList.remove('open');r.setAttribute('aria-expanded','false');});}
function toggle(tr,force){
  var nx=tr.nextElementSibling;
  if(nx&&nx.classList.contains('drow')){if(force)return;nx.parentNode.removeChild(nx);
    tr.classList.remove('open');tr.setAttribute('aria-expanded','false');return;}
  var src=document.getElementById('d'+tr.getAttribute('data-d'));if(!src)return;
  var row=document.createElement('tr');row.className='drow';
  var td=document.createElement('td');td.colSpan=tr.cells.length;td.innerHTML=src.innerHTML;
  row.appendChild(td);tr.parentNode.insertBefore(row,tr.nextSibling);
  tr.classList.add('open');tr.setAttribute('aria-expanded','true');}
document.querySelectorAll('#ranking tbody tr.r').forEach(function(tr){
  tr.addEventListener('click',function(){toggle(tr);});
  tr.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();toggle(tr);}});});
document.querySelectorAll('#heatmap tbody tr').forEach(function(hr){
  hr.addEventListener('click',function(){
    var tr=document.querySelector('#ranking tbody tr.r[data-d="'+hr.getAttribute('data-d')+'"]');
    if(!tr)return;tr.style.display='';toggle(tr,true);show(tr);});});
function show(tr){window.scrollTo(0,tr.getBoundingClientRect().top+window.pageYOffset-48);}
var h=location.hash.match(/^#r([0-9]+)$/);
if(h){var tr=document.querySelector('#ranking tbody tr.r[data-d="'+h[1]+'"]');if(tr){toggle(tr,true);show(tr);}}
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
    cards = [(_("reports"), f"{len(summaries)}"), (_("checked"), f"{len(ok)}"),
             (_("gate passed"), f"{passed} ({_pct(passed, len(ok))})")]
    if scores:
        cards += [(_("mean score"), f"{statistics.fmean(scores):.1f}"),
                  (_("median"), f"{statistics.median(scores):g}"),
                  (_("min – max"), f"{min(scores):g} – {max(scores):g}")]
    bad = len(summaries) - len(ok)
    if bad:
        cards.append((_("unreadable"), f"{bad}"))
    grades = " ".join(f"{g} {sum(1 for s in ok if s.grade == g)}" for g in "ABCDE")
    cards.append((_("grades"), grades))
    return '<div class="cards">' + "".join(
        f'<div class="card"><span class="mute">{_e(k)}</span><b>{_e(v)}</b></div>' for k, v in cards) + "</div>"


def _order(summaries: list[Summary]) -> dict[int, int]:
    """id(summary) -> its index in the input order (the detail's id: d<index>)."""
    return {id(s): i for i, s in enumerate(summaries)}


def _detail(s: Summary) -> str:
    """The drill-down of one report: the gate explained, then every missing and weak item
    with its reasons, evidence and what to add, then the items that do not apply."""
    parts = [f'<p class="gate {"ok" if s.passed else "bad"}">{_e(s.gate_text)}</p>']
    for st, label in (("missing", _("missing ({n})")), ("weak", _("weak ({n})"))):
        its = [d for d in s.details if d.state == st]
        if not its:
            continue
        parts.append(f'<h4>{_e(label.format(n=len(its)))}</h4><ol>')
        for d in its:
            statutory = (" · " + _("statutory part (missing fails the gate)")
                         if d.severity == "error" else "")
            li = [f'<li><span class="st {st}">{STATUS_MARK[st]} {_e(status_name(st))}</span> '
                  f'<b>{_e(d.title)}</b> <code>{_e(d.id)}</code> <span class="mute">'
                  f'{_e(_("weight {w}").format(w=f"{d.weight:g}"))}{_e(statutory)}</span>']
            li += [f'<div class="why">{_e(_("why: {reason}").format(reason=x))}</div>' for x in d.reasons]
            if d.where:
                sec = f" · {d.section}" if d.section else ""
                li.append(f'<div class="ev">{_e(d.where + sec)}{_e(_(": “{text}”").format(text=d.text)) if d.text else ""}</div>')
            if d.hint:
                li.append(f'<div class="hint">{_e(_("to add: {hint}").format(hint=d.hint))}</div>')
            parts.append("".join(li) + "</li>")
        parts.append("</ol>")
    na = [d for d in s.details if d.state == "na"]
    if na:
        parts.append('<p class="mute">' + _e(_("not applicable at this level, not scored: {items}").format(
            items=_("、").join(_("{title} ({id})").format(title=d.title, id=d.id) for d in na))) + "</p>")
    n_pass = s.codes.count("p")
    parts.append('<p class="mute">' + _e(ngettext("{n} other item passes.", "{n} other items pass.",
                                                  n_pass).format(n=n_pass)) + "</p>")
    return '<div class="det">' + "".join(parts) + "</div>"


def _ranking(summaries: list[Summary]) -> str:
    rows = []
    ranked = _ranked(summaries)
    index = _order(summaries)
    for i, s in enumerate(ranked):
        miss, weak = s.codes.count("m"), s.codes.count("w")
        gate = (f'<span class="ok">{_e(_("pass"))}</span>' if s.passed else
                f'<span class="bad" title="{_e(s.gate_text or "; ".join(s.reasons))}">{_e(_("fail"))}</span>')
        rows.append(
            f'<tr class="r" data-i="{i}" data-d="{index[id(s)]}" tabindex="0" aria-expanded="false" '
            f'title="{_e(_("click for the reasons and what to add"))}">'
            f'<td class="num">{i + 1}</td><td class="file">{_e(s.file)}</td>'
            f'<td class="num">{s.score:g}</td><td data-v="{_e(s.grade)}"><span class="g g{_e(s.grade)}">{_e(s.grade)}</span></td>'
            f'<td data-v="{1 if s.passed else 0}">{gate}</td>'
            f'<td data-v="{_e(s.level)}">{_e(level_name(s.level) if s.level else _("not detected"))}</td>'
            f'<td class="num">{_e(s.year or "")}</td><td>{_e(s.issuer)}</td>'
            f'<td class="num">{miss}</td><td class="num">{weak}</td></tr>')
    cols = [("sort num", "#"), ("sort", _("file")), ("sort num desc", _("score")), ("sort", _("grade")),
            ("sort", _("gate")), ("sort", _("level")), ("sort num", _("year")), ("sort", _("issuer")),
            ("sort num", _("missing")), ("sort num", _("weak"))]
    head = "<thead><tr>" + "".join(f'<th class="{c}">{_e(t)}</th>' for c, t in cols) + "</tr></thead>"
    out = [f'<h2 id="ranking-h">{_e(_("Ranking"))}</h2>',
           f'<p class="mute">{_e(_("Click a report for why: the gate, every missing and weak item with its reasons and what to add."))}</p>',
           f'<input id="filter" class="filter" placeholder="{_e(_("filter by file, issuer, level…"))}">',
           f'<table id="ranking" class="data sortable">{head}<tbody>{"".join(rows)}</tbody></table>']
    if any(s.details or s.gate_text for s in ranked):
        out.append('<div id="details" hidden>' + "".join(
            f'<div id="d{index[id(s)]}">{_detail(s)}</div>' for s in ranked) + "</div>")
    bad = [s for s in summaries if not s.ok]
    if bad:
        out.append(f'<h2 id="unreadable">{_e(_("Unreadable ({n})").format(n=len(bad)))}</h2>'
                   f'<p class="mute">{_e(_("These files were not checked; each says why and what to do."))}</p>'
                   f'<table class="data"><thead><tr><th>{_e(_("file"))}</th><th>{_e(_("why not read"))}</th></tr></thead><tbody>'
                   + "".join(f'<tr><td class="file">{_e(s.file)}</td><td class="err">{_e(s.error)}</td></tr>'
                             for s in bad) + "</tbody></table>")
    return "\n".join(out)


def _heatmap(summaries: list[Summary], items: list[ItemMeta]) -> str:
    ranked = _ranked(summaries)
    index = _order(summaries)
    note = ""
    if len(ranked) > HEATMAP_MAX:
        note = ('<p class="mute">' + _e(_("Showing the {shown} lowest-scoring of {n} reports; the CSV "
                                         "or JSONL output has every one.").format(shown=HEATMAP_MAX, n=len(ranked)))
                + "</p>")
        ranked = sorted(ranked, key=lambda s: ((s.score or 0.0), s.file))[:HEATMAP_MAX]
        ranked.sort(key=lambda s: (-(s.score or 0.0), s.file))
    starts = {j for j, it in enumerate(items) if j and it.group != items[j - 1].group}

    def short(t: str) -> str:
        return t if len(t) <= 9 else t[:8] + "…"
    head = (f'<tr><th class="gh">{_e(_("report"))}</th><th class="gh">{_e(_("score"))}</th>' + "".join(
        f'<th class="item{" g0" if j in starts else ""}" title="{_e(it.id)} {_e(it.title)}">'
        f'{_e(short(it.title))}</th>' for j, it in enumerate(items)) + "</tr>")
    names = {c: status_name(NAME[c]) for c in "pwmn"}
    rows = []
    for s in ranked:
        cells = []
        for j, (it, c) in enumerate(zip(items, s.codes)):
            cls = (c if c in "pwmn" else "x") + (" g0" if j in starts else "")
            cells.append(f'<td class="c {cls}" title="{_e(s.file)} · {_e(it.title)} ({_e(it.id)}): '
                         f'{_e(names.get(c, c))}"></td>')
        rows.append(f'<tr data-d="{index[id(s)]}"><td class="rf file" title="{_e(s.file)}">{_e(s.file)}</td>'
                    f'<td class="rs">{s.score:g}</td>{"".join(cells)}</tr>')
    legend = (f'<p class="legend mute">{_e(_("reports × items, ranked by score (click a row for its details):"))} '
              f'<span class="c p" style="background:var(--pass)"></span>{_e(names["p"])}'
              f'<span style="background:var(--weak)"></span>{_e(names["w"])}'
              f'<span style="background:var(--missing)"></span>{_e(names["m"])}'
              f'<span style="background:var(--na)"></span>{_e(names["n"])}</p>')
    return (f'<h2 id="heatmap-h">{_e(_("Heatmap"))}</h2>{legend}{note}<div class="heat"><table id="heatmap" class="heat-t">'
            f'<thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>')


def _shares(summaries: list[Summary], items: list[ItemMeta]) -> str:
    from .explain import group_name
    ok = [s for s in summaries if s.ok]
    n = len(ok)
    rows = []
    for j, it in enumerate(items):
        col = [s.codes[j] if j < len(s.codes) else "-" for s in ok]
        p, w, m, na = (col.count("p"), col.count("w"), col.count("m"), col.count("n"))
        bar = "".join(f'<i class="{k}" style="width:{100.0 * v / n if n else 0:.2f}%"></i>'
                      for k, v in (("p", p), ("w", w), ("m", m)))
        rows.append(f'<tr data-i="{j}"><td class="file">{_e(it.id)}</td><td>{_e(it.title)}</td>'
                    f'<td>{_e(group_name(it.group))}</td>'
                    f'<td class="num" data-v="{p / n if n else 0:.6f}">{_pct(p, n)}</td>'
                    f'<td class="num" data-v="{w / n if n else 0:.6f}">{_pct(w, n)}</td>'
                    f'<td class="num" data-v="{m / n if n else 0:.6f}">{_pct(m, n)}</td>'
                    f'<td class="num">{na}</td><td><div class="bar">{bar}</div></td></tr>')
    cols = [("sort", _("item")), ("sort", _("title")), ("sort", _("group")), ("sort num", _("pass")),
            ("sort num", _("weak")), ("sort num", _("missing")), ("sort num", _("not applicable")), ("", _("share"))]
    head = "<thead><tr>" + "".join(f'<th class="{c}">{_e(t)}</th>' for c, t in cols) + "</tr></thead>"
    return (f'<h2 id="items-h">{_e(_("Items: share of reports that pass, are weak, miss"))}</h2>'
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
        rows.append(f'<tr><td>{_e(level_name(lv) if lv else _("not detected"))} <span class="mute">{_e(lv)}</span></td>'
                    f'<td class="num">{len(group)}</td><td class="num">{statistics.fmean(scores):.1f}</td>'
                    f'<td class="num">{statistics.median(scores):g}</td>'
                    f'<td class="num">{passed} ({_pct(passed, len(group))})</td>{grades}</tr>')
    head = (f'<thead><tr><th>{_e(_("level"))}</th><th class="num">{_e(_("reports"))}</th>'
            f'<th class="num">{_e(_("mean"))}</th><th class="num">{_e(_("median"))}</th>'
            f'<th class="num">{_e(_("gate passed"))}</th>'
            + "".join(f'<th class="num">{g}</th>' for g in "ABCDE") + "</tr></thead>")
    return (f'<h2 id="levels-h">{_e(_("By level"))}</h2><table id="levels" class="data">{head}'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _details(r: Report | Failure, heading: str = "h3") -> str:
    path = rel_path(r.file)
    if isinstance(r, Failure):
        return f'<{heading} class="file">{_e(path)}</{heading}><p class="err">{_e(r.error)}</p>'
    rows = []
    for it in r.items:
        st = state(it)
        ev = "".join(f'<div class="ev">{_e(where(e))} [{_e(e.section)}] {_e(e.text)}</div>'
                     for e in it.evidence[:3])
        h = hint(it)
        h = f'<div class="hint">{_e(_("to add: {hint}").format(hint=h))}</div>' if h else ""
        rows.append(f'<tr><td><span class="st {st}">{_e(status_name(st))}</span></td><td class="file id">{_e(it.id)}</td>'
                    f'<td>{_e(it.title)}</td><td class="num">{it.weight:g}</td>'
                    f'<td>{_e(_("; ").join(it.reasons))}{ev}{h}</td></tr>')
    meta = " · ".join(x for x in [r.title or "", _("{year} report").format(year=r.year) if r.year else "",
                                  r.issuer or "", level_name(r.level) if r.level else ""] if x)
    anchor = ' id="report"' if heading == "h2" else ""
    return (f'<{heading} class="file report"{anchor}>{_e(path)}</{heading}><p><b>{r.score:g}</b> / 100 · '
            f'{_e(_("grade"))} <span class="g g{_e(r.grade)}">{_e(r.grade)}</span> · '
            f'<span class="{"ok" if r.gate.passed else "bad"}">{_e(gate_line(r))}</span><br>'
            f'<span class="mute">{_e(meta)}</span></p>'
            f'<table class="data"><thead><tr><th>{_e(_("status"))}</th><th>{_e(_("item"))}</th><th>{_e(_("title"))}</th>'
            f'<th class="num">{_e(_("weight"))}</th><th>{_e(_("reason / evidence"))}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            + previous_section(r.previous))


def page(summaries: list[Summary], items: list[ItemMeta], title: str = "lawcheck",
         details: list[Report | Failure] | None = None, extra: str = "") -> str:
    """The whole page as a string."""
    html_lang = "zh-CN" if lang() == "zh" else "en"
    single = details is not None and len(details) == 1
    parts = [
        "<!DOCTYPE html>", f'<html lang="{html_lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', GENERATOR,
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        '<p class="mute">' + _e(_("Annual rule-of-law report checklist") if single else
                                _("Annual rule-of-law report checklist · click a column heading to sort")) + "</p>"]
    if single:
        assert details is not None               # single: one report in details
        parts += [_details(details[0], heading="h2")]
    else:
        parts += [_cards(summaries), _ranking(summaries)]
        if any(s.ok for s in summaries):
            parts += [_heatmap(summaries, items), _shares(summaries, items), _levels(summaries)]
        if details:
            parts.append(f'<h2 id="details-h">{_e(_("Items per report"))}</h2>')
            parts += [_details(r) for r in details]
    if extra:
        parts.append(extra)          # e.g. batch: passages shared across submissions
    parts += [f"<script>{JS}</script>", "</body></html>"]
    return "\n".join(parts) + "\n"


def render(reports: list[Report | Failure], single: bool = True, **_opts: object) -> str:
    if len(reports) == 1 and isinstance(reports[0], Report):
        from .review_html import page as review_page     # one report: the review page
        return review_page(reports[0])
    items = items_of(reports)
    ids = [it.id for it in items]
    summaries = [summarize(r, ids, details=True) for r in reports]
    title = ("lawcheck: " + rel_path(reports[0].file) if len(reports) == 1
             else "lawcheck: " + ngettext("{n} report", "{n} reports", len(reports)).format(n=len(reports)))
    return page(summaries, items, title, details=list(reports))
