"""Canonical JSON out, strict JSON in.

Canonical: UTF-8, keys sorted, no insignificant spaces, no NaN/Infinity.
Strict parsing refuses invalid UTF-8, a byte-order mark, duplicate keys,
NaN/Infinity, lone surrogates, integers over 64 bits and nesting deeper than
:data:`MAX_DEPTH`; every failure is :class:`BundleRejected` ``json_invalid``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .errors import BundleRejected

MAX_DEPTH = 16
MAX_INT = 2**63 - 1


def canonical_bytes(data: Any) -> bytes:
    """The canonical UTF-8 encoding of a JSON value."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("duplicate key")
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"non-finite number {name}")


def _bounded_int(text: str) -> int:
    if len(text) > 20:
        raise ValueError("integer too long")
    value = int(text)
    if not -MAX_INT - 1 <= value <= MAX_INT:
        raise ValueError("integer out of range")
    return value


def _float(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("non-finite number")
    return value


_DECODER = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constant,
                            parse_int=_bounded_int, parse_float=_float)


# scan_once is set by JSONDecoder.__init__ (json.scanner.make_scanner); typeshed omits it.
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]


def _scan_exact(text: str) -> Any:
    """``_DECODER.decode(text)``, calling the scanner directly when the value fills the text.

    Same hooks, same verdicts: anything else (leading or trailing whitespace, any
    error) goes through ``decode`` for its whitespace rules and error messages.
    """
    try:
        value, end = _SCAN(text, 0)
    except (StopIteration, ValueError, RecursionError):
        return _DECODER.decode(text)
    return value if end == len(text) else _DECODER.decode(text)


def _depth_ok(value: Any, depth: int) -> bool:
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, dict):
        return all(_depth_ok(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return all(_depth_ok(v, depth + 1) for v in value)
    return True


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def loads_text(text: str, where: str = "") -> Any:
    """Parse one JSON value from already-decoded text, strictly."""
    # Nesting is bounded before parsing so the decoder never recurses deeply;
    # a text with few brackets cannot nest deeply, so the walk is skipped.
    brackets = text.count("[") + text.count("{")
    if brackets > MAX_DEPTH and not _shallow(text):
        raise BundleRejected("json_invalid", f"{where}嵌套过深")
    try:
        value = _scan_exact(text)
    except (ValueError, RecursionError) as exc:
        raise BundleRejected("json_invalid", f"{where}{exc}"[:200]) from exc
    if brackets > MAX_DEPTH and not _depth_ok(value, 1):
        raise BundleRejected("json_invalid", f"{where}嵌套过深")
    if "\\u" in text and _has_surrogate(value):
        raise BundleRejected("json_invalid", f"{where}含有无效的 Unicode 代理字符")
    return value


def _shallow(text: str) -> bool:
    """True when brackets outside strings never nest deeper than MAX_DEPTH."""
    depth = 0
    in_str = False
    escaped = False
    for ch in text:
        if in_str:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def decode_utf8(data: bytes, where: str = "") -> str:
    """Strict UTF-8 decoding (no BOM)."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise BundleRejected("json_invalid", f"{where}含有字节顺序标记")
    try:
        return data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise BundleRejected("json_invalid", f"{where}不是有效的 UTF-8") from exc


def loads(data: bytes, where: str = "") -> Any:
    """Parse one JSON document from bytes, strictly."""
    return loads_text(decode_utf8(data, where), where)


def loads_lines(data: bytes | str, where: str = "", max_line: int = 1 << 20) -> list[Any]:
    """Parse JSON Lines (one object per ``\\n``-terminated line), strictly.

    ``data`` may be bytes or text already checked by :func:`decode_utf8`.
    """
    text = data if isinstance(data, str) else decode_utf8(data, where)
    if not text:
        return []
    if not text.endswith("\n"):
        raise BundleRejected("json_invalid", f"{where}最后一行没有换行符")
    out: list[Any] = []
    _parse_lines(text[:-1].split("\n"), 0, out, where, max_line)
    return out


_BOM = b"\xef\xbb\xbf"


def iter_lines(chunks: Iterable[bytes], where: str = "", max_line: int = 1 << 20,
               batch: int = 2000) -> Iterator[list[Any]]:
    """Parse JSON Lines arriving in pieces (an inflating ZIP member), strictly, ``batch``
    values at a time: the checks of :func:`loads_lines` without holding the text."""
    pending = b""
    started = False
    n = 0
    out: list[Any] = []
    for chunk in chunks:
        if not chunk:
            continue
        buf = pending + chunk if pending else chunk
        if not started:
            if len(buf) < len(_BOM) and _BOM.startswith(buf):
                pending = buf
                continue
            if buf.startswith(_BOM):
                raise BundleRejected("json_invalid", f"{where}含有字节顺序标记")
            started = True
        cut = buf.rfind(b"\n")
        if cut < 0:
            pending = buf
            if len(pending) > 4 * max_line:  # a UTF-8 character is at most 4 bytes
                raise BundleRejected("json_invalid", f"{where}第{n + 1}行过长")
            continue
        pending = buf[cut + 1:]
        try:
            text = buf[:cut].decode("utf-8", errors="strict")
        except UnicodeDecodeError as exc:
            raise BundleRejected("json_invalid", f"{where}不是有效的 UTF-8") from exc
        lines = text.split("\n")
        del text
        for i in range(0, len(lines), batch):
            n = _parse_lines(lines[i:i + batch], n, out, where, max_line)
            if len(out) >= batch:
                yield out[:batch]
                del out[:batch]
    if pending:
        if pending.startswith(_BOM):
            raise BundleRejected("json_invalid", f"{where}含有字节顺序标记")
        try:
            pending.decode("utf-8", errors="strict")
        except UnicodeDecodeError as exc:
            raise BundleRejected("json_invalid", f"{where}不是有效的 UTF-8") from exc
        raise BundleRejected("json_invalid", f"{where}最后一行没有换行符")
    if out:
        yield out


def _parse_lines(lines: list[str], n: int, out: list[Any], where: str, max_line: int) -> int:
    """Parse ``lines`` (numbered from ``n + 1``) into ``out``; return the last line number."""
    append, scan = out.append, _SCAN
    for n, line in enumerate(lines, n + 1):  # noqa: B020 - n carries on from the caller's
        if len(line) > max_line:
            raise BundleRejected("json_invalid", f"{where}第{n}行过长")
        # Inline fast path of loads_text for the common line: few brackets (no
        # depth walk needed), no \u escape (no surrogate check), value fills the line.
        if line.count("[") + line.count("{") <= MAX_DEPTH and "\\u" not in line:
            try:
                value, end = scan(line, 0)
            except (StopIteration, ValueError, RecursionError):
                end = -1
            if end == len(line):
                append(value)
                continue
        append(loads_text(line, f"{where}第{n}行："))
    return n


def plain_lines(chunks: Iterable[bytes], batch: int = 2000) -> Iterator[list[Any]]:
    """JSON Lines already verified by :func:`iter_lines`, parsed again quickly (the plain
    decoder, one call per batch of lines), ``batch`` values at a time."""
    pending = b""
    lines: list[bytes] = []
    for chunk in chunks:
        buf = pending + chunk if pending else chunk
        parts = buf.split(b"\n")
        pending = parts.pop()
        lines += parts
        while len(lines) >= batch:
            yield json.loads(b"[" + b",".join(lines[:batch]) + b"]")
            del lines[:batch]
    if lines:
        yield json.loads(b"[" + b",".join(lines) + b"]")
