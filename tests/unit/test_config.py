from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings


def test_defaults_are_the_sample_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(database_path=tmp_path / "db.sqlite3")
    assert settings.timezone == "Asia/Shanghai"
    assert settings.default_locale == "zh-CN"
    assert settings.tracking_prefix == "SD"
    assert settings.bot_token is None


def test_values_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STAFF_USER_IDS", "12345, 67890")
    monkeypatch.setenv("STAFF_CHAT_ID", "-1001234567890")
    monkeypatch.setenv("BOT_API_BASE_URL", "http://127.0.0.1:8081/bot")
    monkeypatch.setenv("TRACKING_PREFIX", "cy")
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "x" / "db.sqlite3"))
    settings = load_settings()
    assert settings.staff_user_ids == [12345, 67890]
    assert settings.staff_chat_id == -1001234567890
    assert settings.bot_api_base_file_url == "http://127.0.0.1:8081/file/bot"
    assert settings.tracking_prefix == "CY"
    assert (tmp_path / "x").is_dir()
    assert settings.is_staff(12345) and not settings.is_staff(1)


def test_dotenv_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OFFICE_NAME", raising=False)
    (tmp_path / ".env").write_text("OFFICE_NAME=长春市示例区人民检察院\n", encoding="utf-8")
    assert (
        load_settings(database_path=tmp_path / "d.sqlite3").office_name == "长春市示例区人民检察院"
    )


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("TIMEZONE", "Mars/Olympus", "TIMEZONE: unknown time zone"),
        ("STAFF_CHAT_ID", "staff-group", "STAFF_CHAT_ID: a numeric Telegram chat id"),
        ("STAFF_USER_IDS", "12,abc", "STAFF_USER_IDS: comma-separated Telegram user ids"),
        ("TRACKING_PREFIX", "12", "TRACKING_PREFIX: 2 to 6 Latin letters"),
        ("DEFAULT_LOCALE", "fr", "DEFAULT_LOCALE:"),
        ("BOT_API_BASE_URL", "ftp://x", "BOT_API_BASE_URL: an http(s) URL"),
    ],
)
def test_bad_values_name_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as info:
        load_settings(database_path=tmp_path / "db.sqlite3")
    assert str(info.value).startswith(expected)
    assert "\n" not in str(info.value)


def test_unwritable_database_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError) as info:
        load_settings(database_path=blocker / "sub" / "db.sqlite3")
    assert str(info.value).startswith("DATABASE_PATH: cannot create folder")
