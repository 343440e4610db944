"""`sodesk --self-test` in this process (the built bundle runs the same checks: packaging/build_bundle.sh)."""

import io

from app.cli import main
from app.cli import selftest


def test_self_test_passes_and_says_what_it_checked(capsys):
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    for check in ("database", "resources", "evaluate", "letter", "report", "screen"):
        assert f"  ok  {check}: " in out
    assert "referral letter rendered headless: a PDF of" in out
    assert "QtCharts chart of 1 series" in out
    assert out.rstrip().splitlines()[-1].startswith("self-test passed in ")


def test_self_test_never_touches_the_users_database(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("SODESK_DB", str(tmp_path / "users.sqlite3"))
    assert main(["--self-test"]) == 0
    assert not (tmp_path / "users.sqlite3").exists()


def test_a_failing_check_is_named_and_exits_1(monkeypatch):
    def broken(*args, **kwargs):
        raise FileNotFoundError("resources/letters/en.toml")

    monkeypatch.setattr("app.letters.texts.default_catalog", broken)
    out = io.StringIO()
    assert selftest.run_self_test(screen=False, out=out) == 1
    lines = out.getvalue().splitlines()
    assert "  ok  database: " in out.getvalue()
    assert lines[-2] == "  FAIL resources: FileNotFoundError: resources/letters/en.toml"
    assert lines[-1] == "self-test FAILED"


def test_resources_are_found_inside_a_pyinstaller_bundle(monkeypatch, tmp_path):
    from app.paths import resource_path

    monkeypatch.setattr("sys._MEIPASS", str(tmp_path / "_internal"), raising=False)
    monkeypatch.setattr("sys.frozen", True, raising=False)
    assert resource_path("plans", "hpsj-medi-cal.toml") == tmp_path / "_internal" / "resources" / "plans" / \
        "hpsj-medi-cal.toml"


def test_resources_are_found_beside_another_frozen_executable(monkeypatch, tmp_path):
    from app.paths import resource_path

    monkeypatch.delattr("sys._MEIPASS", raising=False)
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys.executable", str(tmp_path / "sodesk"))
    assert resource_path("fonts") == tmp_path / "resources" / "fonts"
