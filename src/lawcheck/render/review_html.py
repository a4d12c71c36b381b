"""The review page for one report (`lawcheck report.txt --format html -o review.html`).

The report's whole text, line by line with line numbers, each cited passage highlighted
(`<mark data-item="ITEM_ID" class="pass|weak">` around the exact span: the evidence's
`column` when the judge gives it, else the text found in its line), and beside it the
list of items (status, reason, hint). Clicking an item scrolls to its passage (again: the
next one); a missing item is shown with its hint under the heading of the part where it
belongs. Self-contained (inline CSS and JS, no network), Chinese labels, printable.
Every piece of report text is escaped: it is data.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..model import ItemResult, Report
from ..readers.html import GENERATOR
from ._review import (STATUS_CN, advice, counts, document_of, gate_reasons_cn, notes,
                      span, status_cn, title_line)
from ._util import rel_path

LEVEL_CN = {"province": "省级", "city": "市级", "county": "县级", "town": "乡镇/街道",
            "department": "部门"}
ORDER = ("missing", "weak", "pass", "na")

CSS = """
:root{--pass:#2f9e5b;--pass-bg:#d5f0de;--weak:#d4a017;--weak-bg:#fdeeb5;--missing:#d64545;--missing-bg:#fde2e1;--na:#8c959f;--ink:#1f2328;--mute:#656d76;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}
html{scroll-padding-top:calc(var(--head,58px) + 16px)}
body{margin:0;color:var(--ink);background:#fff;font:15px/1.75 "PingFang SC","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
header.top{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:10px 24px;display:flex;flex-wrap:wrap;align-items:baseline;gap:6px 22px}
header.top h1{font-size:18px;margin:0;font-weight:600}
header.top .meta{color:var(--mute);font-size:13px}
.score b{font-size:20px}
.g{display:inline-block;min-width:22px;text-align:center;border-radius:4px;font-weight:600;color:#fff;padding:0 4px}
.gA{background:#1a7f37}.gB{background:#4c9a2a}.gC{background:#bf8700}.gD{background:#d4622a}.gE{background:#cf222e}
.ok{color:var(--pass);font-weight:600}.bad{color:var(--missing);font-weight:600}
.counts span{margin-right:10px;white-space:nowrap}
.wrap{display:grid;grid-template-columns:minmax(0,1fr) 400px;gap:0;max-width:1500px;margin:0 auto}
main{padding:12px 20px 60px 8px;min-width:0}
aside{border-left:1px solid var(--line);background:var(--bg);position:sticky;top:var(--head,58px);align-self:start;max-height:calc(100vh - var(--head,58px));overflow:auto;padding:8px 14px 40px}
.ln{display:grid;grid-template-columns:48px minmax(0,1fr);gap:10px}
.ln .no{color:#8c959f;text-align:right;font:12px/2.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;user-select:none}
.ln .tx{white-space:pre-wrap;word-break:break-word;min-height:1em}
.ln.blank .tx{min-height:.6em;line-height:.9}
.ln.blank .no{line-height:1}
.ln.h .tx{font-weight:700}
.ln.t .tx{font-weight:700;font-size:19px;text-align:center}
mark{border-radius:3px;padding:1px 0;color:inherit;cursor:pointer}
mark.pass{background:var(--pass-bg);box-shadow:inset 0 -2px 0 var(--pass)}
mark.weak{background:var(--weak-bg);box-shadow:inset 0 -2px 0 var(--weak)}
mark mark{padding:0}
.flash{animation:flash 1.6s ease-out}
@keyframes flash{0%,40%{outline:3px solid #0969da;outline-offset:2px}100%{outline:3px solid transparent}}
.gap{margin:4px 0 8px 58px;border:1px dashed var(--missing);background:var(--missing-bg);border-radius:6px;padding:4px 10px;font-size:13.5px;line-height:1.6}
.gap.weak{border-color:var(--weak);background:var(--weak-bg)}
.gap b{font-weight:600}
.st{display:inline-block;padding:0 6px;border-radius:4px;color:#fff;font-size:12px;line-height:1.6;white-space:nowrap;vertical-align:1px}
.st.pass{background:var(--pass)}.st.weak{background:var(--weak);color:#222}.st.missing{background:var(--missing)}.st.na{background:var(--na)}
aside h2{font-size:15px;margin:14px 0 6px;color:var(--mute);font-weight:600}
aside ol{list-style:none;margin:0;padding:0}
.it{background:#fff;border:1px solid var(--line);border-left:4px solid var(--na);border-radius:6px;padding:6px 10px;margin:0 0 8px;font-size:13.5px;line-height:1.55;cursor:pointer}
.it.pass{border-left-color:var(--pass)}.it.weak{border-left-color:var(--weak)}.it.missing{border-left-color:var(--missing)}
.it:hover{border-color:#8c959f}
.it.sel{outline:2px solid #0969da}
.it .id{color:var(--mute);font:11.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.it .why{color:#333;margin-top:2px}
.it .hint{margin-top:3px;color:#0b4f8a}
.it .where{color:var(--mute);font-size:12px;margin-top:2px}
.filters{display:flex;gap:6px;flex-wrap:wrap;margin:6px 0}
.filters button{font:inherit;font-size:12.5px;border:1px solid var(--line);background:#fff;border-radius:12px;padding:1px 10px;cursor:pointer}
.filters button.on{background:#0969da;color:#fff;border-color:#0969da}
.note{color:var(--mute);font-size:13px}
@media (max-width:1000px){.wrap{grid-template-columns:1fr}aside{position:static;max-height:none;border-left:0;border-top:1px solid var(--line)}}
@media print{
 header.top{position:static;border-bottom:2px solid #000}
 .wrap{display:block}
 aside{position:static;max-height:none;overflow:visible;border:0;background:#fff;break-before:page}
 .filters{display:none}
 .it{break-inside:avoid;cursor:auto}
 .gap{break-inside:avoid}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 html{scroll-padding-top:0}
}
"""

JS = """
(function(){
var next={};
var how=(window.matchMedia&&matchMedia('(prefers-reduced-motion: reduce)').matches)?'auto':'smooth';
var head=document.querySelector('header.top');
function fit(){document.documentElement.style.setProperty('--head',head.offsetHeight+'px');}
fit();window.addEventListener('resize',fit);
function targets(id){
  var out=[],ms=document.querySelectorAll('mark[data-item]');
  for(var i=0;i<ms.length;i++){if(ms[i].getAttribute('data-item')===id)out.push(ms[i]);}
  var g=document.getElementById('gap-'+id);if(g)out.push(g);
  return out;
}
function flash(el){el.classList.remove('flash');void el.offsetWidth;el.classList.add('flash');}
function select(li){
  var s=document.querySelectorAll('.it.sel');for(var i=0;i<s.length;i++)s[i].classList.remove('sel');
  if(li){li.classList.add('sel');}
}
document.querySelectorAll('.it').forEach(function(li){
  li.addEventListener('click',function(ev){
    if(ev.target.tagName==='A')ev.preventDefault();
    var id=li.getAttribute('data-item'),t=targets(id);select(li);
    if(!t.length)return;
    var k=(next[id]||0)%t.length;next[id]=k+1;
    t[k].scrollIntoView({block:'center',behavior:how});flash(t[k]);
  });
});
document.querySelectorAll('mark[data-item],.gap').forEach(function(m){
  m.addEventListener('click',function(ev){
    ev.stopPropagation();
    var li=document.getElementById('item-'+m.getAttribute('data-item'));
    if(li){select(li);li.scrollIntoView({block:'nearest',behavior:how});flash(li);}
  });
});
document.querySelectorAll('.filters button').forEach(function(b){
  b.addEventListener('click',function(){
    document.querySelectorAll('.filters button').forEach(function(x){x.classList.remove('on');});
    b.classList.add('on');var f=b.getAttribute('data-f');
    document.querySelectorAll('aside section').forEach(function(s){
      s.style.display=(f==='all'||s.getAttribute('data-status')===f)?'':'none';});
  });
});
})();
"""


def _e(x: object) -> str:
    return escape("" if x is None else str(x), quote=True)


@dataclass
class _Span:
    start: int
    end: int
    item: str
    cls: str
    title: str


def _marks_by_line(report: Report, lines: list[str]) -> dict[int, list[_Span]]:
    """Each cited passage of an applicable pass/weak item, located in its line."""
    out: dict[int, list[_Span]] = {}
    seen: set[tuple[str, int, int, int]] = set()
    for it in report.items:
        if not it.applicable or it.status not in ("pass", "weak"):
            continue
        for ev in it.evidence:
            if not ev.line or not 0 < ev.line <= len(lines):
                continue
            line = lines[ev.line - 1]
            found = span(line, ev)
            if found is None:                       # not findable: the line's text
                text = line.strip()
                if not text:
                    continue
                s = line.index(text)
                found = (s, s + len(text))
            key = (it.id, ev.line, found[0], found[1])
            if key in seen:
                continue
            seen.add(key)
            out.setdefault(ev.line, []).append(
                _Span(found[0], found[1], it.id, it.status, f"{STATUS_CN[it.status]} · {it.title}"))
    return out


def _marked(line: str, spans: list[_Span]) -> str:
    """The line escaped, with one <mark> per span. Spans inside others are nested; when
    two cross (a truncated passage running into the next sentence, cited by another
    item), the earlier one ends where the later one starts."""
    # Same range: the weak mark inside, so its colour shows.
    spans = sorted(spans, key=lambda s: (s.start, -s.end, s.cls == "weak"))
    out: list[str] = []
    pos = 0
    stack: list[_Span] = []
    for s in spans:
        while stack and (stack[-1].end <= s.start or stack[-1].end < s.end):
            top = stack.pop()
            end = min(top.end, s.start) if top.end > s.start else top.end
            out.append(_e(line[pos:end]) + "</mark>")
            pos = end
        out.append(_e(line[pos:s.start]))
        pos = s.start
        out.append(f'<mark data-item="{_e(s.item)}" class="{s.cls}" title="{_e(s.title)}">')
        stack.append(s)
    while stack:
        top = stack.pop()
        out.append(_e(line[pos:top.end]) + "</mark>")
        pos = top.end
    out.append(_e(line[pos:]))
    return "".join(out)


def _gap(it: ItemResult, label: str, hint: str) -> str:
    cls = "missing" if it.status == "missing" else "weak"
    why = "；".join(r.strip() for r in it.reasons if r and r.strip())
    return (f'<div class="gap {cls}" id="gap-{_e(it.id)}" data-item="{_e(it.id)}">'
            f'<span class="st {cls}">{_e(status_cn(it))}</span> <b>{_e(it.title)}</b>'
            + (f'：{_e(why)}' if why else "")
            + (f'<br>{label}：{_e(hint)}' if hint else "") + "</div>")


def _text(report: Report) -> str:
    doc = document_of(report)
    if doc is None:
        return '<p class="note">报告原文无法读取（标准输入或文件已移动），下面只列出检查结果。</p>'
    lines = doc.lines
    marks = _marks_by_line(report, lines)
    gaps: dict[int, list[str]] = {}
    for note in notes(report):
        if not note.at_evidence:
            at = note.line if note.line and 0 < note.line <= len(lines) else 1
            gaps.setdefault(at, []).append(_gap(note.item, *advice(note.item)))
    # Heading lines in bold; a run-on heading (（一）落实…。镇党委…) stays body text.
    heads = {s.line for s in report.sections if 0 < s.line <= len(lines)
             and len(lines[s.line - 1].strip()) <= len(s.title) + 4}
    tline = title_line(report)
    out = []
    for i, line in enumerate(lines, 1):
        cls = ["ln"]
        if not line.strip():
            cls.append("blank")
        elif i == tline:
            cls.append("t")
        elif i in heads:
            cls.append("h")
        body = _marked(line, marks[i]) if i in marks else _e(line)
        out.append(f'<div class="{" ".join(cls)}" id="L{i}"><span class="no">{i}</span>'
                   f'<span class="tx">{body}</span></div>')
        out.extend(gaps.get(i, []))
    return "\n".join(out)


def _where(report: Report, it: ItemResult) -> str:
    ev = next((e for e in it.evidence if e.line), None)
    if ev is None:
        return ""
    loc = f"（{ev.location}）" if ev.location else ""
    more = f"，共 {len(it.evidence)} 处" if len(it.evidence) > 1 else ""
    return f"第 {ev.line} 行{loc} · {ev.section}{more}"


def _side(report: Report) -> str:
    groups: dict[str, list[ItemResult]] = {k: [] for k in ORDER}
    for it in report.items:
        groups["na" if not it.applicable else it.status].append(it)
    c = counts(report)
    buttons = ['<button class="on" data-f="all">全部</button>'] + [
        f'<button data-f="{k}">{STATUS_CN[k]} {c[k]}</button>' for k in ORDER if groups[k]]
    out = [f'<div class="filters">{"".join(buttons)}</div>']
    for key in ORDER:
        if not groups[key]:
            continue
        out.append(f'<section data-status="{key}"><h2>{STATUS_CN[key]}（{len(groups[key])}）</h2><ol>')
        for it in groups[key]:
            why = "；".join(r.strip() for r in it.reasons if r and r.strip())
            label, hint = advice(it) if it.status != "pass" and it.applicable else ("", "")
            where = _where(report, it)
            out.append(
                f'<li class="it {key}" id="item-{_e(it.id)}" data-item="{_e(it.id)}">'
                f'<span class="st {key}">{_e(STATUS_CN[key])}</span> <b>{_e(it.title)}</b> '
                f'<span class="id">{_e(it.id)}</span>'
                + (f'<div class="why">{_e(why)}</div>' if why else "")
                + (f'<div class="hint">{label}：{_e(hint)}</div>' if hint else "")
                + (f'<div class="where">{_e(where)}</div>' if where else "")
                + "</li>")
        out.append("</ol></section>")
    return "\n".join(out)


def page(report: Report) -> str:
    c = counts(report)
    gate = ('<span class="ok">门槛：通过</span>' if report.gate.passed else
            '<span class="bad">门槛：未通过</span>（'
            + _e("；".join(gate_reasons_cn(report))) + "）")
    meta = " · ".join(x for x in [rel_path(report.file),
                                  f"{report.year}年度" if report.year else "",
                                  report.issuer or "",
                                  LEVEL_CN.get(report.level or "", report.level or "")] if x)
    title = report.title or rel_path(report.file)
    counts_html = "".join(f'<span><span class="st {k}">{STATUS_CN[k]}</span> {c[k]}</span>'
                          for k in ORDER if c[k] or k != "na")
    parts = [
        "<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', GENERATOR,
        f"<title>审阅：{_e(title)}</title><style>{CSS}</style></head><body>",
        '<header class="top">',
        f"<h1>{_e(title)}</h1>",
        f'<span class="score"><b>{report.score:g}</b> / 100 · 等级 '
        f'<span class="g g{_e(report.grade)}">{_e(report.grade)}</span></span>',
        f"<span>{gate}</span>",
        f'<span class="counts">{counts_html}</span>',
        f'<span class="meta">{_e(meta)}</span>',
        "</header>",
        '<div class="wrap">',
        f'<main id="report" aria-label="报告原文">\n{_text(report)}\n</main>',
        f'<aside id="items" aria-label="检查项">\n{_side(report)}\n</aside>',
        "</div>",
        _previous(report),
        f"<script>{JS}</script>", "</body></html>"]
    return "\n".join(parts) + "\n"


def render(reports, **_: object) -> str:
    """The review page of the one report in `reports`."""
    return page(reports[0])


def _previous(report: Report) -> str:
    """With --previous: last year's problems and plans and what became of them."""
    if report.previous is None:
        return ""
    from .previous_html import previous_section
    return f'<section class="previous">{previous_section(report.previous, "h2")}</section>'
