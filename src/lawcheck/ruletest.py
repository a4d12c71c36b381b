"""Run a rule pack's own examples (`lawcheck rules test`, and pytest).

Each example is a short passage with the verdict its item must get. An example is
checked as a whole report, so scopes (a term only in the plans part) behave exactly as
in real use. A rule that matches none of its own examples fails here, loudly.
"""
from __future__ import annotations

from dataclasses import dataclass

from .rules import Item, Pack


@dataclass
class ExampleResult:
    item: str
    index: int
    expect: str
    got: str
    reason: str
    source: str

    @property
    def ok(self) -> bool:
        return self.expect == self.got


def run_examples(pack: Pack) -> list[ExampleResult]:
    from .check import check_text
    out = []
    cases: list[tuple[Item, str | None]] = [(it, None) for it in pack.items]
    # a level profile's own meaning of an item is tested on reports of that level
    cases += [(it, lvl) for lvl, prof in sorted(pack.profiles.items()) for it in prof.items.values()]
    for it, forced in cases:
        for i, ex in enumerate(it.examples):
            report = check_text(ex.text, pack, level=forced or ex.level,
                                name=f"{it.id}#{i + 1}" + (f"@{forced}" if forced else ""))
            res = report.item(it.id)
            src = (ex.file or it.source.rsplit(":", 1)[0]) + f":{ex.line}" if ex.line else it.source
            out.append(ExampleResult(item=it.id, index=i, expect=ex.expect, got=res.status,
                                     reason="; ".join(res.reasons), source=src))
    return out
