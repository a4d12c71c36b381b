"""Typed check options: declared next to each check type's code, validated when a pack
loads (unknown keys with a did-you-mean, wrong types, allowed values, required ones), and
documented from the same declarations."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import one_item_pack
from lawcheck.judge.options import markdown_tables, problems, registry
from lawcheck.judge.parts import PartOptions
from lawcheck.rules import load_pack, validate_path

ROOT = Path(__file__).resolve().parents[1]



def errors_of(tmp_path, options: str, extra: str = "") -> list:
    f = tmp_path / "p.yaml"
    f.write_text(one_item_pack(item=f"options: {options}") + extra, encoding="utf-8")
    return validate_path(f)


def test_the_issues_typo_pack_names_both_keys_with_their_lines(tmp_path):
    errs = errors_of(tmp_path, "{min_distinct_term: 1, share_for_pas: 0.2}")
    assert [e.code for e in errs] == ["LC111", "LC111"]
    assert "min_distinct_term" in errs[0].message and "did you mean 'min_distinct_terms'" in errs[0].hint
    assert "share_for_pas" in errs[1].message
    assert all(e.line == 11 for e in errs)               # the item's options: line
    p = subprocess.run([sys.executable, "-m", "lawcheck.cli", "rules", "validate",
                        str(tmp_path / "p.yaml")], capture_output=True, text=True)
    assert p.returncode == 2 and p.stderr.count("LC111") == 2


@pytest.mark.parametrize("options,code,words", [
    ("{min_distinct_terms: three}", "LC112", "whole number"),
    ("{min_distinct_terms: true}", "LC112", "whole number"),
    ("{heading_hits: sometimes}", "LC112", "not one of strong, weak"),
    ("{keep_law_titles: 1}", "LC112", "true or false"),
    ("{sub_part: [a, b]}", "LC112", "a string"),
])
def test_mistyped_options(tmp_path, options, code, words):
    errs = errors_of(tmp_path, options)
    assert [e.code for e in errs] == [code] and words in errs[0].message


def test_override_options_are_checked_against_the_inherited_check_type(tmp_path):
    extra = "override:\n  quality.data: {options: {share_for_pas: 0.3}}\n"
    errs = errors_of(tmp_path, "{}", extra)
    assert [e.code for e in errs] == ["LC111"] and "'figures'" in errs[0].message
    assert "share_for_pass" in errs[0].hint


def test_a_part_without_its_role_is_lc205(tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text(one_item_pack(item="options: {}").replace("check: presence", "check: part"),
                 encoding="utf-8")
    assert [e.code for e in validate_path(f)] == ["LC205"]


def test_every_option_in_the_bundled_packs_is_declared():
    for name in ("national", "sichuan"):
        pack = load_pack(name)
        for it in pack.items:
            assert problems(it.check, it.options) == [], (name, it.id)


def test_typed_values_and_defaults():
    class It:
        options = {"role": "plans", "also_roles": "other", "min_points": 3}
    o = PartOptions.of(It())
    assert (o.role, o.also_roles, o.min_points, o.framing) == ("plans", ("other",), 3, False)


def test_every_check_type_declares_its_options():
    from lawcheck.judge import CHECKS
    assert set(registry()) == set(CHECKS)


def test_docs_tables_are_generated_from_the_declarations():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    block = text.split("<!-- options:begin -->\n", 1)[1].split("<!-- options:end -->", 1)[0]
    assert block == markdown_tables(), ("docs/rules.md option tables are stale: run "
                                        "python -c \"from lawcheck.judge.options import write_docs; "
                                        "write_docs('docs/rules.md')\"")
