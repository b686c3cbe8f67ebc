"""Child process P for the lock tests: holds a writer and a reader store, as the GUI does."""

from __future__ import annotations

import sys

from mediation_desk.services.cases import CaseService
from mediation_desk.storage.store import Store
from tests.inputs import case_input


def main(path: str, key_hex: str = "") -> None:
    key = bytes.fromhex(key_hex) if key_hex else None  # an encrypted desk's data key
    writer = Store.open(path, check_same_thread=False, key=key)
    reader = Store.open(path, check_same_thread=False, key=key)  # the GUI's second connection
    first = CaseService(writer).register("锁测试", case_input())
    CaseService(reader).count()
    print(f"ready {first.id}", flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "commit":
            c = CaseService(writer).register("锁测试", case_input())
            print(f"committed {c.id}", flush=True)
        elif command == "quit":
            break
    reader.close()
    writer.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
