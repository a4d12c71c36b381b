"""GitHub Actions workflow commands: annotations on the changed report files.

    ::error file=reports/a.docx,line=1,title=lawcheck structure.plans 下一年度主要安排 (missing)::全文没有下一年度主要安排部分,正文也没有提到 建议:在报告末尾增加…

`::error` for a missing item (its reasons, then the drafter's hint 建议:…), `::warning` for a weak one, `::error` (no line) for a file
that could not be read, and one `::notice` per report with its score, grade and gate.
Values are escaped as the runner expects: in the message `%`, CR and LF; in properties
also `:` and `,`. One command per line, nothing else on stdout.
"""
from __future__ import annotations

from ..model import Failure, Report
from ._util import counts, first_column, first_line, hint_text, reason_text, rel_path


def escape_data(text: str) -> str:
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props: object) -> str:
    parts = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{kind}{' ' + parts if parts else ''}::{escape_data(message)}"


def lines_for(r: Report | Failure) -> list[str]:
    path = rel_path(r.file)
    if isinstance(r, Failure):
        return [command("error", r.error, file=path, title="lawcheck: unreadable report")]
    out = []
    for it in r.items:
        if not it.applicable or it.status == "pass":
            continue
        kind = "error" if it.status == "missing" else "warning"
        msg = reason_text(it)
        ev = it.evidence[0] if it.evidence else None
        if ev is not None and ev.location:
            msg += f" ({ev.location})"
        if it.hint:
            msg += " " + hint_text(it)
        out.append(command(kind, msg, file=path, line=first_line(it), col=first_column(it),
                           title=f"lawcheck {it.id} {it.title} ({it.status})"))
    c = counts(r)
    gate = "gate passed" if r.gate.passed else "gate FAILED: " + "; ".join(r.gate.reasons)
    out.append(command("notice", f"{r.score:g}/100 grade {r.grade}, {c['pass']} pass, "
                                 f"{c['weak']} weak, {c['missing']} missing; {gate}",
                       file=path, title=f"lawcheck {r.grade} {r.score:g}"))
    return out


def render(reports: list[Report | Failure], single: bool = True, **_: object) -> str:
    lines: list[str] = []
    for r in reports:
        lines.extend(lines_for(r))
    return "\n".join(lines) + ("\n" if lines else "")
