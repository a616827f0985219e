"""/mydata for citizens, /audit for admins."""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.i18n import format_date
from handlers.context import BotContext
from handlers.guards import require_staff

AUDIT_LINES = 30


async def my_data(update: Update, context: BotContext) -> None:
    """Everything stored about the citizen, as a file in their own chat."""
    user = update.effective_user
    assert user is not None and update.effective_message is not None
    data = await context.services.privacy.export_for(user.id)
    today = context.services.clock.now().astimezone(context.services.settings.tz).date()
    await update.effective_message.reply_document(
        InputFile(data, filename=f"mydata-{today.isoformat()}.json"),
        caption=context.t("mydata-caption", days=context.services.settings.retention_days),
    )


async def audit(update: Update, context: BotContext) -> None:
    """The latest audit entries: who did what, who saw unmasked data (admins only)."""
    if not await require_staff(update, context):
        return
    user = update.effective_user
    t = context.t
    assert update.effective_message is not None
    if user is None or user.id not in context.services.settings.staff_admin_ids:
        await update.effective_message.reply_text(t("audit-admins-only"))
        return
    entries = await context.services.privacy.audit_log(AUDIT_LINES)
    tz = context.services.settings.tz
    from storage.timefmt import from_db

    lines = [t("audit-title", count=len(entries))]
    for entry in entries:
        when = format_date(from_db(entry["at"]), t.locale, tz, with_time=True)
        lines.append(
            f"{when} · {entry['actor_id'] or '-'} · {entry['action']} · {entry['subject'] or ''}".rstrip(
                " ·"
            )
        )
    await update.effective_message.reply_text("\n".join(lines))


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("mydata", my_data, filters=filters.ChatType.PRIVATE),
        CommandHandler("audit", audit),
    ]
