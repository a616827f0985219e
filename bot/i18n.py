"""Fluent message catalogs from locales/, one Translator per language."""

from __future__ import annotations

import logging
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fluent.runtime import FluentBundle, FluentResource

from bot.config import SUPPORTED_LOCALES

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


def pick_locale(language_code: str | None, default: str) -> str:
    """Telegram's language_code -> a supported locale: zh* -> zh-CN, en* -> en, else default."""
    if language_code:
        code = language_code.lower()
        if code.startswith("zh"):
            return "zh-CN"
        if code.startswith("en"):
            return "en"
    return default


def _read_bundle(locale: str, locales_dir: Path) -> tuple[FluentBundle, frozenset[str]]:
    bundle = FluentBundle([locale], use_isolating=False)
    keys: set[str] = set()
    folder = locales_dir / locale
    for path in sorted(folder.glob("*.ftl")):
        resource = FluentResource(path.read_text(encoding="utf-8"))
        errors = bundle.add_resource(resource)
        if errors:
            raise ValueError(f"{path}: {errors}")
        keys.update(entry.id.name for entry in resource.body if type(entry).__name__ == "Message")
    return bundle, frozenset(keys)


class Translator:
    """Formats message keys for one language, falling back to the default language, then the key."""

    def __init__(
        self, locale: str, bundle: FluentBundle, fallback: Translator | None = None
    ) -> None:
        self.locale = locale
        self._bundle = bundle
        self._fallback = fallback

    def has(self, key: str) -> bool:
        return self._bundle.has_message(key)

    def __call__(self, key: str, **args: Any) -> str:
        return self.t(key, **args)

    def t(self, key: str, **args: Any) -> str:
        if not self._bundle.has_message(key):
            if self._fallback is not None:
                log.warning("missing %s key %s", self.locale, key)
                return self._fallback.t(key, **args)
            log.error("missing message key %s", key)
            return key
        message = self._bundle.get_message(key)
        if message.value is None:
            return key
        text, errors = self._bundle.format_pattern(message.value, _fluent_args(args))
        if errors:
            log.warning("formatting %s/%s: %s", self.locale, key, errors)
        return text


def _fluent_args(args: dict[str, Any]) -> dict[str, Any]:
    # Fluent formats numbers and strings itself; dates we format before, to stay in the user's zone.
    out: dict[str, Any] = {}
    for name, value in args.items():
        if isinstance(value, (datetime, date)):
            out[name] = value.isoformat()
        elif isinstance(value, Decimal):
            out[name] = str(value)
        elif value is None:
            out[name] = ""
        else:
            out[name] = value
    return out


def format_date(
    moment: datetime | date, locale: str, tz: ZoneInfo | None = None, with_time: bool = False
) -> str:
    """A date (and time) as people write it in the locale, in the office's time zone."""
    if isinstance(moment, datetime) and tz is not None:
        moment = moment.astimezone(tz)
    day = moment.date() if isinstance(moment, datetime) else moment
    if locale.startswith("zh"):
        text = f"{day.year}年{day.month}月{day.day}日"
    else:
        text = f"{day.day} {day:%B} {day.year}"
    if with_time and isinstance(moment, datetime):
        text += f" {moment:%H:%M}"
    return text


def format_month(day: date, locale: str) -> str:
    """A month as people write it in the locale: 2025年10月, Oct 2025."""
    return f"{day.year}年{day.month}月" if locale.startswith("zh") else f"{day:%b} {day.year}"


class Catalog:
    """All languages; `catalog.for_locale("en")` gives a Translator."""

    def __init__(self, default_locale: str, locales_dir: Path = LOCALES_DIR) -> None:
        self.default_locale = default_locale
        self.keys: dict[str, frozenset[str]] = {}
        bundles: dict[str, FluentBundle] = {}
        for locale in SUPPORTED_LOCALES:
            bundles[locale], self.keys[locale] = _read_bundle(locale, locales_dir)
        default = Translator(default_locale, bundles[default_locale])
        self._translators = {
            locale: default if locale == default_locale else Translator(locale, bundle, default)
            for locale, bundle in bundles.items()
        }

    def for_locale(self, locale: str | None) -> Translator:
        return self._translators.get(
            locale or self.default_locale, self._translators[self.default_locale]
        )

    @property
    def locales(self) -> tuple[str, ...]:
        return SUPPORTED_LOCALES


@cache
def catalog(default_locale: str = "zh-CN") -> Catalog:
    return Catalog(default_locale)
