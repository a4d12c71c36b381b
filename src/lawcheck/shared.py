"""Passages shared across the submissions of one batch (`lawcheck batch`).

A passage is a sentence of 30 characters or more (passages.py: normalised, stock phrases
out; figures kept, so two issuers' sentences of one pattern with their own figures differ). Two passages are the same when their character-trigram sets are
near: MinHash signatures (datasketch, over character bigrams) with locality-sensitive banding
find the candidates, so a passage edited lightly (a place name swapped, a word added) is still
found where an exact hash would miss it.

Memory stays small and flat in the texts: a worker turns each report into a compact
`Signature` (per passage: line, length, BANDS 32-bit band keys and the low byte of each
of the NUM_PERM MinHash values, 122 bytes in all), the parent appends it to flat arrays
(`Index.add`) and keeps no text at all.
`Index.solve()` then finds, band by band with numpy sorts, the passages whose band keys
agree, keeps the pairs whose b-bit signatures estimate a Jaccard of at least
MIN_JACCARD, and joins them into clusters (scipy's connected components). A cluster that
spans two or more submissions is shared. The texts of the shared passages are read again
from their files at the end (`texts_of`), only for the reports that have any.
"""
from __future__ import annotations

import functools
import zlib
from array import array
from dataclasses import dataclass

from .passages import passages, shingles

MIN_CHARS = 30          # a shared passage has at least this many characters (its key)
NUM_PERM = 64           # MinHash permutations (all feed the b-bit check; the first BANDS×ROWS the bands)
BANDS, ROWS = 12, 3     # LSH banding: 12 bands of 3 rows (candidates from J ≈ 0.45 up)
MIN_JACCARD = 0.7       # a candidate pair is kept when its estimated Jaccard is this or more
SEED = 20240601
SHINGLE = 2              # character bigrams (most Chinese words are two characters)
ALSO_IN_MAX = 20        # names listed per shared passage (also_in_count gives them all)


@functools.lru_cache(maxsize=1)
def _base():
    import numpy as np
    from datasketch import MinHash
    base = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)
    return MinHash, base, np


@dataclass
class Signature:
    """What a worker sends back about one report: a few bytes per passage."""
    chars: int
    lines: bytes         # uint32 per passage
    lens: bytes          # uint16 per passage (characters of the sentence)
    bands: bytes         # BANDS uint32 per passage
    bits: bytes          # NUM_PERM uint8 per passage (low byte of each MinHash value)

    @property
    def count(self) -> int:
        return len(self.lines) // 4


def signature(lines: list[str], chars: int) -> Signature:
    """The signature of a report's text lines (see module docstring)."""
    MinHash, base, np = _base()
    ps = passages(lines, MIN_CHARS, fold_digits=False)
    n = len(ps)
    hv = np.empty((n, NUM_PERM), dtype=np.uint64)
    for i, p in enumerate(ps):
        m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=base.permutations,
                    scheme=base.scheme, hashfunc=zlib.crc32)
        m.update_batch([s.encode("utf-8") for s in sorted(shingles(p.key, SHINGLE))])
        hv[i] = m.hashvalues
    hv = hv.astype(np.uint32)
    rows = hv[:, :BANDS * ROWS].reshape(n, BANDS, ROWS).astype(np.uint64)
    mixed = np.zeros((n, BANDS), dtype=np.uint64)
    for r in range(ROWS):      # FNV-style mix of a band's rows into one 32-bit key
        mixed = ((mixed ^ rows[:, :, r]) * np.uint64(0x100000001B3)) & np.uint64(0xFFFFFFFF)
    return Signature(chars=chars,
                     lines=np.array([p.line for p in ps], dtype=np.uint32).tobytes(),
                     lens=np.array([min(len(p.text), 65535) for p in ps], dtype=np.uint16).tobytes(),
                     bands=mixed.astype(np.uint32).tobytes(),
                     bits=(hv & 0xFF).astype(np.uint8).tobytes())


def texts_of(lines: list[str], ordinals: list[int]) -> list[tuple[int, str]]:
    """(line, text) of the passages at `ordinals` (as counted by `signature`)."""
    ps = passages(lines, MIN_CHARS, fold_digits=False)
    return [(ps[i].line, ps[i].text) for i in ordinals if i < len(ps)]


@dataclass
class Found:
    """The shared passages of one report: ordinals into its passages, their lines, the
    cluster of each, and the shared share of its characters."""
    ordinals: list[int]
    lines: list[int]
    clusters: list[int]
    share: float


class Index:
    """The parent's index of every report's signature: flat arrays, no text."""

    def __init__(self) -> None:
        self.doc = array("I")
        self.line = array("I")
        self.length = array("H")
        self.bands = bytearray()
        self.bits = bytearray()
        self.chars = array("Q")
        self.start = array("Q", [0])      # first passage of each report
        self._solved = None

    def add(self, sig: Signature | None) -> int:
        """Add the next report's signature (None for an unreadable file); its doc id."""
        d = len(self.chars)
        if sig is None:
            self.chars.append(0)
        else:
            n = sig.count
            self.chars.append(sig.chars)
            self.doc.extend([d] * n)
            self.line.frombytes(sig.lines)
            self.length.frombytes(sig.lens)
            self.bands += sig.bands
            self.bits += sig.bits
        self.start.append(len(self.line))
        return d

    @property
    def nbytes(self) -> int:
        return (len(self.doc) * 4 + len(self.line) * 4 + len(self.length) * 2 + len(self.bands)
                + len(self.bits) + len(self.chars) * 8 + len(self.start) * 8)

    def solve(self) -> None:
        """Cluster the passages; afterwards `found(d)` and `members(c)` answer.

        Band by band: sort the band keys (ties by report), take each pair of neighbours
        with equal keys, keep it when the b-bit signatures agree (checked in blocks, so
        the temporaries stay small), and merge the clusters at once (connected components
        of the pairs between current cluster labels), so no edge list is kept across
        bands."""
        import numpy as np
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components
        n = len(self.line)
        self._cluster = np.full(n, -1, dtype=np.int64)
        self._cl_docs: dict[int, np.ndarray] = {}
        if n == 0:
            return
        docs = np.frombuffer(self.doc, dtype=np.uint32)
        bands = np.frombuffer(self.bands, dtype=np.uint32).reshape(n, BANDS)
        bits = np.frombuffer(self.bits, dtype=np.uint8).reshape(n, NUM_PERM)
        need = MIN_JACCARD + (1 - MIN_JACCARD) / 256.0     # b-bit: P(equal) = J + (1-J)/256
        labels = np.arange(n, dtype=np.int32)
        block = 1 << 16
        for b in range(BANDS):
            order = np.lexsort((docs, bands[:, b]))
            keys = bands[order, b]
            same = np.flatnonzero(keys[1:] == keys[:-1])
            del keys
            kept_a, kept_c = [], []
            for lo in range(0, same.size, block):
                part = same[lo:lo + block]
                a, c = order[part], order[part + 1]
                a, c = a[labels[a] != labels[c]], c[labels[a] != labels[c]]
                ok = (bits[a] == bits[c]).sum(axis=1) >= need * NUM_PERM
                kept_a.append(labels[a[ok]])
                kept_c.append(labels[c[ok]])
            del order, same
            if not kept_a:
                continue
            s, t = np.concatenate(kept_a), np.concatenate(kept_c)
            if not s.size:
                continue
            g = coo_matrix((np.ones(s.size, dtype=np.int8), (s, t)), shape=(n, n)).tocsr()
            _, merged = connected_components(g, directed=False)
            labels = merged[labels].astype(np.int32)
            del g, s, t
        # clusters spanning two or more reports
        order = np.lexsort((docs, labels))
        lab_sorted, doc_sorted = labels[order], docs[order]
        bounds = np.flatnonzero(np.diff(lab_sorted)) + 1
        starts = np.concatenate(([0], bounds))
        ends = np.concatenate((bounds, [n]))
        multi = np.flatnonzero(doc_sorted[starts] != doc_sorted[ends - 1])   # ≥ 2 reports
        for k in multi:
            st, en = starts[k], ends[k]
            lab = int(lab_sorted[st])
            self._cl_docs[lab] = np.unique(doc_sorted[st:en])
            self._cluster[order[st:en]] = lab
        del docs, bands, bits          # release the buffers of the flat arrays

    def found(self, d: int) -> Found | None:
        """The shared passages of report `d` (None when it has none)."""
        lo, hi = self.start[d], self.start[d + 1]
        if lo == hi:
            return None
        cl = self._cluster[lo:hi]
        idx = [i for i in range(hi - lo) if cl[i] >= 0]
        if not idx:
            return None
        chars = sum(self.length[lo + i] for i in idx)
        total = self.chars[d] or 1
        return Found(ordinals=idx, lines=[self.line[lo + i] for i in idx],
                     clusters=[int(cl[i]) for i in idx], share=round(min(1.0, chars / total), 3))

    def members(self, cluster: int):
        """The reports (doc ids, sorted, a numpy array) holding a passage of `cluster`."""
        import numpy as np
        return self._cl_docs.get(cluster, np.zeros(0, dtype=np.uint32))

    def clusters(self) -> dict[int, list[int]]:
        return {c: [int(x) for x in ds] for c, ds in self._cl_docs.items()}
