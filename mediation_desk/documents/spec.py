"""A document as plain data: title, blocks of text, tables, signature blocks.

Builders produce a :class:`DocSpec`; :mod:`layout` renders it. Keeping the
content apart from the drawing gives one place to compute the content hash
(the verification code in the footer) and keeps builders short.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Literal

Align = Literal["left", "center", "right", "justify"]


@dataclass(frozen=True)
class Para:
    """A paragraph of body text; ``indent`` gives the two-character first-line indent."""

    text: str
    indent: bool = True
    align: Align = "justify"
    size: float | None = None


@dataclass(frozen=True)
class Heading:
    """A section heading inside the body (e.g. 一、纠纷事实)."""

    text: str


@dataclass(frozen=True)
class Lines:
    """``count`` ruled empty lines to write on by hand (blank forms)."""

    count: int = 4


@dataclass(frozen=True)
class Grid:
    """A ruled table; each cell is text (wrapped). ``widths`` are fractions of the line.

    ``spans`` are ``(col0, row0, col1, row1)`` cell ranges merged into one;
    ``labels`` are the column indexes shown as field labels (centred);
    ``min_height`` (points) keeps rows tall enough to write in.
    """

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    spans: tuple[tuple[int, int, int, int], ...] = ()
    labels: tuple[int, ...] = (0,)
    min_height: float = 0


@dataclass(frozen=True)
class Signatures:
    """Signature and seal block, never split across pages.

    ``lines`` are the signature prompts (e.g. ``当事人（签名、盖章或按指印）：张三``),
    ``seal`` the organisation line (``××人民调解委员会（印）``), ``date`` the date line.
    """

    lines: tuple[str, ...]
    seal: str = ""
    date: str = ""
    columns: int = 1


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


Block = Para | Heading | Lines | Grid | Signatures | PageBreak


@dataclass
class DocSpec:
    """Everything printed on a document except the page furniture."""

    kind: str
    title: str
    number: str = ""  # 编号 line under the title (right-aligned)
    subnumbers: tuple[str, ...] = ()  # e.g. the court's 诉前调 number
    blocks: list[Block] = field(default_factory=list)
    footer_left: str = ""
    page_footer: bool = True  # False for the case file's front matter (stamped instead)

    def add(self, *blocks: Block) -> DocSpec:
        """Append blocks; returns self for chaining."""
        self.blocks.extend(blocks)
        return self

    def content_hash(self) -> str:
        """SHA-256 of the canonical content (independent of fonts and PDF bytes)."""
        data = {"kind": self.kind, "title": self.title, "number": self.number,
                "subnumbers": list(self.subnumbers), "footer_left": self.footer_left,
                "blocks": [[type(b).__name__, asdict(b)] for b in self.blocks]}
        raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def all_text(self) -> str:
        """Every character the document prints (for the glyph check)."""
        parts = [self.title, self.number, self.footer_left, *self.subnumbers]
        for b in self.blocks:
            if isinstance(b, (Para, Heading)):
                parts.append(b.text)
            elif isinstance(b, Grid):
                parts += [c for row in b.rows for c in row]
            elif isinstance(b, Signatures):
                parts += [*b.lines, b.seal, b.date]
        return "".join(parts)


def verification_code(content_hash: str) -> str:
    """Short code printed in the footer: the first 8 hex digits, ``XXXX-XXXX``."""
    h = content_hash[:8].upper()
    return f"{h[:4]}-{h[4:]}"
