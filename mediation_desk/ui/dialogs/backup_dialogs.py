"""文件 → 备份 / 恢复 / 演练恢复: the backups of the open database in one list.

``BackupsDialog(services, mode, parent)`` with ``mode`` one of ``backup`` (back up now),
``restore`` (pick a backup; ``chosen`` holds it after ``Accepted``; the application then
closes the database, restores and reopens it) or ``practice`` (restore into a temporary
file and report what it holds; nothing in the live database changes).

The backup work uses its own SQLite connections (services/backup.py) and runs on a worker
thread of its own, never on the GUI thread and without holding up the database thread.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services import backup as backups
from .. import errors
from ..context import Services
from ..tasks import TaskRunner, run_with_progress

MODES = ("backup", "restore", "practice")


def reason_label(reason: str) -> str:
    """A backup's reason as shown in the list."""
    names = {"manual": QDialog.tr("By hand"), "daily": QDialog.tr("Daily"),
             "close": QDialog.tr("On closing"), "import": QDialog.tr("Before an import"),
             "migration": QDialog.tr("Before an upgrade")}
    return names.get(reason, reason)


def size_label(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def practice_text(report: backups.BackupReport) -> str:
    """What a practice restore found, in a sentence or three."""
    c = report.check
    last = c.last_audit_at[:16].replace("T", " ") if c.last_audit_at else "-"
    text = QDialog.tr("Backup {0}\nCases: {1}. Audit entries: {2}, the last on {3}.").format(
        report.path.name, c.cases, c.audit_rows, last)
    if report.verified:
        text += "\n" + QDialog.tr("Restored into a temporary file and verified (integrity, "
                                  "structure, audit chain) in {0:.1f} s. The database in use "
                                  "was not changed.").format(report.seconds)
    else:
        text += "\n" + QDialog.tr("This backup did not pass verification: {0}").format(
            "；".join(report.problems[:3]))
    if report.pending_migrations:
        text += "\n" + QDialog.tr("It was written by an older version; it is upgraded "
                                  "automatically when restored.")
    return text


class BackupsDialog(QDialog):
    """The backups of the open database; what the buttons do depends on ``mode``."""

    def __init__(self, services: Services, mode: str = "backup",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert mode in MODES
        self.services = services
        self.mode = mode
        self.chosen: Path | None = None
        self.records: list[backups.BackupRecord] = []
        self.last_report: backups.BackupReport | None = None
        titles = {"backup": self.tr("Backups"), "restore": self.tr("Restore from a backup"),
                  "practice": self.tr("Practice restore")}
        self.setWindowTitle(titles[mode])
        self.db_path = Path(services.db_path or "")
        self.policy = backups.policy_of(services.load_settings())

        intro = {
            "backup": self.tr("A verified backup is taken when the program closes, once a day "
                              "while it is open, and before every import and upgrade."),
            "restore": self.tr("Choose the backup to restore. The database now in use is first "
                               "kept aside as a copy, never deleted."),
            "practice": self.tr("A practice restore copies a backup into a temporary file and "
                                "checks it, to prove the backups work. Nothing in the database "
                                "in use changes."),
        }[mode]
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.folder_label = QLabel()
        self.folder_label.setObjectName("backupFolder")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("backupList")
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Why"), self.tr("Size"),
                                              self.tr("Cases"), self.tr("Verified")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self._act())

        self.action_button = QPushButton({"backup": self.tr("&Back up now"),
                                          "restore": self.tr("&Restore…"),
                                          "practice": self.tr("&Practice restore")}[mode])
        self.action_button.setObjectName("backupAction")
        self.action_button.setDefault(True)
        self.action_button.clicked.connect(self._act)
        self.file_button = QPushButton(self.tr("Other &file…"))
        self.file_button.setToolTip(self.tr("A backup somewhere else, e.g. on a USB stick"))
        self.file_button.clicked.connect(self._choose_file)
        self.file_button.setVisible(mode != "backup")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.action_button)
        row.addWidget(self.file_button)
        row.addStretch(1)
        row.addWidget(box)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.resize(720, 420)
        self.reload()

    # -- the list -------------------------------------------------------------------
    def reload(self) -> None:
        """Read the backup folder(s) again (sidecar files only: quick)."""
        self.folder_label.setText(self.tr("Backup folder: {0}  ·  kept: {1} daily, {2} weekly, "
                                          "{3} monthly").format(
            self.policy.folder, self.policy.keep_daily, self.policy.keep_weekly,
            self.policy.keep_monthly))
        self.records = backups.list_backups(self.db_path, self.policy, self.services.key)
        self.table.setRowCount(len(self.records))
        for i, r in enumerate(self.records):
            taken = r.created_at[:19].replace("T", " ")
            verified = self.tr("Yes") if r.verified else self.tr("No: {0}").format(
                "；".join(r.problems[:1]))
            for col, text in enumerate((taken, reason_label(r.reason), size_label(r.size),
                                        str(r.cases), verified)):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setToolTip(str(r.path))
                if col in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, col, item)
        if self.records and self.mode != "backup":
            first_ok = next((i for i, r in enumerate(self.records) if r.verified), 0)
            self.table.selectRow(first_ok)
        self._update_buttons()

    def selected(self) -> backups.BackupRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.records[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        if self.mode == "backup":
            self.action_button.setEnabled(True)
            return
        record = self.selected()
        self.action_button.setEnabled(record is not None and
                                      (record.verified or self.mode == "practice"))

    # -- actions ------------------------------------------------------------------
    def _act(self) -> None:
        if self.mode == "backup":
            self.back_up_now()
            return
        record = self.selected()
        if record is not None:
            self.use(record.path)

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup"),
                                              str(self.policy.folder),
                                              self.tr("Backups (*.mdbak);;All files (*)"))
        if name:
            self.use(Path(name))

    def use(self, path: Path) -> None:
        """Restore from or practise with ``path`` (the restore is confirmed first)."""
        if self.mode == "practice":
            self.practise(path)
        elif self.confirm_restore(path):
            self.chosen = path
            self.accept()

    def confirm_restore(self, path: Path) -> bool:
        record = next((r for r in self.records if r.path == path), None)
        cases = str(record.cases) if record is not None else "?"
        answer = QMessageBox.question(
            self, self.tr("Restore from a backup"),
            self.tr("Replace the content of\n{0}\nwith the backup\n{1} ({2} cases)?\n\n"
                    "The database as it is now is kept aside as a copy. Open case tabs are "
                    "closed and the database is opened again.").format(
                self.db_path, path.name, cases),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def back_up_now(self) -> None:
        db, policy, key = self.db_path, self.policy, self.services.key

        def done(record: backups.BackupRecord) -> None:
            self.reload()
            if record.verified:
                QMessageBox.information(self, self.tr("Backups"), self.tr(
                    "Backed up and verified:\n{0}\n({1} cases)").format(record.path, record.cases))
            else:
                QMessageBox.warning(self, self.tr("Backups"), self.tr(
                    "The backup was written but did not pass verification: {0}").format(
                    "；".join(record.problems[:3])))

        self._run(self.tr("Backing up…"),
                  lambda: backups.take_backup(db, "manual", policy=policy, key=key), done)

    def practise(self, path: Path) -> None:
        def done(report: backups.BackupReport) -> None:
            self.last_report = report
            show = QMessageBox.information if report.verified else QMessageBox.warning
            show(self, self.tr("Practice restore"), practice_text(report))

        key = self.services.key
        self._run(self.tr("Practice restore…"), lambda: backups.practice_restore(path, key),
                  done)

    def _run(self, title: str, fn, done) -> None:
        """Run ``fn`` behind a progress dialog on a worker of its own (the backup work has
        its own connections; the database thread stays free meanwhile)."""
        worker = TaskRunner(synchronous=self.services.tasks.synchronous)

        def finished(value) -> None:
            worker.shutdown()
            done(value)

        def failed(exc: BaseException) -> None:
            worker.shutdown()
            errors.report(exc, self)

        run_with_progress(worker, self, title, lambda _p: fn(), finished, failed,
                          cancellable=False)


def restored_text(result: backups.RestoreResult) -> str:
    """The message after a restore."""
    text = QDialog.tr("Restored from {0}: {1} cases.").format(result.backup.name, result.cases)
    if result.kept_aside is not None:
        text += "\n" + QDialog.tr("The database as it was before is kept at\n{0}").format(
            result.kept_aside)
    return text


def daily_status(record: backups.BackupRecord, now: datetime) -> str:
    """The status-bar line after an automatic backup."""
    return QDialog.tr("Backed up {0} ({1} cases, verified)").format(
        now.strftime("%H:%M"), record.cases)


class AutoBackup:
    """The GUI's automatic backups: at most once a day while open, and when it closes.

    ``services()`` and ``window()`` give the current ones (both change after a restore).
    A failed automatic backup never interrupts work: it is logged and shown in the
    status bar. The backup reads the file through its own read-only connection, on a
    worker of its own: the database thread stays free for the desk's work meanwhile
    (a backup of a very large desk takes a while).
    """

    CHECK_EVERY_MS = 60 * 60 * 1000
    FIRST_CHECK_MS = 2 * 60 * 1000

    def __init__(self, services, window) -> None:
        from PySide6.QtCore import QTimer

        self._services = services
        self._window = window
        self._worker: TaskRunner | None = None
        self.timer = QTimer()
        self.timer.setInterval(self.CHECK_EVERY_MS)
        self.timer.timeout.connect(self.daily)

    def start(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer.start()
        QTimer.singleShot(self.FIRST_CHECK_MS, self.daily)

    def _status(self, text: str) -> None:
        window = self._window()
        if window is not None:
            window.statusBar().showMessage(text, 15000)

    def daily(self) -> None:
        """Take today's backup unless one was taken today (runs as a task)."""
        services = self._services()
        if services is None or services.tasks.closed:
            return
        try:
            policy = backups.policy_of(services.load_settings())
        except Exception as exc:  # noqa: BLE001 - reported in the status bar, work goes on
            self.failed(exc)
            return
        db, key = Path(services.db_path or ""), services.key
        now = datetime.now()

        def job() -> backups.BackupRecord | None:
            if not backups.daily_due(db, policy, now):
                return None
            return backups.take_backup(db, "daily", policy=policy, key=key)

        if self._worker is None:
            self._worker = TaskRunner(synchronous=services.tasks.synchronous)
        self._worker.submit(job, self.done, self.failed)

    def done(self, record: backups.BackupRecord | None) -> None:
        if record is not None:
            self._status(daily_status(record, datetime.now()))

    def failed(self, exc: BaseException) -> None:
        title, text = errors.report(exc, show=False)  # logged (with traceback if a bug)
        self._status(QDialog.tr("Automatic backup failed: {0}").format(text.splitlines()[0]))

    def on_close(self, services: Services) -> backups.BackupRecord | None:
        """Close ``services`` and take the closing backup (off the GUI thread)."""
        import threading

        self.timer.stop()
        if self._worker is not None:
            self._worker.shutdown(timeout=600)  # a daily backup still running ends first
        try:
            policy = backups.policy_of(services.load_settings())
        except Exception:  # noqa: BLE001 - the database may be gone: nothing to back up
            policy = None
        db, key = Path(services.db_path or ""), services.key  # read before the close
        services.close()
        if policy is None:
            return None
        outcome: dict[str, object] = {}

        def run() -> None:
            try:
                outcome["record"] = backups.take_closing_backup(db, policy=policy, key=key)
            except BaseException as exc:  # noqa: BLE001 - logged below
                outcome["error"] = exc

        worker = threading.Thread(target=run, name="closing-backup")
        worker.start()
        worker.join()
        if "error" in outcome:
            errors.report(outcome["error"], show=False)  # type: ignore[arg-type]
            return None
        return outcome.get("record")  # type: ignore[return-value]


def restore_and_reopen(services: Services, backup: Path, reopen, *, parent=None) -> None:
    """Close ``services``, restore ``backup`` into its database, then ``reopen(result_text)``.

    ``reopen(message, is_error)`` opens the database again (whatever happened: a refused
    restore leaves it as it was) and shows ``message``.
    """
    db, actor, tasks = Path(services.db_path or ""), services.actor, services.tasks
    key, account = services.key, services.account  # the copies stay under the data key
    services.close()  # the app's own connections too: the restore needs the file alone
    job = TaskRunner(synchronous=tasks.synchronous)

    def done(result: backups.RestoreResult) -> None:
        job.shutdown()
        reopen(restored_text(result), None)

    def failed(exc: BaseException) -> None:
        job.shutdown()
        reopen("", exc)

    run_with_progress(job, parent, QDialog.tr("Restoring…"),
                      lambda _p: backups.restore_backup(db, backup, actor, key=key,
                                                        account=account), done, failed,
                      cancellable=False)
