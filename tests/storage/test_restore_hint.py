"""A file the desk will not use says where the backups are and how to restore."""

from __future__ import annotations

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

from mediation_desk.storage.connection import StorageError
from mediation_desk.storage.store import Store


def test_a_refused_file_names_the_backups_and_the_restore(store, db_path):
    store.close()
    raw = sqlite3.connect(db_path)
    raw.execute("CREATE TABLE stolen (id_number TEXT)")
    raw.commit()
    raw.close()
    with pytest.raises(StorageError) as err:
        Store.open(db_path)
    assert err.value.code == "db_schema_mismatch"
    assert "备份在" in err.value.message
    assert f"mediation-desk restore --db {db_path}" in err.value.message
    assert "文件 → 恢复" in err.value.message
