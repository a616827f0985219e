"""Classifiers over meaning and words: the question model (linear) and the danger model (MLP).

The question model is a multinomial logistic regression; the danger model a one-hidden-layer
network, because "someone collapsed" must count for less next to "in the game" and a linear
model cannot weigh one input by another. Their inputs, for a message or a piece of one:

* the sentence encoder's vector (what the message means, in any wording or language);
* hashed character and word n-grams (dialect words, slang, typos the encoder has not seen);
* optional extra features (for danger: context cues from ``locales/*/triage.yaml`` (now /
  past / hypothetical / news / legal / question / negation / hyperbole), so the same words
  in another time or sense weigh less, and which rule categories fired).

The weights are trained from labelled examples under ``locales/`` by ``citizen-bot train``
(``bot/training.py``) and shipped in ``bot/domain/models/``; nothing is trained or
downloaded at run time. For danger, a long message is judged whole and piece by piece, and
its danger is the highest of those, so the point at the end of a story is not lost.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.domain.textfeat import HASH_DIM, hashed, pieces

MODELS_DIR = Path(__file__).resolve().parent / "models"
MODEL_PATH = MODELS_DIR / "danger.npz"
# At most this many pieces of one message are judged (the whole message is judged too).
MAX_PIECES = 16
# Messages longer than this (characters) are also judged piece by piece.
LONG_MESSAGE = 160


@dataclass(frozen=True)
class Assessment:
    """How likely a message signals danger now, and of which kind."""

    score: float  # probability of some danger, 0..1 (the highest over the message's pieces)
    kind: str  # the most likely kind of danger in the piece that scored highest
    piece: str  # that piece (the whole message when it was the whole)


class LinearModel:
    """Weights of a classifier and the decision threshold tuned on the dev set."""

    def __init__(
        self,
        labels: Sequence[str],
        w_dense: np.ndarray,
        w_hash: np.ndarray,
        w_extra: np.ndarray,
        bias: np.ndarray,
        threshold: float,
        fingerprint: str,
    ) -> None:
        """Weight rows follow ``labels``; ``w_extra`` may have no columns."""
        self.labels = tuple(labels)
        self.w_dense = w_dense.astype(np.float32)
        # float16 in memory too: the n-gram block is the big one, and only ~100 of its
        # columns are read per message (converted as they are read).
        self.w_hash = w_hash.astype(np.float16)
        self.w_extra = w_extra.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.threshold = float(threshold)
        self.fingerprint = fingerprint

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> LinearModel:
        """Read the shipped weights."""
        return cls(**_read(path, ("w_dense", "w_hash", "w_extra", "bias")))

    def save(self, path: Path = MODEL_PATH) -> None:
        """Write the weights (float16: a third of the size, no measurable loss)."""
        _write(
            path,
            self,
            w_dense=self.w_dense.astype(np.float16),
            w_hash=self.w_hash.astype(np.float16),
            w_extra=self.w_extra.astype(np.float16),
            bias=self.bias,
        )

    def probabilities(
        self, dense: np.ndarray, texts: Sequence[str], extra: np.ndarray
    ) -> np.ndarray:
        """Class probabilities, one row per text (``dense`` and ``extra`` row-aligned)."""
        logits = dense @ self.w_dense.T + extra @ self.w_extra.T + self.bias
        if self.w_hash.shape[1]:  # a model may do without the n-gram block
            for row, text in enumerate(texts):
                idx, val = hashed(text)
                if len(idx):
                    logits[row] += self.w_hash[:, idx].astype(np.float32) @ val
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


class MlpModel:
    """One hidden layer (ReLU) over [encoder | extra features], then a softmax: the danger
    model, which must weigh content against context (a collapse now, or one in a game)."""

    def __init__(
        self,
        labels: Sequence[str],
        w1: np.ndarray,
        b1: np.ndarray,
        w2: np.ndarray,
        b2: np.ndarray,
        threshold: float,
        fingerprint: str,
    ) -> None:
        """``w1``: inputs x hidden, ``w2``: hidden x labels."""
        self.labels = tuple(labels)
        self.w1, self.b1 = w1.astype(np.float32), b1.astype(np.float32)
        self.w2, self.b2 = w2.astype(np.float32), b2.astype(np.float32)
        self.threshold = float(threshold)
        self.fingerprint = fingerprint

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> MlpModel:
        """Read the shipped weights."""
        return cls(**_read(path, ("w1", "b1", "w2", "b2")))

    def save(self, path: Path = MODEL_PATH) -> None:
        """Write the weights."""
        _write(path, self, w1=self.w1.astype(np.float16), b1=self.b1, w2=self.w2, b2=self.b2)

    def probabilities(
        self, dense: np.ndarray, texts: Sequence[str], extra: np.ndarray
    ) -> np.ndarray:
        """Class probabilities, one row per input (``texts`` unused: no n-gram block)."""
        del texts
        hidden = np.maximum(np.hstack([dense, extra]) @ self.w1 + self.b1, 0.0)
        logits = hidden @ self.w2 + self.b2
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


def _read(path: Path, arrays: Sequence[str]) -> dict[str, Any]:
    """A model file's labels, threshold, fingerprint and the named weight arrays."""
    with np.load(path, allow_pickle=False) as data:
        return {
            "labels": [str(x) for x in data["labels"]],
            "threshold": float(data["threshold"]),
            "fingerprint": str(data["fingerprint"]),
            **{name: data[name] for name in arrays},
        }


def _write(path: Path, model: LinearModel | MlpModel, **arrays: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        labels=np.array(model.labels),
        threshold=np.float32(model.threshold),
        fingerprint=np.array(model.fingerprint),
        **arrays,
    )


def segments(text: str) -> list[str]:
    """The whole message, then, for a long one, its pieces (the last ones kept).

    Short messages are judged whole only: cut at a comma, "新闻里说，有人跳楼了" loses
    the words that make it news (the dev set's false alarms doubled with pieces).
    """
    if len(text) <= LONG_MESSAGE:
        return [text]
    parts = pieces(text)
    if len(parts) <= 1:
        return [text]
    return [text, *parts[-MAX_PIECES:]]


def fingerprint(examples: Sequence[tuple[str, str]]) -> str:
    """A short digest of the training examples, so shipped weights can be checked as current."""
    digest = hashlib.sha256()
    for text, label in examples:
        digest.update(f"{label}\t{text}\n".encode())
    return digest.hexdigest()[:16]


def hash_matrix_size() -> int:
    """Width of the hashed n-gram block (kept here so training and use agree)."""
    return HASH_DIM
