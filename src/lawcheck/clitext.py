"""The command-line framework's own words (usage lines, section headings, error
messages) in the interface language.

typer vendors click without gettext, so its texts are translated here: the `click`
catalog domain holds each English text as click writes it, as a template with {fields};
`translate()` matches a message against the templates and fills the translation.
Section headings and `[default: …]` come from `typer.core`, which calls gettext: it is
pointed at the same catalog. Help texts of lawcheck's own commands and options are marked
with N_ in cli.py and translated on the built command tree by `translate_tree()`.
"""
from __future__ import annotations

import inspect
import re
import sys
from functools import lru_cache
from typing import Any

from .i18n import _, click_gettext


def C_(message: str) -> str:
    """Mark a click/typer text for the `click` catalog domain."""
    return message


# Texts click and typer write, as templates. Longest first is not needed: each is
# anchored, and nested messages ({message}) are translated recursively.
TEMPLATES = (
    C_("Error: {message}"),
    C_("Try '{command} {option}' for help."),
    C_("Invalid value for {name}: {message}"),
    C_("Invalid value: {message}"),
    C_("Value error, {message}"),
    C_("Missing argument {name}. {message}"),
    C_("Missing argument {name}."),
    C_("Missing option {name}. {message}"),
    C_("Missing option {name}."),
    C_("Missing parameter: {name}"),
    C_("No such option: {name} (Possible options: {options})"),
    C_("No such option: {name}"),
    C_("No such command {name}."),
    C_("Missing command."),
    C_("Option {name} requires an argument."),
    C_("Option {name} requires {n} arguments."),
    C_("Option {name} does not take a value."),
    C_("Got unexpected extra argument(s) ({args})"),
    C_("Got unexpected extra argument ({args})"),
    C_("Got unexpected extra arguments ({args})"),
    C_("{value} is not one of {choices}."),
    C_("Input should be a valid integer, unable to parse string as an integer"),
    C_("Input should be a valid number, unable to parse string as a number"),
    C_("Input should be a valid integer"),
    C_("Input should be a valid number"),
    C_("Input should be greater than or equal to {n}"),
    C_("Input should be less than or equal to {n}"),
    C_("Input should be greater than {n}"),
    C_("Input should be less than {n}"),
    C_("Aborted!"),
)
# Words used while formatting help (typer.core calls gettext with these).
WORDS = (
    C_("Usage: "), C_("{heading}:"), C_("Show this message and exit."),
    C_("[OPTIONS]"), C_("COMMAND [ARGS]..."),
    C_("Arguments"), C_("Options"), C_("Commands"),
    C_("default: {default}"), C_("required"), C_("env var: {var}"), C_("(dynamic)"),
    C_("No such command {name!r}."),
)


@lru_cache(maxsize=None)
def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)
    rx = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(rx + r"\Z", re.S)


def translate(message: str) -> str:
    """A click/typer message in the interface language (unchanged when no template fits)."""
    text = message.strip("\n")
    for template in TEMPLATES:
        m = _pattern(template).match(text)
        if m is None:
            continue
        fields = {k: (translate(v) if k == "message" else v) for k, v in m.groupdict().items()}
        return click_gettext(template).format(**fields)
    return click_gettext(text)


def _click_modules():
    """(exceptions, formatting, decorators) of the click typer uses: vendored since typer
    0.2x, the real click before."""
    try:
        from typer._click import decorators, exceptions, formatting
    except ImportError:                       # older typer on the real click
        from click import decorators, exceptions, formatting
    return exceptions, formatting, decorators


def install() -> None:
    """Point typer's gettext calls and click's usage/heading texts at the catalog."""
    import typer.core
    _, formatting, decorators = _click_modules()

    typer.core._ = click_gettext
    fmt = formatting.HelpFormatter
    if not getattr(fmt, "_lawcheck", False):
        orig_usage, orig_heading = fmt.write_usage, fmt.write_heading

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            orig_usage(self, prog, args, click_gettext("Usage: ") if prefix is None else prefix)

        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}"
                       f"{click_gettext('{heading}:').format(heading=heading)}\n")

        fmt.write_usage, fmt.write_heading, fmt._lawcheck = write_usage, write_heading, True
        del orig_heading
    try:
        from typer._click import _textwrap
    except ImportError:                       # older typer on the real click
        from click import _textwrap  # type: ignore[no-redef]  # the same module, unvendored
    if not getattr(_textwrap.TextWrapper, "_lawcheck", False):
        # patching the class click wraps help with: mypy does not allow assigning to a class
        _textwrap.TextWrapper = _cjk_wrapper(_textwrap.TextWrapper)  # type: ignore[misc]
    if not getattr(decorators.help_option, "_lawcheck", False):
        orig_help = decorators.help_option

        def help_option(*args, **kwargs):
            add = orig_help(*args, **kwargs)

            def decorator(f):
                out = add(f)
                params = getattr(f, "params", None)
                if params and getattr(params[-1], "help", None):
                    params[-1].help = click_gettext(params[-1].help)
                if params:                    # --help, made on first parse: no pydantic
                    _direct_value(params[-1])
                return out
            return decorator
        help_option._lawcheck = True  # type: ignore[attr-defined]  # a marker on a function
        decorators.help_option = help_option


@lru_cache(maxsize=None)
def _han() -> re.Pattern:
    """Chinese characters and punctuation (compiled on first help: a CJK class is slow
    to compile, and a check never wraps help)."""
    return re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _cjk_wrapper(base):
    """click's TextWrapper, measuring Chinese by terminal cells and breaking between
    Chinese characters (the stock one counts characters and breaks only at spaces, so a
    Chinese help line runs to twice the terminal's width)."""
    class Wrapper(base):
        _lawcheck = True

        def wrap(self, text: str) -> list[str]:
            if not _han().search(text):
                return super().wrap(text)
            from .render.terminal import wrap
            width = max(20, self.width - max(len(self.initial_indent), len(self.subsequent_indent)))
            lines = wrap(text, width)
            return [(self.initial_indent if i == 0 else self.subsequent_indent) + line
                    for i, line in enumerate(lines)]
    return Wrapper


def _tr(text: str | None) -> str | None:
    if not text:
        return text
    out = _(text)
    if out == text:
        out = _(inspect.cleandoc(text))
    if out == text or out == inspect.cleandoc(text):
        out = click_gettext(text)
    return out


def translate_tree(cmd) -> None:
    """Translate the help of a built click command, its options and its subcommands."""
    if getattr(cmd, "help", None):
        cmd.help = _tr(cmd.help)
        cmd.short_help = cmd.help.split("\n\n")[0].strip()
    if getattr(cmd, "epilog", None):
        cmd.epilog = _tr(cmd.epilog)
    if getattr(cmd, "options_metavar", None):
        cmd.options_metavar = click_gettext(cmd.options_metavar)
    if getattr(cmd, "subcommand_metavar", None):
        cmd.subcommand_metavar = click_gettext(cmd.subcommand_metavar)
    for p in getattr(cmd, "params", []):
        if getattr(p, "help", None):
            p.help = _tr(p.help)
        if getattr(p, "param_type_name", "") == "argument" and getattr(p, "metavar", None) \
                and hasattr(p, "display_type_rich"):
            p.display_type_rich = lambda ctx=None: None     # "FILE", not "FILE <list[str]>"
    for sub in getattr(cmd, "commands", {}).values():
        translate_tree(sub)


def show_error(exc) -> int:
    """Print a click usage error in the interface language; returns its exit status."""
    UsageError = _click_modules()[0].UsageError

    out = sys.stderr
    if type(exc).__name__ == "NoArgsIsHelpError":      # `lawcheck rules`: the help, status 2
        out.write(exc.format_message() + "\n")
        return 2
    if isinstance(exc, UsageError) and exc.ctx is not None:
        ctx = exc.ctx
        out.write(ctx.get_usage() + "\n")
        if ctx.command.get_help_option(ctx) is not None:
            out.write(click_gettext("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=ctx.help_option_names[0]) + "\n")
        out.write("\n")
    out.write(click_gettext("Error: {message}").format(message=translate(exc.format_message()))
              + "\n")
    return getattr(exc, "exit_code", 2)


# --- Parameter values without pydantic --------------------------------------------------
#
# typer 0.2x converts every parameter value (a Path, an Enum choice, a float, even a str)
# with a pydantic TypeAdapter, built lazily on first use: the first one imports pydantic
# (~60 ms of CPU, a fifth of a cold `lawcheck report.txt`). lawcheck's parameters are
# plain (str, list of str, bool, Path, Enum, float, int with a minimum), so `direct_values`
# gives each a converter that does what typer's adapter does for a well-formed value by
# calling typer's own pydantic-free helpers (coerce_cli_choice, coerce_cli_path) or the
# obvious conversion for a plain number or str. Anything else (a malformed number, a
# choice not in the list, a path typer refuses, a value of an unexpected type) goes to
# typer's own adapter, built then, so every error message stays typer's.
# tests/test_cli_coercion.py checks both give the same value or the same error.

_INT = re.compile(r"(?:0|[1-9][0-9]{0,8})\Z")
_FLOAT = re.compile(r"(?:0|[1-9][0-9]{0,8})(?:\.[0-9]{1,9})?\Z")
_SLOW = object()


def _kind(annotation, info) -> str | None:
    """How `direct_values` converts a value of this annotation, or None (typer's way)."""
    from enum import Enum
    from pathlib import Path
    from typing import get_args, get_origin
    if info.parser is not None:
        return None
    if get_origin(annotation) is list:
        args = get_args(annotation)
        return "list-str" if args == (str,) else None
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "choice"
    if annotation is float or annotation is int:
        return None if info.clamp else annotation.__name__
    if annotation is str or annotation is bool:
        return annotation.__name__
    if annotation is Path and info.path_type is None:
        return "path"
    return None


def _direct(kind: str, annotation, info, value, param, ctx):
    """`value` converted as typer's adapter would, or _SLOW when unsure."""
    if kind in ("str", "bool"):
        return value if type(value) is (str if kind == "str" else bool) else _SLOW
    if kind == "list-str":
        ok = isinstance(value, (list, tuple)) and all(type(v) is str for v in value)
        return list(value) if ok else _SLOW
    if kind in ("int", "float"):
        if type(value) is not str or not (_INT if kind == "int" else _FLOAT).match(value):
            return _SLOW
        number = int(value) if kind == "int" else float(value)
        if (info.min is not None and number < info.min) or (info.max is not None and number > info.max):
            return _SLOW
        return number
    from typer._param_types import coerce_cli_choice, coerce_cli_path
    if kind == "choice":
        return coerce_cli_choice(value, choices=list(annotation),
                                 case_sensitive=info.case_sensitive, ctx=ctx)
    if kind == "path" and type(value) is str:
        from pathlib import Path
        return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
    return _SLOW


@lru_cache(maxsize=None)
def _direct_class() -> Any:
    """The converter class, or None with a typer that has no `typer._coercion`."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
    except ImportError:
        return None

    class DirectRuntimeParam(RuntimeParam):   # RuntimeParam's fields; the kind from them
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            kind = _kind(self.annotation, self.parameter_info)
            try:
                out = _SLOW if kind is None else _direct(kind, self.annotation, self.parameter_info,
                                                          value, param, ctx)
            except Exception:               # typer's adapter says why, in its own words
                out = _SLOW
            if out is not _SLOW:
                return out
            param._runtime_param = slow = build_runtime_param(param.type_descriptor)
            return slow._coerce_value(value, param=param, ctx=ctx)
    return DirectRuntimeParam


def direct_values(cmd) -> None:
    """Give each parameter of a built command tree a pydantic-free value converter (see
    above); a typer without the lazy `_runtime_param` hook is left as it is."""
    for p in getattr(cmd, "params", []):
        _direct_value(p)
    for sub in getattr(cmd, "commands", {}).values():
        direct_values(sub)


def _direct_value(p) -> None:
    desc = getattr(p, "type_descriptor", None)
    if desc is None or getattr(p, "_runtime_param", False) is not None \
            or desc.file_annotation is not None:
        return
    cls = _direct_class()
    if cls is not None and _kind(desc.annotation, desc.parameter_info) is not None:
        p._runtime_param = cls(parameter_info=desc.parameter_info, annotation=desc.annotation)
