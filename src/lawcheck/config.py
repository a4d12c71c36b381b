"""Project configuration: `lawcheck.yaml` (or `.lawcheck.yaml`), or `[tool.lawcheck]` in
`pyproject.toml`, found from the working directory upwards, so a drafting team's
repository pins its rule pack and gate. Command-line options win over the file.

    # lawcheck.yaml
    rules: rules/my-province.yaml     # relative to this file, or a bundled pack: sichuan
    level: department
    fail_under: 70
    fail_on: missing
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .i18n import _
from .model import LEVELS, LawcheckError

KEYS = {"rules", "level", "fail_under", "fail_on"}


@dataclass
class Config:
    path: Path
    rules: Path | None = None
    level: str | None = None
    fail_under: float | None = None
    fail_on: str | None = None


def check_score_floor(value: Any) -> float:
    """A --fail-under / fail_under value as a float from 0 to 100 (ValueError otherwise:
    `nan` would silently disable the gate, 150 would fail every report)."""
    if isinstance(value, bool):
        raise ValueError(value)
    v = float(value)          # TypeError/ValueError for non-numbers
    if not math.isfinite(v) or not 0 <= v <= 100:
        raise ValueError(value)
    return v


def _parse(data: dict, path: Path) -> Config:
    if not isinstance(data, dict):
        raise LawcheckError(str(path), _("lawcheck configuration must be a mapping"),
                            _("use keys {keys}").format(keys=", ".join(sorted(KEYS))))
    unknown = set(data) - KEYS
    if unknown:
        raise LawcheckError(str(path), _("unknown configuration key '{key}'").format(
            key=sorted(unknown)[0]), _("use keys {keys}").format(keys=", ".join(sorted(KEYS))))
    cfg = Config(path=path)
    if data.get("rules"):
        # a path relative to this file, else the name of a bundled pack (sichuan)
        cand = (path.parent / str(data["rules"])).resolve()
        cfg.rules = cand if cand.exists() else Path(str(data["rules"]))
    if data.get("level") is not None:
        if data["level"] not in LEVELS:
            raise LawcheckError(str(path), _("level '{level}' is not one of {levels}").format(
                level=data["level"], levels=", ".join(LEVELS)))
        cfg.level = data["level"]
    if data.get("fail_under") is not None:
        try:
            cfg.fail_under = check_score_floor(data["fail_under"])
        except (TypeError, ValueError):
            raise LawcheckError(str(path), _("fail_under must be a number from 0 to 100")) from None
    if data.get("fail_on") is not None:
        if data["fail_on"] not in ("missing", "weak"):
            raise LawcheckError(str(path), _("fail_on must be missing or weak"))
        cfg.fail_on = data["fail_on"]
    return cfg


@functools.lru_cache(maxsize=8)
def find_config(start: Path) -> Config | None:
    """The nearest configuration at or above `start`, or None.

    Every fault in the file (not UTF-8, unreadable, not a regular file, aliases, deep
    nesting, wrong shape) is a LawcheckError: one line and exit 2, never a traceback and
    never exit 1, which CI reads as "the gate failed"."""
    for folder in [start, *start.parents]:
        for name in ("lawcheck.yaml", ".lawcheck.yaml"):
            p = folder / name
            if p.is_file():
                return _parse(_yaml_config(p), p)
        pp = folder / "pyproject.toml"
        if pp.is_file():
            section = _pyproject_section(pp)
            if section is not None:
                return _parse(section, pp)
    return None


def _read(path: Path) -> str:
    from .rulecheck import read_small_text
    try:
        return read_small_text(path, limit=1 << 20)
    except UnicodeDecodeError:
        raise LawcheckError(str(path), _("is not UTF-8 text"), _("save it as UTF-8")) from None
    except OSError as exc:
        raise LawcheckError(str(path), _("cannot be read ({reason})").format(
            reason=exc.strerror or exc), _("fix the file or remove it")) from None


def _yaml_config(path: Path) -> dict:
    from .rulecheck import RulePackError, _load_yaml
    try:
        data, _marks = _load_yaml(_read(path), str(path))
    except RulePackError as exc:
        first = exc.errors[0]
        raise LawcheckError(str(path), _("line {n}: {message}").format(n=first.line,
                                                                       message=first.message),
                            _("fix the file or remove it")) from None
    return data if data is not None else {}


def _pyproject_section(path: Path) -> dict | None:
    """`[tool.lawcheck]` of a pyproject.toml, or None when it has none."""
    import tomllib
    try:
        data = tomllib.loads(_read(path))
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise LawcheckError(str(path), _("is not valid TOML ({error})").format(
            error=exc.__class__.__name__), _("fix the file, or remove its [tool.lawcheck] table")) from None
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise LawcheckError(str(path), _("'tool' is not a table"), _("write [tool.lawcheck] as a table"))
    return tool.get("lawcheck")
