"""Pacific time: every clock in the policies runs in California."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def as_pacific(value: datetime) -> datetime:
    """A naive time is read as Pacific wall time; an aware one is converted to Pacific."""
    if value.tzinfo is None:
        return value.replace(tzinfo=LOS_ANGELES)
    return value.astimezone(LOS_ANGELES)
