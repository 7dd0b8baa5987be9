"""The org commands, verify-release and --self-test as a person or a script runs them: real subprocesses."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from hbf_desktop.config import parse_provisioning
from hbf_desktop.sync.protocol import SigningPublicKey, verify_directory
from tests.admin.helpers import ORG_PASSPHRASE, public_keys_file


def _run(tmp_path: Path, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    passphrase = tmp_path / "org-passphrase"
    passphrase.write_text(ORG_PASSPHRASE + "\n")
    environment = dict(os.environ, HBF_ORG_PASSPHRASE_FILE=str(passphrase), HBF_DATA_DIR=str(tmp_path / "data"))
    environment["TMPDIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "hbf_desktop", *arguments],
        capture_output=True, text=True, env=environment, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip
    if check and result.returncode != 0:
        raise AssertionError(f"{arguments} failed: {result.stderr}")
    return result


def test_org_commands_from_init_to_a_signed_release(tmp_path: Path) -> None:
    org = str(tmp_path / "org")
    init = _run(tmp_path, "org", "init", "--id", "hbf", "--name", "HBF", "--server", "https://s.example", "--out", org)
    root_key_id = init.stdout.split()[-1]
    keys = tmp_path / "amira.json"
    keys.write_bytes(public_keys_file("amira"))
    _run(tmp_path, "org", "add-supervisor", "--org", org, "--public-keys", str(keys))
    directory = tmp_path / "directory.json"
    signed = _run(
        tmp_path, "org", "sign-directory", "--org", org, "--out", str(directory), "--set", "retention_years=7"
    )
    assert "version 1 (1 supervisors)" in signed.stdout
    _run(tmp_path, "org", "release-key", "--org", org)
    provisioning_path = tmp_path / "provisioning.json"
    _run(tmp_path, "org", "provisioning", "--org", org, "--out", str(provisioning_path))
    provisioning = parse_provisioning(provisioning_path.read_bytes())
    assert provisioning.root_key_id == root_key_id and provisioning.policy == {"retention_years": 7}
    root = SigningPublicKey.from_text(provisioning.root_signing_key)
    assert verify_directory(directory.read_bytes(), root, held=None).supervisors[0].user == "amira"
    release = tmp_path / "release"
    release.mkdir()
    (release / "hbf-desktop.tar.gz").write_bytes(b"artefact bytes")
    _run(tmp_path, "org", "sign-release", "--org", org, str(release))
    verified = _run(tmp_path, "verify-release", str(release), "--provisioning", str(provisioning_path))
    assert "Verified 1 files" in verified.stdout
    (release / "hbf-desktop.tar.gz").write_bytes(b"artefact bytez")
    refused = _run(tmp_path, "verify-release", str(release), "--provisioning", str(provisioning_path), check=False)
    assert refused.returncode == 1
    assert (
        refused.stderr == "hbf-desktop: error: hbf-desktop.tar.gz differs from the signed release. Do not install it.\n"
    )


def test_wrong_passphrase_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    org = tmp_path / "org"
    _run(tmp_path, "org", "init", "--id", "hbf", "--name", "HBF", "--server", "https://s.example", "--out", str(org))
    state = (org / "organisation.json").read_bytes()
    wrong = tmp_path / "wrong"
    wrong.write_text("not the organisation passphrase\n")
    out = tmp_path / "d.json"
    result = _run(tmp_path, "org", "sign-directory", "--org", str(org), "--passphrase-file", str(wrong), "--out",
                  str(out), check=False)  # fmt: skip
    assert result.returncode == 1
    assert (
        result.stderr.startswith("hbf-desktop: error: That passphrase does not open") and result.stderr.count("\n") == 1
    )
    assert (org / "organisation.json").read_bytes() == state and not out.exists()
    assert json.loads(state)["directory_version"] == 0


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert _run(tmp_path, "org", "sign-directory", check=False).returncode == 2  # --out missing: argparse
    result = _run(tmp_path, "verify-release", str(tmp_path), check=False)
    assert result.returncode == 2 and "no release key pinned here" in result.stderr


def test_self_test_passes_and_leaves_nothing_behind(tmp_path: Path) -> None:
    result = _run(tmp_path, "--self-test")
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == ["ok   store", "ok   sealing", "ok   provisioning"]
    assert lines[-1] == "self-test passed"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["org-passphrase"]


def test_release_update_then_check_update_from_the_command_line(tmp_path: Path) -> None:
    """The commands an administrator and a laptop run, end to end over HTTP on 127.0.0.1: the repository folder is
    served as /v1/updates/ by a static file server, which is all the organisation's server has to do for updates."""
    www = tmp_path / "www"
    repository = www / "v1" / "updates"
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(www))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        org, server = str(tmp_path / "org"), f"http://127.0.0.1:{httpd.server_address[1]}"
        _run(tmp_path, "org", "init", "--id", "hbf", "--name", "HBF", "--server", server, "--out", org)
        _run(tmp_path, "org", "release-key", "--org", org)
        _run(tmp_path, "org", "provisioning", "--org", org, "--out", str(tmp_path / "provisioning.json"))
        (tmp_path / "data").mkdir()
        shutil.copyfile(tmp_path / "provisioning.json", tmp_path / "data" / "provisioning.json")
        release = tmp_path / "release"
        release.mkdir()
        (release / "hbf-desktop_9.0.0_amd64.deb").write_bytes(b"package")
        (release / "hbf-desktop-9.0.0-linux-x86_64.tar.gz").write_bytes(b"tarball")
        _run(tmp_path, "org", "sign-release", "--org", org, str(release))
        published = _run(tmp_path, "org", "release-update", "--org", org, "--repository", str(repository),
                         "--release", str(release), "--version", "9.0.0")  # fmt: skip
        assert "Signed update metadata version 1 (release 9.0.0)" in published.stdout
        checked = _run(tmp_path, "check-update")
        assert "An update to HBF Desktop 9.0.0 is ready (verified)" in checked.stdout
        assert checked.stdout.strip().endswith("Install it as your IT team has described.")
        (repository / "metadata" / "timestamp.json").write_text("{}")
        refused = _run(tmp_path, "check-update", check=False)
        assert refused.returncode == 1 and "was refused" in refused.stderr and "No update was taken" in refused.stderr
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_init_refuses_a_weak_passphrase_and_publish_reports_an_unreachable_server(tmp_path: Path) -> None:
    weak = tmp_path / "weak"
    weak.write_text("short\n")
    org = tmp_path / "org"
    result = _run(tmp_path, "org", "init", "--id", "hbf", "--name", "HBF", "--server", "https://s.example",
                  "--out", str(org), "--passphrase-file", str(weak), check=False)  # fmt: skip
    assert result.returncode == 1 and "at least 12 characters" in result.stderr and not org.exists()
    document = tmp_path / "directory.json"
    document.write_bytes(b"{}")
    published = _run(tmp_path, "org", "publish", "--server", "http://127.0.0.1:9", str(document), check=False)
    assert published.returncode == 1
    assert published.stderr.startswith("hbf-desktop: error: Could not reach http://127.0.0.1:9")
