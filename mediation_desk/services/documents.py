"""Generating the mediation papers and the case file, and keeping the document register.

``DocumentService(store).generate(actor, case_key, kind)`` loads the case with
everything around it, renders the PDF (no Qt) and records the generation
(kind, time, PDF hash, content hash, keyed verification code, pages) through the
audit trail. Blank forms need no case, carry no code and are not registered; the code and
the QR code are made by :mod:`.verification`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..documents.agreement_docs import jc_window_problem
from ..documents.case_file import FileRecord, build_case_file
from ..documents.data import CaseBundle
from ..documents.fonts import DocumentFont, document_font
from ..documents.kinds import ALL_KINDS, CASE_FILE, check_kind, render_kind, title_of
from ..documents.printable import refuse_unprintable
from ..domain.documents import SCHEME_KEYED, normalize_code
from ..domain.errors import DomainError, NotFoundError
from ..domain.formatting import format_cn_date
from ..domain.models import Case, new_id
from ..domain.workdays import ESTIMATE_WARNING
from ..storage.documents import DocumentEntry
from ..storage.store import Store
from .access import check_case, require
from .calendar import load_calendar
from .settings import load_settings
from .verification import keep_new_keys, keys_for_papers, stamper

FONT_SETTING = "document_font"
"""Settings key holding an explicit font file path (overrides the automatic lookup)."""


@dataclass(frozen=True)
class GeneratedDocument:
    """A generated PDF and what identifies it."""

    kind: str
    pdf: bytes
    sha256: str
    verification_code: str
    title: str
    filename: str
    pages: int = 0
    notes: tuple[str, ...] = ()  # for the desk, never printed (e.g. an estimated deadline)

    @property
    def warning(self) -> str:
        """The notes for the desk as one Chinese text ('' when none).

        A character no installed face draws never gets this far: generation refuses it.
        """
        return "".join(self.notes)


def _filename(title: str, number: str, blank: bool) -> str:
    name = f"{title}（空白）" if blank else f"{number}{title}"
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name) + ".pdf"


class DocumentService:
    """Documents of a case: generate, register, look up by verification code."""

    def __init__(self, store: Store, *, font: DocumentFont | None = None) -> None:
        self.store = store
        self._font = font

    def font(self) -> DocumentFont:
        """The document font (setting ``document_font``, env, resources, OS).

        DomainError if none.
        """
        if self._font is None:
            self._font = document_font(self.store.directory.setting(FONT_SETTING))
        return self._font

    @staticmethod
    def kinds() -> list[tuple[str, str]]:
        """``(kind id, Chinese title)`` for every kind, in menu order."""
        return [(k, title_of(k)) for k in ALL_KINDS]

    def bundle(self, case_key: str, *, with_attachments: bool = False) -> CaseBundle:
        """Load a case with its center, mediators, events, agreement (and attachments)."""
        store = self.store
        case = store.cases.get(case_key)
        if case is None:
            raise NotFoundError("案件", case_key)
        center = store.directory.center(case.center_id) or store.directory.self_center()
        mediators = [m for m in (store.directory.mediator(i) for i in case.mediator_ids) if m]
        attachments = []
        if with_attachments:
            for att in store.items.attachments_of(case.id):
                content = store.items.blob(att.sha256)
                if content is not None:
                    attachments.append((att, content))
        return CaseBundle(center=center, case=case, mediators=mediators,
                          events=store.items.events_of(case.id),
                          agreement=store.items.agreement_of(case.id),
                          agreements=store.items.agreements_of(case.id), attachments=attachments,
                          internal_notes=self.deadline_notes(case), today=store.today(),
                          jc_due_estimated=case.jc_due_on is not None and load_calendar(
                              store).due_is_estimated(case.jc_due_on),
                          committee=load_settings(store).committee_name)

    def file_record(self, actor: str) -> FileRecord:
        """立卷人 (the logged-in account), 立卷日期 (today) and 保管期限 (setting) of a 卷宗."""
        who = self.store.principal.name if self.store.principal else actor
        return FileRecord(who, self.store.today(), load_settings(self.store).case_file_retention)

    def deadline_notes(self, case: Case) -> list[str]:
        """Internal notes on deadlines that depend on an estimated holiday year."""
        cal = load_calendar(self.store)
        status = case.status.value
        running = status in ("accepted", "mediating", "suspended")
        jc_open = status in ("agreed", "jc_withdrawn") or bool(
            case.jc_applied_on and case.jc_due_on and case.jc_applied_on > case.jc_due_on)
        out = []
        for what, due, relevant in (("调解期限", case.due_on, running),
                                    ("申请司法确认的期限", case.jc_due_on, jc_open)):
            if relevant and due is not None and cal.due_is_estimated(due):
                out.append(f"{what}截至{format_cn_date(due)}（{ESTIMATE_WARNING}：{due.year}年"
                           "国务院放假通知尚未录入，按法定节假日计算），以实际通知为准。")
        return out

    def generate(self, actor: str, case_key: str | None, kind: str, *,
                 blank: bool = False, action: str = "generate_document") -> GeneratedDocument:
        """Generate one document (or the case file) and record it in the register.

        A paper carries the parties' full ID and phone numbers, so it is the reveal's rule
        (docs/permissions.md): a director or the case's mediator, every paper registered and
        audited; a blank form, any role but read-only. ``action`` names the operation when
        another one asks for the paper (the court's intake sheet: ``intake_case_file``).
        Raises NotPermitted before anything is rendered, and DomainError with a Chinese
        reason when the case lacks what the document needs (e.g. an agreement), when the
        kind is unknown, or when no usable font is installed.
        """
        check_kind(kind)
        title = title_of(kind)
        if blank:
            require(self.store, "blank_form")
            if kind == CASE_FILE:
                raise DomainError("卷宗必须针对具体案件生成，没有空白卷宗。",
                                  code="blank_case_file")
            bundle = CaseBundle(center=self.store.directory.self_center())
            r = render_kind(kind, bundle, self.font(), None)  # no code: nothing issued
            refuse_unprintable(r.missing_glyphs, bundle)  # never a [U+XXXX] on a paper
            return GeneratedDocument(kind, r.pdf, _sha(r.pdf), r.verification_code, title,
                                     _filename(title, "", True), r.pages)
        if not case_key:
            raise DomainError("请指定案件（案号或编号），或选择生成空白文书。", code="case_missing")
        found = self.store.cases.get(case_key)
        if found is None:
            raise NotFoundError("案件", case_key)
        check_case(self.store, found, action)  # before the paper exists
        bundle = self.bundle(found.id, with_attachments=kind == CASE_FILE)
        case = bundle.case
        assert case is not None
        keys, new_keys = keys_for_papers(self.store)
        stamp, _issued = stamper(self.store, keys, kind)
        if kind == CASE_FILE:
            r = build_case_file(bundle, self.font(), stamp, self.file_record(actor))
        else:
            r = render_kind(kind, bundle, self.font(), stamp)
        refuse_unprintable(r.missing_glyphs, bundle)  # before anything is registered
        notes = tuple(filter(None, [jc_window_problem(bundle)[1]])) \
            if kind == "jc_application" else ()
        doc = GeneratedDocument(kind, r.pdf, _sha(r.pdf), r.verification_code, title,
                                _filename(title, case.number, False), r.pages, notes)
        with self.store.operation(actor, action, case_id=case.id,
                                  summary=f"{case.number}生成{title}") as work:
            me = self.store.directory.self_center()
            work.register_document(DocumentEntry(
                id=new_id(), origin=self.store.origin_code(), version=1, updated_at=work.now,
                case_id=case.id, kind=kind, created_at=work.now, sha256=doc.sha256,
                verification_code=doc.verification_code,
                actor=self.store.principal.name if self.store.principal else actor,
                center_id=me.id if me is not None else "", content_hash=r.content_hash,
                pages=r.pages, scheme=SCHEME_KEYED))
            if new_keys:  # the desk's first paper: its keys (docs/document-verification.md)
                keep_new_keys(self.store, work, keys)
        return doc

    def register(self, case_key: str) -> list[DocumentEntry]:
        """The document register of a case, oldest first."""
        case = self.store.cases.get(case_key)
        if case is None:
            raise NotFoundError("案件", case_key)
        return self.store.documents.of_case(case.id)

    def find_by_code(self, code: str) -> list[DocumentEntry]:
        """Register rows carrying a printed verification code (typed in any case, with or
        without the dash; an unreadable code finds nothing). A verdict: :mod:`.verification`."""
        printed = normalize_code(code)
        return self.store.documents.by_code(printed) if printed else []


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
