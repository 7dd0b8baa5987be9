"""Exporting records in the interchange format, with identity and narrative left out unless asked for.

Without --include-identity an export carries no client_identity record, no identifier (I) field and no narrative (N)
field: DATA-MODEL.md says narratives are treated as identifying. The file is written beside its destination with
owner-only permissions and renamed into place when complete, so a cancelled or failed export leaves nothing behind.
Records are streamed from one read transaction straight into the writer (memory does not grow with the store, and
the count that progress reports against matches what is written). Every export is audited.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.domain.interchange import InterchangeRecord, write_csv_folder, write_jsonl
from hbf_desktop.store.errors import OperationCancelledError, StoreError
from hbf_desktop.store.files import PRIVATE_FILE_MODE, ensure_private_directory, sync_directory
from hbf_desktop.store.store import Store

# Parents before children, so that the file imports in one pass.
EXPORT_ORDER = ("organisation", "client", "client_identity", "case")

Cancelled = Callable[[], bool]
Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500


class ExportDestinationError(StoreError):
    """--out names something an export must not replace (a folder of the person's own files, or a file for CSV)."""


def export_records(
    store: Store,
    destination: Path,
    *,
    file_format: str,
    include_identity: bool,
    cancelled: Cancelled | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the export; returns how many records it holds.

    `progress(records_done, records_total)` is called every few hundred records and once at the end.
    """
    _check_destination(destination, file_format)
    temporary = destination.with_name(f".{destination.name}.partial")
    try:
        with _read_snapshot(store):
            entities = _entities_to_export(include_identity)
            total = sum(store.records.count(entity) for entity in entities)
            records = _records_to_export(store, entities, include_identity, cancelled, progress, total)
            if file_format == "jsonl":
                descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
                with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
                    count = write_jsonl(records, stream, include_identity=include_identity)
                    stream.flush()
                    os.fsync(stream.fileno())
            else:
                ensure_private_directory(temporary)
                count = write_csv_folder(records, temporary, include_identity=include_identity)
        if destination.is_dir():
            shutil.rmtree(destination)
        os.replace(temporary, destination)
        sync_directory(destination.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(temporary) if temporary.is_dir() else temporary.unlink()
        raise
    reason = f"{file_format}, {'with' if include_identity else 'without'} identity"
    store.audit_event("export", reason=reason)
    return count


@contextlib.contextmanager
def _read_snapshot(store: Store) -> Iterator[None]:
    """One read transaction: the count and every entity's rows come from the same moment, even if saves go on."""
    store.connection.execute("BEGIN")
    try:
        yield
    finally:
        store.connection.execute("ROLLBACK")


def _check_destination(destination: Path, file_format: str) -> None:
    """Refuse, before anything is written, to replace what is not an earlier export of the same kind.

    The export is moved into place over `destination`; a folder there is deleted first. Only an earlier CSV export
    (a folder of nothing but `<entity>.csv` files) may go: a mistyped --out must never cost anyone their files.
    """
    if file_format == "csv" and destination.exists() and not destination.is_dir():
        raise ExportDestinationError(f"{destination} is a file; a CSV export is a folder. Nothing was written.")
    if not destination.is_dir():
        return
    expected = {f"{entity}.csv" for entity in ENTITIES}
    if file_format != "csv" or any(path.name not in expected or path.is_dir() for path in destination.iterdir()):
        raise ExportDestinationError(
            f"{destination} is a folder that is not an earlier CSV export, so it is kept as it is. Nothing was "
            "written: choose a new name for the export."
        )


def _entities_to_export(include_identity: bool) -> list[str]:
    order = [*EXPORT_ORDER, *sorted(set(ENTITIES) - set(EXPORT_ORDER))]
    return [entity for entity in order if include_identity or not ENTITIES[entity].identity]


def _records_to_export(
    store: Store,
    entities: list[str],
    include_identity: bool,
    cancelled: Cancelled | None,
    progress: Progress | None,
    total: int,
) -> Iterator[InterchangeRecord]:
    done = 0
    for entity in entities:
        spec = ENTITIES[entity]
        dropped = {
            field.name for field in spec.fields if not include_identity and (field.is_identifier or field.is_narrative)
        }
        for record in store.records.of_entity(entity):
            if done % PROGRESS_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise OperationCancelledError("Export cancelled: no file was written.")
                if progress is not None:
                    progress(done, total)
            values = {k: v for k, v in record.values.items() if k not in dropped}
            yield InterchangeRecord(entity, record.id, values, None)
            done += 1
    if progress is not None:
        progress(done, total)
