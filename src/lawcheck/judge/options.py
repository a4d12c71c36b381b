"""Typed options of the check types (sqlfluff-style rule configuration).

Each check type declares its options as a frozen dataclass next to its code
(`judge/parts.py`, `judge/presence.py`, …), every field made with `option()`, which gives
its default, one line of documentation and, where it has them, the allowed values. The
same declaration serves three readers:

- the judge: `PartOptions.of(item)` gives typed values with their defaults;
- the pack validator (`rulecheck`): `problems(check, raw)` rejects unknown keys (with a
  did-you-mean) and values of the wrong type, so a typo in a pack fails `rules validate`
  instead of being ignored;
- the docs: `markdown_tables()` writes the option tables of docs/rules.md (a test keeps
  them in step).

This module imports nothing of the pipeline, so the validator can use it at load time.
"""
from __future__ import annotations

import dataclasses
import difflib
import functools
import typing
from typing import Any, ClassVar, Self

REQUIRED: Any = dataclasses.MISSING


def option(default: Any, doc: str, choices: tuple[str, ...] | None = None) -> Any:
    """A declared option: `default` (REQUIRED for none), its documentation, its choices."""
    meta = {"doc": doc, "choices": choices}
    if default is REQUIRED:
        return dataclasses.field(metadata=meta)
    if isinstance(default, (list, dict, set)):
        raise TypeError("use a tuple for a list default")      # frozen, shared defaults
    return dataclasses.field(default=default, metadata=meta)


class CheckOptions:
    """Base of every check type's options dataclass."""
    check: ClassVar[str] = ""

    @classmethod
    def of(cls, item: Any) -> Self:
        """The typed options of a rule item (its `options` mapping, defaults filled)."""
        raw = getattr(item, "options", None) or {}
        # a class is hashable; mypy checks the instance's __hash__ against Hashable
        hints = _hints(cls)  # type: ignore[arg-type]
        return cls(**{f.name: _convert(raw[f.name], hints[f.name])
                      for f in dataclasses.fields(cls) if f.name in raw})  # type: ignore[arg-type]

    @classmethod
    def problems(cls, raw: Any) -> list[tuple[str | None, str, str]]:
        """(key, message, hint) for every unknown, mistyped or missing option in `raw`."""
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            return [(None, "options must be a mapping", "write options: {key: value}")]
        fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        hints = typing.get_type_hints(cls)
        out: list[tuple[str | None, str, str]] = []
        for key, value in raw.items():
            if key not in fields:
                close = difflib.get_close_matches(str(key), fields, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                out.append((key, f"unknown option '{key}' for check type '{cls.check}'",
                            hint + f"the options of '{cls.check}' are "
                            + (", ".join(sorted(fields)) or "none")))
                continue
            want = hints[key]
            if not _is(value, want):
                out.append((key, f"option '{key}' must be {_type_name(want)}, not {value!r}",
                            "see the option table of this check type in docs/rules.md"))
                continue
            choices: tuple[str, ...] = fields[key].metadata.get("choices") or ()
            values = value if isinstance(value, (list, tuple)) else [value]
            bad = [v for v in values if choices and v not in choices]
            if bad:
                out.append((key, f"option '{key}' has '{bad[0]}', not one of {', '.join(choices)}",
                            "use one of the allowed values"))
        for name, f in fields.items():
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING \
                    and name not in raw:
                out.append((None, f"check type '{cls.check}' needs options.{name}",
                            f"add options: {{{name}: …}} ({f.metadata.get('doc', '')})"))
        return out


def _convert(value: Any, want: Any) -> Any:
    if want in (tuple[str, ...], "tuple[str, ...]"):
        return (value,) if isinstance(value, str) else tuple(value)
    if want is float and isinstance(value, int):
        return float(value)
    return value


def _is(value: Any, want: Any) -> bool:
    if want is bool:
        return isinstance(value, bool)
    if want is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if want is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if want is str:
        return isinstance(value, str)
    if want == tuple[str, ...]:
        # a list of strings; one string is accepted as a list of one
        return isinstance(value, str) or (isinstance(value, list) and
                                          all(isinstance(v, str) for v in value))
    if typing.get_origin(want) is typing.Union or type(want).__name__ == "UnionType":
        return any(_is(value, a) for a in typing.get_args(want))
    if want is type(None):
        return value is None
    return True                                            # pragma: no cover


def _type_name(want: Any) -> str:
    names = {bool: "true or false", int: "a whole number", float: "a number", str: "a string",
             tuple[str, ...]: "a list of strings", type(None): "empty"}
    if want in names:
        return names[want]
    args = typing.get_args(want)
    return " or ".join(_type_name(a) for a in args) if args else str(want)


# ------------------------------------------------------------------ registry

def registry() -> dict[str, type[CheckOptions]]:
    """Check type -> its options class (imported here so the judge modules stay the place
    where options are declared)."""
    from .meta import DeadlineOptions, MetaOptions
    from .parts import PartOptions
    from .presence import PresenceOptions
    from .quality import AlignmentOptions, FiguresOptions, SpecificOptions
    classes = (PartOptions, PresenceOptions, FiguresOptions, SpecificOptions,
               AlignmentOptions, MetaOptions, DeadlineOptions)
    return {c.check: c for c in classes}


def problems(check: str, raw: Any) -> list[tuple[str | None, str, str]]:
    """Option problems of an item of check type `check` (none for an unknown type: the
    schema reports that)."""
    cls = registry().get(check)
    return cls.problems(raw) if cls else []


def markdown_tables() -> str:
    """The option tables of docs/rules.md, one per check type, from the declarations."""
    out = []
    for check, cls in registry().items():
        out.append(f"#### `{check}`\n")
        doc = (cls.__doc__ or "").strip().splitlines()[0]
        out.append(doc + "\n")
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        if not fields:
            out.append("No options.\n")
            continue
        hints = typing.get_type_hints(cls)
        out.append("| option | type | default | what it does |")
        out.append("|---|---|---|---|")
        for f in fields:
            if f.default is dataclasses.MISSING:
                default = "required"
            else:
                d = f.default
                shown = ("true" if d else "false") if isinstance(d, bool) else \
                    (list(d) if isinstance(d, tuple) else d)
                default = "—" if d is None else f"`{shown}`".replace("'", "")
            doc = f.metadata.get("doc", "")
            if f.metadata.get("choices"):
                doc += ". One of: " + ", ".join(f"`{c}`" for c in f.metadata["choices"]) + "."
            out.append(f"| `{f.name}` | {_type_name(hints[f.name])} | {default} | {doc} |")
        out.append("")
    return "\n".join(out)


def write_docs(path: str) -> bool:
    """Refresh the generated tables in `path` (docs/rules.md: the option tables and the
    `vocabulary` table); True when it changed."""
    from ..vocabulary import markdown_table
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    new = text
    for block, body in (("options", markdown_tables()), ("vocabulary", markdown_table())):
        begin, end = f"<!-- {block}:begin -->", f"<!-- {block}:end -->"
        head, _, rest = new.partition(begin)
        _, _, tail = rest.partition(end)
        new = f"{head}{begin}\n{body}{end}{tail}"
    if new != text:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(new)
    return new != text



@functools.lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    """typing.get_type_hints of an options class, once: `of` runs for every item of every
    report, and resolving the string annotations each time cost ~1.5 ms per report."""
    return typing.get_type_hints(cls)
