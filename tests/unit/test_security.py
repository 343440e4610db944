"""Users, roles and sign-in: wrong passwords, lockout and its expiry, and every role refused every action it may
not do, through the services themselves (not the screens)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from app.errors import InputProblem
from app.services.cases import Outcome
from app.services.exports import ExportService
from app.services.letters import LetterService, letters_folder_for
from app.services.security import (
    MAX_FAILED,
    PERMISSIONS,
    Action,
    AuthService,
    NotAllowed,
    Role,
    Session,
    SettingsService,
    SignInFailed,
    require,
)
from app.storage.audit import AuditLog
from app.storage.letters import LetterRepository
from app.storage.providers import ProviderRepository
from tests.factories import make_request
from tests.support.desks import FAST, PASSWORD, Clock, add_users, build_desk

T0 = datetime(2025, 3, 3, 17, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock():
    """The sign-in clock (UTC), for lockouts."""
    return Clock(T0)


def desk(path, clock):
    """A case service on a database with an admin, a reviewer and a front-desk user (add_users)."""
    cases = build_desk(path).cases
    auth = AuthService(cases.repository.db, clock=clock, hasher=FAST, lockout_minutes=15)
    admin = add_users(auth)
    return cases, auth, admin


@pytest.fixture
def setup(tmp_path, clock):
    return desk(tmp_path / "desk.sqlite3", clock)


def test_the_first_start_creates_the_admin_and_only_once(tmp_path, clock):
    cases = build_desk(tmp_path / "desk.sqlite3").cases
    auth = AuthService(cases.repository.db, clock=clock, hasher=FAST)
    assert auth.needs_first_admin()
    session = auth.create_first_admin("Admin", "Ada Admin", PASSWORD)
    assert session == Session("admin", Role.admin, "Ada Admin")
    assert not auth.needs_first_admin()
    with pytest.raises(NotAllowed, match="already has users"):
        auth.create_first_admin("other", "Other", PASSWORD)
    stored = auth.users.get("admin")
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash


def test_a_short_password_is_refused(tmp_path, clock):
    auth = AuthService(build_desk(tmp_path / "d.sqlite3").store, clock=clock, hasher=FAST)
    with pytest.raises(InputProblem, match="at least 10 characters"):
        auth.create_first_admin("admin", "Ada", "short")


def test_sign_in_with_the_right_password(setup):
    _cases, auth, _admin = setup
    assert auth.sign_in("REV", PASSWORD) == Session("rev", Role.reviewer, "Rhea Reviewer")


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(setup):
    _cases, auth, _admin = setup
    with pytest.raises(SignInFailed, match="the user name or the password is wrong"):
        auth.sign_in("rev", "not the password")
    with pytest.raises(SignInFailed, match="the user name or the password is wrong"):
        auth.sign_in("nobody", PASSWORD)


def test_five_failed_sign_ins_lock_the_account_until_the_lockout_expires(setup, clock):
    _cases, auth, _admin = setup
    for attempt in range(1, MAX_FAILED):
        with pytest.raises(SignInFailed, match=f"{MAX_FAILED - attempt} more tr"):
            auth.sign_in("desk", "guess number %d" % attempt)
    with pytest.raises(SignInFailed, match="locked until"):
        auth.sign_in("desk", "the fifth guess")
    clock.now = T0 + timedelta(minutes=14)
    with pytest.raises(SignInFailed, match="locked until"):  # even the right password, while locked
        auth.sign_in("desk", PASSWORD)
    clock.now = T0 + timedelta(minutes=15, seconds=1)
    assert auth.sign_in("desk", PASSWORD).role == Role.front_desk
    user = auth.users.get("desk")
    assert user.failed_count == 0 and user.locked_until is None


def test_a_success_resets_the_count_of_failures(setup):
    _cases, auth, _admin = setup
    for _ in range(MAX_FAILED - 1):
        with pytest.raises(SignInFailed):
            auth.sign_in("desk", "wrong wrong wrong")
    auth.sign_in("desk", PASSWORD)
    with pytest.raises(SignInFailed, match="4 more tries"):
        auth.sign_in("desk", "wrong wrong wrong")


def test_an_admin_unlocks_and_disables(setup):
    _cases, auth, admin = setup
    for _ in range(MAX_FAILED):
        with pytest.raises(SignInFailed):
            auth.sign_in("desk", "wrong wrong wrong")
    auth.unlock(admin, "desk")
    assert auth.sign_in("desk", PASSWORD)
    auth.set_active(admin, "desk", False)
    with pytest.raises(SignInFailed, match="disabled"):
        auth.sign_in("desk", PASSWORD)


def test_the_last_admin_cannot_be_disabled_or_demoted(setup):
    _cases, auth, admin = setup
    with pytest.raises(InputProblem, match="only active admin"):
        auth.set_active(admin, "admin", False)
    with pytest.raises(InputProblem, match="only active admin"):
        auth.set_role(admin, "admin", Role.reviewer)
    auth.set_role(admin, "rev", Role.admin)
    auth.set_role(admin, "admin", Role.reviewer)  # now there is another


def test_change_password_needs_the_current_one(setup):
    _cases, auth, _admin = setup
    session = auth.sign_in("desk", PASSWORD)
    with pytest.raises(InputProblem, match="current password"):
        auth.change_password(session, "not it at all", "a brand new sentence")
    auth.change_password(session, PASSWORD, "a brand new sentence")
    assert auth.sign_in("desk", "a brand new sentence")


def test_the_refusal_says_who_may_and_who_you_are():
    with pytest.raises(NotAllowed) as raised:
        require(Session("desk", Role.front_desk), Action.decide)
    assert str(raised.value) == ("Only a reviewer or an admin may record a determination; "
                                 "you are signed in as front desk")


# --- each role refused each action it may not do, through the service layer --------------------------------


def _submitted(cases):
    return cases.submit(make_request()).case.id


def _letter_service(cases, path):
    from app.rules.profiles import default_profiles
    from app.domain.settings import Settings

    db = cases.repository.db
    return LetterService(cases.repository, LetterRepository(db), letters_folder_for(path), settings=Settings(),
                         profiles=default_profiles(), directory=ProviderRepository(db), session=cases.session)


def _do(action: Action, cases, auth, path, tmp_path):
    """Perform `action` through its service as the session the case service carries."""
    session = cases.session
    if action == Action.intake:
        return cases.save_draft({"member": {"last_name": "Testcase"}})
    if action == Action.view:
        return cases.get_for_view(1)
    if action == Action.schedule:
        return cases.withdraw(1, "member changed her mind")
    if action == Action.decide:
        return cases.decide(1, Outcome.denied, reason="criteria not met")
    if action == Action.print:
        from app.letters.model import LetterKind

        letters = _letter_service(cases, path)
        return letters.record(letters.build(cases.get(1), LetterKind.referral), b"%PDF-1.4 a letter")
    if action == Action.export:
        from app.rules.profiles import default_profiles

        exports = ExportService(cases, directory=ProviderRepository(cases.repository.db),
                                profiles=default_profiles(), pdf_for=None)
        return exports.export("caloptima-medi-cal", tmp_path / "batch")
    if action == Action.users:
        return auth.add_user(session, "newbie", "New Person", Role.front_desk, PASSWORD)
    if action == Action.settings:
        return SettingsService(cases.repository.db, session).update(report_due_days=20)
    raise AssertionError(action)


CASES = [(role, action) for role in Role for action in Action]


@pytest.mark.parametrize(("role", "action"), CASES, ids=[f"{r.value}-{a.value}" for r, a in CASES])
def test_each_role_is_allowed_exactly_what_the_table_says(tmp_path, clock, role, action):
    path = tmp_path / "desk.sqlite3"
    cases, auth, admin = desk(path, clock)
    cases.use_session(Session.system())
    _submitted(cases)
    user = {Role.admin: "admin", Role.reviewer: "rev", Role.front_desk: "desk"}[role]
    cases.use_session(auth.sign_in(user, PASSWORD))
    if role in PERMISSIONS[action]:
        _do(action, cases, auth, path, tmp_path)
    else:
        with pytest.raises(NotAllowed, match=f"you are signed in as {role.value.replace('_', ' ')}"):
            _do(action, cases, auth, path, tmp_path)


@pytest.mark.parametrize("action", [a for a in Action if a not in (Action.users,)])
def test_once_users_exist_nothing_happens_without_a_session(setup, tmp_path, action):
    cases, auth, _admin = setup
    cases.use_session(Session.system())
    _submitted(cases)
    cases.use_session(None)
    with pytest.raises(NotAllowed, match="sign in first"):
        _do(action, cases, auth, tmp_path / "desk.sqlite3", tmp_path)


def test_a_database_without_users_is_a_first_start_where_services_work(tmp_path):
    cases = build_desk(tmp_path / "desk.sqlite3").cases
    case_id = _submitted(cases)
    assert cases.decide(case_id, Outcome.denied, reason="criteria not met").status.value == "denied"


def test_decisions_views_and_sign_ins_are_in_the_audit_trail(setup):
    cases, auth, _admin = setup
    cases.use_session(Session.system())
    case_id = _submitted(cases)
    cases.use_session(auth.sign_in("rev", PASSWORD))
    cases.get_for_view(case_id)
    cases.decide(case_id, Outcome.denied, reason="criteria not met")
    rows = [(e.user, e.action, e.request_id, e.detail) for e in AuditLog(cases.repository.db).entries()]
    assert rows[-3:] == [("rev", "sign_in", None, None), ("rev", "view", case_id, None),
                         ("rev", "decide", case_id, "outcome=denied")]
    assert ("admin", "user_added", None, "user=rev role=reviewer") in rows


def test_settings_changes_are_audited_by_name_only(setup):
    cases, _auth, admin = setup
    SettingsService(cases.repository.db, admin).update(practice_name="Valley Clinic", report_due_days=21)
    last = AuditLog(cases.repository.db).entries()[-1]
    assert (last.user, last.action, last.detail) == ("admin", "settings_changed", "practice_name,report_due_days")
    assert "Valley" not in last.detail


def test_the_lockout_minutes_come_from_the_settings(tmp_path, clock):
    cases = build_desk(tmp_path / "desk.sqlite3").cases
    db = cases.repository.db
    auth = AuthService(db, clock=clock, hasher=FAST)
    admin = auth.create_first_admin("admin", "Ada Admin", PASSWORD)
    SettingsService(db, admin).update(lockout_minutes=2)
    for _ in range(MAX_FAILED):
        with pytest.raises(SignInFailed):
            auth.sign_in("admin", "wrong wrong wrong")
    clock.now = T0 + timedelta(minutes=2, seconds=1)
    assert auth.sign_in("admin", PASSWORD)
    assert date.today()  # the clock is injected: no waiting


# --- the command line signs in once the desk has users ------------------------------------------------------


def test_the_cli_signs_in_and_the_services_enforce_the_role(tmp_path, clock, monkeypatch, capsys):
    from app.cli import main

    path = tmp_path / "desk.sqlite3"
    cases, _auth, _admin = desk(path, clock)
    cases.use_session(Session.system())
    case_id = _submitted(cases)
    cases.repository.db.close()
    for name in ("SODESK_USER", "SODESK_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    assert main(["--db", str(path), "requests", "list"]) == 2
    assert "this desk has users: sign in with --user NAME" in capsys.readouterr().err
    monkeypatch.setenv("SODESK_PASSWORD", PASSWORD)
    assert main(["--db", str(path), "--user", "desk", "requests", "list"]) == 0
    assert f"#{case_id}" in capsys.readouterr().out
    assert main(["--db", str(path), "--user", "desk", "requests", "decide", str(case_id), "--deny",
                 "--reason", "criteria not met"]) == 2
    assert "Only a reviewer or an admin may record a determination" in capsys.readouterr().err
    assert main(["--db", str(path), "--user", "rev", "requests", "decide", str(case_id), "--deny",
                 "--reason", "criteria not met"]) == 0
    monkeypatch.setenv("SODESK_PASSWORD", "not the password")
    assert main(["--db", str(path), "--user", "rev", "requests", "list"]) == 2
    assert "the user name or the password is wrong" in capsys.readouterr().err
    monkeypatch.setenv("SODESK_PASSWORD", PASSWORD)
    assert main(["--db", str(path), "--user", "desk", "audit", "list"]) == 2
    assert "Only an admin may manage users or read the audit trail" in capsys.readouterr().err
    assert main(["--db", str(path), "--user", "admin", "audit", "list", "--user", "rev"]) == 0
    out = capsys.readouterr().out
    assert "decide" in out and f"#{case_id}" in out
    monkeypatch.setenv("SODESK_NEW_PASSWORD", "another long password")
    assert main(["--db", str(path), "--user", "admin", "users", "add", "newbie", "--name", "New Person",
                 "--role", "front_desk"]) == 0
    assert main(["--db", str(path), "--user", "admin", "users", "list"]) == 0
    assert "newbie" in capsys.readouterr().out


def test_the_commands_role_choices_are_the_roles():
    from app.cli.security import ROLE_CHOICES
    from app.services.security import Role

    assert ROLE_CHOICES == tuple(role.value for role in Role)
