"""A citizen's own data, retention, the audit log, and who counts as staff."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.domain.cases import CaseStatus
from tests.conversations.test_complaints import STORY, file_complaint, receipt_code
from tests.harness import STAFF_USER_ID, BotHarness


async def test_mydata_sends_everything_about_the_citizen_and_nothing_else(bot: BotHarness) -> None:
    chat = bot.citizen()
    number, _ = receipt_code(await file_complaint(chat))
    other = bot.citizen(user_id=20002, name="王芳")
    await file_complaint(other)
    await chat.send("/mydata")
    method, name, content = bot.telegram.uploads[-1]
    assert method == "sendDocument" and name.startswith("mydata-") and name.endswith(".json")
    data = json.loads(content)
    assert [c["number"] for c in data["cases"]] == [number]
    case = data["cases"][0]
    assert case["contact_phone"] == "+8613812345678" and case["description"] == STORY
    assert "access_hash" not in case and case["timeline"][0]["type"] == "submitted"
    assert "1,095" in chat.last_text or "1095" in chat.last_text


async def test_personal_data_is_purged_after_retention_and_statistics_stay(bot: BotHarness) -> None:
    chat = bot.citizen()
    number, _ = receipt_code(await file_complaint(chat))
    assert bot.app is not None
    services = bot.app.services
    await services.cases.change_status(
        number, CaseStatus.REJECTED, STAFF_USER_ID, "不属于本院管辖。"
    )
    await services.cases.change_status(number, CaseStatus.CLOSED, STAFF_USER_ID)
    await chat.press("😐 基本满意")
    await bot.advance(timedelta(days=1000))
    assert (await services.privacy.purge(dry_run=True)).cases == 0
    await bot.advance(timedelta(days=100))  # past 1,095 days; the nightly purge has run
    row = (await services.db.fetchall("SELECT * FROM cases"))[0]
    assert row["contact_phone"] is None and row["contact_name"] is None
    assert row["description"] == "[removed]"
    assert (row["kind"], row["status"], row["rating"]) == ("complaint", "closed", 3)
    assert await services.db.fetchall("SELECT * FROM attachments") == []
    audit = [a["action"] for a in await services.db.fetchall("SELECT action FROM audit_log")]
    assert "purge" in audit
    runs = await services.db.fetchall("SELECT status FROM reminders WHERE kind = 'purge'")
    # After a long gap the purge runs once (no catch-up burst) and the next night is scheduled.
    assert sum(r["status"] == "sent" for r in runs) == 2
    assert sum(r["status"] == "pending" for r in runs) == 1


async def test_audit_is_for_admins_only(bot: BotHarness) -> None:
    assert bot.app is not None
    citizen = bot.citizen()
    replies = await citizen.send("/audit")
    assert "仅限工作人员" in replies[-1]
    staff = bot.staff()
    replies = await staff.send("/audit")
    assert "仅限管理员" in replies[-1]
    bot.app.services.settings.staff_admin_ids.append(STAFF_USER_ID)
    replies = await staff.send("/audit")
    assert "审计记录" in replies[-1] and "staff_refused" in replies[-1]


async def test_staff_removed_from_the_staff_chat_lose_staff_rights(bot: BotHarness) -> None:
    staff = bot.staff()
    bot.telegram.chat_members[(bot.settings.staff_chat_id or 0, STAFF_USER_ID)] = "left"
    replies = await staff.send("/audit")
    assert "仅限工作人员" in replies[-1]
    assert bot.calls("getChatMember")
