"""The strict parser's fast path agrees with the strict decoder on every text."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from mediation_desk.exchange import strictjson
from mediation_desk.exchange.errors import BundleRejected

_keys = st.sampled_from(["a", "b", "a:", ":", "t\\", 'q"', "\u4e2d"])
_scalars = (st.none() | st.booleans() | st.integers(-(2**70), 2**70)
            | st.floats(allow_nan=False, allow_infinity=False)
            | st.text(alphabet="ab:\\\"\u4e2d\n{}[],", max_size=6))


def _members(children):
    return st.lists(st.tuples(_keys, children), max_size=4)


_values = st.recursive(_scalars, lambda c: st.lists(c, max_size=3) | _members(c), max_leaves=12)


def _dump(v) -> str:
    """JSON text of ``v``; lists of pairs become objects (duplicates kept)."""
    if isinstance(v, list) and v and all(isinstance(x, tuple) for x in v):
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{_dump(x)}"
                              for k, x in v) + "}"
    if isinstance(v, list):
        return "[" + ",".join(_dump(x) for x in v) + "]"
    return json.dumps(v, ensure_ascii=False)


def _strict(text: str):
    try:
        return ("ok", strictjson._DECODER.decode(text))
    except ValueError:
        return ("rejected", None)


@settings(max_examples=400, deadline=None)
@given(_values, st.sampled_from(["", " ", "x", "1e999", ",", "\\u003a"]))
def test_fast_path_matches_strict_decoder(value, tail):
    text = _dump(value) + tail if tail in ("", " ") else _dump(value).replace("1", tail, 1)
    fast = strictjson._fast(text)
    verdict, expected = _strict(text)
    if fast is not strictjson._MISS:
        assert verdict == "ok" and fast == expected


def test_duplicates_nan_and_big_ints_still_refused():
    for text in ('{"a":1,"a":2}', '{"x":{"a:":"1","a:":"2"}}', '[NaN]', '[1e999]',
                 '[12345678901234567890]', '{"a":1,"\\u0061":1}'):
        try:
            strictjson.loads_text(text)
        except BundleRejected as exc:
            assert exc.reason_code == "json_invalid"
        else:
            raise AssertionError(text)
