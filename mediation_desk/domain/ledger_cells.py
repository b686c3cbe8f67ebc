"""Reading a 台账's cells: dates, amounts, names, parties, outcomes (no Qt, no SQL).

What offices write in their ledgers, turned into what the case validator
(``services/case_input.parse_case``) takes; see docs/ledger.md.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from .enums import CaseSource, CaseStatus, LabelledEnum
from .validators import InvalidValue

SUCCESS = "调解成功"
FAILURE = "调解不成功"

SOURCE_WORDS = {"申请": CaseSource.PARTY_APPLICATION, "主动": CaseSource.SELF_INITIATED,
                "排查": CaseSource.SELF_INITIATED, "委派": CaseSource.COURT_DELEGATED,
                "委托": CaseSource.COURT_ENTRUSTED, "公安": CaseSource.POLICE_TRANSFER,
                "派出所": CaseSource.POLICE_TRANSFER, "政府": CaseSource.GOVERNMENT_ASSIGNED,
                "指定": CaseSource.GOVERNMENT_ASSIGNED, "交办": CaseSource.GOVERNMENT_ASSIGNED}
STATUS_WORDS = {"调解成功": CaseStatus.AGREED, "成功": CaseStatus.AGREED,
                "调解不成功": CaseStatus.TERMINATED, "不成功": CaseStatus.TERMINATED,
                "调解失败": CaseStatus.TERMINATED, "终止": CaseStatus.TERMINATED,
                "在办": CaseStatus.MEDIATING, "在调": CaseStatus.MEDIATING,
                "受理": CaseStatus.ACCEPTED, "登记": CaseStatus.REGISTERED,
                "已结案": CaseStatus.ARCHIVED, "结案": CaseStatus.ARCHIVED,
                "归档": CaseStatus.ARCHIVED}
_SPLIT_NAMES = re.compile(r"[、,，;；/\s]+")
_ROLE_PART = re.compile(r"^(申请人|被申请人|第三人|当事人)[:：]?(.*)$")
_DETAIL = re.compile(r"^(.+?)[（(](.*)[）)]$")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
FOLLOW_UP = re.compile(r"^(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)\s*(已履行|正在履行|未履行)?"
                       r"\s*(?:[，,]?\s*满意度\s*(\d))?$")
DUE_FOLLOW_UP = re.compile(r"^应于\s*(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)\s*回访$")
_EXCEL_EPOCH = date(1899, 12, 30)
MASK = "*"


def cell_date(value: Any) -> date:
    """A date cell, an Excel day number or text (2026-03-01, 2026/3/1, 2026年3月1日)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20_000 <= value <= 80_000:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise InvalidValue(f"无法识别的日期：{value}")
    text = unicodedata.normalize("NFKC", str(value)).strip()
    m = _DATE_TEXT.match(text)
    if m is None and re.fullmatch(r"\d{8}", text):
        m = re.match(r"(\d{4})(\d{2})(\d{2})", text)
    if m is None:
        raise InvalidValue(f"无法识别的日期“{text}”（应如2026-03-01）")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise InvalidValue(f"不存在的日期“{text}”") from None


def cell_amount(value: Any, unit: str) -> str:
    """An amount as text for the validator (a number cell, or text like 1,200元)."""
    if isinstance(value, bool):
        raise InvalidValue(f"金额格式不正确：{value}")
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if unit != "万元":
            return text
        try:
            number = Decimal(text.replace(",", ""))
        except InvalidOperation:
            return text
    if unit == "万元":
        number *= 10_000
    return str(number.quantize(Decimal("0.01")) if number == number.quantize(
        Decimal("0.01")) else number)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def enum_value(enum: type[LabelledEnum], text: str, words: dict[str, Any]) -> str:
    """An enum id from its label, a label without 纠纷, or a word offices use; else text."""
    for candidate in (text, text + "纠纷", text.removesuffix("纠纷") + "纠纷"):
        try:
            return str(enum.parse(candidate).value)
        except ValueError:
            pass
    for word, member in words.items():
        if word in text:
            return str(member.value)
    return text  # the validator names it as not a valid choice


def _party(text: str, role: str, row: int, notes: list[str]) -> dict[str, Any]:
    name, details = text, ""
    m = _DETAIL.match(text)
    if m:
        name, details = m.group(1).strip(), m.group(2)
    data: dict[str, Any] = {"role": role, "name": name}
    for bit in re.split(r"[，,；;]", details):
        bit = bit.strip()
        for label, key in (("身份证", "id_number"), ("信用代码", "credit_code"),
                           ("电话", "phone")):
            if bit.startswith(label):
                number = bit[len(label):].strip(" ：:号码")
                if MASK in number:
                    notes.append(f"第{row}行 {name}的{label}号码已遮蔽，未导入")
                elif number:
                    data[key] = number
    if "credit_code" in data or (len(name) > 5 and any(w in name for w in (
            "公司", "厂", "合作社", "委员会", "中心", "医院", "学校", "物业", "店"))):
        data["kind"] = "organisation"
    return data


def parties_from(values: dict[str, Any], row: int, notes: list[str]) -> list[dict[str, Any]]:
    """Parties from 当事人 (申请人：张三；被申请人：李四) or from 申请人 / 被申请人 columns."""
    out: list[dict[str, Any]] = []
    roles = {"申请人": "applicant", "被申请人": "respondent", "第三人": "third_party"}
    for key, role in (("applicants", "applicant"), ("respondents", "respondent")):
        for name in names_in(cell_text(values.get(key))):
            out.append(_party(name, role, row, notes))
    whole = cell_text(values.get("parties"))
    if whole and not out:
        untagged: list[str] = []
        for part in re.split(r"[；;\n]+", whole):
            part = part.strip()
            if not part:
                continue
            m = _ROLE_PART.match(part)
            if m and m.group(1) in roles:
                out += [_party(n, roles[m.group(1)], row, notes) for n in names_in(m.group(2))]
            else:
                untagged += names_in(m.group(2) if m else part)
        if untagged:
            if len(untagged) >= 2:
                notes.append(f"第{row}行 当事人未注明申请人、被申请人："
                             "按第一人为申请人、其余为被申请人导入")
            for i, name in enumerate(untagged):
                out.append(_party(name, "applicant" if i == 0 else "respondent", row, notes))
    return out


def names_in(text: str) -> list[str]:
    """Names split on 、，; a detail in brackets (身份证 …，电话 …) stays with its name."""
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if depth == 0 and _SPLIT_NAMES.fullmatch(ch):
            if cur.strip():
                out.append(cur.strip())
            cur = ""
            continue
        cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def failed(outcome: str) -> bool:
    return any(w in outcome for w in (FAILURE, "不成功", "失败", "终止", "未达成"))


def succeeded(outcome: str) -> bool:
    """调解成功, 成功, 达成协议, 部分达成 (not 调解不成功, 未达成)."""
    return not failed(outcome) and (SUCCESS in outcome or outcome == "成功"
                                     or "达成" in outcome)


def normal_number(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split()).replace(
        "(", "（").replace(")", "）")
