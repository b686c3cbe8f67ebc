"""De-identification of ID numbers and phone numbers for display, logs and audit rows.

REFERENCE §6.1: the UI shows ``110***********002X`` and ``138****1234``; logs and audit
rows never carry a full identifier. Masking is idempotent: masking a masked value
changes nothing.
"""

from __future__ import annotations

import re

from .validators import InvalidValue, validate_mobile, validate_phone

MASK = "*"

# Digit boundaries only (not letter boundaries): "ID11010519491231002X" must still be masked.
_D = "[0-9０-９]"
_ID_IN_TEXT = re.compile(rf"(?<!{_D})({_D}{{3}}){_D}{{11}}({_D}{{3}}[0-9０-９XxＸｘ])(?!{_D})")
_MOBILE_IN_TEXT = re.compile(
    rf"(?<!{_D})((?:\+86|0086)[\s-]?)?"  # country code, kept as written
    rf"([1１][3-9３-９]{_D})[\s-]?{_D}{{4}}[\s-]?({_D}{{4}})(?!{_D})")
_LANDLINE_IN_TEXT = re.compile(rf"(?<!{_D})([(（]?0{_D}{{2,3}}[)）]?[\s-]?)({_D}{{7,8}})(?!{_D})")


def mask_id_number(value: str) -> str:
    """Mask an ID number, keeping the first 3 and last 4 characters.

    ``11010519491231002X`` -> ``110***********002X``. Values too short to keep anything
    are masked entirely; an empty value stays empty.
    """
    text = value.strip()
    if not text or MASK in text:
        return text
    if len(text) < 8:
        return MASK * len(text)
    return text[:3] + MASK * (len(text) - 7) + text[-4:]


def _mask_local(local: str) -> str:
    """A landline's local number with only its last 3 (7 digits) or 4 (8 digits) kept."""
    keep = min(4, max(2, len(local) // 2))
    return MASK * (len(local) - keep) + local[-keep:]


def mask_phone(value: str) -> str:
    """Mask a phone number for display.

    Mobiles keep the first 3 and last 4 digits (``138****1234``); landlines keep the
    area code and the last 3–4 digits (``0533-****567``). Anything unrecognised keeps
    only its last 2 characters.
    """
    text = value.strip()
    if not text or MASK in text:
        return text
    try:
        mobile = validate_mobile(text)
        return mobile[:3] + MASK * 4 + mobile[-4:]
    except InvalidValue:
        pass
    try:
        phone = validate_phone(text)
    except InvalidValue:
        if len(text) <= 2:
            return MASK * len(text)
        return MASK * (len(text) - 2) + text[-2:]
    area, _, local = phone.rpartition("-")
    return (f"{area}-" if area else "") + _mask_local(local)


def mask_text(text: str) -> str:
    """Mask every 18-character ID number, mobile number and landline found in free text.

    Used for log messages and audit rows (summaries, notes, facts).
    """
    if not text:
        return ""
    text = _ID_IN_TEXT.sub(lambda m: m.group(1) + MASK * 11 + m.group(2), text)
    text = _MOBILE_IN_TEXT.sub(
        lambda m: (m.group(1) or "") + m.group(2) + MASK * 4 + m.group(3), text)
    return _LANDLINE_IN_TEXT.sub(lambda m: m.group(1) + _mask_local(m.group(2)), text)
