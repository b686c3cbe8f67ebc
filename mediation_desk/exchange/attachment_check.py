"""Attachment records of a bundle held to the rules a desk applies when a user adds a file.

Part of the verification before anything is written: every attachment record's content
(from the bundle or, when the bundle leaves it out, from this desk's own store) must be an
accepted type, the record's ``media_type`` must be the sniffed one and its ``name`` must
already be in the sanitised form (:func:`mediation_desk.domain.attachment_types.safe_name`).
A bundle carrying attachment content that no record of it references is refused too: a
desk never stores a blob nothing points to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..domain.attachment_types import AttachmentRefused, AttachmentType, safe_name, sniff
from .errors import BundleRejected

__all__ = ["check_bundle_attachments"]


def check_bundle_attachments(records: Mapping[str, list[dict[str, Any]]],
                             blobs: dict[str, bytes],
                             stored: Callable[[str], bytes | None] = lambda _h: None) -> None:
    """Raise ``BundleRejected("attachment_invalid", "<record id>: reason")`` on the first bad one.

    ``blobs`` are the bundle's ``attachments/<sha256>`` members; ``stored(sha256)`` fetches
    content this desk already holds. Tombstoned records are checked as well: the sender
    had to accept the content once, under the same rules.
    """
    rows = records.get("attachments", [])
    referenced = {r["sha256"] for r in rows}
    for digest in sorted(set(blobs) - referenced):
        raise BundleRejected("attachment_invalid",
                             f"attachments/{digest[:16]}…: 没有附件记录引用这份内容")
    verdicts: dict[str, AttachmentType | str] = {}  # sha256 -> its type, or the refusal
    for rec in rows:
        digest = rec["sha256"]
        if digest not in verdicts:
            content = blobs.get(digest)
            if content is None:
                content = stored(digest)
            if content is None:
                raise BundleRejected("attachment_invalid", f"{rec['id']}: 附件内容缺失")
            try:
                verdicts[digest] = sniff(content)
            except AttachmentRefused as exc:
                verdicts[digest] = exc.message
        kind = verdicts[digest]
        if isinstance(kind, str):
            raise BundleRejected("attachment_invalid", f"{rec['id']}: {kind}")
        if rec["media_type"] != kind.media_type:
            raise BundleRejected(
                "attachment_invalid", f"{rec['id']}: 记录的类型 {rec['media_type'][:60]} "
                f"与内容（{kind.media_type}）不符")
        wanted = safe_name(rec["name"], kind)
        if wanted != rec["name"]:
            raise BundleRejected(
                "attachment_invalid", f"{rec['id']}: 文件名不规范（应为“{wanted}”）")
