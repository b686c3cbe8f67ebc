"""Chinese line breaking: a full-width comma or full stop never starts a line."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from mediation_desk.documents.fonts import document_font
from mediation_desk.documents.linebreak import CNParagraph as Paragraph

TEXT = ("被申请人王强春，男，汉族，教师，住淄博市张店区马尚街道北石村，联系电话一三五，"
        "双方经调解自愿达成如下协议。申请人同意，被申请人于十日内支付赔偿款。")


def test_no_line_starts_with_closing_punctuation():
    font = document_font()
    style = ParagraphStyle("b", fontName=font.name, fontSize=14, leading=20, wordWrap="CJK")
    for width in range(120, 480, 3):
        para = Paragraph(TEXT, style)
        para.wrap(width, 10_000)
        for line in para.blPara.lines[1:]:
            first = line.words[0].text[:1]
            assert first not in "，。、；：", (width, first)
