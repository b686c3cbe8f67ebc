"""The recovery key sheet (恢复密钥单): one A4 page to keep in the center's safe.

The recovery key alone opens the database and every backup of it, on any machine, even
without the key file (``security/keyfile.py``: the data key is derived from it). So the
sheet says what it opens, who may use it and how, and where it belongs, with signature
lines for whoever made it and whoever keeps it. It carries no party data.

The key is printed large in fixed-width cells (a monospaced look in the embedded document
font, so no second font and nothing unembedded) and as a QR code (reportlab's own widget).
reportlab runs in invariant mode: the same input gives the same bytes.
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .data import cn_date
from .fonts import DocumentFont, document_font
from .layout import (
    CELL_SIZE,
    FRAME_W,
    MARGIN_L,
    MARGIN_R,
    TITLE_SIZE,
)
from .markup import Markup
from .page import footer_canvas, qr_drawing

TITLE = "恢复密钥单"
GROUPS, GROUP_LEN = 14, 4  # as security/keyfile.format_recovery_key prints it
GROUPS_PER_ROW = 4
KEY_SIZE = 20  # points: the key's letters
CELL_W = KEY_SIZE * 0.72  # one letter's cell: every letter the same width
GROUP_GAP = KEY_SIZE * 0.6
ROW_H = KEY_SIZE * 1.7
QR_SIZE = 36 * mm
BODY_SIZES = (10.5, 10, 9.5, 9, 8.5)  # the first that keeps the sheet on one page
TOP_MARGIN, BOTTOM_MARGIN = 20 * mm, 16 * mm


def _groups(recovery_key: str) -> list[str]:
    groups = recovery_key.strip().upper().split("-")
    if len(groups) != GROUPS or any(len(g) != GROUP_LEN or not g.isalnum() for g in groups):
        raise ValueError(f"a recovery key is {GROUPS} groups of {GROUP_LEN} letters and digits")
    return groups


class KeyGroups(Flowable):
    """The recovery key in rows of groups, each letter centred in a cell of its own.

    Nothing else is drawn among the letters, so the text of the page holds the key as is.
    """

    def __init__(self, groups: list[str], font: str) -> None:
        super().__init__()
        self.groups, self.font = groups, font
        self.rows = [groups[i:i + GROUPS_PER_ROW] for i in range(0, len(groups), GROUPS_PER_ROW)]
        self.group_w = GROUP_LEN * CELL_W
        self.width = GROUPS_PER_ROW * self.group_w + (GROUPS_PER_ROW - 1) * GROUP_GAP
        self.height = len(self.rows) * ROW_H

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        for r, row in enumerate(self.rows):
            base = self.height - (r + 1) * ROW_H + ROW_H * 0.28
            for g, group in enumerate(row):
                x0 = g * (self.group_w + GROUP_GAP)
                c.setFillColor(colors.black)
                c.setFont(self.font, KEY_SIZE)
                for i, ch in enumerate(group):
                    c.drawCentredString(x0 + (i + 0.5) * CELL_W, base, ch)
                c.setStrokeColor(colors.lightgrey)
                c.setLineWidth(0.4)
                c.line(x0, base - 3, x0 + self.group_w, base - 3)


def _qr(text: str, font: str) -> Drawing:
    return qr_drawing(text, font, QR_SIZE)


def _styles(font: str, size: float) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.55,
                          wordWrap="CJK", firstLineIndent=2 * size)
    return {
        "title": ParagraphStyle("title", parent=body, fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.4,
                                alignment=1, firstLineIndent=0),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=9.5, leading=14,
                                   alignment=1, firstLineIndent=0, textColor=colors.grey),
        "heading": ParagraphStyle("heading", parent=body, fontSize=12, leading=18,
                                  firstLineIndent=0, spaceBefore=4),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.4,
                               firstLineIndent=0),
        "label": ParagraphStyle("label", parent=body, fontSize=CELL_SIZE,
                                leading=CELL_SIZE * 1.4, firstLineIndent=0, alignment=1),
        "note": ParagraphStyle("note", parent=body, fontSize=9, leading=13, firstLineIndent=0,
                               textColor=colors.grey),
        "sign": ParagraphStyle("sign", parent=body, fontSize=11.5, leading=26, firstLineIndent=0),
    }


def _ruled(cells: list[list[Flowable | str]], widths: list[float], font: str) -> Table:
    table = Table(cells, colWidths=widths)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def _story(center_name: str, center_code: str, director_name: str, groups: list[str],
           created: date, font: str, mk: Markup, size: float) -> list[Flowable]:
    st = _styles(font, size)

    def p(text: str, style: str = "body") -> Paragraph:
        return Paragraph(mk(text), st[style])

    key_text = "-".join(groups)
    user = f"\"{director_name}\"" if " " in director_name else director_name  # one argument
    info = _ruled([[p("单　　位", "label"), p(center_name, "cell"),
                    p("单位代码", "label"), p(center_code, "cell")],
                   [p("中心主任", "label"), p(director_name, "cell"),
                    p("制作日期", "label"), p(cn_date(created), "cell")]],
                  [0.14 * FRAME_W, 0.50 * FRAME_W, 0.14 * FRAME_W, 0.22 * FRAME_W], font)
    key_box = Table([[KeyGroups(groups, font), _qr(key_text, font)],
                     [p(f"共 {GROUPS} 组、每组 {GROUP_LEN} 个字符，只有字母 A–Z 和数字 2–7，没有"
                        "容易看混的 0、1、8（把 O 输成 0、I 输成 1 也能识别）。右边的二维码是同一个"
                        "恢复密钥，可用 USB 扫码枪直接扫入恢复密钥输入框；请勿用手机扫描或拍照。",
                        "note"), ""]],
                   colWidths=[FRAME_W - QR_SIZE - 14 * mm, QR_SIZE + 14 * mm])
    key_box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
        ("SPAN", (0, 1), (1, 1)),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("ALIGN", (0, 0), (0, 0), "CENTER"), ("ALIGN", (1, 0), (1, 0), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, 0), 10), ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
        ("LEFTPADDING", (0, 1), (-1, 1), 10), ("RIGHTPADDING", (0, 1), (-1, 1), 10),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
        ("FONTNAME", (0, 0), (-1, -1), font)]))
    when = "日期：＿＿＿＿年＿＿月＿＿日"
    signatures = Table([[p("制作人（签名）：＿＿＿＿＿＿＿＿", "sign"), p(when, "sign")],
                        [p("保管人（签名）：＿＿＿＿＿＿＿＿", "sign"), p(when, "sign")]],
                       colWidths=[0.55 * FRAME_W, 0.45 * FRAME_W])
    signatures.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("FONTNAME", (0, 0), (-1, -1), font)]))
    return [
        p(TITLE, "title"),
        p("调解工作台 · 数据库的恢复密钥 · 请存放在本中心的保险柜中", "subtitle"),
        Spacer(1, 8),
        info,
        Spacer(1, 10),
        key_box,
        p("一、它能打开什么", "heading"),
        p("凭这个恢复密钥，可以在任何一台电脑上打开本中心的调解工作台数据库和它的每一份"
          "备份，即使密钥文件（与数据库同名的 .keys 文件）丢失或损坏、所有账户的密码都已忘记。"
          "它等于全部案件和当事人信息的钥匙：谁拿到它，谁就能看到数据库里的一切。"
          "更换密码不会改变恢复密钥，本单长期有效。"),
        p("二、谁可以使用，怎样使用", "heading"),
        p("只由中心主任本人（或经主任书面同意、在主任在场时）使用，并且只在以下情况下使用："
          "中心主任忘记密码或账户被锁定；密钥文件丢失或损坏；在另一台电脑上从备份恢复数据库。"
          f"使用方法：在调解工作台的登录界面点“忘记密码”，输入本单上的恢复密钥、中心主任的姓名"
          f"（{director_name}）和新密码；或在命令行运行 mediation-desk recover --db 数据库文件"
          f" --user {user}。每次使用都记入审计记录。调解员等其他账户忘记密码时不用"
          "本单，由中心主任在“账户管理”中重置。"),
        p("三、怎样保管", "heading"),
        p("打印后装入信封封好，存放在本中心的保险柜（或上锁的文件柜）中，与存放备份的U盘分开放。"
          "不要拍照，不要存在电脑、手机或U盘里，不要通过微信、短信或电子邮件发送。"
          "本单只含恢复密钥，不含任何当事人信息。如本单遗失或可能被他人看到，"
          "请立即报告中心负责人。保管人变动时当面交接，并在下方签名。"),
        Spacer(1, 10),
        KeepTogether([signatures]),
    ]


def render_recovery_sheet(center_name: str, center_code: str, director_name: str,
                          recovery_key: str, created: date, *,
                          font: DocumentFont | None = None) -> bytes:
    """The one-page A4 PDF 恢复密钥单 of a desk; the same input gives the same bytes.

    ``recovery_key`` as ``security.keyfile.format_recovery_key`` prints it (14 groups of 4).
    ``font`` defaults to the document font (``documents/fonts.py``), embedded in the PDF.
    """
    groups = _groups(recovery_key)
    doc_font = font or document_font()
    for size in BODY_SIZES:  # long names wrap: smaller text until the page holds it all
        pdf, pages = _render(center_name, center_code, director_name, groups, created,
                             doc_font, size)
        if pages == 1:
            break
    return pdf


def _render(center_name: str, center_code: str, director_name: str, groups: list[str],
            created: date, font: DocumentFont, size: float) -> tuple[bytes, int]:
    mk = Markup(font)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=MARGIN_L,
                            rightMargin=MARGIN_R, topMargin=TOP_MARGIN,
                            bottomMargin=BOTTOM_MARGIN, title=TITLE, author="调解工作台",
                            creator="调解工作台 Mediation Desk", subject=center_name,
                            invariant=1)
    story = _story(center_name, center_code, director_name, groups, created, font.name, mk,
                   size)
    canvas: type[Canvas] = footer_canvas(font.name, "", "", enabled=False)
    doc.build(story, canvasmaker=canvas)  # a glyph no face has prints as a red [U+XXXX]
    return buf.getvalue(), doc.page
