"""Stage 5, score: ItemResults + Pack + profile -> score (0-100), grade, gate.

score = 100 x sum(weight x value) / sum(weight) over the applicable items, where a pass
is worth 1, a weak 0.5 and a missing 0. The gate fails when an item of severity
`error` is missing (the statutory parts), when the score is under --fail-under, or, with
--fail-on, when any applicable item is at or below that status.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Gate, GateFailure, ItemResult
from .rules import Pack

VALUE = {"pass": 1.0, "weak": 0.5, "missing": 0.0}


@dataclass
class GatePolicy:
    fail_under: float | None = None
    fail_on: str | None = None           # "missing" | "weak" | None


def apply_profile(items: list[ItemResult], pack: Pack, level: str | None) -> str | None:
    """Adjust weights/applicability for the issuer's level; returns the profile used."""
    prof = pack.profiles.get(level or "")
    if prof is None:
        return None
    for it in items:
        if it.id in prof.weights:
            it.weight = prof.weights[it.id]
        if it.id in prof.not_applicable:
            it.applicable = False
    return prof.level


def score(items: list[ItemResult]) -> float:
    total = sum(it.weight for it in items if it.applicable)
    if total <= 0:
        return 0.0
    got = sum(it.weight * VALUE[it.status] for it in items if it.applicable)
    return round(100.0 * got / total, 1)


def grade(value: float, pack: Pack) -> str:
    for letter in ("A", "B", "C", "D"):
        if value >= pack.grades.get(letter, 101):
            return letter
    return "E"


def gate(items: list[ItemResult], value: float, policy: GatePolicy) -> Gate:
    failures = [GateFailure(item=it.id, status=it.status) for it in items
                if it.applicable and it.severity == "error" and it.status == "missing"]
    if policy.fail_under is not None and value < policy.fail_under:
        failures.append(GateFailure(score=value, floor=policy.fail_under))
    if policy.fail_on:
        bad = ("missing",) if policy.fail_on == "missing" else ("missing", "weak")
        named = {f.item for f in failures}
        for it in items:
            if it.applicable and it.status in bad and it.id not in named:
                failures.append(GateFailure(item=it.id, status=it.status))
    return Gate(passed=not failures, reasons=[f.text for f in failures], failures=failures,
                fail_on=policy.fail_on)
