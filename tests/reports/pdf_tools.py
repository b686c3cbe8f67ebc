"""Reading generated PDFs back with poppler-utils and qpdf (pdftotext, pdffonts, qpdf)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest


def _tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        pytest.fail(f"{name} not found: install poppler-utils and qpdf")
    return exe


def text(pdf: bytes) -> str:
    """The PDF's text with all whitespace removed (reading order)."""
    out = subprocess.run([_tool("pdftotext"), "-enc", "UTF-8", "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode("utf-8")
    return re.sub(r"\s+", "", out)


def pages(pdf: bytes) -> list[list[list[str]]]:
    """Each page as lines of whitespace-separated tokens (pdftotext -layout).

    A table row prints as one line: ``['受理纠纷数', '842', '790', ...]``.
    """
    out = subprocess.run([_tool("pdftotext"), "-layout", "-enc", "UTF-8", "-", "-"],
                         input=pdf, capture_output=True, check=True).stdout.decode("utf-8")
    chunks = out.split("\f")
    if chunks and not chunks[-1].strip():
        chunks.pop()
    return [[line.split() for line in chunk.splitlines() if line.strip()] for chunk in chunks]


def lines(pdf: bytes) -> list[list[str]]:
    """All lines of tokens, page after page."""
    return [line for page in pages(pdf) for line in page]


def fonts(pdf: bytes) -> list[tuple[str, str]]:
    """(font name, emb yes/no) for every font of the PDF (pdffonts)."""
    out = subprocess.run([_tool("pdffonts"), "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode("utf-8").splitlines()
    rows = []
    for line in out[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object ID: emb is the 5th field from the end
        rows.append((parts[0], parts[-5]))
    return rows


def qpdf_check(pdf: bytes, tmp_path: object) -> subprocess.CompletedProcess[str]:
    """``qpdf --check`` of the PDF (written to a file in ``tmp_path``)."""
    from pathlib import Path

    path = Path(str(tmp_path)) / "check.pdf"
    path.write_bytes(pdf)
    return subprocess.run([_tool("qpdf"), "--check", str(path)], capture_output=True,
                          text=True, check=False)
