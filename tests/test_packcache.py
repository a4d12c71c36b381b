"""The compiled pack cache: used when fresh, ignored and rebuilt when stale, corrupt,
foreign or from another version; never used for a user's own pack."""
from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lawcheck import packcache, rules

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "fixtures" / "reports" / "province-2024.txt"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("LAWCHECK_CACHE_DIR", str(d))
    monkeypatch.delenv("LAWCHECK_NO_CACHE", raising=False)
    rules._load_pack_cached.cache_clear()
    yield d
    rules._load_pack_cached.cache_clear()


def _entry(d: Path) -> Path:
    files = list(d.glob("*.pickle"))
    assert len(files) == 1, files
    return files[0]


def _same(a, b):
    assert [it.id for it in a.items] == [it.id for it in b.items]
    assert [(it.terms, it.patterns, it.hint) for it in a.items] == \
        [(it.terms, it.patterns, it.hint) for it in b.items]
    assert a.role_patterns == b.role_patterns and a.grades == b.grades
    assert a.vocabulary == b.vocabulary and a.vocabulary.lists == b.vocabulary.lists


def test_bundled_pack_is_cached_and_reused(cache):
    built = rules.load_pack()
    entry = _entry(cache)
    assert not (entry.stat().st_mode & 0o022)
    rules._load_pack_cached.cache_clear()
    again = rules.load_pack()
    _same(built, again)
    assert packcache.get(str((rules.bundled_dir() / "national.yaml").resolve())) is not None


@pytest.mark.parametrize("damage", ["corrupt", "truncated", "version", "source", "writable"])
def test_a_bad_entry_is_ignored_and_rebuilt(cache, damage):
    rules.load_pack()
    entry = _entry(cache)
    key = str((rules.bundled_dir() / "national.yaml").resolve())
    if damage == "corrupt":
        entry.write_bytes(b"not a pickle")
    elif damage == "truncated":
        entry.write_bytes(entry.read_bytes()[:100])
    elif damage == "version":
        magic, version, pyver, sources, pack = pickle.loads(entry.read_bytes())
        entry.write_bytes(pickle.dumps((magic, "0.0.0-other", pyver, sources, pack)))
    elif damage == "source":
        magic, version, pyver, sources, pack = pickle.loads(entry.read_bytes())
        sources = [(s, "0" * 64) for s, _ in sources]
        entry.write_bytes(pickle.dumps((magic, version, pyver, sources, pack)))
    elif damage == "writable":
        os.chmod(entry, 0o666)
    assert packcache.get(key) is None
    rules._load_pack_cached.cache_clear()
    _same(rules.load_pack(), rules._build_pack(rules.bundled_dir() / "national.yaml"))
    assert packcache.get(key) is not None          # rebuilt and stored again


def test_user_pack_is_never_cached(cache, tmp_path):
    mine = tmp_path / "mine"
    shutil.copytree(rules.bundled_dir(), mine)
    rules.load_pack(mine / "national.yaml")
    assert not cache.exists() or not list(cache.glob("*.pickle"))


def test_no_cache_and_unwritable_folder(tmp_path, monkeypatch):
    rules._load_pack_cached.cache_clear()
    monkeypatch.setenv("LAWCHECK_NO_CACHE", "1")
    monkeypatch.setenv("LAWCHECK_CACHE_DIR", str(tmp_path / "c"))
    rules.load_pack()
    assert not (tmp_path / "c").exists()
    monkeypatch.delenv("LAWCHECK_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("LAWCHECK_CACHE_DIR", str(blocker / "sub"))   # cannot be created
    rules._load_pack_cached.cache_clear()
    assert rules.load_pack().items
    rules._load_pack_cached.cache_clear()


def test_cold_run_from_cache_gives_the_same_json_without_yaml(tmp_path):
    env = {**os.environ, "LAWCHECK_CACHE_DIR": str(tmp_path / "c")}
    env.pop("LAWCHECK_NO_CACHE", None)
    code = ("import sys, runpy; sys.argv=['lawcheck', sys.argv[1], '--format', 'json'];"
            "\ntry:\n    runpy.run_module('lawcheck.cli', run_name='__main__')\n"
            "except SystemExit: pass\nsys.stderr.write('YAML=%s' % ('yaml' in sys.modules))")
    runs = [subprocess.run([sys.executable, "-c", code, str(REPORT)], capture_output=True, text=True,
                           env=env) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout.startswith("{")
    assert "YAML=True" in runs[0].stderr          # first run parsed the pack
    assert "YAML=False" in runs[1].stderr         # second run read the cache
