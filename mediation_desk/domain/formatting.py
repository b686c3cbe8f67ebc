"""Money and date formatting for documents and screens (大写金额, ¥ amounts, 年月日).

Capital numerals follow the People's Bank rules for filling in cheques
(《正确填写票据和结算凭证的基本规定》):

- ``壹拾`` is always written with its ``壹`` (10 -> 壹拾元整, 100000 -> 壹拾万元整);
- one ``零`` stands for any run of zeros inside the integer part (6007 -> 陆仟零柒元整),
  including across a 万/亿 boundary (10010 -> 壹万零壹拾元整, 100000005 -> 壹亿零伍元整);
- a zero 角 followed by a non-zero 分 is written ``零`` (100.05 -> 壹佰元零伍分);
- a zero 元 digit before a non-zero 角 is not written (1680.32 -> 壹仟陆佰捌拾元叁角贰分;
  the rules allow both forms, this one is shorter);
- ``整`` follows an amount ending at 元 or 角 (the rules require it after 元 and allow it
  after 角; we always write it because it stops a 分 being added); never after 分;
- amounts under one yuan omit ``元`` (0.05 -> 伍分); zero is ``零元整``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .validators import InvalidValue

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("仟", "佰", "拾", "")  # positions within a 4-digit section, high to low
_SECTION_UNITS = ("", "万", "亿")  # sections of 4 digits, low to high
CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1000000000000")  # 1 万亿 yuan: far above any mediated dispute


def _as_decimal(amount: Decimal | int | str) -> Decimal:
    if isinstance(amount, float):
        amount = str(amount)  # a float's repr is the number the user meant
    try:
        value = Decimal(amount)
    except (InvalidOperation, ValueError, TypeError):
        raise InvalidValue(f"金额格式不正确：{amount}") from None
    if not value.is_finite():
        raise InvalidValue(f"金额格式不正确：{amount}")
    return value


def _section(n: int) -> str:
    """Capital numerals for 1 <= n <= 9999 (no leading 零, inner zero runs -> one 零)."""
    out, zero_pending, started = [], False, False
    for digit, unit in zip(f"{n:04d}", _SMALL_UNITS, strict=True):
        if digit == "0":
            zero_pending = zero_pending or started
            continue
        if zero_pending:
            out.append("零")
        out.append(_DIGITS[int(digit)] + unit)
        zero_pending, started = False, True
    return "".join(out)


def _integer_capital(n: int) -> str:
    """Capital numerals of a positive integer below 1 万亿."""
    sections = []
    while n:
        n, rest = divmod(n, 10000)
        sections.append(rest)
    out: list[str] = []
    zero_pending = False
    for i in range(len(sections) - 1, -1, -1):
        value = sections[i]
        if value == 0:
            zero_pending = bool(out)
            continue
        # zeros between this section and the previous one: an empty section, or leading zeros
        if out and (zero_pending or value < 1000):
            out.append("零")
        out.append(_section(value) + _SECTION_UNITS[i])
        zero_pending = False
    return "".join(out)


def chinese_capital(amount: Decimal | int) -> str:
    """The amount in Chinese capital numerals (大写金额), e.g. 40000 -> 肆万元整.

    Raises InvalidValue for a negative amount, more than two decimal places,
    or 1 万亿 yuan and above.
    """
    value = _as_decimal(amount)
    if value < 0:
        raise InvalidValue("金额不能为负数")
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise InvalidValue("金额最多精确到分（两位小数）")
    if value >= MAX_AMOUNT:
        raise InvalidValue("金额过大")
    fen_total = int(value * 100)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    if yuan == 0 and cents == 0:
        return "零元整"
    out = _integer_capital(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return out + "整"
    if jiao == 0:
        return out + ("零" if yuan else "") + _DIGITS[fen] + "分"
    out += _DIGITS[jiao] + "角"
    return out + (_DIGITS[fen] + "分" if fen else "整")


def format_yuan(amount: Decimal | int) -> str:
    """The amount in figures with a yuan sign, thousands separators and two decimals.

    ``40000`` -> ``¥40,000.00``; rounded half up to the fen; negatives get a leading minus.
    """
    value = _as_decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    return f"{sign}¥{abs(value):,.2f}"


def format_amount(amount: Decimal | int) -> str:
    """Capitals followed by figures, as printed in agreements: 肆万元整（¥40,000.00）."""
    return f"{chinese_capital(amount)}（{format_yuan(amount)}）"


_AMOUNT = re.compile(r"([0-9]+(?:\.[0-9]+)?|\.[0-9]+)(万|亿)?")
_MULTIPLIERS = {None: 1, "万": 10_000, "亿": 100_000_000}


def parse_amount(text: str) -> Decimal:
    """Parse an amount typed by a user into yuan with two decimal places.

    Accepts ``40000``, ``4万``, ``4.5万元``, ``40,000.50``, ``¥40000``, ``￥40000元``,
    ``人民币40000元`` and full-width digits. Raises InvalidValue for an empty value,
    a negative amount, more than two decimal places (after applying 万/亿) or anything else.
    """
    raw = "".join(unicodedata.normalize("NFKC", str(text)).split())
    if not raw:
        raise InvalidValue("请填写金额")
    body = raw
    for prefix in ("人民币", "RMB", "rmb", "¥"):
        body = body.removeprefix(prefix)
    body = body.removesuffix("元")
    if body.startswith("-") or body.startswith("负"):
        raise InvalidValue("金额不能为负数")
    if "," in body:
        whole, _, frac = body.partition(".")
        if not re.fullmatch(r"[0-9]{1,4}(?:,[0-9]{3,4})+", whole) or "," in frac:
            raise InvalidValue(f"金额格式不正确：{text}")
        body = whole.replace(",", "") + ("." + frac if "." in body else "")
    m = _AMOUNT.fullmatch(body)
    if not m:
        raise InvalidValue(f"金额格式不正确：{text}（应如40000、4万或40,000.50）")
    value = Decimal(m.group(1)) * _MULTIPLIERS[m.group(2)]
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise InvalidValue("金额最多精确到分（两位小数）")
    if value >= MAX_AMOUNT:
        raise InvalidValue("金额过大")
    return value.quantize(CENT)


def format_cn_date(d: date) -> str:
    """A date as 2026年11月27日 (no zero padding)."""
    return f"{d.year}年{d.month}月{d.day}日"


def format_cn_datetime(dt: datetime) -> str:
    """A date and time as 2026年11月27日 09时05分 (hour and minutes two digits each)."""
    return f"{format_cn_date(dt.date())} {dt.hour:02d}时{dt.minute:02d}分"


_ORDINALS = "一二三四五六七八九十"


def numeral(i: int) -> str:
    """Chinese ordinal for the ``i``-th item (0-based) of a list: 一 … 十, 十一 …, 二十 …

    Used for agreement clauses (``一、``) on screen and in the documents.
    """
    n = i + 1
    if n <= 10:
        return _ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    return (_ORDINALS[tens - 1] if tens > 1 else "") + "十" + (_ORDINALS[ones - 1] if ones else "")
