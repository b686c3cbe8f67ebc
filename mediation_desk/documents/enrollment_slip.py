"""The enrollment slip (外出调解笔记本登记单): one A4 page the director hands the mediator.

It says who is enrolled, which laptop (its desk code and name), when, the one-time
passphrase that opens the enrollment file, the center's fingerprint the laptop must show
before the mediator goes on, and what to do, step by step, on the laptop and afterwards.
It carries no party data; the passphrase opens only this one enrollment file.

Built like the recovery key sheet (documents/recovery_sheet.py): the passphrase in
fixed-width cells in the embedded document font, reportlab in invariant mode (the same
input gives the same bytes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, TableStyle

from .data import cn_date
from .fonts import DocumentFont, document_font
from .layout import FRAME_W
from .markup import Markup
from .recovery_sheet import GROUP_GAP, ROW_H, KeyGroups
from .slip_layout import key_box, render_one_page, ruled, signatures, styles

TITLE = "外出调解笔记本登记单"
PASSPHRASE_GROUPS, GROUP_LEN = 5, 4  # as services/enrollment.new_passphrase makes it


@dataclass(frozen=True)
class SlipFacts:
    """What the slip prints (from ``services.enrollment.EnrollReport`` and the center)."""

    center_name: str
    center_code: str
    mediator_name: str
    field_code: str
    field_name: str
    passphrase: str
    fingerprint: str
    file_name: str
    created: date
    director_name: str = ""
    cases: int = 0


class PassphraseGroups(KeyGroups):
    """The passphrase's five groups on one line (the recovery key's cells, four per row)."""

    def __init__(self, groups: list[str], font: str) -> None:
        super().__init__(groups, font)
        self.rows = [groups]
        self.width = len(groups) * self.group_w + (len(groups) - 1) * GROUP_GAP
        self.height = ROW_H


def _groups(passphrase: str) -> list[str]:
    groups = passphrase.strip().upper().split("-")
    if len(groups) != PASSPHRASE_GROUPS or any(len(g) != GROUP_LEN or not g.isalnum()
                                               for g in groups):
        raise ValueError(f"a passphrase is {PASSPHRASE_GROUPS} groups of {GROUP_LEN} "
                         "letters and digits")
    return groups


def _story(f: SlipFacts, font: str, mk: Markup, size: float) -> list[Flowable]:
    st = styles(font, size)

    def p(text: str, style: str = "body") -> Paragraph:
        return Paragraph(mk(text), st[style])

    w = FRAME_W
    info = ruled([
        [p("中　　心", "label"), p(f"{f.center_name}（代码 {f.center_code}）", "cell"),
         p("登记日期", "label"), p(cn_date(f.created), "cell")],
        [p("调 解 员", "label"), p(f.mediator_name, "cell"),
         p("登 记 人", "label"), p(f.director_name or "", "cell")],
        [p("笔 记 本", "label"), p(f"{f.field_name}（代码 {f.field_code}）", "cell"),
         p("随带案件", "label"), p(f"{f.cases} 件", "cell")],
        [p("登记文件", "label"), p(f.file_name, "cell"), "", ""],
        [p("中心指纹", "label"), p(f.fingerprint, "cell"), "", ""],
    ], [0.14 * w, 0.50 * w, 0.14 * w, 0.22 * w], font)
    info.setStyle(TableStyle([("SPAN", (1, 3), (3, 3)), ("SPAN", (1, 4), (3, 4))]))
    box = key_box([[PassphraseGroups(_groups(f.passphrase), font)],
                   [p("登记口令：共 5 组、每组 4 个字符，只有数字 2–9 和大写字母"
                      "（没有 0、O、1、I）。它只能打开上面这一份登记文件，只用这一次。",
                      "note")]],
                  [w], font, [])
    signed = signatures(p, "登记人（签名）：＿＿＿＿＿＿＿＿", "领取人（签名）：＿＿＿＿＿＿＿＿",
                        w, font)
    return [
        p(TITLE, "title"),
        p("调解工作台 · 交调解员本人 · 登记口令只用一次", "subtitle"),
        Spacer(1, 8),
        info,
        Spacer(1, 10),
        box,
        p("一、在笔记本上怎样做", "heading"),
        p("1. 把登记文件（" + f.file_name + "）用U盘复制到这台笔记本上。"),
        p("2. 打开调解工作台。第一次打开时出现“欢迎使用调解工作台”窗口，选择“外出调解笔记本"
          "（用中心的登记文件建立）”，选中登记文件，输入本单上的登记口令，点“打开并核对登记文件”。"),
        p("3. 核对屏幕上显示的中心指纹与本单上的“中心指纹”完全一致；不一致时不要继续，"
          "立即告知中心主任。"),
        p(f"4. 账户名为“{f.mediator_name}”，设置调解员本人的密码（至少8位），然后用它登录。"
          "随后显示的恢复密钥抄下后交中心主任保管。"),
        p("5. 在“数据交换”页点“导出本单位名片”，把名片文件交回中心，由中心主任在“数据交换”页"
          "“信任单位名片”，此后笔记本与中心才能互相交换案件。"),
        p("二、怎样保管", "heading"),
        p("登记文件和本单请分开携带（例如登记文件在U盘里，本单在调解员身上）。笔记本建立好以后，"
          "本单即可用碎纸机销毁，登记文件可以删除。本单或登记文件遗失时，请立即告知中心主任："
          f"主任可为同一调解员重新登记（得到新的笔记本代码），不再信任代码为 {f.field_code} "
          "的笔记本交来的名片。本单不含任何当事人信息。"),
        Spacer(1, 10),
        KeepTogether([signed]),
    ]


def render_enrollment_slip(facts: SlipFacts, *, font: DocumentFont | None = None) -> bytes:
    """The one-page A4 PDF 外出调解笔记本登记单; the same input gives the same bytes."""
    doc_font = font or document_font()
    return render_one_page(lambda size: _story(facts, doc_font.name, Markup(doc_font), size),
                           font=doc_font.name, title=TITLE, subject=facts.center_name)
