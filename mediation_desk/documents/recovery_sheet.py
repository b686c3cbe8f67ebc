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

from datetime import date

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from .data import cn_date
from .fonts import DocumentFont, document_font
from .layout import FRAME_W
from .markup import Markup
from .page import qr_drawing
from .slip_layout import key_box, render_one_page, ruled, signatures, styles

TITLE = "恢复密钥单"
GROUPS, GROUP_LEN = 14, 4  # as security/keyfile.format_recovery_key prints it
GROUPS_PER_ROW = 4
KEY_SIZE = 20  # points: the key's letters
CELL_W = KEY_SIZE * 0.72  # one letter's cell: every letter the same width
GROUP_GAP = KEY_SIZE * 0.6
ROW_H = KEY_SIZE * 1.7
QR_SIZE = 36 * mm


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


def _story(center_name: str, center_code: str, director_name: str, groups: list[str],
           created: date, font: str, mk: Markup, size: float) -> list[Flowable]:
    st = styles(font, size)

    def p(text: str, style: str = "body") -> Paragraph:
        return Paragraph(mk(text), st[style])

    key_text = "-".join(groups)
    user = f"\"{director_name}\"" if " " in director_name else director_name  # one argument
    info = ruled([[p("单　　位", "label"), p(center_name, "cell"),
                    p("单位代码", "label"), p(center_code, "cell")],
                   [p("中心主任", "label"), p(director_name, "cell"),
                    p("制作日期", "label"), p(cn_date(created), "cell")]],
                  [0.14 * FRAME_W, 0.50 * FRAME_W, 0.14 * FRAME_W, 0.22 * FRAME_W], font)
    box = key_box([[KeyGroups(groups, font), _qr(key_text, font)],
                   [p(f"共 {GROUPS} 组、每组 {GROUP_LEN} 个字符，只有字母 A–Z 和数字 2–7，没有"
                      "容易看混的 0、1、8（把 O 输成 0、I 输成 1 也能识别）。右边的二维码是同一个"
                      "恢复密钥，可用 USB 扫码枪直接扫入恢复密钥输入框；请勿用手机扫描或拍照。",
                      "note"), ""]],
                  [FRAME_W - QR_SIZE - 14 * mm, QR_SIZE + 14 * mm], font,
                  [("SPAN", (0, 1), (1, 1)), ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                   ("ALIGN", (1, 0), (1, 0), "CENTER")])
    signed = signatures(p, "制作人（签名）：＿＿＿＿＿＿＿＿", "保管人（签名）：＿＿＿＿＿＿＿＿",
                        FRAME_W, font)
    return [
        p(TITLE, "title"),
        p("调解工作台 · 数据库的恢复密钥 · 请存放在本中心的保险柜中", "subtitle"),
        Spacer(1, 8),
        info,
        Spacer(1, 10),
        box,
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
        KeepTogether([signed]),
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
    return render_one_page(
        lambda size: _story(center_name, center_code, director_name, groups, created,
                            doc_font.name, Markup(doc_font), size),
        font=doc_font.name, title=TITLE, subject=center_name)
