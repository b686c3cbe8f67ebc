"""The recovery key sheet (恢复密钥单): one A4 page, font embedded, the key readable back."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from mediation_desk.documents.recovery_sheet import render_recovery_sheet
from mediation_desk.security.keyfile import format_recovery_key, parse_recovery_key
from tests.documents.conftest import pdf_text

SECRET = bytes(range(32))
KEY = format_recovery_key(SECRET)
CENTER, CODE, DIRECTOR = "张店区马尚街道矛盾纠纷调解中心", "ZD-MS", "张主任"
CREATED = date(2026, 12, 1)


def _tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        pytest.fail(f"{name} not found: install it (apt-get install poppler-utils qpdf)")
    return exe


@pytest.fixture(scope="module")
def sheet() -> bytes:
    return render_recovery_sheet(CENTER, CODE, DIRECTOR, KEY, CREATED)


def test_one_a4_page_that_parses(sheet):
    reader = PdfReader(io.BytesIO(sheet))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert reader.metadata is not None and reader.metadata.title == "恢复密钥单"
    assert KEY not in str(reader.metadata)  # the key is on the page, not in the metadata


def test_every_font_is_embedded(sheet, tmp_path):
    path = tmp_path / "sheet.pdf"
    path.write_bytes(sheet)
    out = subprocess.run([_tool("pdffonts"), str(path)], capture_output=True, text=True,
                         check=True).stdout
    fonts = out.splitlines()[2:]
    assert fonts, out
    for line in fonts:  # name type encoding emb sub uni object id
        assert line.split()[-5] == "yes", out


def test_qpdf_finds_nothing_wrong(sheet, tmp_path):
    path = tmp_path / "sheet.pdf"
    path.write_bytes(sheet)
    r = subprocess.run([_tool("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "No syntax or stream encoding errors" in r.stdout


def test_the_page_holds_the_key_and_what_to_do_with_it(sheet):
    text = pdf_text(sheet)
    assert KEY.replace("-", "") in text
    # what is read off the page is the key: it parses back to the same secret
    found = re.search(r"[A-Z2-7]{56}", text)
    assert found is not None and parse_recovery_key(found.group()) == SECRET
    for words in (CENTER, CODE, DIRECTOR, "2026年12月1日", "恢复密钥单", "每一份备份",
                  "任何一台电脑", ".keys", "忘记密码", "mediation-deskrecover", "保险柜",
                  "制作人（签名）", "保管人（签名）", "不含任何当事人信息"):
        assert words in text, words


def test_same_input_same_bytes_and_another_key_other_bytes(sheet):
    assert render_recovery_sheet(CENTER, CODE, DIRECTOR, KEY, CREATED) == sheet
    other = format_recovery_key(bytes(32))
    assert render_recovery_sheet(CENTER, CODE, DIRECTOR, other, CREATED) != sheet


def test_the_longest_names_still_fit_one_page():
    center = ("淄博市张店区马尚街道人民调解委员会矛盾纠纷多元化解中心诉前调解工作室" * 3)[:100]
    code, director = "ZIBO-ZHANGDIAN-MASHANG-01-ABCDEF", "欧阳" * 10  # the longest allowed
    pdf = render_recovery_sheet(center, code, director, KEY, CREATED)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = pdf_text(pdf)
    assert KEY.replace("-", "") in text and center in text and director in text


@pytest.mark.parametrize("bad", ["", "ABCD-EFGH", KEY + "-ABCD", KEY[:-1], KEY.replace("-", "")])
def test_a_key_not_in_the_printed_form_is_refused(bad):
    with pytest.raises(ValueError):
        render_recovery_sheet(CENTER, CODE, DIRECTOR, bad, CREATED)
