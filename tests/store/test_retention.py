"""Retention: closed cases past the period are listed, then anonymised as DATA-MODEL.md says; a legal hold blocks it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.store.attachments import add_attachment
from hbf_desktop.store.retention import SURROGATE_PREFIX, apply_retention, review_list
from hbf_desktop.store.store import Store
from tests.cli.helpers import make_cli
from tests.conftest import StoreTemplate
from tests.reports.crafted import Caseload
from tests.store.pages import pages_containing

AS_OF = date(2024, 1, 1)


def _caseload(store: Store) -> dict[str, str]:
    caseload = Caseload()
    due, due_case = caseload.client(opened_on="2015-01-10", closed_on="2017-03-01", birth_year=1990, birth_month=4,
                                    age_band="24_26", citizenship=["ALB", "GBR"])  # fmt: skip
    caseload.add("client_identity", client_id=due, legal_name="ZQXRETAINNAME Person")
    caseload.call(due_case, "2017-02-01T10:15:00+00:00")
    caseload.records[-1]["note"] = "ZQXRETAINNOTE where she stays"
    consent = caseload.add("consent", client_id=due, scope="share_with_org", given=True,
                           org_id=caseload.organisation("ngo"))  # fmt: skip
    caseload.add("referral", case_id=due_case, direction="outgoing", date="2016-05-17", status="accepted",
                 consent_id=consent, responded_on="2016-05-20")  # fmt: skip
    recent, recent_case = caseload.client(opened_on="2015-01-10", closed_on="2017-03-01")
    caseload.call(recent_case, "2018-06-01T10:00:00+00:00")  # contact after closure: the clock restarts
    caseload.client(opened_on="2015-01-10")  # still open
    held, held_case = caseload.client(opened_on="2014-01-10", closed_on="2016-03-01")
    caseload.records[-1]["legal_hold"] = True
    caseload.import_into(store)
    add_attachment(store, due_case, b"ZQXRETAINFILE", file_name="id.png", kind="id_doc")
    return {"due": due, "recent": recent, "held": held, "due_case": due_case, "held_case": held_case}


def test_review_lists_closed_clients_past_the_period_with_holds_marked(store: Store) -> None:
    ids = _caseload(store)
    items = review_list(store, years=6, as_of=AS_OF)
    assert [(item.client_id, item.legal_hold) for item in items] == [(ids["held"], True), (ids["due"], False)]
    assert items[1].last_activity == "2017-03-01" and items[1].due_on == "2023-03-01"
    assert [item.client_id for item in review_list(store, years=6, as_of=date(2024, 6, 1))].count(ids["recent"]) == 1


def test_apply_anonymises_due_clients_and_keeps_held_ones(store: Store, store_template: StoreTemplate) -> None:
    ids = _caseload(store)

    result = apply_retention(store, years=6, as_of=AS_OF, threshold=10)

    assert (result.anonymised, result.held) == (1, 1)
    assert store.records.get(ids["due"]) is None and store.records.get(ids["held"]) is not None
    surrogates = [
        r for r in store.records.of_entity("client") if str(r.values["pseudonym_code"]).startswith(SURROGATE_PREFIX)
    ]
    assert len(surrogates) == 1
    surrogate = surrogates[0]
    assert "birth_year" not in surrogate.values and "birth_month" not in surrogate.values
    assert surrogate.values["age_band"] == "24_26" and "citizenship" not in surrogate.values, "ALB, GBR: one each"
    held = [record for record in store.records.of_client(surrogate.id) if record.entity != "client"]
    kinds = sorted(record.entity for record in held)
    assert kinds == ["case", "consent", "contact", "referral"], "no identity, no attachment"
    by_kind = {record.entity: record for record in held}
    assert by_kind["case"].values["opened_on"] == "2015-01-01" and by_kind["case"].values["closed_on"] == "2017-03-01"
    assert by_kind["contact"].values["occurred_at"] == "2017-02-01T00:00:00+00:00"
    assert "note" not in by_kind["contact"].values and by_kind["contact"].values["case_id"] == by_kind["case"].id
    assert by_kind["referral"].values["consent_id"] == by_kind["consent"].id, "references follow the copies"
    for record in held:
        spec = ENTITIES[record.entity]
        assert not [f.name for f in spec.fields if (f.is_identifier or f.is_narrative) and f.name in record.values]
    audit = json.dumps(store.connection.execute("SELECT * FROM audit").fetchall())
    assert surrogate.id not in audit and all(record.id not in audit for record in held), "no mapping kept"
    assert review_list(store, years=6, as_of=AS_OF)[0].client_id == ids["held"]
    assert len(review_list(store, years=6, as_of=AS_OF)) == 1
    store.close()
    for canary in ("ZQXRETAINNAME", "ZQXRETAINNOTE", "ZQXRETAINFILE"):
        assert pages_containing(store.paths.database, store_template.data_key, canary) == 0


def test_retention_command_lists_then_applies(tmp_path: Path) -> None:
    cli = make_cli(tmp_path)
    cli.run("init")
    cli.run("demo-data", "--clients", "12", "--years", "2", "--start", "2015-01-01")
    listed = cli.run("retention", "--list", "--as-of", "2040-01-01").stdout.splitlines()
    assert listed[-1].endswith("clients past the 6-year retention period at 2040-01-01.")
    due = int(listed[-1].split()[0])
    assert due >= 1 and len(listed) == due + 1
    held = sum(1 for line in listed if "legal hold" in line)
    applied = cli.run("retention", "--apply", "--as-of", "2040-01-01").stdout
    assert applied.startswith(f"Anonymised {due - held} clients") and f"{held} kept under a legal hold" in applied
    again = cli.run("retention", "--list", "--as-of", "2040-01-01").stdout.splitlines()
    assert len(again) == held + 1
    bad = cli.run("retention", "--list", "--as-of", "soon", check=False)
    assert bad.returncode == 2


def test_enquiries_after_a_year_and_children_not_before_25(store: Store) -> None:
    caseload = Caseload()
    enquiry = caseload.add("client", pseudonym_code="HB-ENQ1")
    child, _ = caseload.client(opened_on="2008-01-10", closed_on="2010-03-01", age_band="9_17", birth_year=2000,
                               birth_month=6)  # fmt: skip
    caseload.import_into(store)

    def listed(as_of: date) -> set[str]:
        return {item.client_id for item in review_list(store, years=6, as_of=as_of)}

    today = date.today()
    assert enquiry not in listed(today) and enquiry in listed(date(today.year + 2, 1, 1))
    assert child not in listed(date(2025, 5, 31)) and child in listed(date(2025, 6, 1)), (
        "six years after closure was 2016"
    )


def test_audit_entries_past_the_period_are_removed_and_the_chain_still_verifies(store: Store) -> None:
    _caseload(store)
    before = store.connection.execute("SELECT count(*) FROM audit").fetchone()[0]
    assert apply_retention(store, years=6, as_of=AS_OF, threshold=10).audit_entries_removed == 0
    later = date(date.today().year + 7, 1, 1)

    result = apply_retention(store, years=6, as_of=later, threshold=10)

    assert result.audit_entries_removed >= before
    remaining = [tuple(row) for row in store.connection.execute("SELECT action, reason FROM audit ORDER BY seq")]
    assert remaining[-1][0] == "erase" and "audit entries before" in str(remaining[-1][1])
    assert store.verify() == [], "the chain restarts from the last removed entry"
    store.audit_event("view")
    assert store.verify() == []
    with pytest.raises(Exception, match="append-only"):
        store.connection.execute("DELETE FROM audit")
