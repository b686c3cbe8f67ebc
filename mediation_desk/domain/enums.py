"""Enumerations of the mediation domain, with their Chinese labels.

Ids are English snake_case (stable in the database and in exchange files);
``label`` is the user-facing Chinese text.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Chinese label."""

    @property
    def label(self) -> str:
        return type(self)._label_map().get(self.value, self.value)

    @classmethod
    def _label_map(cls) -> dict[str, str]:
        return _LABELS.get(cls.__name__, {})

    @classmethod
    def parse(cls, value: str) -> Self:
        """Accept an id or a Chinese label; raise ValueError otherwise."""
        try:
            return cls(value)
        except ValueError:
            for k, v in cls._label_map().items():
                if v == value:
                    return cls(k)
            raise


class CenterKind(LabelledEnum):
    CENTER = "center"  # 调解组织
    COURT = "court"  # 法院联络台


class CaseStatus(LabelledEnum):
    REGISTERED = "registered"
    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"
    MEDIATING = "mediating"
    SUSPENDED = "suspended"
    AGREED = "agreed"
    TERMINATED = "terminated"
    JC_APPLIED = "jc_applied"
    JC_CONFIRMED = "jc_confirmed"
    JC_REJECTED = "jc_rejected"
    JC_WITHDRAWN = "jc_withdrawn"
    PERFORMED = "performed"
    NOT_PERFORMED = "not_performed"
    ENFORCEMENT_APPLIED = "enforcement_applied"
    LITIGATION = "litigation"
    HANDED_TO_FILING = "handed_to_filing"
    FILED = "filed"
    RETURNED_TO_TRIAL = "returned_to_trial"
    ARCHIVED = "archived"


class CaseSource(LabelledEnum):
    PARTY_APPLICATION = "party_application"
    SELF_INITIATED = "self_initiated"
    COURT_DELEGATED = "court_delegated"  # 委派调解 (pre-filing)
    COURT_ENTRUSTED = "court_entrusted"  # 委托调解 (after filing)
    POLICE_TRANSFER = "police_transfer"
    GOVERNMENT_ASSIGNED = "government_assigned"

    @property
    def court_related(self) -> bool:
        return self in (CaseSource.COURT_DELEGATED, CaseSource.COURT_ENTRUSTED)


class DisputeType(LabelledEnum):
    MARRIAGE_FAMILY = "marriage_family"
    NEIGHBOUR = "neighbour"
    HOUSING_HOMESTEAD = "housing_homestead"
    CONTRACT = "contract"
    PRODUCTION_BUSINESS = "production_business"
    DAMAGES = "damages"
    FOREST_LAND = "forest_land"
    LAND_REQUISITION = "land_requisition"
    ENVIRONMENT = "environment"
    LABOUR = "labour"
    CONSUMER = "consumer"
    MEDICAL = "medical"
    TRAFFIC = "traffic"
    PROPERTY_MANAGEMENT = "property_management"
    OTHER = "other"


class PartyRole(LabelledEnum):
    APPLICANT = "applicant"
    RESPONDENT = "respondent"
    THIRD_PARTY = "third_party"


class PartyKind(LabelledEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class Sex(LabelledEnum):
    MALE = "male"
    FEMALE = "female"


class EventKind(LabelledEnum):
    STATUS_CHANGE = "status_change"
    SESSION = "session"
    INVESTIGATION = "investigation"
    FOLLOW_UP = "follow_up"
    EXTENSION = "extension"
    SUSPENSION = "suspension"
    RESUMPTION = "resumption"
    ASSIGNMENT = "assignment"
    NOTE = "note"
    UNDISPUTED_FACTS = "undisputed_facts"  # 无争议事实, confirmed by the parties (SDR Art 24)


class EndReason(LabelledEnum):
    """终止调解的原因 (OMR Art 25)."""

    AGREEMENT_REACHED = "agreement_reached"
    WITHDRAWN_SETTLED = "withdrawn_settled"
    UNREACHABLE = "unreachable"
    UNWILLING = "unwilling"
    GAP_TOO_LARGE = "gap_too_large"
    EXPIRED_NO_CONSENT = "expired_no_consent"
    REFUSED_TO_SIGN = "refused_to_sign"
    OTHER = "other"


class AgreementForm(LabelledEnum):
    WRITTEN = "written"
    ORAL = "oral"


class AgreementScope(LabelledEnum):
    FULL = "full"
    PARTIAL = "partial"


class Performance(LabelledEnum):
    """履行情况 recorded at a follow-up visit (回访)."""

    PERFORMED = "performed"
    IN_PROGRESS = "in_progress"
    NOT_PERFORMED = "not_performed"


class CaseFlag(LabelledEnum):
    RISK = "risk"
    REPORTED_TO_POLICE = "reported_to_police"
    FAMILY = "family"
    ON_SITE_CIRCUIT = "on_site_circuit"
    BUSINESS_ENVIRONMENT = "business_environment"
    WUSONG_COMMUNITY = "wusong_community"
    MONEY_ONLY = "money_only"
    STATUS_OR_TITLE = "status_or_title"
    FOREIGN = "foreign"
    APPRAISAL_NEEDED = "appraisal_needed"
    PARTY_MISSING = "party_missing"
    COUNTERCLAIM = "counterclaim"
    PUBLIC_INTEREST = "public_interest"
    FACTS_CLEAR = "facts_clear"
    COMPLEX = "complex"  # 疑难复杂 (以案定补 pays more for it)
    PREVENTED_CRIMINAL = "prevented_criminal"  # 防止民间纠纷转化为刑事案件 (reports)
    PREVENTED_MASS = "prevented_mass"  # 防止群体性上访（事件）(reports)


class RelationKind(LabelledEnum):
    """Recusal grounds (SIM Art 15)."""

    NEAR_RELATIVE = "near_relative"
    INTEREST = "interest"
    OTHER = "other"


_LABELS: dict[str, dict[str, str]] = {
    "CenterKind": {"center": "调解组织", "court": "法院联络台"},
    "CaseStatus": {
        "registered": "已登记",
        "accepted": "已受理",
        "not_accepted": "不予受理",
        "mediating": "调解中",
        "suspended": "中止（鉴定）",
        "agreed": "已达成协议",
        "terminated": "终止调解",
        "jc_applied": "已申请司法确认",
        "jc_confirmed": "司法确认有效",
        "jc_rejected": "司法确认驳回",
        "jc_withdrawn": "司法确认撤回",
        "performed": "已履行",
        "not_performed": "未履行",
        "enforcement_applied": "已申请执行",
        "litigation": "转诉讼",
        "handed_to_filing": "已移送立案",
        "filed": "法院已立案",
        "returned_to_trial": "退回审判",
        "archived": "已归档",
    },
    "CaseSource": {
        "party_application": "当事人申请",
        "self_initiated": "主动调解",
        "court_delegated": "法院委派",
        "court_entrusted": "法院委托",
        "police_transfer": "公安移交",
        "government_assigned": "政府指定",
    },
    "DisputeType": {
        "marriage_family": "婚姻家庭纠纷",
        "neighbour": "邻里纠纷",
        "housing_homestead": "房屋宅基地纠纷",
        "contract": "合同纠纷",
        "production_business": "生产经营纠纷",
        "damages": "损害赔偿纠纷",
        "forest_land": "山林土地纠纷",
        "land_requisition": "征地拆迁纠纷",
        "environment": "环境污染纠纷",
        "labour": "劳动争议纠纷",
        "consumer": "消费纠纷",
        "medical": "医疗纠纷",
        "traffic": "道路交通事故纠纷",
        "property_management": "物业纠纷",
        "other": "其他纠纷",
    },
    "PartyRole": {"applicant": "申请人", "respondent": "被申请人", "third_party": "第三人"},
    "PartyKind": {"person": "自然人", "organisation": "单位"},
    "Sex": {"male": "男", "female": "女"},
    "EventKind": {
        "status_change": "状态变更",
        "session": "调解",
        "investigation": "调查",
        "follow_up": "回访",
        "extension": "延期",
        "suspension": "中止",
        "resumption": "恢复",
        "assignment": "指派调解员",
        "note": "备注",
        "undisputed_facts": "无争议事实",
    },
    "EndReason": {
        "agreement_reached": "达成调解协议",
        "withdrawn_settled": "当事人自行和解撤回申请",
        "unreachable": "期限内无法联系当事人",
        "unwilling": "当事人明确表示不愿调解",
        "gap_too_large": "各方分歧较大难以达成一致",
        "expired_no_consent": "期限届满未同意延长",
        "refused_to_sign": "当事人拒绝签署调解协议",
        "other": "其他原因",
    },
    "AgreementForm": {"written": "书面协议", "oral": "口头协议"},
    "AgreementScope": {"full": "全部达成", "partial": "部分达成"},
    "Performance": {"performed": "已履行", "in_progress": "正在履行", "not_performed": "未履行"},
    "CaseFlag": {
        "risk": "有激化风险",
        "reported_to_police": "已报告公安",
        "family": "家事纠纷",
        "on_site_circuit": "巡回就地调解",
        "business_environment": "涉企（营商环境）",
        "wusong_community": "无讼社区",
        "money_only": "仅涉金钱给付",
        "status_or_title": "涉身份关系或确权",
        "foreign": "涉外",
        "appraisal_needed": "需鉴定评估",
        "party_missing": "当事人下落不明",
        "counterclaim": "有反请求",
        "public_interest": "涉国家或公共利益",
        "facts_clear": "事实清楚争议不大",
        "complex": "疑难复杂",
        "prevented_criminal": "防止民转刑",
        "prevented_mass": "防止群体性事件",
    },
    "RelationKind": {
        "near_relative": "近亲属",
        "interest": "有利害关系",
        "other": "其他可能影响公正的关系",
    },
}


class DayKind(LabelledEnum):
    """What a holiday notice says of a day: a rest day or a (调休) working day."""

    REST = "rest"
    WORK = "work"


class YearSource(LabelledEnum):
    """Where a year's holiday arrangement comes from (shown on the settings page)."""

    OFFICIAL = "official"  # published data shipped with the program (chinesecalendar)
    ENTERED = "entered"  # the State Council notice entered or imported at this desk
    COURT = "court"  # the notice as distributed by a trusted court desk
    ESTIMATED = "estimated"  # computed from the statutory rules: bridge days and 调休 unknown


class PeriodUnit(LabelledEnum):
    """How a mediation period is written in its source: in days or in months (一个月)."""

    DAYS = "days"
    MONTHS = "months"


_LABELS["DayKind"] = {"rest": "放假", "work": "上班"}
_LABELS["YearSource"] = {"official": "官方数据", "entered": "本机录入", "court": "法院下发",
                         "estimated": "推算"}
_LABELS["PeriodUnit"] = {"days": "日", "months": "个月"}
