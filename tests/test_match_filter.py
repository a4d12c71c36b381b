"""match._Filter's shortcuts give the answers of the plain computations they replace."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from lawcheck import match as M
from lawcheck import rx as re
from lawcheck.chars import fold
from lawcheck.outline import outline
from lawcheck.read import read_path
from lawcheck.rules import load_pack

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"

# negations of other shapes than the bundled one: a look-behind, a look-ahead that may
# look past the clause, an anchor, a class of first characters, one the engine skips to
_ODD = [r"(?<!没)有无", r"未(?=发生)", r"^无", r"[零无]起", r"没有(?:发生|出现)", r"全年无"]


def _plain_negated(pack, text: str, start: int) -> bool:
    """The clause before `start` cut out and every negation searched in it."""
    last = M._LAST_CLAUSE_MARK.match(text, 0, start)
    clause = text[last.end() if last else 0:start]
    return any(n.search(clause) is not None for n in pack.negations)


def test_negated_is_the_search_of_the_clause_cut_out():
    """At every position of every unit of the fixtures, for the bundled negations and
    for odd ones: the first-character test on the text between the clause's bounds
    (without cutting it out) turns down only clauses the search finds nothing in."""
    bundled = load_pack()
    odd = dataclasses.replace(bundled, negations=[re.compile(p) for p in _ODD], memo={})
    said = {True: 0, False: 0}
    for path in sorted(FIXTURES.glob("*.txt")):
        ol = outline(fold(read_path(str(path))), bundled.roles)
        for pack in (bundled, odd):
            f = M._Filter(ol, pack, {})
            for u in ol.units:
                for start in range(len(u.text) + 1):
                    got = f.negated(u.index, start)
                    assert got == _plain_negated(pack, u.text, start), (u.text, start)
                    said[got] += 1
    assert said[True] > 100 and said[False] > 1000


def test_patterns_to_run_are_every_items_patterns_for_the_year():
    """The per-pack list of patterns to run is each item's patterns and weak patterns
    for the report's year, in pack order, each with the class of its first characters."""
    pack = load_pack()
    for year in (None, 2023, 2025):
        expected = [(it.id, kind, pat) for it in pack.items
                    for key, kind in (("patterns", "pattern"), ("weak_patterns", "weak_term"))
                    if getattr(it, key) for pat in it.year_patterns(key, year)]
        plan = M._patterns_to_run(pack, year)
        assert [(i, k, p) for i, k, p, _ in plan] == expected
        assert all(first is None or first.pattern == M.rxstart.starts_class(
            M.rxstart.first_chars(p)).pattern for _, _, p, first in plan)
        assert M._patterns_to_run(pack, year) is plan


def test_sentence_ends_are_the_sentence_marks_ends():
    """The bounds found mark by mark with str.find are those a regex of the marks gives,
    on every unit of the fixtures and on random strings of marks and other characters."""
    import random
    marks = re.compile("[" + M._SENT_MARKS + "]")
    def plain(text):
        return (0, *(m.end() for m in marks.finditer(text)), len(text))
    texts = [u.text for path in sorted(FIXTURES.glob("*.txt"))
             for u in outline(fold(read_path(str(path))), load_pack().roles).units]
    rnd = random.Random(11)
    texts += ["".join(rnd.choice("。!?;,甲乙 a") for _ in range(rnd.randrange(0, 30)))
              for _ in range(3000)] + ["", "。", "。。", "甲"]
    for text in texts:
        assert M._sentence_ends.__wrapped__(text) == plain(text), text
