"""Subject access (UK GDPR Art. 15): everything the store holds about one client, in one folder.

The bundle has the identity vault row, the client and case records, every record about them (deleted ones too,
marked, since they are still held), each attachment's bytes (checked against its SHA-256) and every audit entry about
any of those records. `redact` is the hook for third-party redaction: it gets each record and returns what may be
disclosed (e.g. a note naming another person is cut by a reviewer's rule); by default nothing is cut.

The folder is built hidden beside its destination, files 0600 and folder 0700, then renamed into place, so a failure
leaves nothing. The export is audited as `sar_export`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from hbf_desktop.domain.model import JsonValue, RecordValues
from hbf_desktop.store.attachments import read_attachment
from hbf_desktop.store.erasure import client_records, find_client
from hbf_desktop.store.files import PRIVATE_FILE_MODE, ensure_private_directory, sync_directory
from hbf_desktop.store.records import StoredRecord
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import utc_now

BUNDLE_FORMAT = "hbf-subject-access-v1"
Redact = Callable[[StoredRecord], RecordValues]
Bundle = dict[str, JsonValue]
Renderer = Callable[[Bundle], bytes]
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class SubjectAccessExport:
    folder: Path
    records: int
    attachments: int
    audit_entries: int


def build_bundle(store: Store, client_id: str, redact: Redact | None = None) -> tuple[Bundle, dict[str, bytes]]:
    """The bundle as JSON values, and the attachments' bytes by their file name inside the folder."""
    client = find_client(store, client_id)
    records = client_records(store, client_id)
    files: dict[str, bytes] = {}
    by_entity: dict[str, list[JsonValue]] = {}
    for record in records:
        entry = _record_entry(record, redact)
        if record.entity == "attachment" and record.deleted_at is None:
            name = f"attachments/{record.id}-{_SAFE_NAME.sub('_', str(record.values.get('file_name', 'file')))}"
            files[name] = read_attachment(store, record.id)
            entry["file"] = name
        by_entity.setdefault(record.entity, []).append(entry)
    identity = by_entity.pop("client_identity", [])
    bundle: Bundle = {
        "format": BUNDLE_FORMAT,
        "generated_at": utc_now(),
        "client_id": client_id,
        "pseudonym_code": client.values.get("pseudonym_code"),
        "identity": identity[0] if identity else None,
        "client": by_entity.pop("client", [None])[0],
        "records": dict(sorted(by_entity.items())),
        "audit": _audit_entries(store, {record.id for record in records}),
    }
    return bundle, files


def _record_entry(record: StoredRecord, redact: Redact | None) -> dict[str, JsonValue]:
    values = redact(record) if redact is not None else record.values
    return {
        "id": record.id, "entity": record.entity, "created_at": record.created_at, "updated_at": record.updated_at,
        "created_by": record.created_by, "deleted_at": record.deleted_at, "values": dict(values),
    }  # fmt: skip


def _audit_entries(store: Store, record_ids: set[str]) -> list[JsonValue]:
    """Every audit entry about one of these records (one pass over the log; it has no index on record_id)."""
    found: list[JsonValue] = []
    for at, user, action, entity, record_id, fields, reason in store.connection.execute(
        "SELECT at, user, action, entity, record_id, fields, reason FROM audit WHERE record_id IS NOT NULL ORDER BY seq"
    ):
        if record_id in record_ids:
            found.append({"at": at, "user": user, "action": action, "entity": entity, "record_id": record_id,
                          "fields": json.loads(fields), "reason": reason})  # fmt: skip
    return found


def export_subject_access(
    store: Store,
    client_id: str,
    out_dir: Path,
    *,
    redact: Redact | None = None,
    renderers: Mapping[str, Renderer] | None = None,
) -> SubjectAccessExport:
    """Write `subject-access.json`, the attachments and one file per renderer (e.g. a PDF) into a new folder."""
    bundle, files = build_bundle(store, client_id, redact)
    code = _SAFE_NAME.sub("_", str(bundle.get("pseudonym_code") or client_id))
    folder = out_dir / f"subject-access-{code}-{str(bundle['generated_at'])[:10]}"
    if folder.exists():
        raise FileExistsError(f"{folder} already exists; move it away or choose another --out folder")
    contents = {"subject-access.json": json.dumps(bundle, ensure_ascii=False, indent=2).encode("utf-8"), **files}
    contents |= {name: render(bundle) for name, render in (renderers or {}).items()}
    _write_folder(folder, contents)
    store.audit_event("sar_export", entity="client", record_id=client_id, reason=f"{len(contents)} files")
    records = bundle["records"]
    count = sum(len(items) for items in records.values() if isinstance(items, list)) if isinstance(records, dict) else 0
    audit = bundle["audit"]
    return SubjectAccessExport(folder, count, len(files), len(audit) if isinstance(audit, list) else 0)


def _write_folder(folder: Path, contents: Mapping[str, bytes]) -> None:
    partial = folder.with_name(f".{folder.name}.partial")
    try:
        ensure_private_directory(partial)
        for name, data in contents.items():
            path = partial / name
            ensure_private_directory(path.parent)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(partial, folder)
        sync_directory(folder.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(partial)
        raise
