"""Every language has every key, and every key the code uses exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot.config import SUPPORTED_LOCALES
from bot.i18n import LOCALES_DIR, Catalog, pick_locale
from handlers.keyboards import MENU_ENTRIES

ROOT = Path(__file__).resolve().parents[2]
KEY = re.compile(r"^[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*$")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog("zh-CN")


def test_languages_are_complete(catalog: Catalog) -> None:
    reference = catalog.keys["zh-CN"]
    for locale in SUPPORTED_LOCALES:
        missing = reference - catalog.keys[locale]
        extra = catalog.keys[locale] - reference
        assert not missing, f"{locale} lacks {sorted(missing)}"
        assert not extra, f"{locale} has keys zh-CN lacks: {sorted(extra)}"


def test_every_ftl_file_exists_in_every_language() -> None:
    names = {
        locale: {p.name for p in (LOCALES_DIR / locale).glob("*.ftl")}
        for locale in SUPPORTED_LOCALES
    }
    assert len({frozenset(n) for n in names.values()}) == 1, names


def _keys_used_in_code() -> set[str]:
    used: set[str] = set()
    for folder in ("bot", "handlers"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                func = node.func
                name = (
                    func.id
                    if isinstance(func, ast.Name)
                    else func.attr
                    if isinstance(func, ast.Attribute)
                    else ""
                )
                first = node.args[0]
                if (
                    name in {"t", "staff_t", "tr"}
                    and isinstance(first, ast.Constant)
                    and isinstance(first.value, str)
                ):
                    used.add(first.value)
    used.update(key for _, key in MENU_ENTRIES)
    return used


def test_every_key_the_code_uses_exists(catalog: Catalog) -> None:
    used = _keys_used_in_code()
    assert len(used) > 10
    for key in used:
        assert KEY.match(key), key
        for locale in SUPPORTED_LOCALES:
            assert key in catalog.keys[locale], f"{key} missing in {locale}"


def test_fallback_to_default_language_then_key(tmp_path: Path) -> None:
    for locale in SUPPORTED_LOCALES:
        (tmp_path / locale).mkdir()
    (tmp_path / "zh-CN" / "a.ftl").write_text(
        "only-zh = 只有中文\nhello = 你好，{ $name }\n", encoding="utf-8"
    )
    (tmp_path / "en" / "a.ftl").write_text("hello = Hello, { $name }\n", encoding="utf-8")
    catalog = Catalog("zh-CN", tmp_path)
    en = catalog.for_locale("en")
    assert en("hello", name="Li") == "Hello, Li"
    assert en("only-zh") == "只有中文"
    assert en("no-such-key") == "no-such-key"
    assert catalog.for_locale("fr")("hello", name="Li") == "你好，Li"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("zh", "zh-CN"),
        ("zh-hans", "zh-CN"),
        ("zh-TW", "zh-CN"),
        ("en", "en"),
        ("en-US", "en"),
        ("ru", "zh-CN"),
        (None, "zh-CN"),
        ("", "zh-CN"),
    ],
)
def test_pick_locale(code: str | None, expected: str) -> None:
    assert pick_locale(code, "zh-CN") == expected


def _error_keys_raised_in_domain() -> set[str]:
    """Every constant key given to DomainError or a subclass in bot/domain."""
    keys: set[str] = set()
    for path in (ROOT / "bot" / "domain").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id.endswith(("Error", "error"))
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and KEY.match(node.args[0].value)
                and "-" in node.args[0].value
            ):
                keys.add(node.args[0].value)
    return keys


def test_every_domain_error_has_a_message(catalog: Catalog) -> None:
    keys = _error_keys_raised_in_domain()
    assert {"error-too-short", "wage-error-amount", "booking-error-full"} & keys
    for key in keys:
        for locale in SUPPORTED_LOCALES:
            assert key in catalog.keys[locale], f"{key} missing in {locale}"
