"""The worklist's search as you type (issue 15): an index made for it (m007: FTS5 on SQLite, a trigram-indexed
column on the server), on both engines, against a plain reading of what the search promises:

every typed word begins a word of the member's name (last or first, case and accents ignored) or of the member
ID; a word with punctuation in it ("o'br") is its parts, next to each other, the last one begun.

And every request today's search found (the start of 'last, first', or the whole member ID) is still found."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.storage.cases import CaseFilter
from app.storage.words import search_key, search_words
from app.storage.worklist import WorklistReader
from tests.factories import make_request

PEOPLE = [  # synthetic: (last, first, member id)
    ("Nguyễn", "Thảo", "TST100001"), ("Ávila", "José", "TST100002"), ("O'Brien", "Pat", "TST100003"),
    ("García López", "María", "TST100004"), ("Garcés", "Ana", "TST100005"), ("Gómez-Ruiz", "Luz", "TST100006"),
    ("Zhou", "Wei", "AB-77-12"), ("Testcase", "Rosa", "TST100008"), ("Garcia", "Marco", "TST100009"),
    ("Smith", "Ñoño", "TST100010"), ("Lê", "Văn Anh", "TST100011"), ("Ortiz", "Gar", "TST100012"),
]
DRAFTS = [("Draftson", "Gary", "TST200001"), ("", "", "")]  # a draft's name counts too; an empty draft has none


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", search_key(text))


def promised(typed: str, name: str, member_id: str) -> bool:
    """The search's promise, read plainly (the names here fold to ASCII letters and punctuation)."""
    if not typed.strip():
        return True  # nothing typed: no search
    words = [tokens(word) for word in search_words(search_key(typed))]
    if not words:
        return False
    fields = [tokens(name), tokens(member_id)]

    def found(parts: list[str]) -> bool:
        for field in fields:
            for start in range(len(field) - len(parts) + 1):
                run = field[start:start + len(parts)]
                if run[:-1] == parts[:-1] and run[-1].startswith(parts[-1]):
                    return True
        return False

    return all(found(parts) for parts in words if parts)


def found_before(typed: str, name: str, member_id: str) -> bool:
    """Today's search before the index: the start of the folded 'last, first', or the whole member ID."""
    if not typed.strip():
        return True
    return bool(name) and search_key(name).startswith(search_key(typed.strip())) or member_id == typed.strip()


@pytest.fixture(params=["index", "walk"])
def desk(fresh_desk, request, monkeypatch):
    """The people on a fresh desk; the worklist reader finding them through the FTS5 index, or ("walk", as for a
    word most of a million requests match) reading the worklist's order with the words in it."""
    if request.param == "walk":
        monkeypatch.setattr("app.storage.worklist.SPARSE", -1)
        monkeypatch.setattr("app.storage.worklist.COUNT_SPARSE", -1)
    stored = {}
    for last, first, member_id in PEOPLE:
        case = fresh_desk.cases.submit(make_request(member={"member_id": member_id, "last_name": last,
                                                            "first_name": first})).case
        stored[case.id] = (f"{last}, {first}", member_id)
    for last, first, member_id in DRAFTS:
        case = fresh_desk.cases.save_draft({"member": {"last_name": last, "first_name": first,
                                                       "member_id": member_id}})
        stored[case.id] = (", ".join(part for part in (last, first) if part), member_id)
    return fresh_desk, stored


def _search(desk, typed: str) -> set[int]:
    """What the repository finds (`sodesk requests list`: the index), checked against the worklist's own reader
    (the index or the walk), in the worklist's order, for all requests and for the open ones."""
    cases = desk.cases
    reader = WorklistReader(desk.store)
    for where in (CaseFilter(text=typed), CaseFilter(text=typed, open_only=True)):
        found = [case.id for case in cases.find(where, limit=1000)]
        assert [row.id for row in reader.worklist(where, limit=1000)] == found
        assert reader.count(where) == len(found)
    return {case.id for case in cases.find(CaseFilter(text=typed), limit=1000)}


NAME_TEXT = [text for last, first, member_id in PEOPLE + DRAFTS for text in (last, first, member_id) if text]
typed_texts = st.one_of(
    st.sampled_from(NAME_TEXT).flatmap(lambda text: st.integers(1, len(text)).map(lambda n: text[:n])),
    st.sampled_from([f"{last}, {first}" for last, first, _ in PEOPLE]).flatmap(
        lambda text: st.integers(1, len(text)).map(lambda n: text[:n])),
    st.text(alphabet="agrcíeoZñ'- ,1T", min_size=1, max_size=8),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=typed_texts)
def test_the_indexed_search_finds_what_it_promises_and_all_it_found_before(desk, typed):
    desk, stored = desk
    found = _search(desk, typed)
    assert found == {case_id for case_id, (name, member_id) in stored.items() if promised(typed, name, member_id)}
    assert {case_id for case_id, (name, member_id) in stored.items() if found_before(typed, name, member_id)} <= found


@pytest.mark.parametrize(("typed", "members"), [
    ("garc", {"TST100004", "TST100005", "TST100009"}),  # García, Garcés and Garcia: accents ignored
    ("lopez", {"TST100004"}),  # the second surname is a word of the name too
    ("maria garc", {"TST100004"}),  # words in any order
    ("nguyen", {"TST100001"}), ("avila jose", {"TST100002"}), ("o'b", {"TST100003"}), ("ruiz", {"TST100006"}),
    ("gar", {"TST100004", "TST100005", "TST100009", "TST100012", "TST200001"}),  # a first name, a draft's
    ("tst10001", {"TST100010", "TST100011", "TST100012"}),  # the beginning of a member ID
    ("ab-77", {"AB-77-12"}), ("AB-77-12", {"AB-77-12"}),
    ("arcia", set()),  # the middle of a word is not its beginning
    ("\"*", set()), ("NEAR(", set()), ("-", set()),  # FTS5's syntax is plain text
])
def test_a_typed_word_finds_the_members_it_begins(desk, typed, members):
    desk, _stored = desk
    ids = {case.request.member.member_id if case.request else case.draft["member"]["member_id"]
           for case in desk.cases.find(CaseFilter(text=typed), limit=100)}
    assert ids == members


def test_the_index_follows_every_change_of_a_name_and_every_removal(desk):
    desk, stored = desk
    draft = next(case_id for case_id, (name, _) in stored.items() if name.startswith("Draftson"))
    desk.cases.save_draft({"member": {"last_name": "Renamed", "first_name": "Gary", "member_id": "TST200001"}},
                          draft)
    assert _search(desk, "draftson") == set() and _search(desk, "renamed") == {draft}
    with desk.store.atomic():  # the desk never deletes a request; a repair by hand may
        desk.store.execute("DELETE FROM request_history WHERE request_id = ?", [draft])
        desk.store.execute("DELETE FROM requests WHERE id = ?", [draft])
    assert _search(desk, "renamed") == set()
    assert _search(desk, "gary") == set()


def test_a_file_shown_before_its_search_index_is_made_is_searched_as_before(tmp_path):
    """The worklist of an existing file shows before the start-up check applies m007: until then a search finds
    what it found before the index (the start of the name, the whole member ID), and never fails."""
    import shutil
    import sqlite3
    from pathlib import Path

    old = tmp_path / "v6.sqlite3"
    shutil.copy(Path(__file__).resolve().parents[1] / "fixtures" / "db" / "schema-v6.sqlite3", old)
    reader = WorklistReader(sqlite3.connect(old))
    assert not reader.indexed()
    assert {row.member for row in reader.worklist(CaseFilter(text="testc"))} == {"Testcase, Rosa"}
    assert reader.worklist(CaseFilter(text="rosa")) == []  # a first name: found once the index is there
    assert reader.count(CaseFilter(text="TST000002")) == 1
