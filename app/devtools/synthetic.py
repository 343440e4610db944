"""A deterministic synthetic provider directory: realistic in shape, obviously fake in content.

Names are common California surnames and given names (Latin, accented, Vietnamese, Armenian and Chinese
script) put together at random; every phone and fax is a fictional 555-01xx number, every street an
"Example Ave"/"Sample St", every organization a "... (Sample)". NPIs are valid (Luhn check digit) and unique
within one directory. The same `n` and `seed` always give the same directory.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path

from app.codes.npi import check_digit
from app.domain.members import RosterMember
from app.domain.models import Provider
from app.storage.providers import CSV_COLUMNS


# Common physician codes of the NUCC Health Care Provider Taxonomy, with their display names.
TAXONOMIES: dict[str, str] = {
    "207Q00000X": "Family Medicine",
    "207R00000X": "Internal Medicine",
    "208000000X": "Pediatrics",
    "207V00000X": "Obstetrics & Gynecology",
    "207X00000X": "Orthopaedic Surgery",
    "207RC0000X": "Cardiovascular Disease",
    "207RH0003X": "Hematology & Oncology",
    "2084N0400X": "Neurology",
    "208600000X": "Surgery",
    "207K00000X": "Allergy & Immunology",
    "207N00000X": "Dermatology",
    "207W00000X": "Ophthalmology",
    "207Y00000X": "Otolaryngology",
    "208800000X": "Urology",
    "207RG0100X": "Gastroenterology",
    "207RE0101X": "Endocrinology, Diabetes & Metabolism",
    "207RP1001X": "Pulmonary Disease",
    "207RN0300X": "Nephrology",
    "207RR0500X": "Rheumatology",
    "2086S0129X": "Vascular Surgery",
    "207T00000X": "Neurological Surgery",
    "2084P0800X": "Psychiatry",
    "207RI0200X": "Infectious Disease",
    "207L00000X": "Anesthesiology",
}
# Primary care is most of a Medi-Cal directory.
_TAXONOMY_WEIGHTS = [12 if code in ("207Q00000X", "207R00000X", "208000000X") else 2 for code in TAXONOMIES]

PLANS = (
    "healthnet-medi-cal",
    "hpsj-medi-cal",
    "mvhp-medi-cal",
    "caloptima-medi-cal",
    "caloptima-onecare",
    "partnership-medi-cal",
    "anthem-medi-cal",
)
GROUPS = (
    "ipa-sunrise",
    "ipa-delta-valley",
    "mg-coastal",
    "ipa-central-valley",
    "mg-bay-harbor",
    "ipa-inland-empire",
    "mg-redwood",
    "ipa-golden-gate",
)
# (language, share of providers who speak it besides English)
LANGUAGES = (
    ("Spanish", 0.40),
    ("Vietnamese", 0.07),
    ("Chinese", 0.07),
    ("Tagalog", 0.06),
    ("Korean", 0.04),
    ("Armenian", 0.03),
    ("Russian", 0.03),
    ("Hmong", 0.02),
    ("Punjabi", 0.03),
    ("Arabic", 0.02),
    ("Farsi", 0.02),
)
LAST_NAMES = (
    "Garcia", "Hernández", "Peña", "López", "Martínez", "Rodríguez", "Ramírez", "Flores", "Gómez", "Díaz",
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ",
    "Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Moore",
    "Kim", "Lee", "Park", "Choi", "Patel", "Shah", "Singh", "Kaur", "Chen", "Wong", "Liu", "Huang",
    "王", "李", "张", "陈",
    "Հակոբյան", "Պետրոսյան", "Sargsyan", "Grigoryan",
    "Santos", "Reyes", "Cruz", "Bautista", "dela Cruz", "O'Brien", "Vang", "Xiong", "Ivanova", "Haddad",
)  # fmt: skip
FIRST_NAMES = (
    "Ana", "María", "José", "Luis", "Carmen", "Rosa", "Jorge", "Sofía", "Andrés", "Lucía",
    "Minh", "Thảo", "Linh", "Ngọc", "Quốc", "Hương",
    "Wei", "Mei", "伟", "芳", "Jun", "Hana",
    "Aram", "Անի", "Nare", "Tigran",
    "Grace", "David", "Jennifer", "Michael", "Sarah", "James", "Emily", "Robert", "Olivia", "Daniel",
    "Priya", "Raj", "Arjun", "Simran", "Malia", "Kou", "Yer", "Omar", "Leila", "Dmitri",
)  # fmt: skip
CREDENTIALS = ("MD", "MD", "MD", "DO", "MD, MPH", "MD, PhD")
ORG_WORDS = ("Sunrise", "Delta", "Valley", "Coastal", "Harbor", "Redwood", "Golden", "Inland", "Mesa", "Oak")
ORG_KINDS = ("Medical Group", "Community Clinic", "Specialty Center", "Health Center", "Physicians")
STREETS = ("Example Ave", "Sample St", "Placeholder Blvd", "Test Way", "Demo Rd", "Fictional Ct")
# (city, ZIP, area code)
CITIES = (
    ("Los Angeles", "90012", "213"),
    ("Long Beach", "90802", "562"),
    ("Glendale", "91203", "818"),
    ("San Diego", "92101", "619"),
    ("Santa Ana", "92701", "714"),
    ("Anaheim", "92805", "714"),
    ("Irvine", "92618", "949"),
    ("Riverside", "92501", "951"),
    ("San Bernardino", "92401", "909"),
    ("Fresno", "93721", "559"),
    ("Visalia", "93291", "559"),
    ("Bakersfield", "93301", "661"),
    ("Stockton", "95202", "209"),
    ("Modesto", "95354", "209"),
    ("Merced", "95340", "209"),
    ("Sacramento", "95814", "916"),
    ("Oakland", "94612", "510"),
    ("San Francisco", "94102", "415"),
    ("San José", "95113", "408"),
    ("Salinas", "93901", "831"),
    ("Santa Rosa", "95404", "707"),
    ("Fairfield", "94533", "707"),
    ("Eureka", "95501", "707"),
    ("Redding", "96001", "530"),
    ("Chico", "95928", "530"),
)
_NPI_STRIDE = 7919  # a prime: i * stride mod 10**8 never repeats for i < 10**8


def synthetic_records(n: int, seed: int = 0) -> Iterator[dict]:
    """`n` provider records as plain dicts (lists and booleans, not yet validated)."""
    rng = random.Random(seed)
    start = rng.randrange(10**8)
    codes = list(TAXONOMIES)
    for index in range(n):
        organization_row = rng.random() < 0.08
        body = f"{'2' if organization_row else '1'}{(start + index * _NPI_STRIDE) % 10**8:08d}"
        taxonomy = rng.choices(codes, weights=_TAXONOMY_WEIGHTS)[0]
        city, zip_code, area = rng.choice(CITIES)
        languages = ["English"] if rng.random() < 0.93 else []
        languages += [language for language, share in LANGUAGES if rng.random() < share]
        if not languages:
            languages = ["Spanish"]
        record = {
            "npi": body + check_digit(body),
            "last_name": None,
            "first_name": None,
            "organization": None,
            "credential": None,
            "taxonomy": taxonomy,
            "specialty": TAXONOMIES[taxonomy],
            "address": f"{rng.randrange(100, 9900)} {rng.choice(STREETS)}",
            "city": city,
            "state": "CA",
            "zip": zip_code,
            "phone": f"({area}) 555-01{rng.randrange(100):02d}",
            "fax": f"({area}) 555-01{rng.randrange(100):02d}" if rng.random() < 0.8 else None,
            "languages": languages,
            "plans": rng.sample(PLANS, rng.choice((1, 1, 2, 2, 3))),
            "groups": rng.sample(GROUPS, rng.choice((0, 1, 1, 1, 2))),
            "medi_cal_certified": rng.random() < 0.96,
            "accepting_new_patients": rng.random() < 0.7,
        }
        if organization_row:
            record["organization"] = f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_KINDS)} (Sample)"
        else:
            record["last_name"] = rng.choice(LAST_NAMES)
            record["first_name"] = rng.choice(FIRST_NAMES)
            record["credential"] = rng.choice(CREDENTIALS)
        yield record


def synthetic_providers(n: int, seed: int = 0) -> Iterator[Provider]:
    """`n` valid providers, the same for the same `n` and `seed`."""
    for record in synthetic_records(n, seed):
        yield Provider.model_validate(record)


def csv_cells(record: dict) -> list[str]:
    """One record as the cells of a directory CSV row (docs/providers-csv.md)."""
    cells = []
    for column in CSV_COLUMNS:
        value = record[column]
        if isinstance(value, bool):
            cells.append("true" if value else "false")
        elif isinstance(value, list):
            cells.append(";".join(value))
        else:
            cells.append("" if value is None else str(value))
    return cells


def write_providers_csv(path: Path | str, n: int, seed: int = 0) -> Path:
    """Write a directory CSV of `n` synthetic providers (UTF-8, header first); returns the path."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_cells(record) for record in synthetic_records(n, seed))
    return path


# ---------------------------------------------------------------------------------------------- the member roster

COUNTY_OF_CITY = {
    "Los Angeles": "Los Angeles", "Long Beach": "Los Angeles", "Glendale": "Los Angeles", "San Diego": "San Diego",
    "Santa Ana": "Orange", "Anaheim": "Orange", "Irvine": "Orange", "Riverside": "Riverside",
    "San Bernardino": "San Bernardino", "Fresno": "Fresno", "Visalia": "Tulare", "Bakersfield": "Kern",
    "Stockton": "San Joaquin", "Modesto": "Stanislaus", "Merced": "Merced", "Sacramento": "Sacramento",
    "Oakland": "Alameda", "San Francisco": "San Francisco", "San José": "Santa Clara", "Salinas": "Monterey",
    "Santa Rosa": "Sonoma", "Fairfield": "Solano", "Eureka": "Humboldt", "Redding": "Shasta", "Chico": "Butte",
}  # fmt: skip
MEMBER_LANGUAGES = (("English", 55), ("Spanish", 30), ("Vietnamese", 4), ("Chinese", 3), ("Tagalog", 2),
                    ("Korean", 2), ("Armenian", 2), ("Russian", 1), ("Hmong", 1))


def synthetic_members(n: int, seed: int = 0, plans: tuple[str, ...] = PLANS) -> Iterator[RosterMember]:
    """`n` roster members (member IDs SM00000000, SM00000001, ...), each with one current coverage span; the
    same for the same `n` and `seed`. Every name and address is as fake as the directory's."""
    from datetime import date, timedelta

    rng = random.Random(seed)
    names = [language for language, _weight in MEMBER_LANGUAGES]
    weights = [weight for _language, weight in MEMBER_LANGUAGES]
    pcps = list(synthetic_records(50, seed + 1))
    for index in range(n):
        city, zip_code, area = rng.choice(CITIES)
        pcp = rng.choice(pcps)
        start = date(2024, 1, 1) + timedelta(days=30 * rng.randrange(30))
        yield RosterMember(
            member_id=f"SM{index:08d}", plan=plans[index % len(plans)], last_name=rng.choice(LAST_NAMES),
            first_name=rng.choice(FIRST_NAMES), date_of_birth=date(1940, 1, 1) + timedelta(days=rng.randrange(30000)),
            sex=rng.choice("FMFMU"), language=rng.choices(names, weights)[0],
            phone=f"({area}) 555-01{rng.randrange(100):02d}",
            address={"line1": f"{rng.randrange(100, 9900)} {rng.choice(STREETS)}", "city": city, "state": "CA",
                     "zip": zip_code},
            county=COUNTY_OF_CITY[city], health_network=rng.choice(GROUPS),
            pcp_npi=pcp["npi"], pcp_name=" ".join(filter(None, (pcp["first_name"], pcp["last_name"])))
            or pcp["organization"],
            coverage_start=start, coverage_end=None if rng.random() < 0.85 else start + timedelta(days=365))


def write_members_csv(path: Path | str, members) -> Path:
    """The roster CSV (docs/members-csv.md) of `members`."""
    from app.storage.members import CSV_COLUMNS as MEMBER_COLUMNS, members_csv_cells

    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(MEMBER_COLUMNS)
        writer.writerows(members_csv_cells(member) for member in members)
    return path


def members_834(members, payer: str = "SAMPLE HEALTH PLAN", *, segment_count_offset: int = 0,
                control: str = "0001") -> list[str]:
    """The segments (without terminators) of one 834 transaction set (ST..SE) for `members`: what a plan
    sends its delegated group. `segment_count_offset` makes SE01 wrong, as a damaged file's is."""
    from app.storage.x12_834 import COUNTIES, LANGUAGES

    county_code = {name: f"{number:02d}" for number, name in enumerate(COUNTIES, start=1)}
    language_code = {}
    for code, name in LANGUAGES.items():
        language_code.setdefault(name, code)
    segments = [f"ST*834*{control}*005010X220A1", f"BGN*00*SAMPLE{control}*20261201*1200****4",
                "N1*P5*SAMPLE MEDICAL GROUP*FI*999999999", f"N1*IN*{payer}*FI*888888888"]
    for member in members:
        address = member.address
        segments += [
            "INS*Y*18*030*XN*A***AC",
            f"REF*0F*{member.member_id}",
            f"NM1*IL*1*{member.last_name}*{member.first_name}****ZZ*{member.member_id}",
        ]
        if member.phone:
            segments.append(f"PER*IP**TE*{''.join(ch for ch in member.phone if ch.isdigit())}")
        if address.line1:
            segments.append(f"N3*{address.line1}" + (f"*{address.line2}" if address.line2 else ""))
        if address.city:
            county = f"**CY*{county_code[member.county]}" if member.county in county_code else ""
            segments.append(f"N4*{address.city}*{address.state or ''}*{(address.zip or '').replace('-', '')}{county}")
        segments.append(f"DMG*D8*{member.date_of_birth:%Y%m%d}*{member.sex or 'U'}")
        if member.language:
            segments.append(f"LUI*LD*{language_code.get(member.language, 'UND')}**7")
        segments += ["HD*030**HMO**IND", f"DTP*348*D8*{member.coverage_start:%Y%m%d}"]
        if member.coverage_end:
            segments.append(f"DTP*349*D8*{member.coverage_end:%Y%m%d}")
        if member.health_network:
            segments.append(f"REF*1L*{member.health_network}")
        if member.pcp_npi:
            first, _, last = (member.pcp_name or "").rpartition(" ")
            segments += ["LX*1", f"NM1*P3*1*{last}*{first}****XX*{member.pcp_npi}"]
    segments.append(f"SE*{len(segments) + 1 + segment_count_offset}*{control}")
    return segments


def write_members_834(path: Path | str, transactions: list[list[str]]) -> Path:
    """An 834 file (ISA..IEA, one GS) holding the given transaction sets (members_834's), one segment a line."""
    path = Path(path)
    isa = ("ISA*00*          *00*          *ZZ*SAMPLEPLAN     *ZZ*SAMPLEGROUP    *261201*1200*^*00501*000000001*0*T*:")
    lines = [isa, "GS*BE*SAMPLEPLAN*SAMPLEGROUP*20261201*1200*1*X*005010X220A1"]
    for transaction in transactions:
        lines += transaction
    lines += [f"GE*{len(transactions)}*1", "IEA*1*000000001"]
    path.write_text("~\n".join(lines) + "~\n", encoding="utf-8")
    return path
