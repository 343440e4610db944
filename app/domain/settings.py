"""The desk's settings: one row per key in the database, so every desk on the file shares them."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from app.domain.models import Model, Npi, OptionalText

LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")


def _check_phone(value: str | None) -> str | None:
    # Kept as typed ("(209) 555-0100 x12" is fine); only too few digits is refused.
    if value is not None and sum(ch.isdigit() for ch in value) < 10:
        # A custom error keeps pydantic's "Value error, " prefix out of the message the clerk reads.
        raise PydanticCustomError("phone_number", "a phone number has 10 digits, e.g. 209-555-0100")
    return value


def _check_logo(value: str | None) -> str | None:
    if value is not None and not value.casefold().endswith(LOGO_SUFFIXES):
        raise PydanticCustomError("logo_file", "the logo is a picture file ending in .png, .jpg or .jpeg")
    return value


def _check_tin(value: str | None) -> str | None:
    if value is None:
        return None
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) != 9 or any(not (ch.isdigit() or ch in "- ") for ch in value):
        raise PydanticCustomError("tin", "a TIN (the practice's federal tax ID, EIN) is 9 digits, e.g. 12-3456789")
    return f"{digits[:2]}-{digits[2:]}"


# CMS place-of-service codes a second-opinion consultation is given in (the code set's own names).
PLACES_OF_SERVICE = {
    "11": "Office",
    "02": "Telehealth provided other than in patient's home",
    "10": "Telehealth provided in patient's home",
    "19": "Off campus-outpatient hospital",
    "22": "On campus-outpatient hospital",
    "49": "Independent clinic",
    "50": "Federally qualified health center",
    "71": "Public health clinic",
    "72": "Rural health clinic",
}


def _check_place(value: str) -> str:
    if value not in PLACES_OF_SERVICE:
        raise PydanticCustomError("place_of_service", "a place of service is a CMS code: {codes}",
                                  {"codes": ", ".join(f"{code} {name}" for code, name in PLACES_OF_SERVICE.items())})
    return value


PhoneText = Annotated[OptionalText, AfterValidator(_check_phone)]
LogoPath = Annotated[OptionalText, AfterValidator(_check_logo)]
TinText = Annotated[OptionalText, AfterValidator(_check_tin)]
PlaceOfService = Annotated[str, AfterValidator(_check_place)]


class Settings(Model):
    report_due_days: int = Field(default=30, ge=1, le=365,
                                 description="days after the consult by which the consultation report is due")
    backup_keep: int = Field(default=14, ge=1, le=365, description="automatic backups kept")
    default_plan: OptionalText = None
    default_county: OptionalText = None
    # The letterhead on the desk's letters and reports.
    practice_name: OptionalText = None
    practice_address: OptionalText = Field(default=None, description="several lines: street, suite, city ZIP")
    practice_phone: PhoneText = None
    practice_fax: PhoneText = None
    practice_logo: LogoPath = Field(default=None, description="path of a .png or .jpg picture file")
    # Who sends the submissions (issue 17): the plan's system knows a practice by its NPI and TIN.
    practice_npi: Npi = Field(default=None, description="the practice's organization NPI (10 digits)")
    practice_tin: TinText = Field(default=None, description="the practice's federal tax ID (EIN), 9 digits")
    place_of_service: PlaceOfService = Field(default="11", description="where the consultations are given: "
                                             "a CMS place-of-service code")
    # Security (issue 7): the desk locks itself after this many idle minutes; five failed sign-ins lock an
    # account for lockout_minutes.
    idle_lock_minutes: int = Field(default=10, ge=1, le=240, description="minutes without input before the desk locks")
    lockout_minutes: int = Field(default=15, ge=1, le=1440, description="minutes an account stays locked")
