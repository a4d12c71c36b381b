"""The pack's `vocabulary:`: the word lists the judgement reads (what a concrete action
is, where a cause analysis begins, which wording of a problem is a stock phrase …).

Each list is a list of regular-expression fragments in the pack (national defaults in
rules/national.yaml, changed by a child pack through `extends:`). The judge reads them
compiled, one pattern per list, from `Pack.vocabulary` (a `Vocabulary`, built once when
the pack is built and cached with it); no module of the judge keeps a word list of its
own.

A list's fragments are joined into one alternation (`a|b|c`) and set into the list's
template (`^({})` for a list of openers), so the national lists give exactly the
patterns the judge used when they were written in Python. Every list is declared here
once, with its template and what reads it; the declaration serves the pack loader, the
validator (`rulecheck`: unknown names, fragments that do not compile or can backtrack
catastrophically, lists that do not join) and the docs (`markdown_table()` writes the
table of docs/rules.md; a test keeps it in step).

This module imports nothing of the pipeline, so the validator can use it at load time.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from . import rx as re

NEVER = "(?!)"                   # an empty list: a pattern that matches nothing
ADD = "add_"                     # `add_NAME:` in a child pack appends to the inherited NAME


def _list(template: str, use: str) -> Any:
    """A declared word list: how its joined fragments become one pattern (`{}` is the
    alternation) and what the judge does with it (one line, for the docs)."""
    return dataclasses.field(metadata={"template": template, "use": use})


_POINTS = "the points of a part (`specific`, `alignment`, `part`'s `min_points`, `--previous`)"


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """The pack's word lists, each compiled to one pattern (see the module docstring)."""
    concrete_actions: re.Pattern[str] = _list(
        "{}", "`presence` (`needs: substance`), the choice of evidence, `--previous`: a sentence "
        "with one of these (or a figure) says what was done, not a slogan")
    law_words: re.Pattern[str] = _list(
        "{}", "every check: a text with none of these (and no topical hit, no heading "
        "role) is not a rule-of-law report; every item is then missing")
    cause_lead: re.Pattern[str] = _list(
        "{}", f"{_POINTS}: a line that leads in to the causes (主要原因在于:); the 一是… after it "
        "are causes, not problems")
    cause_tail: re.Pattern[str] = _list(
        "{}", f"{_POINTS}: a trailing lead-in (主要原因:) cut off the end of an enumerated point")
    cause_start: re.Pattern[str] = _list(
        "(?<=[。;])[^。;]*({})", f"{_POINTS}: the sentence where the cause analysis begins "
        "(究其原因, 原因在于, 客观上); a point ends before it")
    cause_opening: re.Pattern[str] = _list(
        "^({})", "`specific`, `alignment`, `--previous`: a point that opens so states a cause, "
        "not a problem")
    causes_title: re.Pattern[str] = _list(
        "{}", "`specific`, `alignment`: a shortcomings sub-part whose title has one of these "
        "and none of `problems_title` explains the problems and lists none")
    problems_title: re.Pattern[str] = _list(
        "{}", "see `causes_title`: a title with one of these lists problems (问题和原因)")
    transition_openers: re.Pattern[str] = _list(
        "^({})", f"{_POINTS}: a sentence of at most 40 characters opening so (一年来, 但, 同时) "
        "links or sums up; it is not a point of its own")
    stock_phrases: re.Pattern[str] = _list(
        "({})", "`specific`: stock wording of a problem (有待加强, 不够到位); taken out before "
        "looking for a concrete symptom")
    stock_words: re.Pattern[str] = _list(
        "{}", "`specific`: the stock phrases as whole words, quoted back in the reason "
        "(“有待进一步加强”之类的套话)")
    symptoms: re.Pattern[str] = _list(
        "({})", "`specific`: a concrete symptom (缺乏, 偏低, 不规范, 积压); a problem naming one "
        "(outside the stock phrases) is specific")
    future_framing: re.Pattern[str] = _list(
        "{}", "`--previous`: a sentence framed as future work (下一步, 将进一步, 力争) is a "
        "promise, at most a mention of last year's problem")
    rectification_words: re.Pattern[str] = _list(
        "{}", "`--previous`: wording of a rectification (整改, 针对, 上年度); weighs a sentence "
        "up as the answer to last year's problem when it also shares a topic")
    plan_lead: re.Pattern[str] = _list(
        "^({})", "the outline: in a merged problems-and-next-steps part with no plans sub-part, "
        "the first unit opening so (下一步, 针对上述问题, 2025年我县将) starts next year's plans")
    plan_split: re.Pattern[str] = _list(
        r"(?<=[。;])\s*(?={})", "the outline: inside a paragraph of a merged part, the next "
        "steps start at a sentence opening so (the paragraph is cut there)")
    problems_lead: re.Pattern[str] = _list(
        "^[^。]{0,40}?({})", "the outline: in a report with no headings at all, the first "
        "paragraph opening so (同时也要看到,我县…还存在一些短板) starts this year's problems")
    lecture_topic: re.Pattern[str] = _list(
        "{}", "match: the subject of a lecture or a training (围绕…行政诉讼典型案例…等主题授课); "
        "an item's words inside it are a topic taught, a passing mention, unless the item "
        "sets `keep_lecture_topics`")
    # the fragments each pattern was built from (for `rules show`, tests and the docs)
    lists: Mapping[str, tuple[str, ...]] = dataclasses.field(
        default_factory=dict, compare=False, repr=False, metadata={"template": None})

    @classmethod
    def build(cls, lists: Mapping[str, Sequence[str]]) -> "Vocabulary":
        """Every declared list compiled (a list not given is empty: it matches nothing)."""
        got = {name: tuple(str(f) for f in lists.get(name) or ()) for name in names()}
        return cls(lists=got, **{name: re.compile(assemble(name, got[name]))
                                 for name in names()})


def names() -> list[str]:
    """The declared list names, in declaration order."""
    return [f.name for f in dataclasses.fields(Vocabulary) if f.metadata.get("template")]


def template(name: str) -> str:
    return next(f.metadata["template"] for f in dataclasses.fields(Vocabulary) if f.name == name)


def assemble(name: str, fragments: Sequence[str]) -> str:
    """The pattern of list `name`: its fragments joined into one alternation, set into
    the list's template (an empty list matches nothing)."""
    alternation = "|".join(str(f) for f in fragments) if fragments else NEVER
    return template(name).replace("{}", alternation, 1)


def merge(base: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
    """A child pack's `vocabulary:` over its parent's: `NAME:` replaces the inherited
    list, `add_NAME:` appends to it (to the national default when nothing inherited
    defines NAME: the addition is kept until the pack is built, see `resolve`)."""
    out = dict(base)
    for key, words in data.items():
        if not str(key).startswith(ADD):
            out[key] = list(words or [])
            out.pop(ADD + str(key), None)          # a replaced list drops pending additions
    for key, words in data.items():
        key = str(key)
        if key.startswith(ADD):
            name = key[len(ADD):]
            if name in out:
                out[name] = list(out[name]) + list(words or [])
            else:
                out[key] = list(out.get(key) or []) + list(words or [])
    return out


def resolve(raw: Mapping[str, Any], defaults: Mapping[str, Sequence[str]] | None
            ) -> dict[str, list[str]]:
    """The lists of a merged pack: its own, else the `defaults` (the national pack's,
    for a pack that does not extend it), with pending `add_NAME` additions appended."""
    out: dict[str, list[str]] = {}
    for name in names():
        base = raw[name] if name in raw else (defaults or {}).get(name) or []
        out[name] = list(base) + list(raw.get(ADD + name) or [])
    return out


def markdown_table() -> str:
    """The table of docs/rules.md (`vocabulary`), from the declarations."""
    rows = ["| list | pattern | read by |", "|---|---|---|"]
    for f in dataclasses.fields(Vocabulary):
        tpl = f.metadata.get("template")
        if not tpl:
            continue
        shown = tpl.replace("{}", "a|b|…").replace("|", "\\|")
        rows.append(f"| `{f.name}` | `{shown}` | {f.metadata['use']} |")
    return "\n".join(rows) + "\n"
