"""Every FHIR Bundle of a batch is valid R4 (fhir.resources.R4B) and shaped after Da Vinci PAS."""

import base64
import csv
import hashlib
import io
import json
import uuid

import pytest
from fhir.resources.R4B.bundle import Bundle

from app.domain.models import Provider
from app.domain.settings import PLACES_OF_SERVICE
from app.errors import InputProblem
from app.exports.batch import BatchHeader, Practice, Submission
from app.exports.fhir import (
    ICD10CM_SYSTEM,
    NPI_SYSTEM,
    NUCC_SYSTEM,
    PAS,
    PAS_TEMP_CODES,
    PLACE_OF_SERVICE,
    TIN_SYSTEM,
    US_EIN,
    PAYER_ID_SYSTEM,
    PAYER_ID_TYPE,
    PROFILES,
    X12_RELATIONSHIP,
    MEDI_CAL_CIN,
    X12_ENTITY,
    X12_CERTIFICATION_TYPE,
    X12_REQUEST_CATEGORY,
    X12_SERVICE_TYPE,
    bundle,
    split_address,
)
from app.storage.providers import ProviderRepository
from tests.factories import ADULT_RECONSTRUCTIVE_ORTHO, ORTHO_HAKOBYAN, PCP_REYES, make_request, npi
from tests.support.desks import VALLEY_PRACTICE, Clock, build_desk
from tests.support.exports import EXPORTED_AT, exporting_desk, submit_three


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


def test_a_practice_with_its_tin_sends_pas_trnorg_identifiers_unique_per_desk_and_per_send(tmp_path):
    """PAS Claim.identifier.system SHOULD be urn:trnorg:<TRN03> (X12 "1" + the EIN); two desks of one practice with
    databases of their own, and a request sent again, still never share one."""
    sent = []
    for name in ("desk-a", "desk-b"):
        desk, exports = _pas_desk(tmp_path / name / "desk.sqlite3")
        first, *_ = submit_three(desk.cases)
        sent.append(exports.export("caloptima-medi-cal", tmp_path / name / "out"))
    again = exports.export("caloptima-medi-cal", tmp_path / "desk-b" / "again", again=True, ids=[first])
    identifiers = []
    for result in (*sent, again):
        bundle_ = _bundles(result)[f"{first}-bundle.json"]
        claim = _resources(bundle_)["Claim"][0]
        assert claim["identifier"] == [bundle_["identifier"]]
        assert bundle_["identifier"]["system"] == "urn:trnorg:1123456789"
        assert len(bundle_["identifier"]["value"]) <= 50  # X12 TRN02
        identifiers.append(bundle_["identifier"]["value"])
    assert len(set(identifiers)) == 3
    assert identifiers[1].split("-")[0] == identifiers[2].split("-")[0]  # one sender: desk B
    assert identifiers[2].endswith(f"-{again.batch_id}-{first}")


def test_a_request_sent_again_is_a_new_transaction_from_the_same_sender(db_target, tmp_path):
    cases, exports = exporting_desk(db_target)
    first_id, *_ = submit_three(cases)
    first = exports.export("caloptima-medi-cal", tmp_path / "first", ids=[first_id])
    again = exports.export("caloptima-medi-cal", tmp_path / "again", ids=[first_id], again=True)
    sent, resent = (_bundles(result)[f"{first_id}-bundle.json"] for result in (first, again))
    assert sent["identifier"]["system"] == resent["identifier"]["system"]  # one sender
    assert (sent["identifier"]["value"], resent["identifier"]["value"]) == (f"1-{first_id}", f"2-{first_id}")
    assert not _urls(first) & _urls(again)


def test_coverage_carries_the_member_id_and_an_urgent_claim_its_level_of_service(batch):
    bundles = _bundles(batch)
    routine, urgent = (_resources(bundles[name]) for name in ("1-bundle.json", "2-bundle.json"))
    assert routine["Coverage"][0]["identifier"] == [{
        "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MB",
                             "display": "Member Number"}]},
        "system": "urn:sodesk:plan:caloptima-medi-cal:member-id", "value": "TST000001"}]
    level = PAS + "extension-levelOfServiceCode"
    # PAS 2.2.1 LevelOfServiceCode: its one context is the Claim (UM06), never the item.
    assert [e["valueCodeableConcept"]["coding"][0]["code"] for e in urgent["Claim"][0]["extension"]
            if e["url"] == level] == ["U"]
    assert "extension" not in routine["Claim"][0]
    assert not [e for claim in (routine, urgent) for e in claim["Claim"][0]["item"][0]["extension"]
                if e["url"] == level]


# -- issue 17: what PAS asks of the organizations, the item and the care team

NPI_TIN_TELEHEALTH = {"practice_npi": "1234567893", "practice_tin": "123456789", "place_of_service": "02"}
CLINIC = npi(60)  # an organization NPI in the directory: a clinic, no person's name


def _pas_desk(target):
    desk = build_desk(target, clock=Clock(EXPORTED_AT), practice={**VALLEY_PRACTICE, **NPI_TIN_TELEHEALTH})
    return desk, desk.exports(with_pdfs=False)


def test_pas_organizations_carry_x12_entity_types_and_the_practice_its_npi_tin_and_a_split_address(
        db_target, tmp_path):
    desk, exports = _pas_desk(db_target)
    first, *_ = submit_three(desk.cases)
    bundle = _bundles(exports.export("caloptima-medi-cal", tmp_path / "out"))[f"{first}-bundle.json"]
    plan, practice = sorted(_resources(bundle)["Organization"], key=lambda org: org["id"] != "plan-caloptima-medi-cal")
    assert plan["type"] == [{"coding": [{"system": X12_ENTITY, "code": "PR", "display": "Payer"}]}]
    assert practice["type"] == [{"coding": [{"system": X12_ENTITY, "code": "1P", "display": "Provider"}]}]
    assert practice["identifier"] == [{"system": NPI_SYSTEM, "value": "1234567893"},
                                      {"system": US_EIN, "value": "12-3456789"}]  # PAS identifier[TIN]
    assert practice["address"] == [{"text": "1 Sample Way, Stockton, CA 95202", "line": ["1 Sample Way"],
                                    "city": "Stockton", "state": "CA", "postalCode": "95202", "country": "US"}]


def test_pas_item_has_its_place_of_service_and_the_care_team_its_claim_scope_and_role(db_target, tmp_path):
    desk, exports = _pas_desk(db_target)
    first, *_ = submit_three(desk.cases)
    claim = _resources(_bundles(exports.export("caloptima-medi-cal", tmp_path / "out"))[f"{first}-bundle.json"])[
        "Claim"][0]
    assert claim["item"][0]["locationCodeableConcept"] == {"coding": [{
        "system": PLACE_OF_SERVICE, "code": "02", "display": PLACES_OF_SERVICE["02"]}]}
    (team,) = claim["careTeam"]
    assert team["extension"] == [{"url": PAS + "extension-careTeamClaimScope", "valueBoolean": True}]
    # PAS careTeam[OverallClaimMember].role: from the X12 NM101 entity codes (required binding).
    assert team["role"] == {"coding": [{"system": X12_ENTITY, "code": "SJ", "display": "Service Provider"}]}


def test_a_practice_without_a_place_of_service_set_gives_the_office_code_11(batch):
    claim = _resources(_bundles(batch)["1-bundle.json"])["Claim"][0]
    assert claim["item"][0]["locationCodeableConcept"]["coding"][0]["code"] == "11"


@pytest.mark.parametrize("lines, expected", [
    (["1 Sample Way", "Stockton, CA 95202"],
     {"line": ["1 Sample Way"], "city": "Stockton", "state": "CA", "postalCode": "95202", "country": "US"}),
    (["Suite 4", "200 Elm St", "San Luis Obispo CA 93401-1234"],
     {"line": ["Suite 4", "200 Elm St"], "city": "San Luis Obispo", "state": "CA", "postalCode": "93401-1234",
      "country": "US"}),
    (["1 Sample Way", "Stockton"], {"line": ["1 Sample Way", "Stockton"]}),  # no state and ZIP: left whole
])
def test_address_lines_split_into_city_state_and_postal_code_when_the_last_reads_as_one(lines, expected):
    assert split_address(lines) == {"text": ", ".join(lines), **expected}


def test_an_organization_npi_from_the_directory_is_a_pas_organization_never_a_practitioner(db_target, tmp_path):
    desk, exports = _pas_desk(db_target)
    ProviderRepository(desk.store).upsert_many([Provider(
        npi=CLINIC, organization="Delta Valley Orthopaedic Clinic", taxonomy=ADULT_RECONSTRUCTIVE_ORTHO,
        specialty="Adult Reconstructive Orthopaedic Surgery", phone="209-555-0142", plans=["caloptima-medi-cal"],
        medi_cal_certified=True, accepting_new_patients=True)])
    case = desk.cases.submit(make_request(requested_provider_npi=CLINIC)).case
    sent = _bundles(exports.export("caloptima-medi-cal", tmp_path / "out"))[f"{case.id}-bundle.json"]
    resources = _resources(sent)
    assert "Practitioner" not in resources
    (clinic,) = [org for org in resources["Organization"] if org["id"].startswith("professional-organization")]
    assert clinic["name"] == "Delta Valley Orthopaedic Clinic"
    assert clinic["identifier"] == [{"system": NPI_SYSTEM, "value": CLINIC}]
    assert clinic["telecom"] == [{"system": "phone", "value": "209-555-0142", "use": "work"}]
    (role,) = resources["PractitionerRole"]
    assert "practitioner" not in role
    assert _by_url(sent)[role["organization"]["reference"]] == clinic
    Bundle.model_validate(sent)


def test_a_requested_professional_the_directory_does_not_list_is_held_back_with_how_to_send_it(db_target, tmp_path):
    """US Core Practitioner name 1..*: an NPI alone would be refused at the plan's door."""
    desk, exports = _pas_desk(db_target)
    unlisted = npi(90)
    case = desk.cases.submit(make_request(requested_provider_npi=unlisted)).case.id
    selection = exports.choose("caloptima-medi-cal")
    assert case not in [c.id for c in selection.cases]
    (reason,) = [held.reason for held in selection.held_back if held.request_id == case]
    assert f"NPI {unlisted}" in reason and "Tools > Provider directory" in reason
    with pytest.raises(InputProblem) as refused:
        exports.export("caloptima-medi-cal", tmp_path / "out", ids=[case])
    assert f"request #{case} cannot be sent" in str(refused.value)
    assert not (tmp_path / "out").exists()


def test_a_listed_professional_without_a_phone_is_held_back_until_the_directory_has_one(db_target, tmp_path):
    """US Core PractitionerRole pd-1: a role has contact details (telecom) or an endpoint."""
    desk, exports = _pas_desk(db_target)
    silent = npi(61)
    ProviderRepository(desk.store).upsert_many([Provider(
        npi=silent, last_name="Quiet", first_name="Pat", credential="MD", taxonomy=ADULT_RECONSTRUCTIVE_ORTHO,
        specialty="Adult Reconstructive Orthopaedic Surgery", plans=["caloptima-medi-cal"])])
    case = desk.cases.submit(make_request(requested_provider_npi=silent)).case.id
    (reason,) = [held.reason for held in exports.choose("caloptima-medi-cal").held_back if held.request_id == case]
    assert f"no phone for the requested professional, NPI {silent}" in reason
    assert "Tools > Provider directory" in reason
    ProviderRepository(desk.store).upsert_many([Provider(
        npi=silent, last_name="Quiet", first_name="Pat", credential="MD", taxonomy=ADULT_RECONSTRUCTIVE_ORTHO,
        specialty="Adult Reconstructive Orthopaedic Surgery", plans=["caloptima-medi-cal"], phone="209-555-0161")])
    result = exports.export("caloptima-medi-cal", tmp_path / "out")
    assert case in result.request_ids
    (role,) = _resources(_bundles(result)[f"{case}-bundle.json"])["PractitionerRole"]
    assert role["telecom"] == [{"system": "phone", "value": "209-555-0161", "use": "work"}]


def test_a_batch_sent_before_issue_17_is_written_again_as_it_was(db_target, tmp_path):
    """No sender id in its header: the organization-type codes, no practice NPI/TIN, place of service, care-team
    scope or Coverage identifier, as the plan got it the first time."""
    cases, exports = exporting_desk(db_target)
    first, *_ = submit_three(cases)
    result = exports.export("caloptima-medi-cal", tmp_path / "out")
    record = exports.batch(result.batch_id)
    old_practice = {key: value for key, value in record.batch.practice.items()
                    if key not in ("sender_id", "npi", "tin", "place_of_service")}
    header = BatchHeader(batch_id=record.batch.id, plan=record.batch.plan, plan_name=record.batch.plan_name,
                         practice=Practice.model_validate(old_practice), created_at=record.batch.created_at,
                         who=record.batch.who, with_pdfs=False)
    item = next(item for item in record.items if item.case.id == first)
    legacy = _resources(bundle(header, Submission(line=item.line, case=item.case, professional=item.professional)))
    types = {org["id"]: org["type"][0]["coding"][0]["code"] for org in legacy["Organization"]}
    assert types == {"plan-caloptima-medi-cal": "pay", "requesting-practice": "prov"}
    assert legacy["Claim"][0]["identifier"] == [{"system": "urn:sodesk:request", "value": str(first)}]
    assert not {"locationCodeableConcept", "servicedPeriod"} & set(legacy["Claim"][0]["item"][0])
    assert "supportingInfo" not in legacy["Claim"][0]
    assert "extension" not in legacy["Claim"][0]["careTeam"][0]
    assert "identifier" not in legacy["Coverage"][0]
    sent = _resources(_bundles(result)[f"{first}-bundle.json"])
    assert sent["Claim"][0]["identifier"][0]["system"].startswith("urn:sodesk:sender:")


def test_the_members_reasons_and_the_referral_letter_travel_as_pas_supporting_info(db_target, tmp_path):
    cases, exports = exporting_desk(db_target)  # with the letters
    case = cases.submit(make_request(reasons=["other"], other_reason="Wants a surgeon closer to home")).case
    sent = _bundles(exports.export("caloptima-medi-cal", tmp_path / "out"))[f"{case.id}-bundle.json"]
    message, letter = _resources(sent)["Claim"][0]["supportingInfo"]
    assert message["category"]["coding"][0] == {"system": PAS_TEMP_CODES, "code": "freeFormMessage",
                                                "display": "Free Form Message"}
    assert message["valueString"].endswith("In the member's words: Wants a surgeon closer to home")
    assert letter["category"]["coding"][0]["code"] == "additionalInformation"
    assert [message["sequence"], letter["sequence"]] == [1, 2]
    # PAS AdditionalInformation: documentInformation 1..1 (reportTypeCode 1..1, PWK01), value only a Reference
    # to a PAS DocumentReference, which has the document inline (attachment.data 1..1, url 0..0).
    (information,) = letter["extension"]
    assert information["url"] == PAS + "extension-documentInformation"
    assert {part["url"]: part["valueCodeableConcept"]["coding"][0]["code"] for part in information["extension"]} \
        == {"reportTypeCode": "B4", "transmissionMethod": "EL"}
    assert "valueAttachment" not in letter
    documents = {entry["fullUrl"]: entry["resource"] for entry in sent["entry"]}
    document = documents[letter["valueReference"]["reference"]]
    assert document["resourceType"] == "DocumentReference" and document["status"] == "current"
    assert document["type"]["coding"][0] == {"system": "http://loinc.org", "code": "57133-1",
                                             "display": "Referral note"}
    assert documents[document["subject"]["reference"]]["resourceType"] == "Patient"
    (content,) = document["content"]
    attachment = content["attachment"]
    assert "url" not in attachment and attachment["contentType"] == "application/pdf"
    pdf = base64.b64decode(attachment["data"])
    assert pdf == (tmp_path / "out" / "letters" / f"{case.id}-referral.pdf").read_bytes()  # the batch's file
    assert attachment["size"] == len(pdf)
    assert base64.b64decode(attachment["hash"]) == hashlib.sha1(pdf).digest()
    Bundle.model_validate(sent)


def test_without_the_letters_only_the_members_reasons_are_supporting_info(db_target, tmp_path):
    cases, exports = exporting_desk(db_target, pdf_for=None)
    first, *_ = submit_three(cases)
    sent = _bundles(exports.export("caloptima-medi-cal", tmp_path / "out"))[f"{first}-bundle.json"]
    assert not (tmp_path / "out" / "letters").exists()
    (only,) = _resources(sent)["Claim"][0]["supportingInfo"]
    assert only["category"]["coding"][0]["code"] == "freeFormMessage"


def test_the_requested_service_dates_run_from_receipt_to_the_consults_deadline(batch):
    routine, urgent = (_resources(_bundles(batch)[name])["Claim"][0]["item"][0]["servicedPeriod"]
                       for name in ("1-bundle.json", "2-bundle.json"))
    assert routine == {"start": "2025-03-03"}  # no consult deadline: the plan sets the date
    assert urgent["start"] == "2025-03-03" and urgent["end"] >= urgent["start"]


@pytest.mark.parametrize("sex, gender", [("F", "female"), ("M", "male"), ("U", "unknown"), (None, "unknown")])
def test_the_members_sex_is_the_patients_gender(db_target, tmp_path, sex, gender):
    cases, exports = exporting_desk(db_target, pdf_for=None)
    case = cases.submit(make_request(member={"sex": sex})).case
    result = exports.export("caloptima-medi-cal", tmp_path / "out")
    assert _resources(_bundles(result)[f"{case.id}-bundle.json"])["Patient"][0]["gender"] == gender
    rows = (result.path / "submissions.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].endswith(",member_sex,member_cin") and rows[1].endswith("," + (sex or "") + ",")


def test_the_plans_payer_id_is_the_insurers_pas_pi_identifier_and_a_rewrite_keeps_the_one_recorded(
        db_target, tmp_path):
    desk, exports = _pas_desk(db_target)
    first, *_ = submit_three(desk.cases)
    plans = dict(exports.profiles)
    plans["caloptima-medi-cal"] = plans["caloptima-medi-cal"].model_copy(update={"payer_id": "TSTPAYER1"})
    exports.profiles = plans
    sent = exports.export("caloptima-medi-cal", tmp_path / "out")
    plan = next(org for org in _resources(_bundles(sent)[f"{first}-bundle.json"])["Organization"]
                if org["id"] == "plan-caloptima-medi-cal")
    # PASIdentifier: system 1..1, beside the PI slice's payerid type.
    assert plan["identifier"][-1] == {"system": PAYER_ID_SYSTEM,
                                      "type": {"coding": [dict(zip(("system", "code", "display"), PAYER_ID_TYPE))]},
                                      "value": "TSTPAYER1"}
    # The plan file changes its payer id: the batch as sent is written again with the one it carried.
    plans["caloptima-medi-cal"] = plans["caloptima-medi-cal"].model_copy(update={"payer_id": "TSTPAYER2"})
    again = exports.rewrite(sent.batch_id, tmp_path / "again")
    assert again.manifest_sha256 == sent.manifest_sha256
    assert "TSTPAYER1" in (again.path / "fhir" / f"{first}-bundle.json").read_text(encoding="utf-8")


def test_a_plan_without_a_payer_id_is_named_by_the_desks_plan_id_only(batch):
    plan = next(org for org in _resources(_bundles(batch)["1-bundle.json"])["Organization"]
                if org["id"].startswith("plan-"))
    assert plan["identifier"] == [{"system": "urn:sodesk:plan", "value": "caloptima-medi-cal"}]


def test_the_members_medi_cal_cin_is_a_patient_medicaid_number_beside_the_plans_member_id(db_target, tmp_path):
    cases, exports = exporting_desk(db_target, pdf_for=None)
    case = cases.submit(make_request(member={"cin": "91234567a"})).case  # typed from the card, lower case
    other = cases.submit(make_request(member={"member_id": "TST000009"})).case
    result = exports.export("caloptima-medi-cal", tmp_path / "out")
    patient = _resources(_bundles(result)[f"{case.id}-bundle.json"])["Patient"][0]
    assert [identifier["type"]["coding"][0]["code"] for identifier in patient["identifier"]] == ["MB", "MA"]
    assert patient["identifier"][1]["system"] == MEDI_CAL_CIN and patient["identifier"][1]["value"] == "91234567A"
    assert len(_resources(_bundles(result)[f"{other.id}-bundle.json"])["Patient"][0]["identifier"]) == 1
    rows = {row["request_id"]: row for row in csv.DictReader(io.StringIO(
        (result.path / "submissions.csv").read_text(encoding="utf-8"), newline=""))}
    assert rows[str(case.id)]["member_cin"] == "91234567A" and rows[str(other.id)]["member_cin"] == ""


def test_a_batch_recorded_before_formats_were_recorded_keeps_the_tin_and_patient_it_was_sent_with(db_target):
    """Format 2 (a sender id, no recorded format): the TIN under the IRS OID and no CIN, as it was sent."""
    practice = Practice(name="Valley Family Practice", sender_id="a-sender", tin="12-3456789")
    old = BatchHeader(batch_id=2, plan="caloptima-medi-cal", plan_name="CalOptima Health Medi-Cal",
                      created_at=EXPORTED_AT, who="clerk", with_pdfs=False, practice=practice, payer_id="TSTPAYER1")
    cases, _exports = exporting_desk(db_target, pdf_for=None)
    case = cases.submit(make_request(member={"cin": "91234567A"})).case
    sent = _resources(bundle(old, Submission(line=1, case=case)))
    practice_org = next(org for org in sent["Organization"] if org["id"] == "requesting-practice")
    assert practice_org["identifier"] == [{"system": TIN_SYSTEM, "value": "12-3456789"}]
    assert len(sent["Patient"][0]["identifier"]) == 1
    assert all(len(org["identifier"]) == 1 for org in sent["Organization"] if org["id"].startswith("plan-"))
    now = _resources(bundle(old.model_copy(update={"export_format": 3}), Submission(line=1, case=case)))
    assert next(org for org in now["Organization"] if org["id"] == "requesting-practice")["identifier"][0][
        "system"] == US_EIN


# -- issue 17, export format 4: the PAS 2.2.1 profiles claimed, and their rules checked as the profiles state them.
# No profile-aware validator with the PAS and US Core packages runs here (packages.fhir.org is out of reach and the
# packages are not on npm: docs/exports.md), so each rule below is one of the profiles' own, read from PAS 2.2.1's
# FSH (HL7/davinci-pas, tag 2.2.1, input/fsh) or US Core 7.0.0, as FHIRPath evaluated by fhirpathpy on every
# resource of the type it constrains. Cardinalities are written as FHIRPath count()s.

PAS_RULES = [
    # (clause, resource type, FHIRPath that must hold)
    ("PASRequestBundle identifier 1..1, timestamp 1..1, type = collection", "Bundle",
     "identifier.count() = 1 and timestamp.exists() and type = 'collection'"),
    ("PASRequestBundle entry.fullUrl 1..1, entry.request 0..0, entry.search 0..0", "Bundle",
     "entry.all(fullUrl.exists() and request.empty() and search.empty())"),
    ("PASRequestBundle entry contains Claim 1..1", "Bundle", "entry.resource.ofType(Claim).count() = 1"),
    ("bdl-7 fullUrl unique", "Bundle", "entry.fullUrl.isDistinct()"),
    ("PASClaimBase status = active, use = preauthorization, insurer 1..1", "Claim",
     "status = 'active' and use = 'preauthorization' and insurer.exists()"),
    ("PASClaim identifier 1..2, item 1..*, related 0..0", "Claim",
     "identifier.count() >= 1 and identifier.count() <= 2 and item.exists() and related.empty()"),
    ("PASClaim item.extension[requestType] 1..1 and [certificationType] 1..1", "Claim",
     "item.all(extension.where(url = '" + PAS + "extension-serviceItemRequestType').count() = 1 and "
     "extension.where(url = '" + PAS + "extension-certificationType').count() = 1)"),
    ("PASClaim item.category 1..1, item.location[x] 1..1 (a CodeableConcept)", "Claim",
     "item.all(category.exists() and location.ofType(CodeableConcept).exists())"),
    ("PASClaim ImmediateLevelOfCare", "Claim",
     "item.all(extension.where(url='" + PAS + "extension-certificationType' and value.coding.code='1').exists() "
     "implies extension.where(url='" + PAS + "extension-levelOfServiceCode').exists())"),
    ("LevelOfServiceCode context: Claim only", "Claim",
     "item.extension.where(url = '" + PAS + "extension-levelOfServiceCode').empty()"),
    ("PASClaimBase careTeam.extension[careTeamClaimScope] 1..1", "Claim",
     "careTeam.all(extension.where(url = '" + PAS + "extension-careTeamClaimScope').count() = 1)"),
    ("PASClaimBase insurance.focal = true", "Claim", "insurance.all(focal = true)"),
    ("FullDateRule on item.servicedPeriod", "Claim",
     "item.servicedPeriod.start.all($this.toString().length() = 10) and "
     "item.servicedPeriod.end.all($this.toString().length() = 10)"),
    ("PASClaim supportingInfo[MessageText]: value only string, timing 0..0", "Claim",
     "supportingInfo.where(category.coding.code = 'freeFormMessage').all(value.ofType(string).exists() "
     "and timing.empty())"),
    ("PASClaim supportingInfo[AdditionalInformation]: documentInformation 1..1 with reportTypeCode 1..1, "
     "value 1..1 a Reference, timing 0..0", "Claim",
     "supportingInfo.where(category.coding.code = 'additionalInformation').all("
     "extension.where(url = '" + PAS + "extension-documentInformation').count() = 1 and "
     "extension.where(url = '" + PAS + "extension-documentInformation').extension.where(url = 'reportTypeCode')"
     ".count() = 1 and value.ofType(Reference).exists() and timing.empty())"),
    ("PASCoverage self-beneficiary", "Coverage",
     "$this.relationship.coding.where(code='18').count() = 0 implies $this.subscriber.exists()"),
    ("PASCoverage identifier[memberid] 1..1, status = active", "Coverage",
     "identifier.where(type.coding.code = 'MB').count() = 1 and status = 'active'"),
    ("US Core Patient: identifier 1..*, name 1..*, gender 1..1", "Patient",
     "identifier.exists() and name.exists() and gender.exists()"),
    ("US Core Patient us-core-6", "Patient",
     "name.all((family.exists() or given.exists()) xor "
     "extension.where(url='http://hl7.org/fhir/StructureDefinition/data-absent-reason').exists())"),
    ("FullDateRule on PASBeneficiary.birthDate", "Patient", "birthDate.toString().length() = 10"),
    ("US Core Organization: name 1..1", "Organization", "name.exists()"),
    ("PASInsurer / PASRequestor active = true", "Organization", "active = true"),
    ("US Core Practitioner: identifier 1..*, name 1..*", "Practitioner", "identifier.exists() and name.exists()"),
    ("US Core PractitionerRole pd-1", "PractitionerRole", "telecom.exists() or endpoint.exists()"),
    ("PASServiceRequest intent = order; US Core ServiceRequest status, code, subject 1..1", "ServiceRequest",
     "intent = 'order' and status.exists() and code.exists() and subject.exists()"),
    ("PASQuantity value 1..1", "ServiceRequest", "quantity.ofType(Quantity).all(value.exists())"),
    ("PASDocumentReference content.attachment.data 1..1, url 0..0", "DocumentReference",
     "content.attachment.all(data.exists() and url.empty())"),
    ("US Core DocumentReference: status, type, category, subject 1..1; us-core-6", "DocumentReference",
     "status.exists() and type.exists() and category.exists() and subject.exists() and "
     "content.attachment.all(url.exists() or data.exists())"),
]


@pytest.fixture
def pas_batch(db_target, tmp_path):
    """A format 4 batch with its letters: an urgent request, a third opinion from a PCP, an authorized
    representative's request in the member's words, the professional from the directory."""
    desk = build_desk(db_target, clock=Clock(EXPORTED_AT), practice={**VALLEY_PRACTICE, **NPI_TIN_TELEHEALTH})
    exports = desk.exports()
    submit_three(desk.cases)
    desk.cases.submit(make_request(requester={"type": "authorized_representative", "name": "Rep Sample"},
                                   reasons=["other"], other_reason="Wants a surgeon closer to home",
                                   member={"member_id": "TST000005", "cin": "91234567A"}))
    plans = dict(exports.profiles)
    plans["caloptima-medi-cal"] = plans["caloptima-medi-cal"].model_copy(update={"payer_id": "TSTPAYER1"})
    exports.profiles = plans
    return exports.export("caloptima-medi-cal", tmp_path / "out")


@pytest.mark.parametrize("clause, kind, rule", PAS_RULES, ids=[clause for clause, _, _ in PAS_RULES])
def test_every_format_4_bundle_keeps_the_pas_rule(pas_batch, clause, kind, rule):
    from fhirpathpy import evaluate
    from fhirpathpy.models import models

    checked = 0
    for name, sent in _bundles(pas_batch).items():
        resources = [sent] if kind == "Bundle" else _resources(sent).get(kind, [])
        for resource in resources:
            # With the R4 model: choice elements (location[x], value[x]) and ofType() resolve as in a validator.
            assert evaluate(resource, rule, {}, models["r4"]) == [True], f"{name}: {resource['resourceType']} breaks {clause}"
            checked += 1
    assert checked, f"no {kind} in the batch: the rule {clause!r} was not tried"


def test_every_format_4_bundle_claims_the_pas_profiles(pas_batch):
    for name, sent in _bundles(pas_batch).items():
        assert sent["meta"] == {"profile": [PAS + "profile-pas-request-bundle"]}
        claimed = {entry["resource"]["id"]: entry["resource"]["meta"]["profile"] for entry in sent["entry"]}
        request_id = name.split("-")[0]
        assert claimed[f"claim-{request_id}"] == [PROFILES["Claim"]]
        assert claimed[f"patient-{request_id}"] == [PAS + "profile-beneficiary"]
        assert claimed[f"coverage-{request_id}"] == [PAS + "profile-coverage"]
        assert claimed["plan-caloptima-medi-cal"] == [PAS + "profile-insurer"]
        assert claimed["requesting-practice"] == [PAS + "profile-requestor"]
        assert claimed[f"service-request-{request_id}"] == [PAS + "profile-servicerequest"]
        assert claimed[f"referral-letter-{request_id}"] == [PAS + "profile-documentreference"]
        if f"practitioner-{request_id}" in claimed:
            assert claimed[f"practitioner-{request_id}"] == [PAS + "profile-practitioner"]
            assert claimed[f"practitioner-role-{request_id}"] == [PAS + "profile-practitionerrole"]
        Bundle.model_validate(sent)


def test_every_identifier_of_a_format_4_bundle_has_a_system_and_a_value(pas_batch):
    """PASIdentifier (system 1..1, value 1..1) is the type of every identifier PAS constrains: the Claim's, the
    organizations' (the payer id too) and the practitioners'."""
    def identifiers(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "identifier":
                    yield from (value if isinstance(value, list) else [value])
                yield from identifiers(value)
        elif isinstance(node, list):
            for value in node:
                yield from identifiers(value)

    found = [identifier for sent in _bundles(pas_batch).values() for identifier in identifiers(sent)]
    assert any(identifier.get("system") == PAYER_ID_SYSTEM for identifier in found)
    assert all(identifier.get("system") and identifier.get("value") for identifier in found), found


def test_the_coverage_sends_the_x12_self_code_beside_the_fhir_one(pas_batch):
    coverage = _resources(next(iter(_bundles(pas_batch).values())))["Coverage"][0]
    assert coverage["relationship"]["coding"] == [
        {"system": "http://terminology.hl7.org/CodeSystem/subscriber-relationship", "code": "self", "display": "Self"},
        {"system": X12_RELATIONSHIP, "code": "18", "display": "Self"}]


def test_a_format_3_batch_is_written_again_without_the_claims_and_with_the_letter_as_its_file(db_target):
    practice = Practice(name="Valley Family Practice", sender_id="a-sender")
    old = BatchHeader(batch_id=2, plan="caloptima-medi-cal", plan_name="CalOptima Health Medi-Cal",
                      created_at=EXPORTED_AT, who="clerk", with_pdfs=True, practice=practice, export_format=3)
    cases, _exports = exporting_desk(db_target, pdf_for=None)
    case = cases.submit(make_request(urgent=True)).case
    sent = bundle(old, Submission(line=1, case=case))
    assert "meta" not in sent and all("meta" not in entry["resource"] for entry in sent["entry"])
    claim = _resources(sent)["Claim"][0]
    assert claim["supportingInfo"][-1]["valueAttachment"]["url"] == f"letters/{case.id}-referral.pdf"
    assert "DocumentReference" not in _resources(sent)
    assert "extension" not in claim  # format 3 carried the level of service on the item
    assert any(e["url"].endswith("levelOfServiceCode") for e in claim["item"][0]["extension"])
    with pytest.raises(ValueError):  # format 4 with letters cannot be made without the letter
        bundle(old.model_copy(update={"export_format": 4}), Submission(line=1, case=case))


@pytest.mark.parametrize("clause, kind", [
    ("PASCoverage self-beneficiary", "Coverage"),
    ("LevelOfServiceCode context: Claim only", "Claim"),
    ("PASClaim supportingInfo[AdditionalInformation]: documentInformation 1..1 with reportTypeCode 1..1, "
     "value 1..1 a Reference, timing 0..0", "Claim"),
])
def test_the_rules_find_what_format_3_lacked(db_target, clause, kind):
    """The same rules on a format 3 bundle (as it was sent, and is written again): each fails, so each can."""
    from fhirpathpy import evaluate
    from fhirpathpy.models import models

    rule = next(rule for named, _, rule in PAS_RULES if named == clause)
    practice = Practice(name="Valley Family Practice", sender_id="a-sender")
    old = BatchHeader(batch_id=2, plan="caloptima-medi-cal", plan_name="CalOptima Health Medi-Cal",
                      created_at=EXPORTED_AT, who="clerk", with_pdfs=True, practice=practice, export_format=3)
    cases, _exports = exporting_desk(db_target, pdf_for=None)
    case = cases.submit(make_request(urgent=True, reasons=["other"], other_reason="Closer to home")).case
    (resource,) = _resources(bundle(old, Submission(line=1, case=case)))[kind]
    assert evaluate(resource, rule, {}, models["r4"]) == [False]
