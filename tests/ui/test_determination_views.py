"""One wording for a determination: the intake and the request screen (determination_html) and `sodesk evaluate
--text` (determination_text) read the same answers from app.services.summary."""

from html import unescape

import pytest

from app.services.summary import determination_text, summary_rows
from app.ui.request_detail import determination_html
from tests.factories import ORTHO_HAKOBYAN


@pytest.mark.parametrize("changes", [{}, {"requested_provider_npi": ORTHO_HAKOBYAN}, {"urgent": True}],
                         ids=["none chosen", "chosen", "urgent"])
def test_the_screens_and_the_cli_say_the_same_answers(determine, changes):
    determination = determine(**changes)
    html, text = unescape(determination_html(determination)), determination_text(determination)
    for label, value in summary_rows(determination):
        assert f"<b>{label}</b></td><td>{value}</td>" in html
        assert f"{label + ':':<16} {value}" in text
    for finding in determination.findings:
        assert finding.message in html and finding.message in text
