"""Rule packs: load YAML (validated by `rulecheck`), resolve `extends`/`remove`/
`override`, and compile vocabulary for the match stage. The pack model (`Pack`, `Item`,
`Profile`, `Example`) is what every later stage reads."""
from __future__ import annotations

import dataclasses

import functools
from . import rx as re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .model import LEVELS
from .normalize import normalize
from .outline import RoleVocabulary
from . import vocabulary as _vocabulary
from .vocabulary import Vocabulary
from .rulecheck import (RuleError, RulePackError, _line_for, _load_yaml, read_small_text,  # noqa: F401 (re-exported)
                        _schema_errors, _semantic_errors)

DEFAULT_PASS_SCOPES = ("preamble", "achievements", "first_responsible", "other")
DEFAULT_WEAK_SCOPES = ("shortcomings", "plans")


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
    hint: dict[str, Any] = field(default_factory=dict)   # {weak, missing, because: {cause: …}}
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

    def hint_for(self, status: str, cause: str = "") -> str:
        """The drafter's hint for a verdict: for a weak item the sentence for its cause
        when the rule gives one, else the rule's `hint.weak`; `hint.missing` for a
        missing item; nothing for a pass."""
        if status == "weak" and cause:
            special = (self.hint.get("because") or {}).get(cause)
            if special:
                return str(special)
        return str(self.hint.get(status) or "") if status in ("weak", "missing") else ""

    def year_patterns(self, key: str, year: int | None) -> list[re.Pattern[str]]:
        pats = list(self.compiled[key])
        for p in getattr(self, key):
            if _has_placeholder(p) and year:
                pats.append(compile_for_year(p, year))
        return pats


def _has_placeholder(p: str) -> bool:
    return "{next_year}" in p or "{year}" in p or "{prev_year}" in p


@functools.lru_cache(maxsize=256)
def compile_for_year(p: str, year: int) -> re.Pattern[str]:
    """A pattern with {year}/{prev_year}/{next_year} compiled for one report year (cached)."""
    return re.compile(p.replace("{next_year}", str(year + 1)).replace("{prev_year}", str(year - 1))
                      .replace("{year}", str(year)))


@dataclass
class Profile:
    level: str
    description: str = ""
    not_applicable: tuple[str, ...] = ()
    weights: dict[str, float] = field(default_factory=dict)
    # items whose meaning differs for this kind of issuer (`override:` in the profile):
    # they replace the pack's items when a report of this level is judged
    items: dict[str, "Item"] = field(default_factory=dict)


@dataclass
class Pack:
    name: str
    title: str
    items: list[Item]
    roles: RoleVocabulary
    grades: dict[str, float]
    deadlines: dict[str, tuple[int, int]]
    profiles: dict[str, Profile]
    # the word lists the judgement reads (`vocabulary:`), compiled (see vocabulary.py)
    vocabulary: Vocabulary
    sources: list[str] = field(default_factory=list)
    role_patterns: dict[str, list[str]] = field(default_factory=dict)
    slogan_words: tuple[str, ...] = ()
    negations: list[re.Pattern[str]] = field(default_factory=list)
    # Structures derived from the pack and built once on first use (the topic segmenter,
    # the per-level packs): declared here rather than slipped into __dict__.
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def for_level(self, level: str | None) -> "Pack":
        """The pack as it applies to an issuer of `level`: the items its profile
        overrides replaced (built once per level; the pack itself otherwise)."""
        prof = self.profiles.get(level or "")
        if prof is None or not prof.items:
            return self
        cache = self.memo.setdefault("per_level", {})
        if level not in cache:
            cache[level] = dataclasses.replace(
                self, items=[prof.items.get(it.id, it) for it in self.items], memo={})
        return cache[level]

    @functools.cached_property
    def automaton(self) -> Any:          # an ahocorasick.Automaton (untyped)
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
        text = read_small_text(path)
    except UnicodeDecodeError:
        raise RulePackError([RuleError(str(path), 0, "", "is not UTF-8 text", "LC002",
                                       "rule files are UTF-8 YAML; save it as UTF-8")])
    except OSError as exc:
        raise RulePackError([RuleError(str(path), 0, "", f"cannot be read: {exc.strerror or exc}",
                                       "LC002", "rule files are small UTF-8 YAML files")])
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
    # A pack extends a bundled pack or a file beside it (or below it), never an absolute
    # path or one reached through '..': a shared pack must not read arbitrary files and
    # echo their keys back in error messages.
    if not isinstance(name, str) or Path(name).is_absolute() or ".." in Path(name.replace("\\", "/")).parts:
        raise RulePackError([RuleError(str(base), 0, "extends",
                                       "extends must name a bundled pack or a file in this pack's folder",
                                       "LC209", "write e.g. extends: national, or extends: base.yaml "
                                       "(no absolute paths, no '..')")])
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
        inherited = (base.get("items") or []) + (merged.get("items") or [])
        known = {it["id"] for it in inherited}
        checks_of = {it["id"]: it.get("check") for it in inherited}
        errors.extend(_semantic_errors(data, lines, str(file), known, checks_of))
        data = _with_provenance(data, lines, file)
        sources.append(str(file))
        merged = _merge(_merge(merged, base), data) if base else _merge(merged, data)
    if errors:
        raise RulePackError(errors)
    return merged, sources


def _with_provenance(data: dict, lines: dict[tuple, int], file: Path) -> dict:
    """A copy of a file's mapping whose examples are `Example`s that know their file and
    line, and whose items carry an `Origin`: provenance travels as typed values, and the
    mapping parsed from the user's file is never written to."""
    out = dict(data)
    items = []
    for i, it in enumerate(data.get("items") or []):
        it = dict(it)
        it["examples"] = [_example(ex, file, _line_for(lines, ("items", i, "examples", j)))
                          for j, ex in enumerate(it.get("examples") or [])]
        it[ORIGIN] = Origin(f"{file}:{_line_for(lines, ('items', i))}")
        items.append(it)
    if "items" in data:
        out["items"] = items
    if data.get("override"):
        override = {}
        for rid, ov in data["override"].items():
            ov = dict(ov or {})
            for key in ("examples", "add_examples"):
                if key in ov:
                    ov[key] = [_example(ex, file, _line_for(lines, ("override", rid, key, j)))
                               for j, ex in enumerate(ov[key] or [])]
            override[rid] = ov
        out["override"] = override
    return out


def _example(raw: Any, file: Path, line: int) -> "Example":
    if isinstance(raw, Example):
        return raw
    return Example(text=raw["text"], expect=raw["expect"], note=raw.get("note", ""),
                   level=raw.get("level"), line=line, file=str(file))


@dataclass(frozen=True)
class Origin:
    """Where a merged item was defined (file:line)."""
    where: str


# The key under which a merged item keeps its Origin: not a string, so it can never
# collide with a key a pack author writes.
ORIGIN = Origin


def _merge(base: dict, data: dict) -> dict:
    """Apply `data` on top of `base`: items appended, remove/override applied."""
    out = {k: v for k, v in base.items()}
    items = [dict(it) for it in (base.get("items") or [])]
    for k, v in data.items():
        if k in ("items", "remove", "override", "extends"):
            continue
        if k == "vocabulary" and isinstance(v, dict):
            out[k] = _vocabulary.merge(out.get(k) or {}, v)   # NAME replaces, add_NAME appends
        elif isinstance(v, dict) and isinstance(out.get(k), dict):
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
                elif key == "hint":
                    # key by key: an override may change only `weak` or add a cause
                    old = dict(it.get("hint") or {})
                    because = {**(old.get("because") or {}), **(val.get("because") or {})}
                    it["hint"] = {**old, **val, **({"because": because} if because else {})}
                else:
                    it[key] = val
    out["items"] = items
    return out


def _profile_items(raw: dict, profile: dict) -> dict[str, Item]:
    """The items a level profile overrides (`profiles.LEVEL.override`, same keys as a
    child pack's `override:`), built from the pack's own items."""
    ov = profile.get("override") or {}
    if not ov:
        return {}
    base = [dict(it) for it in raw.get("items") or [] if it["id"] in ov]
    merged = _merge({"items": base}, {"override": ov})
    return {it["id"]: _item(it) for it in merged["items"]}


def _item(raw: dict) -> Item:
    scopes = raw.get("scopes") or {}
    return Item(
        id=raw["id"], title=raw["title"], group=raw["group"], weight=float(raw["weight"]),
        severity=raw["severity"], check=raw["check"], describe=dict(raw.get("describe") or {}),
        hint=dict(raw.get("hint") or {}),
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
        examples=[_example(e, Path(""), 0) for e in raw.get("examples") or []],
        source=raw[ORIGIN].where if ORIGIN in raw else "",
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
    rect = raw.get("prior_rectification") or {}
    if rect.get("headings"):
        vocab.rectification = [re.compile("|".join(f"(?:{p})" for p in rect["headings"]))]
    if rect.get("not"):
        vocab.rectification_not = [re.compile("|".join(f"(?:{p})" for p in rect["not"]))]
    pats["prior_rectification"] = list(rect.get("headings", []))
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
    from . import packcache
    p = Path(path) if path else bundled_dir() / "national.yaml"
    key = str(p.resolve())
    hit = packcache.get(key)
    if hit is not None:
        pack, extras = hit
        if extras.get("hmm"):
            from . import topics
            topics.seed_hmm_tables(extras["hmm"])
        return pack
    pack = _build_pack(p)
    if pack.sources and all(_is_bundled(Path(s)) for s in pack.sources):
        # a bundled pack is cached with everything a check builds from it
        from . import topics
        _ = pack.automaton                 # cached with the pack
        topics.for_pack(pack)
        packcache.put(key, pack, pack.sources + topics.word_files(), topics.hmm_files(),
                      {"hmm": topics._hmm_tables()})
    return pack


def _build_pack(p: Path) -> Pack:
    raw, sources = _raw_pack(p)
    vocab, role_patterns = _roles(raw.get("roles") or {})
    grades = {k: float(v) for k, v in (raw.get("grades") or
                                       {"A": 85, "B": 70, "C": 55, "D": 40}).items()}
    deadlines = {k: (v["month"], v["day"]) for k, v in (raw.get("deadlines") or
                                                         {"default": {"month": 4, "day": 1}}).items()}
    profiles = {lvl: Profile(level=lvl, description=(pr or {}).get("description", ""),
                             not_applicable=tuple((pr or {}).get("not_applicable") or ()),
                             weights={k: float(v) for k, v in ((pr or {}).get("weights") or {}).items()},
                             items=_profile_items(raw, pr or {}))
                for lvl, pr in (raw.get("profiles") or {}).items() if lvl in LEVELS}
    words = raw.get("vocabulary") or {}
    defaults = None
    if any(name not in words for name in _vocabulary.names()) and not _is_national(p):
        # a pack that does not extend the national one judges with its word lists
        national = load_pack()
        defaults = national.vocabulary.lists
        sources = sources + [s for s in national.sources if s not in sources]
    lists = Vocabulary.build(_vocabulary.resolve(words, defaults))
    vocab.plan_lead, vocab.plan_split = lists.plan_lead, lists.plan_split   # the outline's
    vocab.problems_lead = lists.problems_lead
    return Pack(name=raw.get("pack", "custom"), title=raw.get("title", ""),
                items=[_item(it) for it in raw.get("items") or []], roles=vocab,
                grades=grades, deadlines=deadlines, profiles=profiles,
                vocabulary=lists, sources=sources,
                role_patterns=role_patterns,
                # one alternation: every hit's clause is tested once, not once per pattern
                negations=[re.compile("|".join(f"(?:{n})" for n in raw["negations"]))]
                if raw.get("negations") else [],
                slogan_words=tuple(sorted({normalize(str(w)) for w in raw.get("slogan_words") or []},
                                          key=len, reverse=True)))


def _is_national(p: Path) -> bool:
    return p.resolve() == (bundled_dir() / "national.yaml").resolve()


def validate_path(path: str | Path) -> list[RuleError]:
    """All errors in the pack at `path` (empty when valid)."""
    try:
        _raw_pack(resolve_pack_path(path))
    except RulePackError as exc:
        return exc.errors
    return []


# Every check type can give all three verdicts: presence is weak on a passing mention,
# a negation (未发生…) or a heading alone even without weak scopes or weak terms; part,
# figures, specific, alignment, meta and deadline each have a pass, a weak and a missing
# outcome (src/lawcheck/judge/). So every item needs an example of each.
VERDICTS = ("pass", "weak", "missing")


def example_gaps(pack: Pack) -> list[RuleError]:
    """Warning LC213 for every item of the resolved pack (inherited items included)
    without an example of a verdict it can give, naming the item and the verdicts."""
    out: list[RuleError] = []
    for it in pack.items:
        if not it.examples:
            continue                 # error LC207 already says so for the file's own items
        have = {ex.expect for ex in it.examples}
        lacking = [v for v in VERDICTS if v not in have]
        if not lacking:
            continue
        file, _, line = it.source.rpartition(":")
        first = it.examples[0]
        if first.file and first.file != file:        # examples replaced by an override
            file, line = first.file, str(first.line)
        out.append(RuleError(
            file or it.source, int(line) if line.isdigit() else 0, "examples",
            f"item '{it.id}' has no example that expects {' or '.join(lacking)} "
            f"(it has {', '.join(v for v in VERDICTS if v in have)})", "LC213",
            f"add {' and '.join(f'an `expect: {v}`' for v in lacking)} example: a short passage a "
            "reviewer would judge so, with a note: saying why (docs/rules.md, Examples)",
            level="warning"))
    return out


def validate_warnings(path: str | Path) -> list[RuleError]:
    """Warnings about a valid pack at `path`: items lacking an example for a verdict (LC213)."""
    return example_gaps(load_pack(path))
