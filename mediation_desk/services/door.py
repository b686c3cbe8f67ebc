"""The one door to the database: a thread that owns every connection of the process.

SQLite's rule is one connection, one user at a time; Python's ``sqlite3`` enforces that a
connection is used only on the thread that made it. So the desk opens its writer and its
reader connection *on* one database thread, and everything that touches them runs there:

* ``door.call(fn)`` runs ``fn()`` on the database thread and returns its result (or raises
  its exception) to the caller, whichever thread that is; called on the database thread
  itself it just runs ``fn()``, so database code may call other database code freely.
* ``door.submit(fn, callback)`` queues ``fn()`` and later calls ``callback(ok, value)`` on
  the database thread (the GUI's task runner forwards it to the GUI thread).

Work runs one item after the other, so a form saved while an import runs waits for the
import's transaction instead of failing with "cannot start a transaction within a
transaction". The GUI thread never touches SQLite: the connections are opened with
``check_same_thread`` on, and any stray use from another thread raises at once.

Compare Anki's collection executor (``qt/aqt/taskman.py``).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

S = TypeVar("S")
T = TypeVar("T")
Callback = Callable[[bool, Any], None]


class DoorClosed(RuntimeError):
    """Work was submitted after the door closed."""


class Door(Generic[S]):
    """A database thread holding ``open_session()``'s result, closed by ``close_session``."""

    def __init__(self, open_session: Callable[[], S], close_session: Callable[[S], None], *,
                 name: str = "db-door") -> None:
        self._queue: queue.Queue[tuple[Callable[[], Any], Callback] | None] = queue.Queue()
        self._close_session = close_session
        self._closed = False
        self._session: S | None = None
        ready: Future[S] = Future()

        def run() -> None:
            try:
                self._session = open_session()
            except BaseException as exc:  # noqa: BLE001 - re-raised in the opener
                ready.set_exception(exc)
                return
            ready.set_result(self._session)
            self._loop()

        self._thread = threading.Thread(target=run, name=name, daemon=True)
        self._thread.start()
        ready.result()  # raises what open_session raised (e.g. a StorageError)

    @property
    def session(self) -> S:
        """The session: only to be *used* on the database thread (inside ``call``)."""
        assert self._session is not None
        return self._session

    def on_door_thread(self) -> bool:
        return threading.current_thread() is self._thread

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                break
            fn, callback = item
            try:
                value, ok = fn(), True
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                value, ok = exc, False
            try:
                callback(ok, value)
            except Exception:  # a failing callback must not stop the door
                log.exception("door callback failed")
        try:
            self._close_session(self.session)
        except Exception:
            log.exception("closing the database session failed")

    def submit(self, fn: Callable[[], Any], callback: Callback) -> None:
        """Queue ``fn``; ``callback(ok, value)`` runs on the database thread afterwards."""
        if self._closed:
            raise DoorClosed("数据库已关闭。")
        self._queue.put((fn, callback))

    def call(self, fn: Callable[[], T]) -> T:
        """Run ``fn()`` on the database thread and return its result (raise its error)."""
        if self.on_door_thread():
            return fn()
        result: Future[T] = Future()

        def done(ok: bool, value: Any) -> None:
            if ok:
                result.set_result(value)
            else:
                result.set_exception(value)

        self.submit(fn, done)
        return result.result()

    def close(self, timeout: float = 30.0) -> None:
        """Finish queued work, close the session on its thread, stop the thread."""
        if self._closed:
            return
        self._closed = True
        if self.on_door_thread():
            raise RuntimeError("the door cannot be closed from its own thread")
        self._queue.put(None)
        self._thread.join(timeout)


class Bound:
    """A service seen from any thread: each call runs on the door thread.

    ``Bound(door, service)`` forwards ``bound.method(*args)`` as
    ``door.call(lambda: service.method(*args))``; with ``around`` (e.g. a read snapshot) the
    call runs inside it. Properties (``bound.settings``) are read on the door thread too.
    """

    def __init__(self, door: Door[Any], target: Any,
                 around: Callable[[Callable[[], Any]], Any] | None = None) -> None:
        self._door = door
        self._target = target
        self._around = around

    def _run(self, fn: Callable[[], T]) -> T:
        around = self._around
        result: T = self._door.call(fn if around is None else (lambda: around(fn)))
        return result

    def __getattr__(self, name: str) -> Any:
        member = getattr(type(self._target), name, None)
        if callable(member):  # a method: forward the call, not the lookup
            method = getattr(self._target, name)
            return lambda *args, **kwargs: self._run(lambda: method(*args, **kwargs))
        return self._run(lambda: getattr(self._target, name))

    @property
    def store(self) -> Any:
        """The service's store (only usable on the door thread)."""
        return self._target.store
