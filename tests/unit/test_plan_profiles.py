"""Plan files are data validated at load; a bad file says where and what."""

from pathlib import Path

import pytest
from pydantic import BaseModel

from app.errors import InputProblem
from app.rules.profiles import get_profile, load_profile, load_profiles, plans_dir
from tests.factories import ALL_PLANS

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_the_seven_plans_load(profiles):
    assert sorted(profiles) == sorted(ALL_PLANS)


def test_every_rule_carries_a_citation_naming_a_plan_or_a_law(profiles):
    def citations(value):
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                item = getattr(value, name)
                if name.endswith("citation") and item is not None:
                    yield item
                else:
                    yield from citations(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from citations(item)

    known = ("CalOptima", "HPSJ/MVHP", "Partnership", "Anthem", "Health Net", "H&S", "42 CFR", "DHCS")
    for profile in profiles.values():
        found = list(citations(profile))
        assert len(found) > 20, profile.id
        for citation in found:
            assert citation.startswith(known), (profile.id, citation)


@pytest.mark.skipif(not SEEDS.exists(), reason="shared/seeds is beside the repository in development and CI")
def test_each_profile_names_the_seed_policy_it_was_read_from(profiles):
    for profile in profiles.values():
        assert (SEEDS / profile.policy.source).exists(), profile.id


def test_mvhp_extends_hpsj_and_onecare_extends_caloptima(profiles):
    assert profiles["mvhp-medi-cal"].criteria == profiles["hpsj-medi-cal"].criteria
    assert profiles["mvhp-medi-cal"].name == "Mountain Valley Health Plan Medi-Cal"
    assert profiles["caloptima-onecare"].authorization == profiles["caloptima-medi-cal"].authorization
    assert profiles["caloptima-onecare"].timeframes.urgent_citation.startswith("42 CFR 422.631")


def test_unknown_plan_lists_the_known_ones():
    with pytest.raises(InputProblem) as raised:
        get_profile("kaiser-medi-cal")
    assert "known plans: anthem-medi-cal, caloptima-medi-cal" in raised.value.render()


def test_a_new_plan_is_a_data_file(tmp_path):
    base = (plans_dir() / "anthem-medi-cal.toml").read_text(encoding="utf-8")
    (tmp_path / "anthem-medi-cal.toml").write_text(base, encoding="utf-8")
    (tmp_path / "example-medi-cal.toml").write_text(
        'extends = "anthem-medi-cal"\nid = "example-medi-cal"\nname = "Example Health Medi-Cal"\n'
        'short_name = "Example"\n', encoding="utf-8")
    profiles = load_profiles(tmp_path)
    assert profiles["example-medi-cal"].short_name == "Example"


def test_bad_toml_names_the_file_and_line(tmp_path):
    bad = tmp_path / "broken-medi-cal.toml"
    bad.write_text('id = "broken-medi-cal"\nname = \n', encoding="utf-8")
    with pytest.raises(InputProblem) as raised:
        load_profile(bad)
    message = raised.value.render()
    assert "broken-medi-cal.toml" in message and "line 2" in message


def test_a_rule_without_its_citation_is_refused_with_the_field_path(tmp_path):
    text = (plans_dir() / "anthem-medi-cal.toml").read_text(encoding="utf-8")
    text = text.replace('citation = "Anthem Second Medical Opinion - CA, Procedure II.B"\n', "")
    path = tmp_path / "anthem-medi-cal.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputProblem) as raised:
        load_profile(path)
    assert "criteria.1.citation: Field required" in raised.value.render()


def test_the_id_must_match_the_file_name(tmp_path):
    path = tmp_path / "other-name.toml"
    path.write_text((plans_dir() / "anthem-medi-cal.toml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputProblem, match="must match the file name"):
        load_profile(path)
