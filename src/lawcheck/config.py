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
from dataclasses import dataclass
from pathlib import Path

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
            cfg.fail_under = float(data["fail_under"])
        except (TypeError, ValueError):
            raise LawcheckError(str(path), _("fail_under must be a number from 0 to 100")) from None
    if data.get("fail_on") is not None:
        if data["fail_on"] not in ("missing", "weak"):
            raise LawcheckError(str(path), _("fail_on must be missing or weak"))
        cfg.fail_on = data["fail_on"]
    return cfg


@functools.lru_cache(maxsize=8)
def find_config(start: Path) -> Config | None:
    """The nearest configuration at or above `start`, or None."""
    for folder in [start, *start.parents]:
        for name in ("lawcheck.yaml", ".lawcheck.yaml"):
            p = folder / name
            if p.is_file():
                import yaml
                try:
                    data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
                except yaml.YAMLError as exc:
                    raise LawcheckError(str(p), _("is not valid YAML ({error})").format(
                        error=exc.__class__.__name__), _("fix the file or remove it")) from None
                return _parse(data, p)
        pp = folder / "pyproject.toml"
        if pp.is_file():
            import tomllib
            try:
                data = tomllib.loads(pp.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                data = {}
            section = data.get("tool", {}).get("lawcheck")
            if section is not None:
                return _parse(section, pp)
    return None
