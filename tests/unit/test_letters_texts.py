"""Letter texts as data: complete in English and Spanish, validated when loaded, more languages as folders."""

import shutil
from datetime import date, datetime

import pytest

from app.domain.cases import Case, Clocks, Consult, HistoryEntry, Status
from app.domain.models import Determination
from app.domain.time import LOS_ANGELES
from app.errors import InputProblem
from app.letters import LetterKind, letters_for
from app.letters.texts import KIND_KEYS, Catalog, language_for, letters_dir
from tests.factories import make_request

NOW = datetime(2025, 3, 3, 10, 0, tzinfo=LOS_ANGELES)


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / "letters"
    shutil.copytree(letters_dir(), target)
    return target


def test_english_and_spanish_have_every_kind_with_every_key():
    catalog = Catalog()
    for code in ("en", "es"):
        pack = catalog.pack(code)
        assert set(pack.kinds) == set(LetterKind)
        for kind, texts in pack.kinds.items():
            assert set(texts.text) == KIND_KEYS[kind]


def test_a_new_language_is_a_folder_and_may_bring_only_some_kinds(copy):
    vi = copy / "vi"
    vi.mkdir()
    common = (copy / "es" / "common.toml").read_text(encoding="utf-8")
    common = common.replace('code = "es"', 'code = "vi"').replace('name = "Spanish"', 'name = "Vietnamese"')
    common = common.replace('native_name = "Español"', 'native_name = "Tiếng Việt"')
    common = common.replace('aliases = ["spa", "es-mx", "es-us", "castellano", "espanol"]', 'aliases = []')
    (vi / "common.toml").write_text(common, encoding="utf-8")
    shutil.copy(copy / "es" / "member_approval.toml", vi / "member_approval.toml")
    catalog = Catalog(copy)
    assert language_for(LetterKind.member_approval, "Vietnamese", catalog) == ("vi", False)
    assert language_for(LetterKind.member_denial, "Tiếng Việt", catalog) == ("en", True)


def test_member_language_names_map_to_folders():
    catalog = Catalog()
    assert [catalog.code_for(name) for name in ("Spanish", "español", "ES", "English", "Vietnamese", None)] == [
        "es", "es", "es", "en", None, None]
    assert language_for(LetterKind.member_denial, "Spanish") == ("es", False)
    assert language_for(LetterKind.member_denial, "Armenian") == ("en", True)
    assert language_for(LetterKind.member_denial, None) == ("en", False)
    assert language_for(LetterKind.referral, "Spanish") == ("en", False)


def test_an_unknown_placeholder_is_refused_naming_file_and_key(copy):
    path = copy / "es" / "member_delay.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("{extension_due}", "{fecha_nueva}"), encoding="utf-8")
    with pytest.raises(InputProblem, match=r"member_delay.toml: text.new_date: unknown placeholder\(s\) fecha_nueva"):
        Catalog(copy)


def test_a_bare_ampersand_in_a_text_is_refused(copy):
    path = copy / "en" / "referral.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("H&amp;S 1383.15", "H&S 1383.15"), encoding="utf-8")
    with pytest.raises(InputProblem, match="text.urgent_note: write & as &amp;"):
        Catalog(copy)


def test_a_missing_key_is_refused(copy):
    path = copy / "es" / "member_approval.toml"
    path.write_text("\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                              if not line.startswith("no_cost =")), encoding="utf-8")
    with pytest.raises(InputProblem, match="member_approval.toml: text: keys: missing no_cost"):
        Catalog(copy)


def test_a_clause_named_in_plans_toml_must_exist_in_every_language(copy):
    path = copy / "es" / "common.toml"
    path.write_text("\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                              if not line.startswith("separate_approval_for_tests =")), encoding="utf-8")
    with pytest.raises(InputProblem, match="clauses: missing separate_approval_for_tests"):
        Catalog(copy)


def test_english_must_be_complete(copy):
    (copy / "en" / "member_delay.toml").unlink()
    with pytest.raises(InputProblem, match="English must have every letter kind; missing member_delay"):
        Catalog(copy)


def test_every_plan_profile_has_its_letter_wording():
    from app.rules.profiles import default_profiles

    catalog = Catalog()
    assert set(default_profiles()) == set(catalog.plans.plans)


# --- which letters a case needs (a pure function of the case and the day) ---------------------------------------

def _case(status, **updates):
    determination = Determination(eligible="yes", network=updates.pop("network", "in"), authorization_required=True,
                                  plan="caloptima-medi-cal", plan_name="CalOptima", policy_revision="r",
                                  engine_version="1", received_at=NOW)
    return Case(id=1, version=1, status=status, request=make_request(), determination=determination,
                created_at=NOW, updated_at=NOW, **updates)


@pytest.mark.parametrize("status, expected", [
    (Status.pending_authorization, []),
    (Status.ready_to_schedule, [LetterKind.referral, LetterKind.member_approval]),
    (Status.approved, [LetterKind.referral, LetterKind.member_approval]),
    (Status.modified, [LetterKind.referral, LetterKind.member_approval]),
    (Status.denied, [LetterKind.member_denial]),
    (Status.withdrawn, []),
])
def test_letters_for_each_status(status, expected):
    assert letters_for(_case(status), date(2025, 3, 3)) == expected


def test_a_pended_case_gets_the_delay_notice():
    case = _case(Status.pended, extension_due=datetime(2025, 3, 20, 23, 59, tzinfo=LOS_ANGELES))
    assert letters_for(case, date(2025, 3, 3)) == [LetterKind.member_delay]


def test_caloptima_GG1538_III_D1_out_of_network_denial_adds_the_financial_notice():
    assert letters_for(_case(Status.denied, network="out"), date(2025, 3, 3)) == [
        LetterKind.member_denial, LetterKind.member_financial_responsibility]


def test_report_request_until_due_then_the_overdue_reminder():
    case = _case(Status.report_requested, consult=Consult(scheduled_for=date(2025, 3, 5), npi="1000000055"),
                 clocks=Clocks(report_due=datetime(2025, 4, 4, 23, 59, tzinfo=LOS_ANGELES)))
    assert letters_for(case, date(2025, 4, 4))[-1] == LetterKind.consult_report_request
    assert letters_for(case, date(2025, 4, 5))[-1] == LetterKind.consult_report_overdue


def test_closed_after_a_denial_still_has_its_denial_notice_but_closed_after_a_report_has_none():
    def entry(to):
        return HistoryEntry(at=NOW, who="x", from_status=None, to_status=to)

    denied = _case(Status.closed, history=[entry(Status.pending_authorization), entry(Status.denied),
                                           entry(Status.closed)])
    finished = _case(Status.closed, history=[entry(Status.approved), entry(Status.closed)])
    assert letters_for(denied, date(2025, 3, 3)) == [LetterKind.member_denial]
    assert letters_for(finished, date(2025, 3, 3)) == []
