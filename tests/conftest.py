"""Shared test helpers: paths to the project's fixtures and the shared corpus, and the
one-item rule pack the rule-validation tests break in their own ways."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest
import yaml

# The suite never reads or fills the user's own pack cache (~/.cache/lawcheck).
if "LAWCHECK_CACHE_DIR" not in os.environ:
    os.environ["LAWCHECK_CACHE_DIR"] = _cache = tempfile.mkdtemp(prefix="lawcheck-test-cache-")
    atexit.register(shutil.rmtree, _cache, True)

# The interface language follows the locale (lawcheck.i18n): run the suite, and every
# lawcheck it starts, in English unless a test asks for Chinese (LANG=zh_CN.UTF-8 or --lang).
for _var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def load_labels(path: Path) -> tuple[str, dict[str, set[str]]]:
    """A label file (corpus format) -> (report name, {item id: accepted statuses})."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = {}
    for item_id, value in doc["items"].items():
        if isinstance(value, str):
            out[item_id] = {value}
        else:
            out[item_id] = set(value.get("accept", [value["status"]])) | {value["status"]}
    return doc["report"], out


@pytest.fixture(scope="session")
def pack():
    from lawcheck.rules import load_pack
    return load_pack()


# A valid one-item pack extending the national baseline. The tests that check how a broken
# pack is reported (test_rules_validate, test_options, test_hostile_rules) start from it;
# their line numbers count from this layout: line 4 is the item's `- id:`, 10 its terms.
_ONE_ITEM_TOP = """\
pack: test-pack
extends: national
"""
_ONE_ITEM_HEAD = """\
items:
  - id: extra.one
    title: 测试
    group: extra
    weight: 1
    severity: info
    check: presence
    terms: [执法公示]
"""
_ONE_ITEM_TAIL = """\
    examples:
      - expect: pass
        text: |
          一、主要举措和成效
          全年执法公示120条。
    hint: {weak: 在成效部分写明执法公示的条数。, missing: 在成效部分补写执法公示工作。}
"""


def one_item_pack(top: str = "", item: str = "") -> str:
    """The valid one-item pack's YAML, with `top` (top-level keys) added after `extends:`
    and `item` (keys of the item, at its indentation) after its `terms:`; each a line or
    lines without the indentation of the item, e.g. item="options: {role: plans}"."""
    lines = [_ONE_ITEM_TOP]
    if top:
        lines.append(textwrap.dedent(top).rstrip("\n") + "\n")
    lines.append(_ONE_ITEM_HEAD)
    if item:
        lines.append(textwrap.indent(textwrap.dedent(item).rstrip("\n") + "\n", "    "))
    lines.append(_ONE_ITEM_TAIL)
    return "".join(lines)
