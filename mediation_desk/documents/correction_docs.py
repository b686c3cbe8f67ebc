"""The papers of a correction after a record took effect: 补充协议 (a supplementary agreement,
signed and sealed like the agreement) and 更正说明 (a correction note). domain/corrections.py
says when each is made; the record they refer to is never changed."""

from __future__ import annotations

from datetime import date

from ..domain import corrections as rules
from ..domain.corrections import Correction
from ..domain.errors import DomainError
from ..domain.models import CaseEvent
from .common import body_paras, new_spec, numbered, party_paragraphs, party_sign_lines, seal_block
from .data import CaseBundle, cn_date, cn_datetime
from .spec import Block, DocSpec, Heading, Lines, PageBreak, Para, blank

SUPPLEMENT_EFFECT = ("本补充协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖"
                     "人民调解委员会印章之日起生效。本补充协议是原调解协议的组成部分，"
                     "与原调解协议具有同等效力；原调解协议中未经本补充协议变更的内容，"
                     "仍按原调解协议履行。")
NOTE_KEEP = "原记录保留在卷，不作修改；本更正说明与原记录一并归档，以本说明更正后的内容为准。"


def _of(b: CaseBundle, action: str, what: str) -> list[Correction]:
    found = [c for c in b.corrections() if c.action == action]
    if not found and not b.blank:
        raise DomainError(f"案件{b.number}没有{what}。协议生效后需要变更或补充的，请先在案件中"
                          f"添加{what}。", code="no_correction")
    return found


def _restart(spec: DocSpec) -> None:
    """A later paper of the same kind starts on a new page under the title again."""
    spec.add(PageBreak(), Para(spec.title, indent=False, align="center", size=22))
    for line in (spec.number, *spec.subnumbers):
        if line:
            spec.add(Para(line, indent=False, align="right", size=12))


def supplementary_agreement(b: CaseBundle) -> DocSpec:
    """补充协议: the parties, the agreement it adds to, the new terms, signatures and seal."""
    spec = new_spec(b, "supplementary_agreement", "人民调解补充协议")
    found = _of(b, rules.SUPPLEMENTARY_AGREEMENT, "补充协议")
    if b.blank:
        spec.add(*party_paragraphs(b, None))
        spec.add(Para(f"各方当事人于{cn_date(None)}经调解达成人民调解协议（编号：{blank(12)}）。"
                      "现经调解，各方当事人就原协议的变更、补充自愿达成如下补充协议："),
                 Lines(8), Para(SUPPLEMENT_EFFECT))
        spec.add(seal_block(b, (*party_sign_lines(b), "人民调解员（签名）：", "记录人（签名）："),
                            None))
        return spec
    original = b.live_agreement
    for i, c in enumerate(found):
        if i:
            _restart(spec)
        d = c.event.data or {}
        on = date.fromisoformat(str(d.get("effective_on") or c.event.occurred_at.date()))
        base = next((a for a in b.agreements if a.id == c.target_id), original)
        since = cn_date(base.effective_on) if base and base.effective_on else cn_date(None)
        spec.add(*party_paragraphs(b, on))
        spec.add(Para(f"各方当事人于{since}经{b.center_name}调解达成人民调解协议（编号：{b.number}）。"
                      f"因{c.reason}，现经调解，各方当事人在平等协商、互谅互让的基础上，"
                      "就原协议的变更、补充自愿达成如下补充协议："))
        clauses = [str(x) for x in d.get("clauses", []) if str(x).strip()]
        terms: list[Block] = [Para(t) for t in numbered(clauses)]
        spec.add(*(terms or [Lines(6)]))
        n = len(b.parties) + 1
        spec.add(Para(f"本补充协议一式{n}份，当事人各执一份，人民调解委员会留存一份。"),
                 Para(SUPPLEMENT_EFFECT))
        lines = (*party_sign_lines(b), "人民调解员（签名）：", "记录人（签名）：")
        spec.add(seal_block(b, lines, on))
    return spec


def _target_text(b: CaseBundle, c: Correction) -> str:
    """What the note corrects, as the paper names it."""
    if c.target == rules.SESSION:
        ev = next((e for e in b.events if e.id == c.target_id), None)
        when = cn_datetime(ev.occurred_at) if isinstance(ev, CaseEvent) else ""
        return f"{when}的人民调解记录" if when else "人民调解记录"
    a = next((x for x in b.agreements if x.id == c.target_id), None)
    if a is not None and a.effective_on:
        return f"{cn_date(a.effective_on)}生效的{a.form.label}"
    return "调解协议"


def correction_note(b: CaseBundle) -> DocSpec:
    """更正说明: which record, why, what was wrong and what is right; who made it, seal."""
    spec = new_spec(b, "correction_note", "更正说明")
    found = _of(b, rules.CORRECTION_NOTE, "更正说明")
    if b.blank:
        spec.add(Para(f"关于{blank(16)}的更正说明", indent=False, align="center"),
                 Heading("更正原因："), Lines(3), Heading("更正内容（原记载内容及更正后的内容）："),
                 Lines(8), Para(NOTE_KEEP))
        spec.add(seal_block(b, ("人民调解员（签名）：", "记录人（签名）：", "当事人（签名）："),
                            None))
        return spec
    for i, c in enumerate(found):
        if i:
            _restart(spec)
        on = c.event.occurred_at.date()
        out: list[Block] = [
            Para(f"关于{b.dispute()}（编号：{b.number}）{_target_text(b, c)}的更正说明",
                 indent=False, align="center"),
            Heading("更正原因："), Para(c.reason),
            Heading("更正内容（原记载内容及更正后的内容）："),
            *body_paras(c.event.notes), Para(NOTE_KEEP)]
        lines: tuple[str, ...] = ("人民调解员（签名）：", "记录人（签名）：")
        if c.target == rules.AGREEMENT:  # the parties acknowledge a note on their agreement
            lines = (*party_sign_lines(b, "签名"), *lines)
        out.append(seal_block(b, lines, on))
        spec.add(*out)
    return spec


__all__ = ["supplementary_agreement", "correction_note"]
