"""Settings from the environment and `.env`, validated once at start-up."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.domain.booking import ReceptionRule

SUPPORTED_LOCALES: tuple[str, ...] = ("zh-CN", "en")


class ConfigError(Exception):
    """A setting is wrong; the message names the variable and says what is expected."""


class Settings(BaseSettings):
    """Everything the office configures; names match the environment variables."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    bot_token: SecretStr | None = None
    data_key: SecretStr | None = None
    data_key_old: SecretStr | None = None
    bot_api_base_url: str | None = None
    bot_api_base_file_url: str | None = None
    database_path: Path = Path("./data/citizenbot.sqlite3")
    staff_chat_id: int | None = None
    staff_user_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    staff_admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    digest_time: str = "09:00"
    timezone: str = "Asia/Shanghai"
    default_locale: Literal["zh-CN", "en"] = "zh-CN"
    office_name: str = "示例区人民检察院"
    office_name_en: str = "Sample District Procuratorate"
    office_address: str = "示例市示例区检察路1号"
    office_hours: str = "Mon-Fri 09:00-12:00, 13:30-17:30"
    tracking_prefix: str = "SD"
    reply_days_mode: Literal["calendar", "working"] = "calendar"
    retention_days: int = Field(default=1095, ge=30, le=36500)
    flood_max_messages: int = Field(default=20, ge=3, le=10000)
    flood_window_seconds: int = Field(default=10, ge=1, le=3600)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    booking_cutoff_hours: int = Field(default=24, ge=0, le=720)
    waitlist_offer_hours: int = Field(default=12, ge=1, le=168)
    reminder_offsets_hours: Annotated[list[int], NoDecode] = Field(default_factory=lambda: [24, 2])
    reception_rule: str = "WED 1,4 09:00-11:30,14:00-16:30 20"

    @field_validator("reminder_offsets_hours", mode="before")
    @classmethod
    def _split_offsets(cls, value: object) -> object:
        if isinstance(value, int):
            value = [value]
        if isinstance(value, str):
            value = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
        if isinstance(value, list):
            try:
                hours = sorted({int(v) for v in value}, reverse=True)
            except (TypeError, ValueError) as exc:
                raise ValueError("comma-separated whole hours before the event, like 24,2") from exc
            if any(not 1 <= h <= 720 for h in hours):
                raise ValueError("each reminder offset must be 1 to 720 hours, like 24,2")
            return hours
        return value

    @field_validator("reception_rule")
    @classmethod
    def _reception_rule(cls, value: str) -> str:
        ReceptionRule.parse(value)  # raises ValueError naming the bad part
        return value.strip()

    @field_validator("digest_time")
    @classmethod
    def _digest_time(cls, value: str) -> str:
        from bot.domain.staffdesk import parse_digest_time

        return parse_digest_time(value).strftime("%H:%M")  # raises ValueError naming the form

    @field_validator("staff_user_ids", "staff_admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            try:
                return [int(p) for p in parts]
            except ValueError as exc:
                raise ValueError("comma-separated Telegram user ids, like 12345,67890") from exc
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("staff_chat_id", mode="before")
    @classmethod
    def _chat_id(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return None
            if not re.fullmatch(r"-?\d+", value):
                raise ValueError("a numeric Telegram chat id, like -1001234567890")
        return value

    @field_validator("data_key", "data_key_old")
    @classmethod
    def _fernet_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        from storage.crypto import valid_key

        if not valid_key(value.get_secret_value().strip()):
            raise ValueError("not a valid key; create one with: citizen-bot new-key")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("bot_token", mode="before")
    @classmethod
    def _empty_token(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"unknown time zone {value!r}; use an IANA name like Asia/Shanghai"
            ) from exc
        return value

    @field_validator("tracking_prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        value = value.strip().upper()
        if not re.fullmatch(r"[A-Z]{2,6}", value):
            raise ValueError("2 to 6 Latin letters, like SD")
        return value

    @field_validator("bot_api_base_url", "bot_api_base_file_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not re.match(r"https?://", value.strip()):
            raise ValueError("an http(s) URL, like http://127.0.0.1:8081/bot")
        return value.strip()

    @field_validator("database_path")
    @classmethod
    def _writable_folder(cls, value: Path) -> Path:
        folder = value.expanduser().resolve().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ValueError(f"cannot create folder {folder}: {exc.strerror}") from exc
        if not os.access(folder, os.W_OK):
            raise ValueError(f"folder {folder} is not writable")
        return value.expanduser()

    @model_validator(mode="after")
    def _derive_file_url(self) -> Settings:
        if self.bot_api_base_url and not self.bot_api_base_file_url:
            base = self.bot_api_base_url.rstrip("/")
            # A local Bot API server serves files under /file/bot next to /bot.
            if base.endswith("/bot"):
                self.bot_api_base_file_url = base[: -len("/bot")] + "/file/bot"
            else:
                self.bot_api_base_file_url = base + "/file"
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_staff(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.staff_user_ids

    @property
    def reception(self) -> ReceptionRule:
        """The reception-day rule, parsed, in the office's time zone."""
        return ReceptionRule.parse(self.reception_rule, self.timezone)

    def office_name_for(self, locale: str) -> str:
        return self.office_name if locale.startswith("zh") else self.office_name_en


def load_settings(**overrides: object) -> Settings:
    """Build Settings, turning validation errors into one clear line per variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            variable = str(err["loc"][0]).upper() if err["loc"] else "SETTINGS"
            message = str(err["msg"]).removeprefix("Value error, ")
            lines.append(f"{variable}: {message}")
        raise ConfigError("; ".join(lines)) from None
