"""`citizen-bot run` as a real process, talking HTTP to a Bot API server on loopback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.offline import Person, UpdateFactory
from storage.crypto import new_key
from tests.e2e.driver import run_cli
from tests.e2e.fake_bot_api import FakeBotApi

TOKEN = "123456789:E2E-test-token"
DATA_KEY = new_key()
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    server = FakeBotApi(TOKEN).start()
    yield server
    server.stop()


def start_bot(api: FakeBotApi, tmp_path: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "DATA_KEY": DATA_KEY,
        "BOT_API_BASE_URL": api.base_url,
        "DATABASE_PATH": str(tmp_path / "bot.sqlite3"),
        "STAFF_CHAT_ID": "-1001234567890",
        "STAFF_USER_IDS": "900001",
        "PYTHONPATH": str(ROOT),
    }
    log = (tmp_path / "bot.log").open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def kill(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)


def test_start_language_and_sigkill_restart(api: FakeBotApi, tmp_path: Path) -> None:
    factory = UpdateFactory(api.telegram)
    citizen = Person(10001, "李明", 10001, "zh-CN")
    process = start_bot(api, tmp_path)
    try:
        api.wait_for_call("setMyCommands", 3)
        api.push(factory.text(citizen, "/start"))
        menu = api.wait_for(lambda s: s.chat_id == 10001 and "示例区人民检察院" in (s.text or ""))
        assert [b["text"] for b in menu.flat_buttons][-1] == "🌐 语言 / Language"

        api.push(factory.callback(citizen, menu, "menu:lang"))
        chooser = api.wait_for(lambda s: s.chat_id == 10001 and "请选择语言" in (s.text or ""))
        api.push(factory.callback(citizen, chooser, "lang:set:en"))
        api.wait_for(lambda s: s.chat_id == 10001 and s.text == "Language set to English.")
    finally:
        kill(process)  # SIGKILL: no shutdown, no flush

    process = start_bot(api, tmp_path)
    try:
        api.push(factory.text(citizen, "/start"))
        api.wait_for(
            lambda s: s.chat_id == 10001 and "Sample District Procuratorate" in (s.text or "")
        )
        by_language = {
            c.get("language_code") for m, c in api.telegram.calls if m == "setMyCommands"
        }
        assert by_language == {"zh", "en", None}
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    log = (tmp_path / "bot.log").read_text(errors="replace")
    assert TOKEN not in log


def test_run_without_token_says_how(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "run", drop=("BOT_TOKEN",))
    assert result.returncode == 2
    assert "BOT_TOKEN is not set" in result.stderr and "citizen-bot console" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "run", BOT_TOKEN=TOKEN, TIMEZONE="Mars/Base", DATA_KEY=DATA_KEY)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Configuration error: TIMEZONE: unknown time zone 'Mars/Base'; use an IANA name like Asia/Shanghai"
    ]


def test_a_database_that_cannot_open_stops_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "bot.sqlite3").write_text("not a database")
    for command in ("run", "console"):
        result = run_cli(
            tmp_path,
            command,
            stdin="/quit\n",
            BOT_TOKEN=TOKEN,
            DATA_KEY=DATA_KEY,
            BOT_API_BASE_URL="http://127.0.0.1:9/bot",
        )
        assert result.returncode == 1, result.stderr
        assert "Cannot start: cannot open the database" in result.stderr
        assert "Traceback" not in result.stderr
