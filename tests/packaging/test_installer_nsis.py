"""The Windows installer (packaging/installer.nsi), built with Debian's NSIS from a test-only
stand-in for the PyInstaller folder (packaging/nsis/standin.c: records its arguments), and
smoke-tested under Wine by packaging/smoke_installer.sh, the script CI runs on the real build."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]

needs_nsis = pytest.mark.skipif(
    not (shutil.which("makensis") and shutil.which("x86_64-w64-mingw32-gcc")),
    reason="needs Debian's nsis and gcc-mingw-w64-x86-64",
)
needs_wine = pytest.mark.skipif(not shutil.which("wine"), reason="needs Debian's wine")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("MEDIATION_DESK_HOME", None)
    return env


@pytest.fixture(scope="module")
def standin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("standin") / "MediationDesk"
    subprocess.run(["bash", str(PACKAGING / "nsis" / "make_standin_folder.sh"), str(folder)],
                   check=True, capture_output=True)
    return folder


@pytest.fixture(scope="module")
def setup_exe(standin: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("setup")
    done = subprocess.run(["bash", str(PACKAGING / "build_installer.sh"), str(standin),
                           "--out", str(out)], capture_output=True, text=True, env=_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("installer: "), done.stdout
    (exe,) = out.iterdir()
    return exe


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


@needs_nsis
def test_setup_is_a_64_bit_program_named_and_versioned_from_pyproject(setup_exe: Path) -> None:
    assert setup_exe.name == f"MediationDesk-{VERSION}-setup.exe"
    data = setup_exe.read_bytes()
    assert data[:2] == b"MZ"
    (pe,) = struct.unpack_from("<I", data, 0x3C)
    assert data[pe:pe + 4] == b"PE\0\0"
    (machine,) = struct.unpack_from("<H", data, pe + 4)
    assert machine == 0x8664  # amd64-unicode
    # the version resource (UTF-16 strings) carries pyproject's version and the Chinese names
    for text in ("ProductName", "调解工作台", "调解工作台 安装程序", f"{VERSION}"):
        assert _utf16(text) in data, text
    assert _utf16(f"MediationDesk-{VERSION}-setup.exe") in data


@needs_nsis
def test_build_refuses_a_folder_without_the_programs(tmp_path: Path) -> None:
    folder = tmp_path / "MediationDesk"
    (folder / "_internal").mkdir(parents=True)
    (folder / "MediationDesk.exe").write_bytes(b"MZ")
    out = tmp_path / "out"
    done = subprocess.run(["bash", str(PACKAGING / "build_installer.sh"), str(folder),
                           "--out", str(out)], capture_output=True, text=True, env=_env())
    assert done.returncode == 1
    assert "mediation-desk.exe is missing" in done.stderr
    assert not out.exists() or not list(out.iterdir())


def _smoke(setup_exe: Path, source: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(PACKAGING / "smoke_installer.sh"), str(setup_exe),
                           "--source", str(source)],
                          capture_output=True, text=True, env=_env(), timeout=600)


@pytest.mark.slow
@needs_nsis
@needs_wine
def test_wine_smoke_passes_every_step(setup_exe: Path, standin: Path) -> None:
    done = _smoke(setup_exe, standin)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    steps = [line for line in lines if line[:4] in ("ok  ", "FAIL")]
    assert len(steps) == 16, done.stdout
    assert all(line.startswith("ok ") for line in steps), done.stdout
    for words in ("identical to", ".mdx opens the program with its path", "exit 3 while",
                  "old files replaced", "program folder, shortcuts, association",
                  "the seeded files are all there"):
        assert any(words in line for line in steps), (words, done.stdout)
    assert lines[-1].startswith("sizes: installer ")


@pytest.mark.slow
@needs_nsis
@needs_wine
def test_wine_smoke_fails_when_the_installed_files_differ(setup_exe: Path, standin: Path,
                                                          tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(standin, other)
    (other / "_internal" / "not-in-the-installer.txt").write_text("x", encoding="utf-8")
    done = _smoke(setup_exe, other)
    assert done.returncode == 1
    fail = [line for line in done.stdout.splitlines() if line.startswith("FAIL")]
    assert fail == ["FAIL  6 program files"], done.stdout
    assert "not-in-the-installer.txt" in done.stdout
