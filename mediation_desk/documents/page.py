"""Page furniture and the one entry point that renders a :class:`DocSpec` to PDF.

``第x页 共y页`` and the verification code in every footer; reportlab runs in
invariant mode, so the same spec gives the same bytes. A blank form
(``stamp=None``) carries no verification code.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from .fonts import DocumentFont
from .layout import FOOTER_SIZE, MARGIN_B, MARGIN_L, MARGIN_R, MARGIN_T, PAGE_W, flowables, styles
from .markup import Markup
from .spec import DocSpec, verification_code


@dataclass(frozen=True)
class Stamp:
    """What identifies an issued paper on its pages.

    ``code`` is printed in every footer; ``qr`` is the payload of the QR code on
    the last page ('' for none).
    """

    code: str
    qr: str = ""


Stamper = Callable[[str], Stamp]
"""Gives the stamp of a document from its content hash (:meth:`DocSpec.content_hash`)."""


def unkeyed_stamp(content_hash: str) -> Stamp:
    """The code derived from the content hash alone (the first version's code)."""
    return Stamp(verification_code(content_hash))


@dataclass(frozen=True)
class Rendered:
    """A rendered document."""

    pdf: bytes
    content_hash: str
    verification_code: str
    missing_glyphs: tuple[str, ...]
    pages: int


QR_SIZE = 17 * mm
"""The verification QR code on the last page: in the bottom margin, right, beside the code."""


def qr_drawing(text: str, font: str, size: float) -> Drawing:
    """reportlab's own QR code of ``text``, ``size`` points square."""
    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    # initialFontName: else the renderer selects Times-Roman, which is never embedded
    drawing = Drawing(size, size, initialFontName=font,
                      transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def draw_qr(canvas: Canvas, payload: str, font: str) -> None:
    """Draw the QR code of ``payload`` in the bottom-right corner of the page."""
    renderPDF.draw(qr_drawing(payload, font, QR_SIZE), canvas,
                   PAGE_W - MARGIN_R - QR_SIZE, 4 * mm)


PAGE_INITIALS = "当事人签名："
"""Printed above the footer on every page of a multi-page agreement: each party initials it."""
INITIALS_KINDS = frozenset({"agreement"})


def wants_initials(spec: DocSpec) -> bool:
    """Whether ``spec`` carries the 「当事人签名：」 line on its pages (when it has several)."""
    return spec.page_initials if spec.page_initials is not None else spec.kind in INITIALS_KINDS


def draw_initials(canvas: Canvas, font: str) -> None:
    """「当事人签名：」 and a rule to initial on, just above the footer (left)."""
    y = 17.5 * mm
    canvas.setFont(font, 10.5)
    canvas.drawString(MARGIN_L, y, PAGE_INITIALS)
    x = MARGIN_L + canvas.stringWidth(PAGE_INITIALS, font, 10.5)
    canvas.setLineWidth(0.5)
    canvas.line(x + 2, y - 2, x + 2 + 75 * mm, y - 2)


class PageCountCanvas(Canvas):
    """A canvas that keeps every page until the end, so the furniture can say 共y页.

    A subclass sets ``font_name`` (the embedded face: the canvas's initial font, so no
    unembedded Helvetica enters the PDF) and draws its furniture in :meth:`furnish`.
    """

    font_name = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("invariant", 1)
        kwargs["initialFontName"] = self.font_name
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        self._pages.append(dict(self.__dict__))
        # Canvas._startPage (private, not in the stubs) starts a fresh page state
        self._startPage()  # type: ignore[attr-defined]

    def page_order(self) -> list[int]:
        """The kept pages' indexes in the order they are written (as laid out, by default)."""
        return list(range(len(self._pages)))

    def furnish(self, number: int, total: int) -> None:
        """Draw the furniture of page ``number`` of ``total`` (nothing by default)."""

    def save(self) -> None:
        order = self.page_order()
        total = len(order)
        for number, index in enumerate(order, start=1):
            self.__dict__.update(self._pages[index])
            self.page_index = index  # which kept page this is, for furnish()
            self.furnish(number, total)
            super().showPage()
        super().save()


def footer_canvas(font: str, code: str, left: str, enabled: bool = True,
                  qr: str = "", initials: bool = False) -> type[Canvas]:
    """A Canvas class that prints ``第x页 共y页`` and the code once the page count is known.

    ``qr`` (when given) is drawn as a QR code on the last page, the code beside it;
    ``initials`` prints 「当事人签名：」 on every page when there is more than one.
    """

    class FooterCanvas(PageCountCanvas):
        font_name = font

        def furnish(self, number: int, total: int) -> None:
            if not enabled:
                return
            if initials and total > 1:
                draw_initials(self, font)
            self.setFont(font, FOOTER_SIZE)
            y = 12 * mm
            self.drawCentredString(PAGE_W / 2, y, f"第{number}页 共{total}页")
            last_qr = bool(qr) and number == total
            if code:
                right = PAGE_W - MARGIN_R - (QR_SIZE + 2 * mm if last_qr else 0)
                self.drawRightString(right, y, f"校验码 {code}")
            if last_qr:
                draw_qr(self, qr, font)
            if left:
                self.drawString(MARGIN_L, y, left)

    return FooterCanvas


def render(spec: DocSpec, font: DocumentFont,
           stamp: Stamper | None = unkeyed_stamp) -> Rendered:
    """Render ``spec`` with ``font`` to PDF bytes (deterministic); no code if ``stamp`` is None."""
    content_hash = spec.content_hash()
    issued = stamp(content_hash) if stamp is not None else Stamp("")
    code = issued.code
    mk = Markup(font)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=MARGIN_L, rightMargin=MARGIN_R,
                            topMargin=MARGIN_T, bottomMargin=MARGIN_B, title=spec.title,
                            author="调解工作台", creator="调解工作台 Mediation Desk",
                            subject=code, invariant=1)
    story = flowables(spec, styles(font.name), mk)
    doc.build(story, canvasmaker=footer_canvas(font.name, code, spec.footer_left,
                                               spec.page_footer, issued.qr,
                                               initials=wants_initials(spec)))
    pdf = buf.getvalue()
    return Rendered(pdf, content_hash, code, tuple(mk.missing), doc.page)
