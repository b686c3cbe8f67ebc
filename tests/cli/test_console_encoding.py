"""The command line writes UTF-8 whatever the console's code page (issue 16): under a
Western code page ``--help`` used to crash with UnicodeEncodeError, under a Chinese one it
wrote GBK. Real subprocesses, the bytes checked as UTF-8."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mediation_desk.console import utf8_stream

ROOT = Path(__file__).resolve().parents[2]

CONSOLES = {
    "western code page": {"PYTHONIOENCODING": "cp1252"},
    "chinese code page": {"PYTHONIOENCODING": "gbk"},
    # no locale coercion and no UTF-8 mode: Python would write ASCII
    "C locale": {"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
}


def mdesk(console: dict[str, str], *args: str, home: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL", "LANG", "LC_CTYPE")
           and not k.startswith("MEDIATION_DESK_")}
    env.update(console, MEDIATION_DESK_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "mediation_desk", *args], cwd=ROOT, env=env,
                          capture_output=True, timeout=120)


@pytest.mark.parametrize("console", CONSOLES.values(), ids=CONSOLES.keys())
def test_help_is_utf8(console: dict[str, str], tmp_path: Path):
    out = mdesk(console, "--help", home=tmp_path)
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    assert b"UnicodeEncodeError" not in out.stderr
    text = out.stdout.decode("utf-8")  # strict: GBK or replaced bytes would fail here
    assert "调解工作台 Mediation Desk" in text and "打开程序（图形界面）" in text


@pytest.mark.parametrize("console", CONSOLES.values(), ids=CONSOLES.keys())
def test_a_chinese_error_is_utf8(console: dict[str, str], tmp_path: Path):
    out = mdesk(console, "cases", "--db", str(tmp_path / "desk.db"), home=tmp_path)
    assert out.returncode == 1
    assert b"Traceback" not in out.stderr
    assert "请用 --user 姓名 指明登录的账户" in out.stderr.decode("utf-8")


@pytest.mark.parametrize("console", CONSOLES.values(), ids=CONSOLES.keys())
def test_a_usage_error_is_utf8(console: dict[str, str], tmp_path: Path):
    out = mdesk(console, "no-such-verb", home=tmp_path)
    assert out.returncode == 2
    assert "mediation-desk: 用法错误：" in out.stderr.decode("utf-8")


def test_without_the_switch_the_western_console_would_fail(tmp_path: Path):
    """What the switch prevents (so the tests above can fail): plain Python under cp1252."""
    env = dict(os.environ, PYTHONIOENCODING="cp1252")
    out = subprocess.run([sys.executable, "-c", "print('调解工作台')"], env=env,
                         capture_output=True, timeout=60)
    assert out.returncode == 1 and b"UnicodeEncodeError" in out.stderr


def test_a_stream_is_reconfigured_in_place():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    assert utf8_stream(stream) is stream
    stream.write("调解")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "调解"


class _NoReconfigure:
    """A stream that cannot be reconfigured but has a byte buffer (some IDE consoles)."""

    encoding = "cp1252"
    errors = "strict"

    def __init__(self) -> None:
        self.buffer = io.BytesIO()

    def flush(self) -> None:
        pass


def test_a_stream_that_cannot_be_reconfigured_is_wrapped():
    old = _NoReconfigure()
    new = utf8_stream(old)  # type: ignore[arg-type]
    assert new is not None and new is not old
    new.write("调解\n")
    assert old.buffer.getvalue() == "调解\n".encode()


def test_no_stream_stays_none():
    assert utf8_stream(None) is None
