"""Case numbers （2026）马尚调字第5号 (REFERENCE §2.4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_desk.domain.numbering import format_case_number, parse_case_number
from mediation_desk.domain.validators import InvalidValue


def test_format_with_prefix():
    assert format_case_number(2026, "马尚", 5) == "（2026）马尚调字第5号"


def test_empty_prefix_gives_the_generic_form():
    assert format_case_number(2026, "", 5) == "（2026）人调字第5号"
    assert format_case_number(2026, "  ", 12) == "（2026）人调字第12号"


@pytest.mark.parametrize("text, expected", [
    ("（2026）马尚调字第5号", (2026, "马尚", 5)),
    ("(2026)马尚调字第5号", (2026, "马尚", 5)),
    ("(2026）马尚调字第5号", (2026, "马尚", 5)),
    (" （2026） 马尚调字第 15 号 ", (2026, "马尚", 15)),
    ("（2025）人调字第1号", (2025, "人", 1)),
    ("（２０２６）张店调字第１２号", (2026, "张店", 12)),
    ("（2026）调调字第3号", (2026, "调", 3)),
])
def test_parse(text, expected):
    assert parse_case_number(text) == expected


@pytest.mark.parametrize("text", [
    "", "2026马尚调字第5号", "（26）马尚调字第5号", "（2026）调字第5号", "（2026）马尚调字第号",
    "（2026）马尚调字第5", "（2026）马尚调字第0号", "（2026）马尚字第5号", "（2026）马尚调字第五号",
    "（2024）浙02民诉前调595号", "（2026）（马尚）调字第5号",
])
def test_parse_rejects(text):
    with pytest.raises(InvalidValue) as err:
        parse_case_number(text)
    assert "案号" in err.value.message or "序号" in err.value.message


@pytest.mark.parametrize("year, prefix, serial", [
    (26, "马尚", 1), (2026, "马尚", 0), (2026, "马尚", -1), (2026, "马(尚)", 1),
    (2026, "马 尚", 1), (2026, "马尚调字第", 1),
])
def test_format_rejects(year, prefix, serial):
    with pytest.raises(InvalidValue):
        format_case_number(year, prefix, serial)


prefixes = st.text(min_size=1, max_size=12).filter(
    lambda p: p.strip() == p and not any(c.isspace() or c in "()（）" for c in p)
    and "调字第" not in p)


@given(st.integers(1000, 9999), prefixes, st.integers(1, 10**7))
def test_round_trip(year, prefix, serial):
    text = format_case_number(year, prefix, serial)
    assert parse_case_number(text) == (year, prefix, serial)
    assert parse_case_number(text.replace("（", "(").replace("）", ")")) == (year, prefix, serial)
    assert format_case_number(*parse_case_number(text)) == text


@given(st.integers(2000, 2100), st.integers(1, 10**6))
def test_generic_form_round_trip(year, serial):
    assert format_case_number(*parse_case_number(format_case_number(year, "", serial))) == (
        format_case_number(year, "", serial))
