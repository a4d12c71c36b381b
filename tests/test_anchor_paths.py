"""anchor.py's quick path gives the general path's answer.

`_Anchorer.anchor_in_line` finds a quote inside its own line without building the
window of the lines it may run on into; whatever it returns, `anchor_in_window` (the
general path) must return too, for any line (full-width punctuation, spaces, zero-width
marks, radicals folded in the matching copy), any quote and any section. And
`normalize_chars` locates each kept character where the plain list of positions did.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lawcheck.anchor import SIGNATURE, _Anchorer, _Line
from lawcheck.model import Document, Evidence
from lawcheck.normalize import MARK, fold_marked, normalize_chars

# pieces the normalisation keeps, changes (full-width), or leaves out (spaces, marks);
# few, so a line often holds a quote twice, before and after its section's heading
_PIECES = st.sampled_from(["行政", "复议", "法治政府", "一、", "案件", "⼈", "，", "。", "（一）",
                           "１２", "32", " ", "　", "\u200b", "…", "ab"])
_LINE = st.lists(_PIECES, max_size=14).map("".join)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(_LINE)
def test_gaps_locate_every_kept_character(line):
    text, gaps = normalize_chars(line)
    folded = fold_marked(line)
    positions = [i for i, ch in enumerate(folded) if ch != MARK]    # the plain list
    assert text == "".join(folded[i] for i in positions)
    for i, pos in enumerate(positions):
        assert _Line(text, gaps).at(i) == pos


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.lists(_LINE, min_size=1, max_size=4), st.data())
def test_quick_path_agrees_with_the_general_path(lines, data):
    k = data.draw(st.integers(0, len(lines) - 1))
    # the matching copy: the same line lengths, some characters folded (radicals)
    matching = [ln.replace("⼈", "人") for ln in lines]
    line = matching[k]
    # a quote cut from the cited line as matched (often found), or any text (often not)
    cut = bool(line) and data.draw(st.booleans())
    if cut:
        a = data.draw(st.integers(0, len(line) - 1))
        b = data.draw(st.integers(a + 1, len(line)))
        quote = fold_marked(line[a:b]).replace(MARK, " ").strip()
    else:
        quote = data.draw(_LINE)
    section = data.draw(st.sampled_from(["", "(开头)", "行政", "复议", "一、", "法治政府", SIGNATURE]))
    doc = Document("t.txt", "txt", "utf-8", lines)
    folded = Document("t.txt", "txt", "utf-8", matching)
    ev = Evidence(line=k + 1, section=section, text=quote, location=None)
    quick = _Anchorer(doc, folded).anchor_in_line(ev, k) if quote else None
    if quick is not None:
        assert quick == _Anchorer(doc, folded).anchor_in_window(ev, k)
    elif cut and not section and quote.strip("…"):
        raise AssertionError("a piece of the line itself is the quick path's to find")


def test_quick_path_quotes_the_line_as_written():
    doc = Document("t.txt", "txt", "utf-8", ["一、成效　　全年办理行政复议案件３２件，纠错２件。"])
    ev = Evidence(line=1, section="(开头)", text="行政复议案件32件,纠错")
    out = _Anchorer(doc, doc).anchor_in_line(ev, 0)
    assert out == Evidence(1, "(开头)", "行政复议案件３２件，纠错", None, 11)
    assert out == _Anchorer(doc, doc).anchor_in_window(ev, 0)


def test_quote_key_is_normalize_chars_text():
    """The matching text of a quote (fold_marked with the marks taken out) is
    normalize_chars' text, on random strings of characters it drops, folds to spaces,
    folds to ASCII and leaves alone."""
    import random
    rnd = random.Random(9)
    alphabet = "法治 \u3000\t\u200b\ufeff，。ＡＢ１２—·…《》a1"
    for _ in range(5000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 14)))
        assert fold_marked(text).replace(MARK, "") == normalize_chars(text)[0], text
