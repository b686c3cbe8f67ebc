"""Reading positions back from generated PDFs (poppler's pdftotext), for the layout tests."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass

import pytest

CLOSING = "，。、；：？！）》」』】〕〉”’…％"
OPENING = "（《「『【〔〈“‘"


@dataclass(frozen=True)
class Word:
    """One word pdftotext found: its page (from 1), box (points, y down) and text."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def _exe() -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.fail("pdftotext not found: install poppler-utils")
    return exe


def words(pdf: bytes) -> list[Word]:
    """Every word with its box (``pdftotext -bbox``)."""
    out = subprocess.run([_exe(), "-enc", "UTF-8", "-bbox", "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode("utf-8")
    found: list[Word] = []
    for n, page in enumerate(out.split("<page ")[1:], start=1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">(.*?)</word>', page):
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            found.append(Word(n, x0, y0, x1, y1, html.unescape(m.group(5))))
    return found


def text_lines(pdf: bytes) -> list[str]:
    """The printed lines, in pdftotext's reading order, leading and trailing spaces removed.

    Words of one visual line that lie close together form one line; a table row's
    cells come out as separate lines (``-raw`` keeps the content-stream order).
    """
    out = subprocess.run([_exe(), "-enc", "UTF-8", "-raw", "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode("utf-8")
    return [ln.strip() for ln in out.replace("\f", "\n").splitlines() if ln.strip()]


def bad_breaks(pdf: bytes) -> list[str]:
    """Lines that start with closing punctuation or end with an opening bracket."""
    bad = []
    for ln in text_lines(pdf):
        if ln[0] in CLOSING or ln[-1] in OPENING:
            bad.append(ln)
    return bad


def overlaps(pdf: bytes, tolerance: float = 1.0) -> list[tuple[Word, Word]]:
    """Pairs of words on the same page whose boxes overlap (overprinted text)."""
    ws = words(pdf)
    pairs = []
    for i, a in enumerate(ws):
        for b in ws[i + 1:]:
            if b.page != a.page:
                continue
            if (min(a.x1, b.x1) - max(a.x0, b.x0) > tolerance
                    and min(a.y1, b.y1) - max(a.y0, b.y0) > tolerance):
                pairs.append((a, b))
    return pairs
