"""民族 and 职业 of a person party: the 56 official names and their validators."""

from __future__ import annotations

import pytest

from mediation_desk.domain.party_fields import (
    COMMON_OCCUPATIONS,
    ETHNIC_GROUPS,
    validate_ethnicity,
    validate_occupation,
)
from mediation_desk.domain.validators import InvalidValue


def test_the_56_names_in_standard_order():
    assert len(ETHNIC_GROUPS) == 56 == len(set(ETHNIC_GROUPS))
    assert ETHNIC_GROUPS[:5] == ("汉族", "蒙古族", "回族", "藏族", "维吾尔族")
    assert ETHNIC_GROUPS[-3:] == ("门巴族", "珞巴族", "基诺族")
    assert all(name.endswith("族") for name in ETHNIC_GROUPS)


@pytest.mark.parametrize(("typed", "stored"), [
    ("汉族", "汉族"), ("汉", "汉族"), (" 回 族 ", "回族"), ("维族", "维吾尔族"),
    ("维吾尔", "维吾尔族"), ("土", "土族"), ("土家族", "土家族"), ("", ""), ("  ", ""),
])
def test_official_names_short_forms_and_old_spellings(typed, stored):
    assert validate_ethnicity(typed) == stored


@pytest.mark.parametrize("typed", ["火星族", "汉人", "穿青人", "Han", "族"])
def test_unknown_names_are_refused_in_chinese(typed):
    with pytest.raises(InvalidValue) as caught:
        validate_ethnicity(typed)
    assert "不是我国56个民族的名称之一" in caught.value.message


def test_occupation_is_free_text_under_the_text_rule():
    assert validate_occupation("  个体工商户 ") == "个体工商户"
    assert validate_occupation("村卫生室 医生") == "村卫生室 医生"
    assert "农民" in COMMON_OCCUPATIONS
    with pytest.raises(InvalidValue, match="不能超过50个字"):
        validate_occupation("职" * 51)
    with pytest.raises(InvalidValue, match=r"U\+200B"):
        validate_occupation("农\u200b民")
