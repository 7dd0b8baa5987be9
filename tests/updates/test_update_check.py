"""The update check against a real TUF repository made by the org tooling, served over HTTP on 127.0.0.1.

The server side here is a static file server with the URL layout docs/installers.md gives (`/v1/updates/metadata/`,
`/v1/updates/targets/`), which is all the organisation's server has to do for updates.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hbf_desktop.admin.errors import OrganisationError
from hbf_desktop.admin.release import sign_release
from hbf_desktop.admin.update_repository import publish_release
from hbf_desktop.sync.protocol import SigningPrivateKey
from hbf_desktop.updates.client import UpdateCheckError, check_for_update

DEB = "hbf-desktop_{version}_amd64.deb"


class _Repository(http.server.SimpleHTTPRequestHandler):
    """Serves REPOSITORY/metadata and REPOSITORY/targets under /v1/updates/; `root` can be swapped mid-test."""

    root: Path

    def translate_path(self, path: str) -> str:
        for prefix, folder in (("/v1/updates/metadata/", "metadata"), ("/v1/updates/targets/", "targets")):
            if path.startswith(prefix) and "/" not in path[len(prefix) :]:
                return str(type(self).root / folder / path[len(prefix) :])
        return str(type(self).root / "nowhere")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    _Repository.root = tmp_path / "repository"
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Repository))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def key() -> SigningPrivateKey:
    return SigningPrivateKey.generate()


def _release(tmp_path: Path, key: SigningPrivateKey, version: str) -> tuple[Path, str]:
    folder = tmp_path / f"release-{version}"
    folder.mkdir(parents=True)
    (folder / DEB.format(version=version)).write_bytes(f"debian package {version}".encode() * 100)
    (folder / f"hbf-desktop-{version}-setup.exe").write_bytes(b"MZ windows installer")
    sign_release(folder, key)
    return folder, version


def _check(tmp_path: Path, server: str, key: SigningPrivateKey, current: str = "0.1.0"):  # type: ignore[no-untyped-def]
    return check_for_update(tmp_path / "laptop", server, key.public_key(), current, "linux")


def test_a_newer_signed_release_is_downloaded_verified_and_reported(
    tmp_path: Path, server: str, key: SigningPrivateKey
) -> None:
    publish_release(_Repository.root, key, _release(tmp_path, key, "0.2.0"))
    status = _check(tmp_path, server, key)
    assert status.latest_version == "0.2.0" and status.ready is not None
    assert status.ready.read_bytes() == (tmp_path / "release-0.2.0" / DEB.format(version="0.2.0")).read_bytes()
    assert "An update to HBF Desktop 0.2.0 is ready (verified)" in status.message
    assert not (status.ready.stat().st_mode & 0o111)  # downloaded as data, never made runnable
    same = _check(tmp_path, server, key, current="0.2.0")
    assert same.ready is None and same.message == "HBF Desktop 0.2.0 is up to date."


def test_tampered_metadata_is_refused(tmp_path: Path, server: str, key: SigningPrivateKey) -> None:
    publish_release(_Repository.root, key, _release(tmp_path, key, "0.2.0"))
    timestamp = _Repository.root / "metadata" / "timestamp.json"
    document = json.loads(timestamp.read_text())
    document["signed"]["expires"] = "2099-01-01T00:00:00Z"  # a server extending its own freeze
    timestamp.write_text(json.dumps(document))
    with pytest.raises(UpdateCheckError, match="not correctly signed"):
        _check(tmp_path, server, key)
    assert not list((tmp_path / "laptop" / "updates" / "downloads").iterdir())


def test_a_tampered_installer_is_refused(tmp_path: Path, server: str, key: SigningPrivateKey) -> None:
    publish_release(_Repository.root, key, _release(tmp_path, key, "0.2.0"))
    [stored] = (_Repository.root / "targets").glob(f"*.{DEB.format(version='0.2.0')}")
    data = bytearray(stored.read_bytes())
    data[7] ^= 0x01
    stored.write_bytes(bytes(data))
    with pytest.raises(UpdateCheckError, match="does not match its signed hash"):
        _check(tmp_path, server, key)
    assert not list((tmp_path / "laptop" / "updates" / "downloads").glob("*.deb"))


def test_expired_metadata_is_refused(tmp_path: Path, server: str, key: SigningPrivateKey) -> None:
    past = datetime.now(UTC) - timedelta(days=10)
    publish_release(_Repository.root, key, _release(tmp_path, key, "0.2.0"), expires_days=3, now=past)
    with pytest.raises(UpdateCheckError, match="expired"):
        _check(tmp_path, server, key)


def test_rolled_back_metadata_is_refused(tmp_path: Path, server: str, key: SigningPrivateKey) -> None:
    publish_release(_Repository.root, key, _release(tmp_path, key, "0.2.0"))
    old_state = tmp_path / "old-repository"
    shutil.copytree(_Repository.root, old_state)
    publish_release(_Repository.root, key, _release(tmp_path, key, "0.3.0"))
    assert _check(tmp_path, server, key).latest_version == "0.3.0"
    _Repository.root = old_state  # the server (or someone in the middle) offers the older, validly signed state
    with pytest.raises(UpdateCheckError, match="rollback"):
        _check(tmp_path, server, key)


def test_an_older_release_is_never_offered(tmp_path: Path, server: str, key: SigningPrivateKey) -> None:
    publish_release(_Repository.root, key, _release(tmp_path, key, "0.1.0"))
    status = _check(tmp_path, server, key, current="0.2.0")
    assert status.ready is None and status.latest_version == "0.1.0"


def test_a_repository_under_another_key_is_refused(tmp_path: Path, server: str, key: SigningPrivateKey) -> None:
    other = SigningPrivateKey.generate()
    publish_release(_Repository.root, other, _release(tmp_path, other, "0.2.0"))
    with pytest.raises(UpdateCheckError, match="not the organisation's release key"):
        _check(tmp_path, server, key)
    with pytest.raises(OrganisationError, match="does not hold"):
        publish_release(_Repository.root, key, None)


def test_refresh_renews_expiry_and_keeps_the_release(tmp_path: Path, server: str, key: SigningPrivateKey) -> None:
    publish_release(_Repository.root, key, _release(tmp_path, key, "0.2.0"), expires_days=1)
    assert publish_release(_Repository.root, key, None, expires_days=60) == 2
    timestamp = json.loads((_Repository.root / "metadata" / "timestamp.json").read_text())
    expires = datetime.fromisoformat(timestamp["signed"]["expires"].replace("Z", "+00:00"))
    assert expires > datetime.now(UTC) + timedelta(days=59)
    assert _check(tmp_path, server, key).latest_version == "0.2.0"


def test_an_unsigned_release_folder_is_not_published(tmp_path: Path, key: SigningPrivateKey) -> None:
    folder, version = _release(tmp_path, key, "0.2.0")
    (folder / "extra.exe").write_bytes(b"MZ slipped in")
    with pytest.raises(Exception, match="not signed for this release"):
        publish_release(tmp_path / "repository", key, (folder, version))


def test_an_unreachable_server_is_a_clear_error(tmp_path: Path, key: SigningPrivateKey) -> None:
    with pytest.raises(UpdateCheckError, match="could not be downloaded"):
        check_for_update(tmp_path / "laptop", "http://127.0.0.1:9", key.public_key(), "0.1.0", "linux")


def test_a_laptop_provisioned_again_with_a_new_release_key_starts_afresh(
    tmp_path: Path, server: str, key: SigningPrivateKey
) -> None:
    publish_release(_Repository.root, key, _release(tmp_path, key, "0.2.0"))
    assert _check(tmp_path, server, key).latest_version == "0.2.0"
    new_key = SigningPrivateKey.generate()
    _Repository.root = tmp_path / "new-repository"
    publish_release(_Repository.root, new_key, _release(tmp_path / "new", new_key, "0.3.0"))
    with pytest.raises(UpdateCheckError, match="not correctly signed by the organisation's release key"):
        _check(tmp_path, server, key)  # the old pin never accepts the new repository
    assert _check(tmp_path, server, new_key).latest_version == "0.3.0"
