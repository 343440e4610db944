"""Every FHIR Bundle of a batch is valid R4 (fhir.resources.R4B) and shaped after Da Vinci PAS."""

import json
import uuid

import pytest
from fhir.resources.R4B.bundle import Bundle

from app.exports.fhir import (
    ICD10CM_SYSTEM,
    NPI_SYSTEM,
    NUCC_SYSTEM,
    PAS,
    X12_CERTIFICATION_TYPE,
    X12_REQUEST_CATEGORY,
    X12_SERVICE_TYPE,
)
from tests.factories import ADULT_RECONSTRUCTIVE_ORTHO, ORTHO_HAKOBYAN, PCP_REYES, make_request
from tests.support.exports import exporting_desk, submit_three


@pytest.fixture
def batch(db_target, tmp_path):
    cases, exports = exporting_desk(db_target)
    submit_three(cases)
    # A requester of every kind, a third opinion, a code typed without its dot.
    cases.submit(make_request(requester={"type": "pcp", "npi": PCP_REYES, "name": "Ana Reyes, MD"},
                              opinion_number=3, prior_opinions_differ=True, diagnoses=["M1711"],
                              member={"member_id": "TST000004"}))
    cases.submit(make_request(requester={"type": "authorized_representative", "name": "Rep Sample"},
                              reasons=["other"], other_reason="Wants a surgeon closer to home",
                              member={"member_id": "TST000005"}))
    result = exports.export("caloptima-medi-cal", tmp_path / "out")
    return result


def _bundles(result):
    return {path.name: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted((result.path / "fhir").glob("*.json"))}


def test_every_bundle_validates_as_fhir_r4(batch):
    bundles = _bundles(batch)
    assert sorted(bundles) == [f"{rid}-bundle.json" for rid in sorted(batch.request_ids, key=str)]
    for name, data in bundles.items():
        parsed = Bundle.model_validate(data)
        assert parsed.type == "collection", name
        # Nothing dropped or invented by the model: it reads back as written.
        assert json.loads(parsed.model_dump_json(exclude_none=True)) == data


def _resources(bundle):
    found = {}
    for entry in bundle["entry"]:
        found.setdefault(entry["resource"]["resourceType"], []).append(entry["resource"])
    return found


def _by_url(bundle):
    return {entry["fullUrl"]: entry["resource"] for entry in bundle["entry"]}


def test_claim_is_a_preauthorization_with_pas_item_codes(batch):
    bundle = _bundles(batch)["1-bundle.json"]
    assert bundle["entry"][0]["resource"]["resourceType"] == "Claim"
    claim = bundle["entry"][0]["resource"]
    assert claim["use"] == "preauthorization"
    item = claim["item"][0]
    assert item["category"]["coding"][0] == {"system": X12_SERVICE_TYPE, "code": "3", "display": "Consultation"}
    extensions = {ext["url"].removeprefix(PAS): ext for ext in item["extension"]}
    assert extensions["extension-serviceItemRequestType"]["valueCodeableConcept"]["coding"][0]["code"] == "SC"
    assert extensions["extension-serviceItemRequestType"]["valueCodeableConcept"]["coding"][0]["system"] == \
        X12_REQUEST_CATEGORY
    assert extensions["extension-certificationType"]["valueCodeableConcept"]["coding"][0] == {
        "system": X12_CERTIFICATION_TYPE, "code": "I", "display": "Initial"}
    urls = _by_url(bundle)
    service_request = urls[extensions["extension-requestedService"]["valueReference"]["reference"]]
    assert service_request["resourceType"] == "ServiceRequest"
    assert service_request["code"]["text"] == "Second medical opinion consultation"
    assert urls[claim["insurer"]["reference"]]["name"] == "CalOptima Health Medi-Cal"
    assert urls[claim["provider"]["reference"]]["name"] == "Valley Family Practice"
    assert urls[claim["patient"]["reference"]]["birthDate"] == "1971-05-14"
    coverage = urls[claim["insurance"][0]["coverage"]["reference"]]
    assert coverage["resourceType"] == "Coverage" and coverage["subscriberId"] == "TST000001"
    assert urls[coverage["payor"][0]["reference"]] is urls[claim["insurer"]["reference"]]


def test_second_opinion_professional_has_npi_and_nucc_taxonomy(batch):
    bundle = _bundles(batch)["1-bundle.json"]
    resources = _resources(bundle)
    (practitioner,) = resources["Practitioner"]
    (role,) = resources["PractitionerRole"]
    assert practitioner["identifier"] == [{"system": NPI_SYSTEM, "value": ORTHO_HAKOBYAN}]
    assert practitioner["name"][0]["family"] == "Հակոբյան"
    assert role["specialty"][0]["coding"][0]["system"] == NUCC_SYSTEM
    assert role["specialty"][0]["coding"][0]["code"] == ADULT_RECONSTRUCTIVE_ORTHO
    urls = _by_url(bundle)
    assert urls[role["practitioner"]["reference"]] is practitioner
    claim = resources["Claim"][0]
    assert urls[claim["careTeam"][0]["provider"]["reference"]] is role
    assert claim["item"][0]["careTeamSequence"] == [1]
    assert [urls[p["reference"]] for p in resources["ServiceRequest"][0]["performer"]] == [role]
    assert [org["name"] for org in resources["Organization"]] == ["CalOptima Health Medi-Cal",
                                                                  "Valley Family Practice"]


def test_no_professional_chosen_means_no_practitioner_but_the_specialty_asked_for(batch):
    resources = _resources(_bundles(batch)["2-bundle.json"])
    assert "Practitioner" not in resources and "PractitionerRole" not in resources
    assert "careTeam" not in resources["Claim"][0]
    assert resources["ServiceRequest"][0]["performerType"]["coding"][0] == {"system": NUCC_SYSTEM,
                                                                            "code": "207X00000X"}


def test_diagnoses_are_icd10cm_with_their_dot(batch):
    claim = _resources(_bundles(batch)["2-bundle.json"])["Claim"][0]
    assert [d["diagnosisCodeableConcept"]["coding"][0] for d in claim["diagnosis"]] == [
        {"system": ICD10CM_SYSTEM, "code": "M17.11"}, {"system": ICD10CM_SYSTEM, "code": "M25.511"}]
    assert claim["item"][0]["diagnosisSequence"] == [1, 2]
    assert claim["priority"]["coding"][0]["code"] == "stat"  # the urgent one
    third = _resources(_bundles(batch)["4-bundle.json"])
    assert third["Claim"][0]["diagnosis"][0]["diagnosisCodeableConcept"]["coding"][0]["code"] == "M17.11"
    assert third["ServiceRequest"][0]["code"]["text"] == "Third medical opinion consultation"


def test_requester_of_each_kind(batch):
    bundles = _bundles(batch)
    member = _resources(bundles["1-bundle.json"])
    assert member["ServiceRequest"][0]["requester"]["reference"] == bundles["1-bundle.json"]["entry"][1]["fullUrl"]
    pcp = _resources(bundles["4-bundle.json"])["ServiceRequest"][0]["requester"]
    assert pcp == {"display": "Ana Reyes, MD", "identifier": {"system": NPI_SYSTEM, "value": PCP_REYES}}
    representative = _resources(bundles["5-bundle.json"])["ServiceRequest"][0]
    assert representative["requester"] == {"display": "Rep Sample (authorized representative)"}
    assert {"text": "Wants a surgeon closer to home"} in representative["reasonCode"]


def test_ids_are_derived_from_the_request_the_sender_and_the_batch(batch, tmp_path):
    first = _bundles(batch)["1-bundle.json"]
    sender = first["identifier"]["system"].removeprefix("urn:sodesk:sender:")
    assert str(uuid.UUID(sender)) == sender  # the database's own id, made at its first export
    assert first["id"] == "request-1" and first["identifier"]["value"] == "1-1"  # batch 1, request 1
    claim = _resources(first)["Claim"][0]
    assert claim["identifier"] == [first["identifier"]]
    assert _resources(first)["ServiceRequest"][0]["identifier"] == [{"system": "urn:sodesk:request", "value": "1"}]
    assert first["timestamp"] == "2025-03-04T09:30:15-08:00"
    assert all(entry["fullUrl"].startswith("urn:uuid:") for entry in first["entry"])
    second = _bundles(batch)["2-bundle.json"]
    # The plan and the practice are the same resources in every bundle; the rest belongs to its request.
    shared = {e["fullUrl"] for e in first["entry"]} & {e["fullUrl"] for e in second["entry"]}
    assert {_by_url(first)[url]["resourceType"] for url in shared} == {"Organization"}


def test_full_urls_are_rfc_4122_version_5_uuids():
    import uuid

    from app.exports.fhir import NAMESPACE, _full_url

    for key in ("claim/1", "practitioner/42", "organization/requesting-practice", "patient/TST000001/Ñ"):
        assert _full_url(key) == f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}"


def _urls(result):
    return {entry["fullUrl"] for bundle in _bundles(result).values() for entry in bundle["entry"]}


def test_two_desks_with_their_own_databases_never_give_the_same_urn_uuid(tmp_path):
    """PAS spec-17: a fullUrl is unique across submissions; desks A and B number their requests alike."""
    results = []
    for name in ("desk-a", "desk-b"):
        cases, exports = exporting_desk(tmp_path / name / "desk.sqlite3")
        submit_three(cases)
        results.append(exports.export("caloptima-medi-cal", tmp_path / name / "out"))
    assert results[0].request_ids == results[1].request_ids
    assert not _urls(results[0]) & _urls(results[1])


def test_a_request_sent_again_is_a_new_transaction_from_the_same_sender(db_target, tmp_path):
    cases, exports = exporting_desk(db_target)
    first_id, *_ = submit_three(cases)
    first = exports.export("caloptima-medi-cal", tmp_path / "first", ids=[first_id])
    again = exports.export("caloptima-medi-cal", tmp_path / "again", ids=[first_id], again=True)
    sent, resent = (_bundles(result)[f"{first_id}-bundle.json"] for result in (first, again))
    assert sent["identifier"]["system"] == resent["identifier"]["system"]  # one sender
    assert (sent["identifier"]["value"], resent["identifier"]["value"]) == (f"1-{first_id}", f"2-{first_id}")
    assert not _urls(first) & _urls(again)


def test_coverage_carries_the_member_id_and_an_urgent_item_its_level_of_service(batch):
    bundles = _bundles(batch)
    routine, urgent = (_resources(bundles[name]) for name in ("1-bundle.json", "2-bundle.json"))
    assert routine["Coverage"][0]["identifier"] == [{
        "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MB",
                             "display": "Member Number"}]},
        "system": "urn:sodesk:plan:caloptima-medi-cal:member-id", "value": "TST000001"}]
    level = PAS + "extension-levelOfServiceCode"
    assert [e["valueCodeableConcept"]["coding"][0]["code"] for e in urgent["Claim"][0]["item"][0]["extension"]
            if e["url"] == level] == ["U"]
    assert not [e for e in routine["Claim"][0]["item"][0]["extension"] if e["url"] == level]
