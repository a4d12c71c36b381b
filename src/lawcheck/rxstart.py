"""Where a regular expression's matches can start, and a finditer that looks only there.

Python's regex engine skips quickly to the places where a match can start only when the
pattern begins with a literal, a character class or an alternation of literals. A
pattern that begins with an optional group ((党政)?主要负责…) or a look-behind
((?<![原基])因…) is tried at every position of the text instead, which made two of the
rule pack's patterns half the match stage's pattern time. Yet every match of such a
pattern starts with one of a few characters (党 or 主; 因), read here from the parsed
pattern; `finditer` finds those characters with a character class, which the engine does
skip to, and tries the pattern only there.

The matches are finditer's own: the engine tries positions left to right and takes the
first where the pattern matches (what `pattern.match(text, p)` gives: a look-behind or
^ sees the same text either way), continuing after a match from its end; a position
whose character is not a possible first character cannot match, as long as no match is
empty (a pattern that can match empty text is left to finditer).
"""
from __future__ import annotations

from collections.abc import Iterator

from . import rx as re

try:
    from re import _constants as _c, _parser  # type: ignore[attr-defined]  # private, no stubs
except ImportError:                  # another Python: every pattern goes to finditer
    _parser = None

_WIDEST_RANGE = 64                   # a class wider than this is "any character" here


def first_chars(pattern: re.Pattern[str]) -> str | None:
    """The characters every match of `pattern` starts with, when the engine cannot skip
    to them itself and they are known (a pattern of literals, classes of literals,
    groups, alternations, repeats and look-arounds); else None."""
    if _parser is None or pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        if parsed.state.flags & re.IGNORECASE or _engine_skips(parsed.data):
            return None
        chars, empty = _starts(parsed.data)
    except Exception:                # a parse tree of another shape (another Python): finditer
        return None
    return None if chars is None or empty or not chars else "".join(sorted(chars))


def finditer(pattern: re.Pattern[str], starts: re.Pattern[str] | None,
             text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`; with `starts`, the class of first_chars(pattern), by
    trying the pattern only where one of those characters stands."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    pos = 0
    while (c := starts.search(text, pos)) is not None:
        m = pattern.match(text, c.start())
        if m is None:
            pos = c.start() + 1
        else:
            yield m
            pos = m.end()


def search(pattern: re.Pattern[str], starts: re.Pattern[str] | None,
           text: str) -> re.Match[str] | None:
    """`pattern.search(text)`; with `starts`, the class of first_chars(pattern), by
    trying the pattern only where one of those characters stands (the first match
    finditer would give)."""
    if starts is None:
        return pattern.search(text)
    pos = 0
    while (c := starts.search(text, pos)) is not None:
        m = pattern.match(text, c.start())
        if m is not None:
            return m
        pos = c.start() + 1
    return None


def starts_class(chars: str | None) -> re.Pattern[str] | None:
    """The character class of first_chars' answer (None stays None)."""
    return None if chars is None else re.compile("[" + "".join(re.escape(ch) for ch in chars) + "]")


def _engine_skips(items: list) -> bool:
    """Does the engine find a literal or character-class prefix itself (re._compiler's
    own test, simplified: when it says no wrongly, only time is lost)?"""
    while items and items[0][0] is _c.SUBPATTERN and not items[0][1][1]:
        items = items[0][1][3].data
    if not items:
        return False
    op, av = items[0]
    if op is _c.BRANCH:
        return all(alt and alt[0][0] is _c.LITERAL for alt in av[1])
    return op in (_c.LITERAL, _c.IN)


def _starts(items: list) -> tuple[set[str] | None, bool]:
    """(the characters a match of the sequence `items` can start with, None when any;
    whether it can match the empty text)."""
    chars: set[str] = set()
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue                 # zero width: the next item starts the match
        if op is _c.LITERAL:
            return chars | {chr(av)}, False
        if op is _c.IN:
            got = _class(av)
            return (None if got is None else chars | got), False
        if op is _c.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                return None, False
            inner, empty = _starts(av[3].data)
        elif op is _c.ATOMIC_GROUP:
            inner, empty = _starts(av.data)
        elif op is _c.BRANCH:
            inner, empty = set(), False
            for alt in av[1]:
                got, alt_empty = _starts(alt.data if hasattr(alt, "data") else alt)
                if got is None:
                    return None, False
                inner |= got
                empty = empty or alt_empty
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            inner, empty = _starts(av[2].data)
            empty = empty or av[0] == 0
        else:                        # any character, a back-reference, a condition...
            return None, False
        if inner is None:
            return None, False
        chars |= inner
        if not empty:
            return chars, False
    return chars, True


def _class(items: list) -> set[str] | None:
    """The characters of a class of literals and narrow ranges; None for any other."""
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _WIDEST_RANGE:
            out.update(chr(cp) for cp in range(av[0], av[1] + 1))
        else:                        # negated, a category (\d, \s), a wide range
            return None
    return out
