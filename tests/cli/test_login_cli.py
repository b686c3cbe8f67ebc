"""Every verb that opens a database logs in; the logged-in account is the audit actor and
its role decides what the verb may do (in this process: no subprocess per verb)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mediation_desk.cli import run
from mediation_desk.domain.access import Role
from mediation_desk.domain.models import Mediator
from mediation_desk.security.keyfile import keyfile_path
from mediation_desk.services import exchange
from mediation_desk.services.auth import login
from mediation_desk.services.desk import MediatorService
from tests.cli.conftest import USER, connect
from tests.cli.helpers import PASSWORD, add_account, login_as, login_desk
from tests.conftest import case_input

# every verb that opens a database, with arguments that would otherwise be accepted
OPENING_VERBS = [
    ["cases", "--db", "{db}"],
    ["show", "--db", "{db}", "（2026）马尚调字第1号"],
    ["add", "--db", "{db}", "--json", "{case}"],
    ["upgrade", "--db", "{db}"],
    ["check", "--db", "{db}"],
    ["calendar", "show", "--db", "{db}"],
    ["calendar", "import", "--db", "{db}", "{notice}"],
    ["calendar", "export", "--db", "{db}", "--year", "2027", "--out", "{out}"],
    ["calendar", "delete", "--db", "{db}", "some-notice"],
    ["backup", "--db", "{db}"],
    ["backups", "--db", "{db}"],
    ["restore", "--db", "{db}", "{notice}", "--yes"],
    ["restore", "--db", "{db}", "{notice}", "--practice"],
    ["document", "--db", "{db}", "--blank", "--kind", "application", "--out", "{out}"],
    ["verify", "--db", "{db}", "--code", "7K2QM-9XD4A"],
    ["verify", "--db", "{db}", "{notice}"],
    ["session", "--db", "{db}", "--case", "（2026）马尚调字第1号", "--notes", "调解"],
    ["investigation", "--db", "{db}", "--case", "（2026）马尚调字第1号", "--notes", "走访"],
    ["undisputed-facts", "--db", "{db}", "--case", "（2026）马尚调字第1号", "--facts", "欠款",
     "--all-parties"],
    ["keys", "--db", "{db}"],
    ["keys", "--db", "{db}", "--export-card", "{out}"],
    ["trust", "--db", "{db}", "{card}", "--yes"],
    ["revoke", "--db", "{db}", "FY-01", "--reason", "电脑丢失"],
    ["change-key", "--db", "{db}", "{card}", "--fingerprint", "0000", "--reason", "重装"],
    ["export", "--db", "{db}", "--to", "FY-01", "--out", "{out}"],
    ["import", "--db", "{db}", "{notice}"],
    ["enroll", "--db", "{db}", "--mediator", "周明", "--out", "{out}"],
    ["court-summary", "--db", "{db}"],
    ["report", "--db", "{db}", "--period", "2026-11", "--format", "xlsx", "--out", "{out}"],
    ["assessment", "--db", "{db}", "--period", "2026", "--out", "{out}"],
    ["court-cases", "--db", "{db}", "--center", "ZD-MS"],
    ["intake-sheet", "--db", "{db}", "--out", "{out}"],
    ["referral", "add", "--db", "{db}", "--center", "FY-01", "--json", "{case}"],
    ["referral", "list", "--db", "{db}"],
    ["account", "list", "--db", "{db}"],
    ["account", "add", "--db", "{db}", "新同事", "--role", "只读"],
    ["account", "reset-password", "--db", "{db}", USER],
    ["account", "deactivate", "--db", "{db}", USER],
    ["account", "activate", "--db", "{db}", USER],
    ["account", "role", "--db", "{db}", USER, "只读"],
    ["password", "--db", "{db}"],
]

LOGINS = {  # how the login is missing or wrong, and what the one line then says
    "no user": (None, PASSWORD, "--user"),
    "no password": (USER, None, "MEDIATION_DESK_PASSWORD"),
    "wrong password": (USER, "not-the-password", "密码不正确"),
    "no such account": ("不存在的人", PASSWORD, "没有名为“不存在的人”的账户"),
}


@pytest.fixture(scope="module")
def card(tmp_path_factory) -> Path:
    """Another desk's card (read before the login by trust and change-key)."""
    folder = tmp_path_factory.mktemp("court")
    court = login_desk(folder, "FY-01", "court")
    try:
        path = folder / "FY-01.card"
        exchange.export_card(court, path)
    finally:
        court.close()
    return path


def files(folder: Path) -> dict[str, bytes]:
    """Every file's bytes; a read-only open leaves an empty -wal and a -shm (no content)."""
    out = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()
           and not p.name.endswith("-shm")}
    return {name: data for name, data in out.items() if data or not name.endswith("-wal")}


def printed_key_opens(out: str, db: Path) -> bool:
    """The recovery key a verb printed (14 groups of 4) opens the database alone."""
    from mediation_desk.security.keyfile import data_key_from_recovery, parse_recovery_key
    from mediation_desk.storage.connection import key_opens

    [printed] = re.findall(r"(?:[A-Z2-7]{4}-){13}[A-Z2-7]{4}", out)
    return key_opens(db, data_key_from_recovery(parse_recovery_key(printed)))


def slots_without_counters(raw: bytes) -> list[dict]:
    doc = json.loads(raw)
    return [{k: v for k, v in s.items() if k not in ("failures", "last_failure", "locked")}
            for s in doc["slots"]]


@pytest.mark.parametrize("how", list(LOGINS))
@pytest.mark.parametrize("verb", OPENING_VERBS, ids=lambda v: " ".join(
    w for w in v if not w.startswith(("{", "-")))[:40])
def test_every_verb_that_opens_a_database_needs_a_login(verb, how, desk, card, tmp_path,
                                                        monkeypatch, capsys):
    user, password, says = LOGINS[how]
    login_as(monkeypatch, user, password)
    monkeypatch.setenv("MEDIATION_DESK_NEW_PASSWORD", "another-pass-1")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "case.json").write_text(json.dumps(case_input(), ensure_ascii=False), "utf-8")
    (inputs / "notice.txt").write_text("年份 2027\n放假 2027-01-01 元旦\n", encoding="utf-8")
    names = {"db": str(desk), "case": str(inputs / "case.json"),
             "notice": str(inputs / "notice.txt"), "card": str(card),
             "out": str(tmp_path / "out.file")}
    before = files(tmp_path)
    assert run([w.format(**names) for w in verb]) == 1
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and "内部错误" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    after = files(tmp_path)
    keys = keyfile_path(desk).name
    if how == "wrong password":  # only the failure counter moved
        assert slots_without_counters(after.pop(keys)) == \
            slots_without_counters(before.pop(keys))
    assert after == before  # the database, the key file, no output file


def test_the_actor_option_is_gone_and_the_audit_names_the_login(desk, desk_key, tmp_path,
                                                                monkeypatch, capsys):
    login_as(monkeypatch)
    with pytest.raises(SystemExit) as usage:
        run(["--actor", "中心主任张三", "cases", "--db", str(desk)])
    assert usage.value.code == 2
    monkeypatch.setenv("MEDIATION_DESK_ACTOR", "中心主任张三")  # no longer read by anything
    f = tmp_path / "in.json"
    f.write_text(json.dumps(case_input(), ensure_ascii=False), encoding="utf-8")
    assert run(["add", "--db", str(desk), "--json", str(f)]) == 0
    assert run(["calendar", "show", "--db", str(desk)]) == 0
    capsys.readouterr()
    con = connect(desk, desk_key)
    try:
        actors = {a for (a,) in con.execute("SELECT actor FROM audit")}
    finally:
        con.close()
    assert actors == {USER}


def test_user_before_or_after_the_verb(desk, monkeypatch, capsys):
    login_as(monkeypatch, None)
    assert run(["--user", USER, "cases", "--db", str(desk)]) == 0
    assert run(["cases", "--db", str(desk), "--user", USER]) == 0
    # the one after the verb wins
    assert run(["--user", "别人", "cases", "--db", str(desk), "--user", USER]) == 0
    assert run(["--user", USER, "cases", "--db", str(desk), "--user", "别人"]) == 1
    assert "没有名为“别人”的账户" in capsys.readouterr().err


@pytest.fixture
def with_mediator(desk):
    """The desk with a roster mediator 周明 and his account (role mediator)."""
    store = login(desk, USER, PASSWORD)
    try:
        m = MediatorService(store).save(USER, Mediator(center_id="", name="周明"))
        add_account(store, "周明", Role.MEDIATOR, mediator_id=m.id)
    finally:
        store.close()
    return desk


@pytest.mark.parametrize("verb", [
    ["account", "add", "--db", "{db}", "新同事", "--role", "只读"],
    ["account", "reset-password", "--db", "{db}", USER],
    ["account", "deactivate", "--db", "{db}", USER],
    ["account", "role", "--db", "{db}", "周明", "中心主任"],
    ["revoke", "--db", "{db}", "FY-01", "--reason", "电脑丢失"],
    ["calendar", "import", "--db", "{db}", "{notice}"],
    ["keys", "--db", "{db}", "--new-keys", "--reason", "想换"],
    ["trust", "--db", "{db}", "{card}", "--yes"],
    ["enroll", "--db", "{db}", "--mediator", "周明", "--out", "{out}"],
    ["restore", "--db", "{db}", "{notice}", "--yes"],
], ids=lambda v: " ".join(w for w in v[:2] if not w.startswith("-")))
def test_a_mediator_is_refused_what_only_a_director_may_do(verb, with_mediator, card, tmp_path,
                                                           monkeypatch, capsys):
    desk = with_mediator
    login_as(monkeypatch, "周明")
    monkeypatch.setenv("MEDIATION_DESK_NEW_PASSWORD", "another-pass-1")
    notice = tmp_path / "notice.txt"
    notice.write_text("年份 2027\n放假 2027-01-01 元旦\n", encoding="utf-8")
    names = {"db": str(desk), "notice": str(notice), "card": str(card),
             "out": str(tmp_path / "out.file")}
    before = files(tmp_path)
    assert run([w.format(**names) for w in verb]) == 1
    err = capsys.readouterr().err
    assert "中心主任" in err and "周明" in err and "调解员" in err, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert files(tmp_path) == before


def test_a_mediator_may_list_and_register(with_mediator, tmp_path, monkeypatch, capsys):
    login_as(monkeypatch, "周明")
    f = tmp_path / "in.json"
    f.write_text(json.dumps(case_input(), ensure_ascii=False), encoding="utf-8")
    assert run(["add", "--db", str(with_mediator), "--json", str(f)]) == 0
    assert run(["cases", "--db", str(with_mediator), "--json"]) == 0
    assert run(["account", "list", "--db", str(with_mediator)]) == 0
    out = capsys.readouterr().out
    assert "张三" in out and "周明\t调解员\t在用" in out


def test_account_verbs_round_trip(with_mediator, monkeypatch, capsys):
    db = str(with_mediator)
    login_as(monkeypatch)  # the director

    def as_(user: str, password: str, *argv: str) -> int:
        monkeypatch.setenv("MEDIATION_DESK_USER", user)
        monkeypatch.setenv("MEDIATION_DESK_PASSWORD", password)
        return run(list(argv))

    monkeypatch.setenv("MEDIATION_DESK_NEW_PASSWORD", "inspector-1")
    assert as_(USER, PASSWORD, "account", "add", "--db", db, "督查员", "--role", "readonly") == 0
    assert "已新建账户：督查员（只读）" in capsys.readouterr().out
    # the same name twice, a mediator's account without a roster entry, a weak password
    assert as_(USER, PASSWORD, "account", "add", "--db", db, "督查员", "--role", "只读") == 1
    assert "已有名为“督查员”的账户" in capsys.readouterr().err
    assert as_(USER, PASSWORD, "account", "add", "--db", db, "无名", "--role", "调解员") == 1
    assert "调解员（--mediator）" in capsys.readouterr().err
    monkeypatch.setenv("MEDIATION_DESK_NEW_PASSWORD", "1234")
    assert as_(USER, PASSWORD, "account", "add", "--db", db, "某人", "--role", "只读") == 1
    assert "密码：密码至少 8 个字符" in capsys.readouterr().err

    # the new account logs in and changes its own password
    assert as_("督查员", "inspector-1", "cases", "--db", db) == 0
    monkeypatch.setenv("MEDIATION_DESK_NEW_PASSWORD", "inspector-2")
    assert as_("督查员", "inspector-1", "password", "--db", db) == 0
    assert as_("督查员", "inspector-1", "cases", "--db", db) == 1
    assert "密码不正确" in capsys.readouterr().err
    assert as_("督查员", "inspector-2", "cases", "--db", db) == 0
    # only the director resets it; then the new one works
    monkeypatch.setenv("MEDIATION_DESK_NEW_PASSWORD", "inspector-3")
    assert as_("督查员", "inspector-2", "account", "reset-password", "--db", db, "督查员") == 1
    assert as_(USER, PASSWORD, "account", "reset-password", "--db", db, "督查员") == 0
    assert as_("督查员", "inspector-3", "cases", "--db", db) == 0
    # a role changed shows in the list
    assert as_(USER, PASSWORD, "account", "role", "--db", db, "督查员", "法院联络员") == 0
    capsys.readouterr()
    assert as_(USER, PASSWORD, "account", "list", "--db", db, "--json") == 0
    listed = {a["name"]: a for a in json.loads(capsys.readouterr().out)["accounts"]}
    assert listed["督查员"]["role"] == "liaison" and listed["周明"]["mediator"] == "周明"
    # deactivated: its password opens nothing; activated again with a new password
    assert as_(USER, PASSWORD, "account", "deactivate", "--db", db, "督查员") == 0
    assert as_("督查员", "inspector-3", "cases", "--db", db) == 1
    assert "督查员" in capsys.readouterr().err
    monkeypatch.setenv("MEDIATION_DESK_NEW_PASSWORD", "inspector-4")
    assert as_(USER, PASSWORD, "account", "activate", "--db", db, "督查员") == 0
    assert as_("督查员", "inspector-4", "cases", "--db", db) == 0
    # the last director is neither deactivated nor demoted
    assert as_(USER, PASSWORD, "account", "role", "--db", db, USER, "只读") == 1
    assert "唯一在职的中心主任" in capsys.readouterr().err
    assert as_(USER, PASSWORD, "account", "deactivate", "--db", db, USER) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_recover_with_the_recovery_key(tmp_path, monkeypatch, capsys):
    from mediation_desk.services.auth import create_desk

    store, recovery_key = create_desk(tmp_path / "r.db", director_name="主任甲",
                                      password="first-pass-1", code="ZD-MS", name="马尚调解中心")
    store.close()
    db = str(tmp_path / "r.db")
    monkeypatch.setenv("MEDIATION_DESK_NEW_PASSWORD", "second-pass-2")
    # no key given, a wrong key, a key typed with one letter wrong: nothing changes
    assert run(["recover", "--db", db, "--user", "主任甲"]) == 1
    assert "MEDIATION_DESK_RECOVERY_KEY" in capsys.readouterr().err
    other = tmp_path / "other"
    other.mkdir()
    other_store, other_key = create_desk(other / "o.db", director_name="主任乙",
                                         password="other-pass-1", code="ZD-XX", name="别处")
    other_store.close()
    before = files(tmp_path)
    for wrong in (other_key, recovery_key[:-1] + ("A" if recovery_key[-1] != "A" else "B")):
        monkeypatch.setenv("MEDIATION_DESK_RECOVERY_KEY", wrong)
        assert run(["recover", "--db", db, "--user", "主任甲"]) == 1
        err = capsys.readouterr().err
        assert "恢复密钥" in err and "Traceback" not in err, err
    assert files(tmp_path) == before
    monkeypatch.setenv("MEDIATION_DESK_RECOVERY_KEY", recovery_key.lower().replace("-", " "))
    assert run(["recover", "--db", db, "--user", "主任甲"]) == 0
    assert "已用恢复密钥为中心主任 主任甲 设置新密码" in capsys.readouterr().out
    login_as(monkeypatch, "主任甲", "first-pass-1")
    assert run(["cases", "--db", db]) == 1
    login_as(monkeypatch, "主任甲", "second-pass-2")
    assert run(["cases", "--db", db]) == 0


def test_encrypt_a_legacy_plain_database(tmp_path, monkeypatch, capsys):
    from mediation_desk.services.cases import CaseService
    from mediation_desk.services.desk import init_desk

    db = tmp_path / "old.db"
    legacy = init_desk(db, code="ZD-MS", name="马尚调解中心", number_prefix="马尚")
    try:
        case = CaseService(legacy).register("老版本", case_input())
    finally:
        legacy.close()
    login_as(monkeypatch, "主任甲", "director-pass-1")
    assert run(["cases", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "未加密" in err and "mediation-desk encrypt" in err
    monkeypatch.delenv("MEDIATION_DESK_USER")
    assert run(["encrypt", "--db", str(db)]) == 1  # who becomes its director?
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", "short")
    before = files(tmp_path)
    assert run(["encrypt", "--db", str(db), "--user", "主任甲"]) == 1
    assert "密码：" in capsys.readouterr().err and files(tmp_path) == before
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", "director-pass-1")
    assert run(["encrypt", "--db", str(db), "--user", "主任甲", "--recovery-sheet",
                str(tmp_path / "sheet.pdf")]) == 0
    out = capsys.readouterr().out
    assert "已加密数据库" in out and "恢复密钥" in out and "已写出恢复密钥单" in out
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")
    assert printed_key_opens(out, db)
    assert b"\xe5\xbc\xa0\xe4\xb8\x89" not in db.read_bytes()  # 张三 no longer in the file
    monkeypatch.setenv("MEDIATION_DESK_USER", "主任甲")
    assert run(["cases", "--db", str(db), "--json"]) == 0
    assert [c["number"] for c in json.loads(capsys.readouterr().out)] == [case.number]
    assert run(["encrypt", "--db", str(db), "--user", "主任甲"]) == 1
    assert "已经是加密的" in capsys.readouterr().err


def test_the_demo_accounts_log_in(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "demo.db")
    assert run(["demo", "--db", db, "--cases", "20"]) == 0
    out = capsys.readouterr().out
    assert "演示主任、演示调解员，密码都是 demo" in out and "--user 演示主任" in out
    login_as(monkeypatch, "演示调解员", "demo")
    assert run(["cases", "--db", db, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 20
    assert run(["account", "add", "--db", db, "某人", "--role", "只读"]) == 1
    assert "“新建账户”只能由中心主任操作" in capsys.readouterr().err
    login_as(monkeypatch, "演示主任", "demo")
    assert run(["account", "list", "--db", db]) == 0
    assert "演示调解员\t调解员\t在用" in capsys.readouterr().out
