"""Child process for the crash test: performs operations and reports each commit."""

from __future__ import annotations

import sys

from mediation_desk.services.cases import CaseService
from mediation_desk.storage.store import Store
from tests.conftest import case_input


def main(path: str) -> None:
    store = Store.open(path)
    svc = CaseService(store)
    while True:
        c = svc.register("崩溃测试", case_input())
        print(f"registered {c.id} {c.serial}", flush=True)
        svc.accept("崩溃测试", c.id)
        print(f"accepted {c.id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
