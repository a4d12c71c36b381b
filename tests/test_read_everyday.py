"""The soup test's table of everyday characters (read.everyday_chars) says what
read._everyday says, for every character the test reads (the Han block)."""
import random

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
