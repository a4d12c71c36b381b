"""`lawcheck rules validate PATH`: every kind of broken rule file is rejected with
file:line, the key, a code and a hint, exit status 2 and no traceback.

Each case is one small YAML file written to tmp_path; the test names the line the
message must point at and the code it must carry (docs/rules.md, error codes).
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import one_item_pack
from lawcheck.rulecheck import _regex_problem
from lawcheck.rules import RulePackError, load_pack, validate_path

# The valid one-item pack (conftest.one_item_pack); the cases below break it.
GOOD = one_item_pack()


def variant(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


# (case id, file text, line, code, words the message must hold)
CASES = [
    ("yaml-syntax", "pack: t\nitems:\n  - id: a.b\n    title: [x, y\n    group: a\n",
     None, "LC001", "YAML syntax error"),
    ("yaml-tab-indent", "pack: t\nitems:\n\t- id: a.b\n", 3, "LC001", "YAML syntax error"),
    ("duplicate-key", variant("    weight: 1\n", "    weight: 1\n    weight: 2\n"),
     8, "LC004", "appears twice"),
    ("not-a-mapping", "- a\n- b\n", 1, "LC003", "mapping"),
    ("unknown-key", variant("    terms: [执法公示]", "    termz: [执法公示]"),
     10, "LC100", "unknown key 'termz'"),
    ("unknown-top-key", "pack: t\nextend: national\n", 2, "LC100", "unknown key 'extend'"),
    ("wrong-type", variant("weight: 1", "weight: heavy"), 7, "LC101", "not of type 'number'"),
    ("wrong-type-list", variant("    terms: [执法公示]", "    terms: 执法公示"), 10, "LC101", "not of type 'array'"),
    ("bad-enum", variant("severity: info", "severity: fatal"), 8, "LC102", "'fatal'"),
    ("bad-expect", variant("      - expect: pass", "      - expect: passed"), 12, "LC102", "'passed'"),
    ("missing-required", variant("    group: extra\n", ""), 4, "LC103", "'group' is a required property"),
    ("bad-id", variant("id: extra.one", "id: Extra-One"), 4, "LC104", "does not match"),
    ("negative-weight", variant("weight: 1", "weight: -3"), 7, "LC105", "minimum"),
    ("empty-string-term", variant("    terms: [执法公示]", "    terms: [执法公示, \"\"]"), 10, "LC106", "non-empty"),
    ("unknown-level", GOOD + "profiles:\n  village: {description: 村}\n", 18, "LC108", "unknown name 'village'"),
    ("override-key-not-id", GOOD + "override:\n  Publicity: {weight: 2}\n", 18, "LC108", "not an item id"),
    ("unknown-scope-role", variant("    terms: [执法公示]", "    terms: [执法公示]\n    scopes: {pass: [achievments]}"),
     11, "LC110", "unknown scope role 'achievments'"),
    ("duplicate-id", variant("id: extra.one", "id: enforcement.publicity"), 4, "LC201", "duplicate item id"),
    ("duplicate-id-in-file", GOOD + GOOD[GOOD.index("  - id:"):], 17, "LC201", "duplicate item id 'extra.one'"),
    ("bad-regex", variant("    terms: [执法公示]", "    patterns: [\"执法(公示\"]"), 10, "LC202", "does not compile"),
    ("catastrophic-regex", variant("    terms: [执法公示]", "    patterns: [\"(a+)+\"]"),
     10, "LC202", "backtrack catastrophically"),
    ("catastrophic-regex-nested", variant("    terms: [执法公示]", "    patterns: [\"((执法[^。]*)公示)+\"]"),
     10, "LC202", "backtrack catastrophically"),
    ("catastrophic-in-override", GOOD + "override:\n  enforcement.publicity:\n    add_patterns: [\"(\\\\w*)*x\"]\n",
     19, "LC202", "backtrack catastrophically"),
    ("term-empty-after-normalisation", variant("    terms: [执法公示]", "    terms: [执法公示, \"\u3000\"]"),
     10, "LC203", "empty after normalisation"),
    ("presence-without-terms", variant("    terms: [执法公示]\n", ""), 4, "LC204", "no terms"),
    ("part-without-role", variant("check: presence", "check: part"), 4, "LC205", "options.role"),
    ("no-examples", GOOD[:GOOD.index("    examples:")], 4, "LC207", "has no examples"),
    ("no-hint", GOOD[:GOOD.index("    hint:")], 4, "LC211", "has no hint"),
    ("hint-without-missing", variant("weak: 在成效部分写明执法公示的条数。, missing: 在成效部分补写执法公示工作。",
                                     "weak: 在成效部分写明执法公示的条数。"), 16, "LC103", "'missing' is a required property"),
    ("hint-unknown-cause", variant("missing: 在成效部分补写执法公示工作。}",
                                   "missing: 在成效部分补写执法公示工作。, because: {umbrela: 写明。}}"),
     16, "LC108", "unknown name 'umbrela'"),
    ("hint-cause-of-another-check", variant("missing: 在成效部分补写执法公示工作。}",
                                            "missing: 在成效部分补写执法公示工作。, because: {late: 按时报送。}}"),
     16, "LC212", "never weak because of 'late'"),
    ("remove-unknown", GOOD + "remove: [enforcement.nothing]\n", 17, "LC208", "unknown item 'enforcement.nothing'"),
    ("override-unknown", GOOD + "override:\n  enforcement.nothing: {weight: 2}\n", 18, "LC208",
     "unknown item 'enforcement.nothing'"),
    ("profile-unknown-not-applicable", GOOD + "profiles:\n  town:\n    not_applicable: [disputes.nothing]\n",
     19, "LC208", "unknown item 'disputes.nothing'"),
    ("profile-unknown-weight", GOOD + "profiles:\n  town:\n    weights: {disputes.nothing: 2}\n",
     19, "LC208", "unknown item 'disputes.nothing'"),
    ("extends-unknown", variant("extends: national", "extends: nowhere"), 2, "LC209", "cannot find pack 'nowhere'"),
]


def run_validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawcheck.cli", "rules", "validate", str(path)],
                          capture_output=True, text=True, timeout=60)


def test_the_base_file_is_valid(tmp_path):
    f = tmp_path / "good.yaml"
    f.write_text(GOOD, encoding="utf-8")
    assert validate_path(f) == []
    p = run_validate(f)
    assert p.returncode == 0, p.stderr
    assert "valid" in p.stdout


@pytest.mark.parametrize("case,text,line,code,words", CASES, ids=[c[0] for c in CASES])
def test_broken_rule_file_is_rejected(tmp_path, case, text, line, code, words):
    f = tmp_path / f"{case}.yaml"
    f.write_text(text, encoding="utf-8")
    errors = validate_path(f)
    assert errors, "accepted a broken rule file"
    hit = [e for e in errors if e.code == code]
    assert hit, f"expected {code}, got {[str(e) for e in errors]}"
    e = hit[0]
    assert words in str(e), str(e)
    assert e.file == str(f)
    if line is not None:
        assert e.line == line, str(e)
    assert e.hint, f"no hint in {e}"
    # The command line: exit 2, file:line and code on stderr, no traceback.
    p = run_validate(f)
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert "Traceback" not in p.stderr
    loc = f"{f}:{e.line}:" if e.line else f"{f}:"
    assert loc in p.stderr and f"[{code}]" in p.stderr and "(hint: " in p.stderr, p.stderr


def test_an_item_without_an_example_of_each_verdict_is_a_warning(tmp_path):
    """GOOD's item has only a pass example: LC213 names it and the verdicts it lacks, at
    the item's line; a warning, so the file is still valid unless --strict."""
    from lawcheck.rules import example_gaps
    f = tmp_path / "gaps.yaml"
    f.write_text(GOOD, encoding="utf-8")
    assert validate_path(f) == []
    gaps = example_gaps(load_pack(f))
    assert [(e.code, e.line, e.level) for e in gaps] == [("LC213", 4, "warning")]
    assert "'extra.one'" in gaps[0].message and "weak or missing" in gaps[0].message
    assert gaps[0].hint
    p = run_validate(f)
    assert p.returncode == 0, p.stderr
    assert "valid, 1 warning(s)" in p.stdout
    assert f"{f}:4: warning: examples: item 'extra.one' has no example that expects weak or missing" \
        in p.stderr and "[LC213] (hint: " in p.stderr
    strict = subprocess.run([sys.executable, "-m", "lawcheck.cli", "rules", "validate", "--strict", str(f)],
                            capture_output=True, text=True, timeout=60)
    assert strict.returncode == 2 and "[LC213]" in strict.stderr and "Traceback" not in strict.stderr
    # every verdict shown: no warning
    full = GOOD.replace("    hint:", """\
      - expect: weak
        text: |
          一、主要举措和成效
          全年办理案件20件。
          二、下一步打算
          落实执法公示制度。
      - expect: missing
        text: |
          一、主要举措和成效
          全年调解纠纷30宗。
    hint:""")
    assert full != GOOD
    f.write_text(full, encoding="utf-8")
    p = run_validate(f)
    assert p.returncode == 0 and "warning" not in p.stderr and "LC213" not in p.stderr, p.stderr


def test_an_override_that_replaces_examples_is_checked_where_it_is_written(tmp_path):
    """A child pack whose override drops a verdict's examples gets LC213 at its own file."""
    from lawcheck.rules import example_gaps
    f = tmp_path / "child.yaml"
    f.write_text(textwrap.dedent("""\
        pack: child
        extends: national
        override:
          meta.signature:
            examples:
              - expect: pass
                text: |
                  一、主要举措和成效
                  全年办理案件20件。
                  徐闻县南山镇人民政府
                  2024年12月12日
        """), encoding="utf-8")
    gaps = example_gaps(load_pack(f))
    assert [(e.code, e.file, e.line) for e in gaps] == [("LC213", str(f), 6)], [str(e) for e in gaps]
    assert "'meta.signature'" in gaps[0].message and "weak or missing" in gaps[0].message


def test_several_errors_are_all_reported_in_line_order(tmp_path):
    text = variant("weight: 1", "weight: heavy").replace("severity: info", "severity: fatal")
    f = tmp_path / "two.yaml"
    f.write_text(text, encoding="utf-8")
    errors = validate_path(f)
    assert [e.code for e in errors] == ["LC101", "LC102"]
    assert [e.line for e in errors] == [7, 8]


def test_unknown_key_suggests_the_right_spelling(tmp_path):
    f = tmp_path / "typo.yaml"
    f.write_text(variant("    terms: [执法公示]", "    termz: [执法公示]"), encoding="utf-8")
    (e,) = validate_path(f)
    assert "did you mean 'terms'" in e.hint


def test_missing_file_and_empty_folder(tmp_path):
    (e,) = validate_path(tmp_path / "nope.yaml")
    assert e.code == "LC002"
    (e,) = validate_path(tmp_path)
    assert e.code == "LC002" and "no .yaml" in e.message


def test_loading_a_broken_pack_raises_rule_errors_not_tracebacks(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text(variant("weight: 1", "weight: heavy"), encoding="utf-8")
    with pytest.raises(RulePackError) as exc:
        load_pack(f)
    assert exc.value.errors[0].code == "LC101"


def test_check_with_broken_rules_exits_2_with_one_line_errors(tmp_path):
    from conftest import FIXTURES
    f = tmp_path / "bad.yaml"
    f.write_text(variant("weight: 1", "weight: heavy"), encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "lawcheck.cli",
                        str(FIXTURES / "reports" / "town-short-2024.txt"), "--rules", str(f)],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    assert f"{f}:7: items[0].weight:" in p.stderr and "[LC101]" in p.stderr


@pytest.mark.parametrize("pattern", [r"(a+)+", r"(a*)*", r"(?:\w+\s?)*$", r"((ab)*c)+", r"(x[^。]*)+y"])
def test_catastrophic_shapes_are_caught(pattern):
    prob = _regex_problem(pattern)
    assert prob and "catastroph" in prob[0]


@pytest.mark.parametrize("pattern", [r"执法[^。]{0,20}公示", r"(一|二|三)是", r"(\d+)件",
                                     r"(审核|审定)?(签字|签发)", r"[^。]{0,12}(a|b)+", r"(ab){2,3}"])
def test_ordinary_patterns_are_not_flagged(pattern):
    assert _regex_problem(pattern) is None


def test_every_bundled_pattern_passes_the_regex_checks():
    from lawcheck.rules import bundled_packs
    for name in bundled_packs():
        pack = load_pack(name)
        for it in pack.items:
            for key in ("patterns", "weak_patterns", "demote", "exclude"):
                for p in getattr(it, key):
                    assert _regex_problem(p) is None, (name, it.id, p)
