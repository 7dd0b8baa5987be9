"""Test inputs for organisation administration: supervisors' public-key files made from real key pairs."""

from __future__ import annotations

import json
import uuid

from hbf_desktop.sync.protocol import IdentityKeys

ORG_PASSPHRASE = "a long organisation passphrase"


def public_keys_file(user: str, keys: IdentityKeys | None = None) -> bytes:
    """What `hbf-desktop device-keys --out FILE` writes on a supervisor's laptop (docs/sync-api.md)."""
    keys = keys or IdentityKeys.generate()
    signing, recipient = keys.signing.public_key(), keys.recipient.public_key()
    document = {
        "format": "hbf-public-keys-v1",
        "device_id": str(uuid.uuid4()),
        "user": user,
        "signing_key": signing.to_text(),
        "signing_key_id": signing.key_id,
        "recipient_keys": [{"suite": int(recipient.suite), "key": recipient.to_text(), "key_id": recipient.key_id}],
    }
    return json.dumps(document).encode()
