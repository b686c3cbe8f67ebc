"""Cases for every document kind: a normal one and a hostile one, built through the services.

Each scenario is three cases (agreed after an extension and a recusal, with a court
hand-over's counterpart; terminated and handed over; settled orally) so every kind finds
one whose record it needs. Used by test_every_kind.py and docs/screenshots/shoot_documents.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from mediation_desk.domain.enums import AgreementForm, EndReason, Performance, RelationKind
from mediation_desk.domain.models import Case, DeclaredRelation, Mediator
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.mediation import AgreementInput

ACTOR = "王调解员"
JI = "𠮷"  # U+20BB7: in a hostile name when an Extension B face is installed
CREDIT_CODE = "91350100M000100Y43"
PERSON_IDS = ("11010519491231002X", "440524188001010014")


@dataclass
class Scenario:
    """The cases of one scenario and what every paper of them must print."""

    name: str
    cases: list[Case] = field(default_factory=list)
    party_names: list[str] = field(default_factory=list)


def normal_people() -> list[dict[str, Any]]:
    return [
        {"kind": "person", "role": "applicant", "name": "张三", "id_number": PERSON_IDS[0],
         "phone": "13812341234", "sex": "female", "ethnicity": "汉", "occupation": "农民",
         "address": "山东省淄博市张店区马尚街道马尚村8号", "village": "马尚村",
         "agent": {"name": "张小明", "relation": "儿子", "phone": "13700001111"}},
        {"kind": "person", "role": "respondent", "name": "李四", "id_number": PERSON_IDS[1],
         "phone": "13900001111", "address": "山东省淄博市张店区马尚街道马尚村9号"},
    ]


def hostile_people(rare: bool) -> list[dict[str, Any]]:
    """20 parties, every one with an agent; every fourth an organisation; long names and
    addresses; 𠮷 in one name when ``rare``."""
    people: list[dict[str, Any]] = []
    street = "山东省淄博市张店区马尚街道办事处马尚村民委员会第十七村民小组东西大街南侧胡同"
    for i in range(20):
        role = "applicant" if i < 10 else "respondent"
        if i % 4 == 3:
            person: dict[str, Any] = {
                "kind": "organisation", "role": role,
                "name": f"淄博市张店区马尚街道鑫源物业服务有限责任公司第{i + 1}分公司",
                "credit_code": CREDIT_CODE, "legal_representative": f"法代{i + 1}",
                "phone": "05332222222"}
        else:
            person = {"kind": "person", "role": role, "name": f"欧阳当事人{i + 1}号",
                      "ethnicity": "汉", "occupation": "个体工商户", "phone": "13812341234"}
        person["address"] = f"{street}{i + 1}号院内{i + 1}单元" * 2
        person["agent"] = {"name": f"委托代理人{i + 1}号", "relation": "律师",
                           "phone": "13700001111"}
        people.append(person)
    # the longest names the desk takes: 100 characters (an organisation), 50 (a person)
    people[7]["name"] = ("淄博市张店区马尚街道办事处马尚村股份经济合作社暨鑫源物业服务有限责任公司"
                         "东西大街南侧胡同第十七村民小组集体资产管理委员会下属第八综合服务站点"
                         "及其附属停车场和农贸市场联合经营管理有限公司")[:100]
    people[8]["name"] = "阿卜杜热合曼·买买提依明·艾力·欧阳长孙诸葛司马上官" * 2
    if rare:
        people[5]["name"] = f"{JI}祥"
    return people


def hostile_facts() -> str:
    """20,000 characters of facts in numbered paragraphs."""
    para = "双方就宅基地边界、通道使用、排水沟渠及院墙修缮费用多次协商未果，邻里关系十分紧张。"
    out, i = [], 1
    while sum(len(p) + 1 for p in out) < 20_000:
        out.append(f"第{i}段：" + para * 6)
        i += 1
    return "\n".join(out)[:20_000]


def build(service: CaseService, mediators: MediatorService, name: str,
          people: list[dict[str, Any]], facts: str) -> Scenario:
    """The three cases of a scenario (numbers 1-3 of a fresh desk for the first one)."""
    scenario = Scenario(name, party_names=[p["name"] for p in people])
    zhou = mediators.save(ACTOR, Mediator(center_id="", name="周明"))
    # 赵红 is the first applicant's cousin: assigned with the parties' written consent
    zhao = mediators.save(ACTOR, Mediator(center_id="", name="赵红", relations=[
        DeclaredRelation(person_name=people[0]["name"], kind=RelationKind.NEAR_RELATIVE,
                         note="表哥")]))
    long_claims = "请求确认边界并赔偿损失。" * (40 if len(people) > 2 else 1)

    def register(court_no: str) -> Case:
        return service.register(ACTOR, {
            "source": "court_delegated", "court_case_number": court_no,
            "dispute_type": "neighbour", "received_on": "2026-02-02", "amount": "40000",
            "facts": facts, "claims": long_claims, "parties": people})

    # 1. agreed: recusal decision, extension, investigation, session, written agreement,
    #    follow-up, joint application for judicial confirmation
    c = register("（2026）鲁0303民诉前调12号")
    service.accept(ACTOR, c.id, on=date(2026, 2, 3))
    service.assign(ACTOR, c.id, [zhou.id, zhao.id],
                   override_reason="双方当事人书面同意由赵红调解。")
    everyone = [p.id for p in service.get(c.id).parties]
    service.extend(ACTOR, c.id, days=15, consenting_party_ids=everyone,
                   notes="需等待测绘结论，各方同意延期。")
    service.record_investigation(ACTOR, c.id, notes="走访村委会，查阅宅基地档案。",
                                 place="村委会", participants="村委会主任王五",
                                 occurred_at=datetime(2026, 2, 5, 9, 0))
    service.record_session(ACTOR, c.id, notes="申请人陈述边界情况。\n被申请人同意核实。",
                           place="马尚街道调解室", participants="村委会主任王五",
                           occurred_at=datetime(2026, 2, 10, 14, 30))
    service.record_agreement(ACTOR, c.id, AgreementInput(
        clauses=[f"第{i + 1}项：被申请人于2026年3月31日前拆除越界院墙。" for i in range(
            30 if len(people) > 2 else 2)],
        facts=facts, performance_method="现场拆除", performance_place="马尚村",
        performance_deadline=date(2026, 3, 31), amount=Decimal("40000"),
        effective_on=date(2026, 2, 20)))
    service.follow_up(ACTOR, c.id, performance=Performance.IN_PROGRESS, satisfaction=4,
                      notes="已拆除一半，余下月底前完成。", on=date(2026, 3, 1))
    # after the agreement took effect: a 补充协议 and a 更正说明 (never an edit)
    agreement = service.agreement(c.id)
    assert agreement is not None
    service.add_supplementary_agreement(ACTOR, c.id, agreement.id, reason="拆除期限需要顺延",
                                        clauses=["越界院墙的拆除期限顺延至2026年4月15日。"],
                                        signed_on=date(2026, 2, 24))
    service.add_correction_note(ACTOR, c.id, agreement.id, reason="登记时笔误",
                                text="协议书履行地点“马尚村”应为“马尚村二组”。")
    service.apply_jc(ACTOR, c.id, on=date(2026, 2, 25))
    scenario.cases.append(service.get(c.id))

    # 2. terminated after a session, undisputed facts recorded, handed over to the court
    c = register("（2026）鲁0303民诉前调13号")
    service.accept(ACTOR, c.id, on=date(2026, 2, 3))
    service.assign(ACTOR, c.id, [zhou.id])
    service.record_session(ACTOR, c.id, notes="双方各执己见。",
                           occurred_at=datetime(2026, 2, 10, 9, 0))
    everyone = [p.id for p in service.get(c.id).parties]
    service.record_undisputed_facts(ACTOR, c.id, facts="双方确认院墙系2019年所建。",
                                    confirming_party_ids=everyone,
                                    occurred_at=datetime(2026, 2, 11, 9, 0).astimezone())
    service.terminate(ACTOR, c.id, reason=EndReason.GAP_TOO_LARGE, notes="赔偿数额差距过大。")
    service.hand_over(ACTOR, c.id, notes="随函附起诉状一份。")
    scenario.cases.append(service.get(c.id))

    # 3. settled by oral agreement
    c = register("（2026）鲁0303民诉前调14号")
    service.accept(ACTOR, c.id, on=date(2026, 2, 3))
    service.assign(ACTOR, c.id, [zhou.id])
    service.record_agreement(ACTOR, c.id, AgreementInput(
        clauses=["被申请人三日内清理通道杂物。"], form=AgreementForm.ORAL,
        effective_on=date(2026, 2, 12)))
    scenario.cases.append(service.get(c.id))
    return scenario
