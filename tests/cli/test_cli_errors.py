"""Conditions a user causes end with one clear Chinese message and exit 1.

Never 内部错误 for these, never a raw ``UNIQUE constraint failed``, never a traceback;
a closed pipe ends quietly.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mediation_desk.storage.store import Store
from tests.cli.conftest import LOGIN
from tests.cli.helpers import login_desk

ROOT = Path(__file__).resolve().parents[2]


def mdesk(*args: str, home: Path, stdout=subprocess.PIPE, login: dict[str, str] = LOGIN,
          ) -> subprocess.CompletedProcess:
    env = {**os.environ, "MEDIATION_DESK_HOME": str(home), **login}
    return subprocess.run([sys.executable, "-m", "mediation_desk", *args], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, env=env, timeout=120, cwd=ROOT)


def user_error(r: subprocess.CompletedProcess, *words: str) -> None:
    assert r.returncode == 1, r.stderr
    assert "内部错误" not in r.stderr and "Traceback" not in r.stderr
    assert "constraint" not in r.stderr.lower()
    for w in words:
        assert w in r.stderr, r.stderr


def init(tmp: Path, code: str, kind: str = "center") -> Path:
    """A desk as ``init`` makes it (in this process: no subprocess, one Argon2id)."""
    store = login_desk(tmp, code, kind)
    store.close()
    return tmp / f"{code}.db"


@pytest.fixture
def center(desk):
    return desk


def test_add_with_deeply_nested_json(center, tmp_path):
    f = tmp_path / "deep.json"
    f.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    user_error(mdesk("add", "--db", str(center), "--json", str(f), home=tmp_path),
               "嵌套", str(f))


def test_export_out_pointing_at_a_folder(center, tmp_path):
    court = init(tmp_path, "FY-01", "court")
    card = tmp_path / "court.card"
    assert mdesk("keys", "--db", str(court), "--export-card", str(card),
                 home=tmp_path).returncode == 0
    assert mdesk("trust", "--db", str(center), str(card), "--yes", home=tmp_path).returncode == 0
    folder = tmp_path / "out"
    folder.mkdir()
    user_error(mdesk("export", "--db", str(center), "--to", "FY-01", "--out", str(folder),
                     home=tmp_path), "文件夹", str(folder))
    assert list(folder.iterdir()) == [] and not list(tmp_path.glob(".*.tmp"))


def test_card_export_to_a_folder(center, tmp_path):
    user_error(mdesk("keys", "--db", str(center), "--export-card", str(tmp_path),
                     home=tmp_path), "文件夹")


def test_cases_json_into_a_closed_pipe_ends_quietly(tmp_path):
    db = tmp_path / "demo.db"
    assert mdesk("demo", "--db", str(db), "--cases", "300", home=tmp_path).returncode == 0
    env = {**os.environ, "MEDIATION_DESK_HOME": str(tmp_path), "MEDIATION_DESK_USER": "演示主任",
           "MEDIATION_DESK_PASSWORD": "demo"}
    for extra in (["--json"], []):
        p = subprocess.Popen([sys.executable, "-m", "mediation_desk", "cases", "--db", str(db),
                              "--limit", "300", *extra], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, cwd=ROOT)
        p.stdout.read(10)
        p.stdout.close()  # like `| head -c 10`
        err = p.stderr.read().decode()
        p.stderr.close()
        assert p.wait(timeout=60) == 0
        assert "Traceback" not in err and "BrokenPipe" not in err and "内部错误" not in err


def test_demo_run_again_on_the_same_file(tmp_path):
    db = tmp_path / "demo.db"
    for _ in range(2):
        r = mdesk("demo", "--db", str(db), "--cases", "20", home=tmp_path)
        assert "内部错误" not in r.stderr and "Traceback" not in r.stderr
        assert r.returncode in (0, 1) and (r.stdout.strip() or r.stderr.strip())


def test_demo_on_a_real_desk_is_not_an_internal_error(center, tmp_path):
    r = mdesk("demo", "--db", str(center), "--cases", "20", home=tmp_path)
    assert "内部错误" not in r.stderr and "Traceback" not in r.stderr


def _desks(tmp_path):
    from tests.exchange.helpers import trust_both

    court, center = login_desk(tmp_path, "court01", "court"), login_desk(tmp_path, "center01")
    trust_both(tmp_path, court, center)
    return court, center


def test_import_of_a_case_whose_number_is_taken_here(tmp_path):
    from mediation_desk.services import exchange
    from mediation_desk.services.cases import CaseService
    from mediation_desk.storage import cases as case_store
    from tests.conftest import case_input
    from tests.exchange.helpers import ACTOR, referral

    court, center = _desks(tmp_path)
    local = CaseService(center).register(ACTOR, case_input())
    sent = case_store.get_case(court.db, referral(court, center).id)
    sent.year, sent.serial = local.year, local.serial  # the same slot as the local case
    program = Store.open(court.path, key=court.key)  # the test tampers as the program itself
    try:
        with program.operation(ACTOR, "renumber", case_id=sent.id) as work:
            work.save_case(sent)
    finally:
        program.close()
    bundle = tmp_path / "to-center.mdx"
    exchange.export_bundle(court, ACTOR, "center01", bundle)
    court.close()
    center.close()
    for dry in ([], ["--dry-run"]):
        r = mdesk("import", "--db", str(tmp_path / "center01.db"), str(bundle), *dry,
                  home=tmp_path)
        user_error(r, sent.number, local.number, "没有导入")
    r = mdesk("cases", "--db", str(tmp_path / "center01.db"), "--json", home=tmp_path)
    assert r.returncode == 0 and r.stdout.count('"number"') == 1


def test_trusting_a_card_whose_code_another_desk_holds(tmp_path):
    court, center = _desks(tmp_path)
    court.close()
    center.close()
    other = tmp_path / "other"
    other.mkdir()
    other = init(other, "court01", "court")
    card = tmp_path / "other.card"
    assert mdesk("keys", "--db", str(other), "--export-card", str(card),
                 home=tmp_path).returncode == 0
    r = mdesk("trust", "--db", str(tmp_path / "center01.db"), str(card), "--yes", home=tmp_path)
    user_error(r, "court01", "court01单位")
    r = mdesk("check", "--db", str(tmp_path / "center01.db"), home=tmp_path)
    assert r.returncode == 0, r.stderr
