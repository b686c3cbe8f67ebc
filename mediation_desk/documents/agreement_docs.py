"""The agreement papers: 人民调解协议书 (§2.3), 口头协议登记表, 司法确认申请书 (§3.1)."""

from __future__ import annotations

from datetime import date

from ..domain.enums import AgreementForm, AgreementScope, CaseSource, PartyKind, PartyRole
from ..domain.errors import DomainError
from ..domain.models import Agreement, Party
from ..domain.state_machine import NO_JC_ENTRUSTED
from ..domain.workdays import ESTIMATE_WARNING
from .common import (
    FOUR,
    body_paras,
    new_spec,
    numbered,
    numeral,
    party_paragraphs,
    party_sign_lines,
    seal_block,
)
from .data import CaseBundle, agent_sentence, amount_text, cn_date, party_sentence
from .spec import DocSpec, Grid, Heading, Lines, Para, Signatures, blank

EFFECT = ("本协议自各方当事人签名、盖章或者按指印，"
          "人民调解员签名并加盖人民调解委员会印章之日起生效。")
JC_NOTICE = ("双方当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。人民法院依法确认"
             "调解协议有效，一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行。")


def _require(b: CaseBundle, form: AgreementForm, what: str) -> Agreement | None:
    if b.blank:
        return None
    a = b.agreement
    if a is None or a.deleted:
        raise DomainError(f"案件{b.number}尚未登记调解协议，不能生成{what}。"
                          "请先在案件中登记调解协议。", code="no_agreement")
    if a.form is not form:
        # an oral agreement written down later keeps its registration form
        earlier = [x for x in b.agreements if x.form is form and not x.deleted]
        if earlier and form is AgreementForm.ORAL:
            return earlier[-1]
        other = "口头协议登记表" if a.form is AgreementForm.ORAL else "人民调解协议书"
        raise DomainError(f"案件{b.number}登记的是{a.form.label}，请生成{other}。",
                          code="agreement_form")
    return a


def _performance(a: Agreement | None) -> str:
    if a is None:
        return ""
    bits = []
    if a.performance_method:
        bits.append(f"履行方式：{a.performance_method}")
    if a.performance_deadline:
        bits.append(f"履行期限：{cn_date(a.performance_deadline)}前")
    if a.performance_place:
        bits.append(f"履行地点：{a.performance_place}")
    return "；".join(bits) + ("。" if bits else "")


def agreement(b: CaseBundle) -> DocSpec:
    """人民调解协议书 from the recorded agreement; refused without one."""
    a = _require(b, AgreementForm.WRITTEN, "人民调解协议书")
    spec = new_spec(b, "agreement", "人民调解协议书")
    on = a.effective_on if a else None
    spec.add(*party_paragraphs(b, on))
    spec.add(Heading("纠纷主要事实、争议事项及各方责任："))
    spec.add(*(body_paras(a.facts) if a and a.facts.strip() else [Lines(6)]))
    spec.add(Para("经调解，各方当事人在平等协商、互谅互让的基础上自愿达成如下协议：", indent=True))
    spec.add(*([Para(c) for c in numbered(a.clauses)] if a else [Lines(6)]))
    if a is not None and a.amount is not None:
        spec.add(Para(f"本协议涉及金额：{amount_text(a.amount)}。"))
    if a is not None and a.scope is AgreementScope.PARTIAL:
        spec.add(Para("本协议系就部分争议事项达成的协议，其余争议事项未达成协议，当事人可依法另行解决。"))
    perf = _performance(a)
    how = "＿" * 20 if a is None else "按上述协议条款履行。"
    spec.add(Para(perf) if perf else Para("履行方式、时限、地点：" + how))
    n = len(b.parties) + 1 if a else None
    copies = f"本协议一式{n}份，当事人各执一份，人民调解委员会留存一份。" if n \
        else f"本协议一式{blank(2)}份，当事人各执一份，人民调解委员会留存一份。"
    spec.add(Para(copies), Para(EFFECT))
    if b.court_related and b.court_mode == "委托":
        # an entrusted case never goes to judicial confirmation (SIM Art 20)
        spec.add(Para(f"本案系{b.court_name}委托调解的案件（法院案号：{b.court_case_number}），"
                      "本协议生效后由人民调解委员会报送人民法院，由人民法院依法出具调解书，"
                      "或者由原告申请撤诉。"))
    else:
        if b.court_related:
            spec.add(Para(f"本案系{b.court_name}委派调解的案件（法院案号：{b.court_case_number}），"
                          "本协议生效后由人民调解委员会报送人民法院备案。"))
        spec.add(Para(JC_NOTICE))
    lines = (*party_sign_lines(b), "人民调解员（签名）：", "记录人（签名）：")
    spec.add(seal_block(b, lines, on))
    return spec


def _jc_sign_lines(b: CaseBundle) -> tuple[str, ...]:
    """A signature line per applicant, both sides as 申请人, and one per agent who applies."""
    if b.blank:
        return ("申请人（签名并按指印）：", "申请人（签名并按指印）：",
                "委托代理人（签名）：")
    org, person = "法定代表人签名并加盖单位印章", "签名并按指印"
    lines: list[str] = []
    for p in _jc_parties(b):
        lines.append(f"申请人{p.name}（{org if p.kind is PartyKind.ORGANISATION else person}）：")
        if p.agent_name:
            lines.append(f"{p.name}的委托代理人{p.agent_name}（签名）：")
    return tuple(lines)


def _jc_parties(b: CaseBundle) -> list[Party]:
    """Everyone bound by the agreement applies: applicants, then respondents."""
    return b.role_parties(PartyRole.APPLICANT) + b.role_parties(PartyRole.RESPONDENT)


def jc_window_problem(b: CaseBundle) -> tuple[str, str]:
    """``(refusal, warning)`` for the 30-day window of judicial confirmation (PML Art 33).

    The application is made on the day recorded (``jc_applied_on``) or, not yet made,
    today. Past the window it is refused, unless the deadline rests on an estimated
    holiday year: then only a warning for the desk (never printed on the paper). An
    application already recorded was checked when it was made and is never refused.
    """
    c = b.case
    if c is None or c.jc_due_on is None:
        return "", ""
    on = c.jc_applied_on or b.today
    if on is None or on <= c.jc_due_on:
        return "", ""
    due = cn_date(c.jc_due_on)
    if b.jc_due_estimated:
        return "", (f"申请司法确认的期限按推算为{due}（{ESTIMATE_WARNING}：{c.jc_due_on.year}年"
                    "国务院放假通知尚未录入），申请日已过此日，请核对当年的放假通知后再提交。")
    if c.jc_applied_on is not None:
        return "", ""
    return (f"案件{b.number}申请司法确认的期限已过：应在调解协议生效之日起三十日内由双方共同申请"
            f"（截至{due}），不能再生成司法确认申请书。", "")


def oral_agreement(b: CaseBundle) -> DocSpec:
    """口头协议登记表 (PML Art 28, 30): effective the day it is reached."""
    a = _require(b, AgreementForm.ORAL, "口头协议登记表")
    spec = new_spec(b, "oral_agreement", "人民调解口头协议登记表")
    ids = "；".join(f"{p.name}（{p.id_number or p.credit_code or '—'}）" for p in b.parties)
    rows = [("当事人", ids, "", ""),
            ("纠纷类型", b.case.dispute_type.label if b.case else "", "达成日期",
             cn_date(a.effective_on) if a else ""),
            ("纠纷主要事实", a.facts if a else "", "", ""),
            ("协议内容", "\n".join(numbered(a.clauses)) if a else "", "", ""),
            ("协议金额", amount_text(a.amount) if a else "", "", ""),
            ("履行方式、时限、地点", _performance(a), "", "")]
    spans = tuple((1, i, 3, i) for i, r in enumerate(rows) if r[2] == "")
    spec.add(Grid(rows=tuple(rows), widths=FOUR, spans=spans, labels=(0, 2),
                  min_height=60 if a is None else 0))
    spec.add(Para("当事人以口头方式达成调解协议，人民调解员已记录协议内容。"
                  "口头调解协议自各方当事人达成协议之日起生效，具有法律约束力。"))
    lines = (*party_sign_lines(b, "签名或按指印"), "人民调解员（签名）：", "登记人（签名）：")
    spec.add(seal_block(b, lines, a.effective_on if a else None))
    return spec


MATERIALS = (
    "人民调解协议书",
    "各方当事人的身份证明（居民身份证复印件；单位当事人的营业执照及法定代表人身份证明）",
    "人民调解委员会主持调解的证明（人民调解受理登记表、调解记录）",
    "与调解协议相关的财产权利证明",
    "当事人的送达地址确认书及联系方式",
)


def _jc_applicants(b: CaseBundle, on: date | None) -> list[Para]:
    """Both sides as 申请人 (a joint application: CPL Art 205, CPLI Art 351), numbered."""
    if b.blank:
        return [Para("申请人：" + "＿" * 30, indent=False) for _ in range(2)]
    both = _jc_parties(b)
    out: list[Para] = []
    for i, p in enumerate(both):
        label = "申请人" + (numeral(i) if len(both) > 1 else "")
        out.append(Para(f"{label}：{party_sentence(p, on)}", indent=False))
        if p.agent_name:
            out.append(Para(agent_sentence(p), indent=False))
    return out


def jc_application(b: CaseBundle) -> DocSpec:
    """司法确认申请书: joint application with the list of materials (CPLI 354, JCR 3).

    Both sides apply, so every party to the agreement is printed as 申请人 (never
    被申请人). An oral agreement is refused: the court needs the agreement document.
    """
    a = b.agreement if not b.blank else None
    if not b.blank and (a is None or a.deleted):
        raise DomainError(f"案件{b.number}没有调解协议，不能生成司法确认申请书。",
                          code="no_agreement")
    if a is not None and a.form is AgreementForm.ORAL:
        raise DomainError(f"案件{b.number}登记的是口头协议，不能申请司法确认；请先制作书面调解协议"
                          "（人民调解协议书）。", code="agreement_form")
    if b.case is not None and b.case.source is CaseSource.COURT_ENTRUSTED:
        raise DomainError(f"案件{b.number}：{NO_JC_ENTRUSTED}。", code="jc_entrusted")
    if b.case is not None and not (b.role_parties(PartyRole.APPLICANT)
                                   and b.role_parties(PartyRole.RESPONDENT)):
        raise DomainError(f"案件{b.number}只有一方当事人，司法确认须由双方当事人共同申请。",
                          code="jc_one_side")
    refusal, _warning = jc_window_problem(b)
    if refusal:
        raise DomainError(refusal, code="jc_window_passed")
    spec = new_spec(b, "jc_application", "司法确认申请书")
    on = a.effective_on if a else None
    spec.add(*_jc_applicants(b, on))
    spec.add(Heading("请求事项："))
    spec.add(Para(f"请求人民法院依法确认申请人于{cn_date(on)}经{b.center_name}主持调解达成的"
                  f"调解协议（编号：{b.number}）有效。"))
    spec.add(Heading("事实和理由："))
    spec.add(Para(f"申请人因{b.dispute() if b.case else '　' * 10}，经{b.center_name}主持调解，"
                  f"于{cn_date(on)}自愿达成调解协议，主要内容如下："))
    spec.add(*([Para(c) for c in numbered(a.clauses)] if a else [Lines(5)]))
    if a is not None and a.amount is not None:
        spec.add(Para(f"协议涉及金额：{amount_text(a.amount)}。"))
    spec.add(Para("申请人出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；"
                  "如因该协议内容给他人造成损害的，愿意承担相应的民事责任和其他法律责任。"
                  "根据《中华人民共和国人民调解法》第三十三条、《中华人民共和国民事诉讼法》"
                  "第二百零五条的规定，特共同提出申请，请依法确认。"))
    spec.add(Para("此致", indent=True), Para(b.court_name, indent=False))
    spec.add(Heading("附：提交材料清单"))
    items = list(MATERIALS)
    if any(p.agent_name for p in b.parties):
        items.append("授权委托书及委托代理人的身份证明")
    spec.add(*[Para(f"{i + 1}．{m}", indent=False) for i, m in enumerate(items)])
    applied = b.case.jc_applied_on if b.case else None
    spec.add(Signatures(lines=_jc_sign_lines(b), date=cn_date(applied), columns=2))
    return spec
