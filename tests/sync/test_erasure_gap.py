"""The erasure gap with USB bundles: a bundle exported after an erasure carries none of the erased record's old values
when its batches never left the laptop (they are cut again); batches that did leave keep their very bytes (the chain
and the receivers' de-duplication need them), and the erasure that follows them purges the record on import."""

from __future__ import annotations

from pathlib import Path

from hbf_desktop.store import sync_state
from hbf_desktop.store.store import Store
from hbf_desktop.sync.bundle import decode_bundle, export_bundle, import_bundle
from hbf_desktop.sync.identity import device_keys
from hbf_desktop.sync.outgoing import seal_pending
from hbf_desktop.sync.protocol import open_batch, parse_batch
from tests.sync.org import Organisation

SECRET = "HB-SECRET-7"


def _payloads(bundle: Path, reader: Store) -> list[bytes]:
    """Every batch of the bundle opened with `reader`'s key (a supervisor's: it can open them all)."""
    keys = device_keys(reader)
    opened = []
    for data in decode_bundle(bundle.read_bytes()).batches:
        batch = parse_batch(data, max_size=1 << 26)
        opened.append(open_batch(batch, keys.recipient, keys.recipient.key_id))
    return opened


def _erased_on(store: Store, record_id: str) -> bool:
    record = store.records.get(record_id, include_deleted=True)
    return record is not None and record.values == {} and store.search(SECRET) == []


def test_a_bundle_exported_after_an_erasure_carries_no_old_values_of_unsent_batches(
    org: Organisation, tmp_path: Path
) -> None:
    wren, sam = org.stores["wren"], org.stores["sam"]
    kept = wren.records.save("client", {"pseudonym_code": "HB-KEEP-1", "gender": "feminine"}).id
    erased = wren.records.save("client", {"pseudonym_code": SECRET, "gender": "masculine"}).id
    seal_pending(wren)  # sealed with the values, kept, never sent
    sealed_before = [batch.data for batch in sync_state.outgoing_batches(wren.connection)]
    assert any(SECRET.encode() in payload for payload in _open_all(sealed_before, sam))
    with wren.records.writing() as writer:
        writer.erase(erased)
    bundle = tmp_path / "after.bundle"
    export_bundle(wren, bundle)
    payloads = _payloads(bundle, sam)
    assert payloads and not any(SECRET.encode() in payload for payload in payloads), "no old value in the bundle"
    assert not set(decode_bundle(bundle.read_bytes()).batches) & set(sealed_before), "those bytes never left"
    report = import_bundle(sam, bundle)
    assert report.rejected == 0 and report.forks == 0 and report.waiting == 0
    assert sam.records.get(kept) is not None and _erased_on(sam, erased) and sam.verify() == []
    again = tmp_path / "again.bundle"
    export_bundle(wren, again)
    assert decode_bundle(again.read_bytes()).batches == decode_bundle(bundle.read_bytes()).batches, (
        "once a bundle was written, its batches are sent again byte for byte"
    )
    assert import_bundle(sam, again).applied == 0


def test_batches_that_already_left_keep_their_bytes_and_the_erasure_follows_them(
    org: Organisation, tmp_path: Path
) -> None:
    wren, sam = org.stores["wren"], org.stores["sam"]
    erased = wren.records.save("client", {"pseudonym_code": SECRET, "gender": "masculine"}).id
    first = tmp_path / "first.bundle"
    export_bundle(wren, first)  # these bytes have left: someone may hold them
    with wren.records.writing() as writer:
        writer.erase(erased)
    second = tmp_path / "second.bundle"
    export_bundle(wren, second)
    earlier, later = decode_bundle(first.read_bytes()).batches, decode_bundle(second.read_bytes()).batches
    assert later[: len(earlier)] == earlier and len(later) > len(earlier), "the same bytes, then the erasure"
    assert not any(SECRET.encode() in payload for payload in _open_all(list(later[len(earlier) :]), sam))
    report = import_bundle(sam, second)  # one transaction: the old values never stand committed on its own
    assert report.rejected == 0 and report.forks == 0 and _erased_on(sam, erased)


def _open_all(batches: list[bytes], reader: Store) -> list[bytes]:
    keys = device_keys(reader)
    return [open_batch(parse_batch(d, max_size=1 << 26), keys.recipient, keys.recipient.key_id) for d in batches]
