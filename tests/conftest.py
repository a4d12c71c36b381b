"""Shared test helpers: paths to the project's fixtures and the shared corpus."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
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
