"""Stage 6, render: Reports -> text in a chosen format.

Each format is one module with `render(reports, failures, **opts) -> str`, except the
terminal view, which prints with rich, and the binary formats (BINARY_FORMATS: docx, the
Word review copy), whose module has `render_bytes(reports, **opts) -> bytes` instead and
is only ever written to a file. Formats are imported lazily by name.
"""
from __future__ import annotations

import importlib

FORMATS = ("terminal", "json", "sarif", "junit", "github", "markdown", "html", "csv", "docx")
BINARY_FORMATS = ("docx",)
_MODULES = {"terminal": "terminal", "json": "json_", "sarif": "sarif", "junit": "junit",
            "github": "github", "markdown": "markdown", "html": "html", "csv": "csv_",
            "docx": "docx_"}


def renderer(fmt: str):
    """The module rendering `fmt` (raises ValueError for an unknown format)."""
    if fmt not in _MODULES:
        raise ValueError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}")
    return importlib.import_module(f"lawcheck.render.{_MODULES[fmt]}")
