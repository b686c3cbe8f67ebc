"""Papers about serving and representing parties: 送达地址确认书, 送达回证, 授权委托书.

The 送达地址确认书 is one of the 司法确认 materials (JCR Art 3, agreement_docs.MATERIALS)
and part of what court intake needs (OMR Art 17, REFERENCE §3.5); the 授权委托书 is
item 4 of the case file (§2.1). Each party gets its own page, signed by that party;
what the case does not record (an electronic address, the scope of an agent's
authority, the day a paper was received) is left as a box or a blank to fill by hand.
"""

from __future__ import annotations

from dataclasses import replace

from ..domain.enums import AgreementForm, EndReason, PartyKind, PartyRole
from ..domain.errors import DomainError
from ..domain.models import Party
from .common import new_spec, party_grid, party_sign_lines
from .data import CaseBundle, cn_date
from .spec import Block, DocSpec, Grid, Heading, PageBreak, Para, Signatures, blank

_ROLES = (PartyRole.APPLICANT, PartyRole.RESPONDENT, PartyRole.THIRD_PARTY)
TWO = (0.28, 0.72)
WIDE = (0.2, 0.3, 0.2, 0.3)


def only(b: CaseBundle, parties: list[Party]) -> CaseBundle:
    """The same bundle with only ``parties``: common's tables and sign lines for a subset."""
    if b.case is None:
        return b
    return replace(b, case=replace(b.case, parties=list(parties)))


def _two(rows: list[tuple[str, str]], *, min_height: float = 0) -> Grid:
    return Grid(rows=tuple(rows), widths=TWO, labels=(0,), min_height=min_height)


def sheets(spec: DocSpec, pages: list[list[Block]]) -> DocSpec:
    """One sheet per party (or per record): each after the first repeats the title and
    number, so a sheet handed to one party or filed on its own still says what it is."""
    for i, blocks in enumerate(pages):
        if i:
            spec.add(PageBreak(), Para(spec.title, indent=False, align="center", size=22),
                     *(Para(line, indent=False, align="right", size=12)
                       for line in (spec.number, *spec.subnumbers) if line))
        spec.add(*blocks)
    return spec


def cause(b: CaseBundle) -> str:
    """案由: the kind of dispute (物业纠纷), never the list of every party."""
    return b.case.dispute_type.label if b.case else ""


def short_dispute(b: CaseBundle) -> str:
    """``张三与李四之间的物业纠纷``; with more than four parties ``张三等20名当事人之间的…``."""
    if b.case is None or len(b.parties) <= 4:
        return b.dispute()
    return f"{b.parties[0].name}等{len(b.parties)}名当事人之间的{b.case.dispute_type.label}"


def _id_of(p: Party) -> str:
    return p.credit_code if p.kind is PartyKind.ORGANISATION else p.id_number


# -- 送达地址确认书 ----------------------------------------------------------------------

ADDRESS_NOTICE = (
    "一、当事人应当如实提供确切的送达地址和联系方式；同意电子送达的，"
    "应当提供手机号码、电子邮箱等电子送达地址。",
    "二、确认的送达地址适用于本案人民调解、申请司法确认程序；调解不成转入诉讼的，"
    "当事人同意人民法院在诉讼阶段向该地址送达诉讼文书。",
    "三、送达地址变更的，应当及时书面告知人民调解委员会（或者人民法院）；未书面告知的，"
    "原地址仍为有效的送达地址。因地址不准确、变更后未告知或者拒不签收，"
    "导致文书未能被实际接收的，文书退回之日视为送达之日，由此产生的法律后果由当事人自行承担。",
)
ADDRESS_PROMISE = ("受送达人确认：我已阅读本确认书的告知事项，提供了上栏送达地址和联系方式，"
                   "确认了上栏内容，并保证所提供的各项内容真实、准确。")


def _address_page(b: CaseBundle, p: Party | None) -> list[Block]:
    agent = ""
    if p is not None and p.agent_name:
        agent = p.agent_name + (f"（{p.agent_phone}）" if p.agent_phone else "")
    rows = [("案由", cause(b), "", ""),
            ("受送达人", f"{p.role.label}{p.name}" if p else "", "身份证件号码",
             _id_of(p) if p else ""),
            ("送达地址", p.address if p else "", "", ""),
            ("邮政编码", "", "联系电话", p.phone if p else ""),
            ("电子送达地址", "手机号码：　　　　　　　　电子邮箱或即时通讯账号：", "", ""),
            ("同意电子送达", "□同意　□不同意", "", ""),
            ("指定代收人", agent, "", "")]
    spans = tuple((1, i, 3, i) for i, r in enumerate(rows) if r[2] == "")
    out: list[Block] = [Grid(rows=tuple(rows), widths=WIDE, spans=spans, labels=(0, 2),
                             min_height=28),
                        Heading("告知事项："), *[Para(t, size=11) for t in ADDRESS_NOTICE],
                        Para(ADDRESS_PROMISE, indent=False)]
    lines = party_sign_lines(only(b, [p]), "签名并按指印") if p else ("受送达人（签名并按指印）：",)
    out.append(Signatures(lines=lines, date=cn_date(None), columns=2))
    return out


def service_address(b: CaseBundle) -> DocSpec:
    """送达地址确认书: one page per party, the address and phone as recorded."""
    spec = new_spec(b, "service_address", "送达地址确认书")
    people: list[Party | None] = [*b.parties] if not b.blank else [None]
    if not people:
        raise DomainError(f"案件{b.number}没有当事人，不能生成送达地址确认书。", code="no_parties")
    return sheets(spec, [_address_page(b, p) for p in people])


# -- 送达回证 -------------------------------------------------------------------------

def served_papers(b: CaseBundle) -> list[str]:
    """The papers a case has given its parties so far, as 《title》（编号）."""
    c = b.case
    if c is None:
        return []
    out: list[str] = []
    if c.accepted_on is not None:
        out.append("人民调解当事人权利义务告知书")
    a = b.agreement
    if a is not None and not a.deleted and a.form is AgreementForm.WRITTEN:
        out.append("人民调解协议书")
    if c.end_reason is not None and c.end_reason is not EndReason.AGREEMENT_REACHED:
        out.append("终止人民调解告知书")
    return [f"《{t}》（编号：{b.number}）一份" for t in out]


def _receipt_page(b: CaseBundle, p: Party | None, papers: list[str]) -> list[Block]:
    rows = [("送达单位", b.center_name if b.center else ""),
            ("案由", cause(b)),
            ("送达文书名称及件数", "\n".join(papers)),
            ("受送达人", f"{p.role.label}{p.name}" if p else ""),
            ("送达地址", p.address if p else ""),
            ("送达方式", "□直接送达　□留置送达　□邮寄送达　□电子送达　□委托送达"),
            ("受送达人签名或盖章", "\n\n" + "　" * 14 + cn_date(None)),
            ("代收人签名及代收理由", "\n\n" + "　" * 14 + cn_date(None)),
            ("送达人签名", "\n" + "　" * 14 + cn_date(None)),
            ("备注（拒收、留置等情况及见证人）", "")]
    out: list[Block] = [_two(rows, min_height=30 if p is None else 0)]
    out.append(Para("受送达人拒绝签收的，送达人应当在备注栏注明拒收事由和日期，"
                    "并由送达人、见证人签名。"))
    return out


def service_receipt(b: CaseBundle) -> DocSpec:
    """送达回证: the papers served, one receipt per party; date and signature by hand."""
    spec = new_spec(b, "service_receipt", "送达回证")
    if b.blank:
        return sheets(spec, [_receipt_page(b, None, [])])
    papers = served_papers(b)
    if not papers:
        raise DomainError(f"案件{b.number}尚未受理，还没有需要向当事人送达的文书，"
                          "不能生成送达回证。", code="nothing_served")
    if not b.parties:
        raise DomainError(f"案件{b.number}没有当事人，不能生成送达回证。", code="no_parties")
    return sheets(spec, [_receipt_page(b, p, papers) for p in b.parties])


# -- 授权委托书 -----------------------------------------------------------------------

GENERAL = "□一般授权：代为陈述纠纷事实、提交证据材料、参加调解、签收调解文书。"
SPECIAL = ("□特别授权：除一般授权事项外，代为承认、放弃、变更调解请求，进行和解，"
           "签署调解协议，代为申请司法确认。")


def _attorney_page(b: CaseBundle, p: Party | None) -> list[Block]:
    sub = only(b, [replace(p, agent_name="")]) if p is not None else b
    on = b.case.received_on if b.case else None
    grid = party_grid(sub, (p.role,) if p else _ROLES[:1], on)
    if p is None:  # the blank form is for either side: 委托人, not 申请人
        first = ("委托人姓名（名称）", *grid.rows[0][1:])
        grid = replace(grid, rows=(first, *grid.rows[1:]))
    out: list[Block] = [Heading("委托人："), grid]
    rows = [("姓名", p.agent_name if p else "", "与委托人关系", p.agent_relation if p else ""),
            ("公民身份号码", p.agent_id_number if p else "", "联系电话",
             p.agent_phone if p else "")]
    out += [Heading("受委托人："), Grid(rows=tuple(rows), widths=WIDE, labels=(0, 2),
                                        min_height=28)]
    if p is None:
        out.append(Para(f"现委托上列受委托人在{blank(16)}一案中，作为我方委托代理人，"
                        f"参加{b.center_name}主持的人民调解活动。"))
    else:
        out.append(Para(f"现委托上列受委托人在{short_dispute(b)}一案（编号：{b.number}）中，"
                        f"作为{p.name}的委托代理人，参加{b.center_name}主持的人民调解活动。"))
    out += [Heading("代理权限（在选定的方框内打“√”，未选的不予授权）："),
            Para(GENERAL, indent=False, size=12), Para(SPECIAL, indent=False, size=12),
            Para("委托期限：自本委托书签署之日起至本案调解（含申请司法确认）程序终结之日止。"
                 "受委托人在上述权限内所为的行为，委托人均予承认。", size=12)]
    if p is None:
        lines: tuple[str, ...] = ("委托人（签名并按指印或盖章）：", "受委托人（签名）：")
    else:
        # the party's own line (its agent signs below as 受委托人, not as 委托代理人)
        own = party_sign_lines(sub, "签名并按指印")[0]
        lines = (f"委托人{own.removeprefix(p.role.label)}", f"受委托人{p.agent_name}（签名）：")
    out.append(Signatures(lines=lines, date=cn_date(None)))
    return out


def power_of_attorney(b: CaseBundle) -> DocSpec:
    """授权委托书: one page per party with an agent; refused when no party has one."""
    spec = new_spec(b, "power_of_attorney", "授权委托书")
    if b.blank:
        return sheets(spec, [_attorney_page(b, None)])
    with_agent = [p for p in b.parties if p.agent_name.strip()]
    if not with_agent:
        names = "、".join(f"{p.role.label}{p.name}" for p in b.parties) or "当事人"
        raise DomainError(f"案件{b.number}的{names}均未登记委托代理人，不能生成授权委托书。"
                          "请先在当事人信息中填写委托代理人。", code="no_agent")
    return sheets(spec, [_attorney_page(b, p) for p in with_agent])
