"""The update repository on the real `hbf-server`: `org release-update` writes it, the server serves it read-only at
/v1/updates/, and `check-update` on a laptop takes a release only while every byte served is the signed one."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from hbf_desktop.server.settings import SettingsError, resolve_settings
from tests.admin.test_cli_org import _run
from tests.server.harness import RunningServer, server_command

DEB = "hbf-desktop_9.0.0_amd64.deb"


def _publish(tmp_path: Path, server_url: str, repository: Path) -> None:
    """What an administrator runs: an organisation, its release key, a signed release, then the update repository."""
    org = str(tmp_path / "org")
    _run(tmp_path, "org", "init", "--id", "hbf", "--name", "HBF", "--server", server_url, "--out", org)
    _run(tmp_path, "org", "release-key", "--org", org)
    (tmp_path / "data").mkdir()
    _run(tmp_path, "org", "provisioning", "--org", org, "--out", str(tmp_path / "data" / "provisioning.json"))
    release = tmp_path / "release"
    release.mkdir()
    (release / DEB).write_bytes(b"debian package " * 200)
    (release / "hbf-desktop-9.0.0-setup.exe").write_bytes(b"MZ windows installer")
    _run(tmp_path, "org", "sign-release", "--org", org, str(release))
    _run(tmp_path, "org", "release-update", "--org", org, "--repository", str(repository),
         "--release", str(release), "--version", "9.0.0")  # fmt: skip


@pytest.fixture
def served(tmp_path: Path, fresh_server: Callable[..., RunningServer]) -> tuple[RunningServer, Path]:
    repository = tmp_path / "repository"
    repository.mkdir()
    server = fresh_server({"HBF_SERVER_UPDATES_DIR": str(repository)})
    _publish(tmp_path, server.base_url, repository)
    return server, repository


def test_a_release_served_by_the_server_is_found_and_a_tampered_one_refused(
    tmp_path: Path, served: tuple[RunningServer, Path]
) -> None:
    _, repository = served
    (target,) = (repository / "targets").glob(f"*.{DEB}")
    signed = target.read_bytes()
    target.write_bytes(signed.replace(b"debian", b"DEBIAN", 1))  # same length, other bytes
    refused = _run(tmp_path, "check-update", check=False)
    assert refused.returncode == 1 and "No update was taken" in refused.stderr
    assert not list((tmp_path / "data" / "updates" / "downloads").glob(f"*{DEB}*"))
    target.write_bytes(signed)
    checked = _run(tmp_path, "check-update")
    assert "An update to HBF Desktop 9.0.0 is ready (verified)" in checked.stdout
    ready = next((tmp_path / "data" / "updates" / "downloads").glob(f"*{DEB}"))
    assert ready.read_bytes() == signed


def test_files_have_their_content_types_and_nothing_else_is_served(
    tmp_path: Path, served: tuple[RunningServer, Path]
) -> None:
    server, repository = served
    (target,) = (repository / "targets").glob(f"*.{DEB}")
    (repository / "metadata" / "escape.json").symlink_to(tmp_path / "data" / "provisioning.json")
    with httpx.Client(base_url=server.base_url) as http:
        root = http.get("/v1/updates/metadata/1.root.json")
        assert root.status_code == 200 and root.headers["content-type"] == "application/json"
        assert root.content == (repository / "metadata" / "1.root.json").read_bytes()
        assert root.headers["cache-control"] == "no-cache"
        package = http.get(f"/v1/updates/targets/{target.name}")
        assert package.headers["content-type"] == "application/octet-stream" and package.content == target.read_bytes()
        for path in (
            "/v1/updates/metadata/",  # no listing
            "/v1/updates/",
            "/v1/updates/metadata/escape.json",  # a symlink out of the folder
            "/v1/updates/metadata/..%2F..%2Fdata%2Fprovisioning.json",
            "/v1/updates/targets/%2E%2E",
            "/v1/updates/metadata/.hidden",
            "/v1/updates/other/1.root.json",
            "/v1/updates/metadata/9.root.json",
        ):
            answer = http.get(path)
            assert answer.status_code == 404, path
            assert answer.headers["content-type"] == "application/problem+json", path
            assert answer.json()["type"].endswith("/not-found"), path
        assert http.post("/v1/updates/metadata/1.root.json", content=b"{}").status_code == 405
    assert (repository / "metadata" / "1.root.json").exists()


def test_without_an_updates_folder_nothing_is_served(fresh_server: Callable[..., RunningServer]) -> None:
    server = fresh_server({"HBF_SERVER_UPDATES_DIR": ""})
    answer = httpx.get(server.base_url + "/v1/updates/metadata/1.root.json")
    assert answer.status_code == 404 and answer.headers["content-type"] == "application/problem+json"


def test_a_missing_updates_folder_is_refused_at_start(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(SettingsError, match="does not exist"):
        resolve_settings(str(tmp_path), None, {}, updates_dir=str(missing))
    assert resolve_settings(str(tmp_path), None, {}, updates_dir=str(tmp_path)).updates_dir == tmp_path.resolve()
    result = subprocess.run(
        [*server_command(), "serve", "--data-dir", str(tmp_path / "d"), "--updates-dir", str(missing)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1 and result.stderr.startswith("hbf-server: error: The updates folder")
    assert not (tmp_path / "d").exists()  # refused before anything was made
