"""A TrueType font whose text layer maps characters beyond the BMP correctly.

reportlab writes each subset's ToUnicode CMap with ``<%04X>`` destinations, so
𠮷 (U+20BB7) becomes ``<20BB7>``: five hex digits, which readers cut to U+20BB
(₻). Search, copy and the court's text extraction then get another name. A
ToUnicode destination is UTF-16BE (PDF 1.7 §9.10.3; Adobe Tech Note 5411), so a
supplementary-plane character is written as its surrogate pair, ``<D842DFB7>``.

:class:`TTFont` is reportlab's font with that one rewrite applied to the CMaps
it has just made; everything else (subsetting, widths, embedding) is reportlab's.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.pdfbase import pdfdoc, ttfonts

# one bfchar line of reportlab's CMap whose destination needs more than 16 bits
_WIDE_ENTRY = re.compile(r"^<([0-9A-F]{2})> <([0-9A-F]{5,6})>$", re.MULTILINE)
_CMAP_PREFIX = "toUnicodeCMap:"  # reportlab's name of a subset's ToUnicode stream


def utf16_hex(code_point: int) -> str:
    """The UTF-16BE code units of a character as hex (a surrogate pair above U+FFFF)."""
    return chr(code_point).encode("utf-16-be").hex().upper()


def fix_cmap(cmap: str) -> str:
    """reportlab's ToUnicode CMap with every supplementary-plane destination in UTF-16."""
    return _WIDE_ENTRY.sub(lambda m: f"<{m[1]}> <{utf16_hex(int(m[2], 16))}>", cmap)


class TTFont(ttfonts.TTFont):
    """reportlab's TrueType font, with ToUnicode entries beyond U+FFFF as surrogate pairs."""

    def addObjects(self, doc: Any) -> None:  # noqa: N802 (reportlab API)
        """Make the font's PDF objects (reportlab), then correct their ToUnicode CMaps."""
        super().addObjects(doc)
        # the subsets' base names end in the face's name (reportlab: SUBSETN+NAME)
        face_name = (self.face.name + self.face.subfontNameX).decode("pdfdoc")
        for name, obj in doc.idToObject.items():
            if (isinstance(name, str) and name.startswith(_CMAP_PREFIX)
                    and name.endswith("+" + face_name) and isinstance(obj, pdfdoc.PDFStream)
                    and isinstance(obj.content, str)):
                obj.content = fix_cmap(obj.content)
