"""Layout of the case page: header (number, status, countdown, a recusal warning), action
buttons, tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.state_machine import Action
from ..dialogs.case_actions import action_title
from .attachments_tab import AttachmentsTab
from .case_tabs import AgreementTab, FollowUpsTab, PartiesTab
from .overview_tab import OverviewTab
from .timeline_tab import TimelineTab

_BADGE = "padding: 3px 10px; border-radius: 4px; font-weight: bold;"
DEADLINE_STYLES = {
    "overdue": "background: #b3261e; color: white;" + _BADGE,
    "due_soon": "background: #f9a825; color: black;" + _BADGE,
    "ok": "background: #d7efdc; color: #1e4620;" + _BADGE,
    "none": "background: #e4e4e4; color: #444;" + _BADGE,
}
RECUSAL_STYLE = ("background: #fff4e0; color: #7a4100; border: 1px solid #e0a040;"
                 " border-radius: 4px; padding: 4px 8px;")


class CaseDetailView(QWidget):
    """Widgets only; :class:`CaseDetailWidget` fills them and reacts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)

        header = QFrame()
        header.setObjectName("caseHeader")
        header.setFrameShape(QFrame.Shape.StyledPanel)
        header_rows = QVBoxLayout(header)
        h = QHBoxLayout()
        header_rows.addLayout(h)
        left = QVBoxLayout()
        self.number = QLabel()
        self.number.setObjectName("caseNumber")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title = QLabel()
        self.title.setObjectName("caseTitle")
        left.addWidget(self.number)
        left.addWidget(self.title)
        h.addLayout(left, 1)
        right = QVBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("caseStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight)
        sfont = self.status.font()
        sfont.setBold(True)
        self.status.setFont(sfont)
        self.deadline = QLabel()
        self.deadline.setObjectName("deadline")
        self.deadline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.deadline.setMargin(4)
        self.jc_window = QLabel()
        self.jc_window.setObjectName("jcWindow")
        self.jc_window.setAlignment(Qt.AlignmentFlag.AlignRight)
        right.addWidget(self.status)
        right.addWidget(self.deadline)
        right.addWidget(self.jc_window)
        h.addLayout(right)
        # an assignment made despite a recusal ground (回避): shown while it stands
        self.recusal_warning = QLabel()
        self.recusal_warning.setObjectName("recusalWarning")
        self.recusal_warning.setWordWrap(True)
        self.recusal_warning.setStyleSheet(RECUSAL_STYLE)
        self.recusal_warning.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recusal_warning.hide()
        header_rows.addWidget(self.recusal_warning)
        outer.addWidget(header)

        body = QHBoxLayout()
        outer.addLayout(body, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self.overview = OverviewTab()
        self.parties = PartiesTab()
        self.timeline = TimelineTab()
        self.agreement = AgreementTab()
        self.attachments = AttachmentsTab()
        self.follow_ups = FollowUpsTab()
        for widget, text in ((self.overview, self.tr("Details")),
                             (self.parties, self.tr("Parties")),
                             (self.timeline, self.tr("Timeline")),
                             (self.agreement, self.tr("Agreement")),
                             (self.attachments, self.tr("Attachments")),
                             (self.follow_ups, self.tr("Follow-up visits"))):
            self.tabs.addTab(widget, text)
        body.addWidget(self.tabs, 1)

        actions = QGroupBox(self.tr("Actions"))
        grid = QGridLayout(actions)
        self.action_buttons: dict[Action, QPushButton] = {}
        for i, action in enumerate(Action):
            button = QPushButton(action_title(action))
            button.setObjectName(f"action_{action.value}")
            self.action_buttons[action] = button
            grid.addWidget(button, i // 2, i % 2)
        grid.setRowStretch(len(Action) // 2 + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(actions)
        scroll.setMinimumWidth(actions.sizeHint().width() + 24)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body.addWidget(scroll)
