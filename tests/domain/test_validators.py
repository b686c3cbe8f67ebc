"""ID numbers, credit codes, phones and court case numbers (REFERENCE §3.4, §6.2, §6.3)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_desk.domain.enums import Sex
from mediation_desk.domain.validators import (
    CREDIT_CHARS,
    CourtCaseNumber,
    CourtNumberUse,
    InvalidValue,
    check_court_case_number,
    check_credit_code,
    credit_check_char,
    id_check_char,
    id_number_ok,
    id_region_warning,
    parse_court_case_number,
    validate_id_number,
    validate_mobile,
    validate_phone,
)

TODAY = date(2026, 3, 2)


# ------------------------------------------------------------------ ID numbers (§6.2)

def test_worked_example_female_1949():
    info = validate_id_number("11010519491231002X", today=TODAY)
    assert info.number == "11010519491231002X"
    assert info.birth_date == date(1949, 12, 31)
    assert info.sex is Sex.FEMALE
    assert info.region_code == "110105"


def test_worked_example_male_1880():
    info = validate_id_number("440524188001010014", today=TODAY)
    assert info.birth_date == date(1880, 1, 1)
    assert info.sex is Sex.MALE
    assert info.region_code == "440524"


def test_check_char_worked_examples():
    # S = 167, 167 mod 11 = 2 -> 'X'; S = 195, 195 mod 11 = 8 -> '4'
    assert id_check_char("11010519491231002") == "X"
    assert id_check_char("44052418800101001") == "4"


def test_input_is_normalised():
    assert validate_id_number(" 110105 19491231 002x ", today=TODAY).number == "11010519491231002X"
    assert validate_id_number("１１０１０５１９４９１２３１００２Ｘ", today=TODAY).number == (
        "11010519491231002X")


def test_today_defaults_to_the_real_date():
    assert validate_id_number("11010519491231002X").sex is Sex.FEMALE


@pytest.mark.parametrize("value, message", [
    ("", "请填写身份证号码"),
    ("   ", "请填写身份证号码"),
    ("110105491231002", "不支持15位旧身份证号码，请填写18位公民身份号码"),
    ("11010519491231002", "身份证号码应为18位，当前为17位"),
    ("11010519491231002X1", "身份证号码应为18位，当前为19位"),
    ("1101051949123100AX", "身份证号码前17位只能是数字"),
    ("11010519491231002Y", "身份证号码最后一位只能是数字或X"),
    ("11010519491231002Z", "身份证号码最后一位只能是数字或X"),
    ("110105199902300027", "身份证号码中的出生日期19990230不存在"),
    ("110105199913010027", "身份证号码中的出生日期19991301不存在"),
    ("110105000001010027", "身份证号码中的出生日期00000101不存在"),
    ("110105190002290027", "身份证号码中的出生日期19000229不存在"),  # 1900 was not a leap year
    ("110105202603030027", "身份证号码中的出生日期20260303晚于今天"),
    ("110105194912310021", "身份证号码校验位错误，应为X"),
    ("440524188001010015", "身份证号码校验位错误，应为4"),
])
def test_invalid_id_numbers(value, message):
    with pytest.raises(InvalidValue) as err:
        validate_id_number(value, today=TODAY)
    assert err.value.message == message
    assert isinstance(err.value, ValueError)


def test_leap_day_birth_is_valid():
    first17 = "11010520000229002"
    info = validate_id_number(first17 + id_check_char(first17), today=TODAY)
    assert info.birth_date == date(2000, 2, 29)


def test_born_today_is_valid():
    first17 = f"110105{TODAY:%Y%m%d}001"
    info = validate_id_number(first17 + id_check_char(first17), today=TODAY)
    assert info.birth_date == TODAY and info.sex is Sex.MALE


@pytest.mark.parametrize("bad", ["1234", "1101051949123100X", "１１０１０５１９４９１２３１００２"])
def test_id_check_char_needs_17_ascii_digits(bad):
    with pytest.raises(InvalidValue):
        id_check_char(bad)


@st.composite
def id_numbers(draw):
    """A valid ID number, its birth date and sex."""
    region = draw(st.integers(110000, 829999))
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    seq = draw(st.integers(0, 999))
    first17 = f"{region:06d}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17), birth, Sex.MALE if seq % 2 else Sex.FEMALE


@given(id_numbers())
def test_generated_ids_validate(generated):
    number, birth, sex = generated
    info = validate_id_number(number.lower(), today=TODAY)
    assert (info.number, info.birth_date, info.sex, info.region_code) == (
        number, birth, sex, number[:6])


@given(id_numbers(), st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_change_is_caught(generated, pos, delta):
    number = generated[0]
    changed = str((int(number[pos]) + delta) % 10)
    tampered = number[:pos] + changed + number[pos + 1:]
    with pytest.raises(InvalidValue):
        validate_id_number(tampered, today=TODAY)


@given(id_numbers(), st.integers(0, 15))
def test_adjacent_transposition_is_caught(generated, pos):
    number = generated[0]
    swapped = number[:pos] + number[pos + 1] + number[pos] + number[pos + 2:]
    if swapped != number:
        with pytest.raises(InvalidValue):
            validate_id_number(swapped, today=TODAY)


# -------------------------------------------------------------- credit codes (§6.3)

@pytest.mark.parametrize("code, check", [
    ("91350100M000100Y43", "3"),
    ("914403001922038216", "6"),
])
def test_credit_code_worked_examples(code, check):
    assert credit_check_char(code[:17]) == check
    result = check_credit_code(code)
    assert result.normalized == code
    assert result.warnings == ()


def test_credit_code_is_normalised():
    assert check_credit_code(" 91350100m000100y43 ").normalized == "91350100M000100Y43"
    assert check_credit_code("9135-0100-M000-100Y43").normalized == "91350100M000100Y43"


def test_pilot_code_failing_the_check_only_warns():
    result = check_credit_code("91350100M0001TGQXM")
    assert result.normalized == "91350100M0001TGQXM"
    assert len(result.warnings) == 1
    assert "校验位" in result.warnings[0] and "可以继续保存" in result.warnings[0]


def test_credit_code_check_is_frozen():
    result = check_credit_code("91350100M000100Y43")
    with pytest.raises(AttributeError):
        result.normalized = "x"  # type: ignore[misc]


@pytest.mark.parametrize("value, fragment", [
    ("", "请填写统一社会信用代码"),
    ("91350100M000100Y4", "应为18位，当前为17位"),
    ("91350100M000100Y431", "应为18位，当前为19位"),
    ("91350100I000100Y43", "无效字符：I"),
    ("91350100O0S0100Y43", "无效字符：O、S"),
    ("9135010*M000100Y43", "无效字符：*"),
])
def test_bad_credit_codes_raise(value, fragment):
    with pytest.raises(InvalidValue) as err:
        check_credit_code(value)
    assert fragment in err.value.message


def test_credit_check_char_rejects_bad_input():
    with pytest.raises(InvalidValue):
        credit_check_char("91350100M000100Y")
    with pytest.raises(InvalidValue):
        credit_check_char("91350100M000100YI")


@given(st.text(alphabet=CREDIT_CHARS, min_size=17, max_size=17))
def test_generated_credit_codes_pass(body):
    code = body + credit_check_char(body)
    assert check_credit_code(code).warnings == ()


@given(st.text(alphabet=CREDIT_CHARS, min_size=17, max_size=17), st.integers(0, 16),
       st.integers(1, 30))
def test_single_character_change_of_credit_code_warns(body, pos, delta):
    code = body + credit_check_char(body)
    new = CREDIT_CHARS[(CREDIT_CHARS.index(code[pos]) + delta) % 31]
    tampered = code[:pos] + new + code[pos + 1:]
    assert len(check_credit_code(tampered).warnings) == 1


# ------------------------------------------------------------------------ phones

@pytest.mark.parametrize("value", [
    "13812341234", "138 1234 1234", "138-1234-1234", "+8613812341234", "+86 138 1234 1234",
    "008613812341234", "0086-138-1234-1234", "8613812341234", "１３８１２３４１２３４",
])
def test_mobile_forms(value):
    assert validate_mobile(value) == "13812341234"
    assert validate_phone(value) == "13812341234"


@pytest.mark.parametrize("value, fragment", [
    ("", "请填写手机号码"),
    ("1381234123", "应为11位，当前为10位"),
    ("138123412345", "应为11位，当前为12位"),
    ("12812341234", "应以13至19开头"),
    ("23812341234", "应以13至19开头"),
    ("1381234123a", "只能包含数字"),
    ("0533-1234567", "应以13至19开头"),
])
def test_invalid_mobiles(value, fragment):
    with pytest.raises(InvalidValue) as err:
        validate_mobile(value)
    assert fragment in err.value.message


@pytest.mark.parametrize("value, expected", [
    ("0533-1234567", "0533-1234567"),
    ("(0533)1234567", "0533-1234567"),
    ("（0533）1234567", "0533-1234567"),
    ("05331234567", "0533-1234567"),
    ("0533 1234 567", "0533-1234567"),
    ("010-62345678", "010-62345678"),
    ("01062345678", "010-62345678"),
    ("021-12345678", "021-12345678"),
    ("0755-87654321", "0755-87654321"),
    ("12345678", "12345678"),
    ("2345678", "2345678"),
])
def test_landlines(value, expected):
    assert validate_phone(value) == expected


@pytest.mark.parametrize("value, fragment", [
    ("", "请填写联系电话"),
    ("0533-123456", "固定电话格式不正确"),
    ("0533-0123456", "固定电话格式不正确"),
    ("0533-123456789", "固定电话格式不正确"),
    ("123456", "联系电话格式不正确"),
    ("1381234123", "手机号码应为以13至19开头的11位数字"),
    ("12812341234", "手机号码应为以13至19开头的11位数字"),
    ("phone", "只能包含数字"),
    ("0533#1234567", "只能包含数字"),
])
def test_invalid_phones(value, fragment):
    with pytest.raises(InvalidValue) as err:
        validate_phone(value)
    assert fragment in err.value.message


@given(st.sampled_from("3456789"), st.text(alphabet="0123456789", min_size=9, max_size=9),
       st.sampled_from(["", "+86", "0086", "+86 "]), st.sampled_from(["", " ", "-"]))
def test_generated_mobiles_normalise(second, rest, prefix, sep):
    number = "1" + second + rest
    typed = prefix + sep.join([number[:3], number[3:7], number[7:]])
    assert validate_phone(typed) == number


# ------------------------------------------------------------- court case numbers (§3.4)

U = CourtNumberUse


# every example of REFERENCE §3.4, plus the forms the validation rule names
@pytest.mark.parametrize("value, year, court, type_code, serial", [
    ("（2024）浙02民诉前调595号", 2024, "浙02", "民诉前调", 595),
    ("(2024)浙02民诉前调595号", 2024, "浙02", "民诉前调", 595),
    ("(2021)川0104民诉前调801号", 2021, "川0104", "民诉前调", 801),
    ("(2021)川0112民初2181号", 2021, "川0112", "民初", 2181),
    ("(2017)津0105民特2号", 2017, "津0105", "民特", 2),
    ("(2021)川01财保17号", 2021, "川01", "财保", 17),
    ("（2026）鲁0303民初88号", 2026, "鲁0303", "民初", 88),
    ("（2026）鲁03民终7号", 2026, "鲁03", "民终", 7),  # 淄博中院
    ("（2026）粤0703民初1号", 2026, "粤0703", "民初", 1),  # 蓬江 (粤07 = 江门中院)
    ("（2023）最高法民终12号", 2023, "最高法", "民终", 12),
    ("（2023）鲁民终5号", 2023, "鲁", "民终", 5),  # a high court: the abbreviation alone
    ("（2024）兵0101民初3号", 2024, "兵0101", "民初", 3),  # 兵 = 兵团
    ("（2000）京01民初1号", 2000, "京01", "民初", 1),  # first year accepted
    ("（2027）鲁0303民诉前调1号", 2027, "鲁0303", "民诉前调", 1),  # current year + 1
    ("（2024）浙02民诉前调调解595号", 2024, "浙02", "民诉前调调解", 595),  # 6-char type code
    (" （２０２４） 浙０２民诉前调 595 号 ", 2024, "浙02", "民诉前调", 595),
])
def test_court_case_numbers(value, year, court, type_code, serial):
    parsed = parse_court_case_number(value, today=TODAY)
    assert parsed == CourtCaseNumber(year, court, type_code, serial)
    assert parsed.text == f"（{year}）{court}{type_code}{serial}号"


def test_court_case_number_prints_full_width():
    assert parse_court_case_number("(2024)浙02民诉前调595号", today=TODAY).text == \
        "（2024）浙02民诉前调595号"


@pytest.mark.parametrize("value", [
    "", "2024浙02民诉前调595号", "（24）浙02民诉前调595号", "（2024）浙02民诉前调595",
    "（2024）浙2民诉前调595号", "（2024）浙02民诉前调号", "（2024）浙02ABC595号",
    "（2024）浙02民诉前调调解书595号", "（2024）浙02民诉前调0号", "（2024）浙02民初1234567号",
    "（2024）浙123民初1号",
])
def test_invalid_court_case_numbers(value):
    with pytest.raises(InvalidValue) as err:
        parse_court_case_number(value, today=TODAY)
    assert "案号" in err.value.message


@pytest.mark.parametrize("value", ["（2024）民初1号", "（2024）02民诉前调595号",
                                   "（2024）淄博民初1号", "（2024）ABC民初1号"])
def test_court_code_is_required(value):
    with pytest.raises(InvalidValue, match="缺少法院代字"):
        parse_court_case_number(value, today=TODAY)


@pytest.mark.parametrize("year", [1999, 1990, 2028, 2100])
def test_court_number_year_in_sane_range(year):
    with pytest.raises(InvalidValue, match=r"年度.*2000年至2027年"):
        parse_court_case_number(f"（{year}）鲁0303民初1号", today=TODAY)


def test_court_number_year_range_follows_today():
    assert parse_court_case_number("（2028）鲁0303民初1号", today=date(2027, 12, 28)).year == 2028


@pytest.mark.parametrize("value, use", [
    ("（2017）津0105民特2号", U.JC_RULING),
    ("（2024）浙02民诉前调595号", U.REFERRAL),
    ("（2021）川0104民诉前调801号", U.REFERRAL),
    ("（2024）鲁0303诉前调12号", U.REFERRAL),  # a local 诉前调 variant
    ("（2021）川0112民初2181号", U.FILING),
    ("（2026）鲁0303民初88号", U.TRIAL),
    ("（2026）鲁03民终7号", U.TRIAL),
])
def test_fitting_type_code_gives_no_warning(value, use):
    number, warning = check_court_case_number(value, use, today=TODAY)
    assert warning is None and number.type_warning(use) is None


@pytest.mark.parametrize("value, use, expected", [
    ("（2026）鲁0303民初12号", U.JC_RULING, "民特"),
    ("（2026）鲁0303民诉前调12号", U.JC_RULING, "民特"),
    ("（2026）鲁0303民特12号", U.REFERRAL, "民诉前调"),
    ("（2021）川01财保17号", U.REFERRAL, "民诉前调"),
    ("（2026）鲁0303民诉前调12号", U.FILING, "民初"),
    ("（2026）鲁03民终7号", U.FILING, "民初"),
    ("（2026）鲁0303民特2号", U.TRIAL, "民初"),
])
def test_wrong_type_code_is_a_warning_not_an_error(value, use, expected):
    number, warning = check_court_case_number(value, use, today=TODAY)
    assert number.text == value  # parsed, not refused
    assert warning is not None and f"“{expected}”" in warning and "可以继续保存" in warning
    assert f"“{number.type_code}”" in warning


@given(st.integers(2000, 2027), st.sampled_from(["浙02", "鲁0303", "最高法", "川", "粤0703", "兵"]),
       st.sampled_from(["民诉前调", "民初", "民特", "财保", "民终"]), st.integers(1, 10**6 - 1))
def test_court_case_number_round_trip(year, court, type_code, serial):
    number = CourtCaseNumber(year, court, type_code, serial)
    assert parse_court_case_number(number.text, today=TODAY) == number
    half = number.text.replace("（", "(").replace("）", ")")
    assert parse_court_case_number(half, today=TODAY) == number


# ------------------------------------------------------------ address code (§6.2, a warning)

def test_known_province_gives_no_region_warning():
    assert id_region_warning(validate_id_number("11010519491231002X", today=TODAY)) is None
    assert id_region_warning(validate_id_number("440524188001010014", today=TODAY)) is None


def test_unknown_province_code_is_a_warning():
    first17 = "99010519491231002"
    info = validate_id_number(first17 + id_check_char(first17), today=TODAY)  # still valid
    warning = id_region_warning(info)
    assert warning is not None and "990105" in warning and "可以继续保存" in warning


def test_today_boundary_for_future_birth():
    first17 = f"110105{TODAY + timedelta(days=1):%Y%m%d}001"
    with pytest.raises(InvalidValue, match="晚于今天"):
        validate_id_number(first17 + id_check_char(first17), today=TODAY)


# ---------------------------------------------------------- id_number_ok (bulk fast path)

_ID_ALPHABET = "0123456789xX \u3000０１９Ｘ-"
_TODAYS = st.sampled_from([date(2026, 3, 2), date(1999, 12, 31), date(2000, 2, 29)])


def _accepts(value: str, today: date) -> bool:
    try:
        validate_id_number(value, today=today)
    except InvalidValue:
        return False
    return True


def _valid_like(draw_body: str) -> str:
    return draw_body + id_check_char(draw_body)


@given(st.one_of(
    st.text(alphabet=_ID_ALPHABET, max_size=22),
    st.text(max_size=20),
    st.builds(lambda region, d, seq: _valid_like(
        f"{region:06d}{d.year:04d}{d.month:02d}{d.day:02d}{seq:03d}"),
              st.integers(0, 999_999), st.dates(date(1, 1, 1), date(9999, 12, 31)),
              st.integers(0, 999)),
    st.builds(lambda region, y, m, d, seq, last:
              f"{region:06d}{y:04d}{m:02d}{d:02d}{seq:03d}{last}",
              st.integers(0, 999_999), st.integers(0, 9999), st.integers(0, 99),
              st.integers(0, 99), st.integers(0, 999), st.sampled_from("0123456789xXY ")),
), _TODAYS)
def test_id_number_ok_decides_as_validate_id_number(value, today):
    assert id_number_ok(value, today=today) is _accepts(value, today)


def test_id_number_ok_examples():
    good = _valid_like("11010519491231002")
    assert id_number_ok(good, today=date(2026, 1, 1))
    assert id_number_ok(good.lower(), today=date(2026, 1, 1))
    assert id_number_ok(f" {good} ", today=date(2026, 1, 1))
    assert not id_number_ok(good, today=date(1949, 12, 30))
    assert not id_number_ok(good[:17] + ("0" if good[17] != "0" else "1"), today=date(2026, 1, 1))


# ------------------------------------------- one set of rules for all input (record_rules)

from mediation_desk.domain import record_rules as rules  # noqa: E402


@pytest.mark.parametrize(("text", "part"), [
    ("张\x00三", "U+0000"), ("张三\x7f", "U+007F"), ("张\x85三", "U+0085"),
    ("\x1b[31m张三", "终端转义序列"), ("张三\u202e", "改变文字方向"), ("\u2066张三", "U+2066"),
    ("张\u200e三", "U+200E"), ("\u061c张三", "U+061C"), ("张\u200b三", "零宽度"),
    ("张\u200d三", "U+200D"), ("张\u2060三", "U+2060"), ("\ufeff张三", "U+FEFF"),
    ("张\ud800三", "无效的字符编码"), ("张\u2028三", "分行符"), ("张\n三", "换行"),
    ("张\t三", "制表符"),
])
def test_the_text_rule_refuses_hidden_and_control_characters(text, part):
    with pytest.raises(InvalidValue) as err:
        rules.clean_text(text, 100)
    assert part in err.value.message


def test_the_text_rule_keeps_rare_characters_and_normalises():
    assert rules.clean_text(" 𠮷野家 ", 100) == "𠮷野家"  # CJK Extension B
    assert rules.clean_text("José", 100) == "Jos\u00e9"  # NFC
    assert rules.clean_text("e\u0301", 100) == "\u00e9"
    assert rules.clean_text("第一行\r\n第二行\t甲", 100, multiline=True) == "第一行\n第二行\t甲"
    with pytest.raises(InvalidValue, match="不能超过5个字"):
        rules.clean_text("一二三四五六", 5)
    assert rules.text_problem("e\u0301", 10) == "文字不是NFC规范形式"  # stored text: no fixing


def test_every_text_field_has_a_length_limit():
    import dataclasses
    import typing

    from mediation_desk.domain import models
    from mediation_desk.domain.entities import ENTITIES

    for entity, (cls, exclude) in ENTITIES.items():
        hints = typing.get_type_hints(cls, vars(models))
        for f in dataclasses.fields(cls):
            tp = hints[f.name]
            if f.name in exclude or not (tp is str or tp == list[str]):
                continue
            assert rules.max_len(entity, f.name) > 0, (entity, f.name)
    assert rules.max_len("cases", "facts") == 20_000
    assert rules.max_len("parties", "name") == rules.max_len("parties", "agent_name") == 100
    assert rules.is_multiline("cases", "facts") and not rules.is_multiline("parties", "name")


@pytest.mark.parametrize("phone", ["13812341234", "0533-1234567", "+86 138 1234 1234",
                                   "(0533)1234567 转 12", "010-12345678 ext. 9", "12345"])
def test_record_phones_that_pass(phone):
    assert rules.phone_problem(phone) is None


@pytest.mark.parametrize("phone", ["<script>", "1234", "1" * 21, "138-abcd-1234", "+-() 1",
                                   "13812341234\u202e"])
def test_record_phones_that_fail(phone):
    assert rules.phone_problem(phone)


def test_amounts_dates_and_counters():
    assert rules.amount_problem(None) is None and rules.amount_problem(0) is None
    assert rules.amount_problem(-1) == "金额不能为负数"
    assert rules.amount_problem(rules.MAX_AMOUNT_FEN) is None
    assert rules.amount_problem(rules.MAX_AMOUNT_FEN + 1)
    today = date(2026, 3, 2)
    assert rules.date_problem("1949-10-01", today) is None
    assert rules.date_problem("1949-09-30", today)
    assert rules.date_problem("2031-03-02", today) is None
    assert rules.date_problem("2031-03-03", today)
    assert rules.date_problem("1880-01-01", today, birth=True) is None
    assert rules.last_date(date(2028, 2, 29)) == date(2033, 2, 28)
    assert rules.count_problem(-99999, rules.MAX_DAYS) == "不能为负数"
    assert rules.count_problem(3651, rules.MAX_DAYS) == "不能大于3650"


def _case(status: str, **fields) -> dict:
    rec = {"status": status, "received_on": "2026-03-02", "accepted_on": None,
           "suspended_since": None, "closed_on": None, "jc_applied_on": None,
           "end_reason": None, "jc_ruling": "", "filing_number": "", "mediator_ids": []}
    rec.update(fields)
    return rec


ACC = {"accepted_on": "2026-03-03"}
MED = {**ACC, "mediator_ids": ["m"]}
AGREED = {**MED, "closed_on": "2026-03-20", "end_reason": "agreement_reached"}

CONSISTENT = [
    _case("registered"), _case("not_accepted", closed_on="2026-03-02"), _case("accepted", **ACC),
    _case("mediating", **MED), _case("suspended", **MED, suspended_since="2026-03-10"),
    _case("agreed", **AGREED), _case("agreed", **{**AGREED, "end_reason": None}),
    _case("terminated", **ACC, closed_on="2026-03-09", end_reason="unreachable"),
    _case("jc_applied", **AGREED, jc_applied_on="2026-03-21"),
    _case("jc_confirmed", **AGREED, jc_applied_on="2026-03-21", jc_ruling="（2026）鲁0303民特1号"),
    _case("handed_to_filing", **MED, closed_on="2026-03-09", end_reason="gap_too_large"),
    _case("filed", **ACC, closed_on="2026-03-09", end_reason="unwilling",
          filing_number="（2026）鲁0303民初1号"),
    _case("archived", closed_on="2026-03-02"),  # archived after not being accepted
    _case("mediating", **MED, jc_applied_on="2026-03-21"),  # re-mediation keeps the date
    _case("agreed", **{**AGREED, "closed_on": "2026-03-02"}),  # agreed on the spot
]


@pytest.mark.parametrize("rec", CONSISTENT, ids=[r["status"] for r in CONSISTENT])
def test_consistent_statuses_pass(rec):
    assert rules.case_state_problem(rec) is None


INCONSISTENT = [
    ("accepted_on", _case("registered", **ACC)),
    ("accepted_on", _case("mediating", mediator_ids=["m"])),
    ("accepted_on", _case("accepted", accepted_on="2026-03-01")),
    ("suspended_since", _case("suspended", **MED)),
    ("suspended_since", _case("mediating", **MED, suspended_since="2026-03-10")),
    ("closed_on", _case("mediating", **MED, closed_on="2026-03-10")),
    ("closed_on", _case("agreed", **{**AGREED, "closed_on": None})),
    ("closed_on", _case("not_accepted", closed_on="2026-03-01")),
    ("closed_on", _case("terminated", **ACC, closed_on="2026-03-02", end_reason="unreachable")),
    ("end_reason", _case("terminated", **ACC, closed_on="2026-03-09")),
    ("end_reason", _case("terminated", **ACC, closed_on="2026-03-09",
                         end_reason="agreement_reached")),
    ("end_reason", _case("mediating", **MED, end_reason="unwilling")),
    ("end_reason", _case("agreed", **{**AGREED, "end_reason": "unwilling"})),
    ("jc_applied_on", _case("jc_applied", **AGREED)),
    ("jc_applied_on", _case("jc_applied", **AGREED, jc_applied_on="2026-03-19")),
    ("jc_applied_on", _case("accepted", **ACC, jc_applied_on="2026-03-21")),
    ("jc_ruling", _case("jc_confirmed", **AGREED, jc_applied_on="2026-03-21")),
    ("filing_number", _case("filed", **ACC, closed_on="2026-03-09", end_reason="unwilling")),
    ("mediator_ids", _case("mediating", **ACC)),
    ("mediator_ids", _case("agreed", **{**AGREED, "mediator_ids": []})),
]


@pytest.mark.parametrize(("field", "rec"), INCONSISTENT,
                         ids=[f"{f}-{r['status']}" for f, r in INCONSISTENT])
def test_inconsistent_statuses_name_the_field(field, rec):
    problem = rules.case_state_problem(rec)
    assert problem is not None and problem[0] == field, problem


def test_attachment_names_are_plain_file_names():
    assert rules.attachment_name_problem("身份证.jpg") is None
    for bad in ("..\\..\\Windows\\evil.bat", "a/b.pdf", "C:evil", "..", "   "):
        assert rules.attachment_name_problem(bad), bad
