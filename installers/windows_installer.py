"""Windows: the NSIS installer and its Authenticode signature.

Signing uses `signtool` on Windows (the Windows SDK) and `osslsigncode` elsewhere (Linux CI, and the test here); both
take the same .pfx certificate and an RFC 3161 time-stamping server, so a signature outlives the certificate. A signed
file is verified straight after signing: a signing step that silently produced an unsigned installer would be worse
than one that fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAME = "hbf-desktop"


def make_installer(bundle: Path, out: Path, version: str, script: Path | None = None) -> Path:
    """Run makensis on the one-folder bundle; returns `hbf-desktop-VERSION-setup.exe` in `out`."""
    makensis = shutil.which("makensis")
    if makensis is None:
        raise RuntimeError("makensis is needed (NSIS 3: `choco install nsis` on Windows, `apt-get install nsis`)")
    target = out / f"{NAME}-{version}-setup.exe"
    defines = [f"-DVERSION={version}", f"-DSOURCE_DIR={bundle}", f"-DOUTFILE={target}"]
    script = script or HERE / "windows" / "hbf-desktop.nsi"
    subprocess.run([makensis, "-V2", *defines, str(script)], check=True)
    return target


def sign_authenticode(file: Path, pfx: Path, password: str, timestamp_url: str | None) -> None:
    """Sign `file` in place with the certificate in `pfx`, then check the signature is there and sound."""
    if os.name == "nt" and shutil.which("signtool"):
        command = ["signtool", "sign", "/fd", "SHA256", "/f", str(pfx), "/p", password]
        if timestamp_url:
            command += ["/tr", timestamp_url, "/td", "SHA256"]
        subprocess.run([*command, str(file)], check=True)
        subprocess.run(["signtool", "verify", "/pa", str(file)], check=True)
        return
    osslsigncode = shutil.which("osslsigncode")
    if osslsigncode is None:
        raise RuntimeError("osslsigncode is needed to sign on this system (`apt-get install osslsigncode`)")
    with tempfile.TemporaryDirectory() as temporary:
        password_file = Path(temporary) / "password"
        password_file.write_text(password)
        signed = Path(temporary) / file.name
        command = [osslsigncode, "sign", "-h", "sha256", "-pkcs12", str(pfx), "-readpass", str(password_file)]
        command += ["-n", "HBF Desktop"]
        if timestamp_url:
            command += ["-ts", timestamp_url]
        subprocess.run([*command, "-in", str(file), "-out", str(signed)], check=True, stdout=subprocess.DEVNULL)
        shutil.move(signed, file)


def verify_authenticode(file: Path, ca_file: Path) -> subprocess.CompletedProcess[str]:
    """`osslsigncode verify` against `ca_file` (the issuing CA, or a self-signed test certificate)."""
    return subprocess.run(
        ["osslsigncode", "verify", "-in", str(file), "-CAfile", str(ca_file)], capture_output=True, text=True
    )
