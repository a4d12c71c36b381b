"""Interface language: gettext catalogs for lawcheck's own messages and for the
command-line framework's (click, as vendored by typer).

    from .i18n import _, N_
    _("no reports found")          # translated now, in the current language
    N_("a label")                  # marked for the catalog, translated where shown

The language is Chinese (`zh`) when `--lang zh` is given or the locale says so (the first
of LC_ALL, LC_MESSAGES, LANG that is set starts with `zh`), English (`en`) otherwise.
English is the source language: the message ids are the English text, so English needs
no catalog.

Catalogs live in `lawcheck/locale/<lang>/LC_MESSAGES/<domain>.po` (the source, edited by
hand or with `pybabel update`) beside the compiled `.mo` (committed; a test checks it is
up to date with the `.po`, see docs/i18n.md). Domains: `lawcheck` (everything lawcheck
says) and `click` (the framework's usage and error texts).
"""
from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

LANGS = ("zh", "en")
LOCALEDIR = Path(__file__).resolve().parent / "locale"
_CATALOG_LANG = {"zh": "zh_CN"}

_state: dict = {"lang": None, "t": None, "click": None}


def detect(argv: list[str] | None = None, environ: dict | None = None) -> str:
    """The language asked for: `--lang X` / `--lang=X` in argv, else the locale."""
    args = argv or []
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None and value.lower() in LANGS:
            return value.lower()
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _load(domain: str, lang: str) -> _gettext.NullTranslations:
    code = _CATALOG_LANG.get(lang)
    if code is None:
        return _gettext.NullTranslations()
    return _gettext.translation(domain, str(LOCALEDIR), languages=[code], fallback=True)


def set_lang(lang: str | None = None) -> str:
    """Switch the interface language (None: detect from the locale); returns it."""
    lang = lang if lang in LANGS else detect()
    if lang != _state["lang"]:
        _state.update(lang=lang, t=_load("lawcheck", lang), click=_load("click", lang))
    return lang


def lang() -> str:
    if _state["lang"] is None:
        set_lang()
    return _state["lang"]


def _(message: str) -> str:
    """`message` in the current language."""
    if _state["t"] is None:
        set_lang()
    return _state["t"].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if _state["t"] is None:
        set_lang()
    return _state["t"].ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it (translated where shown)."""
    return message


def click_gettext(message: str) -> str:
    """A message of the command-line framework in the current language."""
    if _state["click"] is None:
        set_lang()
    return _state["click"].gettext(message)


def is_zh() -> bool:
    return lang() == "zh"
