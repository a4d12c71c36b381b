"""Readers for the non-plain-text formats: docx, pdf, html, md -> Document.

`read(fmt, data, name)` dispatches to one module per format. Each module imports its
library lazily so a plain-text check never pays for it.
"""
from __future__ import annotations

from ..model import Document, LawcheckError


def read(fmt: str, data: bytes, name: str) -> Document:
    if fmt == "md":
        from . import markdown
        return markdown.read(data, name)
    if fmt == "html":
        from . import html
        return html.read(data, name)
    if fmt == "docx":
        from . import docx
        return docx.read(data, name)
    if fmt == "pdf":
        from . import pdf
        return pdf.read(data, name)
    raise LawcheckError(name, f"format '{fmt}' is not supported",
                        "give the report as txt, md, html, docx or pdf")
