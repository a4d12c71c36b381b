"""SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, VS Code viewers).

One run; tool.driver lists one rule per checklist item (its title, what passes, what is
weak or missing); one result per applicable item that is weak or missing (its reasons, then the drafter's
hint "建议:…" in the message; the hint alone in `properties.hint`):

- `error`   a missing item of severity error (a statutory part: the gate fails),
- `warning` any other missing item,
- `note`    a weak item.

Each result points at the report file (relative path, forward slashes) and the first
evidence line, or line 1 when there is none. Files that could not be read appear as
tool execution notifications. Deterministic: input order, rule-file order, no timestamps.
"""
from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..model import Failure, ItemResult, Report
from .json_ import indented
from ._util import first_column, first_line, hint_text, reason_text, rel_path

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/lawcheck/"
STATUS_CN = {"pass": "通过", "weak": "薄弱", "missing": "缺失"}


def level_of(item: ItemResult) -> str | None:
    """SARIF level for an item, or None when it produces no result."""
    if not item.applicable or item.status == "pass":
        return None
    if item.status == "weak":
        return "note"
    return "error" if item.severity == "error" else "warning"


def _rule(item: ItemResult) -> dict:
    desc = item.describe            # carried by the result: the pack actually used
    full = desc.get("pass") or item.title
    lines = [f"{item.title} ({item.id}, group {item.group}, weight {item.weight:g}, "
             f"severity {item.severity})"]
    md = [f"**{item.title}** (`{item.id}`, group `{item.group}`, weight {item.weight:g}, "
          f"severity {item.severity})", ""]
    for st in ("pass", "weak", "missing"):
        if desc.get(st):
            lines.append(f"{st} ({STATUS_CN[st]}): {desc[st]}")
            md.append(f"- **{st}** ({STATUS_CN[st]}): {desc[st]}")
    hint = item.rule_hints
    for st in ("weak", "missing"):
        if hint.get(st):
            lines.append(f"建议 ({STATUS_CN[st]}): {hint[st]}")
            md.append(f"- 建议 ({STATUS_CN[st]}): {hint[st]}")
    md.append("")
    md.append(f"`lawcheck rules show {item.id}` explains the item in full.")
    lines.append(f"`lawcheck rules show {item.id}` explains the item in full.")
    return {
        "id": item.id,
        "name": item.id.replace(".", "_"),
        "shortDescription": {"text": item.title},
        "fullDescription": {"text": full},
        "help": {"text": "\n".join(lines), "markdown": "\n".join(md)},
        "defaultConfiguration": {"level": "error" if item.severity == "error" else "warning"},
        "properties": {"group": item.group, "weight": item.weight, "severity": item.severity,
                       "tags": ["lawcheck", item.group]},
    }


def _uri(path: str) -> str:
    return quote(rel_path(path), safe="/-._~")


def _fingerprint(file: str, item_id: str) -> str:
    return hashlib.sha256(f"{rel_path(file)}\0{item_id}".encode("utf-8")).hexdigest()[:32]


def build(reports: list[Report | Failure]) -> dict:
    """The SARIF log as a dict."""
    rules: list[dict] = []
    index: dict[str, int] = {}
    for r in reports:
        if isinstance(r, Report):
            for it in r.items:
                if it.id not in index:
                    index[it.id] = len(rules)
                    rules.append(_rule(it))
    results: list[dict] = []
    artifacts: list[dict] = []
    art_index: dict[str, int] = {}
    notifications: list[dict] = []
    for r in reports:
        uri = _uri(r.file)
        if uri not in art_index:
            art_index[uri] = len(artifacts)
            artifacts.append({"location": {"uri": uri}})
        if isinstance(r, Failure):
            notifications.append({
                "level": "error",
                "message": {"text": r.error},
                "locations": [{"physicalLocation": {"artifactLocation": {
                    "uri": uri, "index": art_index[uri]}}}],
            })
            continue
        for it in r.items:
            level = level_of(it)
            if level is None:
                continue
            message = reason_text(it)
            ev = it.evidence[0] if it.evidence else None
            if ev is not None and ev.location:
                message += f" ({ev.location})"
            if it.hint:
                message += " " + hint_text(it)
            region: dict = {"startLine": first_line(it)}
            if first_column(it):
                region["startColumn"] = first_column(it)
            results.append({
                "ruleId": it.id,
                "ruleIndex": index[it.id],
                "level": level,
                "kind": "fail",
                "message": {"text": message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri, "index": art_index[uri]},
                    "region": region}}],
                "partialFingerprints": {"lawcheckItem/v1": _fingerprint(r.file, it.id)},
                "properties": {"status": it.status, "title": it.title, "score": r.score,
                               "grade": r.grade, **({"hint": it.hint} if it.hint else {})},
            })
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {"driver": {"name": "lawcheck", "version": __version__,
                            "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI, "rules": rules}},
        "invocations": [invocation],
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(reports: list[Report | Failure], single: bool = True, **_: object) -> str:
    return indented(build(reports)) + "\n"
