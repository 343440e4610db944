"""The one place that knows where bundled resources and user data live.

Resources are found next to the source tree in development and next to the
executable when frozen by PyInstaller (sys._MEIPASS), so every caller asks here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "SecondOpinionDesk"
APP_AUTHOR = "SecondOpinionDesk"


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # PyInstaller: dist/sodesk/_internal (one folder, packaging/sodesk.spec)
        return Path(frozen_root) / "resources"
    if getattr(sys, "frozen", False):  # another freezer: resources beside the executable
        return Path(sys.executable).resolve().parent / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, APP_AUTHOR)


def default_db_path() -> Path:
    """The database used when neither --db nor SODESK_DB is given."""
    env = os.environ.get("SODESK_DB")
    if env:
        return Path(env)
    return user_data_dir() / "sodesk.sqlite3"


CHOICE_FILE = "desk.json"  # which database this computer's desk opens (Settings > Database)


def choice_file() -> Path:
    return user_data_dir() / CHOICE_FILE


def chosen_database() -> Path | str | None:
    """The database this computer's desk was set to open (Settings > Database), or None for the default."""
    try:
        import json

        chosen = json.loads(choice_file().read_text(encoding="utf-8")).get("database")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(chosen, str) or not chosen:
        return None
    return chosen if chosen.lower().startswith(("postgresql://", "postgres://")) else Path(chosen)
