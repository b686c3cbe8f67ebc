"""Keeping a signature block with the text it signs.

reportlab's KeepTogether moves a whole group to the next page (leaving up to a
page empty when the text before is long) and gives up once the group is taller
than a page. :class:`KeepWithTail` instead lets the text before the block break
anywhere, as long as its last lines travel with the block; a block taller than
a page continues on the next one but still starts beside that text.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

_BIG = 1e6


def _height(f: Flowable, width: float) -> float:
    return float(f.wrap(width, _BIG)[1]) + f.getSpaceBefore() + f.getSpaceAfter()


class KeepWithTail(Flowable):
    """``block`` (a list drawn as one unit) kept on the page of the last lines of ``head``.

    ``min_tail`` is how much of ``head`` (points) must stay with the block when
    ``head`` has to break (about two lines).
    """

    def __init__(self, head: Flowable | None, block: list[Flowable], min_tail: float) -> None:
        super().__init__()
        self.head = head
        self.block = block
        self.min_tail = min_tail

    def _parts(self) -> list[Flowable]:
        return [f for f in (self.head, *self.block) if f is not None]

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        self.width = aW
        self.height = sum(_height(f, aW) for f in self._parts())
        return aW, self.height

    def draw(self) -> None:
        y = self.height
        for f in self._parts():
            w, h = f.wrap(self.width, _BIG)
            y -= f.getSpaceBefore() + h
            x = {"CENTER": (self.width - w) / 2, "CENTRE": (self.width - w) / 2,
                 "RIGHT": self.width - w}.get(str(getattr(f, "hAlign", "LEFT")).upper(), 0)
            f.drawOn(self.canv, x, y)
            y -= f.getSpaceAfter()

    def _sibling(self, head: Flowable | None, block: list[Flowable]) -> KeepWithTail:
        """A part of this one (knows the frame, as reportlab only tells the original)."""
        part = KeepWithTail(head, block, self.min_tail)
        setattr(part, "_frame", getattr(self, "_frame", None))  # noqa: B010 (not in the stubs)
        return part

    def _frame_height(self, aH: float) -> float:  # noqa: N803
        """The height a fresh frame offers (inside its padding)."""
        frame: Any = getattr(self, "_frame", None)
        if frame is None:
            return aH
        return float(frame._height - frame._topPadding - frame._bottomPadding)

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        full = self._frame_height(aH)
        at_top = aH >= full - 1
        block_h = sum(_height(f, aW) for f in self.block)
        if block_h > full - self.min_tail:
            return self._split_long_block(aW, aH, at_top)
        if self.head is None:
            return [] if not at_top else list(self.block)
        head_h = _height(self.head, aW)
        tail = min(self.min_tail, head_h)
        # keep as much of the head here as leaves at least ``tail`` of it for the block
        cut = min(aH, head_h - tail + 0.5)
        while cut > 0:
            parts = self.head.split(aW, cut)
            if len(parts) >= 2 and _height(parts[-1], aW) >= tail - 0.5:
                return [*parts[:-1], self._sibling(parts[-1], self.block)]
            cut -= max(tail / 4, 6)
        if at_top:  # nothing of the head can move with the block: let the parts flow
            return [*(self.head.split(aW, aH) or [self.head]), *self.block]
        return []

    def _split_long_block(self, aW: float, aH: float, at_top: bool) -> list[Flowable]:  # noqa: N803
        """A block taller than a page: its first part stays with the head, the rest flows."""
        first, rest = self.block[:1], self.block[1:]
        if len(self.block) <= 1:
            return [f for f in (self.head, *self.block) if f is not None]
        start = self._sibling(self.head, first)
        if start.wrap(aW, aH)[1] > aH and not at_top:
            if self.head is None:
                return []
            parts = start.split(aW, aH)
            return [*parts, *rest] if parts else []
        return [start, *rest]
