"""When mediation ends without (full) agreement, and the report to the court.

终止调解告知书 (PML 26, OMR 25), 无争议事实确认书 (SDR 24, OMR 18/21-22, SIM 22),
调解情况报告 to the referring court (SIM 19/26, OMR 21-22; REFERENCE §3.3, §3.5).
"""

from __future__ import annotations

from ..domain.enums import AgreementForm, AgreementScope, CaseSource, EndReason, EventKind
from ..domain.errors import DomainError
from ..domain.state_machine import OPEN_STATUSES
from .common import body_paras, new_spec, numeral, party_sign_lines, seal_block
from .data import CaseBundle, cn_date
from .spec import DocSpec, Heading, Lines, Para


def _route(b: CaseBundle) -> str:
    if b.case is not None and b.case.source is CaseSource.COURT_DELEGATED:
        return (f"本案系{b.court_name}委派调解的诉前调解案件"
                f"（法院案号：{b.case.court_case_number}），"
                "调解不成，本委员会将依法将案件材料移送人民法院登记立案。")
    if b.case is not None and b.case.source is CaseSource.COURT_ENTRUSTED:
        return (f"本案系{b.court_name}委托调解的案件（法院案号：{b.case.court_case_number}），"
                "调解不成，本委员会将案件退回人民法院继续审理。")
    return ""


def termination(b: CaseBundle) -> DocSpec:
    """终止人民调解告知书 with the end reason; refused while mediation has not ended."""
    c = b.case
    end_reason = c.end_reason if c is not None else None
    if c is not None and (end_reason is None or end_reason is EndReason.AGREEMENT_REACHED):
        raise DomainError(f"案件{b.number}尚未终止调解，不能生成终止调解告知书。",
                          code="not_terminated")
    spec = new_spec(b, "termination", "终止人民调解告知书")
    spec.add(Para(f"{b.party_names() if c else '＿' * 10}：", indent=False))
    accepted = cn_date(c.accepted_on or c.received_on) if c else cn_date(None)
    spec.add(Para(f"{b.center_name}于{accepted}受理{b.dispute()}。"
                  "经调解，因下列原因，本委员会决定终止调解："))
    if c is not None and end_reason is not None:  # always both or neither (refused above)
        spec.add(Para(f"终止原因：{end_reason.label}。"))
        if c.end_note.strip():
            spec.add(Para(f"具体情况：{c.end_note.strip()}"))
    else:
        spec.add(Para("终止原因：□当事人自行和解撤回申请　□期限内无法联系当事人"
                      "　□当事人明确表示不愿调解　□各方分歧较大难以达成一致"
                      "　□期限届满未同意延长　□当事人拒绝签署调解协议　□其他",
                      indent=False), Lines(3))
    spec.add(Para("根据《中华人民共和国人民调解法》第二十六条的规定，人民调解员调解纠纷，调解不成的，"
                  "应当终止调解，并依据有关法律、法规的规定，告知当事人可以依法通过仲裁、行政、"
                  "司法等途径维护自己的权利。"))
    if _route(b):
        spec.add(Para(_route(b)))
    spec.add(Para("特此告知。"))
    spec.add(seal_block(b, ("人民调解员（签名）：", "当事人签收："), c.closed_on if c else None))
    return spec


def _undisputed(b: CaseBundle) -> list[str]:
    """The texts of the recorded undisputed facts, oldest first (the case file asks)."""
    return [f.text for f in b.undisputed_facts()]


def _outcome_sentence(b: CaseBundle) -> str:
    """How the mediation stands, as the confirmation states it (never a false 调解不成).

    Raises DomainError for a fully agreed case: nothing is left in dispute to confirm.
    """
    c = b.case
    if c is None:
        return (f"{b.dispute()}，经{b.center_name}调解，□未能达成调解协议"
                "　□仅就部分争议事项达成调解协议。")
    a = b.live_agreement
    if c.status in OPEN_STATUSES:  # under way (again, after a rejected confirmation)
        return f"{b.dispute()}，由{b.center_name}调解。在调解过程中，"
    if a is not None and a.scope is AgreementScope.FULL:
        raise DomainError(f"案件{b.number}已全部达成调解协议，没有需要确认的无争议事实，"
                          "不制作无争议事实确认书（该文书用于调解不成或只就部分事项达成协议的案件，"
                          "《山东省多元化解纠纷促进条例》第二十四条）。", code="agreement_reached")
    if a is not None:
        return (f"{b.dispute()}，经{b.center_name}调解，各方当事人于{cn_date(a.effective_on)}"
                "就部分争议事项达成调解协议，其余争议事项未能达成调解协议。")
    if c.end_reason is not None:
        return f"{b.dispute()}，经{b.center_name}调解，未能达成调解协议。"
    return f"{b.dispute()}，由{b.center_name}调解。在调解过程中，"


def undisputed_facts(b: CaseBundle) -> DocSpec:
    """无争议事实确认书: the facts all parties confirmed in writing (SDR Art 24).

    Prints every recorded confirmation (ruled lines when none is recorded yet, to fill in
    by hand) and says how the mediation really stands: failed, partly agreed, or still
    under way. Refused for a fully agreed case.
    """
    outcome = _outcome_sentence(b)
    spec = new_spec(b, "undisputed_facts", "无争议事实确认书")
    lead = "经各方当事人同意，现将调解过程中各方当事人均无争议的事实记载如下："
    if outcome.endswith("，"):  # still mediating
        lead = "经各方当事人同意，现将各方当事人均无争议的事实记载如下："
    spec.add(Para(outcome + lead))
    records = b.undisputed_facts()
    for i, rec in enumerate(records):
        if len(records) > 1:
            spec.add(Heading(f"{numeral(i)}、{cn_date(rec.on)}确认的事实："))
        spec.add(*body_paras(rec.text))
    if not records:
        spec.add(Lines(12))
    spec.add(Para("各方当事人确认：以上事实系各方在调解过程中均无异议的事实，由各方签字确认。"
                  "除经当事人书面确认的无争议事实外，当事人为达成调解协议作出妥协而认可的事实，"
                  "不得在诉讼中作为对其不利的根据，但法律另有规定或者当事人均同意的除外。"))
    lines = (*party_sign_lines(b, "签名并按指印"), "人民调解员（签名）：")
    when = records[-1].on if records else (b.case.closed_on if b.case else None)
    spec.add(seal_block(b, lines, when))
    return spec


def court_report(b: CaseBundle) -> DocSpec:
    """调解情况报告 to the court on a court-referred case: course, result, failure details."""
    c = b.case
    if c is not None and not c.source.court_related:
        raise DomainError(f"案件{b.number}不是法院委派或委托的案件，无需向法院报告调解情况。",
                          code="not_court_case")
    spec = new_spec(b, "court_report", "调解情况报告")
    spec.add(Para(f"{b.court_name}：", indent=False))
    court_no = c.court_case_number if c else "　" * 12
    mode = b.court_mode if c else "委派（委托）"
    accepted = cn_date(c.accepted_on) if c and c.accepted_on else cn_date(None)
    spec.add(Para(f"贵院{mode}本委员会调解的{b.dispute()}（法院案号：{court_no}），"
                  f"本委员会于{accepted}受理，"
                  f"指派人民调解员{b.mediator_names or '　' * 6}主持调解。"
                  "现将调解情况报告如下："))
    sessions = b.events_of(EventKind.SESSION)
    spec.add(Heading("一、调解经过"))
    if c is not None:
        dates = "、".join(cn_date(e.occurred_at.date()) for e in sessions) or "无"
        spec.add(Para(f"调解起止日期：{accepted}至{cn_date(c.closed_on)}。共组织调解{len(sessions)}次"
                      f"（{dates}）。"))
    else:
        spec.add(Lines(4))
    spec.add(Heading("二、调解结果"))
    a = b.agreement
    if c is None:
        spec.add(Para("□达成调解协议　□部分达成调解协议　□调解不成", indent=False), Lines(3))
    elif a is not None and not a.deleted:
        what = "就全部争议事项" if a.scope is AgreementScope.FULL else "就部分争议事项"
        form = "人民调解协议书" if a.form is AgreementForm.WRITTEN else "口头调解协议（已登记）"
        spec.add(Para(f"各方当事人于{cn_date(a.effective_on)}{what}达成调解协议（{form}，"
                      f"编号：{c.number}），现随本报告报送贵院备案。"
                      + ("" if b.court_mode == "委托" else
                         "当事人已被告知可以自协议生效之日起三十日内共同向人民法院申请司法确认。")))
    failed = (c is not None and c.end_reason is not None
              and c.end_reason is not EndReason.AGREEMENT_REACHED)
    if c is not None and c.end_reason is not None and failed:
        spec.add(Para(f"调解不成（终止调解）的原因：{c.end_reason.label}。"
                      + (c.end_note.strip() if c.end_note.strip() else "")))
    if c is not None and (failed or (a is not None and a.scope is AgreementScope.PARTIAL)):
        if b.undisputed_facts():
            spec.add(Para("各方当事人书面确认的无争议事实见《无争议事实确认书》。"))
        else:
            spec.add(Para("各方当事人未书面确认无争议事实。"))
    spec.add(Heading("三、当事人有无增加对方诉讼成本的行为"))
    spec.add(Lines(2))
    spec.add(Heading("四、其他需要向人民法院提示的事项"))
    spec.add(Lines(2))
    spec.add(Para("特此报告。"))
    spec.add(seal_block(b, ("人民调解员（签名）：",), c.closed_on if c else None, columns=1))
    return spec
