"""Every query the standard reports run is answered from migration 5's covering indexes (no record page read), and
gives exactly the rows the table gives. Plans, not timings: benchmarks/reports.py has the figures."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hbf_desktop.reports.exporting import export_case_level
from hbf_desktop.reports.period import Period
from hbf_desktop.reports.standard import run_reports
from hbf_desktop.store.store import Store
from tests.reports.crafted import Caseload

YEAR = Period.parse("2024-01-01", "2025-01-01")


def _fill(store: Store) -> None:
    caseload = Caseload()
    for index in range(6):
        _, case = caseload.client(gender="feminine" if index % 2 else "masculine", citizenship=["ALB"])
        caseload.records[-1]["programme"] = "Counter-trafficking" if index % 3 else "Torture survivors"
        caseload.call(case, f"2024-0{index + 1}-01T10:00:00+00:00", "completed" if index % 2 else "no_answer")
        caseload.intervention(case, f"202{3 + index % 2}-06-01", "benefits_finance", "ngo")
        caseload.add("risk_assessment", case_id=case, assessed_on="2024-03-01", overall_level="high")
        caseload.add("accommodation", case_id=case, move_date="2024-04-02", planned=False)
    caseload.import_into(store)


@contextmanager
def _traced(store: Store) -> Iterator[list[str]]:
    statements: list[str] = []
    store.connection.set_trace_callback(statements.append)
    try:
        yield statements
    finally:
        store.connection.set_trace_callback(None)


def _report_queries(statements: list[str]) -> list[str]:
    selects = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT") and " FROM record" in sql]
    return [sql for sql in selects if "entity = 'organisation'" not in sql]  # a handful of rows, by entity


def test_every_report_query_reads_only_its_covering_index(store: Store, tmp_path: Path) -> None:
    _fill(store)
    with _traced(store) as statements:
        run_reports(store.connection, YEAR)
        run_reports(store.connection, YEAR, programme="Counter-trafficking")
        export_case_level(store, YEAR, tmp_path / "cases.csv", threshold=1)
    queries = _report_queries(statements)
    entities = {sql.split("entity = '", 1)[1].split("'", 1)[0] for sql in queries}
    assert {"contact", "intervention", "risk_assessment", "case", "client", "nrm_record"} <= entities
    for sql in queries:
        plan = [str(row[3]) for row in store.connection.execute("EXPLAIN QUERY PLAN " + sql)]
        reads = [step for step in plan if step.startswith(("SCAN record", "SEARCH record"))]
        assert reads and all("USING INDEX record_report_" in step for step in reads), (sql, plan)
        assert _record_rows_read(store, sql) == [], sql


def _record_rows_read(store: Store, sql: str) -> list[str]:
    """The opcodes that would read a row of `record` itself (SQLite's deferred seek only moves when one runs)."""
    (root,) = store.connection.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'record'").fetchone()
    program = store.connection.execute("EXPLAIN " + sql).fetchall()
    tables = {row[2] for row in program if row[1] == "OpenRead" and row[3] == root}
    assert tables, sql  # the table is opened (for the deferred seek), or this test checks nothing
    return [
        str(row[1]) for row in program if row[1] in {"Column", "Rowid", "SeekRowid", "NotExists"} and row[2] in tables
    ]


def test_the_indexes_give_the_rows_the_table_gives(store: Store) -> None:
    _fill(store)
    (contact,) = store.connection.execute("SELECT id FROM record WHERE entity = 'contact' LIMIT 1").fetchone()
    store.records.delete(contact)  # a deleted record leaves its index
    with _traced(store) as statements:
        run_reports(store.connection, YEAR)
        run_reports(store.connection, Period.parse("2000-01-01", "2100-01-01"), programme="Counter-trafficking")
    queries = _report_queries(statements)
    assert queries
    for sql in queries:
        from_table = re.sub(r"INDEXED BY record_report_\w+", "NOT INDEXED", sql)
        assert from_table != sql
        indexed = sorted(store.connection.execute(sql).fetchall(), key=repr)
        assert indexed == sorted(store.connection.execute(from_table).fetchall(), key=repr), sql
    live = store.connection.execute(
        "SELECT count(*) FROM record WHERE entity = 'contact' AND deleted_at IS NULL"
    ).fetchone()[0]
    assert live == 5
