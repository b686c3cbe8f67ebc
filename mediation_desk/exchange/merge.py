"""Deciding what an incoming record does to the local one (pure, no SQL).

Records are matched by UUID. ``base`` is the last content this desk had in
common with a peer (set on export and on import). The rules:

* unknown locally -> insert (``new``);
* same content -> ``unchanged``;
* older than the base, or a resurrection of a newer local tombstone -> ``unchanged``
  (an old bundle never downgrades);
* local untouched since the base -> take the incoming record if its version is
  higher (``updated``), else ``unchanged``;
* both changed -> field by field: a field changed on one side only takes that
  side's value; a field changed on both sides to different values keeps the
  local value and becomes a conflict for a person to decide (``conflicting``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

META = ("version", "updated_at")
FIXED = ("id", "origin", "version", "updated_at")


def content(rec: dict[str, Any]) -> dict[str, Any]:
    """A record without its version bookkeeping."""
    return {k: v for k, v in rec.items() if k not in META}


@dataclass
class Decision:
    """What to do with one incoming record."""

    outcome: str  # new | updated | unchanged | conflicting
    write: dict[str, Any] | None = None  # the row to store, if any
    new_base: dict[str, Any] | None = None
    conflicts: list[tuple[str, Any, Any]] = field(default_factory=list)


def decide(local: dict[str, Any] | None, base: dict[str, Any] | None,
           incoming: dict[str, Any], now: str) -> Decision:
    """Merge ``incoming`` into ``local`` given their common ``base``."""
    if local is None:
        return Decision("new", incoming, incoming)
    same = content(local) == content(incoming)
    if same:
        newer_base = base is None or incoming["version"] > base["version"]
        return Decision("unchanged", None, incoming if newer_base else None)
    if base is not None and incoming["version"] < base["version"]:
        return Decision("unchanged")
    if local["deleted"] and not incoming["deleted"] and incoming["version"] <= local["version"]:
        return Decision("unchanged")
    local_changed = base is not None and content(local) != content(base)
    if base is not None and incoming["version"] == base["version"]:
        # The peer edited a version we never sent it: every difference is a conflict.
        differences = [(k, local[k], v) for k, v in incoming.items()
                       if k not in FIXED and local[k] != v]
        return Decision("conflicting" if differences else "unchanged", None, None, differences)
    if not local_changed:
        if incoming["version"] > local["version"]:
            return Decision("updated", incoming, incoming)
        return Decision("unchanged")
    assert base is not None
    merged = dict(local)
    conflicts: list[tuple[str, Any, Any]] = []
    took = False
    for key, theirs in incoming.items():
        if key in FIXED:
            continue
        mine, common = local[key], base.get(key)
        if theirs == mine or theirs == common:
            continue
        if mine == common:
            merged[key] = theirs
            took = True
        else:
            conflicts.append((key, mine, theirs))
    if took:
        merged["version"] = max(local["version"], incoming["version"]) + 1
        merged["updated_at"] = now
    outcome = "conflicting" if conflicts else ("updated" if took else "unchanged")
    return Decision(outcome, merged if took else None, incoming, conflicts)
