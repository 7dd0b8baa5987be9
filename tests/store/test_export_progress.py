"""Export streams records into the file with progress against a count taken in the same read transaction."""

from __future__ import annotations

from pathlib import Path

import pytest

from hbf_desktop.domain.interchange import records_from_dicts
from hbf_desktop.store.errors import OperationCancelledError
from hbf_desktop.store.exporting import PROGRESS_EVERY, export_records
from hbf_desktop.store.importing import import_records
from hbf_desktop.store.store import Store


def _fill(store: Store, clients: int) -> None:
    rows = [{"type": "client", "id": f"0190a6e4-0000-7000-8000-{i:012d}", "pseudonym_code": f"HB-{i:05d}"}
            for i in range(clients)]  # fmt: skip
    import_records(store, records_from_dicts(rows).records)  # type: ignore[arg-type]


@pytest.mark.parametrize("file_format", ["jsonl", "csv"])
def test_progress_counts_records_up_to_the_total(store: Store, tmp_path: Path, file_format: str) -> None:
    _fill(store, 1_750)
    seen: list[tuple[int, int]] = []
    destination = tmp_path / f"out.{file_format}"
    count = export_records(
        store, destination, file_format=file_format, include_identity=False,
        progress=lambda done, total: seen.append((done, total)),
    )  # fmt: skip
    assert count == 1_750
    assert {total for _, total in seen} == {count}
    done = [value for value, _ in seen]
    assert done == sorted(done) and done[0] == 0 and done[-1] == count
    assert len(seen) >= count // PROGRESS_EVERY
    if file_format == "jsonl":
        assert len(destination.read_text().splitlines()) == count


def test_with_identity_the_total_includes_identity_records(store: Store, tmp_path: Path) -> None:
    from hbf_desktop.store.casework import create_client

    create_client(store, {}, {"known_as": "Alia"})
    seen: list[tuple[int, int]] = []
    count = export_records(
        store, tmp_path / "all.jsonl", file_format="jsonl", include_identity=True,
        progress=lambda done, total: seen.append((done, total)),
    )  # fmt: skip
    assert seen[-1] == (count, count) and store.records.count("client_identity") == 1
    without: list[tuple[int, int]] = []
    fewer = export_records(
        store, tmp_path / "some.jsonl", file_format="jsonl", include_identity=False,
        progress=lambda done, total: without.append((done, total)),
    )  # fmt: skip
    assert without[-1] == (fewer, fewer) and fewer == count - 1


@pytest.mark.parametrize("file_format", ["jsonl", "csv"])
def test_a_cancel_mid_export_leaves_nothing_and_the_store_writable(
    store: Store, tmp_path: Path, file_format: str
) -> None:
    _fill(store, 1_750)
    seen: list[int] = []
    destination = tmp_path / "out" / f"export.{file_format}"
    destination.parent.mkdir()
    with pytest.raises(OperationCancelledError, match="no file was written"):
        export_records(
            store, destination, file_format=file_format, include_identity=False,
            progress=lambda done, total: seen.append(done), cancelled=lambda: len(seen) >= 2,
        )  # fmt: skip
    assert seen == [0, PROGRESS_EVERY], "stopped part way"
    assert list(destination.parent.iterdir()) == []
    extra = [{"type": "client", "id": "0190a6e4-0000-7000-8000-999999999999", "pseudonym_code": "HB-99999"}]
    import_records(store, records_from_dicts(extra).records)  # type: ignore[arg-type]
    assert store.records.count("client") == 1_751, "the read transaction ended"
