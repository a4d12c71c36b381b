"""Topic words of a passage, for matching shortcomings with plans.

jieba segments the text with its own `Tokenizer` whose dictionary is built in memory
from the rule pack's terms plus a small domain word list (data/domain_words.txt), not
jieba's 20 MB default dictionary: initialising costs about a millisecond instead of
~0.6 s, and the words that matter here are exactly the domain's. jieba's HMM handles
the words outside the dictionary. Loaded lazily, once per process, quietly.
"""
from __future__ import annotations

import functools
import io
import logging
import re
from importlib import resources

from .rules import Pack

_STOP = set("""
法治 法治政府 建设 工作 加强 提升 提高 推进 推动 进一步 不断 持续 切实 着力 扎实 深入 全面 有待 不够
水平 能力 效能 质效 实效 机制 制度 体系 相关 各项 我镇 我县 我市 我区 我局 全镇 全县 全市 全区 部分 方面 问题
存在 不足 仍需 还需 需要 有效 积极 强化 完善 健全 落实 开展 确保 坚持 努力 全力 做好 抓好 重点 主要 方式 形式
情况 发挥 作用 一是 二是 三是 四是 五是 同时 以及 进行 实现 形成 取得 工作人员 相对 较为 比较 依法 行政 政府
服务 管理 质量 效率 力度 部署 要求 任务 措施 举措 项目 事项 全面 有关 相关 各类 政务 治理能力
""".split())
# Words too common in these reports to link a problem to a plan on their own; they
# count only together with another shared topic.
GENERIC = frozenset({"执法", "规范"})
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
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    buf = io.BytesIO("".join(f"{w} 1000\n" for w in words).encode("utf-8"))
    buf.name = "<lawcheck domain words>"
    tk.FREQ, tk.total = tk.gen_pfdict(buf)
    tk.initialized = True          # never read jieba's big dictionary or its disk cache
    return tk


@functools.lru_cache(maxsize=1)
def _domain_words() -> tuple[str, ...]:
    text = resources.files("lawcheck").joinpath("data/domain_words.txt").read_text(encoding="utf-8")
    return tuple(w.strip() for w in text.split() if w.strip() and not w.startswith("#"))


class Topics:
    """Maps a passage to its set of topic words (content words + rule items touched)."""

    def __init__(self, pack: Pack) -> None:
        words = set(_domain_words()) | set(_synonyms())
        for it in pack.items:
            words.update(t for t in it.terms if len(t) >= 2)
        self._tk = _tokenizer(tuple(sorted(words)))
        self._pack = pack
        self._syn = _synonyms()

    def of(self, text: str) -> set[str]:
        out: set[str] = set()
        for w in self._tk.cut(text, HMM=True):
            if _CJK_WORD.match(w) and w not in _STOP:
                out.add(self._syn.get(w, w))
        auto = self._pack.automaton
        if auto is not None:
            for _, (term, owners) in auto.iter(text):
                for item_id, kind in owners:
                    if kind == "term" and not item_id.startswith(("structure.", "quality.", "meta.")):
                        out.add("#" + item_id)
        return out


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
    cached = pack.__dict__.get("_topics")
    if cached is None:
        cached = pack.__dict__["_topics"] = Topics(pack)
    return cached
