"""Drafts are saved as they are typed and survive the process being killed."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.domain.cases import Status
from app.errors import InputProblem
from app.services.cases import CaseProblem, DraftAutosaver
from tests.factories import make_request, request_data
from tests.support.desks import Clock

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def service(seeded_desk):
    return seeded_desk.cases


def test_a_draft_keeps_whatever_was_typed_and_submits_when_complete(service):
    partial = {"plan": "caloptima-medi-cal", "member": {"last_name": "Testcase", "first_name": "Ro"}}
    draft = service.save_draft(partial)
    assert draft.status == Status.draft and draft.member_label == "Testcase, Ro"
    draft = service.save_draft(request_data(), draft.id)
    submitted = service.submit_draft(draft.id).case
    assert submitted.status == Status.pending_authorization
    assert submitted.draft is None and submitted.request.member.first_name == "Rosa"
    assert [h.to_status for h in submitted.history] == [Status.draft, Status.submitted,
                                                         Status.pending_authorization]


def test_submitting_an_incomplete_draft_names_every_missing_field_and_keeps_it(service):
    draft = service.save_draft({"plan": "caloptima-medi-cal", "member": {"last_name": "Testcase"}})
    with pytest.raises(InputProblem) as raised:
        service.submit_draft(draft.id)
    message = raised.value.render()
    assert "member.first_name: required, but missing" in message and "received_at: required" in message
    kept = service.get(draft.id)
    assert kept.status == Status.draft and kept.draft["member"]["last_name"] == "Testcase"


def test_saving_a_draft_that_may_duplicate_an_open_request_asks_first_in_the_same_call(service):
    earlier = service.submit(make_request()).case
    draft = service.save_draft(request_data())
    asked = []

    def decline(request, duplicates):
        asked.append((request.member.member_id, [case.id for case in duplicates]))
        return False

    assert service.submit_draft(draft.id, confirm_duplicates=decline) is None
    assert asked == [("TST000001", [earlier.id])]
    assert service.get(draft.id).status == Status.draft, "declined: the draft is kept as it was"
    submitted = service.submit_draft(draft.id, confirm_duplicates=lambda request, duplicates: True)
    assert submitted.case.status == Status.pending_authorization
    assert [case.id for case in submitted.duplicates] == [earlier.id]


def test_a_submitted_request_is_no_longer_a_draft(service):
    draft = service.save_draft(request_data())
    service.submit_draft(draft.id)
    with pytest.raises(CaseProblem, match="already submitted"):
        service.save_draft({"plan": "x"}, draft.id)
    assert service.drafts() == []


def test_autosave_after_a_pause_and_never_more_than_a_second_behind(service):
    clock = Clock(0.0)  # seconds, as time.monotonic counts them
    saver = DraftAutosaver(service, pause=0.3, max_wait=1.0, clock=clock)
    saver.changed({"notes": "a"})
    clock.now = 0.2
    assert not saver.tick(), "still typing: wait for a pause"
    clock.now = 0.55
    assert saver.tick(), "a pause of 0.3 s saves"
    for step in range(1, 20):  # typing steadily every 0.1 s, never pausing
        clock.now = 1.0 + step * 0.1
        saver.changed({"notes": "x" * step})
        if saver.tick():
            break
    assert clock.now - 1.1 <= 1.0 + 1e-9, "saved within a second of the first unsaved keystroke"
    assert service.get(saver.case_id).draft == {"notes": "x" * step}


WRITER = r"""
import sys, time
from tests.support.desks import build_desk
from app.services.cases import DraftAutosaver
service = build_desk(sys.argv[1]).cases
saver = DraftAutosaver(service)
text = ""
while True:                      # a clerk typing a note, one character every 20 ms, until killed
    text += "abcdefghij"[len(text) % 10]
    saver.changed({"plan": "hpsj-medi-cal", "notes": text})
    if saver.tick():
        print(f"saved {saver.case_id} {len(text)}", flush=True)
    time.sleep(0.02)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_the_draft_is_there_after_kill_9(tmp_path):
    db = tmp_path / "killed.sqlite3"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    saves = []
    deadline = time.monotonic() + 60
    while len(saves) < 3 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if line.startswith("saved"):
            saves.append(line.split())
    time.sleep(0.4)  # keep typing a little after the last save we saw
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL
    assert len(saves) == 3, "the writer saved its draft while typing"

    from app.storage.cases import CaseFilter, CaseRepository
    from app.storage.db import open_db

    drafts = CaseRepository(open_db(db)).find(CaseFilter(statuses=(Status.draft,)))
    assert len(drafts) == 1
    notes = drafts[0].draft["notes"]
    assert notes == "abcdefghij" * (len(notes) // 10) + "abcdefghij"[: len(notes) % 10]
    assert len(notes) >= int(saves[-1][2]), "nothing already saved was lost"
    assert json.dumps(drafts[0].draft)
