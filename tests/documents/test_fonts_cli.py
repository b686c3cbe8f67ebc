"""Font lookup rules and the ``document`` command-line verb."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from mediation_desk.cli.documents import add_document_command
from mediation_desk.documents import fonts
from mediation_desk.domain.errors import DomainError
from tests.documents.conftest import pdf_text


def test_no_font_names_what_to_install():
    with pytest.raises(DomainError) as err:
        fonts.locate(None, env={}, resource_dirs=[], system=[])
    assert "fonts-wqy-microhei" in err.value.message and "simsun.ttc" in err.value.message


def test_cff_opentype_is_refused(tmp_path: Path):
    otf = tmp_path / "NotoSansCJK.otf"
    otf.write_bytes(b"OTTO" + b"\0" * 100)
    with pytest.raises(DomainError, match="CFF"):
        fonts.locate(str(otf), env={}, resource_dirs=[], system=[])
    # never picked up silently from resources or the system either
    with pytest.raises(DomainError, match="找不到"):
        fonts.locate(None, env={}, resource_dirs=[tmp_path], system=[otf])


def test_explicit_font_that_is_missing_is_an_error(tmp_path: Path):
    with pytest.raises(DomainError, match="不存在"):
        fonts.locate(None, env={fonts.ENV_VAR: str(tmp_path / "none.ttf")})


def test_resources_come_before_the_system(tmp_path: Path):
    real = fonts.document_font().file.path
    (tmp_path / real.name).write_bytes(real.read_bytes())
    found, _ = fonts.locate(None, env={}, resource_dirs=[tmp_path], system=[])
    assert found.source == "resources" and found.path.parent == tmp_path


@pytest.fixture
def store(tmp_path, clock, monkeypatch):
    """The command line logs in: an encrypted desk and its director's login in the environment."""
    from tests.cli.helpers import login_as, login_desk

    s = login_desk(tmp_path, "ZD-MS", clock=clock)
    login_as(monkeypatch)
    yield s
    s.close()


@pytest.fixture
def db_path(store):
    return store.path


def _parser():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="verb")
    add_document_command(sub)
    return p


def test_cli_writes_a_document(agreed_case, db_path, tmp_path, store, capsys):
    out = tmp_path / "agreement.pdf"
    args = _parser().parse_args(["document", "--db", str(db_path), "--case", agreed_case.number,
                                 "--kind", "agreement", "--out", str(out)])
    assert args.func(args) == 0
    assert "人民调解协议书" in pdf_text(out.read_bytes())
    assert "校验码" in capsys.readouterr().out


def test_cli_user_errors(store, db_path, tmp_path, capsys):
    p = _parser()
    args = p.parse_args(["document", "--db", str(db_path), "--case", "（2026）马尚调字第99号",
                         "--kind", "agreement", "--out", str(tmp_path / "x.pdf")])
    assert args.func(args) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("找不到案件") and "\n" not in err
    args = p.parse_args(["document", "--db", str(db_path), "--kind", "agreement",
                         "--out", str(tmp_path / "x.pdf")])
    assert args.func(args) == 2
    args = p.parse_args(["document", "--db", str(db_path), "--kind", "agreement", "--blank",
                         "--out", str(tmp_path / "blank.pdf")])
    assert args.func(args) == 0 and (tmp_path / "blank.pdf").exists()
    with pytest.raises(SystemExit) as exc:
        p.parse_args(["document", "--db", "x", "--kind", "letter", "--out", "y"])
    assert exc.value.code == 2


def _fonts_parser():
    from mediation_desk.cli.fonts import add_fonts_command

    p = argparse.ArgumentParser()
    add_fonts_command(p.add_subparsers(dest="verb"))
    return p


def test_fonts_verb_names_the_fonts_and_what_cannot_be_printed(capsys):
    args = _fonts_parser().parse_args(["fonts", "--text", "𠮷祥\U00031350"])
    font = fonts.document_font()
    if font.face_for("\U00031350") is not None:
        pytest.skip("an installed face has Extension H")
    assert args.func(args) == 1
    out = capsys.readouterr().out
    assert f"文书字体：{font.file.path}" in out
    assert "无法打印的字符：“\U00031350”（U+31350）" in out and "fonts-hanazono" in out
    if font.face_for("𠮷") is not None:  # the Extension B face is listed, 𠮷 is printable
        assert "含扩展 B 区及以后的汉字" in out and "U+20BB7" not in out
    args = _fonts_parser().parse_args(["fonts", "--text", "张三"])
    assert args.func(args) == 0 and "每个字符都可以打印" in capsys.readouterr().out
