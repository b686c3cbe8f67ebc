"""A file the user picks is never the open database itself (reading it drops our locks)."""

from __future__ import annotations

import pytest

from mediation_desk.storage.connection import (
    StorageError,
    is_open_database_file,
    refuse_database_file,
)
from mediation_desk.storage.store import Store


def test_open_database_and_companions_are_recognised(store, db_path, tmp_path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        assert is_open_database_file(f"{db_path}{suffix}")
    assert is_open_database_file(tmp_path / "." / db_path.name)
    link = tmp_path / "hard-link.db"
    link.hardlink_to(db_path)
    assert is_open_database_file(link)
    assert not is_open_database_file(tmp_path / "other.db")
    with pytest.raises(StorageError) as err:
        refuse_database_file(db_path)
    assert err.value.code == "own_database_file"


def test_closed_database_is_forgotten(store, db_path):
    store.close()
    assert not is_open_database_file(db_path)
    s = Store.open(db_path, readonly=True)
    assert is_open_database_file(db_path)
    s.close()


def test_bundle_card_and_notice_readers_refuse_the_database(store, db_path):
    from mediation_desk.services import calendar, exchange
    from mediation_desk.services.exchange_import import import_bundle

    for call in (lambda: import_bundle(store, "测试员", db_path),
                 lambda: exchange.read_card(db_path),
                 lambda: exchange.export_card(store, db_path),
                 lambda: calendar.read_notice_file(db_path)):
        with pytest.raises(StorageError) as err:
            call()
        assert err.value.code == "own_database_file"
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
