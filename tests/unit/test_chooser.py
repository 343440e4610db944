"""Who the intake's chooser lists (app.services.chooser), without a window: the engine's rule for who is
qualified, its alternatives first, the whole directory on request. Over the real SQLite directory (its indexed queries) and the cast."""

import pytest

from app.rules.engine import evaluate
from app.storage.db import open_db
from app.storage.providers import ProviderRepository
from app.services.chooser import Qualification, find_professionals, qualification_for, treating_npis
from tests.factories import (
    CARDIO_DOE,
    FAMILY_MEDICINE,
    ORTHO_HAKOBYAN,
    ORTHO_OON_CERTIFIED,
    ORTHO_OON_UNCERTIFIED,
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
def repository(tmp_path_factory):
    repository = ProviderRepository(open_db(tmp_path_factory.mktemp("chooser") / "directory.sqlite3"))
    repository.upsert_many(cast())
    return repository


def npis(found):
    return [provider.npi for provider in found.providers]


def ortho(profiles, specialties, **changes):
    values = {"care_from": "specialist", "taxonomy": ORTHOPAEDIC_SURGERY, "health_network": "ipa-sunrise",
              "treating": [ORTHO_ORTIZ]} | changes
    return qualification_for(profiles["caloptima-medi-cal"], specialties, **values)


def test_specialist_care_qualifies_the_same_or_an_equivalent_specialty_in_the_plans_network(profiles, specialties):
    qualification = ortho(profiles, specialties)
    assert qualification.plan == "caloptima-medi-cal" and qualification.group is None  # the plan's whole network
    assert qualification.taxonomies == specialties.equivalents(ORTHOPAEDIC_SURGERY)
    admitted = {provider.npi for provider in cast() if qualification.admits(provider)}
    assert admitted == {ORTHO_HAKOBYAN, ORTHO_PENA}  # Ortiz treats; Okafor and Lund are out of network


@pytest.mark.parametrize("plan", ["healthnet-medi-cal", "partnership-medi-cal"])
def test_hs_1383_15_pcp_care_qualifies_primary_care_in_the_members_health_network(profiles, specialties, plan):
    qualification = qualification_for(profiles[plan], specialties, care_from="pcp", taxonomy=None,
                                      health_network="ipa-sunrise")
    assert qualification.group == "ipa-sunrise" and qualification.taxonomies == specialties.primary_care_codes()
    assert qualification.prefer is None
    admitted = {provider.npi for provider in cast() if qualification.admits(provider)}
    assert admitted == {PCP_REYES, PCP_NGUYEN}  # Chen is in another medical group, Doe is a cardiologist
    same_specialty = qualification_for(profiles[plan], specialties, care_from="pcp",
                                       taxonomy=FAMILY_MEDICINE, health_network="")
    assert same_specialty.group is None  # no health network typed yet: the plan's network


@pytest.mark.parametrize("plan", ["caloptima-medi-cal", "hpsj-medi-cal", "anthem-medi-cal"])
def test_caloptima_III_A_hpsj_II_E_anthem_III_pcp_care_qualifies_primary_care_in_the_whole_network(
        profiles, specialties, plan):
    qualification = qualification_for(profiles[plan], specialties, care_from="pcp", taxonomy=None,
                                      health_network="ipa-sunrise")
    assert qualification.group is None and qualification.prefer == "ipa-sunrise"
    admitted = {provider.npi for provider in cast() if qualification.admits(provider)}
    assert admitted == {PCP_REYES, PCP_NGUYEN, PCP_CHEN}  # Chen too, from another medical group; Doe is a cardiologist
    assert {provider.npi for provider in cast() if qualification.preferred(provider)} >= {PCP_REYES, PCP_NGUYEN}
    assert not any(qualification.preferred(provider) for provider in cast() if provider.npi == PCP_CHEN)


def test_specialist_care_without_a_specialty_yet_qualifies_any_in_network_professional(profiles, specialties):
    qualification = ortho(profiles, specialties, taxonomy=None, treating=[])
    assert qualification.taxonomies is None
    assert {p.npi for p in cast() if qualification.admits(p)} == {p.npi for p in cast() if p.plans}


@pytest.mark.parametrize("care_from, requester, expected", [
    ("specialist", "treating_provider", {ORTHO_ORTIZ, CARDIO_DOE}),
    ("specialist", "pcp", {ORTHO_ORTIZ}),
    ("pcp", "pcp", {ORTHO_ORTIZ, PCP_REYES, CARDIO_DOE}),
    ("pcp", "member", {ORTHO_ORTIZ, PCP_REYES}),
])
def test_whose_care_is_in_question_is_counted_as_the_engine_does(care_from, requester, expected):
    assert treating_npis(care_from=care_from, care_npi=ORTHO_ORTIZ, pcp_npi=PCP_REYES, requester_type=requester,
                         requester_npi=CARDIO_DOE) == expected


@pytest.mark.parametrize("changes", [
    {},
    {"member": {"language": "English"}},
    {"care_in_question": {"from": "pcp", "taxonomy": None, "npi": PCP_REYES}},
    {"care_in_question": {"from": "pcp", "taxonomy": None, "npi": PCP_REYES}, "member": {"health_network": ""}},
    {"care_in_question": {"taxonomy": FAMILY_MEDICINE}, "requester": {"type": "treating_provider",
                                                                      "npi": PCP_CHEN}},
], ids=["ortho", "ortho-english", "pcp-care", "pcp-care-no-health-network", "family-medicine-treating-requester"])
def test_with_nothing_typed_the_list_begins_with_the_engines_alternatives(repository, profiles, specialties, changes):
    """A drift guard: the chooser's qualified set is the one the engine draws its alternatives from."""
    request = make_request(**changes)
    care = request.care_in_question
    determination = evaluate(request, profiles[request.plan], repository, specialties)
    assert determination.alternatives, "each case has alternatives to offer"
    qualification = qualification_for(
        profiles[request.plan], specialties, care_from=care.from_, taxonomy=care.taxonomy,
        health_network=request.member.health_network, language=request.member.language,
        treating=treating_npis(care_from=care.from_, care_npi=care.npi or "", pcp_npi=request.pcp.npi or "",
                               requester_type=request.requester.type, requester_npi=request.requester.npi or ""))
    found = find_professionals(repository, "", qualification)
    alternatives = [alternative.npi for alternative in determination.alternatives]
    assert npis(found)[:len(alternatives)] == alternatives


def test_the_default_filter_lists_only_the_qualified_and_typing_narrows_it(repository, profiles, specialties):
    qualification = ortho(profiles, specialties)
    assert npis(find_professionals(repository, "", qualification)) == [ORTHO_HAKOBYAN, ORTHO_PENA]  # accepting first
    assert npis(find_professionals(repository, "ortho", qualification)) == [ORTHO_PENA, ORTHO_HAKOBYAN]  # by name
    assert npis(find_professionals(repository, "lucia", qualification)) == [ORTHO_PENA]  # accents ignored
    assert npis(find_professionals(repository, "stockton", qualification)) == [ORTHO_PENA, ORTHO_HAKOBYAN]
    assert npis(find_professionals(repository, "ortiz", qualification)) == []  # the treating surgeon
    assert npis(find_professionals(repository, "lund", qualification)) == []  # out of network


def test_unfiltered_the_whole_directory_is_searched(repository):
    found = find_professionals(repository, "ortho", None)
    assert set(npis(found)) == {ORTHO_ORTIZ, ORTHO_HAKOBYAN, ORTHO_OON_CERTIFIED, ORTHO_OON_UNCERTIFIED, ORTHO_PENA}
    assert len(npis(find_professionals(repository, "", None))) == len(cast())


def test_suggestions_come_first_once_and_typing_narrows_them(repository, profiles, specialties):
    suggested = [ORTHO_PENA, ORTHO_HAKOBYAN, ORTHO_PENA]
    found = find_professionals(repository, "", None, suggested)
    assert npis(found)[:2] == [ORTHO_PENA, ORTHO_HAKOBYAN] and found.suggested == [ORTHO_PENA, ORTHO_HAKOBYAN]
    assert sorted(npis(found)) == sorted(p.npi for p in cast()), "no duplicates, nobody lost"
    typed = find_professionals(repository, "stockton surgery", None, suggested)
    assert typed.suggested == [ORTHO_PENA, ORTHO_HAKOBYAN] and npis(typed)[:2] == [ORTHO_PENA, ORTHO_HAKOBYAN]
    assert sorted(npis(typed)) == sorted(set(npis(typed)))
    assert find_professionals(repository, "lucia", None, suggested).suggested == [ORTHO_PENA]
    qualification = ortho(profiles, specialties)
    stale = find_professionals(repository, "", qualification, [CARDIO_DOE, ORTHO_PENA])
    assert stale.suggested == [ORTHO_PENA], "a suggestion the filter does not admit is left out"


def test_more_than_the_limit_says_so(repository):
    found = find_professionals(repository, "", None, limit=3)
    assert len(found.providers) == 3 and found.more
    assert not find_professionals(repository, "", None).more
    everyone = Qualification(plan="caloptima-medi-cal", taxonomies=None)
    assert find_professionals(repository, "", everyone, limit=3).more


def test_one_classification_is_searched_with_the_words_and_several_are_not(profiles, specialties):
    assert ortho(profiles, specialties).classification == "207X"
    pcp = qualification_for(profiles["caloptima-medi-cal"], specialties, care_from="pcp", taxonomy=None,
                            health_network="ipa-sunrise")
    assert pcp.classification is None and ortho(profiles, specialties, taxonomy=None).classification is None


def test_a_typed_search_narrowed_by_classification_still_finds_the_qualified(repository, profiles, specialties):
    class Recording:
        def __init__(self):
            self.asked = []

        def __getattr__(self, name):
            return getattr(repository, name)

        def search(self, text, plan=None, taxonomy=None, limit=50):
            self.asked.append((text, plan))
            return repository.search(text, plan=plan, taxonomy=taxonomy, limit=limit)

    recording = Recording()
    assert npis(find_professionals(recording, "stockton", ortho(profiles, specialties))) == [ORTHO_PENA,
                                                                                             ORTHO_HAKOBYAN]
    assert recording.asked == [("stockton 207X", "caloptima-medi-cal")]
