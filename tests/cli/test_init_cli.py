"""``init`` as a person runs it: the director's account, the recovery key shown once (and
the 恢复密钥单), passwords typed on a terminal; every refusal leaves no file behind."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mediation_desk.cli import run as run_here
from mediation_desk.security.keyfile import keyfile_path
from tests.cli.conftest import run
from tests.cli.helpers import login_as
from tests.cli.test_login_cli import printed_key_opens

INIT = ("init", "--center-code", "ZD-MS", "--center-name", "马尚调解中心", "--prefix", "马尚")


def test_init_creates_the_encrypted_desk_and_shows_the_recovery_key_once(tmp_path, home):
    db, sheet = tmp_path / "c.db", tmp_path / "恢复密钥单.pdf"
    r = run(*INIT, "--db", str(db), "--user", "主任甲", "--recovery-sheet", str(sheet),
            home=home, user=None, password="director-pass-1")
    assert r.returncode == 0, r.stderr
    assert "已创建加密数据库" in r.stdout and "中心主任账户：主任甲" in r.stdout
    assert "只显示这一次" in r.stdout and "保险柜" in r.stdout
    assert "mediation-desk recover --db" in r.stdout and "已写出恢复密钥单" in r.stdout
    assert printed_key_opens(r.stdout, db)
    assert sheet.read_bytes().startswith(b"%PDF") and keyfile_path(db).is_file()
    assert b"SQLite format 3" not in db.read_bytes()[:16]
    r = run("account", "list", "--db", str(db), home=home, user="主任甲",
            password="director-pass-1")
    assert r.returncode == 0 and "主任甲\t中心主任\t在用" in r.stdout, r.stderr
    # a second init on the same file is refused and changes nothing
    before = db.read_bytes(), keyfile_path(db).read_bytes()
    r = run(*INIT, "--db", str(db), "--user", "主任乙", home=home, user=None,
            password="director-pass-2")
    assert r.returncode == 1 and "文件已存在" in r.stderr and "Traceback" not in r.stderr
    assert (db.read_bytes(), keyfile_path(db).read_bytes()) == before


@pytest.mark.parametrize("argv, env, says", [
    (["--db", "{db}"], {"MEDIATION_DESK_PASSWORD": "director-pass-1"}, "--user"),
    (["--db", "{db}", "--user", "主任甲"], {}, "MEDIATION_DESK_PASSWORD"),
    (["--db", "{db}", "--user", "主任甲"], {"MEDIATION_DESK_PASSWORD": "1234567"},
     "密码：密码至少 8 个字符"),
    (["--db", "{db}", "--user", "主任甲"], {"MEDIATION_DESK_PASSWORD": "主任甲"},
     "密码："),
    (["--db", "{db}", "--user", "主任甲", "--recovery-sheet", "{tmp}/没有/sheet.pdf"],
     {"MEDIATION_DESK_PASSWORD": "director-pass-1"}, "输出文件夹不存在"),
    (["--db", "{db}", "--user", "主任甲", "--recovery-sheet", "{tmp}"],
     {"MEDIATION_DESK_PASSWORD": "director-pass-1"}, "文件夹"),
    (["--db", "{db}", "--user", "主任甲", "--center-code", "坏 代码"],
     {"MEDIATION_DESK_PASSWORD": "director-pass-1"}, "代码"),
], ids=["no user", "no password", "short password", "password is the name",
        "sheet folder missing", "sheet is a folder", "bad center code"])
def test_a_refused_init_leaves_no_file(tmp_path, monkeypatch, capsys, argv, env, says):
    login_as(monkeypatch, None, None)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    names = {"db": str(tmp_path / "c.db"), "tmp": str(tmp_path)}
    assert run_here([*INIT, *(a.format(**names) for a in argv)]) == 1
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err, err
    assert list(tmp_path.iterdir()) == []


# -- typed on a terminal ----------------------------------------------------------------------
def on_terminal(argv: list[str], answers: list[tuple[str, str]], home: Path,
                env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the command line with a terminal of its own (its controlling tty, as a person's
    shell gives it) and type each answer once its prompt appears there."""
    import fcntl
    import termios

    controller, terminal = os.openpty()

    def own_terminal() -> None:  # in the child: a new session whose terminal is ours
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    full = {k: v for k, v in os.environ.items() if not k.startswith("MEDIATION_DESK_")}
    full.update(MEDIATION_DESK_HOME=str(home), **env)
    proc = subprocess.Popen([sys.executable, "-m", "mediation_desk", *argv], stdin=terminal,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full,
                            preexec_fn=own_terminal)  # noqa: PLW1509 - tests only, no threads
    os.close(terminal)
    seen, pending, deadline = b"", list(answers), time.monotonic() + 60
    try:
        while pending and time.monotonic() < deadline and proc.poll() is None:
            if not select.select([controller], [], [], 0.5)[0]:
                continue
            try:
                seen += os.read(controller, 4096)
            except OSError:  # the child closed the terminal
                break
            prompt = pending[0][0].encode()
            if prompt in seen:
                seen = seen.split(prompt, 1)[1]
                answer = pending.pop(0)[1]  # a line, or Ctrl-D (EOT) alone
                os.write(controller, answer.encode() + (b"" if answer == "\x04" else b"\n"))
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(controller)
    assert not pending, f"never asked {pending[0][0]!r}: {seen.decode(errors='replace')}"
    return subprocess.CompletedProcess(argv, proc.returncode, out.decode(), err.decode())


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
def test_passwords_typed_on_a_terminal(tmp_path, home):
    db = str(tmp_path / "c.db")
    # typed twice, differently: refused, nothing created
    r = on_terminal([*INIT, "--db", db, "--user", "主任甲"],
                    [("设置密码", "director-pass-1"), ("再输入一次", "director-pass-9")],
                    home, {})
    assert r.returncode == 1 and "两次输入的密码不一致" in r.stderr, r.stderr
    assert not Path(db).exists() and not keyfile_path(db).exists()
    r = on_terminal([*INIT, "--db", db, "--user", "主任甲"],
                    [("设置密码", "director-pass-1"), ("再输入一次", "director-pass-1")],
                    home, {})
    assert r.returncode == 0, r.stderr
    assert "director-pass-1" not in r.stdout + r.stderr  # never echoed
    # the login asks for the password on the terminal
    r = on_terminal(["cases", "--db", db, "--user", "主任甲"],
                    [("主任甲 的密码", "director-pass-1")], home, {})
    assert r.returncode == 0 and "共 0 件" in r.stderr, r.stderr
    r = on_terminal(["cases", "--db", db], [("主任甲 的密码", "wrong-password")], home,
                    {"MEDIATION_DESK_USER": "主任甲"})
    assert r.returncode == 1 and "密码不正确" in r.stderr and "Traceback" not in r.stderr
    r = on_terminal(["cases", "--db", db, "--user", "主任甲"], [("主任甲 的密码", "\x04")], home,
                    {})
    assert r.returncode == 1 and r.stderr.strip() == "已取消", r.stderr  # Ctrl-D
    # one's own password: the old one asked once (it is the login's), the new one twice
    r = on_terminal(["password", "--db", db, "--user", "主任甲"],
                    [("主任甲 的密码", "director-pass-1"), ("设置密码", "director-pass-2"),
                     ("再输入一次", "director-pass-2")], home, {})
    assert r.returncode == 0 and "已修改 主任甲 的密码" in r.stdout, r.stderr
    r = run("cases", "--db", db, home=home, user="主任甲", password="director-pass-2")
    assert r.returncode == 0, r.stderr
