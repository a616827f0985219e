"""Personal data at rest and in logs, backup/restore and key rotation, through the real commands."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.offline import Person, UpdateFactory
from storage.crypto import PREFIX, Cipher, new_key
from tests.e2e.driver import TOKEN, BotProcess, HttpChat, run_cli
from tests.e2e.fake_bot_api import FakeBotApi

PHONE, ID_NUMBER = "13812345678", "11010519491231002X"


def test_wage_report_over_http_leaves_no_phone_or_id_in_logs_or_plain_in_the_database(
    tmp_path: Path,
) -> None:
    api = FakeBotApi(TOKEN).start()
    key = new_key()
    bot = BotProcess(api, tmp_path, DATA_KEY=key, LOG_LEVEL="DEBUG")
    worker = HttpChat(api, Person(10001, "张建国", 10001, "zh-CN"), UpdateFactory(api.telegram))
    try:
        bot.start()
        worker.say("/start")
        worker.press("农民工讨薪")
        worker.press("建筑工地")
        for answer in ("某某建筑公司", "幸福小区工地", "钢筋工", "2025年10月到12月", "35000"):
            worker.say(answer)
        worker.press("只有我")
        worker.press("没有材料")
        worker.say(PHONE)
        worker.say("张建国")
        worker.say(ID_NUMBER)
        worker.press("我已知晓并确认")
        worker.press("✅ 提交")
        api.wait_for(lambda s: s.chat_id == 10001 and "查询码" in (s.text or ""))
    finally:
        assert bot.stop() == 0
        api.stop()
    text = bot.log()
    assert "DEBUG" in text  # the log really was verbose
    for secret in (PHONE, ID_NUMBER, "8613812345678", TOKEN):
        assert secret not in text
    raw = sqlite3.connect(tmp_path / "bot.sqlite3")
    phone, id_number = raw.execute("SELECT contact_phone, id_number FROM cases").fetchone()
    assert phone.startswith(PREFIX) and id_number.startswith(PREFIX)
    assert PHONE not in phone and ID_NUMBER not in id_number

    # Rotation: the new key opens everything, the old one nothing.
    new = new_key()
    rotated = run_cli(tmp_path, "rotate-key", DATA_KEY=new, DATA_KEY_OLD=key)
    assert rotated.returncode == 0, rotated.stderr
    assert "re-encrypted" in rotated.stdout
    phone_after = raw.execute("SELECT contact_phone FROM cases").fetchone()[0]
    access_key = raw.execute("SELECT value FROM secrets").fetchone()[0]
    raw.close()
    assert Cipher(new).open(phone_after) == "+8613812345678"
    assert len(Cipher(new).open(access_key)) == 64  # access codes still verify after a rotation


def test_backup_restore_refuses_a_running_bot_and_gives_a_sound_copy(tmp_path: Path) -> None:
    key = new_key()
    assert run_cli(tmp_path, "init-db").returncode == 0
    backup = run_cli(tmp_path, "backup", str(tmp_path / "copy.sqlite3"))
    assert backup.returncode == 0, backup.stderr
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()

    from storage.db import Database

    running = Database(tmp_path / "bot.sqlite3")
    running.hold()  # as a running bot does
    refused = run_cli(tmp_path, "restore", str(tmp_path / "copy.sqlite3"), DATA_KEY=key)
    assert refused.returncode == 1 and "in use by a running bot" in refused.stderr
    running.release()

    restored = run_cli(tmp_path, "restore", str(tmp_path / "copy.sqlite3"), DATA_KEY=key)
    assert restored.returncode == 0, restored.stderr
    db = sqlite3.connect(tmp_path / "bot.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA user_version").fetchone()[0] >= 6
    db.close()

    (tmp_path / "junk.sqlite3").write_text("junk")
    junk = run_cli(tmp_path, "restore", str(tmp_path / "junk.sqlite3"))
    assert junk.returncode == 1 and "nothing was changed" in junk.stderr


def test_run_refuses_without_a_data_key(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "run", drop=("DATA_KEY",), BOT_TOKEN=TOKEN)
    assert result.returncode == 1
    assert "DATA_KEY is not set" in result.stderr and "citizen-bot new-key" in result.stderr


def test_stats_command_prints_the_rates_and_explains_a_bad_period(tmp_path: Path) -> None:
    key = new_key()
    result = run_cli(tmp_path, "stats", "this-month", DATA_KEY=key)
    assert result.returncode == 0, result.stderr
    assert "案件总数：0" in result.stdout and "办结率" in result.stdout
    bad = run_cli(tmp_path, "stats", "2026-13", DATA_KEY=key)
    assert bad.returncode == 1 and "看不懂这个时间段" in bad.stderr
