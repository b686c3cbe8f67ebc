"""A document as plain data: title, blocks of text, tables, signature blocks.

Builders produce a :class:`DocSpec`; :mod:`layout` renders it. Keeping the
content apart from the drawing gives one place to compute the content hash
(the verification code in the footer) and keeps builders short.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Literal

Align = Literal["left", "center", "right", "justify"]

# A blank to fill in by hand travels inside the text as a marker: two private-use
# characters around its width in characters. The markup draws it as an underlined gap.
BLANK_OPEN, BLANK_CLOSE = "\ue001", "\ue002"
BLANK_RE = re.compile(f"{BLANK_OPEN}(\\d+){BLANK_CLOSE}")


def blank(n: int = 4) -> str:
    """An underlined blank ``n`` characters wide, to write in by hand (年 月 日, 调字第 号).

    Put it in any text (``f"本协议一式{blank(2)}份"``); every block type prints it.
    """
    return f"{BLANK_OPEN}{max(1, int(n))}{BLANK_CLOSE}"


def plain(text: str) -> str:
    """``text`` with every blank marker as that many full-width spaces (what the page reads)."""
    return BLANK_RE.sub(lambda m: "\u3000" * int(m.group(1)), text)


@dataclass(frozen=True)
class Para:
    """A paragraph of body text; ``indent`` gives the two-character first-line indent.

    ``keep_with_next`` keeps it on the same page as the block after it
    (「此致」 with the court's name, a heading with its first paragraph).
    """

    text: str
    indent: bool = True
    align: Align = "justify"
    size: float | None = None
    keep_with_next: bool = False


@dataclass(frozen=True)
class Heading:
    """A section heading inside the body (e.g. 一、纠纷事实)."""

    text: str


@dataclass(frozen=True)
class Lines:
    """``count`` ruled empty lines to write on by hand (blank forms, free text).

    ``prompt`` (optional) is printed small above the lines (e.g. what to write there).
    """

    count: int = 4
    prompt: str = ""


@dataclass(frozen=True)
class Grid:
    """A ruled table; each cell is text (wrapped). ``widths`` are fractions of the line.

    ``spans`` are ``(col0, row0, col1, row1)`` cell ranges merged into one;
    ``labels`` are the column indexes shown as field labels (centred);
    ``min_height`` (points) keeps rows at least that tall to write in; rows always
    grow with their content, and a row with a long cell splits across pages.
    """

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    spans: tuple[tuple[int, int, int, int], ...] = ()
    labels: tuple[int, ...] = (0,)
    min_height: float = 0


@dataclass(frozen=True)
class Signatures:
    """Signature and seal block, never split across pages, kept with the text it signs.

    ``lines`` are the signature prompts (e.g. ``当事人（签名、盖章或按指印）：张三``),
    ``seal`` the organisation line (``××人民调解委员会（印）``), ``date`` the date line.
    ``end_mark`` prints 「（以下无正文）」 before the block; ``None`` leaves it to the
    document kind (agreements, applications and records have it).
    """

    lines: tuple[str, ...]
    seal: str = ""
    date: str = ""
    columns: int = 1
    end_mark: bool | None = None


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
    # 「当事人签名：」 initials line at the foot of every page of a multi-page document;
    # None leaves it to the kind (on for the agreement)
    page_initials: bool | None = None

    def add(self, *blocks: Block) -> DocSpec:
        """Append blocks; returns self for chaining."""
        self.blocks.extend(blocks)
        return self

    def content_hash(self) -> str:
        """SHA-256 of the canonical content (independent of fonts and PDF bytes)."""
        data: dict[str, object] = {"kind": self.kind, "title": self.title, "number": self.number,
                "subnumbers": list(self.subnumbers), "footer_left": self.footer_left,
                "blocks": [[type(b).__name__, _fields(b)] for b in self.blocks]}
        if self.page_initials is not None:
            data["page_initials"] = self.page_initials
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
            elif isinstance(b, Lines):
                parts.append(b.prompt)
        return BLANK_RE.sub("", "".join(parts))


# Fields added after the first release: left out of the hash while at their default,
# so a document that does not use them keeps the hash (and code) it was issued with.
_LATER_DEFAULTS: dict[str, object] = {"keep_with_next": False, "prompt": "", "end_mark": None}


def _fields(block: Block) -> dict[str, object]:
    return {k: v for k, v in asdict(block).items()
            if k not in _LATER_DEFAULTS or v != _LATER_DEFAULTS[k]}


def verification_code(content_hash: str) -> str:
    """Short code printed in the footer: the first 8 hex digits, ``XXXX-XXXX``."""
    h = content_hash[:8].upper()
    return f"{h[:4]}-{h[4:]}"
