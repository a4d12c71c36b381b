"""Rule packs: load YAML, validate (JSON Schema + semantic checks), resolve `extends`,
and compile vocabulary for the match stage.

Errors carry file, line, key, a code and a hint, like Vale/Semgrep config errors:
    rules/my.yaml:14: items[2].weight: 'heavy' is not of type 'number' [LC102] (hint: …)
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .model import LEVELS, ROLES
from .normalize import normalize
from .outline import RoleVocabulary

CHECK_TYPES = ("part", "presence", "figures", "specific", "alignment", "meta", "deadline")
DEFAULT_PASS_SCOPES = ("preamble", "achievements", "first_responsible", "other")
DEFAULT_WEAK_SCOPES = ("shortcomings", "plans")
VOCAB_KEYS = ("terms", "patterns", "weak_terms", "weak_patterns", "demote", "exclude")


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


# ------------------------------------------------------------------ pack model

@dataclass
class Example:
    text: str
    expect: str
    note: str = ""
    level: str | None = None
    line: int = 0
    file: str = ""                   # the rule file that defines it (an override's own file)


@dataclass
class Item:
    id: str
    title: str
    group: str
    weight: float
    severity: str
    check: str
    describe: dict[str, str] = field(default_factory=dict)
    needs: str = "substance"
    pass_scopes: tuple[str, ...] = DEFAULT_PASS_SCOPES
    weak_scopes: tuple[str, ...] = DEFAULT_WEAK_SCOPES
    terms: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    weak_terms: list[str] = field(default_factory=list)
    weak_patterns: list[str] = field(default_factory=list)
    demote: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    examples: list[Example] = field(default_factory=list)
    source: str = ""                 # file:line where the item is defined

    @functools.cached_property
    def compiled(self) -> dict[str, list[re.Pattern[str]]]:
        """Patterns compiled once; those with {next_year} are compiled per report."""
        return {k: [re.compile(p) for p in getattr(self, k) if "{" not in p or
                    not _has_placeholder(p)]
                for k in ("patterns", "weak_patterns", "demote", "exclude")}

    def year_patterns(self, key: str, year: int | None) -> list[re.Pattern[str]]:
        pats = list(self.compiled[key])
        for p in getattr(self, key):
            if _has_placeholder(p) and year:
                pats.append(_compile_year(p, year))
        return pats


def _has_placeholder(p: str) -> bool:
    return "{next_year}" in p or "{year}" in p or "{prev_year}" in p


@functools.lru_cache(maxsize=256)
def _compile_year(p: str, year: int) -> re.Pattern[str]:
    return re.compile(p.replace("{next_year}", str(year + 1)).replace("{prev_year}", str(year - 1))
                      .replace("{year}", str(year)))


@dataclass
class Profile:
    level: str
    description: str = ""
    not_applicable: tuple[str, ...] = ()
    weights: dict[str, float] = field(default_factory=dict)


@dataclass
class Pack:
    name: str
    title: str
    items: list[Item]
    roles: RoleVocabulary
    grades: dict[str, float]
    deadlines: dict[str, tuple[int, int]]
    profiles: dict[str, Profile]
    sources: list[str] = field(default_factory=list)
    role_patterns: dict[str, list[str]] = field(default_factory=dict)

    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    @functools.cached_property
    def automaton(self):
        """One Aho-Corasick automaton for every term of every item (one pass per text)."""
        import ahocorasick
        auto = ahocorasick.Automaton()
        table: dict[str, list[tuple[str, str]]] = {}
        for it in self.items:
            for kind, terms in (("term", it.terms), ("weak_term", it.weak_terms)):
                for t in terms:
                    table.setdefault(t, []).append((it.id, kind))
        for term, owners in table.items():
            auto.add_word(term, (term, tuple(owners)))
        if table:
            auto.make_automaton()
        return auto if table else None


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
    for role, block in (data.get("roles") or {}).items():
        pats = block if isinstance(block, list) else (block or {}).get("headings", []) + \
            (block or {}).get("not", [])
        for j, p in enumerate(pats):
            prob = _regex_problem(str(p))
            if prob:
                err(("roles", role, j), prob[0], "LC202", prob[1])
    return errors


# ------------------------------------------------------------------ loading

def bundled_dir() -> Path:
    """Folder of the bundled packs (installed as lawcheck._rules, or the checkout's rules/)."""
    # lawcheck._rules has no __init__.py: it is a namespace package, whose
    # resources.files() is a MultiplexedPath (str() of it is not a path).
    installed = Path(__file__).resolve().parent / "_rules"
    if (installed / "national.yaml").is_file():
        return installed
    try:
        p = Path(str(resources.files("lawcheck._rules").joinpath("national.yaml"))).parent
        if (p / "national.yaml").is_file():
            return p
    except (ModuleNotFoundError, TypeError, ValueError, OSError):
        pass
    return Path(__file__).resolve().parents[2] / "rules"


def _files_of(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(list(path.glob("*.yaml")) + list(path.glob("*.yml")))
        if not files:
            raise RulePackError([RuleError(str(path), 0, "", "folder holds no .yaml rule files",
                                           "LC002", "name a rule file or a folder of them")])
        return files
    if not path.exists():
        raise RulePackError([RuleError(str(path), 0, "", "no such rule file or folder", "LC002",
                                       "check the --rules path")])
    return [path]


def _read_raw(path: Path) -> tuple[dict, dict[tuple, int]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError([RuleError(str(path), 0, "", f"cannot be read: {exc}", "LC002",
                                       "rule files are UTF-8 YAML")])
    data, lines = _load_yaml(text, str(path))
    if not isinstance(data, dict):
        raise RulePackError([RuleError(str(path), 1, "", "a rule file is a mapping with pack: and items:",
                                       "LC003", "start from rules/national.yaml or docs/rules.md")])
    return data, lines


def bundled_packs() -> dict[str, Path]:
    """Bundled packs by name: national, and regional/NAME.yaml as NAME."""
    root = bundled_dir()
    out = {p.stem: p for p in sorted(root.glob("*.yaml"))}
    for p in sorted((root / "regional").glob("*.yaml")):
        out.setdefault(p.stem, p)
    return out


def _bundled(name: str) -> Path | None:
    """A bundled pack named `name`: national, sichuan, regional/sichuan, with or
    without .yaml."""
    if not name or Path(name).is_absolute() or ".." in Path(name).parts:
        return None
    root = bundled_dir()
    for p in (root / name, root / f"{name}.yaml", root / "regional" / name,
              root / "regional" / f"{name}.yaml"):
        if p.is_file():
            return p
    return None


def resolve_pack_path(path: str | Path) -> Path:
    """A rule file or folder as given (relative to the working directory), else a
    bundled pack of that name (`--rules sichuan`, `--rules regional/sichuan`)."""
    p = Path(path)
    if p.exists():
        return p
    return _bundled(str(path).replace("\\", "/")) or p


def _resolve_extends(name: str, base: Path) -> Path:
    cand = (base.parent / name)
    for p in (cand, cand.with_suffix(".yaml")):
        if p.is_file():
            return p
    found = _bundled(name)
    if found is not None:
        return found
    raise RulePackError([RuleError(str(base), 0, "extends", f"cannot find pack '{name}'",
                                   "LC209", "name a bundled pack (national, sichuan) or a path "
                                   "relative to this file")])


def _is_bundled(file: Path) -> bool:
    try:
        file.resolve().relative_to(bundled_dir().resolve())
        return True
    except ValueError:
        return False


def _raw_pack(path: Path, depth: int = 0, validate_all: bool = False) -> tuple[dict, list[str]]:
    """The merged raw mapping of a pack, with `extends` applied; validates every file."""
    if depth > 8:
        raise RulePackError([RuleError(str(path), 0, "extends", "extends chain is too deep or circular",
                                       "LC210", "a pack may not extend itself, directly or through others")])
    merged: dict = {}
    sources: list[str] = []
    errors: list[RuleError] = []
    for file in _files_of(path):
        data, lines = _read_raw(file)
        # The bundled packs are validated by the test suite and `rules validate`; a
        # reviewer's every run need not pay ~40 ms for jsonschema. User packs always are.
        trusted = _is_bundled(file) and not validate_all
        schema_errs = [] if trusted else _schema_errors(data, lines, str(file))
        if schema_errs:
            errors.extend(schema_errs)
            continue
        base: dict = {}
        if data.get("extends"):
            try:
                parent = _resolve_extends(data["extends"], file)
            except RulePackError as exc:
                for e in exc.errors:
                    e.line = e.line or _line_for(lines, ("extends",))
                errors.extend(exc.errors)
                continue
            base, parent_sources = _raw_pack(parent, depth + 1, validate_all)
            sources.extend(parent_sources)
        known = {it["id"] for it in (base.get("items") or [])} | \
            {it["id"] for it in (merged.get("items") or [])}
        errors.extend(_semantic_errors(data, lines, str(file), known))
        for i, it in enumerate(data.get("items") or []):
            it["_source"] = f"{file}:{_line_for(lines, ('items', i))}"
            for j, ex in enumerate(it.get("examples") or []):
                ex["_line"] = _line_for(lines, ("items", i, "examples", j))
                ex["_file"] = str(file)
        for rid, ov in (data.get("override") or {}).items():
            for key in ("examples", "add_examples"):
                for j, ex in enumerate((ov or {}).get(key) or []):
                    ex["_line"] = _line_for(lines, ("override", rid, key, j))
                    ex["_file"] = str(file)
        sources.append(str(file))
        merged = _merge(_merge(merged, base), data) if base else _merge(merged, data)
    if errors:
        raise RulePackError(errors)
    return merged, sources


def _merge(base: dict, data: dict) -> dict:
    """Apply `data` on top of `base`: items appended, remove/override applied."""
    out = {k: v for k, v in base.items()}
    items = [dict(it) for it in (base.get("items") or [])]
    for k, v in data.items():
        if k in ("items", "remove", "override", "extends"):
            continue
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = {**out[k], **v}
        else:
            out[k] = v
    removed = set(data.get("remove") or [])
    items = [it for it in items if it["id"] not in removed]
    items.extend(dict(it) for it in (data.get("items") or []))
    for rid, ov in (data.get("override") or {}).items():
        for it in items:
            if it["id"] != rid:
                continue
            for key, val in (ov or {}).items():
                if key.startswith("add_"):
                    target = key[4:]
                    it[target] = list(it.get(target) or []) + list(val)
                elif key == "options":
                    it["options"] = {**(it.get("options") or {}), **val}
                else:
                    it[key] = val
    out["items"] = items
    return out


def _item(raw: dict) -> Item:
    scopes = raw.get("scopes") or {}
    return Item(
        id=raw["id"], title=raw["title"], group=raw["group"], weight=float(raw["weight"]),
        severity=raw["severity"], check=raw["check"], describe=dict(raw.get("describe") or {}),
        needs=raw.get("needs", "substance"),
        pass_scopes=tuple(scopes.get("pass", DEFAULT_PASS_SCOPES)),
        weak_scopes=tuple(scopes.get("weak", DEFAULT_WEAK_SCOPES)),
        terms=[normalize(str(t)) for t in raw.get("terms") or []],
        patterns=[str(p) for p in raw.get("patterns") or []],
        weak_terms=[normalize(str(t)) for t in raw.get("weak_terms") or []],
        weak_patterns=[str(p) for p in raw.get("weak_patterns") or []],
        demote=[str(p) for p in raw.get("demote") or []],
        exclude=[str(p) for p in raw.get("exclude") or []],
        options=dict(raw.get("options") or {}),
        examples=[Example(text=e["text"], expect=e["expect"], note=e.get("note", ""),
                          level=e.get("level"), line=e.get("_line", 0), file=e.get("_file", ""))
                  for e in raw.get("examples") or []],
        source=raw.get("_source", ""),
    )


def _roles(raw: dict) -> tuple[RoleVocabulary, dict[str, list[str]]]:
    vocab = RoleVocabulary()
    pats: dict[str, list[str]] = {}
    for role in ("first_responsible", "shortcomings", "plans", "other", "achievements"):
        block = raw.get(role) or {}
        # One alternation per role: a heading is tested once per role, not once per pattern.
        heads, nots = block.get("headings", []), block.get("not", [])
        vocab.headings[role] = [re.compile("|".join(f"(?:{p})" for p in heads))] if heads else []
        vocab.not_headings[role] = [re.compile("|".join(f"(?:{p})" for p in nots))] if nots else []
        pats[role] = list(block.get("headings", []))
    pats["next_year_framing"] = list(raw.get("next_year_framing") or [])
    # The outline knows no year yet: it uses the framing words without year placeholders.
    vocab.next_year_framing = [re.compile(p) for p in raw.get("next_year_temporal") or []
                               if not _has_placeholder(p)]
    return vocab, pats


def load_pack(path: str | Path | None = None) -> Pack:
    """Load the bundled national pack, or the pack at `path` (file or folder)."""
    return _load_pack_cached(str(resolve_pack_path(path).resolve()) if path else "")


@functools.lru_cache(maxsize=8)
def _load_pack_cached(path: str) -> Pack:
    p = Path(path) if path else bundled_dir() / "national.yaml"
    raw, sources = _raw_pack(p)
    vocab, role_patterns = _roles(raw.get("roles") or {})
    grades = {k: float(v) for k, v in (raw.get("grades") or
                                       {"A": 85, "B": 70, "C": 55, "D": 40}).items()}
    deadlines = {k: (v["month"], v["day"]) for k, v in (raw.get("deadlines") or
                                                         {"default": {"month": 4, "day": 1}}).items()}
    profiles = {lvl: Profile(level=lvl, description=(pr or {}).get("description", ""),
                             not_applicable=tuple((pr or {}).get("not_applicable") or ()),
                             weights={k: float(v) for k, v in ((pr or {}).get("weights") or {}).items()})
                for lvl, pr in (raw.get("profiles") or {}).items() if lvl in LEVELS}
    return Pack(name=raw.get("pack", "custom"), title=raw.get("title", ""),
                items=[_item(it) for it in raw.get("items") or []], roles=vocab,
                grades=grades, deadlines=deadlines, profiles=profiles, sources=sources,
                role_patterns=role_patterns)


def validate_path(path: str | Path) -> list[RuleError]:
    """All errors in the pack at `path` (empty when valid)."""
    try:
        _raw_pack(resolve_pack_path(path))
    except RulePackError as exc:
        return exc.errors
    return []
