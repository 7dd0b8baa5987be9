"""The generator: deterministic per seed, valid, fictional phone numbers, date invariants, parents first."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date

from hbf_desktop.domain.interchange import check_references, records_from_dicts
from hbf_desktop.synthetic import generate


def _digest(seed: int, clients: int = 60) -> str:
    items = generate(clients=clients, seed=seed, start_date=date(2019, 1, 1), years=6)
    return hashlib.sha256("\n".join(json.dumps(item, sort_keys=True) for item in items).encode()).hexdigest()


def test_same_seed_same_output_other_seed_other_output() -> None:
    assert _digest(5) == _digest(5)
    assert _digest(5) != _digest(6)


def test_every_record_is_valid_marked_synthetic_and_references_resolve() -> None:
    items = list(generate(clients=200, seed=1, start_date=date(2019, 1, 1), years=6))
    assert all(item["synthetic"] is True for item in items)
    result = records_from_dicts(items)
    assert result.problems == []
    assert check_references(result.records, lambda entity, record_id: False) == []


def test_phones_only_in_ofcom_drama_ranges() -> None:
    for item in generate(clients=300, seed=2, start_date=date(2019, 1, 1), years=6):
        for phone in item.get("phones", []):
            assert phone.startswith(("+447700900", "+441632960")), phone


def test_nrm_date_invariants_and_period() -> None:
    end = "2025-01-01"
    for item in generate(clients=500, seed=3, start_date=date(2019, 1, 1), years=6):
        if item["type"] == "nrm_record" and "rg_date" in item:
            assert item["rg_date"] >= item["referral_date"]
            if "cg_date" in item:
                assert date.fromisoformat(item["cg_date"]) >= date.fromisoformat(item["rg_date"]).replace() and (
                    (date.fromisoformat(item["cg_date"]) - date.fromisoformat(item["rg_date"])).days >= 30
                )
        for key in ("opened_on", "closed_on", "date", "move_date", "rg_date", "cg_date"):
            if key in item:
                assert "2019-01-01" <= item[key] < end


def test_rates_are_near_the_parameters() -> None:
    items = list(generate(clients=1500, seed=4, start_date=date(2019, 1, 1), years=6, female_share=0.5))
    kinds = Counter(item["type"] for item in items)
    clients = kinds["client"]
    women = sum(1 for item in items if item["type"] == "client" and item["gender"] == "feminine")
    assert abs(women / clients - 0.5) < 0.04
    calls = [item for item in items if item["type"] == "contact"]
    no_answer = sum(1 for call in calls if call["outcome"] == "no_answer") / len(calls)
    assert abs(no_answer - 0.15) < 0.02
    assert 4.5 < kinds["intervention"] / len(calls) < 7.5, "about 6 interventions per welfare call"
    assert abs(kinds["nrm_record"] / clients - 0.80) < 0.04
