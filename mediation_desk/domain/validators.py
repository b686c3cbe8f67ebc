"""Validators for identifiers typed by mediators: ID numbers, credit codes, phones, court numbers.

Every validator normalises what it accepts (full-width characters, spaces, hyphens) and
returns the canonical form; bad input raises :class:`InvalidValue` with a Chinese message
that can be shown to the user as is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from operator import mul

from .enums import Sex


class InvalidValue(ValueError):
    """A value that fails validation; ``message`` is user-facing Chinese text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _normalize(value: str) -> str:
    """Full-width to half-width (NFKC) and all whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", value).split())


# ---------------------------------------------------------------- 居民身份证号码 (GB 11643-1999)

_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, ...
_ID_CHECK_CHARS = "10X98765432"


def id_check_char(first17: str) -> str:
    """The check character (ISO 7064 MOD 11-2) for the first 17 digits of an ID number."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise InvalidValue("计算校验位需要17位数字")
    total = sum(map(mul, map(int, first17), _ID_WEIGHTS))  # both exactly 17 long
    return _ID_CHECK_CHARS[total % 11]


@dataclass(frozen=True)
class IdNumberInfo:
    """What a valid 18-digit resident ID number tells us."""

    number: str  # normalised: 18 characters, upper-case X
    birth_date: date
    sex: Sex
    region_code: str  # GB/T 2260 address code (first 6 digits)


def validate_id_number(value: str, *, today: date | None = None) -> IdNumberInfo:
    """Validate an 18-digit resident ID number (公民身份号码) and decode it.

    Spaces are ignored and a lower-case ``x`` is accepted. Checks the length, the digits,
    that the birth date exists and is not after ``today``, and the check character.
    Raises InvalidValue with a precise Chinese message.
    """
    number = _normalize(value).upper()
    if not number:
        raise InvalidValue("请填写身份证号码")
    if len(number) == 15 and number.isdigit():
        raise InvalidValue("不支持15位旧身份证号码，请填写18位公民身份号码")
    if len(number) != 18:
        raise InvalidValue(f"身份证号码应为18位，当前为{len(number)}位")
    if not (number[:17].isascii() and number[:17].isdigit()):
        raise InvalidValue("身份证号码前17位只能是数字")
    if number[17] not in "0123456789X":
        raise InvalidValue("身份证号码最后一位只能是数字或X")
    digits = number[6:14]
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise InvalidValue(f"身份证号码中的出生日期{digits}不存在") from None
    if birth > (today or date.today()):
        raise InvalidValue(f"身份证号码中的出生日期{digits}晚于今天")
    expected = id_check_char(number[:17])
    if number[17] != expected:
        raise InvalidValue(f"身份证号码校验位错误，应为{expected}")
    sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
    return IdNumberInfo(number=number, birth_date=birth, sex=sex, region_code=number[:6])


# Province-level codes of GB/T 2260 (the first two digits of an address code), plus 81/82/83
# (Hong Kong, Macao and Taiwan residents' residence permits) and 91 (the 2023 permanent
# residence ID card for foreigners). Finer codes change yearly; only this level is checked.
PROVINCE_REGION_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83 91".split())


def id_region_warning(info: IdNumberInfo) -> str | None:
    """A warning when the address code is not in a known province (never an error, §6.2)."""
    if info.region_code[:2] in PROVINCE_REGION_CODES:
        return None
    return (f"身份证号码的地址码{info.region_code}不属于已知的省级行政区划（前两位"
            f"{info.region_code[:2]}），请核对证件；行政区划代码会调整，可以继续保存")


def id_number_ok(value: str, *, today: date | None = None) -> bool:
    """Whether :func:`validate_id_number` accepts ``value`` (same decisions, no result built).

    For bulk checks (an import validates tens of thousands): a plain 18-character
    ASCII number is checked directly; anything else goes through
    :func:`validate_id_number`. tests/domain/test_validators.py compares the two.
    """
    if len(value) == 18 and value.isascii():
        first17 = value[:17]
        if first17.isdigit() and value[17] in "0123456789Xx":  # no spaces: NFKC is a no-op
            try:
                birth = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
            except ValueError:
                return False
            if birth > (today or date.today()):
                return False
            total = sum(map(mul, map(int, first17), _ID_WEIGHTS))
            return value[17].upper() == _ID_CHECK_CHARS[total % 11]
    try:
        validate_id_number(value, today=today)
    except InvalidValue:
        return False
    return True


# ---------------------------------------------------- 统一社会信用代码 (GB 32100-2015)

CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
_CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def _bad_credit_chars(text: str) -> list[str]:
    return sorted({c for c in text if c not in CREDIT_CHARS})


def credit_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a unified social credit code."""
    if len(first17) != 17 or _bad_credit_chars(first17):
        raise InvalidValue("计算校验位需要17位有效字符")
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARS[(31 - total % 31) % 31]


@dataclass(frozen=True)
class CreditCodeCheck:
    """A unified social credit code in canonical form, with non-blocking warnings."""

    normalized: str
    warnings: tuple[str, ...] = ()


def check_credit_code(value: str) -> CreditCodeCheck:
    """Check a unified social credit code (统一社会信用代码).

    Raises InvalidValue only for a wrong length or characters outside the code's
    alphabet. A wrong check character is a warning, never an error: some early
    pilot-region codes fail the check but are legally valid (REFERENCE §6.3).
    """
    code = _normalize(value).upper().replace("-", "")
    if not code:
        raise InvalidValue("请填写统一社会信用代码")
    if len(code) != 18:
        raise InvalidValue(f"统一社会信用代码应为18位，当前为{len(code)}位")
    bad = _bad_credit_chars(code)
    if bad:
        raise InvalidValue(
            f"统一社会信用代码含有无效字符：{'、'.join(bad)}（代码不使用字母I、O、S、V、Z）")
    warnings: list[str] = []
    expected = credit_check_char(code[:17])
    if code[17] != expected:
        warnings.append(
            f"统一社会信用代码校验位不符（按规则应为{expected}），请核对营业执照；"
            "早期试点地区的代码可能如此，可以继续保存")
    return CreditCodeCheck(normalized=code, warnings=tuple(warnings))


# ------------------------------------------------------------------------------ phones

_MOBILE = re.compile(r"1[3-9]\d{9}")
_AREA_3 = re.compile(r"0(?:10|2\d)")  # 010 and 02x are the only 3-digit area codes
_LOCAL = re.compile(r"[1-9][0-9]{6,7}")  # 7 or 8 digits (the examples in use start with 1)


def _digits_only(value: str) -> str:
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", value))


def _strip_country_code(text: str) -> str:
    for prefix in ("+86", "0086"):
        if text.startswith(prefix):
            return text[len(prefix):]
    if len(text) == 13 and text.startswith("86"):
        return text[2:]
    return text


def validate_mobile(value: str) -> str:
    """Validate a mainland mobile number; return its 11 digits.

    Accepts a +86 / 0086 prefix, spaces and hyphens (``+86 138-1234-1234``).
    """
    text = _strip_country_code(_digits_only(value))
    if not text:
        raise InvalidValue("请填写手机号码")
    if not (text.isascii() and text.isdigit()):
        raise InvalidValue("手机号码只能包含数字")
    if len(text) != 11:
        raise InvalidValue(f"手机号码应为11位，当前为{len(text)}位")
    if not _MOBILE.fullmatch(text):
        raise InvalidValue("手机号码格式不正确，应以13至19开头")
    return text


def validate_phone(value: str) -> str:
    """Validate a mobile or a landline number; return it in canonical form.

    Mobiles come back as 11 digits. Landlines with an area code come back as
    ``0533-1234567`` (input may be ``0533-1234567``, ``(0533)1234567`` or
    ``05331234567``); a local number without area code (``12345678``: 7 or 8 digits,
    not starting with 0) comes back as is.
    """
    try:
        return validate_mobile(value)
    except InvalidValue:
        pass
    text = re.sub(r"[()]", "", _digits_only(value))
    if not text:
        raise InvalidValue("请填写联系电话")
    if not (text.isascii() and text.isdigit()):
        raise InvalidValue("联系电话只能包含数字、空格、连字符和括号")
    if text.startswith("0"):
        area_len = 3 if _AREA_3.match(text) else 4
        area, local = text[:area_len], text[area_len:]
        if _LOCAL.fullmatch(local):
            return f"{area}-{local}"
        raise InvalidValue("固定电话格式不正确，应如0533-1234567")
    if _LOCAL.fullmatch(text):
        return text
    if text.startswith("1") and len(text) > 8:
        raise InvalidValue("手机号码应为以13至19开头的11位数字")
    raise InvalidValue("联系电话格式不正确，应为11位手机号码或固定电话（如0533-1234567）")


# ------------------------------------------------------------------------ 法院案号

# REFERENCE §3.4, verbatim (applied after NFKC, which turns full-width brackets and digits
# half-width): year, court code (最高法, or a provincial abbreviation alone (high court), + 2
# digits (intermediate) or + 4 digits (basic); 兵 = 兵团), type code, serial.
PROVINCE_CODES = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新兵"
_COURT_CASE_NUMBER = re.compile(
    r"^[（(](\d{4})[)）]"
    rf"(最高法|[{PROVINCE_CODES}](\d{{2}}|\d{{4}})?)"
    r"([\u4e00-\u9fa5]{1,6})(\d{1,6})号$")
_YEAR_PREFIX = re.compile(r"^[（(](\d{4})[)）](.*)$")
FIRST_YEAR = 2000


class CourtNumberUse(StrEnum):
    """Where a court case number is used; each place expects its own type code (§3.4)."""

    REFERRAL = "referral"  # the court referred a pre-filing case (委派): 民诉前调
    JC_RULING = "jc_ruling"  # a ruling on judicial confirmation: 民特
    FILING = "filing"  # the court filed a handed-over case: 民初
    TRIAL = "trial"  # the trial that entrusted a case (委托), its 调解书: 民初 or 民终


_EXPECTED_TYPES: dict[CourtNumberUse, tuple[tuple[str, ...], str]] = {
    CourtNumberUse.REFERRAL: (("民诉前调",),
                              "诉前调解案号的类型代字应为“民诉前调”（或本地的“诉前调”类代字）"),
    CourtNumberUse.JC_RULING: (("民特",), "确认调解协议的裁定案号的类型代字应为“民特”"),
    CourtNumberUse.FILING: (("民初",), "法院立案后的民事一审案号的类型代字应为“民初”"),
    CourtNumberUse.TRIAL: (("民初", "民终"),
                           "委托调解的审判案号的类型代字应为“民初”（一审）或“民终”（二审）"),
}


@dataclass(frozen=True)
class CourtCaseNumber:
    """A court case number (案号), e.g. （2024）浙02民诉前调595号."""

    year: int
    court: str  # 法院代字, e.g. 浙02, 鲁0303, 最高法
    type_code: str  # 类型代字, e.g. 民诉前调, 民初, 民特
    serial: int

    @property
    def text(self) -> str:
        """The number as printed, always with full-width brackets."""
        return f"（{self.year}）{self.court}{self.type_code}{self.serial}号"

    def type_warning(self, use: CourtNumberUse) -> str | None:
        """A warning when the type code does not fit ``use`` (never an error: §3.4)."""
        expected, message = _EXPECTED_TYPES[use]
        fits = self.type_code in expected or (
            use is CourtNumberUse.REFERRAL and "诉前调" in self.type_code)
        if fits:
            return None
        return f"{message}，{self.text}的类型代字是“{self.type_code}”，请核对；可以继续保存"


def parse_court_case_number(value: str, *, today: date) -> CourtCaseNumber:
    """Parse a court case number; half- or full-width brackets and spaces are accepted.

    The court code is required, and the year is 2000 to ``today``'s year + 1 (a case
    received late in December may be numbered for the next year). The type code is
    checked against its use by :meth:`CourtCaseNumber.type_warning`.
    """
    text = _normalize(value)
    m = _COURT_CASE_NUMBER.match(text)
    if not m:
        raise InvalidValue(_court_number_problem(text))
    year, serial = int(m.group(1)), int(m.group(5))
    if not FIRST_YEAR <= year <= today.year + 1:
        raise InvalidValue(
            f"法院案号的年度{year}不在{FIRST_YEAR}年至{today.year + 1}年之间，请核对")
    if serial == 0:
        raise InvalidValue("法院案号的序号不能为0")
    return CourtCaseNumber(year=year, court=m.group(2), type_code=m.group(4), serial=serial)


def _court_number_problem(text: str) -> str:
    """The most precise message for a number that does not match the pattern."""
    example = "应如（2024）浙02民诉前调595号"
    m = _YEAR_PREFIX.match(text)
    if not m:
        return f"法院案号应以括号内的四位收案年度开头，{example}"
    rest = m.group(2)
    if not rest.startswith("最高法") and (not rest or rest[0] not in PROVINCE_CODES):
        return (f"法院案号缺少法院代字（最高法，或省份简称加2位或4位数字，如鲁0303），{example}")
    return f"法院案号格式不正确，{example}"


def check_court_case_number(value: str, use: CourtNumberUse, *,
                            today: date) -> tuple[CourtCaseNumber, str | None]:
    """Parse a number for ``use``: the number and the type-code warning (or None)."""
    number = parse_court_case_number(value, today=today)
    return number, number.type_warning(use)
