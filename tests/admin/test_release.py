"""Release signing: SHA256SUMS and its detached signature, and every way a release folder can differ from it."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from hbf_desktop.admin.errors import ReleaseVerificationError
from hbf_desktop.admin.release import SIGNATURE_FILE, SUMS_FILE, sign_release, verify_release
from hbf_desktop.sync.protocol import SigningPrivateKey


@pytest.fixture
def release(tmp_path: Path) -> tuple[Path, SigningPrivateKey]:
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "hbf-desktop_0.1.0_amd64.deb").write_bytes(bytes(range(256)) * 40)
    (folder / "hbf-desktop-0.1.0-linux-x86_64.tar.gz").write_bytes(b"tarball" * 1000)
    key = SigningPrivateKey.generate()
    assert sign_release(folder, key) == ["hbf-desktop-0.1.0-linux-x86_64.tar.gz", "hbf-desktop_0.1.0_amd64.deb"]
    return folder, key


def test_a_signed_release_verifies_and_is_sha256sum_compatible(release: tuple[Path, SigningPrivateKey]) -> None:
    folder, key = release
    assert len(verify_release(folder, key.public_key())) == 2
    first_line = (folder / SUMS_FILE).read_text().splitlines()[0]
    expected = hashlib.sha256((folder / "hbf-desktop-0.1.0-linux-x86_64.tar.gz").read_bytes()).hexdigest()
    assert first_line == f"{expected}  hbf-desktop-0.1.0-linux-x86_64.tar.gz"
    if shutil.which("sha256sum"):
        subprocess.run(["sha256sum", "--check", "--quiet", SUMS_FILE], cwd=folder, check=True)


@pytest.mark.parametrize("position", [0, 5000, -1])
def test_any_one_byte_change_is_refused(release: tuple[Path, SigningPrivateKey], position: int) -> None:
    folder, key = release
    artefact = folder / "hbf-desktop_0.1.0_amd64.deb"
    data = bytearray(artefact.read_bytes())
    data[position] ^= 0x01
    artefact.write_bytes(bytes(data))
    with pytest.raises(ReleaseVerificationError, match="differs from the signed release"):
        verify_release(folder, key.public_key())


def test_a_changed_sums_file_or_signature_is_refused(release: tuple[Path, SigningPrivateKey]) -> None:
    folder, key = release
    sums = bytearray((folder / SUMS_FILE).read_bytes())
    original = bytes(sums)
    sums[3] = ord("0") if sums[3] != ord("0") else ord("1")
    (folder / SUMS_FILE).write_bytes(bytes(sums))
    with pytest.raises(ReleaseVerificationError, match="signature"):
        verify_release(folder, key.public_key())
    (folder / SUMS_FILE).write_bytes(original)
    signature = bytearray((folder / SIGNATURE_FILE).read_bytes())
    signature[10] ^= 0x80
    (folder / SIGNATURE_FILE).write_bytes(bytes(signature))
    with pytest.raises(ReleaseVerificationError, match="signature"):
        verify_release(folder, key.public_key())


def test_another_key_is_refused(release: tuple[Path, SigningPrivateKey]) -> None:
    folder, _ = release
    with pytest.raises(ReleaseVerificationError, match="not the release key"):
        verify_release(folder, SigningPrivateKey.generate().public_key())


def test_missing_extra_and_unsigned_folders_are_refused(release: tuple[Path, SigningPrivateKey]) -> None:
    folder, key = release
    (folder / "setup.exe").write_bytes(b"MZ not signed")
    with pytest.raises(ReleaseVerificationError, match="not signed for this release are present: setup.exe"):
        verify_release(folder, key.public_key())
    (folder / "setup.exe").unlink()
    (folder / "hbf-desktop_0.1.0_amd64.deb").unlink()
    with pytest.raises(ReleaseVerificationError, match="missing: hbf-desktop_0.1.0_amd64.deb"):
        verify_release(folder, key.public_key())
    (folder / SIGNATURE_FILE).unlink()
    with pytest.raises(ReleaseVerificationError, match="not a signed release"):
        verify_release(folder, key.public_key())
