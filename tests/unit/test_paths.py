"""Where the database lives: --db, then SODESK_DB, then the user's data folder."""

from pathlib import Path

from app.cli import main
from app.paths import default_db_path, resource_path, user_data_dir

SMALL_CSV = Path(__file__).resolve().parents[1] / "fixtures" / "providers_small.csv"


def test_default_database_is_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SODESK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "SecondOpinionDesk" / "sodesk.sqlite3"
    assert user_data_dir() == tmp_path / "data" / "SecondOpinionDesk"


def test_sodesk_db_environment_variable_chooses_the_database(monkeypatch, tmp_path, capsys):
    target = tmp_path / "env-chosen.sqlite3"
    monkeypatch.setenv("SODESK_DB", str(target))
    assert main(["providers", "import", str(SMALL_CSV)]) == 0
    assert target.exists()


def test_db_option_wins_over_the_environment(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("SODESK_DB", str(tmp_path / "env.sqlite3"))
    chosen = tmp_path / "option.sqlite3"
    assert main(["--db", str(chosen), "providers", "import", str(SMALL_CSV)]) == 0
    assert chosen.exists() and not (tmp_path / "env.sqlite3").exists()


def test_resources_are_found_from_the_source_tree():
    assert (resource_path("plans") / "hpsj-medi-cal.toml").exists()
