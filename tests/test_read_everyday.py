"""read's shortcuts give the answers of the code they replaced: the soup test's table of
everyday characters (read.everyday_chars) says what read._everyday says for every
character the test reads (the Han block), and the control and bad characters counted
from one scan give the two scans' answers (the reference below)."""
import random
import re

from lawcheck import read


def test_everyday_table_is_everyday_over_the_han_block():
    table = read.everyday_chars()
    differ = [ch for ch in map(chr, range(0x4E00, 0xA000)) if (ch in table) != read._everyday(ch)]
    assert differ == []
    assert len(table) > 5000          # both blocks are in it


def test_soup_and_prose_as_before():
    """looks_like_text's soup answer is the one _everyday gives, on texts with every
    share of everyday characters (around the 50 % line too)."""
    rnd = random.Random(11)
    everyday = sorted(read.everyday_chars())
    rare = [ch for ch in map(chr, range(0x4E00, 0xA000)) if not read._everyday(ch)]
    for _ in range(200):
        n = rnd.randint(20, 700)
        share = rnd.random()
        text = "".join(rnd.choice(everyday) if rnd.random() < share else rnd.choice(rare)
                       for _ in range(n))
        han = read._HAN.findall(text)[:500]
        expected = not (len(han) >= 30 and sum(map(read._everyday, han)) < len(han) * 0.5)
        assert read.looks_like_text(text, soup=True) == expected


_CTRL = re.compile("[\x00-\x08\x0e-\x1f]")
_BAD = re.compile("[\ufffd\x7f-\x9f\ue000-\uf8ff\U00010000-\U0010ffff]")


def _looks_like_text_before(text: str, soup: bool = False, sample: int = 20000) -> bool:
    """looks_like_text as it was: control and bad characters counted by two scans."""
    s = text[:sample]
    n = len(s)
    if len(_CTRL.findall(s)) > max(2, n // 100) or len(_BAD.findall(s)) > max(3, n // 20):
        return False
    if soup:
        han = read._HAN.findall(s)[:500]
        if len(han) >= 30 and sum(1 for ch in han if read._everyday(ch)) < len(han) * 0.5:
            return False
    return True


def test_odd_characters_counted_as_before():
    """One scan for both kinds gives the two scans' answers, near both limits too."""
    rnd = random.Random(5)
    odd = "\x00\x01\x08\x0e\x1b\x1f\x7f\x80\x9f\ufffd\ue000\uf8ff\U00010000\U0010ffff"
    fine = "\t\n\r\x0b\x0c 法治政府建设年度报告,。a1"
    for _ in range(3000):
        n = rnd.randint(0, 400)
        share = rnd.choice([0, 0.005, 0.01, 0.02, 0.05, 0.06, 0.2])
        text = "".join(rnd.choice(odd) if rnd.random() < share else rnd.choice(fine)
                       for _ in range(n))
        for soup in (False, True):
            for sample in (20000, 50):
                assert read.looks_like_text(text, soup, sample) == \
                    _looks_like_text_before(text, soup, sample), (text, soup, sample)
        lines = text.split("\n")
        warned: list[str] = []
        cleaned = read.strip_controls(lines, warned)
        assert (cleaned is lines) == (not any(read._CONTROLS.search(ln) for ln in lines))
