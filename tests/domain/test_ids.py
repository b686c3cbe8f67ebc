"""Record ids are UUIDv7 (RFC 9562): the layout, the time, the order."""

from __future__ import annotations

import threading
import time
import uuid

from mediation_desk.domain import ids
from mediation_desk.domain.models import Mediator, new_id


def test_layout_follows_rfc_9562():
    # the RFC's own example (appendix A.6): 2022-02-22 19:22:22 UTC
    text = ids.uuid7_text(0x017F22E279B0, (0xCC3 << 62) | (0x18C4DC0C0C07398F & ((1 << 62) - 1)))
    assert text == "017f22e2-79b0-7cc3-98c4-dc0c0c07398f"
    u = uuid.UUID(text)
    assert u.version == 7 and u.variant == uuid.RFC_4122


def test_new_ids_carry_the_current_time_and_version_bits():
    before = time.time_ns() // 1_000_000
    made = [uuid.UUID(new_id()) for _ in range(1000)]
    after = time.time_ns() // 1_000_000
    for u in made:
        assert u.version == 7 and u.variant == uuid.RFC_4122
        assert before <= u.int >> 80 <= after + 1  # +1: a burst in one ms may run ahead
    assert len({u.int for u in made}) == 1000


def test_ids_ascend_within_a_millisecond_and_across_threads():
    made: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        mine = [new_id() for _ in range(2000)]
        assert mine == sorted(mine)  # ascending as text too (lowercase hex, fixed width)
        with lock:
            made.extend(mine)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(made)) == len(made) == 8000


def test_the_clock_stepping_back_keeps_the_order(monkeypatch):
    clock = ids._Clock()
    now = [1_700_000_000_000_000_000]
    monkeypatch.setattr(ids.time, "time_ns", lambda: now[0])
    first = clock.next()
    now[0] -= 5_000_000_000  # 5 s back
    second = clock.next()
    assert second > first and uuid.UUID(second).version == 7


def test_records_get_v7_ids_by_default():
    mediator = Mediator(center_id="c", name="王芳")
    assert uuid.UUID(mediator.id).version == 7
