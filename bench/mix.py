"""A realistic mix of conversations from simulated citizens, written like the conversation tests."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import timedelta

import yaml

from bench.driver import ROOT, STAFF_USER_ID, WAIT, Citizen, Script
from bot.domain.booking import HearingDraft, HearingType
from bot.offline import Person

STORY = "2026年2月，某公司冒用我的名义签订合同，骗走五万元，我要求追究责任。"
EMPLOYERS = [
    "吉林某某建筑工程有限公司",
    "某某建筑公司",
    "长春示例劳务派遣有限公司",
    "示例区幸福家政服务部",
    "某某餐饮店",
    "金龙装饰工程有限公司",
    "示例市城建集团第三项目部",
    "宏达物流有限公司",
]
HEARING_TITLES = [f"第{i}号公开听证：示例案件" for i in range(1, 11)]

# (script kind, share of citizens)
MIX = (
    ("faq", 0.25),
    ("menu", 0.15),
    ("complaint", 0.15),
    ("wage", 0.10),
    ("booking", 0.15),
    ("status", 0.10),
    ("lookup", 0.10),
)


def _questions(lang: str) -> list[str]:
    path = ROOT / "tests" / "data" / "dev" / f"faq_{lang}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [str(item["text"]) for kind in ("answerable", "unanswerable") for item in data[kind]]


@dataclass
class Receipts:
    """Case numbers and access codes citizens were given, for others to look up."""

    found: list[tuple[str, str]] = field(default_factory=list)

    def note(self, replies: list[str]) -> None:
        joined = "\n".join(replies)
        number = re.search(r"(SD-\d{4}-\d{6})", joined)
        code = re.search(r"(?:查询码|Access code)[:：]\s*(\d{6})", joined)
        if number and code:
            self.found.append((number.group(1), code.group(1)))


class Mix:
    """Builds citizens whose scripts together make the mix; deterministic for a seed."""

    def __init__(self, seed: int = 9) -> None:
        self.rng = random.Random(seed)
        self.questions = {"zh-CN": _questions("zh-CN"), "en": _questions("en")}
        self.receipts = Receipts()

    def citizens(
        self, count: int, first_user_id: int = 100_000, steps: int | None = None
    ) -> list[Citizen]:
        """`count` citizens in the MIX proportions; `steps` cuts every script short (memory run)."""
        kinds = [kind for kind, share in MIX for _ in range(round(share * count))]
        kinds = (kinds + ["faq"] * count)[:count]
        self.rng.shuffle(kinds)
        people = []
        for i, kind in enumerate(kinds):
            user_id = first_user_id + i
            lang = "en" if kind in ("faq", "menu") and self.rng.random() < 0.3 else "zh-CN"
            person = Person(user_id, f"市民{i}", user_id, lang)
            script = getattr(self, kind)(person)
            if steps is not None:
                script = _cut(script, steps)
            people.append(Citizen(person, script, kind))
        return people

    # --- the scripts -------------------------------------------------------------------

    def faq(self, person: Person) -> Script:
        lang = person.language_code or "zh-CN"
        yield ("text", self.rng.choice(self.questions[lang]))
        yield ("press?", "👍")  # "Did this help?" when the matcher was confident
        if self.rng.random() < 0.5:
            yield ("text", self.rng.choice(self.questions[lang]))

    def menu(self, person: Person) -> Script:
        yield ("text", "/start")
        yield ("press", 5)  # 🏛 hearings and reception day
        yield ("text", "/help")
        yield ("text", "/start")
        yield ("press", 4)  # 📂 my cases (none yet)
        yield ("text", "/privacy")

    def complaint(self, person: Person) -> Script:
        yield ("text", "/start")
        yield ("press", "控告 / 申诉 / 举报")
        yield ("press", "控告")
        yield ("text", "某某贸易有限公司")
        yield ("text", STORY)
        yield ("text", "示例区人民路 10 号")
        yield ("photo", f"photo-{person.user_id}")
        yield ("press", "材料已发完")
        if self.rng.random() < 0.2:
            yield ("press", "匿名提交")
        else:
            yield ("text", "138 1234 5678")
            yield ("text", person.first_name)
        replies = yield ("press", "提交")
        self.receipts.note(replies)

    def wage(self, person: Person) -> Script:
        yield ("text", "/start")
        yield ("press", "农民工讨薪")
        yield ("press", "建筑工地")
        yield ("text", self.rng.choice(EMPLOYERS))
        yield ("text", "长春市示例区幸福小区3期工地")
        yield ("text", "钢筋工")
        yield ("text", "去年10月到今年1月")
        yield ("text", self.rng.choice(["三万五千", "3.5万", "35000", "12,000元"]))
        yield ("text", str(self.rng.randint(1, 30)))
        yield ("press", "没有材料")
        yield ("press", "发送我的手机号")
        yield ("text", "张建国")
        yield ("press", "跳过")
        yield ("press", "我已知晓并确认")
        replies = yield ("press", "提交")
        self.receipts.note(replies)

    def booking(self, person: Person) -> Script:
        yield ("text", "/start")
        yield ("press", "听证会与接待日")
        yield ("press", "近期公开听证会")
        yield ("press", self.rng.randint(1, 5))
        replies = yield ("press", 1)  # book a seat / join the waitlist
        if replies and "姓名" in replies[-1]:
            yield ("text", person.first_name)
            yield ("text", f"139{person.user_id % 100_000_000:08d}")

    def status(self, person: Person) -> Script:
        """File a complaint, then follow it under My cases."""
        yield from self.complaint(person)
        yield ("text", "/start")
        yield ("press", "我的案件")
        yield ("press", 1)  # the case just filed
        yield ("text", "/mycases")

    def lookup(self, person: Person) -> Script:
        """Look up a case filed by someone else, by number and access code."""
        replies: list[str] = []
        while not self.receipts.found:
            replies = yield WAIT
        del replies
        number, code = self.rng.choice(self.receipts.found)
        yield ("text", "/start")
        yield ("press", "我的案件")
        yield ("press", "用编号和查询码查询")
        yield ("text", number)
        yield ("text", code)


def _cut(script: Script, steps: int) -> Script:
    """The first `steps` actions of a script: a citizen who stops half-way (the draft stays)."""
    try:
        action = next(script)
    except StopIteration:
        return
    for step in range(steps):
        replies = yield action
        if step == steps - 1:
            return
        try:
            action = script.send(replies)
        except StopIteration:
            return


async def publish_hearings(app: object, seats: int = 40) -> None:
    """Hearings ten to twenty days ahead for the booking scripts, published as staff would."""
    services = app.services  # type: ignore[attr-defined]
    now = services.clock.now()
    for i, title in enumerate(HEARING_TITLES):
        start = (now + timedelta(days=10 + i)).replace(hour=1, minute=30, second=0, microsecond=0)
        draft = HearingDraft(
            title=title,
            case_type=HearingType.non_prosecution,
            venue="本院听证室",
            address="示例区检察路1号",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            seats=seats,
        )
        await services.bookings.create_hearing(draft, STAFF_USER_ID)
