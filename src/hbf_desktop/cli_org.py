"""`hbf-desktop org ...` (the organisation administrator's commands), `verify-release` and `--self-test`.

Every org command is non-interactive given --passphrase-file (or HBF_ORG_PASSPHRASE_FILE), checks everything before it
changes anything, and prints what it did. Heavy imports stay inside the handlers: the CLI must start fast.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from hbf_desktop.cli_common import EXIT_OK, UsageError, read_secret, store_dir

if TYPE_CHECKING:
    from hbf_desktop.sync.protocol.keys import SigningPrivateKey, SigningPublicKey

_PASSPHRASE_ENVIRONMENT = "HBF_ORG_PASSPHRASE_FILE"


def add_commands(commands: argparse._SubParsersAction, store_options: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    organisation = _organisation_options()
    org = commands.add_parser("org", help="organisation administration: root key, supervisors, directory")
    sub = org.add_subparsers(dest="org_command", metavar="ORG_COMMAND", required=True)
    _add_directory_commands(sub, organisation)
    _add_release_commands(sub, organisation)
    commands.add_parser("check-update", parents=[store_options], help="check the organisation's server for an update")
    verify = commands.add_parser("verify-release", parents=[store_options], help="check a signed release folder")
    verify.add_argument("folder", metavar="DIR")
    verify.add_argument("--key", metavar="KEY", help="the release public key (default: the provisioning file's)")
    verify.add_argument("--provisioning", metavar="FILE", help="take the release key from this provisioning file")


def _add_directory_commands(sub: argparse._SubParsersAction, organisation: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    init = sub.add_parser("init", parents=[organisation], help="create the organisation and its root key")
    init.add_argument("--id", required=True, dest="organisation_id", help="short id, e.g. hbf")
    init.add_argument("--name", required=True, help="the organisation's name, shown to caseworkers")
    init.add_argument("--server", required=True, metavar="URL", help="the sync server, https://HOST[:PORT]")
    init.add_argument("--out", required=True, metavar="DIR", help="the new organisation folder")
    add = sub.add_parser("add-supervisor", parents=[organisation], help="add a supervisor from their public keys")
    add.add_argument("--public-keys", required=True, metavar="FILE", help="their hbf-public-keys-v1 file")
    remove = sub.add_parser("remove-supervisor", parents=[organisation], help="remove a supervisor")
    remove.add_argument("user", metavar="USER")
    sign = sub.add_parser("sign-directory", parents=[organisation, _policy_options()], help="sign the next directory")
    sign.add_argument("--out", required=True, metavar="FILE")
    publish = sub.add_parser("publish", help="send a signed directory to the server (PUT /v1/directory)")
    publish.add_argument("--server", required=True, metavar="URL")
    publish.add_argument("file", metavar="FILE")
    provisioning = sub.add_parser(
        "provisioning", parents=[organisation, _policy_options()], help="write the provisioning file for installers"
    )
    provisioning.add_argument("--out", required=True, metavar="FILE")


def _add_release_commands(sub: argparse._SubParsersAction, organisation: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    sub.add_parser("release-key", parents=[organisation], help="create the release signing key")
    sign_release = sub.add_parser(
        "sign-release", parents=[organisation], help="write SHA256SUMS and its signature for a folder of artefacts"
    )
    sign_release.add_argument("folder", metavar="DIR")
    sign_release.add_argument("--key-file", metavar="FILE", help="the release key file (default: in --org)")
    update = sub.add_parser(
        "release-update", parents=[organisation], help="sign the update repository (TUF) for a release, or refresh it"
    )
    update.add_argument("--repository", required=True, metavar="DIR", help="the update repository folder")
    update.add_argument("--release", metavar="DIR", help="a signed release folder (from installers/build.py)")
    update.add_argument("--version", dest="release_version", metavar="V", help="the release's version, e.g. 0.2.0")
    update.add_argument("--expires-days", type=int, default=30, metavar="N", help="days until laptops refuse it")
    update.add_argument("--key-file", metavar="FILE", help="the release key file (default: in --org)")


def _organisation_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--org", metavar="DIR", default=os.environ.get("HBF_ORG_DIR", "."), help="the organisation folder"
    )
    parent.add_argument(
        "--passphrase-file", metavar="FILE", help=f"the key's passphrase (default: {_PASSPHRASE_ENVIRONMENT}, else ask)"
    )
    return parent


def _policy_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--policy", metavar="FILE", help="replace the policy with this JSON object")
    parent.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="change one policy setting (repeatable)"
    )
    return parent


def _passphrase(arguments: argparse.Namespace, *, confirm: bool = False) -> str:
    return read_secret(arguments.passphrase_file, _PASSPHRASE_ENVIRONMENT, "Organisation key passphrase: ", confirm)


def _org(arguments: argparse.Namespace) -> int:
    return _ORG_HANDLERS[arguments.org_command](arguments)


def _init(arguments: argparse.Namespace) -> int:
    from hbf_desktop.admin.organisation import create_organisation
    from hbf_desktop.domain.passphrase import check_passphrase

    passphrase = _passphrase(arguments, confirm=True)
    check_passphrase(passphrase)
    folder = Path(arguments.out)
    identity = (arguments.organisation_id, arguments.name, arguments.server)
    state = create_organisation(folder, identity, passphrase)
    print(f"Created the organisation {state.organisation_id} in {folder}. Keep an offline copy of this folder.")
    print(f"Root key id: {state.root_key_id}")
    return EXIT_OK


def _add_supervisor(arguments: argparse.Namespace) -> int:
    from hbf_desktop.admin.organisation import add_supervisor

    member = add_supervisor(Path(arguments.org), _read_input(arguments.public_keys))
    print(f"Added supervisor {member.user} (signing key {member.signing_key.key_id}). Sign and publish the directory.")
    return EXIT_OK


def _remove_supervisor(arguments: argparse.Namespace) -> int:
    from hbf_desktop.admin.organisation import remove_supervisor

    remove_supervisor(Path(arguments.org), arguments.user)
    print(f"Removed supervisor {arguments.user}. Sign and publish the directory so laptops stop sealing to them.")
    return EXIT_OK


def _sign_directory(arguments: argparse.Namespace) -> int:
    from hbf_desktop.admin.organisation import sign_next_directory
    from hbf_desktop.store.files import write_private_file_atomically

    _apply_policy_options(arguments)
    directory, document = sign_next_directory(Path(arguments.org), _passphrase(arguments))
    write_private_file_atomically(Path(arguments.out), document)
    count = len(directory.supervisors)
    print(f"Signed directory version {directory.version} ({count} supervisors) to {arguments.out}.")
    if count == 0:
        print("Note: no supervisors yet, so laptops have nobody to seal uploads to; add one and sign again.")
    return EXIT_OK


def _publish(arguments: argparse.Namespace) -> int:
    from hbf_desktop.admin.publish import publish_directory

    print(publish_directory(arguments.server, _read_input(arguments.file)))
    return EXIT_OK


def _provisioning(arguments: argparse.Namespace) -> int:
    from hbf_desktop.admin.organisation import provisioning_file
    from hbf_desktop.store.files import write_private_file_atomically

    _apply_policy_options(arguments)
    write_private_file_atomically(Path(arguments.out), provisioning_file(Path(arguments.org)))
    print(f"Wrote the provisioning file {arguments.out}.")
    return EXIT_OK


def _release_key(arguments: argparse.Namespace) -> int:
    from hbf_desktop.admin.organisation import create_release_key
    from hbf_desktop.domain.passphrase import check_passphrase

    passphrase = _passphrase(arguments, confirm=True)
    check_passphrase(passphrase)
    key_id = create_release_key(Path(arguments.org), passphrase)
    print(f"Created the release key {key_id}. Write the provisioning file again so installers pin it.")
    return EXIT_OK


def _sign_release(arguments: argparse.Namespace) -> int:
    from hbf_desktop.admin.release import sign_release

    key = _release_private_key(arguments)
    names = sign_release(Path(arguments.folder), key)
    print(f"Signed {len(names)} files in {arguments.folder} with release key {key.public_key().key_id}.")
    return EXIT_OK


def _release_update(arguments: argparse.Namespace) -> int:
    from hbf_desktop.admin.update_repository import publish_release

    if bool(arguments.release) != bool(arguments.release_version):
        raise UsageError("--release DIR and --version V go together (neither: refresh the expiry only)")
    key = _release_private_key(arguments)
    release = (Path(arguments.release), arguments.release_version) if arguments.release else None
    version = publish_release(Path(arguments.repository), key, release, expires_days=arguments.expires_days)
    what = f"release {arguments.release_version}" if release else "a refresh"
    print(f"Signed update metadata version {version} ({what}), valid {arguments.expires_days} days.")
    print(f"Serve {arguments.repository}/metadata and /targets at <server>/v1/updates/metadata/ and /targets/.")
    return EXIT_OK


def _check_update(arguments: argparse.Namespace) -> int:
    from hbf_desktop import __version__
    from hbf_desktop.config import load_provisioning
    from hbf_desktop.sync.protocol.keys import SigningPublicKey
    from hbf_desktop.updates.client import UpdateCheckError, check_for_update

    data_dir = store_dir(arguments)
    provisioning = load_provisioning(data_dir)
    if provisioning is None or provisioning.release_signing_key is None:
        raise UpdateCheckError("No release key is pinned on this laptop (its provisioning file has none).")
    key = SigningPublicKey.from_text(provisioning.release_signing_key)
    print(check_for_update(data_dir, provisioning.server_url, key, __version__).message)
    return EXIT_OK


def _release_private_key(arguments: argparse.Namespace) -> SigningPrivateKey:
    """The release key from --key-file (CI: a secret) or the organisation folder, checked against the pinned one
    when the organisation folder is at hand."""
    from hbf_desktop.admin.signing_key_file import read_signing_key
    from hbf_desktop.admin.state import RELEASE_KEY_FILE, STATE_FILE, load_state
    from hbf_desktop.sync.protocol.keys import SigningPublicKey

    folder = Path(arguments.org)
    key_file = Path(arguments.key_file) if arguments.key_file else folder / RELEASE_KEY_FILE
    pinned = load_state(folder).release_signing_key if (folder / STATE_FILE).is_file() else None
    expected = SigningPublicKey.from_text(pinned).key_id if pinned else None
    return read_signing_key(key_file, _passphrase(arguments), expected)


def _verify_release(arguments: argparse.Namespace) -> int:
    from hbf_desktop.admin.release import verify_release

    key = _release_public_key(arguments)
    names = verify_release(Path(arguments.folder), key)
    print(f"Verified {len(names)} files against release key {key.key_id}: {', '.join(names)}.")
    return EXIT_OK


def _release_public_key(arguments: argparse.Namespace) -> SigningPublicKey:
    from hbf_desktop.config import Provisioning, load_provisioning, parse_provisioning
    from hbf_desktop.sync.protocol.errors import MalformedKeyError
    from hbf_desktop.sync.protocol.keys import SigningPublicKey

    if arguments.key:
        text = arguments.key
    else:
        provisioning: Provisioning | None
        if arguments.provisioning:
            provisioning = parse_provisioning(_read_input(arguments.provisioning))
        else:
            provisioning = load_provisioning(store_dir(arguments))
        if provisioning is None or provisioning.release_signing_key is None:
            raise UsageError("no release key pinned here: give --key KEY or --provisioning FILE")
        text = provisioning.release_signing_key
    try:
        return SigningPublicKey.from_text(text)
    except MalformedKeyError as error:
        raise UsageError(f"--key is not a release public key: {error}") from None


def _self_test(arguments: argparse.Namespace) -> int:
    from hbf_desktop.selftest import run_self_test

    return run_self_test(print)


def _apply_policy_options(arguments: argparse.Namespace) -> None:
    """--policy FILE replaces the stored policy, then each --set NAME=VALUE changes one setting; both are kept."""
    if not arguments.policy and not arguments.set:
        return
    from hbf_desktop.admin.organisation import set_policy
    from hbf_desktop.admin.state import load_state

    folder = Path(arguments.org)
    policy = dict(load_state(folder).policy)
    if arguments.policy:
        try:
            policy = json.loads(_read_input(arguments.policy).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise UsageError(f"{arguments.policy} is not a JSON object") from None
        if not isinstance(policy, dict):
            raise UsageError(f"{arguments.policy} is not a JSON object")
    for setting in arguments.set:
        name, equals, value = setting.partition("=")
        if not equals:
            raise UsageError(f"--set takes NAME=VALUE, not {setting!r}")
        try:
            policy[name.strip()] = json.loads(value)
        except ValueError:
            raise UsageError(f"--set {name}: {value!r} is not a number or null") from None
    set_policy(folder, policy)


def _read_input(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None


_ORG_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": _init,
    "add-supervisor": _add_supervisor,
    "remove-supervisor": _remove_supervisor,
    "sign-directory": _sign_directory,
    "publish": _publish,
    "provisioning": _provisioning,
    "release-key": _release_key,
    "sign-release": _sign_release,
    "release-update": _release_update,
}

HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "org": _org,
    "verify-release": _verify_release,
    "check-update": _check_update,
    "self-test": _self_test,
}
