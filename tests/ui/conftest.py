import pytest


@pytest.fixture
def service(make_desk, db_target):
    """The intake form's case service on each engine (the form behaves the same over a desk's file and the office
    server): the synthetic cast, on the `clock` fixture (at tests.support.intake.NOW). A module's own `service`
    replaces it."""
    return make_desk(db_target).cases


@pytest.fixture
def dialog(qtbot, service):
    """The intake form (IntakeDialog) shown over `service`, told it is tests.support.intake.NOW. A module's own
    `dialog` replaces it."""
    from app.ui.intake_dialog import IntakeDialog
    from tests.support.intake import NOW

    shown = IntakeDialog(service, now=NOW)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown
