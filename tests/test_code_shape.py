"""Code shape (issue 13): no function in src/ is longer than MAX_LINES lines unless its
docstring says why, on a line of its own starting with the marker `Long because:`, e.g.

    def _walk(seq):
        \"\"\"One pass over the parsed pattern.

        Long because: the opcode cases read best side by side.
        \"\"\"

A function's length runs from its `def` line to its last line (docstring and comments
included; decorators not); nested functions and methods are measured on their own too.
PENDING lists the long functions other work is splitting now; an entry that no longer
exists or is no longer long (or now gives its reason) fails, so the list only shrinks.
"""
from __future__ import annotations

import ast
import textwrap

from conftest import ROOT

MAX_LINES = 80
MARKER = "Long because:"
SRC = ROOT / "src" / "lawcheck"

# "path under src/lawcheck:qualified name" of the long functions being split elsewhere
PENDING: set[str] = set()


def has_reason(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Does the docstring hold a line `Long because: <some reason>`?"""
    doc = ast.get_docstring(fn) or ""
    return any(line.strip().startswith(MARKER) and line.strip()[len(MARKER):].strip()
               for line in doc.splitlines())


def functions(source: str) -> list[tuple[str, int, bool]]:
    """(qualified name, length in lines, has a reason) for every function in `source`."""
    out: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert child.end_lineno is not None
                out.append((prefix + child.name, child.end_lineno - child.lineno + 1,
                            has_reason(child)))
                visit(child, prefix + child.name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return out


def too_long(source: str, where: str) -> list[str]:
    """'where:name (n lines)' for each function over MAX_LINES without a reason."""
    return [f"{where}:{name} ({n} lines)" for name, n, reason in functions(source)
            if n > MAX_LINES and not reason]


def src_functions() -> dict[str, tuple[int, bool]]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        where = path.relative_to(SRC).as_posix()
        for name, n, reason in functions(path.read_text(encoding="utf-8")):
            out[f"{where}:{name}"] = (n, reason)
    return out


def test_no_function_in_src_is_long_without_a_reason():
    found = src_functions()
    long = sorted(f"{key} ({n} lines)" for key, (n, reason) in found.items()
                  if n > MAX_LINES and not reason and key not in PENDING)
    assert long == [], (f"functions over {MAX_LINES} lines: split them into named steps, or "
                        f"say why not on a docstring line starting {MARKER!r}")


def test_the_pending_list_is_not_stale():
    found = src_functions()
    stale = sorted(key for key in PENDING
                   if key not in found or found[key][0] <= MAX_LINES or found[key][1])
    assert stale == [], "no longer long (or gone, or now with a reason): remove from PENDING"


def test_the_check_measures_and_reads_the_marker():
    """The measure itself: 80 lines pass, 81 fail, the marker (with a reason) excuses,
    methods and nested functions count on their own."""
    def fn(name: str, lines: int, doc: str = "", indent: str = "") -> str:
        body = f'    """{doc}"""'.splitlines() if doc else []
        body += ["    x = 1"] * (lines - 1 - len(body))
        return textwrap.indent("\n".join([f"def {name}():", *body]) + "\n", indent)

    assert too_long(fn("ok", 80), "m.py") == []
    assert too_long(fn("big", 81), "m.py") == ["m.py:big (81 lines)"]
    reason = "Big.\n\n    Long because: one table of cases reads best in one place.\n    "
    assert too_long(fn("big", 81, reason), "m.py") == []
    assert too_long(fn("big", 81, "Big.\n\n    Long because:\n    "), "m.py") == ["m.py:big (81 lines)"]
    assert too_long(fn("big", 81, "Big, and long because it is."), "m.py") == ["m.py:big (81 lines)"]
    method = "class C:\n" + fn("m", 81, indent="    ")
    assert too_long(method, "m.py") == ["m.py:C.m (81 lines)"]
    nested = "def outer():\n" + fn("inner", 81, indent="    ")
    assert too_long(nested, "m.py") == ["m.py:outer (82 lines)", "m.py:outer.inner (81 lines)"]
