"""Pieces several documents share: headers, party tables and paragraphs, signatures."""

from __future__ import annotations

import re
from datetime import date

from ..domain.enums import CaseSource, PartyKind, PartyRole, Sex
from ..domain.formatting import format_cn_date
from ..domain.formatting import numeral as numeral  # re-exported for the builders
from ..domain.models import Party
from .data import CaseBundle, age_on, agent_sentence, party_sentence, role_label
from .spec import DocSpec, Grid, Para, Signatures, blank

FOUR = (0.19, 0.31, 0.19, 0.31)
"""Label, value, label, value: label columns wide enough for 「公民身份号码」 on one line."""


def numbered(items: list[str]) -> list[str]:
    """``一、…`` numbering unless an item is numbered already."""
    out = []
    for i, text in enumerate(items):
        t = text.strip()
        out.append(t if _NUMBERED.match(t) else f"{numeral(i)}、{t}")
    return out


_NUMBERED = re.compile(r"^([一二三四五六七八九十]+、|\d+[、.．])")


def new_spec(b: CaseBundle, kind: str, title: str) -> DocSpec:
    """A spec with the case number and, for court-referred cases, the court's number."""
    subs: tuple[str, ...] = ()
    if b.case is not None and b.case.court_case_number:
        subs = (f"法院案号：{b.case.court_case_number}",)
    return DocSpec(kind=kind, title=title, number=f"编号：{b.number}", subnumbers=subs,
                   footer_left=b.case.number if b.case else "")


_Row = tuple[str, str, str, str]


def _person_rows(p: Party | None, on: date | None, label: str) -> list[_Row]:
    if p is None:
        return [(label, "", "性别", ""), ("民族", "", "年龄", ""),
                ("职业或职务", "", "联系方式", ""), ("公民身份号码", "", "", ""),
                ("单位或住址", "", "", "")]
    if p.kind is PartyKind.ORGANISATION:
        rows: list[_Row] = [(label, p.name, "统一社会信用代码", p.credit_code),
                ("法定代表人（负责人）", p.legal_representative, "联系方式", p.phone),
                ("住所", p.address, "", "")]
        if p.agent_name:
            rows.append(("委托代理人", agent_sentence(p)[6:], "", ""))
        return rows
    age = age_on(p.birth_date, on)
    rows = [(label, p.name, "性别", p.sex.label if isinstance(p.sex, Sex) else ""),
            ("民族", p.ethnicity, "年龄", "" if age is None else f"{age}岁"),
            ("职业或职务", p.occupation, "联系方式", p.phone),
            ("公民身份号码", p.id_number, "", ""), ("单位或住址", p.address, "", "")]
    if p.agent_name:
        rows.append(("委托代理人", agent_sentence(p)[6:], "", ""))
    return rows


def party_grid(b: CaseBundle, roles: tuple[PartyRole, ...], on: date | None) -> Grid:
    """A ruled table of the parties in ``roles`` (empty rows on a blank form)."""
    rows: list[tuple[str, ...]] = []
    spans: list[tuple[int, int, int, int]] = []
    groups: list[tuple[str, Party | None]] = []
    for role in roles:
        ps = b.role_parties(role)
        if b.blank:
            groups.append((f"{role.label}姓名（名称）", None))
        for i, p in enumerate(ps):
            groups.append((role_label(p, i, len(ps)) + "姓名（名称）", p))
    for label, person in groups:
        block = _person_rows(person, on, label)
        for row in block:
            if row[2] == "" and row[3] == "":
                spans.append((1, len(rows), 3, len(rows)))
            rows.append(row)
    return Grid(rows=tuple(rows), widths=FOUR, spans=tuple(spans), labels=(0, 2),
                min_height=26 if b.blank else 0)


_ALL_ROLES = (PartyRole.APPLICANT, PartyRole.RESPONDENT, PartyRole.THIRD_PARTY)


PERSON_PROMPTS = (f"姓名{blank(5)}性别{blank(2)}民族{blank(3)}出生日期{blank(5)}",
                  f"职业或职务{blank(8)}联系方式{blank(9)}",
                  f"公民身份号码{blank(18)}",
                  f"住所（单位）{blank(20)}")
"""Field prompts for a party on a blank form (REFERENCE §2.3), one line each (≤ 31 characters
with the role or the indent: a body line holds 31 at 14 pt)."""
AGENT_PROMPT = f"委托代理人：姓名{blank(5)}与当事人关系{blank(3)}联系方式{blank(4)}"


def party_paragraphs(b: CaseBundle, on: date | None,
                     roles: tuple[PartyRole, ...] = _ALL_ROLES) -> list[Para]:
    """Parties as sentences (agreement style), with agents; full ID numbers (REFERENCE §6.1).

    A blank form prints field prompts with underlined blanks for each side.
    """
    out: list[Para] = []
    if b.blank:
        for role in roles[:2]:
            out.append(Para(f"{role.label}：{PERSON_PROMPTS[0]}", indent=False))
            out += [Para("　" * 4 + line, indent=False) for line in PERSON_PROMPTS[1:]]
            out.append(Para(AGENT_PROMPT, indent=False))
        return out
    for role in roles:
        ps = b.role_parties(role)
        for i, p in enumerate(ps):
            out.append(Para(f"{role_label(p, i, len(ps))}：{party_sentence(p, on)}", indent=False))
            if p.agent_name:
                out.append(Para(agent_sentence(p), indent=False))
    return out


def party_sign_lines(b: CaseBundle, prompt: str = "签名并按指印") -> tuple[str, ...]:
    """One signature prompt per party and per agent; generic prompts on a blank form.

    An organisation signs through its legal representative (and seal); its 委托代理人
    signs on a line of their own, as a person's agent does.
    """
    if b.blank:
        return (f"申请人（{prompt}）：", f"被申请人（{prompt}）：", f"委托代理人（{prompt}）：")
    lines = []
    for p in b.parties:
        how = "法定代表人签名并加盖单位印章" if p.kind is PartyKind.ORGANISATION else prompt
        lines.append(f"{p.role.label}{p.name}（{how}）：")
        if p.agent_name:
            lines.append(f"委托代理人{p.agent_name}（{prompt}）：")
    return tuple(lines)


def seal_block(b: CaseBundle, lines: tuple[str, ...], when: date | None, *,
               columns: int = 2) -> Signatures:
    """Signatures plus the committee's seal line and the date."""
    date_text = format_cn_date(when) if when else f"{blank(4)}年{blank(2)}月{blank(2)}日"
    return Signatures(lines=lines, seal=f"{b.center_name}（印）", date=date_text, columns=columns)


def source_boxes(b: CaseBundle) -> str:
    """案件来源 as tick boxes (■ ticked, □ not)."""
    current = b.case.source if b.case else None
    return "　".join(("■" if s is current else "□") + s.label for s in CaseSource)


def body_paras(text: str) -> list[Para]:
    """Free text split into indented paragraphs at line breaks."""
    return [Para(t.strip()) for t in text.splitlines() if t.strip()]
