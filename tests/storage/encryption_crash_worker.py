"""Child process for the legacy-encryption kill tests.

``python -m tests.storage.encryption_crash_worker DB N``: encrypt the plain database ``DB``
(director 王主任, password ``PASSWORD``) and die with ``os._exit`` (no clean-up, like a
SIGKILL) at the ``N``-th step that touches a file: an export, a key file, a rename, a
removal, a sync (before it or after it). ``N = 0`` never dies. Says ``start`` first and
``done CALLS`` when it finished (how many points it passed).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mediation_desk.security import keyfile
from mediation_desk.services import encryption
from mediation_desk.storage import encryption as files

DIRECTOR = "王主任"
PASSWORD = "加密测试-密码-1"


class Dies:
    """Counts calls of the wrapped steps; exits the process at call ``at``."""

    def __init__(self, at: int) -> None:
        self.at, self.calls = at, 0

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == self.at:
                os._exit(9)
            result = fn(*args, **kwargs)
            self.calls += 1
            if self.calls == self.at:  # after the step too: between it and the next one
                os._exit(9)
            return result
        return step


def install(at: int) -> Dies:
    dies = Dies(at)
    for module, names in ((files, ("export_plain", "export_file", "secure_remove",
                                   "fsync_folder", "facts_of_file")),
                          (keyfile, ("write_keyfile",)),
                          (encryption, ("_write_atomic", "_create_director"))):
        for name in names:
            setattr(module, name, dies.wrap(getattr(module, name)))
    encryption.os.replace = dies.wrap(os.replace)  # type: ignore[attr-defined]
    return dies


if __name__ == "__main__":
    db, at = Path(sys.argv[1]), int(sys.argv[2])
    print("start", flush=True)
    dies = install(at)
    encryption.encrypt_database(db, DIRECTOR, PASSWORD)
    print(f"done {dies.calls}", flush=True)
