"""Every FHIR Bundle of a batch is valid R4 (fhir.resources.R4B) and shaped after Da Vinci PAS."""

import csv
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
    PAYER_ID_TYPE,
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
    assert team["role"]["coding"][0]["code"] == "primary"


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
    assert letter["valueAttachment"]["contentType"] == "application/pdf"
    assert (tmp_path / "out" / letter["valueAttachment"]["url"]).read_bytes().startswith(b"%PDF")
    assert [message["sequence"], letter["sequence"]] == [1, 2]
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
    assert plan["identifier"][-1] == {"type": {"coding": [dict(zip(("system", "code", "display"), PAYER_ID_TYPE))]},
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
