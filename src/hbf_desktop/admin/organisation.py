"""What the administrator does to the organisation: make it, change who supervises, sign the directory, write the
provisioning file and make the release key. Every operation checks its inputs fully before changing anything."""

from __future__ import annotations

import json
from pathlib import Path

from hbf_desktop.admin.errors import OrganisationError
from hbf_desktop.admin.signing_key_file import read_signing_key, write_signing_key
from hbf_desktop.admin.state import (
    RELEASE_KEY_FILE,
    ROOT_KEY_FILE,
    STATE_FILE,
    OrganisationState,
    checked_policy,
    load_state,
    save_state,
)
from hbf_desktop.config import Provisioning, parse_provisioning
from hbf_desktop.store.files import ensure_private_directory
from hbf_desktop.store.kdf import KdfParameters
from hbf_desktop.sync.protocol.directory import Directory, DirectoryMember, sign_directory
from hbf_desktop.sync.protocol.encoding import JsonObject
from hbf_desktop.sync.protocol.errors import ProtocolError
from hbf_desktop.sync.protocol.keys import SigningPrivateKey

PUBLIC_KEYS_FORMAT = "hbf-public-keys-v1"
_PUBLIC_KEYS_FIELDS = frozenset({"format", "device_id", "user", "signing_key", "signing_key_id", "recipient_keys"})
MAX_INPUT_BYTES = 1024 * 1024


def create_organisation(
    folder: Path, identity: tuple[str, str, str], passphrase: str, kdf: KdfParameters | None = None
) -> OrganisationState:
    """A new organisation folder with a fresh root key; `identity` is (id, name, server URL)."""
    organisation_id, name, server_url = identity
    if (folder / STATE_FILE).exists() or (folder / ROOT_KEY_FILE).exists():
        raise OrganisationError(f"{folder} already holds an organisation; nothing was changed.")
    _check_identity(organisation_id, name, server_url)
    root = SigningPrivateKey.generate()
    public = root.public_key()
    ensure_private_directory(folder)
    write_signing_key(folder / ROOT_KEY_FILE, root, passphrase, kdf)
    state = OrganisationState(organisation_id, name, server_url, public.to_text(), public.key_id)
    save_state(folder, state)
    return state


def add_supervisor(folder: Path, public_keys_file: bytes) -> DirectoryMember:
    state = load_state(folder)
    member = parse_public_keys(public_keys_file)
    for existing in state.supervisors:
        if existing.user == member.user:
            raise OrganisationError(f"{member.user} is a supervisor already; remove them first to change their keys.")
        if existing.signing_key == member.signing_key:
            raise OrganisationError(f"These keys are {existing.user}'s already; nothing was changed.")
    save_state(folder, state.with_changes(supervisors=(*state.supervisors, member)))
    return member


def remove_supervisor(folder: Path, user: str) -> None:
    state = load_state(folder)
    remaining = tuple(member for member in state.supervisors if member.user != user)
    if len(remaining) == len(state.supervisors):
        names = ", ".join(member.user for member in state.supervisors) or "none"
        raise OrganisationError(f"{user} is not a supervisor (the supervisors are: {names}).")
    save_state(folder, state.with_changes(supervisors=remaining))


def set_policy(folder: Path, policy: object) -> OrganisationState:
    """Replace the stored policy; the next directory and provisioning file carry it."""
    state = load_state(folder).with_changes(policy=checked_policy(policy))
    save_state(folder, state)
    return state


def sign_next_directory(folder: Path, passphrase: str) -> tuple[Directory, bytes]:
    """The next version of the directory, signed by the root key. The version is saved as used before signing."""
    state = load_state(folder)
    root = read_signing_key(folder / ROOT_KEY_FILE, passphrase, state.root_key_id)
    state = state.with_changes(directory_version=state.directory_version + 1)
    directory = Directory(
        version=state.directory_version,
        organisation_id=state.organisation_id,
        organisation_name=state.organisation_name,
        server_url=state.server_url,
        supervisors=state.supervisors,
        policy=state.policy,
    )
    save_state(folder, state)
    return directory, sign_directory(directory, root)


def provisioning_file(folder: Path) -> bytes:
    """The `hbf-provisioning-v1` file (docs/sync-api.md), checked by the same parser laptops and the server use."""
    state = load_state(folder)
    provisioning = Provisioning(
        organisation_id=state.organisation_id,
        organisation_name=state.organisation_name,
        server_url=state.server_url,
        root_signing_key=state.root_signing_key,
        root_key_id=state.root_key_id,
        release_signing_key=state.release_signing_key,
        policy=dict(state.policy),
    )
    encoded = json.dumps(provisioning.to_json(), indent=2, sort_keys=True).encode("utf-8") + b"\n"
    parse_provisioning(encoded)
    return encoded


def create_release_key(folder: Path, passphrase: str, kdf: KdfParameters | None = None) -> str:
    """A new release key in the folder; its public key goes into the provisioning file. Returns its key id."""
    state = load_state(folder)
    if state.release_signing_key is not None:
        raise OrganisationError(
            "This organisation has a release key already; laptops pin it, so it is not replaced. Nothing was changed."
        )
    key = SigningPrivateKey.generate()
    write_signing_key(folder / RELEASE_KEY_FILE, key, passphrase, kdf)
    save_state(folder, state.with_changes(release_signing_key=key.public_key().to_text()))
    return key.public_key().key_id


def parse_public_keys(data: bytes) -> DirectoryMember:
    """A supervisor's `hbf-public-keys-v1` file, with every key id recomputed (the directory's own checks)."""
    if len(data) > MAX_INPUT_BYTES:
        raise OrganisationError("The public-key file is too large to be one.")
    try:
        content = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise OrganisationError("The public-key file is not valid UTF-8 JSON.") from None
    if not isinstance(content, dict) or content.get("format") != PUBLIC_KEYS_FORMAT:
        raise OrganisationError(f"This is not a public-key file (its format is not {PUBLIC_KEYS_FORMAT}).")
    if set(content) != _PUBLIC_KEYS_FIELDS:
        raise OrganisationError(f"The public-key file must have exactly the fields {sorted(_PUBLIC_KEYS_FIELDS)}.")
    member: JsonObject = {name: content[name] for name in ("user", "signing_key", "signing_key_id", "recipient_keys")}
    try:
        return DirectoryMember.from_json(member)
    except ProtocolError as error:
        raise OrganisationError(f"The public-key file's keys are not valid: {error}") from None


def _check_identity(organisation_id: str, name: str, server_url: str) -> None:
    """The same checks the directory will make, now, rather than at the first sign-directory."""
    if not name.strip():
        raise OrganisationError("The organisation's name must not be empty.")
    try:
        Directory(1, organisation_id, name, server_url, ())
    except ProtocolError as error:
        raise OrganisationError(str(error)) from None
