"""Report figures checked against counts computed here, in plain Python, from `hbf-desktop export --format jsonl`.

Nothing in this file calls the report code: the expected figures are worked out from the exported records with the
definitions of DATA-MODEL.md as written, so a slip in the reports' SQL or grouping shows up as a mismatch.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import numpy
import pytest

from tests.cli.helpers import Cli, make_cli

START, END = "2021-01-01", "2022-01-01"


@pytest.fixture(scope="module")
def caseload(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """(the report command's JSON, the exported records by type) for 150 synthetic clients over four years."""
    cli: Cli = make_cli(tmp_path_factory.mktemp("independent"))
    cli.run("init", "--user", "supervisor")
    cli.run("demo-data", "--clients", "150", "--start", "2019-01-01", "--years", "4", "--seed", "7")
    exported = cli.data_dir.parent / "all.jsonl"
    cli.run("export", "--format", "jsonl", "--out", str(exported))
    printed = cli.run("report", "--from", START, "--to", END, "--format", "json").stdout
    records: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in Path(exported).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records[record["type"]].append(record)
    return json.loads(printed), records


def _in(day: str | None) -> bool:
    return day is not None and START <= day[:10] < END


def _client_of_case(records: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    return {case["id"]: case["client_id"] for case in records["case"]}


def _supported(records: dict[str, list[dict[str, Any]]], owner: dict[str, str]) -> set[str]:
    """Clients with a completed contact or any intervention in the period."""
    found = {owner[c["case_id"]] for c in records["contact"] if c["outcome"] == "completed" and _in(c["occurred_at"])}
    return found | {owner[i["case_id"]] for i in records["intervention"] if _in(i["date"])}


def _nonzero(table: dict[str, int]) -> dict[str, int]:
    return {key: value for key, value in table.items() if value}


def test_welfare_calls_and_interventions(caseload: tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]) -> None:
    report, records = caseload
    owner = _client_of_case(records)
    calls = [c for c in records["contact"] if c["contact_type"] == "welfare_call" and _in(c["occurred_at"])]
    done = [c for c in calls if c["outcome"] == "completed"]
    assert report["welfare_calls"] == {
        "completed": len(done),
        "attempted": len(calls),
        "clients_reached": len({owner[c["case_id"]] for c in done}),
    }
    assert len(calls) > 20, "the sample is big enough to mean something"
    work = [i for i in records["intervention"] if _in(i["date"])]
    assert report["interventions"]["total"] == len(work) > 100
    assert _nonzero(report["interventions"]["by_type"]) == dict(Counter(i["intervention_type"] for i in work))
    by_org = Counter(i.get("counterpart_org_type", "not_recorded") for i in work)
    assert _nonzero(report["interventions"]["by_counterpart_org_type"]) == dict(by_org)


def test_clients_supported(caseload: tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]) -> None:
    report, records = caseload
    owner = _client_of_case(records)
    supported = _supported(records, owner)
    cases = records["case"]
    caseload_at_end = [
        c for c in cases if c["opened_on"] < END and (c.get("closed_on") is None or c["closed_on"] >= END)
    ]
    assert report["clients_supported"] == {
        "supported": len(supported),
        "new": len({c["client_id"] for c in cases if _in(c["opened_on"])}),
        "closed": len({c["client_id"] for c in cases if _in(c.get("closed_on"))}),
        "caseload_at_end": len(caseload_at_end),
    }


def test_referrals(caseload: tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]) -> None:
    report, records = caseload
    org_type = {org["id"]: org["org_type"] for org in records["organisation"]}
    found = [r for r in records["referral"] if _in(r["date"])]

    def within(r: dict[str, Any]) -> bool:
        if r["status"] != "accepted" or "responded_on" not in r:
            return False
        return (date.fromisoformat(r["responded_on"]) - date.fromisoformat(r["date"])).days <= 30

    figures = report["referrals"]
    assert figures["total"] == len(found) > 10
    cross = Counter((org_type.get(r.get("org_id"), "not_recorded"), r["status"]) for r in found)
    reported = {
        (row, column): n for row, cells in figures["by_org_type_and_status"].items() for column, n in cells.items() if n
    }
    assert reported == dict(cross)
    accepted = sum(1 for r in found if within(r))
    assert figures["accepted_within_30_days"] == {
        "count": accepted,
        "of": len(found),
        "share": round(accepted / len(found), 4),
    }


def test_nrm_decision_times(caseload: tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]) -> None:
    report, records = caseload
    nrm = [r for r in records["nrm_record"] if r["route"] == "nrm"]
    days = lambda a, b: (date.fromisoformat(b) - date.fromisoformat(a)).days  # noqa: E731
    to_rg = [days(r["referral_date"], r["rg_date"]) for r in nrm
             if _in(r.get("rg_date")) and r.get("rg_outcome") != "pending" and r.get("referral_date")]  # fmt: skip
    figures = report["nrm_decision_times"]
    assert figures["referral_to_rg_days"]["n"] == len(to_rg) >= 10
    assert figures["referral_to_rg_days"]["median"] == pytest.approx(float(numpy.median(to_rg)))
    assert figures["referral_to_rg_days"]["q1"] == pytest.approx(float(numpy.percentile(to_rg, 25)))
    assert figures["referral_to_rg_days"]["q3"] == pytest.approx(float(numpy.percentile(to_rg, 75)))
    rg = Counter(r["rg_outcome"] for r in nrm if _in(r.get("rg_date")) and r.get("rg_outcome") != "pending")
    assert _nonzero(figures["rg_outcomes"]) == dict(rg)
    cg = Counter(r["cg_outcome"] for r in nrm if _in(r.get("cg_date")) and r.get("cg_outcome") != "pending")
    assert _nonzero(figures["cg_outcomes"]) == dict(cg)
    assert sum(figures["pending_by_age"].values()) == sum(1 for r in nrm if _pending_at_end(r))


def _pending_at_end(record: dict[str, Any]) -> bool:
    if not record.get("referral_date") or record["referral_date"] >= END:
        return False
    rg_date, rg = record.get("rg_date"), record.get("rg_outcome")
    if rg_date is None or rg_date >= END or rg in (None, "pending"):
        return True
    cg_date, cg = record.get("cg_date"), record.get("cg_outcome")
    return rg == "positive" and (cg_date is None or cg_date >= END or cg in (None, "pending"))


def test_housing_moves_and_risk(caseload: tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]) -> None:
    report, records = caseload
    owner = _client_of_case(records)
    moves = [m for m in records["accommodation"] if _in(m["move_date"])]
    figures = report["housing_moves"]
    assert figures["total"] == len(moves) > 0
    assert _nonzero(figures["by_reason"]) == dict(Counter(m.get("reason", "not_recorded") for m in moves))
    assert _nonzero(figures["by_to_type"]) == dict(Counter(m.get("to_type", "not_recorded") for m in moves))
    assert figures["clients_moved"] == len({owner[m["case_id"]] for m in moves})
    known = [m for m in moves if "planned" in m]
    assert (figures["unplanned"]["count"], figures["unplanned"]["of"]) == (
        sum(not m["planned"] for m in known),
        len(known),
    )

    open_clients = {c["client_id"] for c in records["case"]
                    if c["opened_on"] < END and (c.get("closed_on") is None or c["closed_on"] >= END)}  # fmt: skip
    latest: dict[str, dict[str, Any]] = {}
    for assessment in records["risk_assessment"]:  # exported in the order saved
        client = owner[assessment["case_id"]]
        current = latest.get(client)
        if (
            client in open_clients
            and assessment["assessed_on"] < END
            and (current is None or assessment["assessed_on"] >= current["assessed_on"])
        ):
            latest[client] = assessment
    risk = report["risk_profile"]
    assert risk["clients_assessed"] == len(latest) > 10
    assert risk["re_trafficking_high"] == sum(
        1 for a in latest.values() if a["domains"].get("re_trafficking") == "high"
    )
    assert _nonzero(risk["by_overall_level"]) == dict(Counter(a["overall_level"] for a in latest.values()))


def test_profiles(caseload: tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]) -> None:
    report, records = caseload
    owner = _client_of_case(records)
    supported = _supported(records, owner)
    clients = [c for c in records["client"] if c["id"] in supported]
    profiles = report["profiles"]
    assert _nonzero(profiles["by_gender"]) == dict(Counter(c.get("gender", "not_recorded") for c in clients))
    assert _nonzero(profiles["by_age_band"]) == dict(Counter(c.get("age_band", "not_recorded") for c in clients))
    nationality = Counter(c["citizenship"][0] for c in clients)
    grouped = Counter({code: n for code, n in nationality.items() if n >= 10})
    grouped["other"] = sum(n for n in nationality.values() if n < 10)
    assert _nonzero(profiles["by_nationality"]) == _nonzero(dict(grouped))
    for table in profiles.values():
        total = sum(sum(v.values()) if isinstance(v, dict) else v for v in table.values())
        assert total == len(clients), "every profile table counts each supported client once"
