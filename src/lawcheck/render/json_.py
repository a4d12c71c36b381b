"""JSON output exactly as ../shared/spec/contract.md describes: one object for one
file, an array for several. Deterministic: keys in a fixed order, no timestamps."""
from __future__ import annotations

import json

from ..model import Failure, Report


def render(reports: list[Report | Failure], single: bool = True, **_: object) -> str:
    objs = [r.to_dict() for r in reports]
    payload = objs[0] if single and len(objs) == 1 else objs
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
