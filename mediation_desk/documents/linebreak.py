"""Chinese line breaking (禁则), the one rule every paragraph and table cell uses.

reportlab's CJK wrapping hangs at most one mark that may not start a line and
never looks at marks that may not end one, so 「（」 ended lines and 「：」 began
them after a hung 「）」. :class:`CNParagraph` breaks lines itself: the break
moves back until the next line does not start with closing punctuation and the
line does not end with an opening bracket (pairs such as 「），」 included), and
a run of Latin letters or digits is kept whole when it can be. It also keeps
full-width spaces at full width: the markup sends them as a private character
the parser leaves alone (it collapses runs of U+3000 into one space otherwise).
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

# the CJK line helpers are missing from the stubs
from reportlab.platypus.paragraph import cjkU, makeCJKParaLine  # type: ignore[attr-defined]
from reportlab.platypus.paraparser import ParaFrag
from reportlab.rl_config import _FUZZ

NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉〗”’…—％·‰,.;:?!)]}%")
"""Closing punctuation: never the first character of a line."""
NO_LINE_END = frozenset("（《「『【〔〈〖“‘([{¥￥$")
"""Opening brackets and quotes (and currency signs): never the last character of a line."""

FULL_WIDTH_SPACE = "\ue000"
"""How the markup sends U+3000 through the parser (restored before wrapping)."""


def _word_char(ch: str) -> bool:
    """Latin letters, digits and a blank's low lines: kept whole on a line where they can be."""
    return (ch.isascii() and (ch.isalnum() or ch in "._-/@+")) or ch == "＿"


def _allowed(u: list[str], k: int) -> bool:
    """May a line break fall before ``u[k]``?

    A run of full-width spaces (a gap to write in) counts with the punctuation after
    it: 「受理　　　　。」 never leaves 「　　　　。」 to start a line.
    """
    if u[k] not in NO_LINE_START and u[k - 1] not in NO_LINE_END:
        j = k
        while j < len(u) and u[j] == "\u3000":
            j += 1
        return j == k or j == len(u) or u[j] not in NO_LINE_START
    return False


def break_before(u: list[str], start: int, over: int) -> int:
    """Where the next line starts when ``u[over]`` no longer fits on the line from ``start``.

    The break moves back at most half a line to satisfy the rule (and, where it can,
    not to cut a Latin word or number); failing that it stays (pathological text).
    """
    if over <= start:
        return start + 1
    limit = max(start + 1, over - max(2, (over - start) // 2))
    for k in range(over, limit - 1, -1):
        if _allowed(u, k) and not (_word_char(u[k - 1]) and _word_char(u[k])):
            return k
    for k in range(over, limit - 1, -1):
        if _allowed(u, k):
            return k
    return over


_WIDTHS: dict[tuple[str, str, float], float] = {}
"""Advance widths by (character, font, size): measured once per process."""


def _glyph(ch: str, frag: Any) -> Any:
    """reportlab's per-character unit (a str carrying its frag and width), width cached."""
    if hasattr(frag, "cbDefn"):
        return cjkU(ch, frag, "utf8")
    key = (ch, frag.fontName, frag.fontSize)
    w = _WIDTHS.get(key)
    if w is None:
        w = _WIDTHS[key] = stringWidth(ch, frag.fontName, frag.fontSize)
    u = str.__new__(cjkU, ch)
    u._frag = frag
    u._width = w
    return u


def _width(ch: Any, max_width: float) -> float:
    w = ch.width
    if hasattr(w, "normalizedValue"):
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return float(w)


def cjk_split(frags: list[ParaFrag], max_widths: list[float], calc_bounds: bool) -> Any:
    """Lines of ``frags`` for ``max_widths`` (reportlab's cjkFragSplit with the rule above)."""
    from reportlab.platypus.paragraph import ParaLines

    chars: list[Any] = []
    for f in frags:
        text = f.text
        if isinstance(text, bytes):
            text = text.decode("utf8")
        if text:
            chars.extend(_glyph(t, f) for t in text)
        else:
            chars.append(cjkU(text, f, "utf8"))
    lines: list[Any] = []
    start = i = 0
    used = 0.0
    max_width = max_widths[0]
    n = len(chars)
    while i < n:
        ch = chars[i]
        i += 1
        used += _width(ch, max_width)
        line_break = hasattr(ch.frag, "lineBreak")
        if not ((used > max_width + _FUZZ and used > 0) or line_break):
            continue
        if not line_break:
            k = break_before(chars, start, i - 1)
            used -= sum(_width(c, max_width) for c in chars[k:i])
            i = k
        lines.append(makeCJKParaLine(chars[start:i], max_width, used, max_width - used,
                                     line_break, calc_bounds))
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        start, used = i, 0.0
    if start < n:
        lines.append(makeCJKParaLine(chars[start:], max_width, used, max_width - used,
                                     False, calc_bounds))
    return ParaLines(kind=1, lines=lines)


class CNParagraph(Paragraph):
    """A Paragraph that breaks Chinese lines by :func:`break_before` and keeps U+3000 wide."""

    def __init__(self, text: str | None, style: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)  # type: ignore[arg-type]
        for f in self.frags:
            t = getattr(f, "text", None)
            if isinstance(t, str) and FULL_WIDTH_SPACE in t:
                f.text = t.replace(FULL_WIDTH_SPACE, "\u3000")
        self._wrapped: tuple[float, float, Any] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # the lines depend on the width only; keeping with the text before a signature
        # block asks the same paragraph for its height several times
        if self._wrapped is not None and self._wrapped[0] == availWidth:
            self.width, self.height, self.blPara = self._wrapped
            return self.width, self.height
        w, h = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, h, self.blPara)
        return w, h

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        # reportlab breaks the second part's lines again from scratch; at the same width
        # they are the remaining lines, so a long text is not broken once per page
        parts: list[Any] = list(super().split(availWidth, availHeight))
        bl = getattr(self, "blPara", None)
        if len(parts) == 2 and bl is not None and getattr(bl, "kind", 0) == 1:
            first, rest = parts
            n = len(first.blPara.lines)
            lines = bl.lines[n:]
            if lines:
                from reportlab.platypus.paragraph import ParaLines

                rest._wrapped = (availWidth, self.style.leading * len(lines),
                                 ParaLines(kind=1, lines=lines))
        return parts

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803 (reportlab API)
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        self.height = 0
        frags = self.frags
        if not frags:
            return super().breakLinesCJK(maxWidths)
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        return cjk_split(frags, list(maxWidths), auto not in ("", "off"))
