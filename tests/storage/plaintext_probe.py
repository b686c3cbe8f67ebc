"""What the real ``strings`` binary finds of the parties' data in a file (issue 11's check).

``strings -a`` finds ASCII runs (ID and phone numbers); ``strings -a -e S`` finds runs of
8-bit bytes, which includes UTF-8 Chinese (party names). Callers check a positive control
(the same probe on a plain file finds the data) so an empty answer means something.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mediation_desk.domain.validators import id_check_char

STRINGS = shutil.which("strings")
needs_strings = pytest.mark.skipif(STRINGS is None, reason="needs the strings binary (binutils)")


def id_number(n: int) -> str:
    """A valid resident ID number (the check character computed), distinct per ``n``."""
    base = f"11010519491231{n:03d}"
    return base + id_check_char(base)


def phone(n: int) -> str:
    return f"1381234{n:04d}"


def name(n: int) -> str:
    return f"欧阳{'甲乙丙丁戊己庚辛壬癸'[n % 10]}娜{n // 10 or ''}"


def secrets_of(count: int) -> list[str]:
    """Every party name, ID and phone number :func:`tests` registers for ``count`` cases."""
    out = []
    for i in range(count):
        out += [name(i), id_number(i), phone(i)]
    return out + ["司马懿", "440524188001010014", "13900001111"]


def found_in(path: Path, needles: list[str]) -> list[str]:
    """The needles ``strings`` shows in ``path`` (min length 4)."""
    assert STRINGS is not None
    text = ""
    for args in (["-a", "-n", "4"], ["-a", "-n", "4", "-e", "S"]):
        out = subprocess.run([STRINGS, *args, str(path)], capture_output=True, check=True)
        text += out.stdout.decode("utf-8", errors="ignore") + "\n"
    return [n for n in needles if n in text]


def found_in_tree(folder: Path, needles: list[str]) -> dict[str, list[str]]:
    """For every file under ``folder``: the needles ``strings`` shows in it (only hits)."""
    hits = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            found = found_in(p, needles)
            if found:
                hits[str(p.relative_to(folder))] = found
    return hits
