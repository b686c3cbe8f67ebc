"""The exchange conflicts table masks a conflicting ID or phone number like every list."""

from __future__ import annotations

from mediation_desk.ui.models.exchange_tables import masked


def test_conflicting_numbers_are_masked_other_fields_are_not():
    full_id, phone = "11010519491231002X", "13812341234"
    assert full_id not in str(masked("id_number", full_id))
    assert phone not in str(masked("phone", phone))
    assert phone not in str(masked("agent_phone", phone))
    assert full_id not in str(masked("agent_id_number", full_id))
    assert str(masked("id_number", full_id)).endswith(full_id[-4:]) or "*" in str(
        masked("id_number", full_id))
    assert masked("address", "马尚村8号") == "马尚村8号"
    assert masked("phone", None) is None
