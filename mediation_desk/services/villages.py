"""The village view (村居视图, 无讼社区): disputes per village or community in a period.

For each village or community, in a :class:`~..domain.statistics.ReportPeriod`: 受理
(accepted), 重复纠纷 (repeat disputes), 调解成功 (succeeded) and 进入诉讼 (went to court),
each a :class:`~..domain.statistics.Figure` carrying exactly the cases it counts; and the
无讼 candidates: villages with a case accepted in the period and none that went to court in
it. The counting rules are those of :mod:`..storage.village_queries` (docs/statistics-villages.md).

A case belongs to the village of its first applicant that has one recorded, else of any
party by position, else to “（未填写）”. On a court desk the same village name under two
centers is two rows, each labelled with its center.

Reading statistics is open to every role (``READ_ONLY_VIEWS``); what is published
(``public=True``) goes through :func:`~..domain.statistics.published`: no case ids, counts of
1 or 2 shown as ``<3``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set
from dataclasses import dataclass, replace

from ..domain.statistics import Figure, Report, ReportPeriod, Row, Table, published
from ..storage.store import Store
from ..storage.village_queries import VillageFacts, village_queries_of

UNRECORDED = "（未填写）"
"""The row of cases whose parties have no village recorded."""

VILLAGE_COLUMNS = ("accepted", "repeat", "succeeded", "to_court")
WUSONG_COLUMNS = ("accepted", "succeeded")

VILLAGE_NOTE = (
    "村（社区）按第一位填写了村（社区）的申请人计，申请人均未填写的按其他当事人（按顺序）计，"
    "均未填写的列为“（未填写）”。受理：受理日期在本期内；重复纠纷：本期受理、且同一当事人"
    "（身份证号相同；无身份证号的，姓名和电话相同）在本案收案前12个月内另有案件；调解成功："
    "协议生效日期在本期内，口头协议补写为书面协议不重复计算；进入诉讼：本期内移送立案、"
    "转诉讼或调解不成退回审判。各数均按本期发生的事件计，与案件现在的状态无关。")

WUSONG_NOTE = (
    "无讼村（社区）候选：本期受理纠纷至少1件、且本期没有案件进入诉讼（移送立案、转诉讼、"
    "调解不成退回审判）的村（社区）；未填写村（社区）的案件不计。本期共{count}个。")


@dataclass(frozen=True)
class _Place:
    key: str
    label: str
    village: str


class VillageService:
    """The 村居 view over a store (any role may read it)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # --- the facts ----------------------------------------------------------------------
    def facts(self, period: ReportPeriod, *, center_id: str | None = None) -> VillageFacts:
        """The cases each measure counts in ``period`` and their villages (one snapshot)."""
        with self.store.snapshot():
            return village_queries_of(self.store).facts(period.start, period.end, center_id)

    # --- the tables ---------------------------------------------------------------------
    def tables(self, period: ReportPeriod, *, center_id: str | None = None,
               public: bool = False) -> tuple[Table, Table]:
        """(村（社区）纠纷情况, 无讼村（社区）候选) from one read; published if ``public``."""
        report = self.report(period, center_id=center_id, public=public)
        villages, wusong = report.tables
        return villages, wusong

    def villages(self, period: ReportPeriod, *, center_id: str | None = None) -> Table:
        """Key ``villages``: a row per village (受理 desc, then name) and the total row."""
        return self.tables(period, center_id=center_id)[0]

    def wusong_candidates(self, period: ReportPeriod, *,
                          center_id: str | None = None) -> Table:
        """Key ``wusong``: villages with a case accepted and none gone to court in ``period``."""
        return self.tables(period, center_id=center_id)[1]

    def report(self, period: ReportPeriod, *, center_id: str | None = None,
               public: bool = False) -> Report:
        """A report holding the two tables (for the renderers); published if ``public``.

        Published, the candidates' cells are the village table's published cells, so the
        two tables hide the same cells and neither gives back what the other hides.
        """
        facts = self.facts(period, center_id=center_id)
        me = self.store.directory.self_center()
        kind = str(self.store.directory.setting("desk_kind", me.kind.value if me else "center"))
        places = self._places(facts)
        report = Report(period=period, unit_name=me.name if me else "", figures={},
                        tables=(village_table(facts, places),), trend=(),
                        generated_on=self.store.today(), court_desk=kind == "court",
                        center_id=center_id)
        if public:
            report = published(report)
        villages = report.tables[0]
        unrecorded = {p.key for p in places.values() if not p.village}
        report = replace(report, tables=(villages, wusong_table(villages, unrecorded)))
        return published(report) if public else report

    def _places(self, facts: VillageFacts) -> dict[str, _Place]:
        """Each counted case's row: its village, named with its center when the same name is
        found under more than one center."""
        centers_of: dict[str, set[str]] = defaultdict(set)
        for center, village in facts.places.values():
            centers_of[village].add(center)
        names = village_queries_of(self.store).center_names() if any(
            len(c) > 1 for c in centers_of.values()) else {}
        out: dict[str, _Place] = {}
        for cid, (center, village) in facts.places.items():
            label = village or UNRECORDED
            if len(centers_of[village]) > 1:
                code, name = names.get(center, (center, center))
                out[cid] = _Place(f"{code}/{village}", f"{label}（{name}）", village)
            else:
                out[cid] = _Place(village, label, village)
        return out


def _row(key: str, label: str, columns: tuple[str, ...],
         ids: dict[str, list[str]]) -> Row:
    return Row(key, label, {c: Figure(c, len(ids[c]), tuple(sorted(ids[c]))) for c in columns})


def village_table(facts: VillageFacts, places: dict[str, _Place]) -> Table:
    """村（社区）纠纷情况: a row per village with any counted case, and the total."""
    measures = {"accepted": facts.accepted, "repeat": facts.repeats,
                "succeeded": facts.succeeded, "to_court": facts.to_court}
    per: dict[_Place, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for column, ids in measures.items():
        for cid in ids:
            per[places[cid]][column].append(cid)
    rows = [_row(p.key, p.label, VILLAGE_COLUMNS, cells) for p, cells in per.items()]
    rows.sort(key=lambda r: (-int(r.cells["accepted"].value or 0), r.label, r.key))
    total = _row("", "合计", VILLAGE_COLUMNS, {c: list(ids) for c, ids in measures.items()})
    return Table("villages", "村（社区）纠纷情况", VILLAGE_COLUMNS, tuple(rows), total,
                 VILLAGE_NOTE)


def wusong_table(villages: Table, unrecorded: Set[str] = frozenset({""})) -> Table:
    """无讼村（社区）候选: the rows of ``villages`` with a case accepted and none gone to court,
    in the same order, leaving out the rows of cases without a village (keys ``unrecorded``).

    No total row: in a published report a total beside the village table's could give back
    a cell that both tables hide.
    """
    rows = tuple(Row(r.key, r.label, {c: r.cells[c] for c in WUSONG_COLUMNS})
                 for r in villages.rows if r.key not in unrecorded
                 and (r.cells["accepted"].value or 0) > 0 and r.cells["to_court"].value == 0)
    return Table("wusong", "无讼村（社区）候选", WUSONG_COLUMNS, rows, None,
                 WUSONG_NOTE.format(count=len(rows)))
