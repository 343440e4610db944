"""What the intake form asks while the clerk types (app.services.intake), without a window: the form's data in,
the determination, who is qualified, how each professional stands and who is listed out. Over the real SQLite
directory (its indexed queries) and the synthetic cast."""

import pytest

from app.errors import InputProblem
from app.services.chooser import qualification_for
from app.services.context import evaluator_over
from app.services.intake import Intake
from app.storage.db import open_db
from app.storage.providers import ProviderRepository
from tests.factories import (
    CARDIO_DOE,
    ORTHO_HAKOBYAN,
    ORTHO_ORTIZ,
    ORTHO_PENA,
    ORTHOPAEDIC_SURGERY,
    PCP_CHEN,
    PCP_NGUYEN,
    PCP_REYES,
    cast,
    make_request,
)


@pytest.fixture(scope="module")
def intake(tmp_path_factory):
    repository = ProviderRepository(open_db(tmp_path_factory.mktemp("intake") / "directory.sqlite3"))
    repository.upsert_many(cast())
    return Intake(evaluator_over(repository))


def typed(**changes) -> dict:
    """A request as the form hands it over: the contract's field names, empty fields left out."""
    return make_request(**changes).model_dump(mode="json", by_alias=True, exclude_none=True)


def test_the_live_determination_is_the_one_save_stores(intake):
    data = typed(plan="hpsj-medi-cal", requested_provider_npi=ORTHO_HAKOBYAN)
    assert intake.determine(data) == intake.evaluator.evaluate(make_request(plan="hpsj-medi-cal",
                                                                            requested_provider_npi=ORTHO_HAKOBYAN))


def test_an_unfinished_form_is_told_each_problem_by_its_field(intake):
    data = typed()
    del data["member"]["date_of_birth"]
    data["diagnoses"] = ["M17"]  # a category: the billable codes under it are what a plan accepts
    with pytest.raises(InputProblem) as refused:
        intake.determine(data)
    assert {item.field_path for item in refused.value.items} >= {"member.date_of_birth"}
    with pytest.raises(InputProblem) as category:
        intake.determine(typed(diagnoses=["M17"]))
    assert [item.field_path for item in category.value.items] == ["diagnoses[0]"]
    assert intake.diagnosis_problem("M17") and intake.diagnosis_problem("M17.11") is None


@pytest.mark.parametrize("plan", [None, "", "no-such-plan"])
def test_until_a_known_plan_is_chosen_nobody_is_qualified_and_the_whole_directory_is_searched(intake, plan):
    data = typed()
    data["plan"] = plan
    assert intake.qualification(data) is None
    assert len(intake.professionals("", None).providers) == len(cast())


def test_hs_1383_15_the_forms_qualification_is_the_engines_rule_for_the_typed_request(intake, profiles,
                                                                                      specialties):
    qualification = intake.qualification(typed())
    assert qualification == qualification_for(
        profiles["caloptima-medi-cal"], specialties, care_from="specialist", taxonomy=ORTHOPAEDIC_SURGERY,
        health_network="ipa-sunrise", treating=[ORTHO_ORTIZ], language="Spanish")
    found = intake.professionals("", qualification)
    assert ORTHO_ORTIZ not in [provider.npi for provider in found.providers]  # whose care is in question
    assert [provider.npi for provider in found.providers] == [ORTHO_HAKOBYAN, ORTHO_PENA]


def test_a_treating_provider_who_asks_is_not_offered_for_their_own_care(intake):
    data = typed(requester={"type": "treating_provider", "name": "Sam Ortiz, MD", "npi": ORTHO_ORTIZ},
                 care_in_question={"from": "specialist", "taxonomy": ORTHOPAEDIC_SURGERY})
    assert ORTHO_ORTIZ in intake.qualification(data).exclude


@pytest.mark.parametrize("plan", ["healthnet-medi-cal", "partnership-medi-cal"])
def test_hs_1383_15_pcp_care_is_marked_by_the_members_health_network(intake, plan):
    qualification = intake.qualification(typed(plan=plan, care_in_question={"from": "pcp", "npi": PCP_REYES}))
    directory = {provider.npi: provider for provider in cast()}
    assert qualification.marker(directory[PCP_NGUYEN]) == "In network (ipa-sunrise)"
    assert qualification.marker(directory[PCP_CHEN]) == "Outside health network ipa-sunrise"
    assert PCP_REYES in qualification.exclude


def test_a_plan_that_allows_its_whole_network_names_the_members_group_first(intake):
    qualification = intake.qualification(typed(plan="caloptima-medi-cal",
                                               care_in_question={"from": "pcp", "npi": PCP_REYES}))
    directory = {provider.npi: provider for provider in cast()}
    assert qualification.group is None and qualification.prefer == "ipa-sunrise"
    assert qualification.marker(directory[PCP_NGUYEN]) == "In network (ipa-sunrise)"
    assert qualification.marker(directory[PCP_CHEN]) == "In network (another group)"
    assert qualification.marker(directory[CARDIO_DOE]).startswith("In network")


def test_the_determinations_alternatives_come_first_when_suggested(intake):
    qualification = intake.qualification(typed())
    found = intake.professionals("", qualification, [ORTHO_PENA])
    assert [provider.npi for provider in found.providers][:1] == [ORTHO_PENA] and found.suggested == [ORTHO_PENA]
