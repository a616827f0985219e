"""Match a citizen's free-text question to the office's knowledge base.

The knowledge base lives in ``locales/<lang>/faq.yaml``: each entry has a question, other
ways people ask it, an answer, related ids and the form it can start. The same ids exist
in every language, so one index covers all of them: a question typed in Chinese, English
or a mix is compared with every wording of every entry in every language, and the entry
is shown in the citizen's language.

Two signals, fused:

* **semantic**: the sentence encoder's cosine between the question and the entry's
  closest wording (paraphrase, dialect, other language);
* **lexical**: BM25 over character and word n-grams (``bot.domain.textfeat``) and the
  share of the question's n-gram information the entry's wordings contain (typos,
  rare words the encoder blurs).

How they are weighed and how sure the bot must be to answer at once were fitted on the
dev set (``citizen-bot train-faq``) and are kept in ``bot/domain/models/faq.json``: a
logistic ranking score per entry, then a calibrated probability that the best entry is
right, from its score and its lead over the runner-up. A clear question gets its answer;
choices only when that probability is middling (two entries close); "unknown" below.
Greetings and thanks are recognised the same way, from ``locales/<lang>/smalltalk.yaml``.

Until the encoder has loaded, the lexical signal alone decides with its own fitted weights.
"""

from __future__ import annotations

import json
import math
import threading
import zlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.domain.encoder import Encoder, encode_corpus, encoder
from bot.domain.linear_model import MODELS_DIR, LinearModel
from bot.domain.textfeat import ngrams, normalise

Outcome = Literal["answer", "choices", "unknown", "smalltalk"]
Action = Literal[
    "file:complaint",
    "file:appeal",
    "file:report",
    "file:compensation",
    "file:judicial_aid",
    "file:minor_protection",
    "file:suggestion",
    "wages",
    "hearings",
    "reception",
    "my_cases",
    "lookup",
]
Mode = Literal["full", "lexical"]

CHOICES_COUNT = 3
PARAMS_PATH = MODELS_DIR / "faq.json"
MODEL_PATH = MODELS_DIR / "faq.npz"
NONE = "none"  # the question model's label for "nothing in the knowledge base answers this"
DEFAULT_LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
# BM25 constants (the usual ones; wordings are short, so length matters little).
BM25_K1 = 1.2
BM25_B = 0.5
# Smalltalk is only recognised in short messages: a long one that says thanks asks more.
SMALLTALK_MAX_CHARS = 24


class FaqEntry(BaseModel):
    """One knowledge-base entry, as written in ``locales/<lang>/faq.yaml``."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    question: str = Field(min_length=1)
    variants: tuple[str, ...] = ()
    answer: str = Field(min_length=1)
    related: tuple[str, ...] = ()
    action: Action | None = None

    @field_validator("variants", "related", mode="before")
    @classmethod
    def _none_to_empty(cls, value: object) -> object:
        # YAML "variants:" with nothing after it loads as None.
        return () if value is None else value


class ScoredEntry(BaseModel):
    """An entry with the signals that ranked it."""

    model_config = ConfigDict(frozen=True)

    entry: FaqEntry
    score: float  # the fused ranking score (a logit: higher is better)
    semantic: float  # best cosine with one of the entry's wordings (0 in lexical mode)
    lexical: float  # BM25 relative to the best entry, 0..1
    coverage: float  # share of the question's n-gram information found in the entry, 0..1


class FaqMatch(BaseModel):
    """What the matcher concluded about one question.

    ``outcome`` is "answer" (one confident entry), "choices" (up to three plausible
    entries, best first), "unknown" (nothing fits) or "smalltalk" (a greeting or thanks:
    ``smalltalk`` names which). ``ranked`` always holds the best candidates with their
    signals; ``domain`` the calibrated probability that the knowledge base answers the
    question at all, ``confidence`` that the first entry is the right one.
    """

    model_config = ConfigDict(frozen=True)

    outcome: Outcome
    entries: tuple[FaqEntry, ...] = ()
    scores: tuple[float, ...] = ()
    ranked: tuple[ScoredEntry, ...] = ()
    confidence: float = 0.0
    domain: float = 0.0
    smalltalk: str | None = None

    @property
    def best(self) -> FaqEntry | None:
        """The first entry offered, or None when nothing is offered."""
        return self.entries[0] if self.entries else None


class ModeParams(BaseModel):
    """Fitted weights for one mode (with the encoder, or lexical only)."""

    rank_weights: tuple[float, ...]  # semantic, lexical, coverage, model probability, bias
    # Is the question one the knowledge base answers at all? From: top score, the model's
    # probability on the three best entries, its "none" probability, the closest "nothing
    # answers" example, the best cosine; bias.
    domain_weights: tuple[float, ...]
    # Is the best entry the right one? From: top score, lead over the runner-up; bias.
    confidence_weights: tuple[float, ...]
    domain_min: float  # below this "answerable" probability: unknown
    answer_min: float  # at or above this probability of being right: answered alone
    # Lead of the best entry over the runner-up (in score units) below which the two are
    # "really close": the citizen chooses from a short list instead.
    close_lead: float = 0.0
    smalltalk_min: float = 1.0  # cosine with a smalltalk example that makes a message smalltalk


class MatcherParams(BaseModel):
    """Everything ``train-faq`` fits, per mode."""

    full: ModeParams
    lexical: ModeParams

    @classmethod
    def load(cls, path: Path = PARAMS_PATH) -> MatcherParams:
        """The shipped parameters, or neutral ones when none were fitted yet."""
        if path.exists():
            return cls.model_validate(json.loads(path.read_text(encoding="utf-8")))
        neutral = ModeParams(
            rank_weights=(6.0, 2.0, 3.0, 2.0, -6.0),
            domain_weights=(1.0, 1.0, -2.0, -2.0, 1.0, 0.0),
            confidence_weights=(1.0, 1.0, 0.0),
            domain_min=0.3,
            answer_min=0.6,
            smalltalk_min=0.8,
        )
        return cls(full=neutral, lexical=neutral)

    def save(self, path: Path = PARAMS_PATH) -> None:
        """Write the parameters as JSON (reviewable in a diff)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.model_dump(), indent=2) + "\n", encoding="utf-8")


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


# Buckets of the lexical index's hashed n-grams: collisions are rare at this size and the
# index needs no dictionary of strings (tens of MB for thousands of wordings).
LEXICAL_BUCKETS = 1 << 18


def _gram_ids(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(bucket ids, counts) of the n-grams of ``text``."""
    grams = ngrams(normalise(text))
    if not grams:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    ids = np.fromiter(
        (zlib.crc32(g.encode()) % LEXICAL_BUCKETS for g in grams), np.int64, len(grams)
    )
    counts = np.fromiter(grams.values(), np.float32, len(grams))
    ids, inverse = np.unique(ids, return_inverse=True)
    return ids, np.bincount(inverse, weights=counts).astype(np.float32)


class _Lexical:
    """BM25 and idf-weighted coverage over hashed n-grams of every wording, per entry.

    Postings are one array sorted by bucket (compressed-row style): a few MB for thousands
    of wordings, shared by every language's index.
    """

    def __init__(self, texts: Sequence[str], owner: np.ndarray, entry_count: int) -> None:
        self.owner = owner
        self.entry_count = entry_count
        rows, ids, tfs = [], [], []
        for row, text in enumerate(texts):
            gid, tf = _gram_ids(text)
            rows.append(np.full(len(gid), row, np.int32))
            ids.append(gid)
            tfs.append(tf)
        doc = np.concatenate(rows) if rows else np.zeros(0, np.int32)
        gram = np.concatenate(ids) if ids else np.zeros(0, np.int64)
        tf = np.concatenate(tfs) if tfs else np.zeros(0, np.float32)
        self.lengths = np.bincount(doc, weights=tf, minlength=len(texts)).astype(np.float32)
        self.avg_len = float(self.lengths.mean()) if len(texts) else 1.0
        order = np.argsort(gram, kind="stable")
        self.doc, self.tf = doc[order], tf[order]
        df = np.bincount(gram, minlength=LEXICAL_BUCKETS)
        self.start = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        n = len(texts)
        self.idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        self.norm = (BM25_K1 * (1 - BM25_B + BM25_B * self.lengths / self.avg_len)).astype(
            np.float32
        )
        self.groups = entry_groups(owner)

    def scores(self, question: str) -> tuple[np.ndarray, np.ndarray]:
        """(BM25 of the best wording relative to the best entry, coverage) per entry."""
        gid, _ = _gram_ids(question)
        bm25 = np.zeros(len(self.lengths), np.float32)
        weights = self.idf[gid]
        total = float(weights.sum()) or 1.0
        spans = [(self.start[g], self.start[g + 1]) for g in gid.tolist()]
        docs_all, gram_all = [], []
        for position, (lo, hi) in enumerate(spans):
            if lo == hi:
                continue
            docs, tf = self.doc[lo:hi], self.tf[lo:hi]
            bm25[docs] += weights[position] * tf * (BM25_K1 + 1) / (tf + self.norm[docs])
            docs_all.append(docs)
            gram_all.append(np.full(len(docs), position, np.int64))
        coverage = np.zeros(self.entry_count)
        if docs_all:
            owners = self.owner[np.concatenate(docs_all)]
            grams = np.concatenate(gram_all)
            keep = owners >= 0
            # Each (query n-gram, entry) pair once: its weight counts for that entry.
            pairs = np.unique(grams[keep] * self.entry_count + owners[keep])
            coverage = np.bincount(
                pairs % self.entry_count,
                weights=weights[pairs // self.entry_count],
                minlength=self.entry_count,
            )
        per_entry = best_per_entry(bm25, self.groups, self.entry_count)
        top = float(per_entry.max()) if len(per_entry) else 0.0
        relative = per_entry / top if top > 0 else per_entry
        return relative, coverage / total


def entry_groups(owner: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows sorted by entry, where each entry's run starts, which entry each run is)."""
    known = np.flatnonzero(owner >= 0)
    order = known[np.argsort(owner[known], kind="stable")]
    entries, starts = np.unique(owner[order], return_index=True)
    return order, starts, entries


def best_per_entry(
    values: np.ndarray, groups: tuple[np.ndarray, np.ndarray, np.ndarray], count: int
) -> np.ndarray:
    """The highest value among each entry's rows (-1 for an entry without rows)."""
    order, starts, entries = groups
    out = np.full(count, -1.0)
    if len(order):
        out[entries] = np.maximum.reduceat(values[order], starts)
    return out


class Corpus:
    """Every wording of every entry in every language and every training example, once.

    Shared by the indexes of all languages (the ids are the same) and by the danger model,
    which reads these ordinary questions as its "no danger" examples: one matrix of vectors
    for all of them. ``owner[i]`` is the entry index of row i, -1 for "nothing answers".
    """

    def __init__(
        self,
        ids: Sequence[str],
        rows: Sequence[tuple[str, str]],
        smalltalk: dict[str, Sequence[str]],
    ) -> None:
        """``rows``: (text, entry id or NONE); ``ids``: the entries, in knowledge-base order."""
        position = {entry_id: i for i, entry_id in enumerate(ids)}
        self.texts = [t for t, _ in rows]
        self.owner = np.array([position.get(label, -1) for _, label in rows], dtype=np.int64)
        self.entry_count = len(ids)
        self.lexical = _Lexical(self.texts, self.owner, len(ids))
        self._none_rows = np.flatnonzero(self.owner < 0)
        self.smalltalk = [(kind, t) for kind, items in smalltalk.items() for t in items]
        self.vectors: np.ndarray | None = None
        self.small_vectors: np.ndarray | None = None
        self._lock = threading.Lock()
        self._preparing = False

    def prepare(self, enc: Encoder) -> None:
        """Encode every row once (kept on disk by the encoder, so a restart is quick)."""
        with self._lock:
            if self.vectors is None:
                self.small_vectors = encode_corpus(enc, [t for _, t in self.smalltalk] or ["-"])
                self.vectors = encode_corpus(enc, self.texts)

    def prepare_aside(self, enc: Encoder) -> None:
        """:meth:`prepare` in a thread, once."""
        if not self._preparing:
            self._preparing = True
            threading.Thread(target=self.prepare, args=(enc,), daemon=True).start()

    def semantic(self, query: np.ndarray) -> tuple[np.ndarray, float, np.ndarray]:
        """(best cosine per entry, best cosine with a "nothing answers" row, per smalltalk)."""
        assert self.vectors is not None and self.small_vectors is not None
        sims = self.vectors @ query
        per_entry = best_per_entry(sims, self.lexical.groups, self.entry_count)
        none = float(sims[self._none_rows].max()) if len(self._none_rows) else 0.0
        small = self.small_vectors @ query if self.smalltalk else np.zeros(0)
        return per_entry, none, small


class FaqIndex:
    """One language's entries over the shared corpus, ready to rank a question."""

    def __init__(
        self,
        entries: Sequence[FaqEntry],
        lang: str,
        corpus: Corpus | None = None,
        params: MatcherParams | None = None,
        model: LinearModel | None = None,
    ) -> None:
        """``entries`` in ``lang``; ``corpus`` defaults to these entries' own wordings."""
        self.entries = list(entries)
        self.lang = lang
        self._by_id = {e.id: e for e in self.entries}
        if len(self._by_id) != len(self.entries):
            raise ValueError("duplicate entry ids in the knowledge base")
        ids = [e.id for e in self.entries]
        self.corpus = corpus or Corpus(
            ids, [(t, e.id) for e in self.entries for t in (e.question, *e.variants)], {}
        )
        self.params = params or MatcherParams.load()
        self.model = model
        if model is not None:
            row = {label: i for i, label in enumerate(model.labels)}
            self._model_rows = np.array([row.get(i, -1) for i in ids])
            self._model_none = row.get(NONE, -1)

    @classmethod
    def from_yaml(cls, path: Path, lang: str) -> FaqIndex:
        """An index of one language's file alone (tests; the bot uses :func:`load_index`)."""
        return cls(_read_entries(path), lang)

    def get(self, entry_id: str) -> FaqEntry | None:
        """The entry with this id, or None."""
        return self._by_id.get(entry_id)

    def related(self, entry: FaqEntry) -> list[FaqEntry]:
        """The entries this one points to."""
        return [self._by_id[r] for r in entry.related if r in self._by_id]

    def prepare(self, enc: Encoder | None) -> None:
        """Encode the corpus now (the first question would otherwise wait for it)."""
        if enc is not None:
            self.corpus.prepare(enc)

    def signals(self, question: str, enc: Encoder | None) -> dict[str, np.ndarray]:
        """The raw signals per entry (and per smalltalk example) for ``question``."""
        lexical, coverage = self.corpus.lexical.scores(question)
        zeros = np.zeros(len(self.entries))
        sig = {"semantic": zeros, "smalltalk": np.zeros(0), "prob": zeros}
        sig |= {"p_none": np.zeros(1), "sem_none": np.zeros(1)}
        if enc is not None:
            self.corpus.prepare(enc)
            query = enc.encode([question])
            semantic, none, small = self.corpus.semantic(query[0])
            sig |= {"semantic": semantic, "smalltalk": small, "sem_none": np.array([none])}
            if self.model is not None:
                probs = self.model.probabilities(query, [question], np.zeros((1, 0), np.float32))[0]
                prob = np.zeros(len(self.entries))
                known = self._model_rows >= 0
                prob[known] = probs[self._model_rows[known]]
                sig["prob"] = prob
                if self._model_none >= 0:
                    sig["p_none"] = np.array([float(probs[self._model_none])])
        return sig | {"lexical": lexical, "coverage": coverage}

    @staticmethod
    def fuse(sig: dict[str, np.ndarray], weights: Sequence[float]) -> np.ndarray:
        """The ranking score per entry from its signals."""
        w_sem, w_lex, w_cov, w_prob, bias = weights
        return (
            w_sem * sig["semantic"]
            + w_lex * sig["lexical"]
            + w_cov * sig["coverage"]
            + w_prob * sig["prob"]
            + bias
        )

    @staticmethod
    def judge(
        sig: dict[str, np.ndarray], fused: np.ndarray, mode: ModeParams
    ) -> tuple[float, float]:
        """(probability the question is answerable here, probability the best entry is right).

        Two entries really close count as not sure, whatever the probability says.
        """
        order = np.argsort(-fused, kind="stable")
        top = float(fused[order[0]])
        lead = top - float(fused[order[1]]) if len(order) > 1 else 10.0
        mass = float(sig["prob"][order[:3]].sum())
        d = mode.domain_weights
        domain = _sigmoid(
            d[0] * top
            + d[1] * mass
            + d[2] * float(sig["p_none"][0])
            + d[3] * float(sig["sem_none"][0])
            + d[4] * float(sig["semantic"].max())
            + d[5]
        )
        c = mode.confidence_weights
        sure = _sigmoid(c[0] * top + c[1] * lead + c[2])
        return domain, (min(sure, mode.answer_min - 1e-6) if lead < mode.close_lead else sure)

    def rank(
        self, question: str, limit: int = CHOICES_COUNT, wait: bool = False
    ) -> list[ScoredEntry]:
        """The best ``limit`` entries for ``question`` with their signals, best first."""
        return list(self.match(question, wait=wait, limit=limit).ranked)

    def match(self, question: str, wait: bool = False, limit: int = CHOICES_COUNT) -> FaqMatch:
        """Answer, offer choices, admit not knowing, or recognise a greeting or thanks.

        ``wait`` waits for the encoder instead of deciding on the lexical signal alone.
        """
        if not any(ch.isalnum() for ch in question):
            return FaqMatch(outcome="unknown")
        enc = encoder(wait)
        if enc is not None and self.corpus.vectors is None and not wait:
            # Encoding the corpus takes seconds: do it aside, answer lexically meanwhile.
            self.corpus.prepare_aside(enc)
            enc = None
        mode = self.params.full if enc is not None else self.params.lexical
        sig = self.signals(question, enc)
        fused = self.fuse(sig, mode.rank_weights)
        order = np.argsort(-fused, kind="stable")[: max(limit, 2)]
        ranked = tuple(
            ScoredEntry(
                entry=self.entries[i],
                score=round(float(fused[i]), 4),
                semantic=round(float(sig["semantic"][i]), 4),
                lexical=round(float(sig["lexical"][i]), 4),
                coverage=round(float(sig["coverage"][i]), 4),
            )
            for i in order
        )
        domain, confidence = self.judge(sig, fused, mode)
        small = sig["smalltalk"]
        if (
            len(small)
            and len(question.strip()) <= SMALLTALK_MAX_CHARS
            and float(small.max()) >= mode.smalltalk_min
            and float(small.max()) > float(sig["semantic"].max())
        ):
            kind = self.corpus.smalltalk[int(np.argmax(small))][0]
            return FaqMatch(outcome="smalltalk", smalltalk=kind, ranked=ranked[:limit])
        if domain < mode.domain_min:
            return FaqMatch(
                outcome="unknown", ranked=ranked[:limit], confidence=confidence, domain=domain
            )
        if confidence >= mode.answer_min:
            best = ranked[0]
            return FaqMatch(
                outcome="answer",
                entries=(best.entry,),
                scores=(best.score,),
                ranked=ranked[:limit],
                confidence=confidence,
                domain=domain,
            )
        offered = ranked[:CHOICES_COUNT]
        return FaqMatch(
            outcome="choices",
            entries=tuple(r.entry for r in offered),
            scores=tuple(r.score for r in offered),
            ranked=ranked[:limit],
            confidence=confidence,
            domain=domain,
        )


def _read_entries(path: Path) -> list[FaqEntry]:
    with path.open(encoding="utf-8") as fh:
        return [FaqEntry.model_validate(item) for item in yaml.safe_load(fh)]


def _read_smalltalk(path: Path) -> dict[str, list[str]]:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(kind): [str(t) for t in items] for kind, items in data.items()}


def read_examples(locales_dir: Path) -> list[tuple[str, str]]:
    """Every language's training examples as (text, entry id or NONE)."""
    pairs: list[tuple[str, str]] = []
    for path in sorted(Path(locales_dir).glob("*/faq_examples.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        pairs += [(str(x["text"]), str(x["id"] or NONE)) for x in data.get("examples") or []]
    return pairs


def all_wordings(locales_dir: Path) -> list[tuple[str, str]]:
    """Every wording of every entry in every language, as (text, entry id)."""
    pairs: list[tuple[str, str]] = []
    for path in sorted(Path(locales_dir).glob("*/faq.yaml")):
        for entry in _read_entries(path):
            pairs += [(t, entry.id) for t in (entry.question, *entry.variants)]
    return pairs


@lru_cache(maxsize=4)
def load_corpus(locales_dir: str) -> Corpus:
    """The corpus of every language under ``locales_dir`` (built once per process)."""
    root = Path(locales_dir)
    ids = [e.id for e in _read_entries(root / "en" / "faq.yaml")] if (root / "en").exists() else []
    if not ids:
        ids = [e.id for e in _read_entries(next(root.glob("*/faq.yaml")))]
    smalltalk: dict[str, list[str]] = {}
    for path in sorted(root.glob("*/smalltalk.yaml")):
        for kind, items in _read_smalltalk(path).items():
            smalltalk.setdefault(kind, []).extend(items)
    return Corpus(ids, [*all_wordings(root), *read_examples(root)], smalltalk)


@lru_cache(maxsize=8)
def _load_cached(locales_dir: str, lang: str) -> FaqIndex:
    entries = _read_entries(Path(locales_dir) / lang / "faq.yaml")
    model = LinearModel.load(MODEL_PATH) if MODEL_PATH.exists() else None
    return FaqIndex(entries, lang, load_corpus(locales_dir), model=model)


def load_index(locales_dir: Path, lang: str) -> FaqIndex:
    """The index for ``lang`` over every language under ``locales_dir``, built once and cached."""
    return _load_cached(str(Path(locales_dir).resolve()), lang)
