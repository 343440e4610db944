"""Demo data: invented providers and requests across all seven plans, at several stages."""

from datetime import datetime

from app.cli import main
from app.domain.time import LOS_ANGELES
from app.services.demo import load_demo
from app.storage.cases import CaseFilter, CaseRepository
from app.storage.db import open_db
from app.storage.providers import ProviderRepository
from tests.factories import ALL_PLANS


def test_demo_data_covers_every_plan_and_several_stages(tmp_path):
    db_path = tmp_path / "demo.sqlite3"
    loaded = load_demo(db_path, providers=500, requests=28, now=datetime(2025, 3, 3, 10, tzinfo=LOS_ANGELES))
    assert (loaded.providers, loaded.requests) == (500, 28)
    db = open_db(db_path)
    cases = CaseRepository(db).find(CaseFilter(), limit=100)
    assert len(cases) == 28
    assert {case.request.plan for case in cases} == set(ALL_PLANS)
    assert len({case.status for case in cases}) >= 4
    assert all(case.request.member.member_id.startswith("DEMO") for case in cases)
    assert all(ProviderRepository(db).has_plan(plan) for plan in ALL_PLANS)


def test_sodesk_demo_refuses_silly_numbers(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "d.sqlite3"), "demo", "--providers", "0"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "--providers: give a number from 1 to 200,000" in err
