"""Bounded reads of files a user names: regular files only, never more than the limit."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mediation_desk.domain.errors import DomainError
from mediation_desk.services import calendar as cal_svc
from mediation_desk.services import exchange
from mediation_desk.services.files import InputFileRefused, format_size, read_input_file
from tests.cli.conftest import LOGIN, run

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")


def refused(path, limit: int = 1024, what: str = "交换文件") -> InputFileRefused:
    done: list[BaseException] = []

    def attempt() -> None:
        try:
            read_input_file(path, limit=limit, what=what)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            done.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(10)  # a FIFO that blocked open() or read() would hang here
    assert not worker.is_alive(), "read_input_file hung"
    assert done and isinstance(done[0], InputFileRefused), done
    return done[0]


def test_a_regular_file_and_a_symlink_to_one_are_read(tmp_path):
    f = tmp_path / "a.mdx"
    f.write_bytes(b"x" * 1024)
    assert read_input_file(f, limit=1024, what="交换文件") == b"x" * 1024
    link = tmp_path / "link.mdx"
    link.symlink_to(f)
    assert read_input_file(link, limit=1024, what="交换文件") == b"x" * 1024


@posix_only
def test_dev_zero_is_a_device():
    err = refused("/dev/zero", limit=10 * 1024 * 1024)
    assert err.reason == "device" and "设备文件" in err.message and "/dev/zero" in err.message
    assert err.code == "file_unreadable"


@posix_only
def test_a_symlink_to_a_device_is_refused(tmp_path):
    link = tmp_path / "zero.mdx"
    link.symlink_to("/dev/zero")
    assert refused(link).reason == "device"


@posix_only
def test_a_fifo_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.mdx"
    os.mkfifo(fifo)
    err = refused(fifo)
    assert err.reason == "pipe" and "管道" in err.message


@posix_only
def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        assert refused(path).reason == "socket"


def test_a_folder_is_refused(tmp_path):
    err = refused(tmp_path, what="附件")
    assert err.reason == "folder" and "文件夹" in err.message


def test_a_file_over_the_limit_is_refused(tmp_path):
    f = tmp_path / "big.mdx"
    f.write_bytes(b"x" * 1025)
    err = refused(f, limit=1024)
    assert err.reason == "too_large" and err.code == "file_too_large"
    assert "上限为 1 KB" in err.message


def test_missing_file(tmp_path):
    err = refused(tmp_path / "nope.mdx")
    assert err.reason == "missing" and "找不到交换文件" in err.message


def test_the_open_database_is_refused_before_it_is_opened(store, db_path):
    with pytest.raises(DomainError) as err:
        read_input_file(db_path, limit=1 << 30, what="附件")
    assert not isinstance(err.value, InputFileRefused)
    assert "正在使用的数据库文件" in err.value.message
    assert store.check()[0] == []  # the desk's locks were not dropped by a stray close()


def test_sizes_read_plainly():
    assert [format_size(n) for n in (16 * 1024, 64 * 1024, 20 << 20, 768 << 20, 1536 << 20)] \
        == ["16 KB", "64 KB", "20 MB", "768 MB", "1.5 GB"]


@posix_only
@pytest.mark.parametrize("reader", [
    lambda p: exchange.read_card(p),
    lambda p: cal_svc.read_notice_file(p),
], ids=["card", "notice"])
def test_cards_and_notice_files_are_read_bounded(tmp_path, reader):
    fifo = tmp_path / "in"
    os.mkfifo(fifo)
    for path, word in (("/dev/zero", "设备文件"), (fifo, "管道"), (tmp_path, "文件夹")):
        with pytest.raises(InputFileRefused) as err:
            reader(path)
        assert word in err.value.message


def _desk(tmp_path: Path, home: Path) -> Path:
    db = tmp_path / "c.db"
    r = run("init", "--db", str(db), "--center-code", "ZD-MS", "--center-name", "马尚调解中心",
            "--prefix", "马尚", home=home)
    assert r.returncode == 0, r.stderr
    return db


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


@posix_only
def test_add_json_from_a_device_or_pipe(tmp_path):
    home = tmp_path / "home"
    db = _desk(tmp_path, home)
    before = _digest(db)
    fifo = tmp_path / "cases.json"
    os.mkfifo(fifo)
    for source, word in (("/dev/zero", "设备文件"), (str(fifo), "管道"), (str(tmp_path), "文件夹")):
        r = run("add", "--db", str(db), "--json", source, home=home)
        assert r.returncode == 1 and word in r.stderr, r.stderr
        assert "Traceback" not in r.stderr and "内部错误" not in r.stderr
    assert _digest(db) == before


def _capped() -> None:
    import resource

    # were /dev/zero read unbounded, the child fails fast instead of filling the machine
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@posix_only
def test_import_dev_zero_is_refused_at_once(tmp_path):
    """Passes once exchange_import._read uses read_input_file (the lead's wiring)."""
    home = tmp_path / "home"
    db = _desk(tmp_path, home)
    before = _digest(db)
    env = {**os.environ, "MEDIATION_DESK_HOME": str(home), **LOGIN}  # the desk's director
    r = subprocess.run([sys.executable, "-m", "mediation_desk", "import", "--db", str(db),
                        "/dev/zero"], capture_output=True, text=True, env=env, timeout=60,
                       preexec_fn=_capped)
    assert r.returncode == 1 and "设备文件" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and "内部错误" not in r.stderr
    assert _digest(db) == before
