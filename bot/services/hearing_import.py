"""`citizen-bot hearings import FILE.csv`: hearings prepared elsewhere, checked row by row."""

from __future__ import annotations

import csv
import io

from pydantic import BaseModel

from bot.domain.booking import HearingDraft, HearingType, parse_local_datetime, parse_seat_count
from bot.domain.errors import DomainError
from bot.i18n import Translator
from bot.services.bookings import BookingService

COLUMNS = (
    "title",
    "case_type",
    "public",
    "involves_minor",
    "venue",
    "address",
    "on_site",
    "starts_at",
    "ends_at",
    "seats",
    "notes",
)
REQUIRED = ("title", "case_type", "venue", "starts_at", "ends_at")
_YES = {"1", "yes", "y", "true", "是", "公开"}
_NO = {"0", "no", "n", "false", "否", "不公开", ""}


class ImportReport(BaseModel):
    """One line per row (created or refused, with the reason), and the totals."""

    lines: list[str]
    created: int
    refused: int


class _RowError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _flag(t: Translator, row: dict[str, str], field: str, default: bool) -> bool:
    raw = (row.get(field) or "").strip()
    if not raw:
        return default
    if raw.lower() in _YES:
        return True
    if raw.lower() in _NO:
        return False
    raise _RowError(t("hearing-import-bad-flag", field=field, value=raw))


def _draft(t: Translator, row: dict[str, str], service: BookingService) -> HearingDraft:
    tz = service.settings.tz
    case_type = (row.get("case_type") or "").strip()
    if case_type not in HearingType.__members__:
        raise _RowError(
            t(
                "hearing-import-bad-type",
                value=case_type,
                allowed=", ".join(HearingType.__members__),
            )
        )
    starts = parse_local_datetime(row.get("starts_at") or "", tz)
    if starts is None:
        raise _RowError(t("hearing-import-bad-time", field="starts_at", value=row.get("starts_at")))
    ends = parse_local_datetime(row.get("ends_at") or "", tz, on_day=starts.date())
    if ends is None:
        raise _RowError(t("hearing-import-bad-time", field="ends_at", value=row.get("ends_at")))
    seats = parse_seat_count((row.get("seats") or "").strip() or "0")
    return HearingDraft(
        title=row.get("title") or "",
        case_type=HearingType(case_type),
        public=_flag(t, row, "public", True),
        involves_minor=_flag(t, row, "involves_minor", False),
        venue=row.get("venue") or "",
        address=row.get("address") or "",
        on_site=_flag(t, row, "on_site", False),
        starts_at=starts,
        ends_at=ends,
        seats=seats,
        notes=row.get("notes") or "",
    )


async def import_hearings(
    text: str, service: BookingService, t: Translator, staff_id: int | None = None
) -> ImportReport:
    """Create a hearing per CSV row (header: see COLUMNS); refused rows say why, in ``t``'s language.

    Each row passes the same checks as /new_hearing (3 days' notice, closed hearings without seats).
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))  # Excel writes a BOM
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        return ImportReport(
            lines=[t("hearing-import-missing-columns", columns=", ".join(missing))],
            created=0,
            refused=0,
        )
    lines: list[str] = []
    created = refused = 0
    # Row 1 is the header, so data rows are numbered as a spreadsheet shows them.
    for number, row in enumerate(reader, start=2):
        try:
            hearing = await service.create_hearing(_draft(t, row, service), staff_id)
        except _RowError as error:
            refused += 1
            lines.append(t("hearing-import-refused", row=number, reason=error.reason))
            continue
        except DomainError as error:
            refused += 1
            lines.append(
                t("hearing-import-refused", row=number, reason=t(error.key, **error.kwargs))
            )
            continue
        created += 1
        lines.append(t("hearing-import-created", row=number, id=hearing.id, title=hearing.title))
    lines.append(t("hearing-import-summary", created=created, refused=refused))
    return ImportReport(lines=lines, created=created, refused=refused)
