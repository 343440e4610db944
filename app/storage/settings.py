"""Settings as key/value rows (JSON values), read into the Settings model with its defaults."""

from __future__ import annotations

import json
import uuid

import sqlite_utils
from pydantic import ValidationError

from app.domain.settings import Settings
from app.errors import InputProblem, Problem


SENDER_KEY = "export_sender_id"  # not a Setting: no one edits it


class SettingsRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def sender_id(self) -> str:
        """This database's name as the sender of submissions: a random UUID made at its first export and kept.
        Two desks with databases of their own never name their bundles alike (PAS: fullUrl unique across
        submissions), the desks sharing one server are one sender, and a batch rewritten reads the same."""
        select = "SELECT value FROM settings WHERE key = ?"
        row = self.db.execute(select, [SENDER_KEY]).fetchone()
        if row is None:
            self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                            [SENDER_KEY, json.dumps(str(uuid.uuid4()))])
            row = self.db.execute(select, [SENDER_KEY]).fetchone()  # another desk's, if it came first
        return json.loads(row[0])

    def load(self) -> Settings:
        stored = {key: json.loads(value) for key, value in self.db.execute("SELECT key, value FROM settings")}
        known = {key: value for key, value in stored.items() if key in Settings.model_fields}
        try:
            return Settings.model_validate(known)
        except ValidationError:
            # A bad stored value (edited by hand, or from a newer version) falls back to the default for that key.
            good = {}
            for key, value in known.items():
                try:
                    Settings.model_validate({key: value})
                    good[key] = value
                except ValidationError:
                    continue
            return Settings.model_validate(good)

    def save(self, settings: Settings) -> None:
        with self.db.atomic():
            for key, value in settings.model_dump().items():
                self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, json.dumps(value)])

    def update(self, **changes) -> Settings:
        try:
            updated = Settings.model_validate({**self.load().model_dump(), **changes})
        except ValidationError as error:
            raise InputProblem([Problem(e["msg"], field_path=".".join(map(str, e["loc"])) or None,
                                        kind=e["type"]) for e in error.errors()]) from None
        self.save(updated)
        return updated
