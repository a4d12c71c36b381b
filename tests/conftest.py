"""Shared test helpers: paths to the project's fixtures and the shared corpus."""
from __future__ import annotations

from pathlib import Path

import atexit
import os
import shutil
import tempfile

import pytest
import yaml

# The suite never reads or fills the user's own pack cache (~/.cache/lawcheck).
if "LAWCHECK_CACHE_DIR" not in os.environ:
    os.environ["LAWCHECK_CACHE_DIR"] = _cache = tempfile.mkdtemp(prefix="lawcheck-test-cache-")
    atexit.register(shutil.rmtree, _cache, True)

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
