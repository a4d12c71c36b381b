"""render.json_.indented writes what json.dumps(ensure_ascii=False, indent=2) writes, and
batch._array_element indents it as textwrap.indent did: for every fixture report and for
any JSON value (strings with line separators and control characters, big integers,
NaN and the infinities, empty containers, tuples, keys json must convert)."""
from __future__ import annotations

import json
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from lawcheck.batch import _array_element
from lawcheck.render.json_ import indented

TEXT = st.text(alphabet=st.sampled_from(list("ab 法治\n\r\t\"\\/\x00\x1f\x7f\x85\u2028\u2029é😀")))
LEAVES = (st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70)
          | st.floats(allow_nan=True, allow_infinity=True) | TEXT)
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=4)
                      | st.lists(inner, max_size=3).map(tuple)
                      | st.dictionaries(TEXT, inner, max_size=4), max_leaves=25)
ODD_KEYS = st.dictionaries(st.integers() | st.none() | st.booleans() | st.floats(), LEAVES,
                           min_size=1, max_size=3)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(VALUES)
def test_any_value_is_written_as_json_dumps_writes_it(value):
    assert indented(value) == _dumps(value)
    assert _array_element(indented(value)) == textwrap.indent(_dumps(value), "  ")


@settings(max_examples=50, derandomize=True, deadline=None)
@given(ODD_KEYS)
def test_keys_json_converts_go_to_json_itself(value):
    assert indented({"a": [value]}) == _dumps({"a": [value]})


def test_every_fixture_report_as_json_dumps_writes_it(pack):
    from lawcheck.check import check_path
    for path in sorted((FIXTURES / "reports").glob("*.txt")):
        d = check_path(str(path), pack).to_dict()
        assert indented(d) == _dumps(d)
        assert _array_element(indented(d)) == textwrap.indent(_dumps(d), "  ")


def test_a_line_separator_inside_a_string_is_indented_as_textwrap_did():
    value = {"text": "a\u2028 \u2028b\x85c", "n": [1, "\u2029"]}
    assert _array_element(indented(value)) == textwrap.indent(_dumps(value), "  ")
