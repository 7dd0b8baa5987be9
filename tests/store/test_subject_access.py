"""Subject access: the folder holds every record about the client, their attachments and the audit entries about
them, as JSON and PDF, and nothing about anyone else."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from hbf_desktop.reports.subject_access_pdf import bundle_lines, to_pdf
from hbf_desktop.store.attachments import add_attachment
from hbf_desktop.store.erasure import erase_client
from hbf_desktop.store.errors import RecordNotFoundError
from hbf_desktop.store.store import Store
from hbf_desktop.store.subject_access import export_subject_access
from tests.cli.helpers import make_cli
from tests.reports.crafted import Caseload


def _two_clients(store: Store) -> tuple[str, str, list[str]]:
    caseload = Caseload()
    client, case = caseload.client(gender="feminine")
    caseload.add("client_identity", client_id=client, legal_name="ZQXSARNAME Person", phones=["+447700900222"])
    caseload.call(case, "2024-03-01T10:00:00+00:00")
    caseload.records[-1]["note"] = "ZQXSARNOTE asked about her appeal"
    caseload.add("nrm_record", client_id=client, route="nrm", referral_date="2024-01-05")
    other, other_case = caseload.client()
    caseload.call(other_case, "2024-03-01T10:00:00+00:00")
    caseload.records[-1]["note"] = "ZQXOTHERNOTE someone else"
    caseload.import_into(store)
    ids = [str(r["id"]) for r in caseload.records[: caseload.records.index(caseload.records[-3])]]
    store.records.save("client", {"local_area": "Camden"}, client)
    deleted = store.records.save("contact", {"case_id": case, "contact_type": "message", "outcome": "completed",
                                             "occurred_at": "2024-03-02T10:00:00+00:00"})  # fmt: skip
    store.records.delete(deleted.id)
    add_attachment(store, case, b"ZQXSARFILE letter bytes", file_name="decision letter.pdf", kind="decision_letter")
    return client, other, ids


def test_the_bundle_holds_everything_about_the_client_and_nothing_else(store: Store, tmp_path: Path) -> None:
    client, other, ids = _two_clients(store)

    exported = export_subject_access(store, client, tmp_path, renderers={"subject-access.pdf": to_pdf})

    folder = exported.folder
    assert folder.name.startswith("subject-access-HB-T") and stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    names = sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())
    assert names[0].startswith("attachments/") and names[0].endswith("-decision_letter.pdf")
    assert names[1:] == ["subject-access.json", "subject-access.pdf"]
    assert all(stat.S_IMODE(os.stat(folder / name).st_mode) == 0o600 for name in names)
    assert (folder / names[0]).read_bytes() == b"ZQXSARFILE letter bytes"
    bundle = json.loads((folder / "subject-access.json").read_text(encoding="utf-8"))
    text = json.dumps(bundle)
    assert bundle["identity"]["values"]["legal_name"] == "ZQXSARNAME Person"
    assert bundle["client"]["values"]["local_area"] == "Camden"
    assert "ZQXSARNOTE" in text and "ZQXOTHERNOTE" not in text and other not in text
    assert set(bundle["records"]) == {"attachment", "case", "contact", "nrm_record"}
    contacts = bundle["records"]["contact"]
    assert len(contacts) == 2 and sum(1 for c in contacts if c["deleted_at"]) == 1, "deleted but held: disclosed"
    held_ids = {bundle["client"]["id"], bundle["identity"]["id"]} | {
        item["id"] for items in bundle["records"].values() for item in items
    }
    assert set(ids) <= held_ids
    actions = {(entry["action"], entry["record_id"]) for entry in bundle["audit"]}
    assert (
        ("update", client) in actions
        and ("delete", contacts[1]["id"]) in actions
        or ("delete", contacts[0]["id"]) in actions
    )
    assert any(action == "create" for action, _ in actions)
    assert {entry["record_id"] for entry in bundle["audit"]} <= held_ids
    assert (folder / "subject-access.pdf").read_bytes().startswith(b"%PDF")
    last = store.connection.execute("SELECT action, record_id FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert tuple(last) == ("sar_export", client)


def test_the_pdf_prints_every_record_of_the_bundle(store: Store, tmp_path: Path) -> None:
    client, _, _ = _two_clients(store)
    exported = export_subject_access(store, client, tmp_path)
    bundle = json.loads((exported.folder / "subject-access.json").read_text(encoding="utf-8"))
    lines = "\n".join(bundle_lines(bundle))
    for items in bundle["records"].values():
        for item in items:
            assert item["id"] in lines
    assert "ZQXSARNAME Person" in lines and "ZQXSARNOTE" in lines and f"AUDIT ENTRIES ({len(bundle['audit'])})" in lines


def test_an_erased_or_unknown_client_has_no_export_and_nothing_is_left(store: Store, tmp_path: Path) -> None:
    client, _, _ = _two_clients(store)
    erase_client(store, client)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RecordNotFoundError):
        export_subject_access(store, client, out)
    assert list(out.iterdir()) == []


def test_subject_access_and_erase_commands(tmp_path: Path) -> None:
    cli = make_cli(tmp_path)
    cli.run("init")
    cli.run("demo-data", "--clients", "2", "--years", "1", "--start", "2024-01-01")
    client = cli.run("search", "HB-").stdout.split("\t")[1]
    out = tmp_path / "sar"
    out.mkdir()
    printed = cli.run("subject-access", client, "--out", str(out)).stdout
    assert "Wrote the subject access export" in printed and len(list(out.iterdir())) == 1
    refused = cli.run("erase-client", client, check=False)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert "Erased" in cli.run("erase-client", client, "--yes").stdout
    again = cli.run("erase-client", client, "--yes", check=False)
    assert again.returncode == 1 and "already been erased" in again.stderr
