"""Snapshot every output format of every report we can see, to prove a refactor changed
nothing (issue 13: "JSON output of every fixture is byte-identical before and after").

    python tools/snapshot.py write /tmp/snap-before            # before the change
    python tools/snapshot.py compare /tmp/snap-before          # after: lists what differs

Reports: fixtures/reports and fixtures/previous, ../shared/corpus/reports when present, and
any extra folders given with --extra (e.g. an independent set kept outside the repo).
Formats: json, markdown, sarif, junit, github, csv, html (one report each), run in-process
with the bundled national pack; the checkout's path in them is written as <ROOT>, so any
worktree compares against one baseline. Exit 1 from `compare` when anything differs.
"""
from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("json", "markdown", "sarif", "junit", "github", "csv", "html")


def _inputs(extra: list[str]) -> list[Path]:
    folders = [ROOT / "fixtures" / "reports", ROOT / "fixtures" / "previous",
               ROOT.parent / "shared" / "corpus" / "reports", *map(Path, extra)]
    return [p for d in folders if d.is_dir() for p in sorted(d.iterdir()) if p.is_file()]


def _outputs(path: Path) -> dict[str, str]:
    from lawcheck.check import check_path
    from lawcheck.render import renderer
    report = check_path(str(path))
    # the checkout's own path appears in outputs ("file"): a worktree elsewhere must compare
    # equal, so it is written as <ROOT>
    return {fmt: renderer(fmt).render([report], []).replace(str(ROOT), "<ROOT>")
            for fmt in FORMATS}


def _key(path: Path) -> str:
    return f"{path.parent.parent.name}__{path.parent.name}__{path.name}"


def write(out: Path, extra: list[str]) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for path in _inputs(extra):
        for fmt, text in _outputs(path).items():
            (out / f"{_key(path)}.{fmt}").write_text(text, encoding="utf-8")
    print(f"wrote {len(list(out.iterdir()))} outputs to {out}")
    return 0


def show_diff(name: str, before: str, after: str) -> None:
    """Print that `name` differs, with the first lines of a unified diff."""
    print(f"DIFFERS: {name}")
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(),
                                "before", "after", lineterm="", n=1)
    for line in list(diff)[:12]:
        print("   ", line[:200])


def compare(base: Path, extra: list[str]) -> int:
    differ = 0
    seen = 0
    for path in _inputs(extra):
        for fmt, text in _outputs(path).items():
            seen += 1
            old = base / f"{_key(path)}.{fmt}"
            if not old.exists():
                print(f"new: {old.name}")
                differ += 1
                continue
            before = old.read_text(encoding="utf-8")
            if before != text:
                differ += 1
                show_diff(old.name, before, text)
    print(f"{seen - differ}/{seen} outputs identical")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("write", "compare"))
    ap.add_argument("folder")
    ap.add_argument("--extra", action="append", default=[],
                    help="another folder of reports to include")
    args = ap.parse_args()
    run = write if args.mode == "write" else compare
    return run(Path(args.folder), args.extra)


if __name__ == "__main__":
    sys.exit(main())
