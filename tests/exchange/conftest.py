"""Fixtures shared by the exchange tests."""

from __future__ import annotations

import pytest

from tests.exchange.helpers import make_desk, trust_both


@pytest.fixture
def desks(tmp_path):
    """A court desk and a center desk that trust each other (court01, center01)."""
    court = make_desk(tmp_path, "court01", "court")
    center = make_desk(tmp_path, "center01")
    trust_both(tmp_path, court, center)
    yield court, center
    court.close()
    center.close()
