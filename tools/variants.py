"""Agreement and evidence of a labelled corpus in every form a report reaches us in.

    python tools/variants.py CORPUS [--kinds plain,kangxi,traditional,oneline,docx,html,pdf,md] [-v]

CORPUS is laid out like ../shared/corpus (reports/, labels/, evidence/). Each report is
re-written in a temporary folder as each kind (the same writers tests/test_variants.py
uses: Kangxi radicals as PDF text extraction gives them, OpenCC traditional characters,
the whole report on one line, docx, a government web page, a PDF, markdown), checked
in-process with the national pack, and scored the way ../shared/tools/agreement.py and
evidence.py score the plain file: a verdict agrees when the label accepts it; an item is
cited right when an evidence entry shares 8 characters with a gold phrase written in the
same form (the phrase goes through the same character change; line breaks dropped for
the one-line form). Prints one row per kind, and with -v every item that differs from
the plain file's verdict. Reports that are not .txt are taken as they are for `plain`
and skipped for the other kinds (the writers start from text).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

KINDS = ("plain", "kangxi", "traditional", "oneline", "docx", "html", "pdf", "md")


def _char_form(kind: str) -> Callable[[str], str]:
    """How a gold phrase reads in this kind of file."""
    import test_variants as tv
    if kind == "kangxi":
        return tv._kangxi
    if kind == "traditional":
        return tv._traditional
    if kind == "oneline":
        return lambda s: "".join(part.strip(tv._WS) for part in s.splitlines())
    return lambda s: s


def _write(kind: str, src: Path, folder: Path) -> Path:
    import test_variants as tv
    if kind == "plain":
        return src
    from lawcheck.read import read_path
    text = "\n".join(read_path(str(src)).lines) + "\n"     # any encoding the reader takes
    return tv.write_variant(kind, text, folder)


def _overlaps(phrase: str, text: str) -> bool:
    k = min(8, len(phrase))
    return any(phrase[i:i + k] in text for i in range(len(phrase) - k + 1))


def measure(corpus: Path, kinds: list[str], verbose: bool) -> None:
    from lawcheck.check import check_path
    from lawcheck.rules import load_pack
    pack = load_pack()
    plain: dict[tuple[str, str], str] = {}
    plain_cited: dict[tuple[str, str], bool] = {}
    print(f"{'kind':<12} {'agreement':>16} {'evidence':>16} {'misled':>7} {'≠plain':>7}")
    for kind in kinds:
        agree = total = right = cited = misled = changed = 0
        form = _char_form(kind)
        for label_file in sorted((corpus / "labels").glob("*.yaml")):
            lab = yaml.safe_load(label_file.read_text(encoding="utf-8"))
            src = corpus / "reports" / lab["report"]
            if kind != "plain" and src.suffix != ".txt":
                continue
            with tempfile.TemporaryDirectory() as tmp:
                path = _write(kind, src, Path(tmp))
                report = check_path(str(path), pack)
            got = {it.id: it for it in report.items}
            for iid, value in lab["items"].items():
                status = value if isinstance(value, str) else value["status"]
                accept = {status} if isinstance(value, str) else set(value.get("accept", [status])) | {status}
                verdict = str(got[iid].status) if iid in got else "absent"
                total += 1
                agree += verdict in accept
                key = (lab["report"], iid)
                if kind == "plain":
                    plain[key] = verdict
                elif key in plain and plain[key] != verdict:
                    changed += 1
                    if verbose:
                        print(f"    {kind}: {lab['report']} {iid}: plain {plain[key]} → {verdict}")
            ev_file = corpus / "evidence" / label_file.name
            if not ev_file.exists():
                continue
            spec = yaml.safe_load(ev_file.read_text(encoding="utf-8"))
            for iid, want in spec["items"].items():
                texts = [f"{e.text or ''} {e.section or ''}" for e in got[iid].evidence] if iid in got else []
                gold = [form(g) for g in want.get("gold") or []]
                wrong = [form(w) for w in want.get("wrong") or []]
                ok = any(_overlaps(g, t) for g in gold for t in texts)
                key = (lab["report"], iid)
                if kind == "plain":
                    plain_cited[key] = ok
                elif verbose and plain_cited.get(key, ok) != ok:
                    first = texts[0][:60] if texts else "no evidence"
                    print(f"    {kind}: {lab['report']} {iid}: evidence {'lost' if not ok else 'gained'}"
                          f" (first: {first})")
                cited += 1
                right += ok
                misled += (not ok) and bool(texts) and any(_overlaps(w, texts[0]) for w in wrong)
        a = f"{agree}/{total} = {agree / total:.3f}" if total else "-"
        e = f"{right}/{cited} = {right / cited:.3f}" if cited else "-"
        print(f"{kind:<12} {a:>16} {e:>16} {misled:>7} {changed if kind != 'plain' else '':>7}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    kinds = args.kinds.split(",")
    if kinds[0] != "plain":
        kinds.insert(0, "plain")
    measure(args.corpus, kinds, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
