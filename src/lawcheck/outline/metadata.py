"""Metadata pass: the reported year, the issuer and its level, read from an outline whose
units, roles, title and signature are known."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Outline
from .issuer import find_issuer
from .level import level_from
from .names import PINYIN
from .year import read_year


@dataclass(frozen=True)
class Metadata:
    """What the metadata pass reads, each with where it was read (see `Outline`)."""
    year: int | None
    year_source: str | None
    issuer: str | None
    issuer_source: str | None
    level: str | None


def read_metadata(out: Outline, issuer_line: str | None = None, publisher: str | None = None,
                  site: str | None = None) -> Metadata:
    """Year, issuer and level from the title, opening, signature; `issuer_line` is a body
    printed under the title, `publisher` the page's 发布机构, `site` whose portal it is."""
    opening = PINYIN.sub("", " ".join(u.text for u in out.units[:3] if u.role == "preamble")[:300])
    year, year_source = read_year(out.title, out.units, opening,
                                  out.signature.date if out.signature else None)
    text = " ".join(u.text for u in out.units[:80])[:6000]
    issuer, issuer_source = find_issuer(out, opening, text, issuer_line, publisher, site)
    level = level_from(issuer, opening + " " + (out.title or ""),
                       (out.addressee or "") + " " + text[:2000], site)
    return Metadata(year, year_source, issuer, issuer_source, level)
