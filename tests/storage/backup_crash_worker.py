"""Child process for the backup/restore kill tests.

``backup DB FOLDER``: register cases and take a backup after each, reporting every commit
(a reader connection stays open, as in the GUI). ``restore DB BACKUP``: log in to the demo
desk ``DB`` as its director, say ``start``, then restore ``BACKUP`` into ``DB`` and say
``restored``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mediation_desk.services import backup
from mediation_desk.services.cases import CaseService
from mediation_desk.services.demo import demo_login
from mediation_desk.storage.store import Store
from tests.inputs import case_input


def run_backups(db: Path, folder: Path) -> None:
    store = Store.open(db)
    reader = Store.open(db, readonly=True)
    svc = CaseService(store)
    policy = backup.BackupPolicy(folder=folder, configured=True)
    while True:
        c = svc.register("崩溃测试", case_input())
        print(f"registered {c.id} {c.serial}", flush=True)
        reader.db.execute("SELECT count(*) FROM cases").fetchone()
        record = backup.take_backup(db, "manual", policy=policy)
        print(f"backup {record.path.name} {record.cases}", flush=True)


def run_restore(db: Path, source: Path) -> None:
    account_id, key = demo_login(db)  # the demo's director, as the CLI's restore does
    store = Store.open(db, key=key)
    account = store.accounts.get(account_id)
    store.close()
    print("start", flush=True)
    backup.restore_backup(db, source, key=key, account=account)
    print("restored", flush=True)


if __name__ == "__main__":
    verb, first, second = sys.argv[1:4]
    if verb == "backup":
        run_backups(Path(first), Path(second))
    else:
        run_restore(Path(first), Path(second))
