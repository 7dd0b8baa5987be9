"""Each standard report over a hand-made caseload whose figures were worked out on paper (DATA-MODEL.md 1 to 8)."""

from __future__ import annotations

from datetime import date

import pytest

from hbf_desktop.reports.measures import Count, CrossTally, Median, Share, Tally, TooManyQuasiIdentifiersError
from hbf_desktop.reports.period import Period, ReportError, quarter_of, whole_months_between
from hbf_desktop.reports.standard import run_reports
from hbf_desktop.store.store import Store
from tests.reports.crafted import Caseload

YEAR = Period(date(2024, 1, 1), date(2025, 1, 1))


def _report(store: Store, name: str, threshold: int = 10) -> dict[str, object]:
    return dict(run_reports(store.connection, YEAR, threshold=threshold, only=(name,)).reports[name])


def test_welfare_calls_count_calls_in_the_period_by_the_day_written(store: Store) -> None:
    caseload = Caseload()
    _, case_a = caseload.client()
    _, case_b = caseload.client()
    caseload.call(case_a, "2024-03-01T10:00:00+00:00")
    caseload.call(case_a, "2024-03-02T10:00:00+00:00", "no_answer")
    caseload.call(case_a, "2023-12-31T23:30:00+00:00")  # before the period
    caseload.call(case_a, "2025-01-01T00:00:00+00:00")  # the end is exclusive
    caseload.call(case_a, "2024-03-03T10:00:00+00:00", kind="home_visit")  # not a welfare call
    caseload.call(case_b, "2024-12-31T23:59:00-05:00")  # 31 December where it was made
    caseload.call(case_b, "2024-05-01T09:00:00+01:00", "unsafe_to_talk")
    deleted = caseload.call(case_b, "2024-05-02T09:00:00+01:00")
    caseload.import_into(store)
    store.records.delete(deleted)

    figures = _report(store, "welfare_calls")

    assert figures == {"completed": Count(2), "attempted": Count(4), "clients_reached": Count(2)}


def test_interventions_by_type_and_counterpart_add_up_to_the_total(store: Store) -> None:
    caseload = Caseload()
    _, case = caseload.client()
    caseload.intervention(case, "2024-02-01", "housing_advocacy", "local_government")
    caseload.intervention(case, "2024-02-02", "housing_advocacy")
    caseload.intervention(case, "2024-12-31", "liaison_police", "law_enforcement")
    caseload.intervention(case, "2025-01-01", "liaison_police", "law_enforcement")
    caseload.import_into(store)

    figures = _report(store, "interventions")

    assert figures["total"] == Count(3)
    by_type = figures["by_type"]
    assert isinstance(by_type, Tally)
    assert by_type.cells["housing_advocacy"] == 2 and by_type.cells["liaison_police"] == 1
    assert by_type.total == 3 and by_type.cells["other"] == 0
    by_org = figures["by_counterpart_org_type"]
    assert isinstance(by_org, Tally)
    assert by_org.cells["local_government"] == 1 and by_org.cells["law_enforcement"] == 1
    assert by_org.cells["not_recorded"] == 1 and by_org.total == 3


def test_clients_supported_new_closed_and_caseload_at_the_end(store: Store) -> None:
    caseload = Caseload()
    _, case_a = caseload.client(opened_on="2023-05-01")
    _, case_b = caseload.client(opened_on="2024-02-01", closed_on="2024-06-30")
    caseload.client(opened_on="2022-01-01", closed_on="2023-12-31")
    _, case_d = caseload.client(opened_on="2024-12-31", closed_on="2025-01-01")
    caseload.client(opened_on="2025-01-01")
    caseload.call(case_a, "2024-03-01T10:00:00+00:00")
    caseload.intervention(case_b, "2024-03-01", "benefits_finance")
    caseload.call(case_d, "2024-12-31T10:00:00+00:00", "no_answer")  # not completed: not support
    caseload.import_into(store)

    figures = _report(store, "clients_supported")

    assert figures == {"supported": Count(2), "new": Count(2), "closed": Count(1), "caseload_at_end": Count(2)}


def test_referrals_by_org_type_and_status_and_acceptance_within_30_days(store: Store) -> None:
    caseload = Caseload()
    ngo, health = caseload.organisation("ngo"), caseload.organisation("health_service")
    client, case = caseload.client()
    consent = caseload.add("consent", client_id=client, scope="share_with_org", org_id=ngo, given=True)

    def referral(direction: str, org: str, status: str, day: str, responded: str | None = None) -> None:
        values: dict[str, object] = {"case_id": case, "direction": direction, "org_id": org, "status": status}
        values |= {"date": day, "consent_id": consent} if direction == "outgoing" else {"date": day}
        caseload.add("referral", **values, **({"responded_on": responded} if responded else {}))  # type: ignore[arg-type]

    referral("outgoing", ngo, "accepted", "2024-02-01", "2024-03-02")  # 30 days: within
    referral("outgoing", ngo, "accepted", "2024-02-01", "2024-03-03")  # 31 days: not
    referral("incoming", health, "accepted", "2024-05-01", "2024-05-01")
    referral("outgoing", health, "declined", "2024-05-01", "2024-05-09")
    referral("outgoing", health, "accepted", "2023-05-01", "2023-05-02")  # before the period
    caseload.import_into(store)

    figures = _report(store, "referrals")

    assert figures["total"] == Count(4)
    assert isinstance(figures["by_direction"], Tally)
    assert figures["by_direction"].cells == {"outgoing": 3, "incoming": 1}
    cross = figures["by_org_type_and_status"]
    assert isinstance(cross, CrossTally)
    assert cross.rows["ngo"]["accepted"] == 2 and cross.rows["health_service"]["accepted"] == 1
    assert cross.rows["health_service"]["declined"] == 1 and cross.total == 4
    assert figures["accepted_within_30_days"] == Share(2, 4)
    assert Share(2, 4).share is None, "no rate from fewer than 10 referrals"


def _nrm_caseload() -> Caseload:
    caseload = Caseload()
    client, _ = caseload.client()
    for days in range(1, 11):
        values: dict[str, object] = {"client_id": client, "route": "nrm", "referral_date": "2024-01-01"}
        values |= {"rg_date": f"2024-01-{1 + days:02d}", "rg_outcome": "negative" if days > 8 else "positive"}
        if days <= 3:
            values |= {"cg_date": "2024-06-01", "cg_outcome": "negative" if days == 3 else "positive"}
        elif days <= 8:
            values["cg_outcome"] = "pending"
        caseload.add("nrm_record", **values)  # type: ignore[arg-type]
    caseload.add("nrm_record", client_id=client, route="nrm", referral_date="2024-10-15", rg_outcome="pending")
    caseload.add(
        "nrm_record", client_id=client, route="nrm", referral_date="2022-06-01", rg_date="2022-06-10",
        rg_outcome="positive", cg_outcome="pending",
    )  # fmt: skip
    caseload.add("nrm_record", client_id=client, route="dtn_anonymous", referral_date="2024-03-01")
    return caseload


def test_nrm_decision_times_medians_outcomes_and_pending_ages(store: Store) -> None:
    _nrm_caseload().import_into(store)

    figures = _report(store, "nrm_decision_times")

    assert figures["referral_to_rg_days"] == Median(10, 5.5, 3.25, 7.75)
    assert figures["rg_to_cg_days"] == Median(3, None, None, None), "no median from fewer than 10"
    rg = figures["rg_outcomes"]
    assert isinstance(rg, Tally) and rg.cells == {"positive": 8, "negative": 2, "suspended": 0, "withdrawn": 0}
    cg = figures["cg_outcomes"]
    assert isinstance(cg, Tally) and cg.cells["positive"] == 2 and cg.cells["negative"] == 1 and cg.total == 3
    pending = figures["pending_by_age"]
    assert isinstance(pending, Tally)
    assert pending.cells == {"under_6_months": 1, "6_to_12_months": 0, "12_to_24_months": 5, "over_24_months": 1}


def test_housing_moves_by_reason_destination_clients_and_unplanned_share(store: Store) -> None:
    caseload = Caseload()
    _, case_a = caseload.client()
    _, case_b = caseload.client()
    caseload.add("accommodation", case_id=case_a, move_date="2024-02-01", reason="risk_from_exploiters",
                 to_type="refuge", planned=False)  # fmt: skip
    caseload.add("accommodation", case_id=case_a, move_date="2024-03-01", reason="safeguarding", to_type="refuge",
                 planned=True)  # fmt: skip
    caseload.add("accommodation", case_id=case_b, move_date="2024-04-01", reason="client_choice",
                 to_type="private_rented")  # fmt: skip
    caseload.add("accommodation", case_id=case_b, move_date="2023-04-01", reason="client_choice", planned=False)
    caseload.import_into(store)

    figures = _report(store, "housing_moves")

    assert figures["total"] == Count(3) and figures["clients_moved"] == Count(2)
    by_reason, by_to_type = figures["by_reason"], figures["by_to_type"]
    assert isinstance(by_reason, Tally) and isinstance(by_to_type, Tally)
    assert by_reason.cells["risk_from_exploiters"] == 1 and by_reason.cells["client_choice"] == 1
    assert by_to_type.cells["refuge"] == 2 and by_to_type.cells["private_rented"] == 1
    assert figures["unplanned"] == Share(1, 2), "the move with no 'planned' recorded is left out of the share"


def test_risk_profile_latest_assessment_at_the_end_and_transitions(store: Store) -> None:
    caseload = Caseload()
    _, case_a = caseload.client(opened_on="2023-01-01")
    _, case_b = caseload.client(opened_on="2023-01-01")
    _, case_c = caseload.client(opened_on="2023-01-01", closed_on="2024-06-01")
    _, case_d = caseload.client(opened_on="2022-01-01")

    def assess(case: str, day: str, level: str) -> None:
        caseload.add("risk_assessment", case_id=case, assessed_on=day, overall_level=level,
                     domains={"re_trafficking": level})  # fmt: skip

    assess(case_a, "2023-11-01", "low")
    assess(case_a, "2024-05-01", "high")
    assess(case_b, "2024-03-01", "medium")
    assess(case_c, "2024-03-01", "high")  # closed before the end: not in the caseload
    assess(case_d, "2023-01-01", "high")
    assess(case_d, "2025-02-01", "low")  # after the end
    caseload.import_into(store)

    figures = _report(store, "risk_profile")

    assert figures["clients_assessed"] == Count(3) and figures["re_trafficking_high"] == Count(2)
    levels = figures["by_overall_level"]
    assert isinstance(levels, Tally) and levels.cells == {"low": 0, "medium": 1, "high": 2}
    moves = figures["re_trafficking_transitions"]
    assert isinstance(moves, CrossTally)
    assert moves.rows["low"]["high"] == 1 and moves.rows["not_assessed"]["medium"] == 1
    assert moves.rows["high"]["high"] == 1 and moves.total == 3


def test_profiles_group_rare_nationalities_and_partition_the_clients(store: Store) -> None:
    caseload = Caseload()
    people = [("feminine", "24_26", "ALB", ["labour"]), ("masculine", "24_26", "ALB", ["labour", "sexual"]),
              ("feminine", "30_38", "VNM", [])]  # fmt: skip
    for gender, band, country, kinds in people:
        client, case = caseload.client(gender=gender, age_band=band, citizenship=[country])
        caseload.intervention(case, "2024-03-01", "benefits_finance")
        for kind in kinds:
            caseload.add("exploitation_history", client_id=client, exploitation_history_type=kind)
    caseload.client(gender="masculine", age_band="48_plus", citizenship=["GBR"])  # not supported in the period
    caseload.import_into(store)

    figures = _report(store, "profiles", threshold=2)

    def cells(name: str) -> dict[str, int]:
        table = figures[name]
        assert isinstance(table, Tally)
        return {key: count for key, count in table.cells.items() if count}

    assert cells("by_gender") == {"feminine": 2, "masculine": 1}
    assert cells("by_age_band") == {"24_26": 2, "30_38": 1}
    assert cells("by_nationality") == {"ALB": 2, "other": 1}
    assert cells("by_exploitation_type") == {"labour": 1, "multiple": 1, "not_recorded": 1}
    cross = figures["gender_by_age_band"]
    assert isinstance(cross, CrossTally)
    assert cross.rows["feminine"]["24_26"] == 1 and cross.rows["feminine"]["30_38"] == 1 and cross.total == 3
    assert all(len(table.quasi_identifiers) <= 2 for table in figures.values() if isinstance(table, Tally | CrossTally))


def test_a_table_may_not_cross_three_quasi_identifiers() -> None:
    with pytest.raises(TooManyQuasiIdentifiersError):
        Tally({"a": 1}, ("gender", "age_band", "nationality"))
    with pytest.raises(TooManyQuasiIdentifiersError):
        CrossTally({"a": {"b": 1}}, ("gender", "age_band", "local_area"))


def test_period_parsing_and_calendar_helpers() -> None:
    assert Period.parse("2024-01-01", "2025-01-01") == YEAR
    for start, end in (("2024-01-01", "2024-01-01"), ("2024-02-01", "2024-01-01"), ("2024-13-01", "2025-01-01")):
        with pytest.raises(ReportError):
            Period.parse(start, end)
    assert whole_months_between(date(2024, 1, 15), date(2024, 2, 14)) == 0
    assert whole_months_between(date(2024, 1, 15), date(2024, 2, 15)) == 1
    assert quarter_of("2024-05-03") == "2024-Q2" and quarter_of("2024-12-31") == "2024-Q4" and quarter_of(None) is None


def test_a_programme_limits_every_report_to_its_cases_and_their_clients(store: Store) -> None:
    caseload = Caseload()
    client, trafficking = caseload.client(gender="feminine", citizenship=["ALB"])
    caseload.records[-1]["programme"] = "Counter-trafficking"
    other_client, other_case = caseload.client(gender="masculine", citizenship=["ALB"])
    caseload.records[-1]["programme"] = "Torture survivors"
    caseload.add("case", client_id=client, status="open", opened_on="2024-02-01", programme="Torture survivors")
    second = caseload.records[-1]["id"]
    assert isinstance(second, str)
    for case in (trafficking, other_case, second):
        caseload.call(case, "2024-03-01T10:00:00+00:00")
        caseload.intervention(case, "2024-03-02", "benefits_finance")
    caseload.add("nrm_record", client_id=other_client, route="nrm", referral_date="2024-01-05")
    caseload.import_into(store)

    def figures(programme: str | None) -> dict[str, dict[str, object]]:
        found = run_reports(store.connection, YEAR, threshold=1, programme=programme).reports
        return {name: dict(report) for name, report in found.items()}

    trafficking_only = figures("Counter-trafficking")
    assert trafficking_only["welfare_calls"]["completed"] == Count(1)
    assert trafficking_only["interventions"]["total"] == Count(1)
    assert trafficking_only["clients_supported"]["caseload_at_end"] == Count(1)
    pending = trafficking_only["nrm_decision_times"]["pending_by_age"]
    assert isinstance(pending, Tally) and pending.total == 0, "the NRM record is the other client's"
    torture = figures("Torture survivors")
    assert torture["welfare_calls"]["completed"] == Count(2) and torture["clients_supported"]["supported"] == Count(2)
    everyone = figures(None)
    assert everyone["interventions"]["total"] == Count(3) and everyone["clients_supported"]["caseload_at_end"] == Count(
        3
    )
    assert figures("No such programme")["clients_supported"]["supported"] == Count(0)
