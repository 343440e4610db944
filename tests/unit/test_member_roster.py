"""The member roster's import (the roster CSV and the X12 834) and look-ups, on both engines: good rows load,
bad rows are named by line (or segment) and field without their values, a re-import updates by member ID and
plan and keeps the coverage history, and a file with nothing usable changes nothing."""

from datetime import date, timedelta

import pytest

from app.devtools.synthetic import members_834, synthetic_members, write_members_834, write_members_csv
from app.domain.members import RosterMember
from app.errors import InputProblem
from app.rules.plan_names import plan_names
from app.storage.members import CSV_COLUMNS, MemberRepository, members_csv_cells

PLANS = dict(plan_names())
CALOPTIMA = "caloptima-medi-cal"


@pytest.fixture
def roster(fresh_store):
    return MemberRepository(fresh_store)


def some(n=3, plan=CALOPTIMA, seed=1):
    return list(synthetic_members(n, seed=seed, plans=(plan,)))


def csv_text(members, *extra_rows):
    lines = [",".join(CSV_COLUMNS)]
    lines += [",".join(f'"{cell}"' if "," in cell else cell for cell in members_csv_cells(m)) for m in members]
    lines += list(extra_rows)
    return "\n".join(lines) + "\n"


def row(**cells):
    base = dict(zip(CSV_COLUMNS, members_csv_cells(some(1, seed=99)[0])))
    base["member_id"] = "BAD0001"
    base.update(cells)
    return ",".join(base[name] for name in CSV_COLUMNS)


def test_a_roster_csv_loads_every_member_and_reads_back_the_same(roster, tmp_path):
    members = some(5)
    report = roster.import_file(write_members_csv(tmp_path / "roster.csv", members), PLANS)
    assert (report.inserted, report.skipped, report.spans_added) == (5, 0, 5)
    for member in members:
        assert roster.get(member.member_id, CALOPTIMA) == member
    assert roster.rostered_plans() == [CALOPTIMA]
    assert roster.loads()[0]["source"] == "roster.csv" and roster.loads()[0]["members"] == 5


def test_bad_rows_are_named_by_line_and_column_and_the_good_rows_still_load(roster, tmp_path):
    good = some(2)
    text = csv_text(good,
                    row(plan="bluecross-gold"),  # line 4: an unknown plan
                    row(member_id="BAD0002", coverage_start="2026-05-01", coverage_end="2026-01-31"),  # line 5
                    row(member_id="BAD0003", date_of_birth="31/31/1980"),  # line 6: not a date
                    row(member_id="BAD0004", last_name=""))  # line 7: a required name
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    report = roster.import_file(path, PLANS)
    assert report.inserted == 2 and report.skipped == 4
    column = {name: index for index, name in enumerate(CSV_COLUMNS, start=1)}
    problems = {item.line: item for item in report.items}
    assert problems[4].column == column["plan"] and "unknown plan 'bluecross-gold'" in problems[4].message
    assert problems[5].field_path == "coverage_end" and "before coverage_start" in problems[5].message
    assert problems[6].column == column["date_of_birth"] and "expected a date" in problems[6].message
    assert problems[7].field_path == "last_name" and "required" in problems[7].message
    assert roster.count() == 2


def test_a_problem_never_repeats_a_members_name_or_birth_date(roster, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(csv_text([], row(last_name="Ávila-Testcase", first_name="Zoë", date_of_birth="1980-13-01")),
                    encoding="utf-8")
    with pytest.raises(InputProblem) as raised:
        _import_all_or_raise(roster, path)
    said = str(raised.value)
    assert "1980-13-01" not in said and "Zoë" not in said and "Ávila" not in said and "date_of_birth" in said


def _import_all_or_raise(roster, path):
    report = roster.import_file(path, PLANS)
    if report.loaded == 0:
        raise InputProblem(report.items)
    return report


def test_a_reimport_updates_by_member_id_and_plan_and_keeps_the_coverage_history(roster, tmp_path):
    first = some(3)
    roster.import_file(write_members_csv(tmp_path / "january.csv", first), PLANS)
    ended = first[0].coverage_start + timedelta(days=100)
    moved = first[0].model_copy(update={"coverage_end": ended})
    renewed = first[1].model_copy(update={"coverage_start": date(2026, 11, 1), "coverage_end": None,
                                          "health_network": "mg-coastal"})
    report = roster.import_file(write_members_csv(tmp_path / "february.csv", [moved, renewed, first[2]]), PLANS)
    assert (report.inserted, report.updated, report.unchanged, report.spans_added) == (0, 2, 1, 1)
    assert report.skipped == 0
    assert roster.get(moved.member_id, CALOPTIMA).coverage_end == ended
    spans = roster.spans(renewed.member_id)
    assert [(span.start, span.health_network) for span in spans] == [
        (first[1].coverage_start, first[1].health_network), (date(2026, 11, 1), "mg-coastal")]
    assert roster.get(renewed.member_id, CALOPTIMA).health_network == "mg-coastal"


def test_the_same_member_under_two_plans_is_two_rows(roster):
    member = some(1)[0]
    roster.upsert_many([member, member.model_copy(update={"plan": "anthem-medi-cal"})])
    assert sorted(m.plan for m in roster.find(member.member_id)) == ["anthem-medi-cal", CALOPTIMA]
    assert {span.plan for span in roster.coverage(member.member_id).spans} == {"anthem-medi-cal", CALOPTIMA}


def test_an_834_loads_the_same_members_as_the_csv(roster, tmp_path):
    members = some(4)
    path = write_members_834(tmp_path / "roster.834", [members_834(members, payer="CalOptima Health Medi-Cal")])
    report = roster.import_file(path, PLANS)
    assert (report.inserted, report.skipped) == (4, 0) and report.plans == (CALOPTIMA,)
    for member in members:
        assert roster.get(member.member_id, CALOPTIMA) == member


def test_an_834_transaction_with_a_wrong_segment_count_is_not_loaded_the_others_are(roster, tmp_path):
    good, damaged = some(2, seed=1), some(3, seed=2)
    damaged = [m.model_copy(update={"member_id": "X" + m.member_id}) for m in damaged]
    path = write_members_834(tmp_path / "roster.834", [
        members_834(good, payer="CalOptima Health Medi-Cal", control="0001"),
        members_834(damaged, payer="CalOptima Health Medi-Cal", control="0002", segment_count_offset=-3)])
    report = roster.import_file(path, PLANS)
    assert report.inserted == 2 and report.skipped == 3
    problem = report.items[0]
    assert "SE01" in problem.render() and "0002" in problem.message and "ask the plan" in problem.message
    assert roster.find(damaged[0].member_id) == []


def test_an_834_member_with_dates_out_of_order_is_named_by_its_segment(roster, tmp_path):
    members = some(2)
    members[1] = members[1].model_copy(update={"coverage_end": date(2026, 1, 1)})
    segments = members_834(members, payer="CalOptima Health Medi-Cal")
    start = next(i for i, s in enumerate(segments) if s.startswith("DTP*348") and i > segments.index(
        next(s for s in segments if members[1].member_id in s)))
    segments[start] = "DTP*348*D8*20260301"  # begins after it ends
    report = roster.import_file(write_members_834(tmp_path / "roster.834", [segments]), PLANS)
    assert report.inserted == 1 and report.skipped == 1
    said = report.problems[0]
    assert said.startswith(f"segment {start + 4} (DTP03, coverage_end)")  # the DTP*349 after it and "before coverage_start" in said


def test_an_834_from_a_payer_that_is_no_plan_of_the_desk_asks_for_the_plan_and_changes_nothing(roster, tmp_path):
    path = write_members_834(tmp_path / "roster.834", [members_834(some(2), payer="BLUE SAMPLE HEALTH")])
    with pytest.raises(InputProblem) as raised:
        roster.import_file(path, PLANS)
    assert "N1*IN" in str(raised.value) and "--plan" in str(raised.value) and "segment 6" in str(raised.value)
    assert roster.count() == 0
    report = roster.import_file(path, PLANS, plan="anthem-medi-cal")
    assert report.inserted == 2 and report.plans == ("anthem-medi-cal",)


def test_a_file_that_is_neither_834_nor_csv_is_refused_by_name(roster, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("name,dob\nAna,1980-01-01\n", encoding="utf-8")
    with pytest.raises(InputProblem) as raised:
        roster.import_file(path, PLANS)
    assert "missing column(s): member_id" in str(raised.value)
    short = tmp_path / "short.834"
    short.write_text("ISA*00*short~", encoding="utf-8")
    with pytest.raises(InputProblem) as raised:
        roster.import_file(short, PLANS)
    assert "ISA" in str(raised.value)


def test_find_by_member_id_its_beginning_or_name_with_birth_date(roster):
    members = some(30)
    roster.upsert_many(members)
    target = members[7]
    assert roster.find(target.member_id) == [target]
    assert roster.find(target.member_id.lower()) == [target]
    assert target in roster.find(target.member_id[:-1])
    by_name = roster.find(f"{target.last_name[:3]} {target.first_name[:2]}", target.date_of_birth)
    assert by_name == [target]
    assert roster.find("", target.date_of_birth)[0].date_of_birth == target.date_of_birth
    assert roster.find("zzzz nobody") == []


def test_coverage_is_none_until_a_roster_is_loaded(roster):
    assert roster.coverage("SM00000001") is None
    roster.upsert_many(some(1))
    assert roster.coverage("SM00000001").spans == [] and roster.coverage("SM00000000").spans


def test_the_request_fields_of_a_member_are_the_intake_forms(roster):
    member: RosterMember = some(1)[0]
    fields = member.request_fields()
    assert fields["plan"] == CALOPTIMA and fields["member"]["member_id"] == member.member_id
    assert fields["member"]["date_of_birth"] == member.date_of_birth.isoformat()
    assert fields["pcp"]["npi"] == member.pcp_npi and fields["county"] == member.county
