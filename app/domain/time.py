"""Pacific time: every clock in the policies runs in California."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def now_pacific() -> datetime:
    """Now, in Pacific time, to the second (what every clock in the desk stores and shows)."""
    return datetime.now(LOS_ANGELES).replace(microsecond=0)


def format_pacific(moment: datetime) -> str:
    """'Tue Dec 1, 2026, 11:59 PM PST': how a deadline reads on a front desk in California."""
    local = moment.astimezone(LOS_ANGELES)
    hour = local.strftime("%I").lstrip("0")
    return f"{local:%a %b} {local.day}, {local.year}, {hour}:{local:%M %p} {local.tzname()}"


def as_pacific(value: datetime) -> datetime:
    """A naive time is read as Pacific wall time; an aware one is converted to Pacific."""
    if value.tzinfo is None:
        return value.replace(tzinfo=LOS_ANGELES)
    return value.astimezone(LOS_ANGELES)
