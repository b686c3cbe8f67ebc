"""Desk settings with their defaults (deadline periods per source, warning days, wage).

The holiday calendar is not a setting: it is built from the holiday notices (see
:mod:`.calendar`) and attached to the loaded settings, so every deadline computed from
``settings.calendar()`` uses the arrangement in force at this desk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ..documents.case_file_front import DEFAULT_RETENTION
from ..documents.case_file_front import RETENTION_CHOICES as RETENTION_CHOICES  # re-exported
from ..domain.deadlines import DEFAULT_MEDIATION_DAYS, HolidayCalendar, Period
from ..domain.enums import CaseSource, PeriodUnit
from ..storage.store import Store
from .access import require

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
    avg_wage_province: str = ""  # whose figure avg_wage is, e.g. 山东省 ("" = the default)
    language: str = "zh_CN"
    # per source: "days" or "months" (a period written 「一个月」 in its rule)
    deadline_units: dict[str, str] = field(
        default_factory=lambda: {s.value: PeriodUnit.DAYS.value for s in CaseSource})
    holiday_calendar: HolidayCalendar = field(default_factory=HolidayCalendar, compare=False,
                                              repr=False)
    # backups (services/backup.py): folder ("" = backups in the user data folder) and rotation
    backup_dir: str = ""
    backup_keep_daily: int = 7
    backup_keep_weekly: int = 4
    backup_keep_monthly: int = 12
    lock_minutes: int = 10  # the GUI locks after this many minutes without input
    case_file_retention: str = DEFAULT_RETENTION  # 卷宗封面的保管期限 (REFERENCE §2.1)
    # 人民调解委员会名称: the committee's registered name, on seal lines and wherever the
    # papers mean the committee ("" = the center's name)
    committee_name: str = ""

    def days_for(self, source: CaseSource) -> int:
        """Length of the mediation period for a case source (in its unit)."""
        return int(self.deadline_days.get(source.value, DEFAULT_MEDIATION_DAYS[source]))

    def unit_for(self, source: CaseSource) -> PeriodUnit:
        """Whether the source's period counts days or months."""
        return PeriodUnit(self.deadline_units.get(source.value, PeriodUnit.DAYS.value))

    def period_for(self, source: CaseSource) -> Period:
        """The mediation period of a case source, e.g. 30 days or 1 month."""
        return Period(self.days_for(source), self.unit_for(source))

    def calendar(self) -> HolidayCalendar:
        """The holiday calendar in force (notices recorded or received at this desk)."""
        return self.holiday_calendar

    def to_json(self) -> dict[str, Any]:
        return {"due_soon_days": self.due_soon_days, "deadline_days": self.deadline_days,
                "avg_wage": str(self.avg_wage), "avg_wage_year": self.avg_wage_year,
                "avg_wage_province": self.avg_wage_province,
                "language": self.language, "deadline_units": self.deadline_units,
                "backup_dir": self.backup_dir, "backup_keep_daily": self.backup_keep_daily,
                "backup_keep_weekly": self.backup_keep_weekly,
                "backup_keep_monthly": self.backup_keep_monthly,
                "lock_minutes": self.lock_minutes,
                "case_file_retention": self.case_file_retention,
                "committee_name": self.committee_name}


def load_settings(store: Store) -> Settings:
    """Current settings (defaults for what is not stored)."""
    raw = store.directory.settings()
    s = Settings()
    if "due_soon_days" in raw:
        s.due_soon_days = int(raw["due_soon_days"])
    if "deadline_days" in raw:
        s.deadline_days.update({k: int(v) for k, v in raw["deadline_days"].items()})
    if "avg_wage" in raw:
        s.avg_wage = Decimal(str(raw["avg_wage"]))
    if "avg_wage_year" in raw:
        s.avg_wage_year = int(raw["avg_wage_year"])
    if "avg_wage_province" in raw:
        s.avg_wage_province = str(raw["avg_wage_province"])
    if "language" in raw:
        s.language = str(raw["language"])
    if "deadline_units" in raw:
        s.deadline_units.update({k: str(v) for k, v in raw["deadline_units"].items()})
    if "backup_dir" in raw:
        s.backup_dir = str(raw["backup_dir"])
    for key in ("backup_keep_daily", "backup_keep_weekly", "backup_keep_monthly",
                "lock_minutes"):
        if key in raw:
            setattr(s, key, int(raw[key]))
    if "case_file_retention" in raw:
        s.case_file_retention = str(raw["case_file_retention"])
    if "committee_name" in raw:
        s.committee_name = str(raw["committee_name"])
    s.holiday_calendar = HolidayCalendar(store.calendar.notices(), store.origin_code())
    return s


MAX_LOCK_MINUTES = 240
MAX_COMMITTEE_NAME = 60


def save_settings(store: Store, actor: str, settings: Settings) -> None:
    """Store every setting in one audited operation."""
    require(store, "update_settings")
    from ..domain.errors import ValidationError

    problems: dict[str, list[str]] = {}
    if not 0 <= settings.due_soon_days <= 60:
        problems["due_soon_days"] = ["提醒天数应在0到60之间"]
    for k, v in settings.deadline_days.items():
        unit = settings.deadline_units.get(k, PeriodUnit.DAYS.value)
        if unit not in {u.value for u in PeriodUnit}:
            problems[f"deadline_units.{k}"] = ["期限单位只能是日或月"]
        elif unit == PeriodUnit.MONTHS.value and not 1 <= int(v) <= 12:
            problems[f"deadline_days.{k}"] = ["按月计算的调解期限应在1到12个月之间"]
        elif not 1 <= int(v) <= 365:
            problems[f"deadline_days.{k}"] = ["调解期限应在1到365天之间"]
    if settings.avg_wage <= 0:
        problems["avg_wage"] = ["平均工资必须大于0"]
    settings.avg_wage_province = settings.avg_wage_province.strip()
    problems.update(wage_problems(settings, store.today()))
    if settings.language not in ("zh_CN", "en"):
        problems["language"] = ["界面语言只能是 zh_CN 或 en"]
    problems.update(backup_problems(settings))
    if not 1 <= int(settings.lock_minutes) <= MAX_LOCK_MINUTES:
        problems["lock_minutes"] = [f"自动锁定时间应在1到{MAX_LOCK_MINUTES}分钟之间"]
    if settings.case_file_retention not in RETENTION_CHOICES:
        problems["case_file_retention"] = [f"保管期限只能是{'、'.join(RETENTION_CHOICES)}之一"]
    settings.committee_name = settings.committee_name.strip()
    if len(settings.committee_name) > MAX_COMMITTEE_NAME:
        problems["committee_name"] = [f"人民调解委员会名称不能超过{MAX_COMMITTEE_NAME}个字"]
    if problems:
        raise ValidationError(problems)
    with store.operation(actor, "update_settings", summary="修改设置") as work:
        for key, value in settings.to_json().items():
            work.set_setting(key, value)


def backup_problems(settings: Settings) -> dict[str, list[str]]:
    """Problems with the backup settings: an absolute folder path, 1 to 366 of each kind."""
    from pathlib import Path

    problems: dict[str, list[str]] = {}
    settings.backup_dir = settings.backup_dir.strip()
    if settings.backup_dir and not Path(settings.backup_dir).is_absolute():
        problems["backup_dir"] = ["备份文件夹须为完整路径（如 E:\\调解备份 或 /media/u盘/备份）"]
    for key, most in (("backup_keep_daily", 366), ("backup_keep_weekly", 260),
                      ("backup_keep_monthly", 240)):
        if not 1 <= int(getattr(settings, key)) <= most:
            problems[key] = [f"保留份数应在1到{most}之间"]
    return problems


# -- the small-claims wage (CPL Art 165, CPLI Art 272) -------------------------------------
WAGE_PROVINCE_MAX = 20


def wage_problems(settings: Settings, today: date) -> dict[str, list[str]]:
    """Problems with the wage's year and province (the wage itself is checked by the caller).

    The year is a published figure's year: 2000 to this year. A figure other than the
    built-in default must say whose it is (the province), since the threshold is provincial.
    """
    problems: dict[str, list[str]] = {}
    if not 2000 <= settings.avg_wage_year <= today.year:
        problems["avg_wage_year"] = [f"平均工资的年度应在2000年到{today.year}年之间"]
    province = settings.avg_wage_province.strip()
    if len(province) > WAGE_PROVINCE_MAX:
        problems["avg_wage_province"] = [f"省份名称不超过{WAGE_PROVINCE_MAX}个字"]
    elif not province and settings.avg_wage != DEFAULT_AVG_WAGE:
        problems["avg_wage_province"] = ["请填写平均工资所属的省份（小额诉讼标准按本省数据计算）"]
    return problems


def wage_warning(settings: Settings, today: date) -> str | None:
    """The dashboard's warning when the wage figure is more than a year old, else None.

    CPLI Art 272 uses the latest published figure, normally last year's; a figure two or
    more years older than today's year needs updating.
    """
    if today.year - settings.avg_wage_year > 1:
        return f"小额诉讼标准所用平均工资为{settings.avg_wage_year}年数据，请更新"
    return None
