"""The document kinds, their titles and builders, and one entry point to render them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..domain.errors import DomainError
from . import (
    agreement_docs,
    correction_docs,
    ending_docs,
    intake_docs,
    procedure_docs,
    record_docs,
    service_docs,
)
from .data import CaseBundle
from .fonts import DocumentFont
from .page import Rendered, Stamper, render, unkeyed_stamp
from .spec import DocSpec


@dataclass(frozen=True)
class Kind:
    """A document kind: id (command line), Chinese title, builder."""

    id: str
    title: str
    build: Callable[[CaseBundle], DocSpec]


KINDS: dict[str, Kind] = {k.id: k for k in (
    Kind("application", "人民调解申请书", intake_docs.application),
    Kind("acceptance", "人民调解受理登记表", intake_docs.acceptance),
    Kind("rights_notice", "人民调解当事人权利义务告知书", intake_docs.rights_notice),
    Kind("service_address", "送达地址确认书", service_docs.service_address),
    Kind("power_of_attorney", "授权委托书", service_docs.power_of_attorney),
    Kind("recusal_decision", "人民调解员回避决定书", procedure_docs.recusal_decision),
    Kind("investigation", "人民调解调查记录", record_docs.investigation),
    Kind("session_record", "人民调解记录", record_docs.session_record),
    Kind("extension_consent", "延期调解同意书", procedure_docs.extension_consent),
    Kind("agreement", "人民调解协议书", agreement_docs.agreement),
    Kind("oral_agreement", "人民调解口头协议登记表", agreement_docs.oral_agreement),
    Kind("supplementary_agreement", "人民调解补充协议", correction_docs.supplementary_agreement),
    Kind("correction_note", "更正说明", correction_docs.correction_note),
    Kind("termination", "终止人民调解告知书", ending_docs.termination),
    Kind("undisputed_facts", "无争议事实确认书", ending_docs.undisputed_facts),
    Kind("jc_application", "司法确认申请书", agreement_docs.jc_application),
    Kind("court_report", "调解情况报告", ending_docs.court_report),
    Kind("transfer_letter", "案件材料移送函", procedure_docs.transfer_letter),
    Kind("service_receipt", "送达回证", service_docs.service_receipt),
    Kind("closing_report", "调解终结报告", procedure_docs.closing_report),
    Kind("followup", "人民调解回访记录", record_docs.followup),
)}
CASE_FILE = "case_file"
ALL_KINDS: tuple[str, ...] = (*KINDS, CASE_FILE)
"""Every kind id, in the order a menu lists them (the case file last)."""


def title_of(kind: str) -> str:
    """Chinese title of a kind id."""
    if kind == CASE_FILE:
        return "人民调解卷宗"
    return KINDS[check_kind(kind)].title


def check_kind(kind: str) -> str:
    """Return ``kind`` if known; raise DomainError listing the valid ids otherwise."""
    if kind not in KINDS and kind != CASE_FILE:
        raise DomainError(f"未知的文书类型：{kind}（可选：{'、'.join(ALL_KINDS)}）",
                          code="unknown_kind")
    return kind


def build_spec(kind: str, bundle: CaseBundle) -> DocSpec:
    """The content of one document (raises DomainError when the case lacks what it needs)."""
    return KINDS[check_kind(kind)].build(bundle)


def render_kind(kind: str, bundle: CaseBundle, font: DocumentFont,
                stamp: Stamper | None = unkeyed_stamp) -> Rendered:
    """Build and render one (non case-file) document; ``stamp`` None: no code (blank forms)."""
    return render(build_spec(kind, bundle), font, stamp)
