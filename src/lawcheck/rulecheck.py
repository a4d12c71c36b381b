"""Rule-file validation: YAML parsed with the line of every key, JSON Schema errors and
semantic checks (regexes that do not compile or can backtrack catastrophically, duplicate
or unknown ids, empty terms, items without examples), each as a RuleError with file,
line, key, a code and a hint, like Vale/Semgrep config errors:
    rules/my.yaml:14: items[2].weight: 'heavy' is not of type 'number' [LC101] (hint: …)
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from .model import ROLES
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

    def __str__(self) -> str:
        loc = f"{self.file}:{self.line}" if self.line else self.file
        key = f" {self.key}:" if self.key else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{loc}:{key} {self.message} [{self.code}]{hint}"


class RulePackError(Exception):
    """Invalid rule files; `errors` lists every problem found."""

    def __init__(self, errors: list[RuleError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


# ------------------------------------------------------------------ YAML with lines

def _load_yaml(text: str, file: str) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML keeping the line of every mapping key and sequence entry."""
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

    def build(n: yaml.Node, path: tuple) -> Any:
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


def _nested_repeat(pattern: str) -> bool:
    """Does a repeated group contain another open-ended repeat, as in (a+)+, (\\w*)*,
    (x[^。]*)+: the shape that backtracks exponentially on a near-miss?"""
    try:
        from re import _parser as sre          # Python 3.11+
    except ImportError:                         # pragma: no cover
        import sre_parse as sre                 # type: ignore
    try:
        parsed = sre.parse(pattern)
    except Exception:                           # noqa: BLE001 - compile errors are reported elsewhere
        return bool(_NESTED_QUANT.search(pattern))
    from re._constants import MAXREPEAT, MAX_REPEAT, MIN_REPEAT, SUBPATTERN, BRANCH
    repeats = {MAX_REPEAT, MIN_REPEAT}
    try:
        from re._constants import POSSESSIVE_REPEAT
        repeats.add(POSSESSIVE_REPEAT)
    except ImportError:                         # pragma: no cover
        pass

    def children(op, av):
        if op in repeats:
            return [av[2]]
        if op is SUBPATTERN:
            return [av[-1]]
        if op is BRANCH:
            return list(av[1])
        return []

    def has_open_repeat(seq) -> bool:
        for op, av in seq:
            if op in repeats and av[1] == MAXREPEAT:
                return True
            for sub in children(op, av):
                if has_open_repeat(sub):
                    return True
        return False

    def walk(seq) -> bool:
        for op, av in seq:
            if op in repeats and av[1] > 1 and has_open_repeat(av[2]):
                return True
            for sub in children(op, av):
                if walk(sub):
                    return True
        return False

    return walk(parsed)


def _regex_problem(p: str) -> tuple[str, str] | None:
    """(message, hint) when `p` does not compile or can backtrack catastrophically."""
    probe = p.replace("{next_year}", "2025").replace("{prev_year}", "2023").replace("{year}", "2024")
    try:
        re.compile(probe)
    except re.error as exc:
        return f"regex does not compile: {exc}", "escape ( ) [ ] + * ? with a backslash, or fix the brackets"
    if _nested_repeat(probe):
        return ("regex can backtrack catastrophically (a repeated group that itself repeats)",
                "bound the inner repeat, e.g. [^。]{0,20} instead of (.+)+")
    return None


def _semantic_errors(data: dict, lines: dict[tuple, int], file: str,
                     known_ids: set[str]) -> list[RuleError]:
    errors: list[RuleError] = []

    def err(path: tuple, msg: str, code: str, hint: str = "") -> None:
        errors.append(RuleError(file, _line_for(lines, path), _key_str(path), msg, code, hint))

    seen: dict[str, int] = {}
    for i, item in enumerate(data.get("items") or []):
        if not isinstance(item, dict):
            continue
        iid = item.get("id")
        if iid in seen or (iid in known_ids and iid not in (data.get("remove") or [])):
            err(("items", i, "id"), f"duplicate item id '{iid}'", "LC201",
                "ids are unique in a pack; use `override:` to change an inherited item")
        seen[iid] = i
        for key in ("patterns", "weak_patterns", "demote", "exclude"):
            for j, p in enumerate(item.get(key) or []):
                prob = _regex_problem(str(p))
                if prob:
                    err(("items", i, key, j), prob[0], "LC202", prob[1])
        for key in ("terms", "weak_terms"):
            for j, t in enumerate(item.get(key) or []):
                t = str(t)
                n = normalize(t)
                if not n:
                    err(("items", i, key, j), f"term '{t}' is empty after normalisation", "LC203",
                        "remove it: it can never match")
                elif n != t and (n.replace(" ", "") != t.replace(" ", "")):
                    pass  # folded forms are matched in their normalised form; fine
        check = item.get("check")
        opts = item.get("options") or {}
        if check in ("presence",) and not (item.get("terms") or item.get("patterns")):
            err(("items", i), f"presence item '{iid}' has no terms and no patterns", "LC204",
                "add terms: or patterns: or it can never pass")
        if check == "part" and opts.get("role") not in ROLES:
            err(("items", i, "options", "role"),
                f"part item '{iid}' needs options.role, one of {', '.join(ROLES)}", "LC205",
                "e.g. options: {role: plans}; see the part items of rules/national.yaml")
        if check == "meta" and opts.get("field") not in ("year", "title", "signature"):
            err(("items", i, "options", "field"),
                f"meta item '{iid}' needs options.field: year, title or signature", "LC206",
                "e.g. options: {field: title}")
        if not item.get("examples"):
            err(("items", i), f"item '{iid}' has no examples", "LC207",
                "add examples: with text and expect (pass/weak/missing); a rule without examples is untested")
    all_ids = known_ids | set(seen) - set(data.get("remove") or [])
    for j, rid in enumerate(data.get("remove") or []):
        if rid not in known_ids:
            err(("remove", j), f"remove names unknown item '{rid}'", "LC208",
                _did_you_mean(rid, known_ids) + "`lawcheck rules list` shows the inherited ids")
    for rid in (data.get("override") or {}):
        if rid not in known_ids and rid not in seen:
            err(("override", rid), f"override names unknown item '{rid}'", "LC208",
                _did_you_mean(rid, known_ids | set(seen)) + "`lawcheck rules list` shows the inherited ids")
        for key in ("add_patterns", "add_exclude", "add_demote", "patterns"):
            for j, p in enumerate((data["override"][rid] or {}).get(key) or []):
                prob = _regex_problem(str(p))
                if prob:
                    err(("override", rid, key, j), prob[0], "LC202", prob[1])
    for level, prof in (data.get("profiles") or {}).items():
        if not isinstance(prof, dict):
            continue
        for j, rid in enumerate(prof.get("not_applicable") or []):
            if rid not in all_ids:
                err(("profiles", level, "not_applicable", j), f"profile names unknown item '{rid}'",
                    "LC208", _did_you_mean(rid, all_ids) + "`lawcheck rules list` shows the ids")
        for rid in (prof.get("weights") or {}):
            if rid not in all_ids:
                err(("profiles", level, "weights", rid), f"profile names unknown item '{rid}'",
                    "LC208", _did_you_mean(rid, all_ids) + "`lawcheck rules list` shows the ids")
        for rid, ov in (prof.get("override") or {}).items():
            if rid not in all_ids:
                err(("profiles", level, "override", rid), f"profile names unknown item '{rid}'",
                    "LC208", _did_you_mean(rid, all_ids) + "`lawcheck rules list` shows the ids")
            for key in ("add_patterns", "add_exclude", "add_demote", "patterns", "demote"):
                for j, p in enumerate((ov or {}).get(key) or []):
                    prob = _regex_problem(str(p))
                    if prob:
                        err(("profiles", level, "override", rid, key, j), prob[0], "LC202", prob[1])
    for role, block in (data.get("roles") or {}).items():
        pats = block if isinstance(block, list) else (block or {}).get("headings", []) + \
            (block or {}).get("not", [])
        for j, p in enumerate(pats):
            prob = _regex_problem(str(p))
            if prob:
                err(("roles", role, j), prob[0], "LC202", prob[1])
    return errors
