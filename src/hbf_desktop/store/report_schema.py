"""Migration 5: one covering partial index per entity the standard reports read (docs/reports.md "Performance").

Why: records are stored client by client, so a large entity's records (contacts, interventions, assessments) lie on
nearly every page of `record`, and reading them decrypts nearly the whole table: 1.2 s at 2,000 clients, several
seconds at 10,000. Each index here holds, for the live records of one entity, exactly the expressions a report
query computes (the period's calendar day first, then client_id, the grouped fields and case_id for the programme
filter), so SQLite answers the query from the index alone: a period becomes a range read over dense index pages and
no record page is decrypted.

Why indexes rather than a summary table kept by triggers: an index costs a save only for records of its own entity
(one B-tree insert, near the end for date-led ones, since new records are mostly recent), needs no trigger (each
trigger on `record` costs every insert, see summary_schema.py), and cannot drift from the records. The expressions
must be written exactly as `reports/source.py` writes them (SQLite matches indexed expressions by their form), and
the queries name their index (`INDEXED BY`): without statistics the planner prefers `record_by_entity`'s two
equalities, and it never calls an expression index "covering", though it reads every value from the index and its
deferred seek to the table row never happens. tests/reports/test_report_indexes.py checks the bytecode of every
report query: no read of a record row.
"""

from __future__ import annotations

# entity -> (the field a period filters on, or None; the fields the reports read). Frozen once released: a report
# needing another field gets a new migration (or reads the table, which is correct, only slower).
INDEXED: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "contact": ("occurred_at", ("contact_type", "outcome", "case_id")),
    "intervention": ("date", ("intervention_type", "counterpart_org_type", "case_id")),
    "referral": ("date", ("direction", "org_id", "status", "date", "responded_on", "case_id")),
    "accommodation": ("move_date", ("reason", "to_type", "planned", "case_id")),
    "risk_assessment": (None, ("assessed_on", "overall_level", "domains.re_trafficking", "case_id")),
    "case": (None, ("programme", "id", "opened_on", "closed_on")),
    "client": (None, ("gender", "age_band", "citizenship[0]")),
    "nrm_record": (None, ("route", "referral_date", "rg_date", "rg_outcome", "cg_date", "cg_outcome")),
    "exploitation_history": (
        None,
        (
            "exploitation_history_type",
            "sub_type",
            "means_of_control",
            "recruiter_relation",
            "country",
            "start_month",
            "end_month",
        ),
    ),  # fmt: skip
}


def _column(field: str) -> str:
    return "id" if field == "id" else f"json_extract(body, '$.{field}')"


def _index(entity: str, day: str | None, fields: tuple[str, ...]) -> str:
    leading = [f"substr(json_extract(body, '$.{day}'), 1, 10)"] if day else []
    if entity == "case":  # the programme filter's subqueries look cases up by programme
        columns = [_column("programme"), "client_id", *(_column(field) for field in fields if field != "programme")]
    else:
        columns = [*leading, "client_id", *(_column(field) for field in fields)]
    return (
        f"CREATE INDEX record_report_{entity} ON record (\n    " + ",\n    ".join(columns) + "\n)"
        f" WHERE entity = '{entity}' AND deleted_at IS NULL;"
    )


SCHEMA = "\n".join(_index(entity, day, fields) for entity, (day, fields) in INDEXED.items()) + "\n"
