"""`hbf-desktop --self-test`: proves on this machine (above all in a frozen build) that the parts the app cannot work
without are present and behave: SQLCipher really encrypts, Argon2id and the key file unlock, the sealing protocol
round-trips, and a baked-in provisioning file is readable. It leaves nothing behind: everything is in a temporary
folder removed at the end, and the store in it holds one made-up record.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

_CANARY = "HB-SELFTEST-7K3Q"
_PASSPHRASE = "self test passphrase, thrown away"

Check = Callable[[Path], str]


def run_self_test(say: Callable[[str], None]) -> int:
    """Run every check in order, one line each; stop at the first failure. 0 if all pass, else 1."""
    try:
        with tempfile.TemporaryDirectory(prefix="hbf-self-test-") as folder:
            for name, check in _CHECKS:
                try:
                    detail = check(Path(folder))
                except Exception as error:  # the point is to report any failure as a line, not a traceback
                    say(f"FAIL {name}: {type(error).__name__}: {error}")
                    return 1
                say(f"ok   {name}: {detail}")
    except OSError as error:
        say(f"FAIL temporary folder: {error}")
        return 1
    say("self-test passed")
    return 0


def _store_round_trip(folder: Path) -> str:
    from hbf_desktop.store.kdf import FLOOR_PARAMETERS
    from hbf_desktop.store.store import Store

    data_dir = folder / "store"
    store, _recovery = Store.create(data_dir, _PASSPHRASE, user="self-test", kdf=FLOOR_PARAMETERS)
    with store:
        saved = store.records.save("client", {"pseudonym_code": _CANARY, "gender": "feminine"})
        store.checkpoint(truncate=True)
    with Store.unlock(data_dir, _PASSPHRASE) as reopened:
        read = reopened.records.get(saved.id)
    if read is None or read.values.get("pseudonym_code") != _CANARY:
        raise AssertionError("the record read back differs from the one saved")
    for path in data_dir.rglob("*"):
        if path.is_file() and _CANARY.encode() in path.read_bytes():
            raise AssertionError(f"{path.name} holds the record in clear text")
    return "encrypted store created, record saved, unlocked with the passphrase, read back; no clear text on disk"


def _sealing_round_trip(folder: Path) -> str:
    from hbf_desktop.sync.protocol import IdentityKeys, open_batch, parse_batch, seal_batch, verify_signature
    from hbf_desktop.sync.protocol.header import NO_PREVIOUS_BATCH

    device, supervisor = IdentityKeys.generate(), IdentityKeys.generate()
    payload = b'{"changes": ["self-test"]}'
    data = seal_batch(
        payload, organisation_id="self-test", device_id=str(uuid.uuid4()), batch_id=uuid.uuid4(), sequence=1,
        previous_batch_hash=NO_PREVIOUS_BATCH, created_at=datetime.now(UTC), directory_version=1,
        recipients=[supervisor.recipient.public_key()], signing_key=device.signing,
    )  # fmt: skip
    batch = parse_batch(data, max_size=1024 * 1024)
    verify_signature(batch, device.signing.public_key())
    opened = open_batch(batch, supervisor.recipient, supervisor.recipient.public_key().key_id)
    if opened != payload:
        raise AssertionError("the opened batch differs from what was sealed")
    return f"sealed ({len(data)} bytes), parsed, signature verified, opened by the recipient"


def _provisioning(folder: Path) -> str:
    from hbf_desktop.config import bundled_provisioning_path, parse_provisioning

    path = bundled_provisioning_path()
    if not path.is_file():
        return "none built in (first-run set-up will ask for the organisation's file)"
    provisioning = parse_provisioning(path.read_bytes())
    return (
        f"built in for {provisioning.organisation_id} at {provisioning.server_url}, root key {provisioning.root_key_id}"
    )


_CHECKS: list[tuple[str, Check]] = [
    ("store", _store_round_trip),
    ("sealing", _sealing_round_trip),
    ("provisioning", _provisioning),
]
