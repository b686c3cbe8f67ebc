"""Old --demo databases are cleaned up: the one being opened and the newest two others stay;
the rest go with their -wal/-shm, key file, sidecars and backups; a demo open in a program
or changed within the hour is never touched. Real demo files, a real open connection."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from mediation_desk.logs import data_dir
from mediation_desk.security.keyfile import keyfile_path
from mediation_desk.services import backup as backups
from mediation_desk.services.demo import build_demo, demo_login, open_demo
from mediation_desk.services.demo_cleanup import demo_files, in_use, remove_old_demos
from mediation_desk.storage import backup as mechanics

HOURS = 3600


@pytest.fixture(scope="module")
def one_demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.db"
    build_demo(path, cases=3, seed=1)
    return path


def age(paths, seconds: float) -> None:
    when = time.time() - seconds
    for p in paths:
        os.utime(p, (when, when))


def demos(one_demo: Path, folder: Path, count: int, *, hours_old: float = 3) -> list[Path]:
    """``count`` demo databases as generate_demo names them, oldest first, all aged."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        db = folder / f"demo-20261101-1000{n:02d}.db"
        shutil.copyfile(one_demo, db)
        shutil.copyfile(keyfile_path(one_demo), keyfile_path(db))
        made.append(db)
    for db in made:
        age([db, keyfile_path(db)], hours_old * HOURS)
    return made


def test_only_the_opened_one_and_the_newest_two_others_stay(one_demo, tmp_path):
    folder = data_dir() / "demo"
    made = demos(one_demo, folder, 6)
    oldest = made[0]
    # what a session leaves: SQLite's files, a copy a restore kept aside, a closing backup
    for extra in (f"{oldest}-wal", f"{oldest}-shm", f"{oldest}.before-restore-20261101-1100"):
        Path(extra).write_bytes(b"x")
    backup = backups.take_backup(oldest, "manual", key=demo_login(oldest)[1])
    kept_backup = backups.take_backup(made[4], "manual", key=demo_login(made[4])[1])
    age(demo_files(oldest), 3 * HOURS)
    unrelated = folder / "my-own.db"
    unrelated.write_bytes(b"not a demo")
    age([unrelated], 30 * HOURS)

    opened = made[1]  # an older demo opened again with --db still counts as the one opened
    removed = remove_old_demos(folder, keep=opened)

    assert sorted(removed) == [made[0], made[2], made[3]]
    kept = [made[1], made[4], made[5]]
    assert all(db.exists() and keyfile_path(db).exists() for db in kept)
    left = {p.name for p in folder.iterdir()}
    assert left == {p.name for db in kept for p in demo_files(db)} | {unrelated.name}
    assert not any(name.startswith(db.name) for db in removed for name in left)
    assert not backup.path.exists() and not mechanics.sidecar_of(backup.path).exists()
    assert kept_backup.path.exists()


def test_a_demo_open_in_a_program_is_never_deleted(one_demo, tmp_path):
    folder = tmp_path / "demo"
    made = demos(one_demo, folder, 4)
    store = open_demo(made[0])  # another window has the oldest open (idle)
    try:
        age(demo_files(made[0]), 5 * HOURS)  # and has not written for hours
        assert in_use(made[0]) and not in_use(made[1])
        age(demo_files(made[1]), 5 * HOURS)  # the probe made its -wal/-shm just now
        removed = remove_old_demos(folder, keep=made[3], others=0)
        assert sorted(removed) == [made[1], made[2]]
        assert all(p.exists() for p in demo_files(made[0])) and made[0].exists()
    finally:
        store.close()
    assert remove_old_demos(folder, keep=made[3], others=0) == [made[0]]  # closed: it goes


def test_a_demo_changed_within_the_hour_is_kept(one_demo, tmp_path):
    folder = tmp_path / "demo"
    made = demos(one_demo, folder, 5)
    Path(f"{made[0]}-wal").write_bytes(b"")  # written to minutes ago: may be open
    age([Path(f"{made[0]}-wal")], 10 * 60)
    checked: list[Path] = []

    def busy(db: Path) -> bool:
        checked.append(db)
        return False

    removed = remove_old_demos(folder, keep=made[4], busy=busy)
    assert sorted(removed) == [made[1]]
    assert made[0].exists() and made[0] not in checked  # not even probed
    assert made[2].exists() and made[3].exists()


def test_nothing_to_do_without_a_folder(tmp_path):
    assert remove_old_demos(tmp_path / "none") == []
