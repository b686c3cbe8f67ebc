"""Worker processes for the kill tests, forked from one process that has already imported them.

A kill test starts dozens of worker processes and SIGKILLs each; ``python -m worker`` spent
about a second of CPU importing the application before it did anything (two cores, the whole
suite: minutes). A ``ForkServer`` imports the worker module once; each ``spawn`` forks it and
runs the module as ``python -m module ARGS`` would (``runpy``, ``__name__ == "__main__"``)
with its standard output on a pipe of the test's. The child is an ordinary process of its
own: its own pid, its own database connections opened after the fork, killed by SIGKILL and
reaped by the server before ``communicate`` returns, so the test looks at the files only once
the killed process is gone. POSIX only, as the kill tests are (they skip without SIGKILL).

    server = ForkServer("tests.storage.crash_worker")
    proc = server.spawn(str(db_path))      # like subprocess.Popen([... "-m", module, db_path])
    first = proc.stdout.readline()
    os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate()            # the rest of its output; it has been reaped
    server.close()

The one difference from a fresh process: the modules are imported before the child's
arguments and ``env`` are known (none of the workers reads them at import; the application
reads MEDIATION_DESK_HOME when it needs the folder).
"""

from __future__ import annotations

import importlib
import json
import locale
import os
import runpy
import signal
import socket
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MESSAGE = 65536


class Child:
    """A forked worker, used as the kill tests use a ``subprocess.Popen``."""

    def __init__(self, server: ForkServer, pid: int, stdout_fd: int) -> None:
        self.server, self.pid = server, pid
        self.stdout = open(stdout_fd, encoding="utf-8")  # noqa: SIM115 (closed by communicate)
        self.returncode: int | None = None

    def communicate(self) -> tuple[str, None]:
        """Its remaining output, once it has exited (been killed) and been reaped."""
        out = self.stdout.read()
        self.stdout.close()
        self.wait()
        return out, None

    def wait(self) -> int:
        if self.returncode is None:
            self.returncode = self.server._wait(self.pid)
        return self.returncode


class ForkServer:
    """A process that has imported ``module`` and forks a worker per ``spawn``."""

    def __init__(self, module: str, preload: tuple[str, ...] = ()) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.forkserver", module,
                                      str(theirs.fileno()), *preload],
                                     pass_fds=[theirs.fileno()], cwd=ROOT, env=env)
        theirs.close()
        self.sock, self.module = ours, module
        self.children: list[Child] = []
        if self.sock.recv(MESSAGE) != b"ready":
            raise RuntimeError(f"the fork server for {module} did not start")

    def spawn(self, *args: str, env: dict[str, str] | None = None) -> Child:
        """Fork a worker running ``python -m module *args`` (``env``: variables to set)."""
        read_end, write_end = os.pipe()
        request = {"args": list(args), "env": env or {}}
        try:
            socket.send_fds(self.sock, [json.dumps(request).encode()], [write_end])
        finally:
            os.close(write_end)
        child = Child(self, int(self.sock.recv(MESSAGE)), read_end)
        self.children.append(child)
        return child

    def run(self, *args: str, env: dict[str, str],
            timeout: float) -> subprocess.CompletedProcess[str]:
        """As ``subprocess.run([python, "-m", module, *args], env=env, capture_output=True,
        text=True, timeout=timeout)``: the whole environment is ``env``."""
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            request = {"args": list(args), "env": env, "whole_env": True}
            socket.send_fds(self.sock, [json.dumps(request).encode()],
                            [out.fileno(), err.fileno()])
            pid = int(self.sock.recv(MESSAGE))
            self.sock.settimeout(timeout)
            try:
                code = self._wait(pid)
            except TimeoutError:
                os.kill(pid, signal.SIGKILL)
                self.sock.settimeout(None)
                self.sock.recv(MESSAGE)  # the server's answer once it reaped it
                raise subprocess.TimeoutExpired([self.module, *args], timeout) from None
            finally:
                self.sock.settimeout(None)
            encoding = locale.getpreferredencoding(False)
            texts = []
            for f in (out, err):
                f.seek(0)
                texts.append(f.read().decode(encoding))
        return subprocess.CompletedProcess([sys.executable, "-m", self.module, *args], code,
                                           texts[0], texts[1])

    def _wait(self, pid: int) -> int:
        self.sock.send(json.dumps({"wait": pid}).encode())
        return int(self.sock.recv(MESSAGE))

    def close(self) -> None:
        """Stop the server (it kills any worker still running)."""
        self.sock.close()
        self.proc.wait(timeout=60)
        for child in self.children:  # a test that failed before reading a worker to its end
            child.stdout.close()

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _run_child(module: str, request: dict[str, Any], fds: list[int]) -> None:
    """In the forked child: ``python -m module args`` with stdout (and stderr) on ``fds``."""
    if request.get("whole_env"):
        os.environ.clear()
    os.environ.update(request["env"])
    encoding = locale.getpreferredencoding(False)
    for target, fd in zip((1, 2), fds, strict=False):
        os.dup2(fd, target)
        os.close(fd)
    sys.stdout = open(1, "w", encoding=encoding, closefd=False)  # noqa: SIM115
    if len(fds) > 1:
        sys.stderr = open(2, "w", encoding=encoding, closefd=False)  # noqa: SIM115
    args = request["args"]
    sys.argv = [module, *args]
    code = 0
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def serve(module: str, fd: int, preload: list[str]) -> None:
    """The server's loop: fork on a spawn request, reap on a wait request, stop at EOF."""
    for name in (module, *preload):
        importlib.import_module(name)
    sock = socket.socket(fileno=fd)
    sock.send(b"ready")
    children: set[int] = set()
    try:
        while True:
            message, fds, _flags, _addr = socket.recv_fds(sock, MESSAGE, 2)
            if not message:
                break
            request = json.loads(message)
            if "wait" in request:
                _, status = os.waitpid(request["wait"], 0)
                children.discard(request["wait"])
                sock.send(str(os.waitstatus_to_exitcode(status)).encode())
                continue
            pid = os.fork()
            if pid == 0:
                sock.close()
                _run_child(module, request, fds)
            for passed in fds:
                os.close(passed)
            children.add(pid)
            sock.send(str(pid).encode())
    finally:
        for pid in children:  # a test that failed before killing its worker
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
