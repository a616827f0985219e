"""Spot messages that signal danger now, so the bot shows emergency hotlines first.

Patterns are data (``locales/<lang>/triage.yaml``), one file per language, and every
message is checked against all languages' patterns, because people mix languages.
A hit is suppressed when the words just before it negate it ("我不会自杀", "no one is
hitting me"), or when its sentence is about the past or about legal proceedings
("去年打架的案子判得不公", "appeal my assault conviction") and nothing in that sentence
says it is happening now. Each category chooses which guards apply: self-harm is
never silenced by past or legal context, because "判得不公，我不想活了" is still danger.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict

from bot.domain.encoder import Encoder, encode_corpus, encoder, start_loading
from bot.domain.encoder import _ready as _encoder_ready
from bot.domain.linear_model import MODEL_PATH, Assessment, MlpModel, segments

# The kinds of danger now (DOMAIN.md). The rules name four; the model knows all of them.
DangerCategory = Literal[
    "violence_now",
    "threat",
    "self_harm",
    "child_harm",
    "person_held",
    "sexual_assault",
    "stalking",
    "workplace_accident",
    "fire_gas_flood",
    "collapsed",
]
DANGER_KINDS: tuple[DangerCategory, ...] = get_args(DangerCategory)
GuardName = Literal["negation", "past", "legal"]

# The numbers that fit each kind, most useful first (DOMAIN.md's hotlines).
KIND_HOTLINES: dict[DangerCategory, tuple[str, ...]] = {
    "violence_now": ("110", "120", "12338"),
    "threat": ("110",),
    "self_harm": ("12356", "120", "110"),
    "child_harm": ("110", "12355", "120"),
    "person_held": ("110",),
    "sexual_assault": ("110", "120", "12338"),
    "stalking": ("110",),
    "workplace_accident": ("120", "119"),
    "fire_gas_flood": ("119", "120", "110"),
    "collapsed": ("120",),
}

# Order of checking: the most specific / most urgent category wins when several match.
CATEGORY_ORDER: tuple[DangerCategory, ...] = ("self_harm", "child_harm", "violence_now", "threat")
RuleCategory = Literal["self_harm", "child_harm", "violence_now", "threat"]
# How much text before a hit the negation guard looks at (covers "我不会" / "I'm not going to").
NEGATION_WINDOW = 24
# Sentence boundaries: past/legal context only counts within the same sentence as the hit.
_SENTENCE_SPLIT = re.compile(r"[。！？!?\n；;]+|(?<=[.])\s+")
# Clause boundaries: "happening now" markers must sit in the hit's own clause.
_CLAUSE_SPLIT = re.compile(r"[。！？!?\n；;，,、]+|(?<=[.])\s+|\s+(?:but|and|although|though)\s+")

DEFAULT_LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"


class DangerSignal(BaseModel):
    """A detected danger: which kind, the text that matched and the hotlines to show."""

    model_config = ConfigDict(frozen=True)

    category: DangerCategory
    matched: str
    pattern: str  # the rule's regular expression, or "model"
    hotlines: tuple[str, ...]
    score: float = 1.0  # the model's probability of danger (1.0 for a rule hit)

    @property
    def sure(self) -> bool:
        """Danger beyond doubt: the hotlines stand alone. Below this the message also gets
        the answer it asked for, since most false alarms are ordinary questions."""
        return self.score >= SURE_DANGER


class _Rule(BaseModel):
    pattern: str
    guards: tuple[GuardName, ...] | None = None


class _Category(BaseModel):
    guards: tuple[GuardName, ...] = ()
    patterns: tuple[str | _Rule, ...]


class _Guards(BaseModel):
    negation_before: tuple[str, ...] = ()
    past: tuple[str, ...] = ()
    legal: tuple[str, ...] = ()
    override: tuple[str, ...] = ()


class _RuleFile(BaseModel):
    guards: _Guards
    categories: dict[RuleCategory, _Category]
    cues: dict[str, tuple[str, ...]] = {}
    minor_terms: tuple[str, ...] = ()


class _CompiledCategory:
    def __init__(self, name: DangerCategory, spec: _Category) -> None:
        self.name = name
        # Each rule keeps its own guard set; plain strings use the category's.
        self.rules: list[tuple[re.Pattern[str], frozenset[GuardName]]] = []
        for item in spec.patterns:
            rule = item if isinstance(item, _Rule) else _Rule(pattern=item)
            guards = spec.guards if rule.guards is None else rule.guards
            self.rules.append((re.compile(rule.pattern, re.IGNORECASE), frozenset(guards)))


class TriageRules:
    """Compiled danger rules from one or more languages' triage files."""

    def __init__(self, files: list[_RuleFile]) -> None:
        """Merge and compile the given rule files."""

        def compile_all(patterns: list[str]) -> re.Pattern[str] | None:
            # One alternation per guard kind keeps matching a single regex pass.
            return (
                re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
                if patterns
                else None
            )

        self._negation = compile_all([p for f in files for p in f.guards.negation_before])
        self._past = compile_all([p for f in files for p in f.guards.past])
        self._legal = compile_all([p for f in files for p in f.guards.legal])
        self._override = compile_all([p for f in files for p in f.guards.override])
        self._minor = compile_all([p for f in files for p in f.minor_terms])
        cue_names = sorted({name for f in files for name in f.cues})
        self.cue_names: tuple[str, ...] = tuple(cue_names)
        self._cues = [
            compile_all([p for f in files for p in f.cues.get(name, ())]) for name in cue_names
        ]
        self._categories: list[_CompiledCategory] = []
        for name in CATEGORY_ORDER:
            specs = [f.categories[name] for f in files if name in f.categories]
            if not specs:
                continue
            merged = _Category(
                guards=tuple(dict.fromkeys(g for s in specs for g in s.guards)),
                patterns=tuple(p for s in specs for p in s.patterns),
            )
            self._categories.append(_CompiledCategory(name, merged))

    @classmethod
    def from_dir(cls, locales_dir: Path) -> TriageRules:
        """Load every ``<lang>/triage.yaml`` under ``locales_dir``."""
        files = []
        for path in sorted(Path(locales_dir).glob("*/triage.yaml")):
            with path.open(encoding="utf-8") as fh:
                files.append(_RuleFile.model_validate(yaml.safe_load(fh)))
        if not files:
            raise FileNotFoundError(f"no triage.yaml under {locales_dir}")
        return cls(files)

    def _suppressed(self, guards: frozenset[GuardName], text: str, hit: re.Match[str]) -> bool:
        """True when a guard says this hit is negated, past or legal talk."""
        if "negation" in guards and self._negation is not None:
            before = text[max(0, hit.start() - NEGATION_WINDOW) : hit.start()]
            if self._negation.search(before):
                return True
        sentence = _span_around(text, hit.start(), hit.end(), _SENTENCE_SPLIT)
        contextual = ("past" in guards and self._past and self._past.search(sentence)) or (
            "legal" in guards and self._legal and self._legal.search(sentence)
        )
        if not contextual:
            return False
        # "Happening now" only rescues the hit when it is said in the hit's own clause.
        clause = _span_around(text, hit.start(), hit.end(), _CLAUSE_SPLIT)
        return not (self._override and self._override.search(clause))

    def detect(self, text: str) -> DangerSignal | None:
        """The first unsuppressed danger hit in ``text``, or None."""
        text = text.strip()
        if not text:
            return None
        for category in self._categories:
            for pattern, guards in category.rules:
                for hit in pattern.finditer(text):
                    if not self._suppressed(guards, text, hit):
                        return DangerSignal(
                            category=category.name,
                            matched=hit.group(0),
                            pattern=pattern.pattern,
                            hotlines=KIND_HOTLINES[category.name],
                        )
        return None

    def rule_kinds(self, text: str) -> set[DangerCategory]:
        """Every category whose rules hit ``text`` unsuppressed (inputs of the model)."""
        text = text.strip()
        found: set[DangerCategory] = set()
        for category in self._categories:
            for pattern, guards in category.rules:
                if any(not self._suppressed(guards, text, h) for h in pattern.finditer(text)):
                    found.add(category.name)
                    break
        return found

    def cues(self, text: str) -> list[float]:
        """1.0 for each context cue (now, past, hypothetical...) present in ``text``."""
        return [1.0 if (c is not None and c.search(text)) else 0.0 for c in self._cues]

    def mentions_minor(self, text: str) -> bool:
        """True when the text talks about a child or a minor."""
        return bool(self._minor and self._minor.search(text))


def _span_around(text: str, start: int, end: int, boundaries: re.Pattern[str]) -> str:
    """The piece of ``text`` between the boundaries enclosing the span [start, end)."""
    left = 0
    for boundary in boundaries.finditer(text, 0, start):
        left = boundary.end()
    right_match = boundaries.search(text, end)
    right = right_match.start() if right_match else len(text)
    return text[left:right]


def load_rules(locales_dir: Path = DEFAULT_LOCALES_DIR) -> TriageRules:
    """All languages' triage rules under ``locales_dir``, compiled once and cached."""
    return _load_rules(str(Path(locales_dir).resolve()))


@lru_cache(maxsize=4)
def _load_rules(locales_dir: str) -> TriageRules:
    return TriageRules.from_dir(Path(locales_dir))


# At or above this probability the hotlines are the whole reply (on the calibration sets, 1.2 %
# of hard non-emergencies reach it, 94 % of emergencies).
SURE_DANGER = 0.5
# How many nearest examples of each kind are averaged into that kind's similarity.
NEAREST = 3


class ExampleMemory:
    """Labelled example messages as vectors: how close a message is to each kind's examples.

    The nearest examples of each kind are a strong, non-linear cue the model alone does not
    form ("like these three emergencies, unlike these three idioms"). The vectors come in
    blocks, so the ordinary questions can be the FAQ corpus's own matrix, not a copy.
    """

    def __init__(self, blocks: Sequence[tuple[np.ndarray, np.ndarray]], n_labels: int) -> None:
        """``blocks``: (vectors, label index per row). A block of one label is kept as it is
        (the FAQ corpus's matrix is shared); others are regrouped by label once."""
        self.n_labels = n_labels
        self.groups: list[tuple[int, np.ndarray]] = []
        self._single = len(blocks) == 1
        self._training = blocks[0] if self._single else None
        for vectors, labels in blocks:
            present = np.unique(labels).tolist()
            if len(present) == 1:
                self.groups.append((int(present[0]), vectors))
            else:
                self.groups += [(int(lab), vectors[labels == lab]) for lab in present]

    def similarities(self, dense: np.ndarray, leave_out: bool = False) -> np.ndarray:
        """Per row of ``dense``: mean cosine of the NEAREST examples of each label.

        ``leave_out`` (training, one block) skips each row's own example, which ``dense`` repeats.
        """
        if leave_out:
            return self._leave_one_out(dense)
        best: list[list[np.ndarray]] = [[] for _ in range(self.n_labels)]
        for label, vectors in self.groups:
            sims = dense @ vectors.T
            k = min(NEAREST, sims.shape[1])
            best[label].append(np.partition(sims, -k, axis=1)[:, -k:])
        return self._mean_of_best(best, len(dense))

    def _leave_one_out(self, dense: np.ndarray) -> np.ndarray:
        assert self._training is not None, "leave-one-out needs the one training block"
        vectors, labels = self._training
        sims = dense @ vectors.T
        np.fill_diagonal(sims, -1.0)
        best: list[list[np.ndarray]] = [[] for _ in range(self.n_labels)]
        for label in np.unique(labels).tolist():
            block = sims[:, labels == label]
            k = min(NEAREST, block.shape[1])
            best[label].append(np.partition(block, -k, axis=1)[:, -k:])
        return self._mean_of_best(best, len(dense))

    def _mean_of_best(self, best: list[list[np.ndarray]], rows: int) -> np.ndarray:
        out = np.zeros((rows, self.n_labels), dtype=np.float32)
        for label, parts in enumerate(best):
            if parts:
                joined = np.hstack(parts) if len(parts) > 1 else parts[0]
                k = min(NEAREST, joined.shape[1])
                out[:, label] = np.partition(joined, -k, axis=1)[:, -k:].mean(axis=1)
        return out


def labelled_examples(locales_dir: Path = DEFAULT_LOCALES_DIR) -> list[tuple[str, str]]:
    """The examples written for the danger model: (text, kind or "none")."""
    pairs: list[tuple[str, str]] = []
    for path in sorted(Path(locales_dir).glob("*/triage_examples.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        pairs += [(str(d["text"]), str(d["kind"])) for d in data.get("danger") or []]
        pairs += [(str(d["text"]), "none") for d in data.get("not_danger") or []]
    return pairs


def memory_examples(locales_dir: Path = DEFAULT_LOCALES_DIR) -> list[tuple[str, str]]:
    """Everything the danger model learns from: the labelled examples and, as "none", every
    question of the FAQ corpus (wordings and examples: ordinary messages look like these)."""
    from bot.domain.faq import all_wordings, read_examples

    ordinary = [(t, "none") for t, _ in [*all_wordings(locales_dir), *read_examples(locales_dir)]]
    return [*labelled_examples(locales_dir), *ordinary]


class DangerDetector:
    """Rules for unmistakable cues, and the semantic model for every other wording.

    Until the sentence encoder has loaded (a second or two after start) the rules decide
    alone; from then on the model decides, with the rules' hits among its inputs.
    """

    def __init__(
        self,
        rules: TriageRules,
        model: MlpModel | None,
        locales_dir: Path = DEFAULT_LOCALES_DIR,
        memory: ExampleMemory | None = None,
    ) -> None:
        """``model`` None means rules only (e.g. the weights are missing)."""
        self.rules = rules
        self.model = model
        self.locales_dir = locales_dir
        self._memory = memory
        self._lock = threading.Lock()
        self._building = False

    def text_features(self, text: str) -> list[float]:
        """Context cues, then one flag per rule category that fired."""
        kinds = self.rules.rule_kinds(text)
        return [*self.rules.cues(text), *(1.0 if k in kinds else 0.0 for k in CATEGORY_ORDER)]

    def memory(self, enc: Encoder) -> ExampleMemory:
        """The example memory, encoded on first use (about 1.5 s for a few thousand)."""
        from bot.domain.faq import load_corpus

        with self._lock:
            if self._memory is None:
                assert self.model is not None
                pairs = labelled_examples(self.locales_dir)
                labels = np.array([self.model.labels.index(label) for _, label in pairs])
                corpus = load_corpus(str(Path(self.locales_dir).resolve()))
                corpus.prepare(enc)
                assert corpus.vectors is not None
                self._memory = ExampleMemory(
                    [
                        (encode_corpus(enc, [t for t, _ in pairs]), labels),
                        (corpus.vectors, np.zeros(len(corpus.texts), dtype=np.int64)),
                    ],
                    len(self.model.labels),
                )
            return self._memory

    def ready(self) -> bool:
        """True once the example memory is built (until then the rules decide)."""
        return self._memory is not None

    def _build_aside(self, enc: Encoder) -> None:
        if not self._building:
            self._building = True
            threading.Thread(target=self.memory, args=(enc,), daemon=True).start()

    def assess(self, text: str, enc: Encoder) -> Assessment:
        """The model's view of ``text``: danger probability, kind and the deciding piece."""
        assert self.model is not None
        parts = segments(text)
        dense = enc.encode(parts)
        near = self.memory(enc).similarities(dense)
        cues = np.array([self.text_features(p) for p in parts], dtype=np.float32)
        probs = self.model.probabilities(dense, parts, np.hstack([cues, near]))
        danger = 1.0 - probs[:, 0]
        best = int(np.argmax(danger))
        kind = self.model.labels[1 + int(np.argmax(probs[best, 1:]))]
        return Assessment(score=float(danger[best]), kind=kind, piece=parts[best])

    def detect(self, text: str, wait: bool = False) -> DangerSignal | None:
        """A danger signal in ``text``, or None. ``wait`` blocks until the model is ready."""
        text = text.strip()
        if not text:
            return None
        enc = encoder(wait) if self.model is not None else None
        if enc is not None and not wait and not self.ready():
            self._build_aside(enc)
            enc = None
        if enc is None:
            return self.rules.detect(text)
        verdict = self.assess(text, enc)
        if verdict.score < self.model.threshold:  # type: ignore[union-attr]
            return None
        kind: DangerCategory = verdict.kind  # type: ignore[assignment]
        return DangerSignal(
            category=kind,
            matched=verdict.piece[:80],
            pattern="model",
            hotlines=KIND_HOTLINES[kind],
            score=round(verdict.score, 3),
        )


_detectors: dict[str, DangerDetector] = {}
_detectors_lock = threading.Lock()


def load_detector(locales_dir: Path = DEFAULT_LOCALES_DIR) -> DangerDetector:
    """The rules under ``locales_dir`` with the shipped model (rules only if it is missing);
    one detector per folder, however the folder is named."""
    key = str(Path(locales_dir).resolve())
    with _detectors_lock:
        if key not in _detectors:
            model = MlpModel.load(MODEL_PATH) if MODEL_PATH.exists() else None
            _detectors[key] = DangerDetector(load_rules(Path(key)), model, Path(key))
        return _detectors[key]


def wait_for_model(timeout: float, locales_dir: Path = DEFAULT_LOCALES_DIR) -> bool:
    """Block until the model can judge (encoder loaded, examples encoded), at most ``timeout``
    seconds; True when it can. For a thread: the bot calls it off the event loop."""
    detector = load_detector(locales_dir)
    if detector.model is None:
        return False
    start_loading()  # a message may come before the warm-up starts
    if not _encoder_ready.wait(timeout):
        return False
    enc = encoder(False)
    if enc is None:
        return False
    detector.memory(enc)
    return True


def model_ready(locales_dir: Path = DEFAULT_LOCALES_DIR) -> bool:
    """True once the model judges messages (until then the rules decide alone)."""
    detector = load_detector(locales_dir)
    return detector.model is not None and encoder(False) is not None and detector.ready()


def detect_danger(
    text: str, lang: str = "zh-CN", locales_dir: Path = DEFAULT_LOCALES_DIR, wait: bool = False
) -> DangerSignal | None:
    """Danger signal in a citizen's message, in any language or mix of languages.

    ``lang`` is the chat's language; it does not limit the check (people mix
    languages) and is kept so callers state what they know. ``wait`` waits for the
    sentence encoder instead of using the rules alone while it loads.
    """
    del lang  # every language's rules and the multilingual model apply regardless
    return load_detector(locales_dir).detect(text, wait=wait)


def mentions_minor(text: str, locales_dir: Path = DEFAULT_LOCALES_DIR) -> bool:
    """True when the message talks about a child or minor (offer the confidential form)."""
    return load_rules(locales_dir).mentions_minor(text)
