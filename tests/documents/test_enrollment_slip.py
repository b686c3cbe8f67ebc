"""The 外出调解笔记本登记单: one page with who, which laptop, date, passphrase, fingerprint."""

from __future__ import annotations

from datetime import date

import pytest

from mediation_desk.documents.enrollment_slip import SlipFacts, render_enrollment_slip
from tests.documents.conftest import page_texts

FPR = "1A2B 3C4D 5E6F 7A8B 9C0D 1E2F 3A4B 5C6D 7E8F 9A0B"


def facts(**kw) -> SlipFacts:
    base = dict(center_name="马尚街道矛盾纠纷调解中心", center_code="ZD-MS",
                mediator_name="周明", field_code="ZD-MS-F1",
                field_name="马尚街道矛盾纠纷调解中心（周明外出）",
                passphrase="7KQ2-M9XD-ABCD-EFGH-JKLM", fingerprint=FPR,
                file_name="ZD-MS-登记-周明-20261202.mdx", created=date(2026, 12, 2),
                director_name="王主任", cases=12)
    return SlipFacts(**(base | kw))


def test_slip_says_who_which_laptop_when_and_the_passphrase():
    pdf = render_enrollment_slip(facts())
    assert pdf == render_enrollment_slip(facts())  # the same input gives the same bytes
    pages = page_texts(pdf)
    assert len(pages) == 1
    text = pages[0]
    for expected in ("外出调解笔记本登记单", "周明", "ZD-MS-F1", "2026年12月2日", "王主任",
                     "7KQ2M9XDABCDEFGHJKLM", FPR.replace(" ", ""), "ZD-MS-登记-周明-20261202.mdx",
                     "12件", "外出调解笔记本（用中心的登记文件建立）", "导出本单位名片"):
        assert expected in text, expected


def test_long_names_still_fit_one_page():
    long = "某某省某某市某某区某某街道某某社区人民调解委员会矛盾纠纷多元化解调解中心" * 2
    pages = page_texts(render_enrollment_slip(facts(center_name=long[:100],
                                                    field_name=long[:100] + "（周明外出）")))
    assert len(pages) == 1


@pytest.mark.parametrize("bad", ["", "ABCD-EFGH", "7KQ2-M9XD-ABCD-EFGH-JKL!"])
def test_a_malformed_passphrase_is_refused(bad):
    with pytest.raises(ValueError):
        render_enrollment_slip(facts(passphrase=bad))
