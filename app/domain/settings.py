"""The desk's settings: one row per key in the database, so every desk on the file shares them."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from app.domain.models import Model, OptionalText

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


PhoneText = Annotated[OptionalText, AfterValidator(_check_phone)]
LogoPath = Annotated[OptionalText, AfterValidator(_check_logo)]


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
    # Security (issue 7): the desk locks itself after this many idle minutes; five failed sign-ins lock an
    # account for lockout_minutes.
    idle_lock_minutes: int = Field(default=10, ge=1, le=240, description="minutes without input before the desk locks")
    lockout_minutes: int = Field(default=15, ge=1, le=1440, description="minutes an account stays locked")
