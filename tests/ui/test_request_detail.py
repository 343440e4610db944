"""The request detail: the determination with citations, the history, and steps recorded through its buttons."""

from datetime import datetime

import pytest
from PySide6.QtCore import QDate, Qt

from app.domain.cases import Status
from app.domain.time import LOS_ANGELES
from app.services.cases import Outcome
from app.ui.request_detail import RequestDetailDialog
from tests.factories import ORTHO_HAKOBYAN, make_request
from tests.support.desks import Clock, build_desk

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def service(tmp_path):
    return build_desk(tmp_path / "detail.sqlite3", clock=Clock(datetime(2025, 3, 3, 10, tzinfo=LOS_ANGELES))).cases


def _open(qtbot, service, case_id):
    dialog = RequestDetailDialog(service, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_shows_the_determination_with_its_citations_and_the_history(qtbot, service):
    case = service.submit(make_request(member={"last_name": "Nguyễn <Jr>", "first_name": "Thảo"})).case
    dialog = _open(qtbot, service, case.id)
    assert "Nguyễn <Jr>, Thảo" in dialog.windowTitle()
    text = dialog.ui.determination_view.toPlainText()
    assert "Required, from CalOptima Health" in text and "CalOptima GG.1538 II.C.1" in text
    assert "Mon Mar 10, 2025, 11:59 PM PDT" in text
    assert "new → Submitted" in dialog.ui.history_view.toPlainText()
    assert dialog.ui.approve_button.isEnabled() and not dialog.ui.close_request_button.isEnabled()


def test_approving_through_the_form_stores_the_authorization(qtbot, service):
    case = service.submit(make_request()).case
    dialog = _open(qtbot, service, case.id)
    seen = []
    dialog.changed.connect(seen.append)
    qtbot.keyClicks(dialog.ui.auth_edit, "AUTH-2025-77")
    dialog.ui.valid_from_edit.setDate(QDate(2025, 3, 4))
    dialog.ui.valid_to_edit.setDate(QDate(2025, 6, 30))
    qtbot.mouseClick(dialog.ui.approve_button, LEFT)
    stored = service.get(case.id)
    assert stored.status == Status.approved and stored.authorization.number == "AUTH-2025-77"
    assert str(stored.authorization.valid_to) == "2025-06-30"
    assert seen == [case.id]
    assert "Approved" in dialog.ui.title_label.text()
    assert dialog.ui.schedule_button.isEnabled() and not dialog.ui.approve_button.isEnabled()


def test_a_denial_without_reasons_says_what_to_add_and_changes_nothing(qtbot, service):
    case = service.submit(make_request()).case
    dialog = _open(qtbot, service, case.id)
    qtbot.mouseClick(dialog.ui.deny_button, LEFT)
    assert "reason: required when the request is denied" in dialog.ui.error_label.text()
    assert service.get(case.id).status == Status.pending_authorization


def test_a_change_made_at_another_desk_is_not_overwritten(qtbot, service):
    case = service.submit(make_request()).case
    dialog = _open(qtbot, service, case.id)
    service.decide(case.id, Outcome.approved, authorization_number="OTHER-DESK")
    qtbot.keyClicks(dialog.ui.reason_edit, "No criteria met")
    qtbot.mouseClick(dialog.ui.deny_button, LEFT)
    assert "changed at another desk" in dialog.ui.error_label.text()
    assert service.get(case.id).authorization.number == "OTHER-DESK"


def test_scheduling_the_consult_then_the_report(qtbot, service):
    case = service.submit(make_request(plan="hpsj-medi-cal", requested_provider_npi=ORTHO_HAKOBYAN)).case
    dialog = _open(qtbot, service, case.id)
    dialog.ui.date_edit.setDate(QDate(2025, 3, 5))
    qtbot.keyClicks(dialog.ui.npi_edit, ORTHO_HAKOBYAN)
    qtbot.mouseClick(dialog.ui.schedule_button, LEFT)
    assert service.get(case.id).status == Status.consult_scheduled
    assert "report due Fri Apr 4, 2025, 11:59 PM PDT" in dialog.ui.clocks_label.text()
    dialog.ui.date_edit.setDate(QDate(2025, 3, 20))
    qtbot.mouseClick(dialog.ui.report_received_button, LEFT)
    assert service.get(case.id).status == Status.report_received


def test_every_field_has_an_accessible_name(qtbot, service):
    case = service.submit(make_request()).case
    dialog = _open(qtbot, service, case.id)
    for widget in (dialog.ui.auth_edit, dialog.ui.valid_from_edit, dialog.ui.valid_to_edit, dialog.ui.reason_edit,
                   dialog.ui.date_edit, dialog.ui.npi_edit):
        assert widget.accessibleName()

