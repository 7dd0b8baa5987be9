"""Checking a wipe order before keeping it. The server cannot make one; it refuses one it could not have trusted.

A wipe order (label `hbf-wipe-order-v1`) must be signed by the organisation root or by a supervisor's signing key in
the newest directory the server holds, name the device in the path and this organisation. The device checks it again
against its own pinned directory before erasing anything; this check only keeps junk out of the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hbf_desktop.server.problems import Problem
from hbf_desktop.sync.protocol import (
    DIRECTORY_LABEL,
    WIPE_ORDER_LABEL,
    BadSignatureError,
    Directory,
    ProtocolError,
    SigningPublicKey,
    verify_document,
)

if TYPE_CHECKING:
    from hbf_desktop.server.services import Services

_FIELDS = frozenset({"device_id", "issued_at", "issued_by", "organisation_id"})


def check_wipe_order(body: bytes, device_id: str, services: Services) -> None:
    root = services.root_key()
    if root is None:
        raise _bad("This server was not given the organisation's root key (hbf-server init --provisioning FILE).")
    for key in _trusted_signers(root, services.storage.latest_directory()):
        try:
            document = verify_document(body, key, WIPE_ORDER_LABEL)
        except BadSignatureError:
            continue
        except ProtocolError as error:
            raise _bad(str(error)) from None
        if set(document) != _FIELDS:
            raise _bad(f"A wipe order has exactly the fields {sorted(_FIELDS)}.")
        if document["device_id"] != device_id or document["organisation_id"] != services.organisation_id():
            raise _bad("The wipe order is for another device or organisation than this address.")
        return
    raise _bad("The wipe order is not signed by the organisation root or by a supervisor in the directory.")


def _trusted_signers(root: SigningPublicKey, directory_bytes: bytes | None) -> list[SigningPublicKey]:
    signers = [root]
    if directory_bytes is not None:
        try:
            directory = Directory.from_document(verify_document(directory_bytes, root, DIRECTORY_LABEL))
        except ProtocolError:
            return signers
        signers += [member.signing_key for member in directory.supervisors]
    return signers


def _bad(detail: str) -> Problem:
    return Problem(422, "bad-wipe-order", detail)
