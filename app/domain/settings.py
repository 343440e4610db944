"""The desk's settings: one row per key in the database, so every desk on the file shares them."""

from __future__ import annotations

from pydantic import Field

from app.domain.models import Model, OptionalText


class Settings(Model):
    report_due_days: int = Field(default=30, ge=1, le=365,
                                 description="days after the consult by which the consultation report is due")
    backup_keep: int = Field(default=14, ge=1, le=365, description="automatic backups kept")
    default_plan: OptionalText = None
    default_county: OptionalText = None
