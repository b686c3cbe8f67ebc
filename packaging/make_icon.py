"""Draw the application icon: a white balance scale (天平) on a rounded court-red square.

Writes mediation_desk/resources/icons/app.ico (16, 24, 32, 48, 64 and 256 px) and app.png
(256 px). Each size is drawn on its own pixel grid (thicker strokes at the small sizes) rather
than scaled down from the large one. Qt's ico plugin writes one image per file, so each size is
written through it and the entries are put together into one icon directory here; the 256 px
entry is stored as PNG, as Windows' own icons do. Run after changing the drawing::

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ICONS = Path(__file__).resolve().parents[1] / "mediation_desk" / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 256)
RED = QColor("#b3261e")  # court red
BLUE = QColor("#1f4e8c")  # the pans' rims, court blue
WHITE = QColor("#ffffff")


def draw(size: int) -> QImage:
    """The mark at ``size`` pixels square, transparent outside the rounded square."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    margin = 0.0 if size <= 24 else s * 0.04
    box = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(RED))
    p.drawRoundedRect(box, box.width() * 0.2, box.width() * 0.2)

    stroke = max(1.5, s * 0.055)
    pen = QPen(WHITE, stroke, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    cx = s / 2
    top, beam_y, base_y = s * 0.2, s * 0.3, s * 0.8
    p.drawLine(QPointF(cx, top), QPointF(cx, base_y))  # the pillar
    p.drawLine(QPointF(s * 0.2, beam_y), QPointF(s * 0.8, beam_y))  # the beam
    p.drawLine(QPointF(s * 0.32, base_y), QPointF(s * 0.68, base_y))  # the foot
    p.setBrush(QBrush(WHITE))
    p.drawEllipse(QPointF(cx, top), stroke * 0.7, stroke * 0.7)  # the knob

    for x in (s * 0.25, s * 0.75):  # the two pans, hanging on their cords
        pan_top, pan_w, pan_h = s * 0.56, s * 0.32, s * 0.13
        if size >= 32:
            thin = QPen(WHITE, max(1.0, stroke * 0.45), Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap)
            p.setPen(thin)
            p.drawLine(QPointF(x, beam_y), QPointF(x - pan_w / 2 + stroke * 0.3, pan_top))
            p.drawLine(QPointF(x, beam_y), QPointF(x + pan_w / 2 - stroke * 0.3, pan_top))
        else:
            p.setPen(QPen(WHITE, max(1.0, stroke * 0.6)))
            p.drawLine(QPointF(x, beam_y), QPointF(x, pan_top))
        bowl = QPainterPath(QPointF(x - pan_w / 2, pan_top))
        bowl.arcTo(QRectF(x - pan_w / 2, pan_top - pan_h, pan_w, pan_h * 2), 180, 180)
        bowl.closeSubpath()
        p.setPen(QPen(BLUE, max(1.0, s * 0.02)) if size >= 48 else Qt.PenStyle.NoPen)
        p.setBrush(QBrush(WHITE))
        p.drawPath(bowl)
    p.end()
    return image


def encoded(image: QImage, fmt: str) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, fmt):
        raise SystemExit(f"Qt could not write {fmt}")
    buffer.close()
    return bytes(data.data())


def ico_entry(image: QImage) -> tuple[bytes, bytes]:
    """(16-byte directory entry without its offset field filled, image data) for one size."""
    if image.width() >= 256:
        data = encoded(image, "png")
        entry = struct.pack("<BBBBHHI", 0, 0, 0, 0, 1, 32, len(data))
        return entry, data
    single = encoded(image, "ico")  # Qt's ico plugin: a one-image icon directory
    count = struct.unpack_from("<H", single, 4)[0]
    if count != 1:
        raise SystemExit("Qt's ico writer wrote more than one image")
    width, height, colours, reserved, planes, bits, length, offset = struct.unpack_from(
        "<BBBBHHII", single, 6)
    return (struct.pack("<BBBBHHI", width, height, colours, reserved, planes, bits, length),
            single[offset:offset + length])


def write_ico(path: Path, images: list[QImage]) -> None:
    entries = [ico_entry(image) for image in images]
    header = struct.pack("<HHH", 0, 1, len(entries))
    offset = len(header) + 16 * len(entries)
    directory, blobs = b"", b""
    for entry, data in entries:
        directory += entry + struct.pack("<I", offset + len(blobs))
        blobs += data
    path.write_bytes(header + directory + blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    images = [draw(size) for size in SIZES]
    write_ico(ICONS / "app.ico", images)
    if not images[-1].save(str(ICONS / "app.png"), "png"):
        raise SystemExit("could not write app.png")
    del app
    print(f"wrote {ICONS / 'app.ico'} ({', '.join(map(str, SIZES))} px) and app.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
