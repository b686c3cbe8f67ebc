"""Realistic statistics :class:`Report` objects built by hand, for the renderers' tests.

``sample_report()`` gives a center's monthly report (2026年11月) with every table the core
produces; ``court_desk=True`` gives the court's roll-up (by_center, litigation_source);
``public=True`` returns :func:`published` of it. Everything is deterministic and internally
consistent: table rows add up to their totals, rates are 成功/受理, every count figure
carries exactly ``value`` case ids. Known numbers a test can check:

- headline (center, monthly): 受理 842 (the sum of the by_type rows), 调解成功 809,
  成功率 96.1, 协议金额 1235.40 万元, 超期 7; 防止群体性事件 2 (a small cell);
- ``villages`` rows: village 0 has 1 case, village 1 has 2 (small cells), the rest more;
  village 2 has no case that went to court (a 无讼 candidate);
- by_mediator: mediator 0 (张明) has the best success rate; 李华 and 王芳 tie on rate and
  李华 has more cases.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from mediation_desk.domain.enums import CaseSource, DisputeType, EndReason
from mediation_desk.domain.statistics import (
    HEADLINE,
    Figure,
    MonthPoint,
    Report,
    ReportPeriod,
    Row,
    Table,
    published,
)

__all__ = ["MEDIATORS", "center_name", "sample_report", "village_name"]

TYPE_COLUMNS = ("accepted", "share", "succeeded", "success_rate", "amount", "overdue")
MEDIATOR_COLUMNS = ("accepted", "succeeded", "success_rate", "closed", "avg_days", "overdue",
                    "satisfaction", "jc_confirmed")
VILLAGE_COLUMNS = ("accepted", "share", "succeeded", "success_rate", "to_court")
CENTER_COLUMNS = ("accepted", "succeeded", "success_rate", "overdue", "overdue_rate",
                  "jc_confirmed", "handed_over")
LITIGATION_COLUMNS = ("received", "accepted", "not_accepted", "succeeded", "success_rate",
                      "overdue", "handed_over")

MEDIATORS = (("m-zhang", "张明"), ("m-li", "李华"), ("m-wang", "王芳"), ("m-zhao", "赵强"),
             ("m-chen", "陈静"))
_TOWNS = ("城关镇", "东关街道", "西河镇", "南山乡", "北湖镇", "青石镇", "柳林乡", "白马镇",
          "新桥街道", "龙泉镇")
_VILLAGES = ("东风村", "红旗村", "前进村", "幸福社区", "和平村", "光明社区", "团结村",
             "胜利村", "向阳村", "建设社区", "民主村", "长青村")


def center_name(i: int) -> str:
    """The ``i``-th center's name (unique for any ``i``)."""
    town = _TOWNS[i % len(_TOWNS)]
    suffix = "" if i < len(_TOWNS) else f"第{i // len(_TOWNS) + 1}"
    return f"{town}{suffix}人民调解委员会"


def village_name(i: int) -> str:
    """The ``i``-th village's name (unique for any ``i``)."""
    base = _VILLAGES[i % len(_VILLAGES)]
    return base if i < len(_VILLAGES) else f"{base}{i // len(_VILLAGES) + 1}组"


class _Ids:
    """Hands out distinct case ids, so every count carries exactly its cases."""

    def __init__(self) -> None:
        self.n = 0

    def take(self, count: int) -> tuple[str, ...]:
        out = tuple(f"case-{k:05d}" for k in range(self.n, self.n + count))
        self.n += count
        return out


def _count(ids: _Ids, key: str, n: int, previous: int | None = None,
           year_before: int | None = None) -> Figure:
    return Figure(key, n, ids.take(n), previous, year_before)


def _rate(key: str, num: Figure, den: int, previous: Decimal | None = None,
          year_before: Decimal | None = None) -> Figure:
    value = None if den == 0 else (Decimal(int(num.value or 0)) * 100 / den).quantize(
        Decimal("0.1"))
    return Figure(key, value, num.case_ids, previous, year_before)


def _row_counts(ids: _Ids, key: str, label: str, columns: tuple[str, ...], accepted: int,
                succeeded: int, total_accepted: int, *, overdue: int = 0, amount: str = "0",
                extra: dict[str, int] | None = None) -> Row:
    cells: dict[str, Figure] = {}
    acc = _count(ids, "accepted", accepted)
    suc = Figure("succeeded", succeeded, acc.case_ids[:succeeded])
    for col in columns:
        if col == "accepted":
            cells[col] = acc
        elif col == "share":
            cells[col] = _rate("share", acc, total_accepted)
        elif col == "succeeded":
            cells[col] = suc
        elif col == "success_rate":
            cells[col] = _rate("success_rate", suc, accepted)
        elif col == "amount":
            cells[col] = Figure("amount", Decimal(amount), suc.case_ids)
        elif col == "overdue":
            cells[col] = Figure("overdue", overdue, acc.case_ids[accepted - overdue:])
        elif extra is not None and col in extra:
            cells[col] = _count(ids, col, extra[col])
    return Row(key, label, cells)


def _total(rows: list[Row], columns: tuple[str, ...], label: str = "合计") -> Row:
    cells: dict[str, Figure] = {}
    for col in columns:
        figs = [r.cells[col] for r in rows if col in r.cells]
        if col in ("share",):
            cells[col] = Figure(col, Decimal("100.0"), ())
        elif col in ("success_rate", "overdue_rate", "avg_days", "satisfaction"):
            continue
        elif col == "amount":
            cells[col] = Figure(col, sum((Decimal(f.value or 0) for f in figs), Decimal(0)),
                                tuple(i for f in figs for i in f.case_ids))
        else:
            cells[col] = Figure(col, sum(int(f.value or 0) for f in figs),
                                tuple(i for f in figs for i in f.case_ids))
    if "success_rate" in columns:
        acc = int(cells["accepted"].value or 0)
        cells["success_rate"] = _rate("success_rate", cells["succeeded"], acc)
    if "overdue_rate" in columns:
        cells["overdue_rate"] = Figure("overdue_rate", Decimal("12.5"), cells["overdue"].case_ids)
    if "avg_days" in columns:
        cells["avg_days"] = Figure("avg_days", Decimal("9.4"), cells["closed"].case_ids)
    if "satisfaction" in columns:
        cells["satisfaction"] = Figure("satisfaction", Decimal("4.6"), ())
    return Row("", label, {c: cells[c] for c in columns if c in cells})


# accepted, succeeded, amount (万元), overdue per dispute type (a center's month)
_TYPE_DATA: dict[DisputeType, tuple[int, int, str, int]] = {
    DisputeType.MARRIAGE_FAMILY: (168, 163, "85.20", 1),
    DisputeType.NEIGHBOUR: (196, 192, "12.60", 0),
    DisputeType.HOUSING_HOMESTEAD: (74, 70, "96.00", 1),
    DisputeType.CONTRACT: (88, 84, "310.55", 1),
    DisputeType.PRODUCTION_BUSINESS: (31, 29, "140.00", 0),
    DisputeType.DAMAGES: (95, 92, "120.35", 1),
    DisputeType.FOREST_LAND: (12, 11, "8.40", 0),
    DisputeType.LAND_REQUISITION: (9, 8, "60.00", 1),
    DisputeType.ENVIRONMENT: (6, 6, "1.20", 0),
    DisputeType.LABOUR: (54, 51, "180.10", 1),
    DisputeType.CONSUMER: (21, 21, "3.45", 0),
    DisputeType.MEDICAL: (2, 1, "35.00", 0),
    DisputeType.TRAFFIC: (47, 45, "160.55", 0),
    DisputeType.PROPERTY_MANAGEMENT: (30, 27, "22.00", 1),
    DisputeType.OTHER: (9, 9, "0.00", 0),
}
_SOURCE_SHARE = {CaseSource.PARTY_APPLICATION: 0.46, CaseSource.SELF_INITIATED: 0.28,
                 CaseSource.COURT_DELEGATED: 0.12, CaseSource.COURT_ENTRUSTED: 0.04,
                 CaseSource.POLICE_TRANSFER: 0.07, CaseSource.GOVERNMENT_ASSIGNED: 0.03}


def _split(total: int, weights: list[float]) -> list[int]:
    """``total`` split by ``weights`` into whole numbers that add up to it."""
    raw = [total * w / sum(weights) for w in weights]
    out = [int(x) for x in raw]
    for k in sorted(range(len(raw)), key=lambda k: out[k] - raw[k])[:total - sum(out)]:
        out[k] += 1
    return out


def _headline(ids: _Ids, accepted: int, succeeded: int, amount: Decimal,
              overdue: int, court_desk: bool) -> dict[str, Figure]:
    scale = 8 if court_desk else 1
    f: dict[str, Figure] = {}
    f["received"] = _count(ids, "received", accepted + 18 * scale, 801, 702)
    f["accepted"] = Figure("accepted", accepted, ids.take(accepted), 790, 688)
    f["succeeded"] = Figure("succeeded", succeeded, f["accepted"].case_ids[:succeeded], 765, 660)
    f["partial"] = Figure("partial", 23 * scale, f["succeeded"].case_ids[:23 * scale], 19, 25)
    f["success_rate"] = _rate("success_rate", f["succeeded"], accepted, Decimal("96.8"),
                              Decimal("95.9"))
    f["amount"] = Figure("amount", amount, f["succeeded"].case_ids, Decimal("1102.30"),
                         Decimal("980.05"))
    f["jc_applied"] = _count(ids, "jc_applied", 140 * scale, 121, 98)
    f["jc_confirmed"] = _count(ids, "jc_confirmed", 130 * scale, 118, 90)
    f["jc_rejected"] = _count(ids, "jc_rejected", 3 * scale, 1, 0)
    f["jc_withdrawn"] = _count(ids, "jc_withdrawn", 2 * scale, 2, 1)
    f["handed_over"] = _count(ids, "handed_over", 75 * scale, 64, 41)
    f["filed"] = _count(ids, "filed", 60 * scale, 58, 40)
    f["returned_to_trial"] = _count(ids, "returned_to_trial", 4 * scale, 3, 5)
    f["not_accepted"] = _count(ids, "not_accepted", 18 * scale, 11, 14)
    f["terminated"] = _count(ids, "terminated", 26 * scale, 25, 28)
    f["due"] = _count(ids, "due", 8 * overdue, 50, 45)
    f["overdue"] = Figure("overdue", overdue, f["due"].case_ids[:overdue], 9, 12)
    f["overdue_rate"] = _rate("overdue_rate", f["overdue"], 8 * overdue, Decimal("18.0"),
                              Decimal("26.7"))
    f["closed"] = _count(ids, "closed", succeeded + 26 * scale, 790, 690)
    f["avg_days"] = Figure("avg_days", Decimal("9.4"), f["closed"].case_ids, Decimal("10.2"),
                           Decimal("11.8"))
    f["median_days"] = Figure("median_days", Decimal("7.0"), f["closed"].case_ids,
                              Decimal("7.0"), Decimal("8.0"))
    f["follow_ups"] = _count(ids, "follow_ups", 300 * scale, 280, 250)
    f["satisfaction"] = Figure("satisfaction", Decimal("4.6"), f["follow_ups"].case_ids,
                               Decimal("4.5"), Decimal("4.4"))
    f["prevented_criminal"] = _count(ids, "prevented_criminal", 5 * scale, 4, 6)
    f["prevented_criminal_persons"] = Figure("prevented_criminal_persons", 12 * scale,
                                             f["prevented_criminal"].case_ids, 9, 14)
    # 2 on a center's desk: a small cell a published report hides
    f["prevented_mass"] = _count(ids, "prevented_mass", 2 * scale, 1, 0)
    f["prevented_mass_persons"] = Figure("prevented_mass_persons", 35 * scale,
                                         f["prevented_mass"].case_ids, 20, None)
    if scale > 1:  # the court's comparison periods are as large as its current one
        f = {k: replace(v, previous=v.previous * scale, year_before=v.year_before * scale)
             if isinstance(v.previous, int) and isinstance(v.year_before, int)
             and k not in ("received", "accepted", "succeeded", "due", "overdue", "closed")
             else v
             for k, v in f.items()}
    return {k: f[k] for k in HEADLINE}


def _mediator_table(ids: _Ids, mediators: int) -> Table:
    # accepted, succeeded, closed, avg_days, overdue, satisfaction, jc_confirmed
    base = ((180, 179, 186, "8.1", 0, "4.9", 31), (160, 156, 165, "9.0", 1, "4.7", 28),
            (120, 117, 124, "9.6", 1, "4.6", 22), (150, 144, 155, "10.3", 2, "4.4", 25),
            (90, 85, 94, "11.0", 2, "4.2", 14))
    rows = []
    for k in range(mediators):
        acc, suc, closed, days, over, sat, jc = base[k % len(base)]
        key, name = MEDIATORS[k] if k < len(MEDIATORS) else (f"m-{k}", f"调解员{k + 1}")
        a = _count(ids, "accepted", acc)
        s = Figure("succeeded", suc, a.case_ids[:suc])
        cl = _count(ids, "closed", closed)
        rows.append(Row(key, name, {
            "accepted": a, "succeeded": s, "success_rate": _rate("success_rate", s, acc),
            "closed": cl, "avg_days": Figure("avg_days", Decimal(days), cl.case_ids),
            "overdue": Figure("overdue", over, a.case_ids[:over]),
            "satisfaction": Figure("satisfaction", Decimal(sat), cl.case_ids[:40]),
            "jc_confirmed": _count(ids, "jc_confirmed", jc)}))
    return Table("by_mediator", "按调解员", MEDIATOR_COLUMNS, tuple(rows),
                 _total(rows, MEDIATOR_COLUMNS),
                 note="一件案件由两名调解员共同办理的，分别计入每名调解员，合计按案件计。")


def _village_table(ids: _Ids, villages: int) -> Table:
    counts = [1, 2, *((7 * k) % 23 + 3 for k in range(2, max(villages, 2)))][:villages]
    total = sum(counts)
    rows = []
    for k, acc in enumerate(counts):
        suc = acc if k < 3 else acc - (k % 3 == 0)
        to_court = 0 if k == 2 else (k % 4 == 1) + (acc > 10)
        rows.append(_row_counts(ids, f"v{k}", village_name(k), VILLAGE_COLUMNS, acc, suc,
                                total, extra={"to_court": to_court}))
    return Table("by_village", "按村（社区）", VILLAGE_COLUMNS, tuple(rows),
                 _total(rows, VILLAGE_COLUMNS),
                 note="无讼候选：本期没有案件进入诉讼的村（社区）。")


def _center_tables(ids: _Ids, centers: int) -> tuple[Table, Table]:
    rows = []
    lit_rows = []
    for k in range(centers):
        acc = 40 + (k * 37) % 200
        suc = acc - (k * 7) % 9
        over = (k * 5) % 4
        due = over * 5 + 3
        jc = acc // 6
        handed = (acc - suc) // 2
        a = _count(ids, "accepted", acc)
        s = Figure("succeeded", suc, a.case_ids[:suc])
        o = Figure("overdue", over, a.case_ids[:over])
        rows.append(Row(f"c{k}", center_name(k), {
            "accepted": a, "succeeded": s, "success_rate": _rate("success_rate", s, acc),
            "overdue": o, "overdue_rate": _rate("overdue_rate", o, due),
            "jc_confirmed": _count(ids, "jc_confirmed", jc),
            "handed_over": _count(ids, "handed_over", handed)}))
        rec = acc // 5 + 2
        lacc = rec - (k % 3)
        lsuc = max(0, lacc - (k % 4))
        la = _count(ids, "accepted", lacc)
        ls = Figure("succeeded", lsuc, la.case_ids[:lsuc])
        lit_rows.append(Row(f"c{k}", center_name(k), {
            "received": _count(ids, "received", rec), "accepted": la,
            "not_accepted": _count(ids, "not_accepted", rec - lacc), "succeeded": ls,
            "success_rate": _rate("success_rate", ls, lacc),
            "overdue": Figure("overdue", min(over, lacc), la.case_ids[:min(over, lacc)]),
            "handed_over": _count(ids, "handed_over", lacc - lsuc)}))

    def rate_key(r: Row) -> tuple[Decimal, int]:
        v = r.cells["success_rate"].value
        return (Decimal(v) if v is not None else Decimal(-1), int(r.cells["accepted"].value or 0))

    ranked = sorted(rows, key=rate_key, reverse=True)
    ranked_rows = [Row(r.key, r.label, r.cells, rank=n) for n, r in enumerate(ranked, start=1)]
    total = _total(rows, CENTER_COLUMNS)
    due_total = sum(((k * 5) % 4) * 5 + 3 for k in range(centers))
    total = Row("", "合计", {**total.cells, "overdue_rate": _rate(
        "overdue_rate", total.cells["overdue"], due_total)})
    by_center = Table("by_center", "按调解组织", CENTER_COLUMNS, tuple(ranked_rows), total,
                      note="按调解成功率排名；成功率相同的，受理数多者在前。")
    litigation = Table("litigation_source", "诉源治理（法院委派调解）", LITIGATION_COLUMNS,
                       tuple(lit_rows), _total(lit_rows, LITIGATION_COLUMNS),
                       note="仅统计法院委派（诉前）调解的案件。")
    return by_center, litigation


def sample_report(public: bool = False, court_desk: bool = False, centers: int = 3,
                  villages: int = 5, *, period: ReportPeriod | None = None,
                  mediators: int = 5) -> Report:
    """A realistic report with every table (see the module docstring for its numbers).

    ``period`` defaults to 2026年11月 (monthly); pass ``ReportPeriod.year(2026)`` for a
    yearly report (assessment). ``court_desk`` adds 按调解组织 (ranked, ``centers`` rows)
    and 诉源治理; ``villages`` sets the rows of 按村（社区）; ``public`` returns the
    published (对外发布) version.
    """
    period = period or ReportPeriod.month(2026, 11)
    ids = _Ids()
    type_accepted = sum(v[0] for v in _TYPE_DATA.values())
    type_rows = [_row_counts(ids, t.value, t.label, TYPE_COLUMNS, a, s, type_accepted,
                             overdue=o, amount=amt)
                 for t, (a, s, amt, o) in _TYPE_DATA.items()]
    by_type = Table("by_type", "按纠纷类型", TYPE_COLUMNS, tuple(type_rows),
                    _total(type_rows, TYPE_COLUMNS))
    total_cells = by_type.total.cells if by_type.total else {}
    accepted = int(total_cells["accepted"].value or 0)
    succeeded = int(total_cells["succeeded"].value or 0)
    amount = Decimal(total_cells["amount"].value or 0)
    overdue = int(total_cells["overdue"].value or 0)

    src_acc = _split(accepted, list(_SOURCE_SHARE.values()))
    src_suc = _split(succeeded, list(_SOURCE_SHARE.values()))
    src_over = _split(overdue, [0.3, 0.2, 0.3, 0.1, 0.1, 0.0])
    src_amt = _split(int(amount * 100), list(_SOURCE_SHARE.values()))
    source_rows = [_row_counts(ids, s.value, s.label, TYPE_COLUMNS, a, min(a, su), accepted,
                               overdue=o, amount=str(Decimal(am) / 100))
                   for s, a, su, o, am in zip(_SOURCE_SHARE, src_acc, src_suc, src_over,
                                              src_amt, strict=True)]
    by_source = Table("by_source", "按案件来源", TYPE_COLUMNS, tuple(source_rows),
                      _total(source_rows, TYPE_COLUMNS))

    end_counts = {EndReason.WITHDRAWN_SETTLED: 6, EndReason.UNREACHABLE: 3,
                  EndReason.UNWILLING: 7, EndReason.GAP_TOO_LARGE: 6,
                  EndReason.EXPIRED_NO_CONSENT: 1, EndReason.REFUSED_TO_SIGN: 2,
                  EndReason.OTHER: 1}
    end_rows = [Row(r.value, r.label, {"terminated": _count(ids, "terminated", n)})
                for r, n in end_counts.items()]
    by_end = Table("by_end_reason", "终止原因", ("terminated",), tuple(end_rows),
                   _total(end_rows, ("terminated",)))
    sat_counts = (228, 51, 14, 5, 2)
    sat_rows = [Row(str(5 - k), f"{5 - k}分", {"follow_ups": _count(ids, "follow_ups", n)})
                for k, n in enumerate(sat_counts)]
    satisfaction = Table("satisfaction", "满意度分布", ("follow_ups",), tuple(sat_rows),
                         _total(sat_rows, ("follow_ups",)))

    tables: list[Table] = [by_type, by_source, _mediator_table(ids, mediators),
                           _village_table(ids, villages)]
    if court_desk:
        by_center, litigation = _center_tables(ids, centers)
        tables += [by_center, litigation]
    tables += [by_end, satisfaction]

    trend = []
    for k, month in enumerate(period.months_to(12)):
        acc = 620 + (k * 53) % 240
        suc = acc - 10 - (k * 3) % 17
        a = _count(ids, "accepted", acc)
        s = Figure("succeeded", suc, a.case_ids[:suc])
        trend.append(MonthPoint(month, a, s, _rate("success_rate", s, acc)))

    report = Report(
        period=period,
        unit_name="某某县人民法院" if court_desk else "城关镇人民调解委员会",
        figures=_headline(ids, accepted, succeeded, amount, overdue, court_desk),
        tables=tuple(tables), trend=tuple(trend), generated_on=date(2026, 12, 1),
        court_desk=court_desk, notes=("本报告按事件发生日期统计，不按案件当前状态统计。",))
    return published(report) if public else report
