"""Masking of ID and phone numbers for screens, logs and audit rows (REFERENCE §6.1)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_desk.domain.masking import mask_id_number, mask_phone, mask_text
from mediation_desk.domain.validators import id_check_char


def test_reference_examples():
    assert mask_id_number("11010519491231002X") == "110***********002X"
    assert mask_phone("13812341234") == "138****1234"


@pytest.mark.parametrize("func", [mask_id_number, mask_phone, mask_text])
def test_empty_stays_empty(func):
    assert func("") == ""


@pytest.mark.parametrize("value, expected", [
    ("440524188001010014", "440***********0014"),
    (" 11010519491231002X ", "110***********002X"),
    ("110105491231002", "110********1002"),  # legacy 15-digit number
    ("1234567", "*******"),  # too short to keep anything
    ("110***********002X", "110***********002X"),  # already masked
])
def test_mask_id_number(value, expected):
    assert mask_id_number(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("+86 138-1234-1234", "138****1234"),
    ("0533-1234567", "0533-****567"),
    ("(0533)1234567", "0533-****567"),
    ("010-62345678", "010-****5678"),
    ("12345678", "****5678"),
    ("2345678", "****678"),
    ("138****1234", "138****1234"),  # already masked
    ("not a phone", "*********ne"),
    ("12", "**"),
])
def test_mask_phone(value, expected):
    assert mask_phone(value) == expected


def test_mask_text_masks_ids_and_phones_in_free_text():
    text = ("申请人张三（身份证号11010519491231002X，电话13812341234）与被申请人李四"
            "（440524188001010014，+86 139-0000-1111，座机0533-1234567）发生纠纷。")
    assert mask_text(text) == (
        "申请人张三（身份证号110***********002X，电话138****1234）与被申请人李四"
        "（440***********0014，+86 139****1111，座机0533-****567）发生纠纷。")


def test_mask_text_leaves_other_numbers_alone():
    text = "（2026）马尚调字第5号，（2024）浙02民诉前调595号，金额¥40,000.00，2026-03-02 10:30"
    assert mask_text(text) == text


def test_mask_text_ignores_longer_digit_runs():
    # a 19-digit bank card is not an ID number, and its inner digits are not a mobile
    assert mask_text("6222021234567890123") == "6222021234567890123"


def test_mask_text_masks_an_id_glued_to_letters():
    assert mask_text("ID11010519491231002Xok") == "ID110***********002Xok"
    assert mask_text("id=11010519491231002x") == "id=110***********002x"


def test_mask_text_masks_full_width_digits():
    assert "１３８１２３４１２３４" not in mask_text("电话１３８１２３４１２３４")


@st.composite
def ids(draw):
    first17 = draw(st.text(alphabet="0123456789", min_size=17, max_size=17))
    return first17 + id_check_char(first17)


mobiles = st.builds(lambda a, b: f"1{a}{b}", st.sampled_from("3456789"),
                    st.text(alphabet="0123456789", min_size=9, max_size=9))
filler = st.text(alphabet=st.sampled_from("张三李四，。：；号码电话abc （）\n"), max_size=8)


separator = st.text(alphabet=st.sampled_from("张三李四，。：；号码电话abc （）\n"), min_size=1,
                    max_size=8)


@given(st.lists(st.tuples(separator, st.one_of(ids(), mobiles)), max_size=5), filler)
def test_no_identifier_survives_mask_text(parts, tail):
    text = "".join(f + v for f, v in parts) + tail
    masked = mask_text(text)
    for _, value in parts:
        assert value not in masked
    assert not re.search(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])", masked)
    assert mask_text(masked) == masked  # idempotent


@given(ids())
def test_mask_id_number_keeps_length_and_ends(number):
    masked = mask_id_number(number)
    assert len(masked) == 18 and masked[:3] == number[:3] and masked[-4:] == number[-4:]
    assert masked[3:14] == "*" * 11


@given(mobiles)
def test_mask_phone_on_mobiles(number):
    assert mask_phone(number) == number[:3] + "****" + number[-4:]
