"""JUnit XML for CI test tabs (GitLab, Jenkins, Azure, GitHub test reporters).

One <testsuite> per report (name = the file), one <testcase> per item
(classname = the item's group, name = its id):

(the failure text lists the reasons, the drafter's hint and the evidence)
- missing                      -> <failure type="missing">
- weak, with --fail-on weak    -> <failure type="weak">
- weak otherwise               -> passes, the reason in <system-out>
- not applicable at this level -> <skipped>
- a file that could not be read -> one testcase with <error>

Score, grade and gate go into the suite's <properties>; the gate's reasons into
<system-err> when it fails. No timestamps or durations, so the output is stable.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model import Failure, ItemResult, Report
from ._util import fail_on_weak, first_line, reason_text, rel_path, xml_safe


def _detail(it: ItemResult) -> str:
    lines = [f"{it.title} ({it.id}): {it.status}"]
    lines += [f"reason: {r}" for r in it.reasons]
    if it.hint and it.status != "pass":
        lines.append(f"hint: {it.hint}")
    for ev in it.evidence:
        where = ev.location or f"line {ev.line}"
        lines.append(f"{where} [{ev.section}] {ev.text}")
    return xml_safe("\n".join(lines))


def _suite(r: Report | Failure, fail_on: str | None) -> ET.Element:
    path = rel_path(r.file)
    suite = ET.Element("testsuite", {"name": xml_safe(path)})
    if isinstance(r, Failure):
        suite.attrib.update({"tests": "1", "failures": "0", "errors": "1", "skipped": "0"})
        case = ET.SubElement(suite, "testcase", {"classname": "lawcheck", "name": "read",
                                                 "file": xml_safe(path)})
        ET.SubElement(case, "error", {"type": "unreadable", "message": xml_safe(r.error)}).text = \
            xml_safe(r.error)
        return suite
    weak_fails = fail_on_weak(r, fail_on)
    failures = skipped = 0
    props = ET.SubElement(suite, "properties")
    for name, value in (("score", f"{r.score:g}"), ("grade", r.grade),
                        ("gate", "passed" if r.gate.passed else "failed"),
                        ("profile", r.profile), ("level", r.level or ""),
                        ("year", "" if r.year is None else str(r.year)),
                        ("issuer", r.issuer or "")):
        ET.SubElement(props, "property", {"name": name, "value": xml_safe(value)})
    for it in r.items:
        case = ET.SubElement(suite, "testcase", {
            "classname": it.group, "name": it.id, "file": xml_safe(path),
            "line": str(first_line(it))})
        if not it.applicable:
            skipped += 1
            ET.SubElement(case, "skipped", {
                "message": xml_safe(f"not applicable at level {r.level}; {it.status}")})
        elif it.status == "missing":
            failures += 1
            ET.SubElement(case, "failure", {"type": "missing",
                                            "message": xml_safe(reason_text(it))}).text = _detail(it)
        elif it.status == "weak" and weak_fails:
            failures += 1
            ET.SubElement(case, "failure", {"type": "weak",
                                            "message": xml_safe(reason_text(it))}).text = _detail(it)
        elif it.status == "weak":
            ET.SubElement(case, "system-out").text = _detail(it)
    suite.attrib.update({"tests": str(len(r.items)), "failures": str(failures), "errors": "0",
                         "skipped": str(skipped)})
    if not r.gate.passed:
        ET.SubElement(suite, "system-err").text = xml_safe(
            "gate failed: " + "; ".join(r.gate.reasons))
    return suite


def render(reports: list[Report | Failure], single: bool = True, fail_on: str | None = None,
           **_: object) -> str:
    root = ET.Element("testsuites", {"name": "lawcheck"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for r in reports:
        suite = _suite(r, fail_on)
        for k in totals:
            totals[k] += int(suite.get(k, "0"))
        root.append(suite)
    root.attrib.update({k: str(v) for k, v in totals.items()})
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
