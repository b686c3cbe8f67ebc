"""A realistic demo database: fictional parties, mediators and cases in every state.

Same seed and same day give the same data, ids included (UUIDv7 made from the seeded
generator). Cases are written in batches of 1,000 (one audited operation each, sealed by the
row ranges each batch appends: storage/seals.appending) through storage/bulk; a file this
call creates is filled with its list indexes deferred and without fsyncs
(storage/bulk.new_file_load: nobody else has it open yet), its batches made in a second
process while this one writes (services/demo_batches.py: the same rows), and ends a normal
WAL database. Figures: benchmarks/README.md (bench_writes.py).

The demo is an encrypted desk like any other (docs/encryption.md) with two accounts,
演示主任 (director) and 演示调解员 (mediator, on the roster's busiest mediator), both with
the password ``demo``: shorter than the password policy allows, on purpose, so anyone can
try the demo (a real desk's accounts can never have it). Adding cases to an existing demo
logs in as 演示主任 first; a file without the demo mark is a real desk's and is refused.
"""

from __future__ import annotations

import os
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager, closing, nullcontext
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypedDict

from ..domain.access import Account, Role
from ..domain.errors import DomainError
from ..domain.models import Case, Mediator
from ..security import keyfile as kf
from ..storage.bulk import BatchRows
from ..storage.store import Store, Work
from . import auth
from .demo_batches import Plan, batches, can_fork, number_cases
from .demo_cases import ACTOR, CaseMaker, demo_mediators
from .desk import init_desk
from .settings import load_settings


class _CenterFields(TypedDict):
    code: str
    name: str
    number_prefix: str
    linked_court: str


DEMO_CENTER: _CenterFields = {"code": "ZD-MS", "name": "张店区马尚街道矛盾纠纷调解中心",
                              "number_prefix": "马尚", "linked_court": "淄博市张店区人民法院"}
# the generator's version, in the cached demo's name: bump it when the same seed gives other
# content (2: amounts per dispute type and clause, issue 17), so no stale cached demo is used
DEMO_VERSION = 2
BATCH = 1000  # a batch's pages are written once per commit: 500 wrote 19% more per case
BUILD_CACHE_MIB = 256  # pages kept decrypted while building (storage/bulk.widen_cache)


DEMO_MARK = "demo"  # setting on every demo database: {"seeds": [seeds already generated]}
DEMO_DIRECTOR = "演示主任"
DEMO_MEDIATOR = "演示调解员"
DEMO_PASSWORD = "demo"  # below the password policy on purpose: slots are made directly
DEMO_ACCOUNTS = (DEMO_DIRECTOR, DEMO_MEDIATOR)


@dataclass(frozen=True)
class DemoResult:
    cases_added: int
    total_cases: int
    seconds: float
    seed_already_used: bool = False  # nothing added: this seed's cases are already there
    recovery_key: str = ""  # only when this call created the file: shown once, kept nowhere
    accounts: tuple[str, ...] = DEMO_ACCOUNTS  # every one with the password DEMO_PASSWORD


def demo_login(path: str | Path) -> tuple[str, bytes]:
    """Log in to a demo database as 演示主任: (account id, data key), as ``auth.unlock``."""
    return auth.unlock(path, DEMO_DIRECTOR, DEMO_PASSWORD)


def open_demo(path: str | Path, *, account: str = DEMO_DIRECTOR, **store_kwargs: Any) -> Store:
    """A demo database opened by logging in (``auth.login``) as one of its accounts."""
    return auth.login(path, account, DEMO_PASSWORD, **store_kwargs)


def cached_demo(folder: Path, cases: int, seed: int) -> Path:
    """A demo database built once into ``folder`` and reused (the tests' and benchmarks' cache).

    Its name holds the size, the seed, the generator's version (``DEMO_VERSION``) and the
    newest migration, so neither a generator that now makes other cases nor a new schema
    reuses a stale file (a file of an older schema and the same version is upgraded). It is
    built under a name of this process's own (two test runs may build at once) and moved
    into place key file first, so a cached database always has its key file.
    """
    from ..storage.schema import migrations

    schema = migrations._migrations[-1].name  # sqlite-utils keeps the list private
    stem = f"demo-{cases}-seed-{seed}-v{DEMO_VERSION}"
    path = folder / f"{stem}-{schema}.db"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(f".{os.getpid()}.part")
    for leftover in (part, kf.keyfile_path(part), Path(f"{part}-wal"), Path(f"{part}-shm")):
        leftover.unlink(missing_ok=True)
    older = sorted(folder.glob(f"{stem}-m*.db"),
                   key=lambda p: p.stat().st_mtime)
    older = [p for p in older if kf.keyfile_path(p).exists()]
    if older:
        _upgrade_copy(older[-1], part)
    else:
        build_demo(part, cases=cases, seed=seed)
    kf.keyfile_path(part).replace(kf.keyfile_path(path))
    part.replace(path)
    return path


def _upgrade_copy(source: Path, target: Path) -> None:
    """``source`` (a cached demo of an older schema) copied to ``target`` and migrated.

    The builder's data does not depend on the schema, so this is the demo of that seed as
    the builder made it then (a file built before the UUIDv7 ids keeps its random ids, as
    any upgraded desk does), in seconds instead of a new build.
    """
    _account, key = demo_login(source)
    Store.copy_file(source, target, key=key)
    kf.keyfile_path(target).write_bytes(kf.keyfile_path(source).read_bytes())
    Store.open(target, key=key, backup_before_migrating=False).close()


def _not_demo(path: Path, why: str) -> DomainError:
    return DomainError(
        f"{path} 不是演示数据库（{why}），不能往里面添加演示案件。"
        "演示数据请用一个新文件，例如 mediation-desk demo --db 演示.db。", code="demo_refused")


def _refuse_real_desk(store: Store, path: Path, *, empty_demo_ok: bool = True) -> None:
    """A database without the demo mark is a real desk's: fake cases would mix with real ones
    and use up real case numbers."""
    center = store.directory.self_center()
    total = store.cases.count_live()
    if empty_demo_ok and total == 0 and center is not None and \
            center.code == DEMO_CENTER["code"]:
        return  # an empty desk made for the demo (a build stopped before its mark)
    name = center.name if center is not None else "未初始化"
    raise _not_demo(path, f"{name}，已有案件 {total} 件")


def _create(path: Path) -> tuple[str, bytes]:
    """A new encrypted demo desk with 演示主任's account and the demo mark: (its recovery
    key, its data key).

    As ``auth.create_desk``, but the slot takes the demo password the policy refuses.
    """
    keys = kf.keyfile_path(path)
    if keys.exists():
        raise DomainError(f"{keys} 已存在（另一个数据库的密钥文件）。演示数据请换一个新文件名。",
                          code="already_initialised")
    secret = kf.new_recovery_secret()
    key = kf.data_key_from_recovery(secret)
    director = Account(id=str(uuid.uuid4()), name=DEMO_DIRECTOR, role=Role.DIRECTOR)
    keyfile = kf.KeyFile.new(key)
    keyfile.put(kf.new_slot(keyfile.file_id, director.id, director.name, DEMO_PASSWORD, key))
    kf.write_keyfile(path, keyfile)
    try:
        created = init_desk(path, **DEMO_CENTER, director=director, key=key)
        try:
            with created.operation(ACTOR, "demo_mark", summary="标记为演示数据库") as work:
                work.set_setting(DEMO_MARK, {"seeds": []})
        finally:
            created.close()
    except BaseException:
        keys.unlink(missing_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    return kf.format_recovery_key(secret), key


def _open_existing(path: Path) -> Store:
    """An existing demo database, after logging in as 演示主任 (the program then writes)."""
    kind = auth.state(path)
    if kind == "plain":
        store = Store.open(path)
        try:
            if not isinstance(store.directory.setting(DEMO_MARK), dict):
                _refuse_real_desk(store, path, empty_demo_ok=False)  # demos are encrypted
        finally:
            store.close()
        raise DomainError(f"{path} 是旧版未加密的演示数据库。演示数据库现在是加密的，"
                          "请用一个新文件重新生成，例如 mediation-desk demo --db 演示.db。",
                          code="demo_refused")
    keyfile = kf.read_keyfile(path)  # a missing key file: its own sentence
    if keyfile.slot_named(DEMO_DIRECTOR) is None:
        raise _not_demo(path, f"没有“{DEMO_DIRECTOR}”账户")
    try:
        _, key = demo_login(path)
    except kf.KeyFileError as exc:
        if exc.code == "wrong_password":
            raise _not_demo(path, f"“{DEMO_DIRECTOR}”的密码不是 {DEMO_PASSWORD}") from None
        raise
    return Store.open(path, key=key)


def _ensure_mediator_account(store: Store, path: Path, mediators: list[Mediator],
                             assigned: Counter[str]) -> None:
    """演示调解员, on the active mediator with the most cases (the first one without cases)."""
    if store.accounts.named(DEMO_MEDIATOR) is not None or store.key is None:
        return
    active = [m for m in mediators if m.active]
    if not active:
        return
    busiest = max(active, key=lambda m: assigned[m.id])  # the first among equals
    account = Account(id=str(uuid.uuid4()), name=DEMO_MEDIATOR, role=Role.MEDIATOR,
                      mediator_id=busiest.id)
    with kf.editing(path) as keyfile:  # the slot before the account row (services/auth.py)
        keyfile.put(kf.new_slot(keyfile.file_id, account.id, account.name, DEMO_PASSWORD,
                                store.key))
    with store.operation(ACTOR, "demo_accounts",
                         summary=f"演示账户{account.label}（{busiest.name}）") as work:
        work.save_account(account)


def _number(store: Store, cases: list[Case], center_id: str, prefix: str) -> None:
    """Give the batch's cases their numbers: per year one reservation of consecutive serials,
    in the order received (a batch's days are sorted)."""
    number_cases(cases, prefix,
                 lambda year, count: store.cases.reserve_serials(center_id, year, count))


def _take_reserved(store: Store, rows: BatchRows, center_id: str) -> None:
    """Take again the reservations a batch made ahead was numbered with; refuse the batch
    if any would give other numbers (only a new file's build makes batches ahead)."""
    for year, first, count in rows.reserved:
        taken = store.cases.reserve_serials(center_id, year, count)
        if taken != first:
            raise RuntimeError(f"{year} 年的案号已被占用（预计从 {first} 起，实为 {taken}）")


def build_demo(path: Path, *, cases: int = 2000, seed: int = 1,
               progress: Callable[[int, int], bool] | None = None,
               today: date | None = None, parallel: bool | None = None) -> DemoResult:
    """Create (if missing) and fill a demo database with ``cases`` cases.

    ``progress(done, total)`` may return False to stop early (the batches
    written so far stay, each complete). ``parallel``: make a new file's batches in a
    second process while writing (services/demo_batches.py; the same rows either way);
    None: when the file is new, there are two batches or more and the platform can fork.
    """
    started = time.perf_counter()
    rng = random.Random(seed)
    if path.exists():
        recovery_key, store = "", _open_existing(path)
    else:
        recovery_key, key = _create(path)
        store = Store.open(path, key=key)  # just made: no second Argon2id to log in
    store.widen_cache(BUILD_CACHE_MIB)
    try:
        mark = store.directory.setting(DEMO_MARK)
        if not isinstance(mark, dict):
            _refuse_real_desk(store, path)
            mark = {"seeds": []}
        seeds = [int(x) for x in mark.get("seeds", [])]
        if seed in seeds:
            return DemoResult(cases_added=0, total_cases=store.cases.count_live(),
                              seconds=time.perf_counter() - started, seed_already_used=True,
                              recovery_key=recovery_key)
        today = today or store.today()
        center = store.directory.self_center()
        if center is None:
            raise ValueError("database has no own center")
        settings = load_settings(store)
        maker = CaseMaker(rng, today, [], settings)
        mediators = [m for m in store.directory.mediators()]
        if not mediators:
            mediators = demo_mediators(rng, center.id, maker)
            with store.operation(ACTOR, "demo_mediators", summary="演示调解员") as work:
                for m in mediators:
                    work.save_mediator(m)
        maker.mediators = [m for m in mediators if m.active]
        by_id = {m.id: m for m in mediators}
        days = [today - timedelta(days=int(rng.triangular(0, 730, 0))) for _ in range(cases)]
        days.sort()
        done = 0
        assigned: Counter[str] = Counter()
        # a file made by this call: nobody else has it open yet (storage/bulk.new_file_load)
        loading: AbstractContextManager[None] = \
            store.loading_new_file() if recovery_key else nullcontext()

        def audit_batch(work: Work, count: int) -> None:
            work.log.add("demo", "batch", "insert", {"cases": [None, count]})
            if done == 0:  # this seed's cases are in (a rerun would repeat their ids)
                work.set_setting(DEMO_MARK, {**mark, "seeds": [*seeds, seed]})

        new_file = bool(recovery_key)
        ahead = new_file and (cases >= 2 * BATCH and can_fork() if parallel is None
                              else parallel)
        with loading:
            if ahead:  # a new file: nobody else numbers its cases (services/demo_batches.py)
                plan = Plan(maker=maker, days=days, batch=BATCH, center_id=center.id,
                            prefix=center.number_prefix, origin=store.origin_code(),
                            mediator_names={m.id: m.name for m in mediators})
                with closing(batches(plan, parallel=True)) as stream:
                    for rows in stream:
                        assigned.update(m for _c, m, _i in rows.case_mediators)
                        with store.operation(ACTOR, "demo_cases",
                                             summary=f"生成演示案件{len(rows.cases)}件") as work:
                            _take_reserved(store, rows, center.id)
                            store.cases.write_rows(rows, now=work.now)
                            audit_batch(work, len(rows.cases))
                        done += len(rows.cases)
                        if progress is not None and progress(done, cases) is False:
                            break
            else:
                for start in range(0, cases, BATCH):
                    made = [maker.case(d, center.id) for d in days[start:start + BATCH]]
                    assigned.update(i for c, _, _ in made for i in c.mediator_ids)
                    with store.operation(ACTOR, "demo_cases",
                                         summary=f"生成演示案件{len(made)}件") as work:
                        _number(store, [c for c, _, _ in made], center.id,
                                center.number_prefix)
                        store.cases.insert_batch(
                            cases=[m[0] for m in made], events=[e for m in made for e in m[1]],
                            agreements=[a for m in made for a in m[2]], mediators=by_id,
                            now=work.now, origin=work.origin)
                        audit_batch(work, len(made))
                    done += len(made)
                    if progress is not None and progress(done, cases) is False:
                        break
        _ensure_mediator_account(store, path, mediators, assigned)
        total = store.cases.count_live()
    finally:
        store.close()
    return DemoResult(cases_added=done, total_cases=total, seconds=time.perf_counter() - started,
                      recovery_key=recovery_key)
