"""Rule-file validation: YAML parsed with the line of every key, JSON Schema errors and
semantic checks (regexes that do not compile or can backtrack catastrophically, duplicate
or unknown ids, empty terms, items without examples or hints), each as a RuleError with file,
line, key, a code and a hint, like Vale/Semgrep config errors:
    rules/my.yaml:14: items[2].weight: 'heavy' is not of type 'number' [LC101] (hint: …)
"""
from __future__ import annotations

import functools
import json
import os
import re
import stat
from dataclasses import dataclass
from importlib import resources
from typing import Any, Callable

from .model import WEAK_CAUSES
from .normalize import normalize


# ------------------------------------------------------------------ errors

@dataclass
class RuleError:
    file: str
    line: int
    key: str
    message: str
    code: str
    hint: str = ""
    level: str = "error"             # "warning": reported by `rules validate`, never fatal

    def __str__(self) -> str:
        loc = f"{self.file}:{self.line}" if self.line else self.file
        key = f" {self.key}:" if self.key else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        warn = " warning:" if self.level == "warning" else ""
        return f"{loc}:{warn}{key} {self.message} [{self.code}]{hint}"


class RulePackError(Exception):
    """Invalid rule files; `errors` lists every problem found."""

    def __init__(self, errors: list[RuleError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


# ------------------------------------------------------------------ YAML with lines

MAX_DEPTH = 32            # a rule file is ~6 levels deep; deeper is a mistake or an attack
MAX_RULE_FILE = 4 << 20   # bytes; the national pack is ~50 KB

def _load_yaml(text: str, file: str) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML keeping the line of every mapping key and sequence entry."""
    import yaml                  # here: a run on a cached bundled pack never needs it
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when present
    try:
        node = yaml.compose(text, Loader=loader_cls)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RulePackError([RuleError(file, line, "", f"YAML syntax error: {problem}",
                                       "LC001", "check indentation, colons and quotes")])
    lines: dict[tuple, int] = {}
    if node is None:
        return None, lines
    scalars = yaml.SafeLoader("")   # one constructor for every scalar
    dups: list[RuleError] = []
    seen: set[int] = set()

    def build(n: yaml.Node, path: tuple) -> Any:
        # Composing keeps an alias as a second reference to the anchored node, so the
        # expansion ("billion laughs") would happen here: refuse the second visit, and
        # bound the depth, before any work is multiplied.
        if id(n) in seen:
            raise RulePackError([RuleError(file, n.start_mark.line + 1, _key_str(path),
                                           "YAML aliases (&anchor / *alias) are not allowed in rule files",
                                           "LC005", "write the value out where it is needed")])
        seen.add(id(n))
        if len(path) > MAX_DEPTH:
            raise RulePackError([RuleError(file, n.start_mark.line + 1, _key_str(path[:4]) + "…",
                                           f"nested more than {MAX_DEPTH} levels deep", "LC005",
                                           "rule files are a few levels deep; see docs/rules.md")])
        lines.setdefault(path, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            out = {}
            for k, v in n.value:
                try:
                    key = scalars.construct_object(k, deep=True)
                except yaml.YAMLError as exc:
                    raise RulePackError([RuleError(file, k.start_mark.line + 1, _key_str(path),
                                                   f"bad key: {getattr(exc, 'problem', exc)}", "LC001",
                                                   "keys are plain words like terms: or weight:")])
                if not isinstance(key, (str, int)):
                    key = str(key)
                if key in out:
                    dups.append(RuleError(file, k.start_mark.line + 1, _key_str(path + (key,)),
                                          f"key '{key}' appears twice in the same mapping "
                                          f"(first on line {lines.get(path + (key,), 0)})", "LC004",
                                          "YAML keeps only the last one; merge the two"))
                lines[path + (key,)] = k.start_mark.line + 1
                out[key] = build(v, path + (key,))
            return out
        if isinstance(n, yaml.SequenceNode):
            return [build(v, path + (i,)) for i, v in enumerate(n.value)]
        return scalars.construct_object(n, deep=True)

    try:
        data = build(node, ())
    except yaml.YAMLError as exc:         # a scalar that cannot be constructed (bad tag, date)
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        raise RulePackError([RuleError(file, mark.line + 1 if mark else 0, "",
                                       f"YAML error: {getattr(exc, 'problem', None) or exc}", "LC001",
                                       "quote the value")])
    if dups:
        raise RulePackError(dups)
    return data, lines


def read_small_text(path: "os.PathLike[str] | str", limit: int = MAX_RULE_FILE) -> str:
    """The UTF-8 text of a small regular file (a rule pack or a configuration file).

    Checked by type before opening, so a FIFO or a device (`--rules /dev/zero`) is refused
    instead of blocking or filling memory; read with a bound, so a huge file is refused.
    Raises OSError or UnicodeDecodeError with a message the caller turns into one line.
    """
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise OSError(f"not a regular file ({_file_kind(st.st_mode)})")
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise OSError(f"larger than {limit >> 20} MiB")
    return data.decode("utf-8")


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def _line_for(lines: dict[tuple, int], path: tuple) -> int:
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 0)


def _key_str(path: tuple) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


@functools.lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads(resources.files("lawcheck").joinpath("schema/rule-pack.schema.json")
                      .read_text(encoding="utf-8"))


# Schema errors: one stable code per JSON Schema keyword (see docs/rules.md).
_SCHEMA_CODES = {
    "additionalProperties": ("LC100", "remove the key or fix its spelling; docs/rules.md lists every key"),
    "type": ("LC101", "give the value the type the schema asks for (a list is written [a, b] or as - lines)"),
    "enum": ("LC102", "use one of the allowed values"),
    "required": ("LC103", "add the missing key"),
    "pattern": ("LC104", "item ids look like group.name in lower case (enforcement.publicity); "
                         "pack names are lower-case letters, digits, - and _"),
    "minimum": ("LC105", "use a larger value"),
    "maximum": ("LC105", "use a smaller value"),
    "minLength": ("LC106", "an empty string can never match; remove it"),
    "uniqueItems": ("LC107", "list each value once"),
    "propertyNames": ("LC108", "use one of the allowed names"),
}
_SCOPE_ROLES = ("preamble", "achievements", "first_responsible", "shortcomings", "plans",
                "other", "signature")


def _did_you_mean(word: str, choices) -> str:
    import difflib
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def _allowed_keys(path: tuple) -> list[str]:
    """Keys the schema allows at `path` (for did-you-mean hints)."""
    schema = _schema()
    defs = schema["$defs"]
    if not path:
        return list(schema["properties"])
    if path[0] == "items" and len(path) == 2:
        return list(defs["item"]["properties"])
    if path[0] == "override" and len(path) == 2:
        return list(defs["override"]["properties"])
    if path[0] in ("items", "override") and len(path) == 3 and path[2] == "hint":
        return list(defs["hint"]["properties"])
    if path[0] == "items" and len(path) == 4 and path[2] == "examples":
        return list(defs["example"]["properties"])
    if path[0] == "profiles" and len(path) == 2:
        return ["description", "not_applicable", "weights"]
    if path[0] == "roles" and len(path) == 1:
        return list(schema["properties"]["roles"]["properties"])
    return []


def _schema_errors(data: Any, lines: dict[tuple, int], file: str) -> list[RuleError]:
    from jsonschema import Draft202012Validator
    validator = Draft202012Validator(_schema())
    errors = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(err.absolute_path)
        msg = err.message
        code, hint = _SCHEMA_CODES.get(err.validator, ("LC109", "see docs/rules.md"))
        if "propertyNames" in list(err.schema_path) and isinstance(err.instance, str):
            # a mapping key that is not allowed (a level, an item id): point at the key
            path = path + (err.instance,)
            code = "LC108"
            if err.validator == "enum":
                msg = f"unknown name '{err.instance}'"
                hint = _did_you_mean(err.instance, err.validator_value) + \
                    "allowed: " + ", ".join(map(str, err.validator_value))
            else:
                msg = f"'{err.instance}' is not an item id"
                hint = "item ids look like group.name in lower case (enforcement.publicity)"
            errors.append(RuleError(file, _line_for(lines, path), _key_str(path), msg, code, hint))
            continue
        if err.validator == "additionalProperties":
            extra = re.findall(r"'([^']+)' was unexpected", msg)
            if extra:
                hint = _did_you_mean(extra[0], _allowed_keys(path)) + hint
                path = path + (extra[0],)
                msg = f"unknown key '{extra[0]}'"
        elif err.validator == "enum" and "scopes" in path:
            code = "LC110"
            msg = f"unknown scope role '{err.instance}'"
            hint = _did_you_mean(err.instance, _SCOPE_ROLES) + "roles are " + ", ".join(_SCOPE_ROLES)
        elif err.validator == "enum":
            hint = _did_you_mean(err.instance, err.validator_value) + \
                "allowed: " + ", ".join(map(str, err.validator_value))
        errors.append(RuleError(file, _line_for(lines, path), _key_str(path), msg, code, hint))
    errors.sort(key=lambda e: e.line)
    return errors


# ------------------------------------------------------------------ semantic checks

_NESTED_QUANT = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*{]")
_ANY = "any"          # a character set standing for "could be almost anything"


# re's private parser and opcode constants (Python 3.11+; not in typeshed) describe a
# pattern's structure; without them _catastrophic falls back to _NESTED_QUANT.
try:
    from re import _constants as _op  # type: ignore[attr-defined]
    from re import _parser as _sre  # type: ignore[attr-defined]
    _REPEATS = frozenset({_op.MAX_REPEAT, _op.MIN_REPEAT})
except ImportError:                             # pragma: no cover
    _op = _sre = None


def _catastrophic(pattern: str) -> str | None:
    """Why `pattern` can backtrack catastrophically, or None.

    Three shapes cover the known cases (Python's `re` backtracks; a pack's patterns run on
    every sentence of every report):
    - a repeated group containing another open-ended repeat: (a+)+, (\\w*)*, (x[^。]*)+;
    - a repeated group whose alternatives can start with the same character: (a|a)+,
      (a|aa)+ — each character can be taken by either branch, 2^n ways;
    - three or more open-ended repeats in one sequence over overlapping characters:
      a*a*a*, .*.*.*= — polynomial of high degree on a long near-miss.
    """
    if _sre is None:                            # pragma: no cover
        return "nested repeat" if _NESTED_QUANT.search(pattern) else None
    try:
        parsed = _sre.parse(pattern)
    except Exception:                           # noqa: BLE001 - compile errors are reported elsewhere
        return "nested repeat" if _NESTED_QUANT.search(pattern) else None
    return _backtracking_shape(parsed)


def _backtracking_shape(seq) -> str | None:
    """The first catastrophic shape (see _catastrophic) in a parsed sequence or anything
    nested in it, or None."""
    open_sets = [_starts(op, av) for op, av in seq if op in _REPEATS and av[1] == _op.MAXREPEAT]
    for i in range(len(open_sets) - 2):
        a, b, c = open_sets[i:i + 3]
        if _overlap(a, b) and _overlap(b, c) and _overlap(a, c):
            return "three open-ended repeats over the same characters"
    for op, av in seq:
        if op in _REPEATS and av[1] > 1:
            if _has_open_repeat(av[2]):
                return "a repeated group that itself repeats"
            if _branch_overlaps(av[2]):
                return "a repeated group whose alternatives can match the same text"
        for c in _children(op, av):
            why = _backtracking_shape(c)
            if why:
                return why
    return None


def _children(op, av) -> list:
    """The sub-sequences of one parsed element: a repeat's body, a group's, each branch."""
    if op in _REPEATS:
        return [av[2]]
    if op is _op.SUBPATTERN:
        return [av[-1]]
    if op is _op.BRANCH:
        return list(av[1])
    return []


def _has_open_repeat(seq) -> bool:
    """Does `seq` hold an unbounded repeat (* + {n,}) anywhere?"""
    return any((op in _REPEATS and av[1] == _op.MAXREPEAT) or
               any(_has_open_repeat(c) for c in _children(op, av)) for op, av in seq)


def _starts(op, av):
    """The characters one element can start with: a set of (lo, hi) ranges or _ANY."""
    if op is _op.LITERAL:
        return {(av, av)}
    if op is _op.IN:
        out = set()
        for sop, sav in av:
            if sop is _op.LITERAL:
                out.add((sav, sav))
            elif sop is _op.RANGE:
                out.add(sav)
            else:                               # NEGATE, CATEGORY (\\w, \\d …)
                return _ANY
        return out
    if op in (_op.ANY, _op.NOT_LITERAL):
        return _ANY
    if op in _REPEATS:
        return _first(av[2])
    if op is _op.SUBPATTERN:
        return _first(av[-1])
    if op is _op.BRANCH:
        out = set()
        for alt in av[1]:
            f = _first(alt)
            if f is _ANY:
                return _ANY
            out |= f
        return out
    return set()                                # anchors and the like start with nothing


def _first(seq):
    """The characters a sequence can start with (its first element that starts with any)."""
    for op, av in seq:
        cs = _starts(op, av)
        if cs:
            return cs
    return set()


def _overlap(a, b) -> bool:
    """Can two start sets (see _starts) share a character?"""
    if not a or not b:
        return False
    if a is _ANY or b is _ANY:
        return True
    return any(lo1 <= hi2 and lo2 <= hi1 for lo1, hi1 in a for lo2, hi2 in b)


def _nullable(seq) -> bool:
    """Can `seq` match the empty string?"""
    for op, av in seq:
        if op in _REPEATS:
            if av[0] > 0 and not _nullable(av[2]):
                return False
        elif op is _op.SUBPATTERN:
            if not _nullable(av[-1]):
                return False
        elif op is _op.BRANCH:
            if not any(_nullable(alt) for alt in av[1]):
                return False
        elif op is not _op.AT:
            return False
    return True


def _branch_overlaps(seq) -> bool:
    """Does a branch in `seq` (outside nested repeats) have alternatives that can match the
    same text?"""
    for op, av in seq:
        if op is _op.BRANCH:
            # The parser factors a common prefix out ((a|aa) is a(|a)), so an empty
            # alternative is where two alternatives overlapped.
            if any(_nullable(alt) for alt in av[1]):
                return True
            firsts = [_first(alt) for alt in av[1]]
            if any(_overlap(firsts[i], firsts[j]) for i in range(len(firsts))
                   for j in range(i + 1, len(firsts))):
                return True
        for c in _children(op, av):
            if op not in _REPEATS and _branch_overlaps(c):
                return True
    return False


def _regex_problem(p: str) -> tuple[str, str] | None:
    """(message, hint) when `p` does not compile or can backtrack catastrophically."""
    probe = p.replace("{next_year}", "2025").replace("{prev_year}", "2023").replace("{year}", "2024")
    try:
        re.compile(probe)
    except re.error as exc:
        return f"regex does not compile: {exc}", "escape ( ) [ ] + * ? with a backslash, or fix the brackets"
    why = _catastrophic(probe)
    if why:
        return (f"regex can backtrack catastrophically ({why})",
                "bound the repeats, e.g. [^。]{0,20} instead of (.+)+ or .*.*, and make "
                "alternatives start differently")
    return None


# Every place a pack can hold a regular expression; validated by one path (`_regex_places`).
_ITEM_REGEX_KEYS = ("patterns", "weak_patterns", "demote", "exclude")
_OVERRIDE_REGEX_KEYS = _ITEM_REGEX_KEYS + ("add_patterns", "add_weak_patterns", "add_exclude",
                                           "add_demote")
_OPTION_REGEX_KEYS = ("sub_part", "sub_part_not", "concrete_form")


def _regex_places(data: dict):
    """(path, pattern) for every regular expression in a raw pack mapping."""
    def in_item(item: Any, base: tuple, keys: tuple[str, ...]):
        if not isinstance(item, dict):
            return
        for key in keys:
            vals = item.get(key) or []
            for j, p in enumerate(vals if isinstance(vals, list) else [vals]):
                yield base + (key, j), p
        opts = item.get("options")
        if isinstance(opts, dict):
            for key in _OPTION_REGEX_KEYS:
                if opts.get(key) is not None:
                    yield base + ("options", key), opts[key]

    for i, item in enumerate(data.get("items") or []):
        yield from in_item(item, ("items", i), _ITEM_REGEX_KEYS)
    override = data.get("override") or {}
    if isinstance(override, dict):
        for rid, ov in override.items():
            yield from in_item(ov, ("override", rid), _OVERRIDE_REGEX_KEYS)
    profiles = data.get("profiles") or {}
    if isinstance(profiles, dict):
        for level, prof in profiles.items():
            ovs = prof.get("override") if isinstance(prof, dict) else None
            if isinstance(ovs, dict):
                for rid, ov in ovs.items():
                    yield from in_item(ov, ("profiles", level, "override", rid), _OVERRIDE_REGEX_KEYS)
    negs = data.get("negations") or []
    for j, p in enumerate(negs if isinstance(negs, list) else [negs]):
        yield ("negations", j), p
    words = data.get("vocabulary") or {}
    if isinstance(words, dict):
        for name, frags in words.items():
            for j, p in enumerate(frags if isinstance(frags, list) else [frags]):
                yield ("vocabulary", name, j), p
    roles = data.get("roles") or {}
    if isinstance(roles, dict):
        for role, block in roles.items():
            if isinstance(block, list):
                for j, p in enumerate(block):
                    yield ("roles", role, j), p
            elif isinstance(block, dict):
                for key in ("headings", "not"):
                    for j, p in enumerate(block.get(key) or []):
                        yield ("roles", role, key, j), p


_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


def _vocabulary_problems(data: dict):
    """(path, message, hint) for a `vocabulary:` list whose fragments compile one by one
    but not as the one pattern the judge builds from them (vocabulary.assemble): a
    back-reference (its group number changes once joined), a group name used twice, an
    inline flag, a joined pattern that can backtrack catastrophically."""
    from . import vocabulary
    words = data.get("vocabulary") or {}
    if not isinstance(words, dict):
        return
    for key, frags in words.items():
        name = str(key)[len(vocabulary.ADD):] if str(key).startswith(vocabulary.ADD) else str(key)
        if name not in vocabulary.names() or not isinstance(frags, list) or \
                any(_regex_problem(str(f)) for f in frags):
            continue                      # the schema or the fragment's own check says so
        refs = [j for j, f in enumerate(frags) if _BACKREF.search(str(f))]
        for j in refs:
            yield (("vocabulary", key, j), "a vocabulary fragment cannot refer back to a group",
                   "the list is joined into one pattern, where group numbers change; repeat the words instead")
        if refs:
            continue
        prob = _regex_problem(vocabulary.assemble(name, [str(f) for f in frags]))
        if prob:
            yield (("vocabulary", key), f"the list joined into one pattern: {prob[0]}",
                   "the fragments are joined with | into one pattern: no group names used twice, "
                   "no inline flags (?i); " + prob[1])


def _option_errors(err, base: tuple, check: Any, opts: Any, partial: bool = False) -> None:
    """Typed options of the item's check type (declared next to its judge code)."""
    from .judge.options import problems        # lazily: the judge imports this module's users
    for key, msg, hint in problems(str(check), opts):
        if key is None and partial and "needs options." in msg:
            continue
        code = "LC205" if "needs options." in msg else ("LC111" if "unknown option" in msg
                                                         else "LC112")
        err(base + ("options",) + ((key,) if key is not None else ()), msg, code, hint)


def _semantic_errors(data: dict, lines: dict[tuple, int], file: str,
                     known_ids: set[str], checks_of: dict[str, str] | None = None) -> list[RuleError]:
    """What the schema cannot see in one pack file: duplicate and unknown item ids, items
    that can never pass or are untested, typed options, hint causes and unsafe regexes.
    `known_ids` are the inherited items, `checks_of` their check types."""
    errors: list[RuleError] = []

    def err(path: tuple, msg: str, code: str, hint: str = "") -> None:
        errors.append(RuleError(file, _line_for(lines, path), _key_str(path), msg, code, hint))

    removed = data.get("remove") or []
    seen: dict[Any, int] = {}                  # ids as written: any YAML value
    for i, item in enumerate(data.get("items") or []):
        if not isinstance(item, dict):
            continue
        iid = item.get("id")
        if iid in seen or (iid in known_ids and iid not in removed):
            err(("items", i, "id"), f"duplicate item id '{iid}'", "LC201",
                "ids are unique in a pack; use `override:` to change an inherited item")
        seen[iid] = i
        _item_errors(err, ("items", i), item)
    _remove_errors(err, removed, known_ids)
    _override_errors(err, data, known_ids, set(seen), checks_of or {})
    _profile_errors(err, data, known_ids | set(seen) - set(removed))
    for path, p in _regex_places(data):
        prob = _regex_problem(str(p))
        if prob:
            err(path, prob[0], "LC202", prob[1])
    for path, msg, hint in _vocabulary_problems(data):
        err(path, msg, "LC202", hint)
    return errors


_Err = Callable[..., None]      # err(path, message, code, hint="") of _semantic_errors


def _item_errors(err: _Err, base: tuple, item: dict) -> None:
    """One item: empty terms, a presence item with nothing to find, its typed options, no
    examples, and its hint."""
    iid = item.get("id")
    for key in ("terms", "weak_terms"):
        for j, t in enumerate(item.get(key) or []):
            t = str(t)
            if not normalize(t):
                err(base + (key, j), f"term '{t}' is empty after normalisation", "LC203",
                    "remove it: it can never match")
    check = item.get("check")
    if check in ("presence",) and not (item.get("terms") or item.get("patterns")):
        err(base, f"presence item '{iid}' has no terms and no patterns", "LC204",
            "add terms: or patterns: or it can never pass")
    _option_errors(err, base, check, item.get("options") or {})
    if not item.get("examples"):
        err(base, f"item '{iid}' has no examples", "LC207",
            "add examples: with text and expect (pass/weak/missing); a rule without examples is untested")
    _hint_errors(err, base, item, check)


def _hint_errors(err: _Err, base: tuple, item: dict, check: Any) -> None:
    """An item needs a hint; its `because:` keys must be causes its check type reports."""
    hint = item.get("hint")
    if not hint:
        err(base, f"item '{item.get('id')}' has no hint", "LC211",
            "add hint: {weak: …, missing: …}, one Chinese sentence each on what the drafter "
            "should add and where; see docs/rules.md")
    elif isinstance(hint, dict) and check in WEAK_CAUSES:
        for cause in (hint.get("because") or {}):
            if cause not in WEAK_CAUSES[check]:
                known = WEAK_CAUSES[check]
                err(base + ("hint", "because", cause),
                    f"a {check} item is never weak because of '{cause}'", "LC212",
                    _did_you_mean(cause, known) + (f"{check} reports: {', '.join(known)}"
                                                   if known else f"{check} reports no causes; use hint.weak"))


def _remove_errors(err: _Err, removed: list, known_ids: set[str]) -> None:
    """`remove:` may only name inherited items."""
    for j, rid in enumerate(removed):
        if rid not in known_ids:
            err(("remove", j), f"remove names unknown item '{rid}'", "LC208",
                _did_you_mean(rid, known_ids) + "`lawcheck rules list` shows the inherited ids")


def _override_errors(err: _Err, data: dict, known_ids: set[str], own_ids: set,
                     checks_of: dict[str, str]) -> None:
    """`override:` names an inherited or own item, and its options suit that item's check."""
    for rid, ov in (data.get("override") or {}).items():
        check = checks_of.get(rid) or next(
            (it.get("check") for it in data.get("items") or [] if isinstance(it, dict)
             and it.get("id") == rid), None)
        if isinstance(ov, dict) and "options" in ov and check:
            # an override's options are merged over the inherited ones: unknown or
            # mistyped keys are errors; required ones are already there
            _option_errors(err, ("override", rid), check, ov.get("options") or {},
                           partial=True)
        if rid not in known_ids and rid not in own_ids:
            err(("override", rid), f"override names unknown item '{rid}'", "LC208",
                _did_you_mean(rid, known_ids | own_ids) + "`lawcheck rules list` shows the inherited ids")


def _profile_errors(err: _Err, data: dict, all_ids: set) -> None:
    """A profile's not_applicable, weights and override name items of the pack."""
    for level, prof in (data.get("profiles") or {}).items():
        if not isinstance(prof, dict):
            continue
        named = [(("not_applicable", j), rid) for j, rid in enumerate(prof.get("not_applicable") or [])]
        named += [((key, rid), rid) for key in ("weights", "override") for rid in (prof.get(key) or {})]
        for tail, rid in named:
            if rid not in all_ids:
                err(("profiles", level) + tail, f"profile names unknown item '{rid}'",
                    "LC208", _did_you_mean(rid, all_ids) + "`lawcheck rules list` shows the ids")
