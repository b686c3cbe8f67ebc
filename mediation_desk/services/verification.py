"""Verification codes anyone can check (文书核验): the keyed code, the QR, and the verdicts.

**The code** printed on every page is ``HMAC-SHA256(K, CONTEXT || content_hash)``, its first
50 bits in Crockford base32 (``7K2QM-9XD4A``). ``K`` is derived (HKDF-SHA256) from the
desk's Ed25519 signing key, which ``init`` creates (a desk without one gets its keys with
its first paper, inside that paper's operation). Without ``K`` nobody can give
altered content a valid code, and guessing one of 2^50 codes is hopeless. The same content
always gets the same code (no random part), so a paper regenerated is byte-identical.

**The QR code** on the last page holds ``MDV1:<desk>:<code>:<kind>:<YYYYMMDD>:<signature>``:
the desk's code, the printed code, the kind, the date the paper was first issued (from the
register, so a regeneration prints the same date) and an Ed25519 signature (base64url, no
padding) over ``mediation-desk/document/v1\\0`` and the first five fields joined by ``:``.
A court holding the desk's card checks it offline without the register.

**A verdict** comes from the register (this desk's rows and those bundles brought from the
desks it trusts): a PDF whose SHA-256 is registered is genuine; a PDF carrying a registered
code whose bytes differ was altered; an unknown code was not issued here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..documents.page import Stamp, Stamper
from ..domain.documents import (
    CODE_IN_TEXT,
    SCHEME_KEYED,
    DocumentRecord,
    format_code,
    normalize_code,
)
from ..domain.errors import DomainError
from ..exchange.keys import DeskKeys, PublicKeys
from ..storage.store import Store, Work
from .access import require

CODE_CONTEXT = b"mediation-desk/document-code/v1\x00"
KEY_INFO = b"mediation-desk/document-key/v1"
QR_CONTEXT = b"mediation-desk/document/v1\x00"
QR_PREFIX = "MDV1"

ISSUED_HERE = "issued_here"
ISSUED_BY_PEER = "issued_by_peer"
ALTERED = "altered"
NOT_FOUND = "not_found"

VERDICT_TITLES = {ISSUED_HERE: "本机签发", ISSUED_BY_PEER: "调解中心签发",
                  ALTERED: "已被修改", NOT_FOUND: "未找到"}


# -- issuing ---------------------------------------------------------------------------
def document_key(keys: DeskKeys) -> bytes:
    """The desk's secret for verification codes, derived from its signing key."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=KEY_INFO).derive(keys.signing_private)


def keyed_code(key: bytes, content_hash: str) -> str:
    """The printed code of a content hash under the desk's document key."""
    mac = hmac.new(key, CODE_CONTEXT + content_hash.encode("ascii"), hashlib.sha256).digest()
    return format_code(int.from_bytes(mac[:8], "big") >> 14)


def qr_message(desk: str, code: str, kind: str, issued: str) -> bytes:
    """What the QR's signature signs (``issued`` as YYYYMMDD)."""
    return QR_CONTEXT + ":".join((desk, code, kind, issued)).encode("utf-8")


def qr_payload(keys: DeskKeys, desk: str, code: str, kind: str, issued: date) -> str:
    """The QR text of an issued paper (module docstring)."""
    day = issued.strftime("%Y%m%d")
    sig = base64.urlsafe_b64encode(keys.sign(qr_message(desk, code, kind, day)))
    return ":".join((QR_PREFIX, desk, code, kind, day, sig.decode("ascii").rstrip("=")))


@dataclass(frozen=True)
class QrContent:
    """A QR payload read back: its fields and whether a trusted key signed it."""

    desk: str
    code: str
    kind: str
    issued: str  # YYYYMMDD
    signature: bytes


def parse_qr(text: str) -> QrContent | None:
    """The fields of a QR payload, or None when it is not one of ours."""
    parts = text.strip().split(":")
    if len(parts) != 6 or parts[0] != QR_PREFIX or not re.fullmatch(r"\d{8}", parts[4]):
        return None
    try:
        sig = base64.urlsafe_b64decode(parts[5] + "=" * (-len(parts[5]) % 4))
    except ValueError:
        return None
    code = normalize_code(parts[2])
    if code is None or len(sig) != 64:
        return None
    return QrContent(parts[1], code, parts[3], parts[4], sig)


def qr_signed_by(content: QrContent, public: PublicKeys) -> bool:
    """Whether ``public`` signed this QR payload."""
    return public.verify(content.signature, qr_message(content.desk, content.code,
                                                       content.kind, content.issued))


def keys_for_papers(store: Store) -> tuple[DeskKeys, bool]:
    """This desk's keys and whether they are new: a desk without keys (a GUI first run makes
    none) gets fresh ones, which the caller stores inside the operation that issues the
    paper (:func:`keep_new_keys`), so whoever may issue it may make them."""
    found = store.exchange.load_keys()
    if found is not None:
        return DeskKeys(*found), False
    return DeskKeys.generate(), True


def keep_new_keys(store: Store, work: Work, keys: DeskKeys) -> None:
    """Inside the issuing operation: store the desk's first keys, noted in its audit row."""
    if store.exchange.load_keys() is not None:  # made meanwhile: this paper's code is void
        raise DomainError("本单位的密钥刚刚由另一项操作生成，请重新生成这份文书。",
                          code="keys_changed")
    store.exchange.save_keys(keys.signing_private, keys.encryption_private, work.now)
    work.note("desk_keys", "self", {"fingerprint": [None, keys.public.fingerprint]})


def stamper(store: Store, keys: DeskKeys, kind: str) -> tuple[Stamper, list[Stamp]]:
    """A :data:`Stamper` for one paper of ``kind`` and the list it records its stamp in.

    The date in the QR is the day the desk first issued this code (today for a new one).
    """
    desk = store.origin_code()
    key = document_key(keys)
    issued: list[Stamp] = []

    def stamp(content_hash: str) -> Stamp:
        code = keyed_code(key, content_hash)
        first = store.documents.first_issued(desk, code)
        day = local_date(first) if first else store.today()
        result = Stamp(code, qr_payload(keys, desk, code, kind, day))
        issued.append(result)
        return result
    return stamp, issued


# -- checking --------------------------------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    """What checking a paper found.

    ``status`` is one of :data:`ISSUED_HERE`, :data:`ISSUED_BY_PEER`, :data:`ALTERED`,
    :data:`NOT_FOUND`; ``entry`` the register row it rests on (None when not found);
    ``issuer`` the issuing desk's name; ``case_number`` and ``parties`` (masked) the case;
    ``title`` the kind's title; ``issued_on`` the first issue date; ``notes`` further facts
    in plain Chinese (a QR signature checked, a first-version code, ...).
    """

    status: str
    code: str = ""
    entry: DocumentRecord | None = None
    issuer: str = ""
    case_number: str = ""
    parties: str = ""
    title: str = ""
    issued_on: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def headline(self) -> str:
        """The verdict in one Chinese phrase (本机签发 / …调解中心签发 / 已被修改 / 未找到)."""
        if self.status == ISSUED_BY_PEER:
            return f"{self.issuer or '其他单位'}签发"
        return VERDICT_TITLES[self.status]

    def lines(self) -> list[str]:
        """The verdict as the command line and the screen show it."""
        out = [f"核验结果：{self.headline}"]
        if self.code:
            out.append(f"校验码：{self.code}")
        if self.issuer:
            out.append(f"签发单位：{self.issuer}")
        if self.entry is not None:
            out += [f"案件：{self.case_number}", f"当事人：{self.parties or '—'}"]
        if self.title:
            out.append(f"文书：{self.title}")
        if self.issued_on:
            out.append(f"首次签发日期：{self.issued_on}")
        out += self.notes
        return out


def mask_name(name: str) -> str:
    """A party's name for a verdict: the first character, the rest as ＊ (an organisation
    keeps its first two and last two characters)."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) > 6:
        return name[:2] + "＊" * (len(name) - 4) + name[-2:]
    return name[0] + "＊" * (len(name) - 1)


class VerificationService:
    """Checks a PDF or a printed code against the document register (read only)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def check_code(self, text: str) -> Verdict:
        """The verdict on a code typed from paper or read from the QR.

        DomainError when the text cannot be a code (naming what a code looks like).
        """
        require(self.store, "verify_document")
        qr = parse_qr(text) if text.strip().startswith(QR_PREFIX + ":") else None
        code = qr.code if qr is not None else normalize_code(text)
        if code is None:
            raise DomainError("校验码格式不对：应为文书页脚“校验码”后的 10 位字母数字"
                              "（如 7K2QM-9XD4A），或旧版的 8 位（如 1A2B-3C4D）。",
                              code="bad_code")
        entries = self.store.documents.by_code(code)
        signer, notes = self._qr_check(qr) if qr is not None else ("", [])
        if not entries and qr is not None and signer:
            return Verdict(ISSUED_HERE if qr.desk == self.store.origin_code() else ISSUED_BY_PEER,
                           code, None, signer, title=_title(qr.kind),
                           issued_on=f"{qr.issued[:4]}-{qr.issued[4:6]}-{qr.issued[6:]}",
                           notes=(*notes, "本机的文书登记中还没有这份文书"
                                  "（对方的交换文件尚未导入），案件信息无法核对。"))
        if not entries:
            return Verdict(NOT_FOUND, code, notes=(
                *notes, "本机的文书登记中没有这个校验码：不是本机（或本机信任的调解中心）"
                "签发的文书，或者校验码抄错了。"))
        if qr is not None:
            first = entries[-1]
            if (qr.desk, qr.kind) != (first.origin, first.kind):
                notes.append(f"二维码标明的签发单位或文书类型（{qr.desk}，{_title(qr.kind)}）"
                             "与文书登记不符：二维码可能被改动过。")
        return self._found(entries, code, notes)

    def check_pdf(self, data: bytes) -> Verdict:
        """The verdict on a PDF file: registered bytes, altered, or not found."""
        require(self.store, "verify_document")
        if not data.startswith(b"%PDF"):
            raise DomainError("这不是 PDF 文件，无法核验。请选择调解工作台生成的 PDF 文书。",
                              code="not_pdf")
        sha = hashlib.sha256(data).hexdigest()
        entries = self.store.documents.by_sha256(sha)
        if entries:
            return self._found(entries, entries[0].verification_code,
                               ["文件与签发时的文件完全一致（SHA-256 相同）。"])
        code = printed_code(data)
        if code is None:
            return Verdict(NOT_FOUND, notes=("文件中找不到校验码：不是调解工作台签发的文书，"
                                             "或是空白文书。",))
        entries = self.store.documents.by_code(code)
        if not entries:
            return Verdict(NOT_FOUND, code, notes=(
                "本机的文书登记中没有这个校验码：不是本机（或本机信任的调解中心）签发的文书。",))
        found = self._found(entries, code, [])
        return Verdict(ALTERED, code, found.entry, found.issuer, found.case_number,
                       found.parties, found.title, found.issued_on, (
                           "文件上的校验码是登记过的，但文件内容与签发时不同（SHA-256 不一致）："
                           "文件在签发后被改动过，请以调解组织留存或重新打印的文书为准。",))

    # -- helpers -------------------------------------------------------------------------
    def _found(self, entries: list[DocumentRecord], code: str, notes: list[str]) -> Verdict:
        entry = entries[-1]  # the first issue (newest first)
        me = self.store.origin_code()
        status = ISSUED_HERE if entry.origin in ("", me) else ISSUED_BY_PEER
        issuer = self._issuer(entry)
        case = self.store.cases.get(entry.case_id, include_deleted=True)
        number = case.number if case is not None else "（本机没有该案件）"
        parties = "、".join(mask_name(p.name) for p in case.parties if not p.deleted) \
            if case is not None else ""
        title = _title(entry.kind)
        if entry.scheme != SCHEME_KEYED:
            notes.append("这是旧版校验码（未加密钥），只能说明登记过，不能排除他人计算。")
        if len(entries) > 1:
            notes.append(f"同一文书共登记{len(entries)}次（重新生成或打印）。")
        return Verdict(status, code, entry, issuer, number, parties, title,
                       local_date(entry.created_at).isoformat(), tuple(notes))

    def _issuer(self, entry: DocumentRecord) -> str:
        if entry.origin in ("", self.store.origin_code()):
            me = self.store.directory.self_center()
            return me.name if me is not None else "本机"
        center = self.store.directory.center(entry.center_id) if entry.center_id else None
        if center is not None:
            return center.name
        rows = self.store.exchange.trusted(entry.origin)
        return str(rows[0]["name"]) if rows else entry.origin

    def _qr_check(self, qr: QrContent) -> tuple[str, list[str]]:
        """``(issuer name, notes)``: the name only when a key this desk trusts signed it."""
        me = self.store.directory.self_center()
        name = ""
        if me is not None and qr.desk == me.code:
            found = self.store.exchange.load_keys()
            public = DeskKeys(*found).public if found is not None else None
            name = me.name
        else:
            rows = [r for r in self.store.exchange.trusted(qr.desk) if not r["revoked"]]
            public = PublicKeys(bytes(rows[0]["signing_public"]),
                                bytes(rows[0]["encryption_public"])) if rows else None
            name = str(rows[0]["name"]) if rows else ""
        if public is None:
            return "", [f"二维码标明由{qr.desk}签发，本机不信任该单位（没有它的名片），"
                        "无法核对签名。"]
        if qr_signed_by(qr, public):
            return name, [f"二维码签名有效（{name}的密钥）。"]
        return "", ["二维码签名与本机所知该单位的现用密钥不符：可能是该单位更换密钥前签发的，"
                    "也可能二维码被改动过；请以文书登记为准。"]


def local_date(stamp: str) -> date:
    """The local calendar day of a stored UTC time (``created_at``)."""
    return datetime.fromisoformat(stamp).astimezone().date()


def _title(kind: str) -> str:
    from ..documents.kinds import ALL_KINDS, title_of

    return title_of(kind) if kind in ALL_KINDS else kind


def printed_code(pdf: bytes) -> str | None:
    """The verification code a PDF carries: in its metadata (Subject) or its page text."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    quiet = logging.getLogger("pypdf")  # an altered file's repairs are the verdict, not news
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(pdf))
        meta = reader.metadata if not reader.is_encrypted else None
        subject = meta.get("/Subject") if meta is not None else None
        code = normalize_code(str(subject)) if subject else None
        if code is not None:
            return code
        for page in reader.pages[-1:] if not reader.is_encrypted else []:
            text = re.sub(r"\s+", " ", page.extract_text() or "")
            m = CODE_IN_TEXT.search(text)
            if m:
                return normalize_code(m.group(1))
    except (PyPdfError, ValueError, OSError, KeyError, TypeError):
        return None
    finally:
        quiet.setLevel(level)
    return None
