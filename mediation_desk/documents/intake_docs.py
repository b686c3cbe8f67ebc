"""Intake papers: 申请书, 受理登记表, 权利义务告知书 (REFERENCE §2.2, §1.4)."""

from __future__ import annotations

from ..domain.enums import CaseSource, PartyRole
from .common import (
    FOUR,
    body_paras,
    new_spec,
    numbered,
    party_grid,
    party_sign_lines,
    seal_block,
    source_boxes,
)
from .data import CaseBundle, cn_date
from .spec import DocSpec, Grid, Heading, Lines, Para, Signatures, blank


def application(b: CaseBundle) -> DocSpec:
    """人民调解申请书: parties, 纠纷简要情况, 申请事项, the fixed declaration, signatures."""
    spec = new_spec(b, "application", "人民调解申请书")
    on = b.case.received_on if b.case else None
    spec.add(party_grid(b, (PartyRole.APPLICANT, PartyRole.RESPONDENT, PartyRole.THIRD_PARTY), on))
    spec.add(Heading("纠纷简要情况："))
    spec.add(*(body_paras(b.case.facts) if b.case and b.case.facts.strip() else [Lines(6)]))
    spec.add(Heading("申请事项："))
    claims = [c for c in (b.case.claims.splitlines() if b.case else []) if c.strip()]
    spec.add(*([Para(c) for c in numbered(claims)] if claims else [Lines(3)]))
    spec.add(Para(f"{b.center_name}已将申请人民调解的相关规定告知我，"
                  f"现自愿申请{b.center_name}调解。"))
    lines = tuple(line for line in party_sign_lines(b) if line.startswith("申请人")) \
        if not b.blank else ("申请人（签名、盖章或按指印）：",)
    spec.add(Signatures(lines=lines, date=cn_date(on), columns=1))
    return spec


def acceptance(b: CaseBundle) -> DocSpec:
    """人民调解受理登记表: date, parties, type, source, brief facts, signatures and seal."""
    spec = new_spec(b, "acceptance", "人民调解受理登记表")
    c = b.case
    rows = [
        ("登记日期", cn_date(c.received_on) if c else "", "受理日期",
         cn_date(c.accepted_on) if c and c.accepted_on else ""),
        ("纠纷类型", c.dispute_type.label if c else "", "人民调解员", b.mediator_names),
        ("案件来源", source_boxes(b), "", ""),
    ]
    spans = [(1, 2, 3, 2)]
    if c is not None and c.source in (CaseSource.COURT_DELEGATED, CaseSource.COURT_ENTRUSTED):
        rows.append(("法院案号", c.court_case_number, "委派（委托）法院", b.court_name))
    spec.add(Grid(rows=tuple(rows), widths=FOUR, spans=tuple(spans), labels=(0, 2),
                  min_height=24 if b.blank else 0))
    spec.add(party_grid(b, (PartyRole.APPLICANT, PartyRole.RESPONDENT, PartyRole.THIRD_PARTY),
                        c.received_on if c else None))
    who = b.sides().replace("与", "、") if c else blank(16)
    spec.add(Para(f"经当事人同意，调解{who}之间的纠纷。"))
    spec.add(Heading("纠纷简要情况："))
    spec.add(*(body_paras(c.facts) if c and c.facts.strip() else [Lines(6)]))
    lines = (*party_sign_lines(b, "签名"), "登记人（签名）：")
    spec.add(seal_block(b, lines, c.accepted_on or c.received_on if c else None))
    return spec


RIGHTS = (
    "（一）选择或者接受人民调解员；",
    "（二）接受调解、拒绝调解或者要求终止调解；",
    "（三）要求调解公开进行或者不公开进行；",
    "（四）自主表达意愿、自愿达成调解协议。",
)
DUTIES = (
    "（一）如实陈述纠纷事实；",
    "（二）遵守调解现场秩序，尊重人民调解员；",
    "（三）尊重对方当事人行使权利。",
)


def rights_notice(b: CaseBundle) -> DocSpec:
    """当事人权利义务告知书 (PML Art 23, 24, 3, 4, 31, 33; SIM Art 14)."""
    spec = new_spec(b, "rights_notice", "人民调解当事人权利义务告知书")
    names = b.party_names() if b.case else blank(10)
    spec.add(Para(f"{names}：", indent=False))
    spec.add(Para(f"{b.center_name}受理{b.dispute()}。根据《中华人民共和国人民调解法》的规定，"
                  "现将人民调解的性质、原则、效力以及当事人在调解活动中享有的权利和承担的义务告知如下："))
    spec.add(Para("人民调解委员会是依法设立的调解民间纠纷的群众性组织。人民调解遵循自愿、平等、"
                  "合法的原则，尊重当事人的权利，不因调解而阻止当事人依法通过仲裁、行政、司法等途径"
                  "维护自己的权利。人民调解委员会调解民间纠纷，不收取任何费用。"))
    spec.add(Heading("一、当事人在人民调解活动中享有下列权利："), *[Para(r) for r in RIGHTS])
    spec.add(Heading("二、当事人在人民调解活动中履行下列义务："), *[Para(d) for d in DUTIES])
    spec.add(Heading("三、其他事项："))
    spec.add(Para("当事人认为人民调解员与纠纷有利害关系或者有其他关系可能影响公正调解的，"
                  "可以要求更换人民调解员。"))
    spec.add(Para("经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。"
                  "双方当事人可以自调解协议生效之日起三十日内共同向人民法院申请司法确认；"
                  "人民法院依法确认调解协议有效，一方当事人拒绝履行或者未全部履行的，"
                  "对方当事人可以向人民法院申请强制执行。"))
    if b.court_related:
        spec.add(Para(f"本案系{b.court_name}{b.court_mode}调解的案件（法院案号："
                      f"{b.court_case_number}），调解期限依照法院的规定计算。"))
    mediators = b.mediator_names or blank(8)
    spec.add(Para(f"本案人民调解员：{mediators}。"))
    spec.add(Para("以上内容已告知，本人已知悉。", indent=True))
    when = b.case.accepted_on if b.case else None
    spec.add(seal_block(b, (*party_sign_lines(b, "签名"), "告知人（人民调解员）："), when))
    return spec
