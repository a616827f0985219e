"""Surface features of a message: normalised text, hashed character and word n-grams, pieces.

Shared by the danger detector and the question matcher. Traditional characters are folded
to simplified ones (OpenCC), so 樓道裡全是黑煙 and 楼道里全是黑烟 share every piece; Chinese
is read as overlapping characters (no dictionary to miss dialect or typos), Latin script as
words plus the letter trigrams inside them (a typo still shares most trigrams).
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter
from functools import lru_cache
from itertools import pairwise

import numpy as np
import opencc

# Size of the hashed feature space: big enough that the few thousand n-grams of the
# training messages rarely collide, small enough to ship as a dense matrix.
HASH_DIM = 1 << 14

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_LATIN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Where a message splits into pieces: sentence ends, commas, line breaks.
_PIECE_SPLIT = re.compile(r"[。！？!?\n；;，,…~～]+|(?<=[a-z])\.\s+|\s{2,}")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_to_simplified = opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Width-folded (NFKC), lower-cased, simplified-Chinese form of ``text``."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return _to_simplified.convert(folded) if _CJK.search(folded) else folded


def _hash(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) % HASH_DIM


def ngrams(text: str) -> Counter[str]:
    """The n-grams of a normalised text: CJK 1-3 character grams, Latin words, bigrams, trigrams."""
    grams: Counter[str] = Counter()
    for run in _CJK_RUN.findall(text):
        for n in (1, 2, 3):
            grams.update("c" + run[i : i + n] for i in range(len(run) - n + 1))
    words = _LATIN_WORD.findall(text)
    grams.update("w" + w for w in words)
    grams.update("b" + a + " " + b for a, b in pairwise(words))
    for word in words:
        padded = f"<{word}>"
        grams.update("t" + padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def hashed(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Hashed n-gram features of ``text``: (indices, values), values L2-normalised, log-scaled."""
    counts: Counter[int] = Counter()
    for gram, count in ngrams(normalise(text)).items():
        counts[_hash(gram)] += count
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    val = np.log1p(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
    val /= float(np.linalg.norm(val)) or 1.0
    return idx, val


def pieces(text: str, max_len: int = 80) -> list[str]:
    """A message split where the writer paused, long unpunctuated runs cut into windows.

    A long story with the point at the end is judged piece by piece as well as whole, so
    one sentence of danger is not averaged away by ten sentences about something else.
    """
    out: list[str] = []
    for part in _PIECE_SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        while len(part) > max_len:
            cut = part.rfind(" ", max_len // 2, max_len)
            cut = cut if cut > 0 else max_len
            out.append(part[:cut].strip())
            part = part[cut:].strip()
        if part:
            out.append(part)
    return out
