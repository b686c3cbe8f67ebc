"""大写金额, ¥ amounts, amount parsing and Chinese dates."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_desk.domain.formatting import (
    chinese_capital,
    format_amount,
    format_cn_date,
    format_cn_datetime,
    format_yuan,
    parse_amount,
)
from mediation_desk.domain.validators import InvalidValue


@pytest.mark.parametrize("amount, expected", [
    # the brief's examples
    ("40000", "肆万元整"),
    ("1234.56", "壹仟贰佰叁拾肆元伍角陆分"),
    ("100.05", "壹佰元零伍分"),
    ("0", "零元整"),
    ("100000000", "壹亿元整"),
    ("10010", "壹万零壹拾元整"),
    # examples from the People's Bank rules for filling in cheques
    ("1409.50", "壹仟肆佰零玖元伍角整"),
    ("6007.14", "陆仟零柒元壹角肆分"),
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
    ("107000.53", "壹拾万柒仟元伍角叁分"),
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
    ("325.04", "叁佰贰拾伍元零肆分"),
    # 壹拾 keeps its 壹
    ("10", "壹拾元整"),
    ("16", "壹拾陆元整"),
    ("100000", "壹拾万元整"),
    ("110000", "壹拾壹万元整"),
    # small amounts
    ("0.01", "壹分"),
    ("0.05", "伍分"),
    ("0.10", "壹角整"),
    ("0.5", "伍角整"),
    ("0.55", "伍角伍分"),
    ("1", "壹元整"),
    ("1.00", "壹元整"),
    ("1.01", "壹元零壹分"),
    ("1.10", "壹元壹角整"),
    ("10.50", "壹拾元伍角整"),
    # zeros inside and across sections
    ("101", "壹佰零壹元整"),
    ("1001", "壹仟零壹元整"),
    ("1010", "壹仟零壹拾元整"),
    ("1100", "壹仟壹佰元整"),
    ("10001", "壹万零壹元整"),
    ("10100", "壹万零壹佰元整"),
    ("11000", "壹万壹仟元整"),
    ("100100", "壹拾万零壹佰元整"),
    ("100700", "壹拾万零柒佰元整"),
    ("1000000", "壹佰万元整"),
    ("1001000", "壹佰万壹仟元整"),
    ("10000000", "壹仟万元整"),
    ("12345678", "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元整"),
    ("100000005", "壹亿零伍元整"),
    ("100001000", "壹亿零壹仟元整"),
    ("100010000", "壹亿零壹万元整"),
    ("101000000", "壹亿零壹佰万元整"),
    ("110000000", "壹亿壹仟万元整"),
    ("1000010000", "壹拾亿零壹万元整"),
    ("20000000005", "贰佰亿零伍元整"),
    ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ("40000.00", "肆万元整"),
    ("2500", "贰仟伍佰元整"),
])
def test_chinese_capital(amount, expected):
    assert chinese_capital(Decimal(amount)) == expected


def test_chinese_capital_accepts_int():
    assert chinese_capital(40000) == "肆万元整"


@pytest.mark.parametrize("amount, fragment", [
    ("-1", "负数"), ("1.234", "两位小数"), ("1000000000000", "过大"), ("NaN", "格式"),
])
def test_chinese_capital_rejects(amount, fragment):
    with pytest.raises(InvalidValue) as err:
        chinese_capital(Decimal(amount))
    assert fragment in err.value.message


fen_amounts = st.integers(0, 10**14 - 1).map(lambda fen: Decimal(fen) / 100)


@given(fen_amounts, fen_amounts)
def test_distinct_amounts_have_distinct_capitals(a, b):
    if a != b:
        assert chinese_capital(a) != chinese_capital(b)


@given(fen_amounts)
def test_capital_shape(amount):
    text = chinese_capital(amount)
    assert set(text) <= set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")
    assert "零零" not in text
    assert not text.startswith("零") or text == "零元整"
    assert text.endswith("整") != text.endswith("分")
    assert "拾" not in text or not text.startswith("拾")


def _capital_to_fen(text: str) -> int:
    """An independent reader of capital numerals, to check the writer."""
    digits = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
    small = {"拾": 10, "佰": 100, "仟": 1000}
    total = section = number = 0
    yuan = 0
    for c in text.removesuffix("整"):
        if c in digits:
            number = digits[c]
        elif c in small:
            section += number * small[c]
            number = 0
        elif c in "万亿":
            unit = 10_000 if c == "万" else 100_000_000
            total = (total + section + number) * unit if c == "亿" else total + (
                section + number) * unit
            section = number = 0
        elif c == "元":
            yuan = total + section + number
            total = section = number = 0
        elif c == "角":
            total += number * 10
            number = 0
        elif c == "分":
            total += number
            number = 0
    return yuan * 100 + total


@given(fen_amounts)
def test_capital_reads_back(amount):
    assert _capital_to_fen(chinese_capital(amount)) == int(amount * 100)


@pytest.mark.parametrize("amount, expected", [
    ("40000", "¥40,000.00"), ("0", "¥0.00"), ("1234.5", "¥1,234.50"), ("0.005", "¥0.01"),
    ("1234567.891", "¥1,234,567.89"), ("-5", "-¥5.00"), ("999", "¥999.00"),
])
def test_format_yuan(amount, expected):
    assert format_yuan(Decimal(amount)) == expected


def test_format_amount():
    assert format_amount(Decimal("40000")) == "肆万元整（¥40,000.00）"
    assert format_amount(Decimal("100.05")) == "壹佰元零伍分（¥100.05）"


@pytest.mark.parametrize("text, expected", [
    ("40000", "40000"), ("4万", "40000"), ("4万元", "40000"), ("4.5万", "45000"),
    ("1.2345万", "12345"), ("1.23456万", "12345.6"), ("0.000001亿", "100"),
    ("40,000.50", "40000.50"), ("4,0000", "40000"), ("1,234,567.8", "1234567.8"),
    ("¥40000", "40000"), ("￥40000", "40000"), ("¥ 40,000.00", "40000"), ("40000元", "40000"),
    ("人民币40000元", "40000"), ("RMB40000", "40000"), ("４００００", "40000"),
    (" 3000 ", "3000"), ("0", "0"), ("0.01", "0.01"), (".5", "0.5"), ("1.5亿", "150000000"),
])
def test_parse_amount(text, expected):
    value = parse_amount(text)
    assert value == Decimal(expected)
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize("text, fragment", [
    ("", "请填写金额"), ("   ", "请填写金额"), ("-100", "负数"), ("¥-100", "负数"),
    ("负100", "负数"), ("1.234", "两位小数"), ("1.2345678万", "两位小数"), ("abc", "格式不正确"),
    ("4万5", "格式不正确"), ("40,00", "格式不正确"), ("4,0000,00", "格式不正确"),
    ("40,000.5,0", "格式不正确"), ("1e5", "格式不正确"), ("1..2", "格式不正确"),
    ("四万", "格式不正确"), ("40000.", "格式不正确"), ("NaN", "格式不正确"),
    ("Infinity", "格式不正确"), ("1万万", "格式不正确"),
    ("10000亿", "过大"),
])
def test_parse_amount_rejects(text, fragment):
    with pytest.raises(InvalidValue) as err:
        parse_amount(text)
    assert fragment in err.value.message


@given(fen_amounts)
def test_parse_amount_reads_format_yuan(amount):
    if amount < Decimal("1000000000000"):
        assert parse_amount(format_yuan(amount)) == amount


@pytest.mark.parametrize("d, expected", [
    (date(2026, 11, 27), "2026年11月27日"), (date(2026, 3, 2), "2026年3月2日"),
    (date(2024, 2, 29), "2024年2月29日"),
])
def test_format_cn_date(d, expected):
    assert format_cn_date(d) == expected


def test_format_cn_datetime():
    assert format_cn_datetime(datetime(2026, 11, 27, 9, 5)) == "2026年11月27日 09时05分"
    assert format_cn_datetime(datetime(2026, 1, 1, 14, 30)) == "2026年1月1日 14时30分"


def test_clause_numerals():
    from mediation_desk.documents.common import numeral as reexported
    from mediation_desk.domain.formatting import numeral

    assert [numeral(i) for i in (0, 9, 10, 19, 20, 21, 98)] == \
        ["一", "十", "十一", "二十", "二十一", "二十二", "九十九"]
    assert reexported is numeral
