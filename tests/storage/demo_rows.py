"""Demo cases made in memory and bulk-inserted (services.demo's maker, storage's
insert_batch), for the bulk-load and bulk-seal tests."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from mediation_desk.services import demo
from mediation_desk.services.settings import Settings

TODAY = date(2026, 6, 1)


def make_demo_cases(store: Any, n: int, seed: int = 4) -> tuple[Any, dict[str, Any], list[Any]]:
    """The demo mediators saved (one operation), then ``n`` cases made for them, not saved:
    (this desk's center, the mediators by id, the made (case, events, agreements))."""
    center = store.directory.self_center()
    rng = random.Random(seed)
    maker = demo.CaseMaker(rng, TODAY, [], Settings())
    mediators = demo.demo_mediators(rng, center.id, maker)
    with store.operation("测试", "mediators") as work:
        for m in mediators:
            work.save_mediator(m)
    maker.mediators = [m for m in mediators if m.active]
    made = [maker.case(TODAY - timedelta(days=k % 300), center.id) for k in range(n)]
    return center, {m.id: m for m in mediators}, made


def insert_made(store: Any, work: Any, center: Any, mediators: dict[str, Any],
                made: list[Any]) -> None:
    """Number the made cases and insert them in one batch inside ``work``."""
    demo._number(store, [c for c, _, _ in made], center.id, center.number_prefix)
    store.cases.insert_batch(cases=[c for c, _, _ in made],
                             events=[e for m in made for e in m[1]],
                             agreements=[a for m in made for a in m[2]],
                             mediators=mediators, now=work.now, origin=work.origin)
