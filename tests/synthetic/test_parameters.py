"""The generator's mixes use the domain's vocabularies, so a renamed value fails here rather than in an import."""

from __future__ import annotations

import pytest

from hbf_desktop.domain import vocabularies as v
from hbf_desktop.synthetic import activity, history, housing
from hbf_desktop.synthetic import parameters as p

MIXES = [
    (p.MEN_GENDERS, v.GENDER),
    (p.IMMIGRATION_STATUS_MIX, v.IMMIGRATION_STATUS),
    (p.CLOSURE_REASON_MIX, v.CLOSURE_REASON),
    ({kind: 1 for kind in p.EXPLOITATION_MIX if kind != "multiple"}, v.EXPLOITATION_TYPE),
    (p.MEANS_OF_CONTROL_P, v.MEANS_OF_CONTROL),
    (p.INTERVENTION_MIX, v.INTERVENTION_TYPE),
    (p.OTHER_CONTACT_MIX, v.CONTACT_TYPE),
    (p.OTHER_CONTACT_OUTCOMES, v.CONTACT_OUTCOME),
    (p.INTERVENTION_OUTCOMES, v.INTERVENTION_OUTCOME),
    (p.RISK_AT_INTAKE, v.RISK_LEVEL),
    (p.RISK_OTHER_DOMAIN, v.RISK_LEVEL),
    (p.REFERRAL_STATUS_MIX, v.REFERRAL_STATUS),
    (p.NEED_AREA_P, v.NEED_AREA),
    (activity.COUNTERPARTS, v.INTERVENTION_TYPE),
    ({org_type: 1 for org_type, _ in activity.COUNTERPARTS.values()}, v.ORG_TYPE),
]


@pytest.mark.parametrize(("mix", "vocabulary"), MIXES)
def test_every_value_drawn_is_in_the_domain_vocabulary(mix: dict[str, object], vocabulary: tuple[str, ...]) -> None:
    assert set(mix) <= set(vocabulary), set(mix) - set(vocabulary)


def test_tables_inside_the_modules_use_the_vocabularies_too() -> None:
    places = set(v.ACCOMMODATION_TYPE)
    for weights in (housing._START_ASYLUM, housing._START_UK, housing._START_OTHER):
        assert set(weights.values) <= places
    for by_plan in housing._DESTINATIONS.values():
        assert all(set(weights.values) <= places for weights in by_plan.values())
    assert set(housing._PLANNED_WHY.values) | set(housing._UNPLANNED_WHY.values) | {"msvcc_exit"} <= set(v.MOVE_REASON)
    assert all(set(weights.values) <= set(v.EXPLOITATION_SUB_TYPE) for weights in history._SUB_TYPES.values())
    assert set(history._RECRUITMENT.values) <= set(v.RECRUITMENT_METHOD)
    assert set(history._RELATION.values) <= set(v.RECRUITER_RELATION)


def test_the_mixes_data_model_gives_in_full_add_up_to_one() -> None:
    assert sum(p.INTERVENTION_MIX.values()) == pytest.approx(1.0)
    assert sum(p.EXPLOITATION_MIX.values()) == pytest.approx(1.0)
    assert sum(p.TOP_NATIONALITIES.values()) == pytest.approx(62.0), "the other 38 % is the Zipf tail"
    ratio = p.INTERVENTIONS_PER_MONTH / p.WELFARE_CALLS_PER_MONTH
    assert ratio == pytest.approx(6), "688 calls and 4,215 interventions in 2023"
