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
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

DangerCategory = Literal["child_harm", "violence_now", "threat", "self_harm"]
GuardName = Literal["negation", "past", "legal"]

# Order of checking: the most specific / most urgent category wins when several match.
CATEGORY_ORDER: tuple[DangerCategory, ...] = ("self_harm", "child_harm", "violence_now", "threat")
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
    pattern: str
    hotlines: tuple[str, ...]


class _Rule(BaseModel):
    pattern: str
    guards: tuple[GuardName, ...] | None = None


class _Category(BaseModel):
    hotlines: tuple[str, ...]
    guards: tuple[GuardName, ...] = ()
    patterns: tuple[str | _Rule, ...]


class _Guards(BaseModel):
    negation_before: tuple[str, ...] = ()
    past: tuple[str, ...] = ()
    legal: tuple[str, ...] = ()
    override: tuple[str, ...] = ()


class _RuleFile(BaseModel):
    guards: _Guards
    categories: dict[DangerCategory, _Category]
    minor_terms: tuple[str, ...] = ()


class _CompiledCategory:
    def __init__(self, name: DangerCategory, spec: _Category) -> None:
        self.name = name
        self.hotlines = spec.hotlines
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
        self._categories: list[_CompiledCategory] = []
        for name in CATEGORY_ORDER:
            specs = [f.categories[name] for f in files if name in f.categories]
            if not specs:
                continue
            merged = _Category(
                hotlines=tuple(dict.fromkeys(h for s in specs for h in s.hotlines)),
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
                            hotlines=category.hotlines,
                        )
        return None

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


@lru_cache(maxsize=4)
def load_rules(locales_dir: Path = DEFAULT_LOCALES_DIR) -> TriageRules:
    """All languages' triage rules under ``locales_dir``, compiled once and cached."""
    return TriageRules.from_dir(Path(locales_dir))


def detect_danger(
    text: str, lang: str = "zh-CN", locales_dir: Path = DEFAULT_LOCALES_DIR
) -> DangerSignal | None:
    """Danger signal in a citizen's message, checking every language's patterns.

    ``lang`` is the chat's language; it does not limit the check (people mix
    languages) and is kept so callers state what they know.
    """
    del lang  # every language's rules apply regardless of the chat's language
    return load_rules(locales_dir).detect(text)


def mentions_minor(text: str, locales_dir: Path = DEFAULT_LOCALES_DIR) -> bool:
    """True when the message talks about a child or minor (offer the confidential form)."""
    return load_rules(locales_dir).mentions_minor(text)
