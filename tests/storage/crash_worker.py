"""Child process for the crash tests: a desk as the GUI holds it (the database thread with a
writer and a reader connection) performing operations and reporting each commit.

Each line printed is flushed only after its operation committed, so a line on stdout is an
acknowledged commit that must survive a SIGKILL.
"""

from __future__ import annotations

import sys

from mediation_desk.services.door import Door
from mediation_desk.services.session import DeskSession
from tests.inputs import case_input


def main(path: str) -> None:
    door: Door[DeskSession] = Door(lambda: DeskSession.open(path), lambda s: s.close())
    n = 0
    while True:
        n += 1
        one_round(door, n)


def one_round(door: Door[DeskSession], n: int) -> None:
    """Register and accept a case, read while the reader is open, and every third round edit."""
    s = door.session
    c = door.call(lambda: s.cases.register("崩溃测试", case_input()))
    print(f"registered {c.id} {c.serial}", flush=True)
    door.call(lambda: s.cases.accept("崩溃测试", c.id))
    print(f"accepted {c.id}", flush=True)
    # the reader connection is open and reading (a snapshot) when the kill comes
    total = door.call(lambda: s.read(lambda r: r.read_cases.count()))
    print(f"counted {total}", flush=True)
    if n % 3 == 0:
        data = dict(case_input(), title=f"修改{n}")
        door.call(lambda: s.cases.update_details("崩溃测试", c.id, data))
        print(f"titled {c.id} {data['title']}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
