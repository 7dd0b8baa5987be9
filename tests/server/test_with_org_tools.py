"""The server with the organisation's own tools: a provisioning file and directories made by `hbf-desktop org`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from tests.server.harness import make_server

PASSPHRASE = "organisation passphrase for the server tests"


def _desktop(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`hbf-desktop ARGUMENTS` with the organisation folder and its passphrase file in `tmp_path`."""
    passphrase = tmp_path / "org-passphrase"
    passphrase.write_text(PASSPHRASE + "\n")
    environment = dict(
        os.environ,
        HBF_ORG_PASSPHRASE_FILE=str(passphrase),
        HBF_ORG_DIR=str(tmp_path / "org"),
        HBF_DATA_DIR=str(tmp_path / "laptop"),
    )
    return subprocess.run(
        [sys.executable, "-m", "hbf_desktop", *arguments],
        capture_output=True, text=True, env=environment, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip


def test_provisioned_by_org_tools_and_directories_published_by_them(tmp_path: Path) -> None:
    org_init = ["org", "init", "--id", "hbf", "--name", "Test organisation", "--server", "http://127.0.0.1:8443"]
    made = _desktop(tmp_path, *org_init, "--out", str(tmp_path / "org"))
    assert made.returncode == 0, made.stderr
    provisioning = tmp_path / "provisioning.json"
    assert _desktop(tmp_path, "org", "provisioning", "--out", str(provisioning)).returncode == 0
    server = make_server(tmp_path / "server", None, provisioning)
    server.start()
    try:
        first, second = tmp_path / "directory-1.json", tmp_path / "directory-2.json"
        for document in (first, second):
            assert _desktop(tmp_path, "org", "sign-directory", "--out", str(document)).returncode == 0
        assert _desktop(tmp_path, "org", "publish", "--server", server.base_url, str(second)).returncode == 0
        assert httpx.get(server.base_url + "/v1/directory").content == second.read_bytes()
        refused = _desktop(tmp_path, "org", "publish", "--server", server.base_url, str(first))
        assert refused.returncode == 1 and "directory-rollback" in refused.stderr
    finally:
        server.stop()
