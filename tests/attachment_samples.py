"""Real attachment contents made on the spot (reportlab PDF, Pillow images) and hostile ones."""

from __future__ import annotations

import io

from PIL import Image
from reportlab.pdfgen import canvas


def pdf_bytes(pages: int = 1, text: str = "Mediation Desk") -> bytes:
    buf = io.BytesIO()
    cv = canvas.Canvas(buf, pagesize=(595, 842))
    for i in range(pages):
        cv.setFont("Helvetica", 28)
        cv.drawString(72, 760, f"{text} - page {i + 1}")
        cv.rect(72, 200, 450, 500)
        cv.showPage()
    cv.save()
    return buf.getvalue()


def image_bytes(fmt: str, size: tuple[int, int] = (64, 48), color: str = "teal",
                frames: int = 1) -> bytes:
    buf = io.BytesIO()
    images = [Image.new("RGB", size, color) for _ in range(frames)]
    for i, im in enumerate(images):
        im.paste("white", (4 + i, 4, size[0] // 2, size[1] // 2))
    if frames > 1:
        images[0].save(buf, fmt, save_all=True, append_images=images[1:])
    else:
        images[0].save(buf, fmt)
    return buf.getvalue()


def jpeg_bytes(**kw) -> bytes:
    return image_bytes("JPEG", **kw)


def png_bytes(**kw) -> bytes:
    return image_bytes("PNG", **kw)


def tiff_bytes(**kw) -> bytes:
    return image_bytes("TIFF", **kw)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + \
    b"This program cannot be run in DOS mode.\r\n" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
BAT = b"@echo off\r\ndel /q C:\\*\r\n"
