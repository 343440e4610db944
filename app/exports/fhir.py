"""One FHIR R4 Bundle per request, shaped after Da Vinci Prior Authorization Support (PAS).

Plain dicts, written as canonical JSON (fhir.resources validates them in the tests only: importing it here would
cost a second at start). Ids are derived from the request id, the plan id and nothing random, and the Bundle's
timestamp and the Claim's `created` are the batch's creation time, so a batch rewritten from the database gives
the same bytes. The mapping, element by element, is in docs/exports.md.

Every fullUrl and the Bundle's and Claim's identifiers are scoped by the sending database's id (a random UUID
made once, kept in its settings: Practice.sender_id) and the batch: two desks with databases of their own never
give the same urn:uuid, and a request sent again is a new transaction (PAS). A batch of export format 1 (sent
before the sender id existed) is written again as it was: its old ids, and none of what format 2 added for PAS
(X12 entity types, split addresses, the practice's NPI and TIN, place of service, care-team scope, supporting
information, the member's sex).

From export format 4 each Bundle claims the PAS 2.2.1 profiles in `meta.profile` (the Bundle and every resource
in it) and meets what they add over format 3, read clause by clause from the PAS 2.2.1 profiles (input/fsh of
HL7/davinci-pas at tag 2.2.1): the referral letter inline in a PAS DocumentReference (attachment data, no url),
pointed to by the Claim's AdditionalInformation with its documentInformation (PWK01 B4 "Referral Form"); the level
of service on the Claim (its extension's only context); the care team's role an X12 entity code; the X12
relationship code beside the FHIR one on the Coverage (invariant self-beneficiary); a system on the payer id
(PASIdentifier: system 1..1). Formats 1-3 are written again as they were sent, without claims.
"""

from __future__ import annotations

import base64
import hashlib
import re
import uuid

from app.domain.models import Provider
from app.domain.settings import PLACES_OF_SERVICE
from app.exports.batch import CONSULTATION, BatchHeader, Submission, canonical_json, icd10_code, pdf_name

NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi"
NUCC_SYSTEM = "http://nucc.org/provider-taxonomy"
ICD10CM_SYSTEM = "http://hl7.org/fhir/sid/icd-10-cm"
CPT_SYSTEM = "http://www.ama-assn.org/go/cpt"
X12_SERVICE_TYPE = "https://codesystem.x12.org/005010/1365"
X12_REQUEST_CATEGORY = "https://codesystem.x12.org/005010/1525"
X12_CERTIFICATION_TYPE = "https://codesystem.x12.org/005010/1322"
PAS = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/"
REQUEST_SYSTEM = "urn:sodesk:request"
SENDER_SYSTEM = "urn:sodesk:sender:"  # + the sender id: the identifiers of one sending, "<batch>-<request>"
LEVEL_OF_SERVICE = "https://codesystem.x12.org/005010/1338"  # X12 level of service: U urgent
X12_ENTITY = "https://codesystem.x12.org/005010/98"  # X12 entity identifier codes: PR payer, 1P provider
PLACE_OF_SERVICE = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set"
TIN_SYSTEM = "urn:oid:2.16.840.1.113883.4.4"  # the IRS's employer identification numbers (format 2)
US_EIN = "http://terminology.hl7.org/NamingSystem/USEIN"  # the same numbers as PAS's identifier[TIN] has them
PAYER_ID_TYPE = ("http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBIdentifierType", "payerid", "Payer ID")  # PAS PI
MEDI_CAL_CIN = "urn:sodesk:medi-cal:cin"  # the member's Medi-Cal CIN (v2-0203 MA, Patient Medicaid number)
PAYER_ID_SYSTEM = "urn:sodesk:payer-id"  # format 4: PASIdentifier wants a system beside the payerid type
PLAN_SYSTEM = "urn:sodesk:plan"
US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/"
X12_RELATIONSHIP = "https://codesystem.x12.org/005010/1069"  # X12 individual relationship codes: 18 self
X12_REPORT_TYPE = "https://codesystem.x12.org/005010/755"  # PWK01 attachment report type: B4 referral form
X12_TRANSMISSION = "https://codesystem.x12.org/005010/756"  # PWK02 transmission: EL electronically only
LOINC = "http://loinc.org"
REFERRAL_NOTE = ("57133-1", "Referral note")  # LOINC document type of the referral letter
DOCUMENT_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category"
# Format 4: the profile each resource claims (PAS 2.2.1; PAS's Organization base is abstract, so a professional
# the directory lists as an organization claims US Core's).
PROFILES = {
    "Bundle": PAS + "profile-pas-request-bundle",
    "Claim": PAS + "profile-claim",
    "Patient": PAS + "profile-beneficiary",
    "Coverage": PAS + "profile-coverage",
    "insurer": PAS + "profile-insurer",
    "requestor": PAS + "profile-requestor",
    "Practitioner": PAS + "profile-practitioner",
    "PractitionerRole": PAS + "profile-practitionerrole",
    "Organization": US_CORE + "us-core-organization",
    "ServiceRequest": PAS + "profile-servicerequest",
    "DocumentReference": PAS + "profile-documentreference",
}
TERMINOLOGY = "http://terminology.hl7.org/CodeSystem/"
CARE_TEAM_ROLE = TERMINOLOGY + "claimcareteamrole"
GENDER = {"F": "female", "M": "male", "U": "unknown"}  # the member's administrative sex (X12 1068) in FHIR
PAS_TEMP_CODES = "http://hl7.org/fhir/us/davinci-pas/CodeSystem/PASTempCodes"  # supportingInfo categories

# X12 278 codes for a second-opinion request: service type 3 "Consultation", request category SC "Specialty
# Care Review", certification type I "Initial". The service itself: app.exports.batch.CONSULTATION.
SERVICE_TYPE = ("3", "Consultation")
REQUEST_CATEGORY = ("SC", "Specialty Care Review")
CERTIFICATION = ("I", "Initial")
CONSULTATION_TEXT = {2: "Second medical opinion consultation", 3: "Third medical opinion consultation"}

# Fixed: the same request gives the same urn:uuid in every run and on every desk.
NAMESPACE = uuid.UUID("5d1f3c64-8f3e-4c55-9d6a-0b2f4a7c1e21")
_NAMESPACE_BYTES = NAMESPACE.bytes

REASON_TEXT = {
    "surgery_questioned": "The member questions whether a recommended surgery is reasonable or necessary",
    "diagnosis_or_plan_questioned": "The member questions a diagnosis or plan of care for a serious condition",
    "unclear_or_conflicting": "Clinical signs are unclear or complex, or test results conflict",
    "not_improving": "The member's condition is not improving under the plan of care",
    "concerns_after_following_plan": "The member has concerns after following the plan of care",
    "conflicting_recommendations": "The member has received conflicting recommendations",
    "other": "Other reason",
}


def _full_url(key: str) -> str:
    """urn:uuid of RFC 4122 version 5 (name-based, SHA-1): exactly uuid.uuid5(NAMESPACE, key), without building a
    UUID object (70,000 of them in a batch of 10,000)."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + key.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = digest.hex()
    return f"urn:uuid:{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _fhir_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9\-.]", "-", text)[:64]


def _coding(system: str, code: str, display: str | None = None) -> dict:
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return coding


def _concept(system: str, code: str, display: str | None = None) -> dict:
    return {"coding": [_coding(system, code, display)]}


def _scope(header: BatchHeader) -> str:
    """What every key of a batch's fullUrls begins with: the sender and the batch (none in an old batch)."""
    sender = header.practice.sender_id
    return f"{sender}/{header.batch_id}/" if sender else ""


def _plan_organization(header: BatchHeader) -> tuple[str, dict]:
    key = f"{_scope(header)}organization/plan/{header.plan}"
    kind = (_concept(X12_ENTITY, "PR", "Payer") if header.format_version >= 2
            else _concept(TERMINOLOGY + "organization-type", "pay", "Payer"))
    identifiers = [{"system": PLAN_SYSTEM, "value": header.plan}]
    if header.payer_id and header.format_version >= 3:  # PAS Organization identifier[PI]
        payer = {"type": _concept(*PAYER_ID_TYPE), "value": header.payer_id}
        if header.format_version >= 4:  # PASIdentifier: system 1..1
            payer = {"system": PAYER_ID_SYSTEM, **payer}
        identifiers.append(payer)
    return _full_url(key), {
        "resourceType": "Organization",
        "id": _fhir_id(f"plan-{header.plan}"),
        "identifier": identifiers,
        "active": True,
        "type": [kind],
        "name": header.plan_name,
    }


_CITY_LINE = re.compile(r"^(?P<city>.+?),?\s+(?P<state>[A-Za-z]{2})\s+(?P<zip>\d{5}(?:-\d{4})?)$")


def split_address(lines: list[str]) -> dict:
    """The settings' address lines as a FHIR Address: the last line read as "City, ST 12345" when it is one."""
    found = _CITY_LINE.match(lines[-1]) if lines else None
    if found is None:
        return {"text": ", ".join(lines), "line": lines}
    address = {"text": ", ".join(lines), "line": lines[:-1], "city": found["city"].strip(),
               "state": found["state"].upper(), "postalCode": found["zip"], "country": "US"}
    return {key: value for key, value in address.items() if value}


def _practice_organization(header: BatchHeader) -> tuple[str, dict]:
    practice = header.practice
    modern = header.format_version >= 2
    resource: dict = {
        "resourceType": "Organization",
        "id": "requesting-practice",
        "active": True,
        "type": [_concept(X12_ENTITY, "1P", "Provider") if modern
                 else _concept(TERMINOLOGY + "organization-type", "prov", "Healthcare Provider")],
        "name": practice.name or "Requesting practice (name not set in the desk's settings)",
    }
    tin_system = US_EIN if header.format_version >= 3 else TIN_SYSTEM  # format 3: PAS identifier[TIN]
    identifiers = [{"system": system, "value": value}
                   for system, value in ((NPI_SYSTEM, practice.npi), (tin_system, practice.tin)) if value]
    if identifiers:
        resource["identifier"] = identifiers
    telecom = [{"system": system, "value": value, "use": "work"}
               for system, value in (("phone", practice.phone), ("fax", practice.fax)) if value]
    if telecom:
        resource["telecom"] = telecom
    if practice.address:
        lines = [line.strip() for line in practice.address.splitlines() if line.strip()]
        resource["address"] = [split_address(lines) if modern else {"text": ", ".join(lines), "line": lines}]
    return _full_url(f"{_scope(header)}organization/requesting-practice"), resource


def _practitioner(scope: str, request_id: int, npi: str, professional: Provider | None) -> tuple[str, dict]:
    resource: dict = {
        "resourceType": "Practitioner",
        "id": f"practitioner-{request_id}",
        "identifier": [{"system": NPI_SYSTEM, "value": npi}],
    }
    if professional is not None:
        name: dict = {"text": professional.display_name}
        if professional.last_name:
            name["family"] = professional.last_name
        if professional.first_name:
            name["given"] = [professional.first_name]
        if professional.credential:
            name["suffix"] = [professional.credential]
        resource["name"] = [name]
    return _full_url(f"{scope}practitioner/{request_id}"), resource


def _professional_organization(scope: str, request_id: int, npi: str, professional: Provider) -> tuple[str, dict]:
    """A professional the directory lists as an organization (a clinic's NPI): a PAS Organization, never a
    Practitioner with a text-only name."""
    resource: dict = {
        "resourceType": "Organization",
        "id": f"professional-organization-{request_id}",
        "identifier": [{"system": NPI_SYSTEM, "value": npi}],
        "active": True,
        "type": [_concept(X12_ENTITY, "1P", "Provider")],
        "name": professional.display_name,
    }
    if professional.phone:
        resource["telecom"] = [{"system": "phone", "value": professional.phone, "use": "work"}]
    return _full_url(f"{scope}professional-organization/{request_id}"), resource


def _practitioner_role(scope: str, request_id: int, npi: str, practitioner_url: str, taxonomy: str | None,
                       professional: Provider | None, *, of_organization: bool = False) -> tuple[str, dict]:
    resource: dict = {
        "resourceType": "PractitionerRole",
        "id": f"practitioner-role-{request_id}",
        "identifier": [{"system": NPI_SYSTEM, "value": npi}],
        "active": True,
        ("organization" if of_organization else "practitioner"): {"reference": practitioner_url},
    }
    if taxonomy:
        display = professional.specialty if professional is not None else None
        resource["specialty"] = [_concept(NUCC_SYSTEM, taxonomy, display)]
    if professional is not None and professional.phone:
        resource["telecom"] = [{"system": "phone", "value": professional.phone, "use": "work"}]
    return _full_url(f"{scope}practitioner-role/{request_id}"), resource


def _requester_reference(submission: Submission, patient_url: str, practice_url: str) -> dict:
    requester = submission.case.request.requester
    kind = requester.type.value
    if kind == "member":
        return {"reference": patient_url}
    if kind == "authorized_representative":
        return {"display": f"{requester.name or 'Authorized representative'} (authorized representative)"}
    reference: dict = {"display": requester.name or kind.replace("_", " ")}
    if requester.npi:
        reference["identifier"] = {"system": NPI_SYSTEM, "value": requester.npi}
    elif kind in ("pcp", "treating_provider", "other_provider") and not requester.name:
        return {"reference": practice_url}
    return reference


def _requested_period(submission: Submission) -> dict:
    request, determination = submission.case.request, submission.case.determination
    period = {"start": request.received_at.date().isoformat()}
    if determination is not None and determination.consult_due is not None:
        period["end"] = determination.consult_due.date().isoformat()
    return period


def _letter_document(header: BatchHeader, submission: Submission, letter: bytes, patient_url: str,
                     practice_url: str) -> tuple[str, dict]:
    """Format 4: the referral letter as a PAS DocumentReference (US Core DocumentReference, the PDF inline:
    attachment data 1..1, url 0..0), so the Bundle stands alone when posted to a plan's PAS API."""
    request_id = submission.request_id
    resource = {
        "resourceType": "DocumentReference",
        "id": f"referral-letter-{request_id}",
        "status": "current",
        "type": _concept(LOINC, *REFERRAL_NOTE),
        "category": [_concept(DOCUMENT_CATEGORY, "clinical-note", "Clinical Note")],
        "subject": {"reference": patient_url},
        "date": header.created_at.isoformat(),
        "author": [{"reference": practice_url}],
        "description": f"Referral letter, request #{request_id}",
        "content": [{"attachment": {
            "contentType": "application/pdf",
            "data": base64.b64encode(letter).decode("ascii"),
            "size": len(letter),
            "hash": base64.b64encode(hashlib.sha1(letter).digest()).decode("ascii"),
            "title": f"Referral letter, request #{request_id}",
        }}],
    }
    return _full_url(f"{_scope(header)}referral-letter/{request_id}"), resource


def _supporting_info(header: BatchHeader, submission: Submission, letter_url: str | None = None) -> list[dict]:
    """PAS supportingInfo: the member's reasons in words, as a message to the plan's UM staff (MessageText:
    freeFormMessage), and the referral letter of the batch (AdditionalInformation) when the batch carries the
    letters: from format 4 a reference to its DocumentReference in the Bundle (`letter_url`) with its PWK01
    document information, before that an attachment naming the batch's file."""
    request = submission.case.request
    words = [REASON_TEXT[reason.value] for reason in request.reasons]
    if request.other_reason:
        words.append(f"In the member's words: {request.other_reason}")
    found: list[dict] = []
    if words:
        found.append({"category": _concept(PAS_TEMP_CODES, "freeFormMessage", "Free Form Message"),
                      "valueString": "Why a second opinion is asked for: " + "; ".join(words)})
    if header.with_pdfs and letter_url is not None:
        found.append({
            "extension": [{"url": PAS + "extension-documentInformation", "extension": [
                {"url": "reportTypeCode", "valueCodeableConcept": _concept(X12_REPORT_TYPE, "B4", "Referral Form")},
                {"url": "transmissionMethod",
                 "valueCodeableConcept": _concept(X12_TRANSMISSION, "EL", "Electronically Only")},
            ]}],
            "category": _concept(PAS_TEMP_CODES, "additionalInformation", "Additional Information"),
            "valueReference": {"reference": letter_url}})
    elif header.with_pdfs:
        found.append({"category": _concept(PAS_TEMP_CODES, "additionalInformation", "Additional Information"),
                      "valueAttachment": {"contentType": "application/pdf",
                                          "url": pdf_name(submission.request_id),  # the batch's own file
                                          "title": f"Referral letter, request #{submission.request_id}"}})
    return [{"sequence": index, **info} for index, info in enumerate(found, start=1)]


def _claim_profiles(entries: list[tuple[str, dict]], plan_url: str, practice_url: str) -> None:
    """Format 4: each resource's `meta.profile` (PROFILES), the plan and the practice as PAS's insurer and
    requestor."""
    for url, resource in entries:
        kind = resource["resourceType"]
        if kind == "Organization":
            kind = {plan_url: "insurer", practice_url: "requestor"}.get(url, kind)
        resource["meta"] = {"profile": [PROFILES[kind]]}


def bundle(header: BatchHeader, submission: Submission, letter: bytes | None = None) -> dict:
    """`letter`: the request's referral PDF, carried inline from format 4 when the batch has the letters."""
    case = submission.case
    request = case.request
    case_id = case.id
    member = request.member
    professional = submission.professional
    npi = request.requested_provider_npi
    taxonomy = (professional.taxonomy if professional is not None and professional.taxonomy
                else request.care_in_question.taxonomy)
    created = header.created_at.isoformat()
    urgent = request.urgent

    scope = _scope(header)
    claim_url = _full_url(f"{scope}claim/{case_id}")
    patient_url = _full_url(f"{scope}patient/{case_id}")
    coverage_url = _full_url(f"{scope}coverage/{case_id}")
    service_request_url = _full_url(f"{scope}service-request/{case_id}")
    plan_url, plan_org = _plan_organization(header)
    practice_url, practice_org = _practice_organization(header)
    role_url = None
    people: list[tuple[str, dict]] = []
    modern = header.format_version >= 2
    pas = header.format_version >= 4  # claims the PAS profiles
    if pas and header.with_pdfs and letter is None:
        raise ValueError("a format 4 bundle of a batch with letters carries its letter: give `letter`")
    if npi:
        an_organization = (modern and professional is not None and not professional.last_name
                           and bool(professional.organization))
        if an_organization:
            practitioner_url, practitioner = _professional_organization(scope, case_id, npi, professional)
        else:
            practitioner_url, practitioner = _practitioner(scope, case_id, npi, professional)
        role_url, role = _practitioner_role(scope, case_id, npi, practitioner_url, taxonomy, professional,
                                            of_organization=an_organization)
        people = [(practitioner_url, practitioner), (role_url, role)]

    identifier = {"system": REQUEST_SYSTEM, "value": str(case_id)}  # the request, the same in every sending
    sender = header.practice.sender_id
    sending = ({"system": SENDER_SYSTEM + sender, "value": f"{header.batch_id}-{case_id}"} if sender
               else identifier)  # this sending of it: a resend is a new transaction
    tin = re.sub(r"\D", "", header.practice.tin or "")
    if header.format_version >= 4 and sender and tin:
        # PAS: Claim.identifier.system SHOULD be urn:trnorg:<TRN03>, the originating company: X12's "1" and the
        # practice's EIN. Desks of one practice with databases of their own share it, so the value names the
        # sender too (TRN02, at most 50 characters: 32 + batch + request).
        sending = {"system": f"urn:trnorg:1{tin}", "value": f"{sender.replace('-', '')}-{header.batch_id}-{case_id}"}
    diagnoses = [icd10_code(code) for code in request.diagnoses]

    patient = {
        "resourceType": "Patient",
        "id": f"patient-{case_id}",
        "identifier": [{
            "type": _concept(TERMINOLOGY + "v2-0203", "MB", "Member Number"),
            "system": f"{PLAN_SYSTEM}:{header.plan}:member-id",
            "value": member.member_id,
        }],
        "name": [{"family": member.last_name, "given": [member.first_name]}],
        "gender": GENDER.get(member.sex, "unknown") if modern else "unknown",  # format 1: not recorded
        "birthDate": member.date_of_birth.isoformat(),
    }
    if member.cin and header.format_version >= 3:
        patient["identifier"].append({"type": _concept(TERMINOLOGY + "v2-0203", "MA", "Patient Medicaid number"),
                                      "system": MEDI_CAL_CIN, "value": member.cin})
    coverage = {
        "resourceType": "Coverage",
        "id": f"coverage-{case_id}",
        "status": "active",
        "subscriberId": member.member_id,
        "beneficiary": {"reference": patient_url},
        "relationship": {"coding": [_coding(TERMINOLOGY + "subscriber-relationship", "self", "Self")]
                         + ([_coding(X12_RELATIONSHIP, "18", "Self")] if pas else [])},  # PAS self-beneficiary
        "payor": [{"reference": plan_url}],
        "class": [{"type": _concept(TERMINOLOGY + "coverage-class", "plan", "Plan"), "value": header.plan,
                   "name": header.plan_name}],
    }
    if modern:  # PAS Coverage identifier[memberid] 1..1
        coverage["identifier"] = [{"type": _concept(TERMINOLOGY + "v2-0203", "MB", "Member Number"),
                                   "system": f"{PLAN_SYSTEM}:{header.plan}:member-id", "value": member.member_id}]
    reason_codes = [_concept(ICD10CM_SYSTEM, code) for code in diagnoses]
    reason_codes += [{"text": REASON_TEXT[reason.value]} for reason in request.reasons]
    if request.other_reason:
        reason_codes.append({"text": request.other_reason})
    service_request: dict = {
        "resourceType": "ServiceRequest",
        "id": f"service-request-{case_id}",
        "identifier": [identifier],
        "status": "active",
        "intent": "order",
        "priority": "urgent" if urgent else "routine",
        "code": {"coding": [_coding(CPT_SYSTEM, *CONSULTATION)],
                 "text": CONSULTATION_TEXT[request.opinion_number]},
        "quantityQuantity": {"value": 1},
        "subject": {"reference": patient_url},
        "authoredOn": request.received_at.isoformat(),
        "requester": _requester_reference(submission, patient_url, practice_url),
        "insurance": [{"reference": coverage_url}],
    }
    if taxonomy:
        service_request["performerType"] = _concept(NUCC_SYSTEM, taxonomy)
    if role_url:
        service_request["performer"] = [{"reference": role_url}]
    if reason_codes:
        service_request["reasonCode"] = reason_codes
    notes = []
    if request.procedure:
        notes.append(f"Care in question: {request.procedure}")
    care = request.care_in_question
    if care.name or care.npi:
        who = care.name or f"NPI {care.npi}"
        notes.append(f"Care in question from the member's {care.from_.value}: {who}")
    if request.serious_condition:
        notes.append("The condition is serious (threat to life, limb or bodily function, or substantial "
                     "impairment)")
    if notes:
        service_request["note"] = [{"text": text} for text in notes]

    item: dict = {
        "sequence": 1,
        "extension": [
            {"url": PAS + "extension-serviceItemRequestType",
             "valueCodeableConcept": _concept(X12_REQUEST_CATEGORY, *REQUEST_CATEGORY)},
            {"url": PAS + "extension-certificationType",
             "valueCodeableConcept": _concept(X12_CERTIFICATION_TYPE, *CERTIFICATION)},
            {"url": PAS + "extension-requestedService", "valueReference": {"reference": service_request_url}},
        ],
        "category": _concept(X12_SERVICE_TYPE, *SERVICE_TYPE),
        "productOrService": {"coding": [_coding(CPT_SYSTEM, *CONSULTATION)],
                             "text": CONSULTATION_TEXT[request.opinion_number]},
        "quantity": {"value": 1},
    }
    place = header.practice.place_of_service
    if modern and place:  # PAS Claim.item.location[x] 1..1: where the consultation is given
        item["locationCodeableConcept"] = _concept(PLACE_OF_SERVICE, place, PLACES_OF_SERVICE.get(place))
    # Beside Claim.priority: the X12 278's level of service (PAS extension-levelOfServiceCode, UM06). Its one
    # context is the Claim; formats 2 and 3 carried it on the item, and are written again so.
    level = ({"url": PAS + "extension-levelOfServiceCode",
              "valueCodeableConcept": _concept(LEVEL_OF_SERVICE, "U", "Urgent")} if modern and urgent else None)
    if level is not None and not pas:
        item["extension"].append(level)
    if diagnoses:
        item["diagnosisSequence"] = list(range(1, len(diagnoses) + 1))
    if modern:  # the requested service dates: from the day of receipt to the consult's deadline when there is one
        item["servicedPeriod"] = _requested_period(submission)
    claim: dict = {
        "resourceType": "Claim",
        "id": f"claim-{case_id}",
        "identifier": [sending],
        "status": "active",
        "type": _concept(TERMINOLOGY + "claim-type", "professional", "Professional"),
        "use": "preauthorization",
        "patient": {"reference": patient_url},
        "created": created,
        "insurer": {"reference": plan_url},
        "provider": {"reference": practice_url},
        "priority": _concept(TERMINOLOGY + "processpriority", *(("stat", "Immediate") if urgent
                                                               else ("normal", "Normal"))),
        "referral": {"reference": service_request_url},
        "insurance": [{"sequence": 1, "focal": True, "coverage": {"reference": coverage_url}}],
        "item": [item],
    }
    if level is not None and pas:
        claim["extension"] = [level]
    if diagnoses:
        claim["diagnosis"] = [{"sequence": index, "diagnosisCodeableConcept": _concept(ICD10CM_SYSTEM, code)}
                              for index, code in enumerate(diagnoses, start=1)]
    if role_url:
        team: dict = {"sequence": 1, "provider": {"reference": role_url}}
        if modern:  # PAS careTeam: its claim scope (1..1) and a role
            team["extension"] = [{"url": PAS + "extension-careTeamClaimScope", "valueBoolean": True}]
            team["role"] = (_concept(X12_ENTITY, "SJ", "Service Provider") if pas  # PAS: X12 NM101 (2010EA)
                            else _concept(CARE_TEAM_ROLE, "primary", "Primary provider"))
        if taxonomy:
            team["qualification"] = _concept(NUCC_SYSTEM, taxonomy)
        claim["careTeam"] = [team]
        item["careTeamSequence"] = [1]
    documents = ([_letter_document(header, submission, letter, patient_url, practice_url)]
                 if pas and header.with_pdfs else [])
    supporting = (_supporting_info(header, submission, documents[0][0] if documents else None) if modern
                  else [])
    if supporting:
        claim["supportingInfo"] = supporting

    entries = [(claim_url, claim), (patient_url, patient), (coverage_url, coverage), (plan_url, plan_org),
               (practice_url, practice_org), *people, (service_request_url, service_request), *documents]
    found = {
        "resourceType": "Bundle",
        "id": f"request-{case_id}",
        "identifier": sending,
        "type": "collection",
        "timestamp": created,
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in entries],
    }
    if pas:
        _claim_profiles(entries, plan_url, practice_url)
        found["meta"] = {"profile": [PROFILES["Bundle"]]}
    return found


def fhir_bundle(header: BatchHeader, submission: Submission, letter: bytes | None = None) -> bytes:
    return canonical_json(bundle(header, submission, letter))
