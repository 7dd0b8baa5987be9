"""An export never deletes what the person already had at --out (security review).

`export --format csv --out ~/Documents` (or jsonl to a folder) used to `rmtree` the folder before moving the export
into place: a typo in a path destroyed a caseworker's files. Now a folder is replaced only when it is an earlier
CSV export (nothing but `<entity>.csv` files); anything else is refused with a message, and nothing is changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from hbf_desktop.store.exporting import ExportDestinationError, export_records
from hbf_desktop.store.store import Store


def _folder_with_a_letter(tmp_path: Path) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "letter to the home office.docx").write_bytes(b"precious")
    return folder


@pytest.mark.parametrize("file_format", ["csv", "jsonl"])
def test_a_folder_that_is_not_an_earlier_export_is_refused_and_kept(
    store: Store, tmp_path: Path, file_format: str
) -> None:
    store.records.save("client", {"pseudonym_code": "HB-EXP1", "gender": "feminine"})
    folder = _folder_with_a_letter(tmp_path)
    with pytest.raises(ExportDestinationError, match="Nothing was written"):
        export_records(store, folder, file_format=file_format, include_identity=False)
    assert (folder / "letter to the home office.docx").read_bytes() == b"precious"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["Documents", "data"]  # no partial left


def test_an_earlier_csv_export_is_replaced_and_a_file_is_not_turned_into_a_folder(store: Store, tmp_path: Path) -> None:
    store.records.save("client", {"pseudonym_code": "HB-EXP2", "gender": "feminine"})
    folder = tmp_path / "export"
    assert export_records(store, folder, file_format="csv", include_identity=False) == 1
    store.records.save("client", {"pseudonym_code": "HB-EXP3", "gender": "feminine"})
    assert export_records(store, folder, file_format="csv", include_identity=False) == 2
    assert "HB-EXP3" in (folder / "client.csv").read_text()
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine")
    with pytest.raises(ExportDestinationError):
        export_records(store, a_file, file_format="csv", include_identity=False)
    assert a_file.read_text() == "mine"
