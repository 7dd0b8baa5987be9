"""Report files: labelled internal or de-identified in name and first line, private, atomic, audited."""

from __future__ import annotations

import io
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hbf_desktop.reports.charts import report_pages, title_page
from hbf_desktop.reports.disclosure import DisclosureRules
from hbf_desktop.reports.exporting import export_report
from hbf_desktop.reports.output import notice
from hbf_desktop.reports.period import Period, ReportError
from hbf_desktop.reports.standard import run_reports
from hbf_desktop.store.store import Store
from tests.cli.helpers import make_cli
from tests.reports.crafted import Caseload

YEAR = Period(date(2024, 1, 1), date(2025, 1, 1))


@pytest.fixture
def filled(store: Store) -> Store:
    caseload = Caseload()
    for index in range(23):
        _, case = caseload.client(gender="feminine" if index % 3 else "masculine")
        caseload.call(case, f"2024-03-{1 + index:02d}T10:00:00+00:00")
        caseload.intervention(case, "2024-04-01", "housing_advocacy" if index < 20 else "liaison_police")
    caseload.import_into(store)
    return store


def _audit(store: Store) -> list[tuple[str, str]]:
    return [(str(a), str(r)) for a, r in store.connection.execute("SELECT action, reason FROM audit ORDER BY seq")]


def test_internal_json_is_named_labelled_private_and_audited(filled: Store, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    exported = export_report(filled, YEAR, None, "json", tmp_path, threshold=10)
    assert exported.path == tmp_path / "hbf-report-internal-2024-01-01-to-2025-01-01.json"
    assert stat.S_IMODE(os.stat(exported.path).st_mode) == 0o600
    first = exported.path.read_text(encoding="utf-8").splitlines()[0]
    assert '"classification": "internal"' in first and "INTERNAL" in first
    assert _audit(filled)[-1] == ("export", "report internal json 2024-01-01..2025-01-01 file")
    assert sorted(os.listdir(tmp_path)) == [exported.path.name], "no temporary file left beside it"


def test_deidentified_csv_gains_its_label_and_suppresses(filled: Store, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    exported = export_report(filled, YEAR, DisclosureRules(), "csv", tmp_path / "funder.csv", threshold=10)
    assert exported.path == tmp_path / "funder-deidentified.csv"
    lines = exported.path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# DE-IDENTIFIED")
    assert lines[1] == "report,measure,category,subcategory,value"
    assert "interventions,by_type,liaison_police,,<10" in lines
    assert "interventions,by_type,housing_advocacy,,[c]" in lines, "the only other cell would give it away"
    assert "welfare_calls,completed,,,20" in lines, "23 rounded down to 20"


def test_a_file_name_saying_the_other_kind_is_refused_and_nothing_is_written(filled: Store, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(ReportError):
        export_report(filled, YEAR, DisclosureRules(), "json", tmp_path / "internal-figures.json", threshold=10)
    with pytest.raises(ReportError, match="whole months"):
        export_report(filled, Period(date(2024, 1, 2), date(2025, 1, 1)), DisclosureRules(), "json", tmp_path,
                      threshold=10)  # fmt: skip
    before = _audit(filled)
    with pytest.raises(OSError):
        export_report(filled, YEAR, None, "json", tmp_path / "missing" / "figures.json", threshold=10)
    assert os.listdir(tmp_path) == [] and _audit(filled) == before, "a failed export leaves no file and no audit"


def test_xlsx_labels_every_sheet(filled: Store, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    exported = export_report(filled, YEAR, DisclosureRules(), "xlsx", tmp_path, threshold=10)
    assert exported.path is not None and exported.path.name.endswith("deidentified-2024-01-01-to-2025-01-01.xlsx")
    workbook = load_workbook(io.BytesIO(exported.path.read_bytes()))
    assert len(workbook.sheetnames) == 9
    for sheet in workbook.worksheets:
        assert str(sheet["A1"].value).startswith("DE-IDENTIFIED")
    calls = workbook["Welfare calls"]
    assert [calls["A4"].value, calls["B4"].value] == ["Completed", 20]


def test_pdf_pages_each_state_the_classification(filled: Store, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    rules = DisclosureRules()
    exported = export_report(filled, YEAR, rules, "pdf", tmp_path, threshold=10)
    assert exported.path is not None
    content = exported.path.read_bytes()
    assert content.startswith(b"%PDF") and b"DE-IDENTIFIED" in content, "the document's subject says so too"
    report_set = run_reports(filled.connection, YEAR, deidentified=True)
    pages = [title_page(report_set, rules), *report_pages(report_set, rules)]
    assert content.count(b"/Type /Page\n") + content.count(b"/Type /Page ") >= len(pages) >= 9
    for page in pages:
        assert page.texts[0].get_text() == notice(rules)
    internal = [title_page(report_set, None), *report_pages(report_set, None)]
    assert all(page.texts[0].get_text().startswith("INTERNAL") for page in internal)


def test_report_command_prints_json_and_refuses_a_pdf_without_a_file(tmp_path: Path) -> None:
    cli = make_cli(tmp_path)
    cli.run("init")
    printed = cli.run("report", "--from", "2024-01-01", "--to", "2025-01-01")
    assert printed.stdout.splitlines()[0].startswith('{"classification": "internal"')
    safe = cli.run("report", "--from", "2024-01-01", "--to", "2025-01-01", "--deidentified", "--programme", "X")
    assert safe.stdout.splitlines()[0].startswith('{"classification": "deidentified"')
    assert '"programme": "X"' in safe.stdout.splitlines()[0]
    refused = cli.run("report", "--from", "2024-01-01", "--to", "2025-01-01", "--format", "pdf", check=False)
    assert refused.returncode == 2 and "needs --out" in refused.stderr
    bad = cli.run("report", "--from", "2024-02-30", "--to", "2025-01-01", check=False)
    assert bad.returncode == 1 and bad.stderr.startswith("hbf-desktop: error: --from '2024-02-30' is not a date")
