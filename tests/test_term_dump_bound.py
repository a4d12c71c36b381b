"""match._is_term_dump's early answer for prose (at most one bare fragment per term hit
when no term holds a separator) is the full count's answer: on every unit of the
fixture reports and on generated lists of terms, separators and prose."""
from __future__ import annotations

import random
from pathlib import Path

from lawcheck import match as M
from lawcheck.chars import fold
from lawcheck.outline import outline
from lawcheck.read import read_path
from lawcheck.rules import load_pack

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


def test_pack_terms_hold_no_separator():
    assert M._terms_within_fragments(load_pack())


def test_bound_agrees_on_fixture_units():
    pack = load_pack()
    seen = 0
    for path in sorted(FIXTURES.glob("*.txt")):
        ol = outline(fold(read_path(str(path))), pack.roles)
        _raw, spans, _law = M._term_hits(ol, pack, {})
        for uid, sp in spans.items():
            text = ol.units[uid].text
            assert M._is_term_dump(text, sp, True) == M._is_term_dump(text, sp, False), text
            seen += 1
    assert seen > 100


def test_bound_agrees_on_generated_units():
    pack = load_pack()
    terms = sorted(pack.automaton.keys())
    filler = ["全面推进", "深入开展", "工作", "依法", "切实加强", "12件", "和"]
    seps = ["、", ",", ";", "。", " ", ":"]
    rnd = random.Random(7)
    stuffed = 0
    for _ in range(3000):
        parts = []
        for _ in range(rnd.randint(1, 14)):
            words = [rnd.choice(terms) if rnd.random() < rnd.random() else rnd.choice(filler)
                     for _ in range(rnd.randint(1, 3))]
            parts.append("".join(words) + rnd.choice(seps))
        text = "".join(parts)
        spans = [(e - len(t) + 1, e + 1) for e, (t, _owners) in pack.automaton.iter(text)]
        full = M._is_term_dump(text, spans, False)
        assert M._is_term_dump(text, spans, True) == full, text
        stuffed += full
    assert stuffed > 50              # both answers are met
