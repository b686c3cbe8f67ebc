"""Another process opening and closing the file never costs the open desk a save.

On POSIX, closing *any* descriptor of a file drops all of the process's locks
on it (SQLite, "How To Corrupt An SQLite Database File", 2.2). If the desk
itself opened the file with Python ``open()`` while its connections were
open, the next process to close the file would find it unlocked and delete
the WAL under the running desk; later commits would be invisible and lost.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

OPENERS = {
    "store": "from mediation_desk.storage.store import Store; Store.open(sys.argv[1]).close()",
    "sqlite3": ("import sqlite3; c = sqlite3.connect(sys.argv[1]);"
                " c.execute('SELECT count(*) FROM sqlite_master').fetchone(); c.close()"),
}


def _python(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import sys; " + code, *args], cwd=ROOT,
                          env=ENV, capture_output=True, text=True, timeout=60)


def _sees(db_path: Path, case_id: str, key: str = "") -> bool:
    r = _python("from mediation_desk.storage.connection import connect;"
                " c = connect(sys.argv[1], key=bytes.fromhex(sys.argv[3]) or None);"
                " print(c.execute('SELECT count(*) FROM cases WHERE id = ?',"
                " [sys.argv[2]]).fetchone()[0]); c.close()", str(db_path), case_id, key)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip() == "1"


CLI = {"cli-keys": ["keys", "--export-card", "{card}"], "cli-check": ["check"]}


@pytest.mark.parametrize("opener", ["store", "sqlite3", "cli-keys", "cli-check"])
def test_commit_after_another_process_opened_the_file_is_seen(store, db_path, opener, tmp_path):
    store.close()
    key = ""
    if opener in CLI:  # the command line logs in: an encrypted desk with its director
        from tests.cli.helpers import LOGIN_ENV, PASSWORD, login_desk
        from tests.exchange.helpers import ACTOR

        desk = login_desk(tmp_path, "enc")
        db_path, key = desk.path, desk.key.hex()
        desk.close()
        cli_env = {**{k: v for k, v in ENV.items() if k not in LOGIN_ENV},
                   "MEDIATION_DESK_USER": ACTOR, "MEDIATION_DESK_PASSWORD": PASSWORD}
    with subprocess.Popen([sys.executable, "-m", "tests.storage.lock_worker", str(db_path),
                           key],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
                          env=ENV) as p:
        try:
            assert p.stdout.readline().startswith("ready")
            if opener in CLI:
                verb, *rest = (a.format(card=tmp_path / "card.json") for a in CLI[opener])
                q = subprocess.run([sys.executable, "-m", "mediation_desk", verb, "--db",
                                    str(db_path), *rest], cwd=ROOT, env=cli_env,
                                   capture_output=True, text=True, timeout=60)
            else:
                q = _python(OPENERS[opener], str(db_path))
            assert q.returncode == 0, q.stderr
            p.stdin.write("commit\n")
            p.stdin.flush()
            kind, case_id = p.stdout.readline().split()
            assert kind == "committed"
            assert Path(f"{db_path}-wal").exists(), "the WAL was deleted under the open desk"
            assert _sees(db_path, case_id, key), "a commit of the open desk is invisible to others"
        finally:
            p.stdin.write("quit\n")
            p.stdin.flush()
            p.wait(timeout=30)
    assert _sees(db_path, case_id, key)
