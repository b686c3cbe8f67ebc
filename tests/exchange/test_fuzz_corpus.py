"""The corpus the coverage-guided fuzz run kept (benchmarks/fuzz_bundle.py, minimised with
libFuzzer's merge): replayed through the layer it was found in, and through the whole reader
as a file, as a decrypted payload and as manifest.json. Only BundleRejected may come out of
the reader, never another exception, never an accepted bundle."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from mediation_desk.exchange.errors import BundleRejected

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((Path(__file__).parent / "fuzz_corpus").glob("*.bin"))


def _driver():
    spec = importlib.util.spec_from_file_location("fuzz_bundle", ROOT / "benchmarks" /
                                                  "fuzz_bundle.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fuzz_bundle", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def targets(tmp_path_factory):
    return _driver().Targets(tmp_path_factory.mktemp("fuzz-desks"))


def test_corpus_is_kept_and_small():
    assert len(CORPUS) >= 50
    assert all(p.stat().st_size <= 4096 for p in CORPUS)
    modes = _driver().MODES
    found = {modes[p.read_bytes()[0] % len(modes)] for p in CORPUS if p.stat().st_size}
    assert found == set(modes)  # every layer has inputs


def test_seeds_pass_their_layer(targets):
    """The seeds are valid where valid means accepted (so the corpus starts from real files)."""
    for seed in targets.seeds():
        try:
            targets.run_one(seed)
        except BundleRejected as exc:  # the manifest seed meets a zero signature; an
            # enrollment is not for a desk key; the small payload has no signature
            assert exc.reason_code in ("bad_signature", "not_for_this_desk",
                                       "manifest_missing"), exc.reason_code


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_fuzz_input_is_rejected(targets, path):
    data = path.read_bytes()
    with pytest.raises(BundleRejected):  # in the layer it was found in
        targets.run_one(data)
    rest = data[1:]
    center = targets.keys
    for mode in (0, 1):  # as a whole file, as a decrypted payload
        with pytest.raises(BundleRejected):
            targets.run_one(bytes([mode]) + rest)
    with pytest.raises(BundleRejected):  # as a payload inside a real age envelope
        targets.bundle.open_bundle(targets.envelope.encrypt(rest, [center.public.age_recipient]),
                                   keys=center, my_code="center01", trusted=targets.trusted.get)
    with pytest.raises(BundleRejected):
        targets.run_one(bytes([2]) + rest)  # as manifest.json (the signature is never valid)
