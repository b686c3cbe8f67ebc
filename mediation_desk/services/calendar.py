"""The holiday calendar at this desk: notices entered, imported or received, and the
deadlines they move.

Every change of a notice is one audited operation that also recomputes the deadlines of
this center's cases that the change can move (the mediation period and the judicial-
confirmation window), so a deadline on screen is always the one the calendar in force
gives. A year without a complete notice or official data is *estimated*.

The notice file (``calendar import``) is plain UTF-8 text, one item per line::

    # 国务院办公厅关于2027年部分节假日安排的通知
    年份 2027
    标题 国务院办公厅关于2027年部分节假日安排的通知
    完整 是
    放假 2027-01-01 2027-01-03 元旦
    放假 2027-02-05 2027-02-11 春节
    上班 2027-02-14 春节调休上班

``年份`` (year) is required; ``标题`` (title) is optional; ``完整`` (complete) is 是 when the
file is the whole notice for the year (the default) or 否 for local adjustments only;
``放假`` (rest) and ``上班`` (work) take a date or a date range and a name. English
keywords ``year``, ``title``, ``complete yes|no``, ``rest`` and ``work`` are accepted too.
Blank lines and lines starting with ``#`` are ignored.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain.deadlines import jc_window_end
from ..domain.enums import DayKind, YearSource
from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.models import HolidayNotice, HolidaySpan
from ..domain.workdays import HolidayCalendar
from ..storage.store import Store, Work
from .access import require
from .base import CaseServiceBase
from .files import read_input_file
from .settings import load_settings

MAX_NOTICE_FILE_BYTES = 64 * 1024
MAX_SPANS = 100
MAX_NAME = 40
MAX_TITLE = 200
YEAR_RANGE = (2000, 2100)


@dataclass
class YearStatus:
    """One row of the settings page's year list."""

    year: int
    source: YearSource
    title: str = ""
    notice_ids: list[str] = field(default_factory=list)


@dataclass
class CalendarChange:
    """What saving a notice did: the notice and the cases whose deadlines moved."""

    notice: HolidayNotice
    moved: list[str] = field(default_factory=list)  # case numbers


def load_calendar(store: Store) -> HolidayCalendar:
    """The calendar in force at this desk."""
    return HolidayCalendar(store.calendar.notices(), store.origin_code())


def notices(store: Store, year: int | None = None) -> list[HolidayNotice]:
    """Live notices (of one year, or all)."""
    return [n for n in store.calendar.notices() if year is None or n.year == year]


def year_overview(store: Store, years: range) -> list[YearStatus]:
    """Source and notice of every year in ``years`` (for the settings page and the CLI)."""
    cal = load_calendar(store)
    out = []
    for y in years:
        info = cal.year(y)
        out.append(YearStatus(y, info.source, info.notice_title,
                              [n.id for n in cal.notices if n.year == y]))
    return out


# -- validation -----------------------------------------------------------------------
def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def _bad_text(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text)


def validate_notice(n: HolidayNotice, today: date) -> None:
    """Raise ValidationError (field -> Chinese messages) when ``n`` cannot be saved."""
    problems: dict[str, list[str]] = {}
    if not YEAR_RANGE[0] <= n.year <= min(YEAR_RANGE[1], today.year + 2):
        problems["year"] = [f"年份应在{YEAR_RANGE[0]}年到{today.year + 2}年之间"]
    if len(n.title) > MAX_TITLE or _bad_text(n.title):
        problems["title"] = [f"标题不超过{MAX_TITLE}字，且不能含控制字符"]
    if not n.spans:
        problems["spans"] = ["请至少填写一段放假或上班日期"]
    if len(n.spans) > MAX_SPANS:
        problems["spans"] = [f"一份安排最多{MAX_SPANS}段日期"]
    seen: dict[date, DayKind] = {}
    for i, s in enumerate(n.spans, 1):
        key = f"spans.{i}"
        if s.end < s.start:
            problems.setdefault(key, []).append(f"第{i}段：结束日期早于开始日期")
            continue
        if s.start.year != n.year or s.end.year != n.year:
            problems.setdefault(key, []).append(f"第{i}段：日期须在{n.year}年内")
            continue
        if (s.end - s.start).days > 31:
            problems.setdefault(key, []).append(f"第{i}段：一段不能超过31天")
            continue
        if len(s.name) > MAX_NAME or _bad_text(s.name):
            problems.setdefault(key, []).append(
                f"第{i}段：名称不超过{MAX_NAME}字，且不能含控制字符")
        d = s.start
        while d <= s.end:
            if seen.get(d, s.kind) is not s.kind:
                problems.setdefault(key, []).append(
                    f"第{i}段：{d.isoformat()}既被列为放假又被列为上班")
                break
            seen[d] = s.kind
            d = date.fromordinal(d.toordinal() + 1)
    if problems:
        raise ValidationError(problems)


# -- the notice file --------------------------------------------------------------------
_KEYS = {"年份": "year", "year": "year", "标题": "title", "title": "title",
         "完整": "complete", "complete": "complete", "放假": "rest", "休息": "rest",
         "rest": "rest", "上班": "work", "work": "work"}
_YES = {"是": True, "yes": True, "true": True, "1": True,
        "否": False, "no": False, "false": False, "0": False}


def _day(text: str, line: int) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError({f"第{line}行": [f"日期“{text[:20]}”无效，应写成 2027-01-01"]}) \
            from None


def parse_notice_text(text: str) -> HolidayNotice:
    """A notice from the documented text format; errors name the line."""
    year: int | None = None
    title, complete = "", True
    spans: list[HolidaySpan] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        key = _KEYS.get(word.strip().rstrip("：:").lower())
        rest = rest.strip()
        if key is None:
            raise ValidationError({f"第{n}行": [f"不认识的项目“{word[:20]}”，"
                                                 "应为 年份、标题、完整、放假 或 上班"]})
        if key == "year":
            if not rest.isdigit() or len(rest) != 4:
                raise ValidationError({f"第{n}行": ["年份应为四位数字，如 2027"]})
            year = int(rest)
        elif key == "title":
            title = _clean(rest)
        elif key == "complete":
            if rest.lower() not in _YES:
                raise ValidationError({f"第{n}行": ["“完整”应为 是 或 否"]})
            complete = _YES[rest.lower()]
        else:
            parts = rest.split(maxsplit=2)
            if not parts:
                raise ValidationError({f"第{n}行": ["缺少日期"]})
            start = _day(parts[0], n)
            if len(parts) > 1 and parts[1][:1].isdigit():
                end, name = _day(parts[1], n), (parts[2] if len(parts) > 2 else "")
            else:
                end, name = start, " ".join(parts[1:])
            spans.append(HolidaySpan(start=start, end=end, kind=DayKind(key), name=_clean(name)))
    if year is None:
        raise ValidationError({"year": ["文件中缺少“年份”一行"]})
    return HolidayNotice(year=year, title=title, complete=complete, spans=spans)


def notice_text(n: HolidayNotice) -> str:
    """A notice in the file format (``calendar export``; round-trips with the parser)."""
    lines = [f"# {n.title or f'{n.year}年节假日安排'}", f"年份 {n.year}"]
    if n.title:
        lines.append(f"标题 {n.title}")
    lines.append(f"完整 {'是' if n.complete else '否'}")
    for s in n.spans:
        word = "放假" if s.kind is DayKind.REST else "上班"
        days = s.start.isoformat() if s.start == s.end else f"{s.start} {s.end}"
        lines.append(f"{word} {days} {s.name}".rstrip())
    return "\n".join(lines) + "\n"


def read_notice_file(path: str | Path) -> HolidayNotice:
    """Parse a notice file (regular file, UTF-8, at most 64 KiB)."""
    raw = read_input_file(path, limit=MAX_NOTICE_FILE_BYTES, what="节假日安排文件")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DomainError("文件不是 UTF-8 编码的文本，请另存为 UTF-8 后再导入。",
                          code="file_encoding") from None
    return parse_notice_text(text)


# -- changes ----------------------------------------------------------------------------
def _own_complete(store: Store, year: int) -> HolidayNotice | None:
    me = store.origin_code()
    found = [n for n in store.calendar.notices()
             if n.year == year and n.complete and n.origin == me]
    return found[0] if found else None


def _content(n: HolidayNotice) -> tuple[object, ...]:
    return (n.year, n.title, n.complete, n.spans, n.note, n.deleted)


def save_notice(store: Store, actor: str, notice: HolidayNotice) -> CalendarChange:
    """Add or change a notice of this desk; recompute the deadlines it moves."""
    require(store, "save_holiday_notice")
    if notice.origin and notice.origin != store.origin_code():
        raise DomainError("这份节假日安排由法院下发，只能由法院修改；可另行录入本机的安排。",
                          code="not_owner")
    notice.title = _clean(notice.title)
    validate_notice(notice, store.today())
    stored = store.calendar.notice(notice.id)
    if stored is not None and _content(stored) == _content(notice):
        return CalendarChange(stored, [])  # nothing to change, nothing to audit
    verb = "修改" if stored is not None else "录入"
    what = "节假日安排（完整通知）" if notice.complete else "节假日调整"
    with store.operation(actor, "save_holiday_notice",
                         summary=f"{verb}{notice.year}年{what}") as work:
        work.save_holiday_notice(notice)
        moved = recompute_deadlines(store, work, date(notice.year - 1, 12, 1))
        work.summary += f"，重新计算{len(moved)}件案件的期限" if moved else ""
    return CalendarChange(notice, moved)


def import_notice_file(store: Store, actor: str, path: str | Path) -> CalendarChange:
    """Import a notice file; a complete notice replaces this desk's one for the year."""
    require(store, "save_holiday_notice")
    incoming = read_notice_file(path)
    existing = _own_complete(store, incoming.year) if incoming.complete else None
    if existing is not None:
        existing.title, existing.spans = incoming.title, incoming.spans
        incoming = existing
    return save_notice(store, actor, incoming)


def delete_notice(store: Store, actor: str, notice_id: str) -> CalendarChange:
    """Tombstone one of this desk's notices; recompute the deadlines it moved."""
    require(store, "delete_holiday_notice")
    n = store.calendar.notice(notice_id)
    if n is None or n.deleted:
        raise NotFoundError("节假日安排", notice_id)
    if n.origin != store.origin_code():
        raise DomainError("这份节假日安排由法院下发，不能在本机删除。", code="not_owner")
    n.deleted = True
    with store.operation(actor, "delete_holiday_notice",
                         summary=f"删除{n.year}年节假日安排") as work:
        work.save_holiday_notice(n)
        moved = recompute_deadlines(store, work, date(n.year - 1, 12, 1))
    return CalendarChange(n, moved)


def recompute_deadlines(store: Store, work: Work, since: date) -> list[str]:
    """Inside an operation: recompute this center's deadlines on or after ``since``.

    Reads the notices as they now stand in the open transaction, so the new calendar is
    used; returns the numbers of the cases whose dates changed.
    """
    me = store.directory.self_center()
    if me is None:
        return []
    settings = load_settings(store)
    ops = CaseServiceBase(store, settings)
    cal = settings.calendar()
    moved = []
    for case in store.calendar.cases_with_deadlines_from(me.id, since):
        before = (case.due_on, case.base_due_on, case.jc_due_on)
        if case.accepted_on is not None:
            ops.recompute_due(case)
        if case.jc_due_on is not None:
            agreement = store.items.agreement_of(case.id)
            if agreement is not None and agreement.effective_on is not None:
                case.jc_due_on = jc_window_end(agreement.effective_on, cal).due
        if (case.due_on, case.base_due_on, case.jc_due_on) != before:
            work.save_case(case)
            moved.append(case.number)
    return moved
