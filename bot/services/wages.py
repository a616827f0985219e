"""Wage reports: filing on the fast track, and the employer groups staff work from."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from bot.clock import Clock
from bot.domain.cases import Attachment, CaseKind, DomainError, FiledCase, NewCase
from bot.domain.wages import (
    WageGroupSummary,
    WageReport,
    WageReportFacts,
    group_of,
    summarize_group,
)
from bot.services.cases import CaseService
from storage.audit import AuditRepository
from storage.wages import WageRepository


class WageGroup(BaseModel):
    """A wage case and the other reports against the same employer, added up."""

    case_number: str
    summary: WageGroupSummary


def report_extra(report: WageReport) -> dict[str, str]:
    """The wage fields as stored on the case (strings, by the names of KIND_SPECS)."""
    extra = {
        "work_type": report.work_type.value,
        "employer": report.employer_name,
        "project": report.project_site or "",
        "employer_address": report.employer_address or "",
        "work_done": report.work_done,
        "unpaid_from": report.period_start.isoformat(),
        "unpaid_to": report.period_end.isoformat(),
        "amount": str(report.amount_owed),
        "workers": str(report.workers_owed),
    }
    return {k: v for k, v in extra.items() if v}


class WageService:
    def __init__(
        self, repo: WageRepository, cases: CaseService, audit: AuditRepository, clock: Clock
    ) -> None:
        self.repo = repo
        self.cases = cases
        self.audit = audit
        self.clock = clock

    async def file_report(
        self,
        report: WageReport,
        *,
        description: str,
        attachments: list[Attachment],
        user_id: int | None,
        locale: str,
        submission_key: str,
        access_code: str | None = None,
    ) -> FiledCase:
        """File a wage report as a fast-tracked case (high priority, 3-day support-lawsuit decision)."""
        new = NewCase(
            kind=CaseKind.WAGE_ARREARS,
            description=description,
            place=report.project_site,
            extra=report_extra(report),
            anonymous=False,
            contact_name=report.worker_name,
            contact_phone=report.phone,
            id_number=report.id_number,
            attachments=attachments,
            submission_key=submission_key,
            user_id=user_id,
            locale=locale,
        )
        return await self.cases.file_case(new, access_code=access_code)

    async def group_for(self, case_number: str) -> WageGroup:
        """The reports against the same employer as this case: count, total owed and workers, months."""
        reports = await self.repo.reports()
        extras = dict(reports)
        if case_number not in extras:
            raise DomainError("error-case-not-found")
        same, different = await self.repo.links()
        members = group_of(
            case_number, [(n, e.get("employer", "")) for n, e in reports], same, different
        )
        facts = [_facts(number, extras[number]) for number in members]
        return WageGroup(case_number=case_number, summary=summarize_group(facts))

    async def confirm_same_employer(self, a: str, b: str, actor_id: int) -> None:
        """Staff: these two reports are against the same employer."""
        await self._link(a, b, "same", actor_id)

    async def split(self, a: str, b: str, actor_id: int) -> None:
        """Staff: these two reports are against different employers, however alike the names."""
        await self._link(a, b, "different", actor_id)

    async def _link(self, a: str, b: str, relation: str, actor_id: int) -> None:
        numbers = {n for n, _ in await self.repo.reports()}
        if a == b or a not in numbers or b not in numbers:
            raise DomainError("error-case-not-found")
        now = self.clock.now()
        await self.repo.set_link(a, b, relation, actor_id, now)
        await self.audit.record(now, actor_id, f"wage_link_{relation}", f"{a} {b}")


def _facts(number: str, extra: dict[str, str]) -> WageReportFacts:
    start = date.fromisoformat(extra["unpaid_from"])
    return WageReportFacts(
        case_number=number,
        employer_name=extra.get("employer", ""),
        amount_owed=Decimal(extra.get("amount", "0.01")),
        workers_owed=int(extra.get("workers", "1")),
        period_start=start,
        period_end=date.fromisoformat(extra.get("unpaid_to", extra["unpaid_from"])),
    )
