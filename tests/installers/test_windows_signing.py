"""Authenticode signing of an NSIS-built installer with osslsigncode and a throwaway self-signed certificate.

The real installer needs Windows to freeze the app; the signing step does not, so it is proven here on a tiny NSIS
installer made by the same makensis.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.installers.tools import import_installers_module, require_tool

_TINY_SCRIPT = """Unicode true
Name "HBF Desktop signing test"
OutFile "${OUTFILE}"
RequestExecutionLevel user
Section
SectionEnd
"""


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed code-signing certificate: (the .pfx, its certificate as PEM for verification)."""
    openssl = require_tool("openssl", "openssl")
    key, pem, pfx = tmp_path / "key.pem", tmp_path / "cert.pem", tmp_path / "cert.pfx"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", pem, "-days", "2",
         "-subj", "/CN=HBF Desktop test code signing", "-addext", "extendedKeyUsage=codeSigning",
         "-addext", "keyUsage=digitalSignature"],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [openssl, "pkcs12", "-export", "-out", pfx, "-inkey", key, "-in", pem, "-passout", "pass:throwaway"],
        check=True, capture_output=True,
    )  # fmt: skip
    return pfx, pem


def test_an_nsis_installer_is_signed_and_a_changed_byte_breaks_the_signature(
    tmp_path: Path, certificate: tuple[Path, Path]
) -> None:
    require_tool("makensis", "nsis")
    require_tool("osslsigncode", "osslsigncode")
    windows: Any = import_installers_module("windows_installer")
    script = tmp_path / "tiny.nsi"
    script.write_text(_TINY_SCRIPT)
    installer = windows.make_installer(tmp_path, tmp_path, "0.1.0", script)
    assert installer.read_bytes()[:2] == b"MZ"
    pfx, pem = certificate
    assert windows.verify_authenticode(installer, pem).returncode != 0  # unsigned: refused
    windows.sign_authenticode(installer, pfx, "throwaway", None)
    verified = windows.verify_authenticode(installer, pem)
    assert verified.returncode == 0 and "Signature verification: ok" in verified.stdout
    assert "CN=HBF Desktop test code signing" in verified.stdout
    data = bytearray(installer.read_bytes())
    data[len(data) // 3] ^= 0x01  # inside the signed image, before the signature
    installer.write_bytes(bytes(data))
    assert windows.verify_authenticode(installer, pem).returncode != 0


def test_a_wrong_certificate_password_fails_loudly(tmp_path: Path, certificate: tuple[Path, Path]) -> None:
    require_tool("makensis", "nsis")
    require_tool("osslsigncode", "osslsigncode")
    windows: Any = import_installers_module("windows_installer")
    script = tmp_path / "tiny.nsi"
    script.write_text(_TINY_SCRIPT)
    installer = windows.make_installer(tmp_path, tmp_path, "0.1.0", script)
    before = installer.read_bytes()
    with pytest.raises(subprocess.CalledProcessError):
        windows.sign_authenticode(installer, certificate[0], "not the password", None)
    assert installer.read_bytes() == before


def test_the_real_installer_script_compiles_and_signs(tmp_path: Path, certificate: tuple[Path, Path]) -> None:
    """installers/windows/hbf-desktop.nsi over a stand-in bundle: the script itself is checked, not only signing."""
    require_tool("makensis", "nsis")
    require_tool("osslsigncode", "osslsigncode")
    windows: Any = import_installers_module("windows_installer")
    bundle = tmp_path / "hbf-desktop"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "hbf-desktop.exe").write_bytes(b"MZ stand-in for the frozen app")
    (bundle / "provisioning.json").write_text("{}")
    out = tmp_path / "out"
    out.mkdir()
    installer = windows.make_installer(bundle, out, "0.1.0")
    assert installer.name == "hbf-desktop-0.1.0-setup.exe" and installer.read_bytes()[:2] == b"MZ"
    windows.sign_authenticode(installer, certificate[0], "throwaway", None)
    assert windows.verify_authenticode(installer, certificate[1]).returncode == 0
