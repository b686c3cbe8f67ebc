"""A person party's 民族 and 职业: the 56 official names, common occupations, validators.

Both are optional (collect only what the printed papers need: REFERENCE §12); when given,
民族 must be one of the 56 ethnic groups of the People's Republic of China, in the order of
GB/T 3304 (汉族 first), and 职业 is free text under the shared text rule, with a short list
of common answers offered by the form.
"""

from __future__ import annotations

import unicodedata

from .record_rules import clean_text, max_len
from .validators import InvalidValue

ETHNIC_GROUPS: tuple[str, ...] = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族",
    "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族",
    "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族",
    "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族",
    "基诺族",
)
"""The 56 ethnic groups (民族) in the standard order of GB/T 3304-1991."""

# the short form people write and say (汉, 蒙古, 维吾尔) -> the official name
_SHORT = {name[:-1]: name for name in ETHNIC_GROUPS}
# variant characters seen on old forms and ID cards (GB/T 3304 uses the first spelling)
_VARIANTS = {"维族": "维吾尔族", "蒙族": "蒙古族", "哈族": "哈萨克族", "柯族": "柯尔克孜族",
             "乌兹别克族": "乌孜别克族", "佧佤族": "佤族", "僮族": "壮族"}

COMMON_OCCUPATIONS: tuple[str, ...] = (
    "农民", "工人", "职工", "个体工商户", "进城务工人员", "公司职员", "教师", "医务人员",
    "公务员", "事业单位工作人员", "司机", "退休人员", "学生", "自由职业", "无业",
)
"""Answers the form offers for 职业 (any other text is accepted too)."""


def validate_ethnicity(value: str) -> str:
    """The official name of ``value`` (``""`` when blank); unknown names are refused.

    Accepts the official name, its short form without 族 (``汉`` -> ``汉族``, as the printed
    papers and older records write it) and a few common variant spellings; full-width and
    spaces are ignored.
    """
    text = "".join(unicodedata.normalize("NFKC", value or "").split())
    if not text:
        return ""
    if text in _SHORT.values():
        return text
    name = _SHORT.get(text) or _VARIANTS.get(text)
    if name is None:
        raise InvalidValue(f"“{text}”不是我国56个民族的名称之一，"
                           "请从列表中选择（例如汉族、回族、满族）")
    return name


def validate_occupation(value: str) -> str:
    """职业或职务 as typed, cleaned under the shared text rule (one line, at most 50
    characters, no control or hidden characters); ``""`` when blank."""
    return clean_text(" ".join((value or "").split()), max_len("parties", "occupation"))
