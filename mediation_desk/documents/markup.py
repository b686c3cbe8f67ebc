"""Plain text to reportlab Paragraph markup for one document font.

Every character goes through here, so this is the one place that decides which
face draws it (the main face, a fallback for rare characters) and what happens
to a character no face has.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from .fonts import DocumentFont
from .linebreak import FULL_WIDTH_SPACE
from .spec import BLANK_RE

BLANK_RULE = "＿"
"""U+FF3F FULLWIDTH LOW LINE: one character's width of a blank to write on."""


class Markup:
    """Turns plain text into Paragraph markup for one font, noting missing glyphs.

    Characters the main face lacks use a fallback face when one has them;
    characters no face has are printed as a visible ``[U+XXXX]`` in red and
    reported (never silently dropped). Full-width spaces keep their width and a
    :func:`spec.blank` marker becomes an underlined gap of that many characters.
    """

    def __init__(self, font: DocumentFont) -> None:
        self.font = font
        self.missing: dict[str, None] = {}

    def __call__(self, text: str) -> str:
        parts = BLANK_RE.split(text)
        # split() alternates text and captured blank widths
        return "".join(self._text(p) if i % 2 == 0 else self._blank(int(p))
                       for i, p in enumerate(parts))

    def _blank(self, n: int) -> str:
        # drawn as full-width low lines, which join into one rule: reportlab ends an
        # underline before trailing spaces, so an underlined run of U+3000 shows nothing
        return self._text(BLANK_RULE * n)

    def _text(self, text: str) -> str:
        out: list[str] = []
        for ch in text:
            if ch == "\n":
                out.append("<br/>")
                continue
            if ch == "\u3000":
                out.append(FULL_WIDTH_SPACE)
                continue
            face = self.font.face_for(ch)
            if face == self.font.name:
                out.append(escape(ch))
            elif face is not None:
                out.append(f'<font name="{face}">{escape(ch)}</font>')
            else:
                self.missing[ch] = None
                out.append(f'<font color="#c00000">[U+{ord(ch):04X}]</font>')
        return "".join(out)

