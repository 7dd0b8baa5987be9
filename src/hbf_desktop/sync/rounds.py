"""One full sync round with the server: directory, seal, upload, download, verify and merge, acknowledge.

The order makes every crash harmless:

* uploads send the bytes kept in `sync_out`; a batch is marked uploaded only after the server answered 200/201, and
  an upload repeated after a crash is answered 200 with the same cursor (the server's idempotency);
* downloads start from the cursor stored in the store, which moves on in the very transaction that merges the page;
  the server is acknowledged only after that commit, so a crash before the ack re-lists batches we already hold,
  which de-duplication turns into nothing;
* a batch the server lost (a server restored from backup answers `sequence-gap`) is sent again from our copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from hbf_desktop.config import load_provisioning
from hbf_desktop.store import sync_state
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import read_meta, utc_now, write_meta, write_transaction
from hbf_desktop.sync.attachments import download_attachments, upload_attachments
from hbf_desktop.sync.client import SyncClient
from hbf_desktop.sync.errors import DeviceRevokedError, NotSetUpError, ServerAnswerError, SyncError
from hbf_desktop.sync.escrow import seal_escrow
from hbf_desktop.sync.identity import (
    PeerKeys,
    accept_directory,
    device_keys,
    held_directory,
    is_supervisor,
    parse_public_keys,
    require_directory,
)
from hbf_desktop.sync.incoming import Incoming, Receiver, ReceiveReport
from hbf_desktop.sync.outgoing import seal_pending
from hbf_desktop.sync.recut import recut_erased
from hbf_desktop.sync.wipe import obey_if_ordered

CURSOR_KEY = "sync_download_cursor"
SERVER_KEY = "sync_server_url"
LAST_SYNC_KEY = "sync_last_round_at"
PAGE_SIZE = 100

Progress = Callable[[str, int, int], None]  # phase ("upload", "download"), done, total (0: unknown)


@dataclass
class RoundReport:
    sealed: int = 0
    uploaded: int = 0
    downloaded: int = 0
    acknowledged_cursor: int | None = None
    directory_version: int | None = None
    directory_updated: bool = False
    waiting_changes: int = 0
    attachments_sent: int = 0
    attachments_received: int = 0
    received: ReceiveReport = field(default_factory=ReceiveReport)

    def lines(self) -> list[str]:
        received, merged = self.received, self.received.merged
        lines = [
            f"Sealed {self.sealed} new batches; uploaded {self.uploaded}.",
            f"Downloaded {self.downloaded} batches: {received.applied} applied, {received.duplicates} already held, "
            f"{received.not_addressed} not addressed to this laptop, {received.waiting} waiting for missing batches, "
            f"{received.forks} forked, {received.rejected} refused.",
            f"Records: {merged.created} new, {merged.updated} updated, {merged.deleted} deleted, "
            f"{merged.erased} erased; {merged.conflicts} conflicts to review.",
            f"Attachments: {self.attachments_sent} sent, {self.attachments_received} received in full.",
            f"Changes waiting to be sent: {self.waiting_changes}.",
        ]
        if self.directory_updated:
            lines.insert(0, f"The organisation directory was updated to version {self.directory_version}.")
        lines.extend(f"  refused or set aside: {reason}" for reason in received.reasons)
        return lines


def server_url(store: Store) -> str:
    """Where to sync: the address given at enrolment, else the directory's, else the provisioning file's."""
    url = read_meta(store.connection, SERVER_KEY)
    directory = held_directory(store)
    if url is None and directory is not None:
        url = directory.server_url
    if url is None:
        provisioning = load_provisioning(store.paths.data_dir)
        url = provisioning.server_url if provisioning else None
    if url is None:
        raise NotSetUpError("No sync server is known: run 'hbf-desktop enrol --server URL --code CODE' first.")
    return url


def client_for(store: Store, *, timeout: float = 20.0) -> SyncClient:
    return SyncClient(server_url(store), store.author.device_id, device_keys(store), timeout=timeout)


def run_round(store: Store, client: SyncClient, *, progress: Progress | None = None) -> RoundReport:
    report = RoundReport()
    try:
        _refresh_directory(store, client, report)
        recut_erased(store)  # unsent batches carrying an erased record's old values are cut again without them
        seal_escrow(store)  # once per store (and per supervisor added later): its data key, sealed to the supervisors
        report.sealed = seal_pending(store)
        _upload(store, client, report, progress)
        report.attachments_sent = upload_attachments(store, client)
        _download(store, client, report, progress)
        report.attachments_received = download_attachments(store, client)
    except DeviceRevokedError as revoked:
        obey_if_ordered(store, revoked)  # erases and raises DeviceWipedError only for a verified order
        raise
    report.waiting_changes = sync_state.waiting_change_count(store.connection)
    return report


def _refresh_directory(store: Store, client: SyncClient, report: RoundReport) -> None:
    data = client.directory()
    if data is not None:
        directory, report.directory_updated = accept_directory(store, data)
    else:
        directory = require_directory(store)
    report.directory_version = directory.version


def _upload(store: Store, client: SyncClient, report: RoundReport, progress: Progress | None) -> None:
    resent = False
    pending = sync_state.outgoing_batches(store.connection)
    index = 0
    while index < len(pending):
        batch = pending[index]
        if progress:
            progress("upload", index, len(pending))
        with write_transaction(store.connection):
            sync_state.mark_leaving(store.connection, batch.sequence)  # never re-cut from now on
        try:
            answer = client.upload(batch.batch_id, batch.data)
        except ServerAnswerError as error:
            expected = error.extra.get("expected_sequence")
            if error.problem == "sequence-gap" and type(expected) is int and expected < batch.sequence and not resent:
                _resend_from(store, expected)  # the server lost batches it had acknowledged: send our copies again
                pending, index, resent = sync_state.outgoing_batches(store.connection), 0, True
                continue
            raise
        cursor = answer.get("cursor")
        with write_transaction(store.connection):
            sync_state.mark_uploaded(store.connection, batch.batch_id, cursor if type(cursor) is int else None)
        report.uploaded += 1
        index += 1


def _resend_from(store: Store, sequence: int) -> None:
    with write_transaction(store.connection):
        store.connection.execute(
            "UPDATE sync_out SET uploaded_at = NULL, server_cursor = NULL WHERE sequence >= ?", (sequence,)
        )


def _download(store: Store, client: SyncClient, report: RoundReport, progress: Progress | None) -> None:
    keys = device_keys(store)
    offered: dict[str, PeerKeys] = {}
    if is_supervisor(require_directory(store), keys):
        offered = _refresh_devices(store, client)
    receiver = Receiver(store, offered=offered, source="server")
    cursor = int(read_meta(store.connection, CURSOR_KEY) or "0")
    while True:
        page = client.list_batches(cursor, PAGE_SIZE)
        items: list[Incoming] = []
        for entry in page["batches"]:
            if entry.get("device_id") == store.author.device_id:
                continue  # our own upload, listed because supervisors are recipients of their own batches
            received_at = entry.get("received_at")
            data = client.download(str(entry["batch_id"]))
            items.append(Incoming(data, received_at if isinstance(received_at, str) else None))
            report.downloaded += 1
            if progress:
                progress("download", report.downloaded, 0)
        next_cursor = max(int(page["next_cursor"]), cursor)
        report.received.add(receiver.receive(items, meta={CURSOR_KEY: str(next_cursor)}))
        if next_cursor > cursor or items:
            answer = client.acknowledge(next_cursor)
            report.acknowledged_cursor = int(answer.get("acknowledged_cursor", next_cursor))
        if not page.get("more") or next_cursor == cursor:
            break
        cursor = next_cursor
    with write_transaction(store.connection):
        write_meta(store.connection, LAST_SYNC_KEY, utc_now())


def _refresh_devices(store: Store, client: SyncClient) -> dict[str, PeerKeys]:
    """The server's registry: keys to pin on first sight (so a supervisor can seal to a worker who has not sent
    anything yet), and revocations (which only ever add)."""
    offered: dict[str, PeerKeys] = {}
    devices = client.devices()
    supervisors = {member.signing_key for member in require_directory(store).supervisors}
    with write_transaction(store.connection):
        for entry in devices:
            try:
                keys = parse_public_keys(entry, str(entry.get("role", "worker")))
            except SyncError:
                continue  # one malformed entry must not stop the others; its batches stay unknown and refused
            offered[keys.device_id] = keys
            if keys.device_id != store.author.device_id:  # pinned on first sight; a changed key is never taken
                role = "supervisor" if keys.signing_key in supervisors else "worker"
                sync_state.pin_peer(store.connection, keys.device_id, keys.user, role, keys.signing_key.to_text(),
                                    keys.recipient_json())  # fmt: skip
            revoked_at = entry.get("revoked_at")
            if isinstance(revoked_at, str) and revoked_at:
                sync_state.mark_revoked(store.connection, keys.device_id, revoked_at)
    return offered
