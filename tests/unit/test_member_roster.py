"""The member roster's import (the roster CSV and the X12 834) and look-ups, on both engines: good rows load,
bad rows are named by line (or segment) and field without their values, a re-import updates by member ID and
plan and keeps the coverage history, and a file with nothing usable changes nothing."""

import csv
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
    assert said.startswith(f"segment {start + 4} (DTP03, coverage_end)")  # the DTP*349 after it
    assert "before coverage_start" in said


def transaction(*members: list[str], control: str = "0001") -> list[str]:
    """One 834 transaction set around hand-written member loops, its SE count right."""
    body = [f"BGN*00*SAMPLE{control}*20261201*1200****4", "N1*P5*SAMPLE MEDICAL GROUP*FI*999999999",
            "N1*IN*CalOptima Health Medi-Cal*FI*888888888", *(segment for member in members for segment in member)]
    return [f"ST*834*{control}*005010X220A1", *body, f"SE*{len(body) + 2}*{control}"]


SUBSCRIBER = [
    "INS*Y*18*021*XN*A***AC", "REF*0F*CO0000001", "NM1*IL*1*Testcase*Rosa****MI*CO0000001",
    "N3*100 Example St", "N4*Santa Ana*CA*92701**CY*30", "DMG*D8*19800101*F", "LUI*LD*SPA**7",
    "NM1*70*1*Wrongname*Old", "DMG*D8*19990909*M",  # 2100B: the member's earlier, wrong demographics
    "NM1*31", "N3*PO Box 55", "N4*Anaheim*CA*92805",  # 2100C: the mailing address
    "NM1*36*2*Sample Employer", "N3*9 Employer Way", "N4*Irvine*CA*92602",  # 2100D: the employer's
    "HD*021**HMO**IND", "DTP*348*D8*20240101", "REF*1L*ipa-sunrise",
    "LX*1", "NM1*P3*1*Reyes*Ana****XX*1319786665", "N3*1 Clinic Rd", "N4*Orange*CA*92866",
    "HD*021**DEN**IND", "DTP*348*D8*20250101", "REF*1L*dental-group",  # a dental loop: not the medical plan
    "LX*1", "NM1*P3*1*Molar*Dee****XX*1000000004",
    "COB*P*SAMPLE*1", "NM1*IN*2*Other Insurer", "N3*5 Other Ave", "N4*Fresno*CA*93701",
]
DEPENDENT = ["INS*N*19*021*XN*A***AC", "REF*0F*CO0000001", "NM1*IL*1*Testcase*Ana", "DMG*D8*20100101*F",
             "HD*021**HMO**IND", "DTP*348*D8*20240101"]
TERMINATED = ["INS*Y*18*024*07*A***TE", "REF*0F*CO0000003", "NM1*IL*1*Sample*Kim****MI*CO0000003",
              "DMG*D8*19700101*M", "HD*024**HMO**IND", "DTP*348*D8*20240101"]


def test_an_834_reads_each_field_from_the_members_own_loop_and_skips_what_it_cannot_trust(roster, tmp_path):
    segments = transaction(SUBSCRIBER, DEPENDENT, TERMINATED)
    report = roster.import_file(write_members_834(tmp_path / "roster.834", [segments]), PLANS)
    assert (report.inserted, report.skipped) == (1, 2)
    member = roster.get("CO0000001", CALOPTIMA)
    assert (member.first_name, member.last_name, member.date_of_birth, member.sex) == (
        "Rosa", "Testcase", date(1980, 1, 1), "F")  # not 2100B's
    assert (member.address.line1, member.address.city, member.address.zip) == ("PO Box 55", "Anaheim", "92805")
    assert member.county == "Orange" and member.language == "Spanish"  # the residence's county (2100A)
    assert (member.coverage_start, member.health_network) == (date(2024, 1, 1), "ipa-sunrise")  # not dental's
    assert (member.pcp_npi, member.pcp_name) == ("1319786665", "Ana Reyes")
    dependent, terminated = report.problems
    ins = segments.index(DEPENDENT[0]) + 3  # the file's segments are counted from its ISA, GS, ST
    assert dependent.startswith(f"segment {ins + 2} (NM109, member_id): a dependent (INS01 N) without a member ID")
    assert terminated.startswith(f"segment {segments.index(TERMINATED[0]) + 3} (INS03, coverage_end): ")
    assert "maintenance type 024" in terminated and "DTP*349" in terminated
    assert roster.find("CO0000003") == []


def test_an_834_termination_with_its_end_date_ends_the_coverage_and_keeps_the_history(roster, tmp_path):
    roster.import_file(write_members_834(tmp_path / "november.834", [transaction(SUBSCRIBER)]), PLANS)
    ended = [*SUBSCRIBER[:15], "HD*024**HMO**IND", "DTP*348*D8*20240101", "DTP*349*D8*20261130",
             "REF*1L*ipa-sunrise"]
    ended[0] = "INS*Y*18*024*07*A***TE"
    report = roster.import_file(write_members_834(tmp_path / "december.834", [transaction(ended)]), PLANS)
    assert (report.updated, report.skipped) == (1, 0)
    spans = roster.coverage("CO0000001").spans
    assert [(span.start, span.end) for span in spans] == [(date(2024, 1, 1), date(2026, 11, 30))]


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


def test_a_csv_without_its_header_line_says_so_and_repeats_none_of_the_first_row(roster, tmp_path):
    path = write_members_csv(tmp_path / "roster.csv", some(3))
    lines = path.read_text(encoding="utf-8").splitlines()
    headless = tmp_path / "headless.csv"
    headless.write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    first = next(csv.reader([lines[1]]))
    with pytest.raises(InputProblem) as raised:
        roster.import_file(headless, PLANS)
    message = str(raised.value)
    assert "line 1 (header): this is not a header line" in message and "member_id,plan" in message
    assert not [cell for cell in first if len(cell) >= 4 and cell in message]  # no ID, name, date or address
    assert roster.count() == 0


def test_a_later_span_ends_the_open_one_before_it_so_a_move_to_another_network_is_seen(roster):
    member = some(1)[0].model_copy(update={"health_network": "ipa-sunrise", "coverage_start": date(2024, 1, 1),
                                           "coverage_end": None})
    roster.upsert_many([member], source="january.834")
    moved = member.model_copy(update={"health_network": "mg-coastal", "coverage_start": date(2026, 6, 1)})
    roster.upsert_many([moved], source="june.834")  # the plan sent the new span, never the old one's end
    coverage = roster.coverage(member.member_id)
    assert [(span.start, span.end, span.health_network) for span in coverage.spans] == [
        (date(2024, 1, 1), date(2026, 5, 31), "ipa-sunrise"), (date(2026, 6, 1), None, "mg-coastal")]
    assert [span.health_network for span in coverage.on(date(2026, 7, 1))] == ["mg-coastal"]
    assert [span.health_network for span in coverage.on(date(2025, 7, 1))] == ["ipa-sunrise"]
    assert [span.end for span in roster.spans(member.member_id)] == [None, None]  # as the files said


def test_a_members_two_spans_in_one_csv_are_both_kept_in_any_order_and_the_newest_gives_the_fields(roster,
                                                                                                  tmp_path):
    old, new = some(1)[0], None
    old = old.model_copy(update={"coverage_start": date(2024, 1, 1), "coverage_end": date(2025, 12, 31),
                                 "health_network": "ipa-sunrise", "language": "English"})
    new = old.model_copy(update={"coverage_start": date(2026, 1, 1), "coverage_end": None,
                                 "health_network": "mg-coastal", "language": "Spanish"})
    path = tmp_path / "roster.csv"
    path.write_text(csv_text([new, old]), encoding="utf-8")  # the newer span first
    report = roster.import_file(path, PLANS, plan=CALOPTIMA)
    assert report.inserted == 1 and report.spans_added == 2
    assert not [w for w in report.warnings if "same coverage start" in w]  # a history, not a duplicate
    assert "is for an 834" in report.warnings[0]  # --plan given for a CSV: said, and the rows' plans kept
    stored = roster.get(old.member_id, CALOPTIMA)
    assert (stored.health_network, stored.language) == ("mg-coastal", "Spanish")
    twice = tmp_path / "twice.csv"
    twice.write_text(csv_text([old, old]), encoding="utf-8")
    report = roster.import_file(twice, PLANS)
    assert report.warnings == [f"line 3: member {old.member_id} of {CALOPTIMA} has the same coverage start on "
                               "line 2; the later one (line 3) is kept"]


def test_an_834_after_a_byte_order_mark_is_still_an_834(roster, tmp_path):
    path = write_members_834(tmp_path / "roster.834", [members_834(some(2), payer="CalOptima Health Medi-Cal")])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert roster.import_file(path, PLANS).inserted == 2


def test_an_834_never_keeps_a_social_security_number_as_the_member_id(roster, tmp_path):
    by_ssn = ["INS*Y*18*021*XN*A***AC", "NM1*IL*1*Sample*Kim****34*999009999", "DMG*D8*19700101*M",
              "HD*021**HMO**IND", "DTP*348*D8*20240101"]
    with_ref = ["INS*Y*18*021*XN*A***AC", "REF*0F*CO0000004", "NM1*IL*1*Sample*Lee****34*999009998",
                "DMG*D8*19710101*F", "HD*021**HMO**IND", "DTP*348*D8*20240101"]
    segments = transaction(by_ssn, with_ref)
    report = roster.import_file(write_members_834(tmp_path / "roster.834", [segments]), PLANS)
    assert (report.inserted, report.skipped) == (1, 1)
    assert report.problems[0] == (f"segment {segments.index(by_ssn[0]) + 3} (REF02, member_id): no member ID "
                                  "(REF*0F or NM1*IL NM109)")
    assert roster.get("CO0000004", CALOPTIMA).first_name == "Lee" and roster.find("999009999") == []


def test_a_members_medi_cal_cin_loads_from_its_column_and_a_bad_one_is_named_by_line_and_column(roster, tmp_path):
    with_cin = some(1, seed=5)[0].model_copy(update={"cin": "91234567A"})
    text = csv_text([with_cin], row(member_id="BAD0005", cin="9123 4567b"),  # line 3: as typed from the card
                    row(member_id="BAD0006", cin="777"))  # line 4: too short
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    report = roster.import_file(path, PLANS)
    assert report.inserted == 2 and report.skipped == 1
    assert roster.get(with_cin.member_id, CALOPTIMA).cin == "91234567A"
    assert roster.get("BAD0005", CALOPTIMA).cin == "91234567B"
    (problem,) = report.items
    assert (problem.line, problem.column, problem.field_path) == (4, CSV_COLUMNS.index("cin") + 1, "cin")
    assert "eight digits and a letter" in problem.message and "777" not in problem.message
    assert roster.get(with_cin.member_id, CALOPTIMA).request_fields()["member"]["cin"] == "91234567A"


def test_a_roster_csv_made_before_the_cin_column_still_loads(roster, tmp_path):
    members = some(2, seed=6)
    header = [name for name in CSV_COLUMNS if name != "cin"]
    lines = [",".join(header)] + [",".join(f'"{c}"' if "," in c else c for c in members_csv_cells(m)[:len(header)])
                                  for m in members]
    path = tmp_path / "old.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = roster.import_file(path, PLANS)
    assert (report.inserted, report.skipped) == (2, 0)
    assert all(roster.get(m.member_id, CALOPTIMA).cin is None for m in members)
