"""A center's full export to its court at 1,000,000 cases failed (issue 14): its event lines
(about 1 GiB inflated) broke the reader's 512 MiB member and 1 GiB total limits, so the
bundle was one its court would refuse. The records members are streamed, so their limit is
larger now; the limits admit the 1M demo's export (scaled from a small one, member by
member), and an export the reader's limits would refuse is refused at the exporter, with
the reason, leaving no file and no ledger entry."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date

import pytest

from mediation_desk.domain.errors import DomainError
from mediation_desk.exchange import bundle, container, envelope
from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.services import exchange
from mediation_desk.services.demo import build_demo, open_demo
from mediation_desk.storage.court_queries import COURT_SOURCES

from .helpers import ACTOR, make_desk, trust_both

TODAY = date(2026, 3, 2)
MILLION = 1_000_000


@pytest.fixture(scope="module")
def desks(tmp_path_factory: pytest.TempPathFactory):
    """A 400-case demo center and a court desk trusting each other."""
    tmp = tmp_path_factory.mktemp("limits")
    build_demo(tmp / "center01.db", cases=400, seed=7, today=TODAY)
    center = open_demo(tmp / "center01.db")
    court = make_desk(tmp, "court01", "court")
    trust_both(tmp, court, center)
    yield tmp, center, court
    center.close()
    court.close()


def _members(center, path) -> dict[str, zipfile.ZipInfo]:
    plain = envelope.decrypt(path.read_bytes(), exchange.desk_keys(center))
    return {i.filename: i for i in zipfile.ZipFile(io.BytesIO(plain)).infolist()}


def test_the_limits_admit_a_million_case_centers_full_export(desks):
    tmp, center, court = desks
    path = tmp / "full.mdx"
    exchange.export_bundle(center, ACTOR, "court01", path, full=True)
    members = _members(center, path)
    marks = ",".join("?" * len(COURT_SOURCES))
    sent, every = center.db.execute(
        f"SELECT count(CASE WHEN source IN ({marks}) THEN 1 END), count(*) FROM cases",
        COURT_SOURCES).fetchone()
    assert 0 < sent < every
    scale = MILLION / every  # the 1M demo: the same mix of cases, 2,500 times as many
    inflated = {n: int(i.file_size * scale) for n, i in members.items()
                if n.startswith("records/")}
    assert inflated["records/events.jsonl"] > 512 * 1024 * 1024  # what broke the old limit
    assert sum(inflated.values()) > 1024 * 1024 * 1024
    assert container.DEFAULT_LIMITS.refusal(inflated) is None
    assert path.stat().st_size * scale < bundle.MAX_FILE_BYTES


def test_an_export_its_reader_would_refuse_is_refused_at_the_exporter(desks, monkeypatch):
    tmp, center, court = desks
    path = tmp / "too-big.mdx"
    sequence = center.exchange.last_sequence("court01", "out")
    events = _members(center, _export(tmp, center))["records/events.jsonl"].file_size
    small = replace(container.DEFAULT_LIMITS, max_records_member_size=events - 1)
    monkeypatch.setattr(container, "DEFAULT_LIMITS", small)
    with pytest.raises(DomainError) as err:
        exchange.export_bundle(center, ACTOR, "court01", path, full=True)
    assert err.value.code == "export_too_large"
    assert "压缩包内有文件过大" in err.value.message and "分批" in err.value.message
    assert not path.exists() and not list(tmp.glob(".too-big.mdx.*"))
    assert center.exchange.last_sequence("court01", "out") == sequence + 1  # _export's only
    # the reader with the same limits refuses such a bundle: what the court would have said
    with pytest.raises(BundleRejected) as refused:
        bundle.open_bundle(_export_unchecked(tmp, center, monkeypatch).read_bytes(),
                           keys=exchange.desk_keys(center), my_code=center.origin_code(),
                           trusted=lambda _c: None, allow_own=True, limits=small)
    assert refused.value.reason_code == "zip_member_too_large"


def _export(tmp, center):
    path = tmp / "ok.mdx"
    exchange.export_bundle(center, ACTOR, "court01", path, full=True)
    return path


def _export_unchecked(tmp, center, monkeypatch):
    """The same export with the exporter's check at the reader's usual limits (as before)."""
    with monkeypatch.context() as mp:
        mp.setattr(container, "DEFAULT_LIMITS", container.Limits())
        path = tmp / "unchecked.mdx"
        exchange.export_bundle(center, ACTOR, "court01", path, full=True)
    return path
