"""The assign dialog shows why each mediator is suggested, in words, not the ranking's score."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mediation_desk.domain.enums import DisputeType, RelationKind
from mediation_desk.domain.models import DeclaredRelation
from mediation_desk.ui.dialogs.assign_dialog import AssignDialog
from tests.conftest import case_input
from tests.ui.case_helpers import add_mediator


def _cells(dialog: AssignDialog) -> list[list[str]]:
    t = dialog.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_reasons_in_words_and_no_score(qtbot, services):
    cs, actor = services.cases, services.actor
    expert = add_mediator(services, "王芳", specialties=[DisputeType.MARRIAGE_FAMILY],
                          villages=["马尚村"])
    add_mediator(services, "李强")
    related = add_mediator(services, "赵敏", relations=[DeclaredRelation(
        person_name="张三", kind=RelationKind.NEAR_RELATIVE)])
    for _ in range(3):  # 王芳 has three open cases
        other = cs.register(actor, case_input())
        cs.accept(actor, other.id)
        cs.assign(actor, other.id, [expert.id])
    case = cs.register(actor, case_input(dispute_type="marriage_family"))
    cs.accept(actor, case.id)
    dialog = AssignDialog(services, cs.get(case.id))
    qtbot.addWidget(dialog)
    dialog.resize(1366 - 100, 600)
    dialog.show()
    headers = [dialog.table.horizontalHeaderItem(c).text()
               for c in range(dialog.table.columnCount())]
    assert "分数" not in "".join(headers) and "得分" not in "".join(headers), headers
    rows = _cells(dialog)
    assert rows[0][0] == "王芳" and rows[0][1] == "擅长婚姻家庭、负责该村、当前在办3件", rows
    assert rows[1][0] == "李强" and rows[1][1] == "当前没有在办案件", rows
    assert rows[2][0] == "⚠ 赵敏" and "近亲属" in rows[2][2], rows
    for row in rows:  # no raw number such as 3.1 or 0.2 anywhere
        assert not any(ch == "." for ch in row[1]), row
    # ticking the flagged mediator still asks for the override reason
    dialog.table.item(2, 0).setCheckState(Qt.CheckState.Checked)
    assert dialog.override_reason.isVisibleTo(dialog)
    assert related.id in dialog.selected_ids()
