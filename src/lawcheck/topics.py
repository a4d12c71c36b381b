"""Topic words of a passage, for matching shortcomings with plans.

The words are jieba's segmentation (dictionary + HMM, `cut(HMM=True)`) with a
dictionary built in memory from the rule pack's terms plus a small domain word list
(data/domain_words.txt), not jieba's 20 MB default dictionary. The segmentation is
jieba's algorithm, re-done here for speed with the same results word for word (a test
compares them): the DAG of dictionary words and the best route over it, then jieba's
HMM (its own probability tables, Viterbi unrolled for its four states) for the runs of
single characters outside the dictionary. Each block of text (a run between
punctuation) is segmented once per report, with the rule items its terms touch: a
problem's lead statement and its whole text share their blocks. A passage compared only
with given words (a plan with the problems' topic words: `Topics.focus`) is segmented
only in the blocks that hold one of them, which finds every one of them it has. Loaded
lazily, once per process, quietly.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
import io
import math
from . import rx as re
from importlib import resources

from .rules import Pack

_STOP = set("""
法治 法治政府 建设 工作 加强 提升 提高 推进 推动 进一步 不断 持续 切实 着力 扎实 深入 全面 有待 不够
水平 能力 效能 质效 实效 机制 制度 体系 相关 各项 我镇 我县 我市 我区 我局 全镇 全县 全市 全区 部分 方面 问题
存在 不足 仍需 还需 需要 有效 积极 强化 完善 健全 落实 开展 确保 坚持 努力 全力 做好 抓好 重点 主要 方式 形式
情况 发挥 作用 一是 二是 三是 四是 五是 同时 以及 进行 实现 形成 取得 工作人员 相对 较为 比较 依法 行政 政府
服务 管理 质量 效率 力度 部署 要求 任务 措施 举措 项目 事项 全面 有关 相关 各类 政务 治理能力 领域
""".split())
# Words too common in these reports to link a problem to a plan on their own; they
# count only together with another shared topic.
GENERIC = frozenset({"执法", "规范", "办案", "监管"})
_CJK_WORD = re.compile(r"^[\u4e00-\u9fff0-9A-Za-z+]{2,}$")


def _import_jieba():
    """Import jieba without letting it import pkg_resources (~40 ms of setuptools it
    uses only to open its own bundled files, which works without it)."""
    import sys
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    had = "pkg_resources" in sys.modules
    if not had:
        sys.modules["pkg_resources"] = None      # makes `import pkg_resources` fail fast
    try:
        import jieba
    finally:
        if not had:
            del sys.modules["pkg_resources"]
    return jieba


@functools.lru_cache(maxsize=4)
def _tokenizer(words: tuple[str, ...]):
    """jieba's own Tokenizer on the domain words (kept for comparing with `Segmenter`)."""
    import logging                      # here: only this comparison path needs it
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    buf = io.BytesIO("".join(f"{w} 1000\n" for w in words).encode("utf-8"))
    buf.name = "<lawcheck domain words>"
    tk.FREQ, tk.total = tk.gen_pfdict(buf)
    tk.initialized = True          # never read jieba's big dictionary or its disk cache
    return tk


# jieba's block splitters (jieba.re_han_default, finalseg.re_han / re_skip)
_RE_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_RE_HMM_HAN = re.compile("([\u4E00-\u9FD5]+)")
_RE_HMM_SKIP = re.compile("([a-zA-Z0-9]+(?:\\.\\d+)?%?)")
_MIN_FLOAT = -3.14e100


_HMM: list = []


def seed_hmm_tables(tables) -> None:
    """The tables as read from the pack cache (see packcache)."""
    if not _HMM and isinstance(tables, tuple) and len(tables) == 3:
        _HMM.append(tables)


def _hmm_tables():
    if not _HMM:
        _HMM.append(_read_hmm_tables())
    return _HMM[0]


def _jieba_folder() -> str | None:
    import importlib.util
    spec = importlib.util.find_spec("jieba")
    return next(iter(spec.submodule_search_locations or ()), None) if spec else None


def hmm_files() -> list[str]:
    """jieba's HMM table files (their size and time key the pack cache)."""
    folder = _jieba_folder()
    return [f"{folder}/finalseg/{n}.py" for n in ("prob_start", "prob_trans", "prob_emit")] \
        if folder else []


def word_files() -> list[str]:
    """The word lists a segmenter is built from (their content keys the pack cache)."""
    return [str(resources.files("lawcheck").joinpath(f"data/{n}.txt"))
            for n in ("domain_words", "synonyms")]


def _read_hmm_tables():
    """jieba's HMM probabilities (start, transitions, emissions per state), read from
    jieba's own table modules without importing jieba itself (~30 ms it needs only for
    its default dictionary)."""
    import importlib.util
    folder = _jieba_folder()
    if folder is None:
        _import_jieba()
        from jieba.finalseg import emit_P, start_P, trans_P
        return start_P, trans_P, emit_P
    tables = []
    for name in ("prob_start", "prob_trans", "prob_emit"):
        file = f"{folder}/finalseg/{name}.py"
        mspec = importlib.util.spec_from_file_location(f"_lawcheck_jieba_{name}", file)
        mod = importlib.util.module_from_spec(mspec)
        mspec.loader.exec_module(mod)          # uses jieba's own __pycache__
        tables.append(mod.P)
    return tuple(tables)


class Segmenter:
    """jieba's `Tokenizer.cut(text, HMM=True)` for a dictionary where every word has the
    same frequency and at least two characters, giving the same words (the route, the
    tie-breaks and the HMM's floating-point sums are jieba's, in jieba's order)."""

    def __init__(self, words: tuple[str, ...], freq: int = 1000) -> None:
        # a one-character word would let jieba's route pick a single character where a
        # word starts; the walk below takes every word start on the route for a word
        assert all(len(w) >= 2 for w in words), "dictionary words have 2+ characters"
        total = freq * len(words)        # jieba's gen_pfdict: the sum of the frequencies
        lt = math.log(total)
        self._w = math.log(freq) - lt    # a dictionary word on the route
        self._c = math.log(1) - lt       # a character that is no word
        import ahocorasick
        self._auto = ahocorasick.Automaton()
        for w in words:
            self._auto.add_word(w, len(w))
        if words:
            self._auto.make_automaton()

    def cut(self, text: str) -> list[str]:
        out: list[str] = []
        for blk in _RE_BLOCK.findall(text):
            out.extend(self.cut_block(blk))
        return out

    def cut_block(self, s: str, singles: bool = True) -> list[str]:
        """jieba's __cut_DAG on one block: the dictionary words on the best route, and
        the runs of characters between them cut by `_run`. Without `singles`, only the
        words of two or more characters (all a topic can be), in the same order."""
        out: list[str] = []
        x = 0
        for start, end in self._route(s):
            if start < x:            # inside a word already taken
                continue
            if x < start:
                self._run(s[x:start], out, singles)
            x = end + 1
            out.append(s[start:x])
        if x < len(s):
            self._run(s[x:], out, singles)
        return out

    def _route(self, s: str) -> list[tuple[int, int]]:
        """jieba's calc: route[idx] = max((log p(word) + route[x+1][0], x) for x in
        DAG[idx]), a position no word starts at being its own one-character piece; as
        (start, end) of the positions where the route takes a word, left to right (the
        DAG, every word starting at each position, from one Aho-Corasick pass, not
        jieba's prefix walk). The route goes from the first of them to the end of its
        word, and on from there: a start inside a word it took is not on it."""
        found = [(end - length + 1, end) for end, length in self._auto.iter(s)]
        if len({start for start, _ in found}) == len(found):
            # no position offers two words (most blocks): each start's word is its route
            found.sort()
            return found
        dag: dict[int, list[int]] = {}
        for start, end in found:
            dag.setdefault(start, []).append(end)
        picked: list[tuple[int, int]] = []
        w, c = self._w, self._c
        rp = [0.0] * (len(s) + 1)
        v = 0.0
        pos = len(s)                 # rp[pos:] is known, v = rp[pos]
        # right to left over the word starts; the route before the first one is never
        # read (a word's score reads the route after its end)
        for idx in sorted(dag, reverse=True):
            while pos > idx + 1:     # no word starts here: one character
                pos -= 1
                v = rp[pos] = c + v
            best, bx = -math.inf, -1
            for x in dag[idx]:
                lp = w + rp[x + 1]
                if lp > best or (lp == best and x > bx):
                    best, bx = lp, x
            pos = idx
            v = rp[idx] = best
            picked.append((idx, bx))
        picked.reverse()
        return picked

    def _run(self, buf: str, out: list[str], singles: bool) -> None:
        """A run of characters no word starts at (jieba's `buf`): one character as it
        is, else jieba.finalseg.cut (the HMM on each Han stretch, digits and letters as
        they come). jieba's third case, a run that is a dictionary word cut into its
        characters, cannot happen here: no word starts in a run."""
        if len(buf) == 1:
            if singles:
                out.append(buf)
        elif _RE_HMM_HAN.fullmatch(buf):       # all Han: the HMM on the whole run
            _hmm_cut(buf, out, singles)
        else:
            for blk in _RE_HMM_HAN.split(buf):
                if not blk:
                    continue
                if _RE_HMM_HAN.match(blk):
                    if len(blk) > 1:
                        _hmm_cut(blk, out, singles)
                    elif singles:
                        out.append(blk)
                else:
                    out.extend(x for x in _RE_HMM_SKIP.split(blk) if x and (singles or len(x) > 1))


@functools.lru_cache(maxsize=1)
def _hmm_model():
    """jieba's tables rearranged for the unrolled Viterbi: the eight transitions it uses,
    the start vector, and per character its four emissions (B, M, E, S) in one tuple,
    filled in as characters are met (building it for all 7,000 costs more than a run)."""
    start, trans, emit = _hmm_tables()
    MIN = _MIN_FLOAT
    t = tuple(trans[a].get(b, MIN) for a, b in ("BE", "BM", "EB", "ES", "ME", "MM", "SB", "SS"))
    st = tuple(start[y] for y in "BMES")
    return st, t, _Emissions(emit), (MIN, MIN, MIN, MIN)


class _Emissions(dict):
    def __init__(self, emit) -> None:
        super().__init__()
        self._by_state = tuple(emit[y] for y in "BMES")

    def __missing__(self, ch: str) -> tuple[float, float, float, float]:
        e = self[ch] = tuple(d.get(ch, _MIN_FLOAT) for d in self._by_state)
        return e


def _hmm_cut(s: str, out: list[str], singles: bool = True) -> None:
    """jieba.finalseg.__cut: Viterbi over the states B M E S (0 1 2 3 here), unrolled;
    the words go to `out` (without `singles`, only those of two or more characters)."""
    (sB, sM, sE, sS), (tBE, tBM, tEB, tES, tME, tMM, tSB, tSS), emit, _ = _hmm_model()
    e0 = emit[s[0]]
    vB, vM, vE, vS = sB + e0[0], sM + e0[1], sE + e0[2], sS + e0[3]
    back: list[tuple[int, int, int, int]] = []
    push = back.append
    for ch in s[1:]:
        # max over [(V[y0] + trans[y0][y] + em, y0) for y0 in PrevStatus[y]]: a tie goes
        # to the larger state letter, as in jieba's tuple max
        eB, eM, eE, eS = emit[ch]
        a, b = vE + tEB + eB, vS + tSB + eB          # B <- E, S
        if a > b:
            nB, pB = a, 2
        else:
            nB, pB = b, 3
        a, b = vM + tMM + eM, vB + tBM + eM          # M <- M, B
        if a >= b:
            nM, pM = a, 1
        else:
            nM, pM = b, 0
        a, b = vB + tBE + eE, vM + tME + eE          # E <- B, M
        if a > b:
            nE, pE = a, 0
        else:
            nE, pE = b, 1
        a, b = vS + tSS + eS, vE + tES + eS          # S <- S, E
        if a >= b:
            nS, pS = a, 3
        else:
            nS, pS = b, 2
        vB, vM, vE, vS = nB, nM, nE, nS
        push((pB, pM, pE, pS))
    # jieba reads the best path forwards: B opens a word, E closes it (a word from the
    # start when no B came first), S is a word alone. Read here backwards, the path
    # following the pointers, and the words put in order at the end.
    state = 2 if vE > vS else 3
    words: list[str] = []
    end = len(s) - 1
    for i in range(len(s) - 1, 0, -1):
        if state == 2:               # E
            end = i
        elif state == 0:             # B
            words.append(s[i:end + 1])
        elif state == 3 and singles:  # S
            words.append(s[i])
        state = back[i - 1][state]
    if state >= 2:                   # S, or E closing a one-character word
        if singles:
            words.append(s[0])
    else:                            # B, or M: a path that starts inside a word
        words.append(s[:end + 1])
    words.reverse()
    out.extend(words)


@functools.lru_cache(maxsize=1)
def _domain_words() -> tuple[str, ...]:
    text = resources.files("lawcheck").joinpath("data/domain_words.txt").read_text(encoding="utf-8")
    return tuple(w.strip() for w in text.split() if w.strip() and not w.startswith("#"))


class Topics:
    """Maps a passage to its set of topic words (content words + rule items touched)."""

    def __init__(self, pack: Pack) -> None:
        words = set(_domain_words()) | set(_synonyms())
        for it in pack.items:
            words.update(it.terms)
        # a one-character word is no topic, and the Segmenter takes none (see there)
        self.words = tuple(sorted(w for w in words if len(w) >= 2))
        self._seg = Segmenter(self.words)
        self._syn = _synonyms()
        self._blocks: dict[str, frozenset[str]] = {}
        # the rule items a passage touches: found block by block (and remembered with
        # the block's words) for the terms that lie within one block, as every bundled
        # term does; over the whole passage for any other
        inside, across = _item_terms(pack)
        self._items, self._items_across = _automaton(inside), _automaton(across)
        # the words that give each topic word, for finding it as written (see Focus)
        forms: dict[str, set[str]] = {}
        for w, key in self._syn.items():
            forms.setdefault(key, {key}).add(w)
        self._forms = {key: tuple(sorted(ws)) for key, ws in forms.items()}

    def of(self, text: str) -> set[str]:
        out: set[str] = set()
        blocks = self._blocks
        if len(blocks) > 4096:           # a report's blocks, and then some; bounded
            blocks.clear()
        for blk in _RE_BLOCK.findall(text):
            words = blocks.get(blk)
            if words is None:
                words = blocks[blk] = self._block_topics(blk)
            out |= words
        return self._items_in(text, out, self._items_across)

    def _block_topics(self, blk: str) -> frozenset[str]:
        """The topic words of one block: its words of two or more characters that are
        no stop word and hold only Han, letters and digits, each as its synonyms' key;
        and the rule items its terms touch."""
        syn = self._syn
        plain = blk.isalnum()        # else a piece such as 99.5% or A-1 may be no topic
        words = {syn.get(w, w) for w in self._seg.cut_block(blk, False)
                 if w not in _STOP and (plain or _CJK_WORD.match(w))}
        return frozenset(self._items_in(blk, words, self._items))

    @staticmethod
    def _items_in(text: str, out: set[str], items) -> set[str]:
        """`out` and the rule items ("#item id") whose terms in `items` (an automaton,
        or None for none) `text` holds."""
        if items is not None:
            for _, touched in items.iter(text):
                out |= touched
        return out

    def _block_items(self, blk: str) -> frozenset[str]:
        """The rule items the terms within a block touch (a block not segmented)."""
        return frozenset(self._items_in(blk, set(), self._items))

    def focus(self, words: Iterable[str]) -> Focus:
        """Topic words of passages that are only compared with `words` (see Focus)."""
        return Focus(self, words)


class Focus:
    """Topic words of passages that matter only where they meet given words (the
    alignment check compares each plan with the problems' topic words, never plans with
    plans). A block is segmented only when it holds one of those words as written (or a
    synonym of it): a word found in a block is part of it, so every topic word of a
    passage that is among `words` is found, as with `Topics.of`; in a block that holds
    none, only the rule items it touches are. A block segmented is remembered with the
    others (`Topics.of` finds it); one that is not, for as long as the Focus is kept
    (one alignment check)."""

    def __init__(self, topics: Topics, words: Iterable[str]) -> None:
        self._topics = topics
        forms = topics._forms
        # an item's topic (#…) comes from its terms, never from a block's words
        self._words = _automaton({f: f for w in words if not w.startswith("#")
                                  for f in forms.get(w, (w,))})
        self._items_only: dict[str, frozenset[str]] = {}

    def of(self, text: str) -> set[str]:
        """The topic words of `text` among the focus words, and maybe some others."""
        out: set[str] = set()
        tk = self._topics
        full, items_only = tk._blocks, self._items_only
        for blk in _RE_BLOCK.findall(text):
            words = full.get(blk)
            if words is None:
                words = items_only.get(blk)
            if words is None:
                if self._holds(blk):
                    words = full[blk] = tk._block_topics(blk)
                else:
                    words = items_only[blk] = tk._block_items(blk)
            out |= words
        return tk._items_in(text, out, tk._items_across)

    def _holds(self, s: str) -> bool:
        """Does `s` hold one of the focus words (or a synonym)?"""
        return self._words is not None and next(self._words.iter(s), None) is not None


def _automaton(table: Mapping[str, object]):
    """An Aho-Corasick automaton of the table's words, each to its value (found in one
    pass over a text); None for an empty table."""
    if not table:
        return None
    import ahocorasick
    auto = ahocorasick.Automaton()
    for word, value in table.items():
        auto.add_word(word, value)
    auto.make_automaton()
    return auto


def _item_terms(pack: Pack) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The terms that make a passage touch a rule item (an item's own terms, not its
    weak ones; not the structure, quality and meta items), each to the topics
    "#item id" it gives: those that lie within one block, and the others."""
    table: dict[str, set[str]] = {}
    for it in pack.items:
        if not it.id.startswith(("structure.", "quality.", "meta.")):
            for t in it.terms:
                table.setdefault(t, set()).add("#" + it.id)
    inside: dict[str, frozenset[str]] = {}
    across: dict[str, frozenset[str]] = {}
    for term, touched in table.items():
        (inside if _RE_BLOCK.fullmatch(term) else across)[term] = frozenset(touched)
    return inside, across


@functools.lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    """Words that name the same topic map to one key (data/domain_words.txt '=' lines)."""
    text = resources.files("lawcheck").joinpath("data/synonyms.txt").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        words = line.split()
        for w in words:
            out[w] = words[0]
    return out


def for_pack(pack: Pack) -> Topics:
    """The Topics of a pack, built once per pack (the word set is the same for every report)."""
    cached = pack.memo.get("topics")
    if cached is None:
        cached = pack.memo["topics"] = Topics(pack)
    return cached
