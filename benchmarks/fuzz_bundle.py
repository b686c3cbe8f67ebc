"""Coverage-guided fuzz (atheris / libFuzzer) of everything a reader does before a bundle's
signature is verified: the age header parse and decrypt wrapper, the ZIP container checks,
manifest.json's strict parse and shape checks, strict JSON (Lines), the passphrase-header
check of enrollments and desk cards.

Run: ``uv run --extra test python benchmarks/fuzz_bundle.py --seconds 300``
(``--corpus DIR`` keeps the working corpus, default a temporary folder; ``--keep DIR``
writes the minimised, small part of it there, e.g. ``tests/exchange/fuzz_corpus``).

The first byte of an input picks the layer (``MODES``), the rest is that layer's input:

* ``file``: a whole bundle file, opened with the center's key as an import does;
* ``zip``: the decrypted payload, checked as after decryption (ZIP, manifest, signature...);
* ``manifest``: manifest.json bytes in an otherwise valid payload with an invalid signature;
* ``jsonl``: ``strictjson.loads_lines``; ``card``: ``cards.parse_card``;
* ``passphrase``: the header check an enrollment passes before scrypt runs.

The only allowed outcome besides a return is :class:`BundleRejected`; anything else is a
crash (libFuzzer stops and writes ``crash-*``). Seeds are real bundles, payloads, manifests,
records and cards written by the project's own code. ``tests/exchange/test_fuzz_corpus.py``
replays the kept corpus through the same targets (``run_one``).

Recorded (2026-12-01, this 2-core machine, atheris 3.0.0, Python 3.11): see
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODES = ("file", "zip", "manifest", "jsonl", "card", "passphrase")


class Targets:
    """The reader's entry points, bound to two desks made with the project's code."""

    def __init__(self, tmp: Path) -> None:
        from mediation_desk.exchange import bundle, container, envelope
        from mediation_desk.services import exchange
        from mediation_desk.services.enrollment import enroll
        from tests.exchange.helpers import ACTOR, referral, trust_both

        self.bundle, self.container, self.envelope = bundle, container, envelope
        court = _fixed_desk(tmp, "court01", "court")
        center = _fixed_desk(tmp, "center01", "center")
        try:
            trust_both(tmp, court, center)
            referral(court, center)
            good = tmp / "good.mdx"
            exchange.export_bundle(court, ACTOR, "center01", good)
            self.keys = exchange.desk_keys(center)
            court_keys = exchange.desk_keys(court)
            self.trusted = {"court01": bundle.Trusted("court01", court_keys.public)}
            card = tmp / "court.card"
            exchange.export_card(court, card)
            self.card = card.read_bytes()
            self.good = good.read_bytes()
            mediator = _add_mediator(center)
            rep = enroll(center, ACTOR, mediator, tmp / "enrol.mdx")
            self.enrollment = rep.path.read_bytes()
        finally:
            court.close()
            center.close()
        self.plain = envelope.decrypt(self.good, self.keys)
        self.members = container.read_zip(self.plain)

    def seeds(self) -> list[bytes]:
        """Valid inputs of every layer, each prefixed by its mode byte."""
        m = self.members
        out = [(0, self.good), (0, self.enrollment), (1, self.plain),
               (2, m["manifest.json"]), (3, m["records/cases.jsonl"]),
               (3, m["records/parties.jsonl"]), (4, self.card), (5, self.enrollment)]
        small = self.container.write_zip({"manifest.json": m["manifest.json"], "a": b"x" * 100})
        out.append((1, small))
        return [bytes([mode]) + data for mode, data in out]

    def _verify(self, members: dict[str, bytes]) -> None:
        self.bundle._verify(members, b"x", my_code="center01",
                            my_fingerprint=self.keys.public.fingerprint, own_public=None,
                            trusted=self.trusted.get)

    def run_one(self, data: bytes) -> Any:
        """One input through its layer; returns what the layer returned."""
        from mediation_desk.exchange import cards, strictjson

        if not data:
            return None
        mode, rest = MODES[data[0] % len(MODES)], data[1:]
        if mode == "file":
            return self.bundle.open_bundle(rest, keys=self.keys, my_code="center01",
                                           trusted=self.trusted.get)
        if mode == "zip":
            members = self.container.read_zip(rest)
            return self._verify(members)
        if mode == "manifest":
            members = dict(self.members)
            members["manifest.json"] = rest
            members["manifest.sig"] = bytes(64)  # never valid: only the pre-signature checks
            return self._verify(members)
        if mode == "jsonl":
            return strictjson.loads_lines(rest, "fuzz：")
        if mode == "card":
            return cards.parse_card(rest)
        return self.envelope.check_passphrase_header(rest)


def _fixed_desk(tmp: Path, code: str, kind: str) -> Any:
    """A desk whose keys are derived from its code, so a kept input meets the same keys in
    every run (a file stays decryptable, a payload's signer stays the trusted court)."""
    from mediation_desk.domain.enums import CenterKind
    from mediation_desk.services.desk import init_desk

    store = init_desk(tmp / f"{code}.db", code=code, name=f"{code}单位", number_prefix="测",
                      kind=CenterKind.COURT if kind == "court" else CenterKind.CENTER)
    seed = hashlib.sha256(f"fuzz_bundle/{code}".encode()).digest()
    with store.operation("fuzz", "generate_desk_keys") as work:
        store.exchange.save_keys(hashlib.sha256(seed + b"sign").digest(),
                                 hashlib.sha256(seed + b"encrypt").digest(), work.now)
    return store


def _add_mediator(store: Any) -> str:
    from mediation_desk.domain.models import Mediator
    from mediation_desk.services.desk import MediatorService

    return MediatorService(store).save("fuzz", Mediator(center_id="", name="周明")).id


def make_test(targets: Targets) -> Callable[[bytes], None]:
    from mediation_desk.exchange.errors import BundleRejected

    def test_one_input(data: bytes) -> None:
        try:
            targets.run_one(data)
        except BundleRejected:
            pass

    return test_one_input


def keep_corpus(corpus: Path, keep: Path, max_size: int, max_files: int) -> int:
    """Minimise ``corpus`` (libFuzzer ``-merge=1``) and copy to ``keep`` its small inputs that
    its layer rejects (not the seeds, not a valid bundle in other ZIP clothing, not a valid
    JSON line or card): the kept corpus is hostile input only."""
    from mediation_desk.exchange.errors import BundleRejected

    merged = Path(tempfile.mkdtemp(prefix="fuzz-merged-"))
    # libFuzzer's merge re-runs argv[0] as a program: give it an executable wrapper
    wrapper = merged.parent / f"{merged.name}-run"
    wrapper.write_text(f'#!/bin/sh\nFUZZ_BUNDLE_SELF="$0" exec "{sys.executable}" '
                       f'"{Path(__file__).resolve()}" --child --raw "$@"\n')
    wrapper.chmod(0o755)
    subprocess.run([str(wrapper), "-merge=1", str(merged), str(corpus)], check=True)
    wrapper.unlink()
    targets = Targets(Path(tempfile.mkdtemp(prefix="fuzz-desks-")))
    seeds = set(targets.seeds())
    keep.mkdir(parents=True, exist_ok=True)
    kept = 0
    for p in sorted(merged.iterdir(), key=lambda p: (p.stat().st_size, p.name)):
        data = p.read_bytes()
        if not data or len(data) > max_size or data in seeds or kept >= max_files:
            continue
        try:
            targets.run_one(data)
        except BundleRejected:
            name = f"{MODES[data[0] % len(MODES)]}-{hashlib.sha256(data).hexdigest()[:16]}.bin"
            (keep / name).write_bytes(data)
            kept += 1
    shutil.rmtree(merged, ignore_errors=True)
    return kept


def _fuzz(argv: list[str], write_seeds: bool = True) -> None:
    """In a child process: instrument, build the desks, hand over to libFuzzer (never returns)."""
    import atheris

    with atheris.instrument_imports(include=["mediation_desk", "zipfile"]):
        import zipfile  # noqa: F401

        from mediation_desk.exchange import (  # noqa: F401
            bundle,
            cards,
            container,
            envelope,
            strictjson,
        )
    targets = Targets(Path(tempfile.mkdtemp(prefix="fuzz-desks-")))
    if write_seeds:  # into the corpus folder, the last argument
        for seed in targets.seeds():
            (Path(argv[-1]) / f"seed-{hashlib.sha256(seed).hexdigest()[:16]}").write_bytes(seed)
    atheris.Setup(argv, make_test(targets))
    atheris.Fuzz()


def main() -> int:
    if sys.argv[1:3] == ["--child", "--raw"]:  # libFuzzer's own command line (merge)
        _fuzz([os.environ.get("FUZZ_BUNDLE_SELF", sys.argv[0]), *sys.argv[3:]],
              write_seeds=False)
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--keep-max-size", type=int, default=4096)
    parser.add_argument("--keep-max-files", type=int, default=300)
    parser.add_argument("--max-len", type=int, default=16384)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args, extra = parser.parse_known_args()
    corpus = args.corpus or Path(tempfile.mkdtemp(prefix="fuzz-corpus-"))
    corpus.mkdir(parents=True, exist_ok=True)
    if args.child:
        _fuzz([sys.argv[0], f"-max_total_time={args.seconds}", f"-max_len={args.max_len}",
               "-print_final_stats=1", "-timeout=30", "-rss_limit_mb=4096",
               f"-artifact_prefix={corpus.parent}/crash-", *extra,
               str(corpus)])
    if args.seconds == 0 and args.keep:  # only keep the corpus of an earlier run
        kept = keep_corpus(corpus, args.keep, args.keep_max_size, args.keep_max_files)
        print(f"kept {kept} inputs of at most {args.keep_max_size} bytes in {args.keep}")
        return 0
    before = len(list(corpus.iterdir()))
    done = subprocess.run([sys.executable, __file__, "--child", "--seconds", str(args.seconds),
                           "--corpus", str(corpus), "--max-len", str(args.max_len), *extra],
                          check=False)
    print(f"corpus {corpus}: {before} -> {len(list(corpus.iterdir()))} inputs; "
          f"libFuzzer exit {done.returncode}")
    if args.keep and done.returncode == 0:
        args.keep.mkdir(parents=True, exist_ok=True)
        kept = keep_corpus(corpus, args.keep, args.keep_max_size, args.keep_max_files)
        print(f"kept {kept} inputs of at most {args.keep_max_size} bytes in {args.keep}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
