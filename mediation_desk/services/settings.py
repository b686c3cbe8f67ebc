"""Desk settings with their defaults (deadline days per source, warning days, wage)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ..domain.deadlines import DEFAULT_MEDIATION_DAYS, HolidayCalendar
from ..domain.enums import CaseSource
from ..storage import directory
from ..storage.store import Store

# 2023 national average wage of urban non-private employers; replace with the
# province's latest published figure (REFERENCE §4.1, open item 4).
DEFAULT_AVG_WAGE = Decimal("120698")


@dataclass
class Settings:
    """Settings a director can change; stored as JSON in the settings table."""

    due_soon_days: int = 7
    deadline_days: dict[str, int] = field(
        default_factory=lambda: {s.value: d for s, d in DEFAULT_MEDIATION_DAYS.items()})
    avg_wage: Decimal = DEFAULT_AVG_WAGE
    avg_wage_year: int = 2023
    language: str = "zh_CN"
    holiday_overrides: dict[str, bool] = field(default_factory=dict)

    def days_for(self, source: CaseSource) -> int:
        """Mediation period in days for a case source."""
        return int(self.deadline_days.get(source.value, DEFAULT_MEDIATION_DAYS[source]))

    def calendar(self) -> HolidayCalendar:
        """The holiday calendar with local overrides applied."""
        return HolidayCalendar({date.fromisoformat(k): bool(v)
                                for k, v in self.holiday_overrides.items()})

    def to_json(self) -> dict[str, Any]:
        return {"due_soon_days": self.due_soon_days, "deadline_days": self.deadline_days,
                "avg_wage": str(self.avg_wage), "avg_wage_year": self.avg_wage_year,
                "language": self.language, "holiday_overrides": self.holiday_overrides}


def load_settings(store: Store) -> Settings:
    """Current settings (defaults for what is not stored)."""
    raw = directory.all_settings(store.db)
    s = Settings()
    if "due_soon_days" in raw:
        s.due_soon_days = int(raw["due_soon_days"])
    if "deadline_days" in raw:
        s.deadline_days.update({k: int(v) for k, v in raw["deadline_days"].items()})
    if "avg_wage" in raw:
        s.avg_wage = Decimal(str(raw["avg_wage"]))
    if "avg_wage_year" in raw:
        s.avg_wage_year = int(raw["avg_wage_year"])
    if "language" in raw:
        s.language = str(raw["language"])
    if "holiday_overrides" in raw:
        s.holiday_overrides = dict(raw["holiday_overrides"])
    return s


def save_settings(store: Store, actor: str, settings: Settings) -> None:
    """Store every setting in one audited operation."""
    from ..domain.errors import ValidationError

    problems: dict[str, list[str]] = {}
    if not 0 <= settings.due_soon_days <= 60:
        problems["due_soon_days"] = ["提醒天数应在0到60之间"]
    for k, v in settings.deadline_days.items():
        if not 1 <= int(v) <= 365:
            problems[f"deadline_days.{k}"] = ["调解期限应在1到365天之间"]
    if settings.avg_wage <= 0:
        problems["avg_wage"] = ["平均工资必须大于0"]
    if settings.language not in ("zh_CN", "en"):
        problems["language"] = ["界面语言只能是 zh_CN 或 en"]
    if problems:
        raise ValidationError(problems)
    with store.operation(actor, "update_settings", summary="修改设置") as work:
        for key, value in settings.to_json().items():
            work.set_setting(key, value)
