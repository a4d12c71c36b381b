"""Maintain the interface catalogs (gettext .po, compiled to .mo with Babel).

    python tools/i18n.py extract   # refresh the .po files from the source (new ids added, old kept as obsolete)
    python tools/i18n.py compile   # write the .mo files from the .po files (commit both)
    python tools/i18n.py check     # exit 1 when a .mo is stale or a message lacks a translation

Two domains: `lawcheck` (strings in `_()`, `N_()` and `ngettext()` across src/lawcheck) and
`click` (the framework's texts, marked `C_()` in src/lawcheck/clitext.py). English is the
source language; `zh_CN` is the one translation. Needs Babel (`pip install ".[test]"`).
"""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "lawcheck"
LOCALE = SRC / "locale"
LANGS = ("zh_CN",)
DOMAINS = {
    "lawcheck": {"keywords": {"_": None, "N_": None, "ngettext": (1, 2)}, "skip": ("clitext.py",)},
    "click": {"keywords": {"C_": None}, "only": ("clitext.py",)},
}


def extract(domain: str) -> Catalog:
    spec = DOMAINS[domain]
    cat = Catalog(project="lawcheck", domain=domain, charset="utf-8")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
            str(SRC), method_map=method_map, keywords=spec["keywords"], comment_tags=("i18n:",)):
        name = Path(filename).name
        if "only" in spec and name not in spec["only"]:
            continue
        if name in spec.get("skip", ()):
            continue
        cat.add(message, locations=[(filename, lineno)], auto_comments=comments, context=context)
    return cat


def po_path(lang: str, domain: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


def load(lang: str, domain: str) -> Catalog:
    with open(po_path(lang, domain), "rb") as fh:
        return read_po(fh, locale=lang, domain=domain)


def save_po(cat: Catalog, lang: str, domain: str) -> None:
    path = po_path(lang, domain)
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    write_po(buf, cat, width=100, omit_header=False, sort_output=False, include_previous=False,
             ignore_obsolete=True,
             no_location=False)
    path.write_bytes(buf.getvalue())


def mo_bytes(cat: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    return buf.getvalue()


def cmd_extract() -> None:
    for domain in DOMAINS:
        template = extract(domain)
        for lang in LANGS:
            cat = load(lang, domain) if po_path(lang, domain).exists() else Catalog(
                locale=lang, domain=domain, project="lawcheck", charset="utf-8")
            cat.update(template, no_fuzzy_matching=True)
            save_po(cat, lang, domain)
            print(f"{po_path(lang, domain).relative_to(ROOT)}: {len(cat)} messages")


def cmd_compile() -> None:
    for domain in DOMAINS:
        for lang in LANGS:
            out = po_path(lang, domain).with_suffix(".mo")
            out.write_bytes(mo_bytes(load(lang, domain)))
            print(f"{out.relative_to(ROOT)}")


_LITERAL = re.compile(r"""\b(?:_|N_)\((["'])(.*?)\1\)""")


def hidden_literals() -> list[str]:
    """_("…") calls the extractor cannot see (inside f-strings on Python < 3.12): each must
    also be marked N_ somewhere, or it is never translated."""
    have = {m.id if isinstance(m.id, str) else m.id[0] for m in extract("lawcheck")}
    out = []
    for f in sorted(SRC.rglob("*.py")):
        if f.name in ("clitext.py", "i18n.py"):      # the click domain; docstring examples
            continue
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            for m in _LITERAL.finditer(line):
                text = m.group(2).encode().decode("unicode_escape").encode("latin-1").decode("utf-8") \
                    if "\\" in m.group(2) else m.group(2)
                if text not in have:
                    out.append(f"{f.relative_to(ROOT)}:{i}: {text!r} is not extracted (mark it with N_)")
    return out


def problems() -> list[str]:
    """Stale .mo files, messages in the source missing from a .po, untranslated ones."""
    out = hidden_literals()
    for domain in DOMAINS:
        wanted = {m.id for m in extract(domain) if m.id}
        for lang in LANGS:
            cat = load(lang, domain)
            mo = po_path(lang, domain).with_suffix(".mo")
            if not mo.exists() or mo.read_bytes() != mo_bytes(cat):
                out.append(f"{mo.relative_to(ROOT)} is not compiled from its .po (run tools/i18n.py compile)")
            have = {m.id: m for m in cat if m.id}
            for mid in sorted(wanted, key=str):
                m = have.get(mid)
                if m is None:
                    out.append(f"{domain}/{lang}: not in the catalog: {mid!r} (run tools/i18n.py extract)")
                elif not (m.string if isinstance(m.string, str) else all(m.string)) or m.fuzzy:
                    out.append(f"{domain}/{lang}: untranslated: {mid!r}")
    return out


def main(argv: list[str]) -> int:
    cmd = argv[1] if len(argv) > 1 else "check"
    if cmd == "extract":
        cmd_extract()
    elif cmd == "compile":
        cmd_compile()
    elif cmd == "check":
        found = problems()
        for p in found:
            print(p)
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
