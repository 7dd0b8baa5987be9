"""The de-identified case-level extract: CTDC columns, no identifier, no free text, no exact date."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from hbf_desktop.reports.case_level import COLUMNS
from hbf_desktop.reports.exporting import export_case_level
from hbf_desktop.reports.period import Period
from hbf_desktop.store.store import Store
from tests.reports.crafted import Caseload

YEAR = Period(date(2024, 1, 1), date(2025, 1, 1))


def test_rows_hold_only_coarse_categories(store: Store, tmp_path: Path) -> None:
    caseload = Caseload()
    ids: list[str] = []
    for index in range(12):
        client, case = caseload.client(
            opened_on="2024-05-03", gender="feminine", age_band="24_26", citizenship=["VNM" if index else "ERI"],
            closed_on="2024-08-09" if index == 0 else None,
        )  # fmt: skip
        ids += [client, case]
        caseload.add(
            "exploitation_history", client_id=client, exploitation_history_type="labour", sub_type="construction",
            means_of_control=["debt_bondage", "withholds_documents"], country="GBR", start_month="2022-01",
            end_month="2023-06", narrative="ZQXNARRATIVE told in full",
        )  # fmt: skip
    caseload.client(opened_on="2023-01-01", closed_on="2023-12-31")  # closed before the period: not a row
    caseload.import_into(store)

    path, count = export_case_level(store, YEAR, tmp_path, threshold=10)

    text = path.read_text(encoding="utf-8")
    assert path.name == "hbf-cases-deidentified-2024-01-01-to-2025-01-01.csv" and count == 12
    assert text.startswith("# DE-IDENTIFIED")
    rows = list(csv.DictReader(io.StringIO(text.split("\n", 1)[1])))
    assert list(rows[0]) == list(COLUMNS)
    assert all(identifier not in text for identifier in ids) and "HB-T" not in text and "ZQX" not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text.split("\n", 1)[1]), "no exact date"
    assert {row["quarterOfRegistration"] for row in rows} == {"2024-Q2"}
    assert sorted(row["citizenship"] for row in rows).count("other") == 1, "one Eritrean among twelve is grouped"
    first = rows[0]
    assert first["gender"] == "Woman" and first["traffickMonths"] == "13-24" and first["typeOfLabour"] == "Construction"
    assert first["meansOfDebtBondageEarnings"] == "1" and first["meansOfWithholdDocs"] == "1"
    assert first["meansOfThreats"] == "" and first["isForcedLabour"] == "1" and first["isSexualExploit"] == ""
    last_audit = store.connection.execute("SELECT action, reason FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert tuple(last_audit) == ("export", "cases deidentified csv 2024-01-01..2025-01-01 file")
