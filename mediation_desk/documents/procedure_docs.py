"""Papers of the procedure: 延期调解同意书, 人民调解员回避决定书, 案件材料移送函, 调解终结报告.

Each prints what the case recorded and nothing else: the extension event's consenting
parties, days and deadlines (MediationService.extend; OMR Art 24, SIM Art 27), the
assignment event's recusal grounds and the reason given for assigning anyway
(IntakeService.assign; SIM Art 15, OMR Art 13), the hand-over or return to the court
(SIM Art 21, 26; OMR Art 21-22) and the course and end of the mediation. A case without
the record a paper needs is refused with the reason, never printed with invented text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain.assignment import recusal_grounds
from ..domain.enums import (
    AgreementForm,
    AgreementScope,
    CaseSource,
    EndReason,
    EventKind,
    PartyRole,
    Performance,
)
from ..domain.errors import DomainError
from ..domain.models import Agreement, CaseEvent, Party
from .common import (
    FOUR,
    body_paras,
    new_spec,
    numbered,
    party_sign_lines,
    seal_block,
)
from .data import CaseBundle, amount_text, cn_date
from .service_docs import TWO, only, sheets, short_dispute
from .spec import Block, DocSpec, Grid, Heading, Lines, Para, blank


def _listed(ev: CaseEvent, key: str) -> list[str]:
    """A list of texts from an event's data ([] when absent or not a list)."""
    value = ev.data.get(key)
    return [str(v) for v in value if str(v).strip()] if isinstance(value, list) else []


def _day(value: Any) -> date | None:
    """An ISO date from an event's data (None when absent or unreadable)."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _intro(b: CaseBundle) -> str:
    """``马尚…委员会于2026年2月3日受理张三与李四之间的…纠纷（法院案号…）。``"""
    c = b.case
    accepted = cn_date(c.accepted_on or c.received_on) if c else cn_date(None)
    text = f"{b.center_name}于{accepted}受理{short_dispute(b)}"
    if b.court_related:
        text += f"（{b.court_name}{b.court_mode}调解，法院案号：{b.court_case_number}）"
    return text + "。"


# -- 延期调解同意书 --------------------------------------------------------------------

def _consenting(b: CaseBundle, ev: CaseEvent) -> list[Party]:
    ids = set(_listed(ev, "consenting_party_ids"))
    every = b.case.parties if b.case else []
    return [p for p in every if p.id in ids]


def _extension_page(b: CaseBundle, ev: CaseEvent | None) -> list[Block]:
    if ev is None:
        rows = [("原调解期限届满日", cn_date(None)), ("延长天数", f"{blank(4)}日"),
                ("延长后调解期限届满日", cn_date(None)), ("同意延长的当事人", ""),
                ("延长原因", "")]
        out: list[Block] = [Para(_intro(b)), Grid(rows=tuple(rows), widths=TWO,
                                                   min_height=26)]
        out.append(Para("经人民调解员说明，各方当事人同意延长本案的调解期限。"
                        "延长期间，人民调解委员会继续主持调解。"))
        lines = (*party_sign_lines(b, "签名并按指印"), "人民调解员（签名）：")
        out.append(seal_block(b, lines, None))
        return out
    days = ev.data.get("days")
    span = f"延长{days}日" if isinstance(days, int) else "延长"
    old, new = _day(ev.data.get("old_due")), _day(ev.data.get("new_due"))
    agreed = _consenting(b, ev)
    names = "、".join(f"{p.role.label}{p.name}" for p in agreed) or ev.participants
    rows = [("原调解期限届满日", cn_date(old) if old else "未设定"),
            ("延长天数", f"{days}日" if isinstance(days, int) else "（未记录）"),
            ("延长后调解期限届满日", cn_date(new) if new else "未设定"),
            ("同意延长的当事人", names),
            ("延长原因", ev.notes.strip())]
    out = [Para(_intro(b)), Grid(rows=tuple(rows), widths=TWO)]
    who = "上列当事人" if names else "各方当事人"
    out.append(Para(f"经人民调解员说明，{who}同意将本案的调解期限由"
                    f"{cn_date(old) if old else '原定期限'}{span}至"
                    f"{cn_date(new) if new else '延长后的期限'}。"
                    "延长期间，人民调解委员会继续主持调解。"))
    out.append(Para("以上当事人确认：本人自愿同意延长调解期限。"))
    live = [p for p in agreed if not p.deleted]
    lines = (*party_sign_lines(only(b, live), "签名并按指印"), "人民调解员（签名）：")
    out.append(seal_block(b, lines, ev.occurred_at.date()))
    return out


def extension_consent(b: CaseBundle) -> DocSpec:
    """延期调解同意书: one page per recorded extension; refused when none was recorded."""
    spec = new_spec(b, "extension_consent", "延期调解同意书")
    if b.blank:
        return sheets(spec, [_extension_page(b, None)])
    events = b.events_of(EventKind.EXTENSION)
    if not events:
        raise DomainError(f"案件{b.number}没有延长调解期限的记录，不能生成延期调解同意书。"
                          "请先在案件中登记延长调解期限（须经全部当事人同意）。",
                          code="no_extension")
    return sheets(spec, [_extension_page(b, ev) for ev in events])


# -- 人民调解员回避决定书 -------------------------------------------------------------

RECUSAL_RULE = ("人民调解员与当事人或者其代理人系近亲属、与纠纷有利害关系，或者与纠纷当事人、"
                "代理人有其他关系可能影响公正调解的，应当回避；"
                "各方当事人知悉上述情形后同意由其调解的除外。")
GROUND_BOXES = ("□与当事人或者其代理人系近亲属　□与纠纷有利害关系　"
                "□与纠纷当事人、代理人有其他关系，可能影响公正调解")


def _grounds_by_mediator(b: CaseBundle, ev: CaseEvent) -> list[str]:
    """The event's grounds, each with its mediator's name where the roster tells it."""
    grounds = _listed(ev, "recusal_grounds")
    out: list[str] = []
    left = list(grounds)
    ids = set(_listed(ev, "mediator_ids"))
    for m in b.mediators:
        if m.id not in ids or b.case is None:
            continue
        for g in recusal_grounds(m, b.case):
            if g in left:
                left.remove(g)
                out.append(f"人民调解员{m.name}{g}")
    return out + left


def _flagged_names(b: CaseBundle, ev: CaseEvent) -> str:
    named = [m.name for m in b.mediators if m.id in set(_listed(ev, "mediator_ids"))
             and b.case is not None
             and set(recusal_grounds(m, b.case)) & set(_listed(ev, "recusal_grounds"))]
    return "、".join(named) or ev.participants


def _opinions(b: CaseBundle) -> Grid:
    """Each party's opinion on keeping the mediator, ticked and signed in one row."""
    people = [f"{p.role.label}{p.name}" for p in b.parties] if not b.blank else ["", ""]
    rows = [("当事人", "是否同意由其继续主持调解", "签名（按指印）")]
    rows += [(who, "□同意　□不同意，申请更换", "") for who in people]
    return Grid(rows=tuple(rows), widths=(0.3, 0.44, 0.26), labels=(0,), min_height=26)


def _recusal_page(b: CaseBundle, ev: CaseEvent | None) -> list[Block]:
    out: list[Block] = []
    if ev is None:
        out += [Para(_intro(b)), Para(f"拟指派（主持调解）的人民调解员：{blank(8)}", indent=False),
                Heading("回避事由："), Para(GROUND_BOXES, indent=False), Lines(3),
                Heading("审查意见及理由："), Lines(3), Heading("决定："),
                Para(f"□准予回避，另行指派人民调解员{blank(6)}主持调解。", indent=False),
                Para(f"□不予回避，由人民调解员{blank(6)}继续主持调解。", indent=False)]
    else:
        out.append(Para(_intro(b) + f"本委员会拟指派人民调解员{ev.participants}主持本案调解。"
                        "经审查，存在下列可能影响公正调解的情形（回避事由）："))
        out += [Para(g) for g in numbered(_grounds_by_mediator(b, ev))]
        out.append(Heading("审查意见及理由："))
        out += body_paras(ev.notes) if ev.notes.strip() else [Lines(3)]
        out.append(Heading("决定："))
        flagged = _flagged_names(b, ev)
        rest = "继续主持本案调解" if flagged == ev.participants \
            else f"由人民调解员{ev.participants}主持本案调解"
        out.append(Para(f"本委员会决定：人民调解员{flagged}不予回避，{rest}。"))
    out.append(Para(RECUSAL_RULE, size=12))
    # a sentence between the table and the signatures: the block keeps it with them
    # (a long table taken along as a whole would not fit on a page)
    out += [Heading("当事人意见："), _opinions(b),
            Para("上表由各方当事人本人勾选并签名（按指印）。", size=12)]
    when = ev.occurred_at.date() if ev else None
    out.append(seal_block(b, ("人民调解委员会主任（签名）：",), when, columns=1))
    return out


def recusal_decision(b: CaseBundle) -> DocSpec:
    """人民调解员回避决定书 for each assignment made despite a recusal ground."""
    spec = new_spec(b, "recusal_decision", "人民调解员回避决定书")
    if b.blank:
        return sheets(spec, [_recusal_page(b, None)])
    events = [e for e in b.events_of(EventKind.ASSIGNMENT) if _listed(e, "recusal_grounds")]
    if not events:
        raise DomainError(f"案件{b.number}指派人民调解员时没有记录回避事由，"
                          "没有需要作出的回避决定，不能生成人民调解员回避决定书。",
                          code="no_recusal")
    return sheets(spec, [_recusal_page(b, ev) for ev in events])


# -- 案件材料移送函 -------------------------------------------------------------------

TRANSFER_ACTIONS = ("hand_over", "return_to_trial")


def case_papers(b: CaseBundle) -> list[tuple[str, int]]:
    """The papers a case's record holds, as (title, copies), in case-file order (§2.1)."""
    c = b.case
    if c is None:
        return []
    out: list[tuple[str, int]] = []
    if c.source is CaseSource.PARTY_APPLICATION:
        out.append(("人民调解申请书", 1))
    out += [("人民调解受理登记表", 1), ("人民调解当事人权利义务告知书", 1)]
    agents = sum(1 for p in b.parties if p.agent_name.strip())
    if agents:
        out.append(("授权委托书", agents))
    for kind, title in ((EventKind.INVESTIGATION, "人民调解调查记录"),
                        (EventKind.SESSION, "人民调解记录")):
        if b.events_of(kind):
            out.append((title, len(b.events_of(kind))))
    recusals = [e for e in b.events_of(EventKind.ASSIGNMENT) if _listed(e, "recusal_grounds")]
    if recusals:
        out.append(("人民调解员回避决定书", len(recusals)))
    if b.events_of(EventKind.EXTENSION):
        out.append(("延期调解同意书", len(b.events_of(EventKind.EXTENSION))))
    forms = {a.form for a in (b.agreements or ([b.agreement] if b.agreement else []))
             if not a.deleted}
    if AgreementForm.ORAL in forms:
        out.append(("人民调解口头协议登记表", 1))
    if AgreementForm.WRITTEN in forms:
        out.append(("人民调解协议书", 1))
    if c.end_reason is not None and c.end_reason is not EndReason.AGREEMENT_REACHED:
        out.append(("终止人民调解告知书", 1))
    if b.undisputed_facts():
        out.append(("无争议事实确认书", 1))
    if c.source.court_related:
        out.append(("调解情况报告", 1))
    return out


def _transfer_event(b: CaseBundle) -> CaseEvent | None:
    found = [e for e in b.events_of(EventKind.STATUS_CHANGE)
             if e.data.get("action") in TRANSFER_ACTIONS]
    return found[-1] if found else None


def _scope(a: Agreement) -> str:
    return "就部分争议事项" if a.scope is AgreementScope.PARTIAL else "就全部争议事项"


def _outcome_sentence(b: CaseBundle) -> str:
    c, a = b.case, b.agreement
    if c is None:
        return "□调解不成，已终止调解　□达成调解协议"
    if c.end_reason is not None and c.end_reason is not EndReason.AGREEMENT_REACHED:
        return f"因{c.end_reason.label}，调解不成，本委员会于{cn_date(c.closed_on)}终止调解。"
    if a is not None and not a.deleted:
        return f"各方当事人于{cn_date(a.effective_on)}{_scope(a)}达成{a.form.label}。"
    return ""


def transfer_letter(b: CaseBundle) -> DocSpec:
    """案件材料移送函 to the court once the case was handed over (or returned to trial)."""
    ev = _transfer_event(b) if not b.blank else None
    if not b.blank and ev is None:
        raise DomainError(f"案件{b.number}尚未移送人民法院（没有移送立案或退回审判的记录），"
                          "不能生成案件材料移送函。请先在案件中登记移送。", code="not_handed_over")
    spec = new_spec(b, "transfer_letter", "案件材料移送函")
    c = b.case
    spec.add(Para(f"{b.court_name}：", indent=False))
    court_no = b.court_case_number if c else blank(12)
    mode = b.court_mode if c else "委派（委托）"
    mediators = b.mediator_names if c and b.mediator_names else blank(6)
    accepted = cn_date(c.accepted_on or c.received_on) if c else cn_date(None)
    # every party named: the court files the case against these parties
    spec.add(Para(f"贵院{mode}本委员会调解的{b.dispute()}（法院案号：{court_no}），"
                  f"本委员会于{accepted}受理，指派人民调解员{mediators}主持调解。"
                  + _outcome_sentence(b)))
    if ev is None:
        spec.add(Para("现将本案材料□移送贵院，请依法登记立案　□退回贵院，请继续审理。"))
    elif ev.data.get("action") == "hand_over":
        spec.add(Para("现将本案材料移送贵院，请依法登记立案。"))
    else:
        spec.add(Para("现将本案材料退回贵院，请继续审理。"))
    if ev is not None and ev.notes.strip():
        spec.add(Para(f"移送说明：{ev.notes.strip()}"))
    spec.add(Heading("移送材料清单："))
    papers = case_papers(b)
    rows = [("序号", "材料名称", "份数")]
    rows += [(str(i + 1), f"《{t}》", str(n)) for i, (t, n) in enumerate(papers)]
    if not papers:  # the blank form: rows to list the materials by hand
        rows += [("", "", "")] * 8
    spec.add(Grid(rows=tuple(rows), widths=(0.1, 0.72, 0.18), labels=(0,), min_height=22))
    spec.add(Para("特此函告。"))
    spec.add(seal_block(b, ("经办人（签名）：", "联系电话："),
                        ev.occurred_at.date() if ev else None, columns=2))
    # the court's receipt, one ruled box that never splits
    spec.add(Grid(rows=((("人民法院签收", f"上列材料已于{cn_date(None)}收到。\n"
                                        "接收人（签名）：")),), widths=TWO, min_height=48))
    return spec


# -- 调解终结报告 ---------------------------------------------------------------------

def _ended(b: CaseBundle) -> bool:
    c = b.case
    if c is None:
        return True
    a = b.agreement
    return c.closed_on is not None and (c.end_reason is not None
                                        or (a is not None and not a.deleted))


def _when_list(events: list[CaseEvent]) -> str:
    parts = []
    for e in events:
        where = f"，{e.place}" if e.place.strip() else ""
        parts.append(cn_date(e.occurred_at.date()) + where)
    return "；".join(parts)


def _course(b: CaseBundle) -> list[Block]:
    c = b.case
    if c is None:
        return [Lines(5)]
    bits = [f"本案于{cn_date(c.accepted_on or c.received_on)}受理，"
            f"指派人民调解员{b.mediator_names or '（未指派）'}主持调解。"]
    inv, ses = b.events_of(EventKind.INVESTIGATION), b.events_of(EventKind.SESSION)
    bits.append(f"共开展调查{len(inv)}次" + (f"（{_when_list(inv)}）" if inv else "") + "，"
                f"组织调解{len(ses)}次" + (f"（{_when_list(ses)}）" if ses else "") + "。")
    for ev in b.events_of(EventKind.EXTENSION):
        new, days = _day(ev.data.get("new_due")), ev.data.get("days")
        bits.append(f"{cn_date(ev.occurred_at.date())}经全部当事人同意，调解期限延长"
                    + (f"{days}日" if isinstance(days, int) else "")
                    + (f"至{cn_date(new)}" if new else "") + "。")
    if c.suspended_days:
        bits.append(f"调解期间中止{c.suspended_days}日（不计入调解期限）。")
    return [Para("".join(bits))]


def _result(b: CaseBundle) -> list[Block]:
    c, a = b.case, b.agreement
    if c is None:
        return [Para("□达成调解协议　□部分达成调解协议　□调解不成，终止调解", indent=False),
                Lines(4)]
    out: list[Block] = []
    if a is not None and not a.deleted:
        out.append(Para(f"各方当事人于{cn_date(a.effective_on)}{_scope(a)}达成"
                        f"{a.form.label}，主要内容如下："))
        out += [Para(t) for t in numbered(a.clauses)]
        if a.amount is not None:
            out.append(Para(f"协议涉及金额：{amount_text(a.amount)}。"))
    if c.end_reason is not None and c.end_reason is not EndReason.AGREEMENT_REACHED:
        note = c.end_note.strip()
        out.append(Para(f"调解不成，本委员会于{cn_date(c.closed_on)}终止调解。"
                        f"终止原因：{c.end_reason.label}。"
                        + (f"具体情况：{note}" if note else "")))
    return out


def _afterwards(b: CaseBundle) -> list[str]:
    c = b.case
    if c is None:
        return []
    out = []
    if c.jc_applied_on:
        out.append(f"当事人于{cn_date(c.jc_applied_on)}共同申请司法确认"
                   + (f"，人民法院裁定案号：{c.jc_ruling}" if c.jc_ruling else "") + "。")
    for ev in b.events_of(EventKind.FOLLOW_UP):
        perf = str(ev.data.get("performance") or "")
        try:
            label = Performance(perf).label
        except ValueError:
            label = perf
        out.append(f"{cn_date(ev.occurred_at.date())}回访，履行情况：{label or '未记录'}。")
    moved = _transfer_event(b)
    if moved is not None:
        what = ("移送人民法院登记立案" if moved.data.get("action") == "hand_over"
                else "退回人民法院继续审理")
        out.append(f"{cn_date(moved.occurred_at.date())}将案件材料{what}"
                   + (f"，立案案号：{c.filing_number}" if c.filing_number else "") + "。")
    return out


BRIEF_CHARS = 600
"""A report summarises: longer facts are cut at a sentence and point to the full text."""


def brief(text: str, limit: int = BRIEF_CHARS) -> str:
    """``text`` whole if short; else its opening up to a sentence end, and where the rest is."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = max(head.rfind(mark) for mark in "。！？\n")
    head = head[:cut + 1].rstrip() if cut >= limit // 3 else head.rstrip() + "……"
    return f"{head}\n（纠纷情况全文共{len(text)}字，见《人民调解受理登记表》。）"


def _summary_grid(b: CaseBundle) -> Grid:
    c = b.case
    if c is None:
        rows: list[tuple[str, str, str, str]] = [
            ("案件来源", "", "纠纷类型", ""), ("当事人", "", "", ""),
            ("人民调解员", "", "争议金额", ""), ("受理日期", "", "终结日期", "")]
    else:
        sides = "；".join(f"{r.label}：{b.party_names(r)}" for r in
                         (PartyRole.APPLICANT, PartyRole.RESPONDENT, PartyRole.THIRD_PARTY)
                         if b.party_names(r))
        rows = [("案件来源", c.source.label, "纠纷类型", c.dispute_type.label),
                ("当事人", sides, "", ""),
                ("人民调解员", b.mediator_names, "争议金额", amount_text(c.amount) or "—"),
                ("受理日期", cn_date(c.accepted_on or c.received_on),
                 "终结日期", cn_date(c.closed_on))]
    spans = tuple((1, i, 3, i) for i, r in enumerate(rows) if r[2] == "")
    return Grid(rows=tuple(rows), widths=FOUR, spans=spans, labels=(0, 2),
                min_height=24 if c is None else 0)


def closing_report(b: CaseBundle) -> DocSpec:
    """调解终结报告: parties, course, result or end reason, what followed; refused while open."""
    if not _ended(b):
        raise DomainError(f"案件{b.number}的调解尚未终结（既未登记调解协议，也未终止调解），"
                          "不能生成调解终结报告。", code="not_ended")
    spec = new_spec(b, "closing_report", "调解终结报告")
    c = b.case
    spec.add(_summary_grid(b))
    spec.add(Heading("一、纠纷简要情况"))
    spec.add(*(body_paras(brief(c.facts)) if c and c.facts.strip() else [Lines(4)]))
    spec.add(Heading("二、调解经过"), *_course(b))
    spec.add(Heading("三、调解结果"), *_result(b))
    after = _afterwards(b)
    if after or c is None:
        spec.add(Heading("四、后续情况"))
        spec.add(*([Para(t) for t in after] if after else [Lines(3)]))
    spec.add(Para("特此报告。"))
    lines = ("报告人（签名）：", "审核人（主任签名）：")
    spec.add(seal_block(b, lines, c.closed_on if c else None, columns=2))
    return spec
