"""The case file's pages in one reportlab pass (one embedded subset of the font).

Every generated item (a document's flowables, an image attachment, a notice
about an attachment that could not be merged, a placeholder page for each page
of a PDF attachment) goes into one story, each item starting a new page after a
zero-size mark that tells the canvas which item its pages belong to. The front
matter (cover and index) needs every item's pages, so it comes last in the
story, expanded only once the body is laid out, and moves to the front
afterwards (:mod:`case_file` reorders the pages with pypdf and lays the PDF
attachments' pages into their placeholders).

The canvas keeps every page until the end, then draws the furniture: each
document's own 「第x页 共y页」 and case number, and on every page of the file
「卷宗第n页 共N页」 with the file's verification code (the QR on its last page).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate
from reportlab.platypus.flowables import UseUpSpace

from .layout import FOOTER_SIZE, MARGIN_B, MARGIN_L, MARGIN_R, MARGIN_T, PAGE_H, PAGE_W
from .page import PageCountCanvas, Stamp, draw_initials, draw_qr

STAMP_SIZE = 9
Box = tuple[float, float, float, float]
"""x, y (bottom left), width, height on the page, in points."""


class Mark(Flowable):
    """Zero-size: the pages from here on belong to item ``item``."""

    def __init__(self, item: int) -> None:
        super().__init__()
        self.item = item
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        if isinstance(canv, FileCanvas):
            canv.current_item = self.item


class Slot(Flowable):
    """The rest of the frame: an image drawn scaled into it, or a PDF page's place.

    ``image`` is drawn top-centred at most at 150 dpi, shrunk to fit; without an
    image the box is recorded on the canvas for the PDF page laid in later.
    """

    def __init__(self, image: ImageReader | None = None,
                 key: tuple[int, int] = (0, 0)) -> None:
        super().__init__()
        self.image, self.key = image, key
        self.box = (0.0, 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.box = (availWidth, max(0.0, availHeight - 1))
        return self.box

    def draw(self) -> None:
        canv = self.canv
        aw, ah = self.box
        if self.image is None:
            if isinstance(canv, FileCanvas):
                # the frame's box in page coordinates: the flowable's origin is its bottom left
                x, y = canv.absolutePosition(0, 0)
                canv.slots[canv.getPageNumber() - 1] = (self.key, (x, y, aw, ah))
            return
        w, h = self.image.getSize()
        scale = min(72 / 150, aw / w, ah / h)
        dw, dh = w * scale, h * scale
        canv.drawImage(self.image, (aw - dw) / 2, ah - dh, dw, dh)


class Deferred(Flowable):
    """Replaced, when the layout reaches it, by the flowables ``expand()`` returns."""

    def __init__(self, expand: Callable[[], list[Flowable]]) -> None:
        super().__init__()
        self.expand = expand

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0


class FileTemplate(SimpleDocTemplate):
    """SimpleDocTemplate that expands :class:`Deferred` flowables in place."""

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        first = flowables[0]
        if isinstance(first, Deferred):
            del flowables[0]
            flowables[0:0] = first.expand()
            return
        super().handle_flowable(flowables)


@dataclass(frozen=True)
class Plan:
    """The pages in their final order and what each carries.

    ``order`` is the story page index of every final page; ``footers`` maps a story
    page to its document's footer ``(page in the document, pages of it, left text,
    whether it carries the 「当事人签名：」 initials line)``;
    ``bookmarks`` maps a story page to the titles of the items that start on it.
    """

    order: list[int]
    footers: dict[int, tuple[int, int, str, bool]]
    bookmarks: dict[int, list[str]]
    stamp: Stamp


@dataclass
class Furniture:
    """The font, and ``plan()``: called with the item of every story page once laid out."""

    font: str
    plan: Callable[[list[int]], Plan]
    page_items: list[int] = field(default_factory=list)


class FileCanvas(PageCountCanvas):
    """A canvas that keeps its pages and, at the end, writes them in the plan's order.

    The furniture (see :class:`Plan`) is drawn then; the bookmarks are reportlab's
    own outline entries.
    """

    furniture: Furniture

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.font_name = self.furniture.font
        kwargs["invariant"] = 1
        super().__init__(*args, **kwargs)
        self.current_item = -1
        self.slots: dict[int, tuple[tuple[int, int], Box]] = {}

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        super().showPage()
        self.furniture.page_items.append(self.current_item)

    def page_order(self) -> list[int]:
        self.plan = self.furniture.plan(self.furniture.page_items)
        self.setSubject(self.plan.stamp.code)
        self.marks = 0
        return self.plan.order

    def furnish(self, number: int, total: int) -> None:
        font, plan, k = self.furniture.font, self.plan, self.page_index
        self._pageNumber = number
        for title in plan.bookmarks.get(k, ()):
            key = f"item{self.marks}"
            self.bookmarkPage(key)
            self.addOutlineEntry(title, key, level=0)
            self.marks += 1
        footer = plan.footers.get(k)
        if footer is not None:
            page, count, left, initials = footer
            if initials:
                draw_initials(self, font)
            self.setFont(font, FOOTER_SIZE)
            self.drawCentredString(PAGE_W / 2, 12 * mm, f"第{page}页 共{count}页")
            if left:
                self.drawString(MARGIN_L, 12 * mm, left)
        self.setFont(font, STAMP_SIZE)
        self.drawRightString(PAGE_W - MARGIN_R, PAGE_H - 12 * mm,
                             f"卷宗第{number}页 共{total}页  校验码 {plan.stamp.code}")
        if plan.stamp.qr and number == total:
            draw_qr(self, plan.stamp.qr, font)


def run_pass(story: list[Flowable], furniture: Furniture, *,
             title: str) -> tuple[bytes, dict[int, tuple[tuple[int, int], Box]]]:
    """Lay out ``story`` in one document; the PDF and the PDF placeholders' boxes by page."""
    buf = io.BytesIO()
    doc = FileTemplate(buf, leftMargin=MARGIN_L, rightMargin=MARGIN_R, topMargin=MARGIN_T,
                       bottomMargin=MARGIN_B, title=title, author="调解工作台",
                       creator="调解工作台 Mediation Desk", producer="调解工作台", invariant=1)
    made: list[FileCanvas] = []

    class _Canvas(FileCanvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.furniture = furniture
            super().__init__(*args, **kwargs)
            made.append(self)

    doc.build(story, canvasmaker=_Canvas)
    return buf.getvalue(), dict(made[0].slots)


_FRAME_W = PAGE_W - MARGIN_L - MARGIN_R - 12  # the frame's 6 pt padding each side
_FRAME_H = PAGE_H - MARGIN_T - MARGIN_B - 12


def pages_of(story: list[Flowable]) -> int:
    """Pages ``story`` takes alone: 1 when its flowables' heights add up to one frame.

    Otherwise (or with a page break inside) the story is laid out on a dry canvas; the
    quick sum counts every gap, so it never says one page for a longer story.
    """
    used = 0.0
    canv = Canvas(io.BytesIO(), invariant=1)
    for f in story:
        if isinstance(f, UseUpSpace):
            return measure(story)
        used += f.wrapOn(canv, _FRAME_W, _FRAME_H)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        if used > _FRAME_H:
            return measure(story)
    return 1


def measure(story: list[Flowable]) -> int:
    """Pages ``story`` takes alone (laid out, nothing saved)."""

    class _Dry(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["invariant"] = 1
            super().__init__(*args, **kwargs)

        def save(self) -> None:
            pass

    doc = SimpleDocTemplate(io.BytesIO(), leftMargin=MARGIN_L, rightMargin=MARGIN_R,
                            topMargin=MARGIN_T, bottomMargin=MARGIN_B, invariant=1)
    doc.build(story, canvasmaker=_Dry)
    return int(doc.page)

