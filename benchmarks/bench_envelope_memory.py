"""Peak memory of decrypting a bundle envelope of ~20 MB, in a fresh process per measurement.

Run: ``uv run python benchmarks/bench_envelope_memory.py [--mb 20]
[--old-envelope FILE]`` where FILE is a former ``mediation_desk/exchange/envelope.py``
(e.g. ``git show b50998b:mediation_desk/exchange/envelope.py > /tmp/old_envelope.py``)
to measure the same decrypt with it. Prints the peak RSS growth (``ru_maxrss``, which also
sees what Rust and OpenSSL allocate, unlike tracemalloc) while decrypting a file already in
memory, as a multiple of the file size; and the same for a whole ``open_bundle`` of a
bundle holding one attachment of that size.

Recorded (2026-12-01, this machine): see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _hwm_mb() -> float:
    """The peak resident set size (VmHWM) since the last reset."""
    with open("/proc/self/status") as fh:
        line = next(x for x in fh if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def _rss_now_mb() -> float:
    with open("/proc/self/status") as fh:
        line = next(x for x in fh if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def _reset_hwm() -> None:
    with open("/proc/self/clear_refs", "w") as fh:  # "5": reset the peak RSS to the current
        fh.write("5")


class _OldKeys:
    """What the former envelope asked of a desk's keys."""

    def __init__(self, keys: Any) -> None:
        self.public = keys.public
        self._private = keys.encryption_private

    def x25519(self) -> Any:
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

        return X25519PrivateKey.from_private_bytes(self._private)


def child(kind: str, mb: int, old: str | None) -> dict[str, float]:
    """One measurement; returns the file size and the peak RSS growth in MiB."""
    import gc

    from mediation_desk.exchange import bundle, envelope
    from mediation_desk.exchange.errors import BundleRejected
    from mediation_desk.exchange.keys import DeskKeys

    keys = DeskKeys.generate()
    module = envelope
    if kind == "old":
        spec = importlib.util.spec_from_file_location("mediation_desk.exchange._old", old)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        data = module.encrypt(os.urandom(mb * 2**20), [keys.public.encryption])
    elif kind == "age":
        data = envelope.encrypt(os.urandom(mb * 2**20), [keys.public.age_recipient])
    else:
        data, _m = bundle.build(keys=keys, sender="aa", recipient="bb",
                                recipient_public=DeskKeys.generate().public,
                                kind="center_to_court", sequence=1, acknowledged=0,
                                created_at="2026-12-01T00:00:00+08:00", records={},
                                attachments={"0" * 64: os.urandom(mb * 2**20)})
    gc.collect()
    base = _rss_now_mb()
    _reset_hwm()
    if kind == "bundle":
        try:  # the attachment is not named by its real hash: refused after all the work
            bundle.open_bundle(data, keys=keys, my_code="aa", trusted=lambda _c: None,
                               allow_own=True)
        except BundleRejected as exc:
            assert exc.reason_code == "member_hash", exc.reason_code
    elif kind == "old":
        out = module.decrypt(data, _OldKeys(keys))
        assert len(out) > 0
    else:
        out = envelope.decrypt(data, keys)
        assert len(out) > 0
    return {"file_mb": len(data) / 2**20, "growth_mb": _hwm_mb() - base}


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--mb", type=int, default=20)
    parser.add_argument("--old-envelope", default=None)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.mb, args.old_envelope)))
        return 0
    kinds = (["old"] if args.old_envelope else []) + ["age", "bundle"]
    for kind in kinds:
        extra = ["--old-envelope", args.old_envelope] if args.old_envelope else []
        out = subprocess.run([sys.executable, __file__, "--child", kind, "--mb", str(args.mb),
                              *extra], capture_output=True, text=True, check=True).stdout
        r = json.loads(out)
        print(f"{kind:7s} file {r['file_mb']:6.1f} MiB  peak RSS growth {r['growth_mb']:6.1f} MiB"
              f"  = {r['growth_mb'] / r['file_mb']:.2f} x file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
