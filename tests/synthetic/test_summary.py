"""The summary that compares a stream with its parameters."""

from __future__ import annotations

from hbf_desktop.synthetic import summarise


def test_counts_and_shares() -> None:
    records: list[dict[str, object]] = [
        {"type": "client", "gender": "feminine", "citizenship": ["ALB"]},
        {"type": "client", "gender": "masculine", "citizenship": ["GBR"]},
        {"type": "case"},
        {"type": "case"},
        {"type": "case"},
        {"type": "nrm_record", "route": "nrm", "rg_outcome": "positive", "cg_outcome": "pending"},
        {"type": "nrm_record", "route": "none"},
        {"type": "contact", "contact_type": "welfare_call", "outcome": "no_answer"},
        {"type": "contact", "contact_type": "welfare_call", "outcome": "completed"},
        {"type": "contact", "contact_type": "home_visit", "outcome": "no_answer"},
        {"type": "intervention"},
        {"type": "accommodation", "planned": False},
    ]
    figures = summarise(records)
    assert figures["records"] == len(records) and figures["records.case"] == 3
    assert figures["share.women"] == 0.5 and figures["share.nationality.ALB"] == 0.5
    assert figures["share.nrm_record"] == 1.0 and figures["share.route_none"] == 0.5
    assert figures["share.rg_positive"] == 1.0 and figures["share.cg_positive"] is None
    assert figures["welfare_calls"] == 2 and figures["share.no_answer"] == 0.5
    assert figures["interventions_per_welfare_call"] == 0.5
    assert figures["share.reopened"] == 0.5 and figures["share.unplanned_moves"] == 1.0


def test_an_empty_stream_has_no_shares() -> None:
    figures = summarise([])
    assert figures["records"] == 0 and figures["share.women"] is None
