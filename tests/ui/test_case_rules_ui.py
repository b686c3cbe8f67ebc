"""The corrected case rules on the case page: tooltips, forms, warnings (issue 9)."""

from __future__ import annotations

from mediation_desk.domain.enums import AgreementForm, CaseStatus, EndReason
from mediation_desk.domain.state_machine import END_REASONS_BEFORE_ASSIGNMENT, Action, TrialOutcome
from mediation_desk.services.mediation import AgreementInput
from tests.conftest import case_input
from tests.ui.case_helpers import add_mediator
from tests.ui.conftest import type_text
from tests.ui.test_case_detail import open_page, save, start

TRIAL_NO = "（2026）鲁0303民初88号"


def _agreed(services, *, form=AgreementForm.WRITTEN, **case_kw):
    cs, actor = services.cases, services.actor
    mediator = add_mediator(services)
    c = cs.register(actor, case_input(**case_kw))
    cs.accept(actor, c.id)
    cs.assign(actor, c.id, [mediator.id])
    cs.record_agreement(actor, c.id, AgreementInput(
        clauses=["李四三日内清理通道杂物", "李四赔偿张三500元"], form=form,
        performance_method="现金"))
    return c


def test_oral_agreement_tooltip_explains_and_written_version_unlocks_jc(qtbot, services):
    c = _agreed(services, form=AgreementForm.ORAL)
    page = open_page(qtbot, services, c.id)
    jc = page.view.action_buttons[Action.APPLY_JC]
    assert not jc.isEnabled()
    assert "口头协议不能申请司法确认" in jc.toolTip() and "第三百五十四条" in jc.toolTip()

    form = start(qtbot, page, Action.RECORD_WRITTEN_AGREEMENT)
    assert form.objectName() == "action_record_written_agreement"
    assert form.form_kind.value() is AgreementForm.WRITTEN and not form.form_kind.isEnabled()
    assert form.clauses.clauses() == ["李四三日内清理通道杂物", "李四赔偿张三500元"]
    assert form.method.text() == "现金"
    save(qtbot, form)
    qtbot.waitUntil(lambda: page.view.action_buttons[Action.APPLY_JC].isEnabled())
    assert services.cases.agreement(c.id).form is AgreementForm.WRITTEN
    assert not page.view.action_buttons[Action.RECORD_WRITTEN_AGREEMENT].isEnabled()


def test_entrusted_case_tooltip_and_return_with_the_courts_document(qtbot, services):
    c = _agreed(services, source="court_entrusted", court_case_number=TRIAL_NO)
    page = open_page(qtbot, services, c.id)
    jc = page.view.action_buttons[Action.APPLY_JC]
    assert not jc.isEnabled() and "委托调解的案件不申请司法确认" in jc.toolTip()

    form = start(qtbot, page, Action.RETURN_TO_TRIAL)
    form.inputs["outcome"].set_value(TrialOutcome.MEDIATION_DOCUMENT)
    type_text(qtbot, form.inputs["document_number"], "（2026）鲁0303民特3号")
    warning = form.warnings["document_number"]
    assert warning.isVisible() and "民初" in warning.text()  # amber, not an error
    form.inputs["document_number"].clear()
    type_text(qtbot, form.inputs["document_number"], TRIAL_NO)
    assert not warning.isVisible()
    save(qtbot, form)
    qtbot.waitUntil(lambda: services.cases.get(c.id).status is CaseStatus.RETURNED_TO_TRIAL)
    event = [e for e in services.cases.events(c.id)
             if e.data.get("action") == "return_to_trial"][-1]
    assert event.data["outcome"] == "mediation_document"
    assert event.data["document_number"] == TRIAL_NO


def test_accepted_case_terminate_form_offers_reasons_3_4_8(qtbot, services):
    cs = services.cases
    c = cs.register(services.actor, case_input())
    cs.accept(services.actor, c.id)
    page = open_page(qtbot, services, c.id)
    form = start(qtbot, page, Action.TERMINATE)
    combo = form.inputs["reason"]
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert offered == [r.value for r in END_REASONS_BEFORE_ASSIGNMENT]
    combo.set_value(EndReason.UNWILLING)
    save(qtbot, form)
    qtbot.waitUntil(lambda: cs.get(c.id).status is CaseStatus.TERMINATED)


def test_ruling_number_type_code_warned_as_typed(qtbot, services):
    c = _agreed(services)
    services.cases.apply_jc(services.actor, c.id)
    page = open_page(qtbot, services, c.id)
    form = start(qtbot, page, Action.JC_CONFIRM)
    type_text(qtbot, form.inputs["ruling"], "（2026）鲁0303民初5号")
    assert "民特" in form.warnings["ruling"].text()
    save(qtbot, form)  # a warning does not block
    qtbot.waitUntil(lambda: services.cases.get(c.id).status is CaseStatus.JC_CONFIRMED)
