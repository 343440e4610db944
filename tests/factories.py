"""Synthetic people and professionals for tests: tiny, named for what they give. No real person's data."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from app.codes.npi import check_digit
from app.domain.members import RosterMember
from app.domain.models import Address, Provider, Request

ALL_PLANS = [
    "healthnet-medi-cal",
    "hpsj-medi-cal",
    "mvhp-medi-cal",
    "caloptima-medi-cal",
    "caloptima-onecare",
    "partnership-medi-cal",
    "anthem-medi-cal",
]

FAMILY_MEDICINE = "207Q00000X"
INTERNAL_MEDICINE = "207R00000X"
ORTHOPAEDIC_SURGERY = "207X00000X"
ADULT_RECONSTRUCTIVE_ORTHO = "207XS0114X"
SPORTS_ORTHO = "207XX0005X"
CARDIOLOGY = "207RC0000X"
INTERVENTIONAL_CARDIOLOGY = "207RI0011X"
HEMATOLOGY_ONCOLOGY = "207RH0003X"


def npi(serial: int) -> str:
    base = f"1{serial:08d}"
    return base + check_digit(base)


# The cast: who each one is matters to the tests that use them.
PCP_REYES = npi(1)  # the member's PCP, family medicine, IPA Sunrise
PCP_NGUYEN = npi(2)  # internal medicine, IPA Sunrise, speaks Vietnamese
PCP_CHEN = npi(3)  # family medicine, but in another medical group (Coastal)
ORTHO_ORTIZ = npi(4)  # the treating orthopaedic surgeon
ORTHO_HAKOBYAN = npi(5)  # adult reconstructive orthopaedics: an equivalent specialty, another group
CARDIO_DOE = npi(6)  # cardiology: not equivalent to orthopaedics
ORTHO_OON_CERTIFIED = npi(7)  # sports orthopaedics, out of every network, Medi-Cal certified
ORTHO_OON_UNCERTIFIED = npi(8)  # orthopaedics, out of every network, not Medi-Cal certified
ONCO_OON = npi(9)  # hematology & oncology, out of network: the network has none
ORTHO_PENA = npi(10)  # orthopaedics in network, not accepting new patients, speaks Spanish
UNKNOWN_NPI = npi(999)  # valid NPI, not in the directory


def provider(npi_: str, last: str, first: str, taxonomy: str, specialty: str, **fields: Any) -> Provider:
    data: dict[str, Any] = {
        "npi": npi_,
        "last_name": last,
        "first_name": first,
        "credential": "MD",
        "taxonomy": taxonomy,
        "specialty": specialty,
        "city": "Stockton",
        "state": "CA",
        "phone": "209-555-0100",
        "languages": ["English"],
        "plans": ALL_PLANS,
        "groups": [],
        "medi_cal_certified": True,
        "accepting_new_patients": True,
    }
    data.update(fields)
    return Provider.model_validate(data)


def cast() -> list[Provider]:
    return [
        provider(PCP_REYES, "Reyes", "Ana", FAMILY_MEDICINE, "Family Medicine", groups=["ipa-sunrise"],
                 languages=["English", "Spanish"]),
        provider(PCP_NGUYEN, "Nguyễn", "Minh", INTERNAL_MEDICINE, "Internal Medicine", groups=["ipa-sunrise"],
                 languages=["English", "Vietnamese"]),
        provider(PCP_CHEN, "Chen", "Lori", FAMILY_MEDICINE, "Family Medicine", groups=["mg-coastal"]),
        provider(ORTHO_ORTIZ, "Ortiz", "Sam", ORTHOPAEDIC_SURGERY, "Orthopaedic Surgery", groups=["mg-coastal"]),
        provider(ORTHO_HAKOBYAN, "Հակոբյան", "Armen", ADULT_RECONSTRUCTIVE_ORTHO,
                 "Adult Reconstructive Orthopaedic Surgery", groups=["ipa-delta-valley"],
                 languages=["English", "Armenian"]),
        provider(CARDIO_DOE, "Doe", "Jane", CARDIOLOGY, "Cardiovascular Disease", groups=["ipa-sunrise"]),
        provider(ORTHO_OON_CERTIFIED, "Okafor", "Ike", SPORTS_ORTHO, "Sports Medicine (Orthopaedic Surgery)",
                 plans=[], city="Sacramento"),
        provider(ORTHO_OON_UNCERTIFIED, "Lund", "Erik", ORTHOPAEDIC_SURGERY, "Orthopaedic Surgery", plans=[],
                 medi_cal_certified=False),
        provider(ONCO_OON, "Weiss", "Hannah", HEMATOLOGY_ONCOLOGY, "Hematology & Oncology", plans=[]),
        provider(ORTHO_PENA, "Peña", "Lucía", ORTHOPAEDIC_SURGERY, "Orthopaedic Surgery", groups=["ipa-sunrise"],
                 languages=["Spanish"], accepting_new_patients=False),
    ]


BASE_REQUEST: dict[str, Any] = {
    "plan": "caloptima-medi-cal",
    "county": "Orange",
    "received_at": "2025-03-03T10:00:00",  # a Monday, before the 2026 seven-day cap
    "requester": {"type": "member", "name": "Rosa Testcase", "phone": "714-555-0101"},
    "member": {
        "member_id": "TST000001",
        "first_name": "Rosa",
        "last_name": "Testcase",
        "date_of_birth": "1971-05-14",
        "language": "Spanish",
        "phone": "714-555-0101",
        "address": {"line1": "100 Example St", "city": "Santa Ana", "state": "CA", "zip": "92701"},
        "health_network": "ipa-sunrise",
    },
    "pcp": {"npi": PCP_REYES, "name": "Ana Reyes, MD"},
    "care_in_question": {"from": "specialist", "taxonomy": ORTHOPAEDIC_SURGERY, "npi": ORTHO_ORTIZ,
                         "name": "Sam Ortiz, MD"},
    "diagnoses": ["M17.11"],
    "reasons": ["surgery_questioned"],
    "serious_condition": False,
    "urgent": False,
    "opinion_number": 2,
    "procedure": "Right total knee arthroplasty",
}


def _deep_update(target: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _deep_update(target[key], value)
        else:
            target[key] = value
    return target


def request_data(**changes: Any) -> dict[str, Any]:
    """The base request as JSON-ready data, with nested changes: request_data(member={"language": "English"})."""
    return _deep_update(copy.deepcopy(BASE_REQUEST), changes)


def make_request(**changes: Any) -> Request:
    return Request.model_validate(request_data(**changes))


# A request's member address with every line cleared (request_data merges changes into the base request's).
NO_ADDRESS = {"line1": None, "line2": None, "city": None, "state": None, "zip": None}


def roster_member(**changes: Any) -> RosterMember:
    """One CalOptima member on the roster (invented), covered since 2024, speaking Vietnamese."""
    fields = {"member_id": "TST000009", "plan": "caloptima-medi-cal", "last_name": "Trần", "first_name": "Mai",
              "date_of_birth": date(1980, 2, 3), "language": "Vietnamese",
              "address": Address(line1="200 Example St", city="Garden Grove", state="CA", zip="92840"),
              "coverage_start": date(2024, 1, 1)}
    return RosterMember(**{**fields, **changes})
