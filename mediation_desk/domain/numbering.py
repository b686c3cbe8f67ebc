"""Case numbers of a mediation organisation: （2026）马尚调字第5号 (REFERENCE §2.4).

The prefix is configured per organisation; without one the common form
（年份）人调字第N号 is used. Serial numbers restart every year per organisation.
"""

from __future__ import annotations

import re

from .validators import InvalidValue

DEFAULT_PREFIX = "人"  # 人调字: the generic people's-mediation form

_DIGIT = "[0-9０-９]"  # full-width digits too; int() reads both
_CASE_NUMBER = re.compile(rf"^[（(]({_DIGIT}{{4}})[)）](.+?)调字第({_DIGIT}+)号$")
_FORBIDDEN_IN_PREFIX = set("()（）") | {"调字第"}


def _check_prefix(prefix: str) -> None:
    if any(c.isspace() for c in prefix) or any(bad in prefix for bad in _FORBIDDEN_IN_PREFIX):
        raise InvalidValue(f"案号前缀不能包含空格、括号或“调字第”：{prefix}")


def format_case_number(year: int, prefix: str, serial: int) -> str:
    """The case number as printed, with full-width brackets: （2026）马尚调字第5号.

    An empty prefix gives the generic 人调字 form: （2026）人调字第5号.
    """
    prefix = prefix.strip() or DEFAULT_PREFIX
    _check_prefix(prefix)
    if not 1000 <= year <= 9999:
        raise InvalidValue(f"年份应为4位数：{year}")
    if serial < 1:
        raise InvalidValue(f"案件序号应从1开始：{serial}")
    return f"（{year}）{prefix}调字第{serial}号"


def parse_case_number(text: str) -> tuple[int, str, int]:
    """Split a case number into ``(year, prefix, serial)``.

    Half- or full-width brackets and stray spaces are accepted. The generic form gives the
    prefix ``人``. Raises InvalidValue when the text is not a case number.
    """
    normalized = "".join(text.split())
    m = _CASE_NUMBER.match(normalized)
    if not m:
        raise InvalidValue(f"案号格式不正确，应如（2026）马尚调字第5号：{text}")
    year, prefix, serial = int(m.group(1)), m.group(2), int(m.group(3))
    if any(c in "()（）" for c in prefix):
        raise InvalidValue(f"案号格式不正确，应如（2026）马尚调字第5号：{text}")
    if serial < 1:
        raise InvalidValue(f"案件序号应从1开始：{text}")
    return year, prefix, serial
