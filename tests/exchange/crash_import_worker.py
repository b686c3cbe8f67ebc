"""Child process for the import crash test: imports one bundle, reporting progress."""

from __future__ import annotations

import sys

from mediation_desk.services import exchange
from mediation_desk.storage.store import Store


def main(db: str, bundle_file: str) -> None:
    store = Store.open(db)
    print("opened", flush=True)
    report = exchange.import_bundle(store, "崩溃测试", bundle_file)
    print(f"done {report.counts.get('new', 0)}", flush=True)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
