"""The Linux build, made for real: PyInstaller freezes the app, build.py packages and signs it, and the packaged
binary (taken out of the .deb as dpkg would install it) passes --version and --self-test offscreen.

One build per test session (about 2-3 minutes on 2 cores); every test below inspects that one build.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hbf_desktop import __version__
from hbf_desktop.admin import organisation
from hbf_desktop.admin.errors import ReleaseVerificationError
from hbf_desktop.admin.release import verify_release
from hbf_desktop.admin.state import RELEASE_KEY_FILE
from hbf_desktop.config import parse_provisioning
from hbf_desktop.store.kdf import FLOOR_PARAMETERS
from hbf_desktop.sync.protocol import SigningPublicKey
from tests.admin.helpers import ORG_PASSPHRASE
from tests.installers.tools import INSTALLERS, import_installers_module, require_tool

pytestmark = [
    pytest.mark.timeout(1200),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux packages are built on Linux"),
]
SERVER = "https://sync.charity.example"


@dataclass(frozen=True)
class Build:
    out: Path
    work: Path
    provisioning: Path
    release_key: SigningPublicKey
    log: str


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    require_tool("dpkg-deb", "dpkg")
    base = tmp_path_factory.mktemp("build")
    folder = base / "org"
    organisation.create_organisation(folder, ("charity", "A Charity", SERVER), ORG_PASSPHRASE, FLOOR_PARAMETERS)
    organisation.set_policy(folder, {"auto_lock_minutes": 4})
    organisation.create_release_key(folder, ORG_PASSPHRASE, FLOOR_PARAMETERS)
    provisioning = base / "provisioning.json"
    provisioning.write_bytes(organisation.provisioning_file(folder))
    passphrase = base / "passphrase"
    passphrase.write_text(ORG_PASSPHRASE + "\n")
    out, work = base / "out", base / "work"
    command = [sys.executable, str(INSTALLERS / "build.py"), "--provisioning", str(provisioning), "--out", str(out),
               "--work", str(work), "--sign-key", str(folder / RELEASE_KEY_FILE),
               "--passphrase-file", str(passphrase)]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=1100)
    assert result.returncode == 0, result.stdout + result.stderr
    release = parse_provisioning(provisioning.read_bytes()).release_signing_key
    assert release is not None
    return Build(out, work, provisioning, SigningPublicKey.from_text(release), result.stdout)


def _deb(build: Build) -> Path:
    return build.out / f"hbf-desktop_{__version__}_{_architecture()}.deb"


def _tarball_name() -> str:
    return f"hbf-desktop-{__version__}-linux-{platform.machine()}.tar.gz"


def _architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()


def _run_frozen(executable: Path, *arguments: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", HBF_DATA_DIR=str(data_dir))
    environment.pop("PYTHONPATH", None)
    return subprocess.run([str(executable), *arguments], capture_output=True, text=True, env=environment, timeout=120)


def test_the_release_folder_holds_the_packages_and_verifies(build: Build) -> None:
    names = sorted(path.name for path in build.out.iterdir())
    assert names == sorted([_deb(build).name, _tarball_name(), "SHA256SUMS", "SHA256SUMS.sig"])
    assert len(verify_release(build.out, build.release_key)) == 2
    assert "ok   provisioning: built in for charity at https://sync.charity.example" in build.log


def test_the_installed_deb_starts_pointed_at_the_organisation(build: Build, tmp_path: Path) -> None:
    info = subprocess.run(["dpkg-deb", "--info", str(_deb(build))], capture_output=True, text=True, check=True).stdout
    assert "Package: hbf-desktop" in info and f"Version: {__version__}" in info
    contents = subprocess.run(["dpkg-deb", "--contents", str(_deb(build))], capture_output=True, text=True).stdout
    for path in ("./opt/hbf-desktop/hbf-desktop", "./opt/hbf-desktop/provisioning.json",
                 "./usr/share/applications/hbf-desktop.desktop",
                 "./usr/share/icons/hicolor/scalable/apps/hbf-desktop.svg",
                 "./usr/bin/hbf-desktop -> /opt/hbf-desktop/hbf-desktop"):  # fmt: skip
        assert path in contents
    assert "root/root" in contents and os.environ.get("USER", "nobody") + "/" not in contents.replace("root/", "")
    root = tmp_path / "installed"
    subprocess.run(["dpkg-deb", "-x", str(_deb(build)), str(root)], check=True)
    executable = root / "opt" / "hbf-desktop" / "hbf-desktop"
    version = _run_frozen(executable, "--version", data_dir=tmp_path / "data")
    assert version.returncode == 0 and version.stdout.strip() == f"hbf-desktop {__version__}"
    self_test = _run_frozen(executable, "--self-test", data_dir=tmp_path / "data")
    assert self_test.returncode == 0, self_test.stdout + self_test.stderr
    assert self_test.stdout.splitlines()[-1] == "self-test passed"
    assert "built in for charity at https://sync.charity.example" in self_test.stdout
    assert not (tmp_path / "data").exists()  # the self-test leaves nothing behind, not even a data folder
    baked = parse_provisioning((root / "opt/hbf-desktop/provisioning.json").read_bytes())
    assert baked.server_url == SERVER and baked.policy == {"auto_lock_minutes": 4}


def test_the_frozen_executable_derives_the_unlock_key_as_a_child(build: Build, tmp_path: Path) -> None:
    """The GUI's unlock runs Argon2id in a child; in a frozen build that child is the executable itself."""
    from hbf_desktop.store.kdf import FLOOR_PARAMETERS

    root = tmp_path / "installed"
    subprocess.run(["dpkg-deb", "-x", str(_deb(build)), str(root)], check=True)
    parameters = FLOOR_PARAMETERS
    request = {"memory_kib": parameters.memory_kib, "iterations": parameters.iterations,
               "lanes": parameters.lanes, "salt": "00" * 16, "passphrase": "a frozen passphrase here"}  # fmt: skip
    answer = subprocess.run([str(root / "opt/hbf-desktop/hbf-desktop"), "--kdf-child"],
                            input=json.dumps(request).encode(), capture_output=True, timeout=120)  # fmt: skip
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout == parameters.derive_here("a frozen passphrase here", bytes(16))


def test_the_tarball_holds_the_same_bundle(build: Build) -> None:
    with tarfile.open(build.out / _tarball_name()) as archive:
        members = {member.name: member for member in archive.getmembers()}
    executable = members["hbf-desktop/hbf-desktop"]
    assert executable.mode & 0o111 and executable.uid == 0
    assert "hbf-desktop/provisioning.json" in members


def test_qt_is_trimmed_to_what_the_app_uses(build: Build) -> None:
    qt = build.work / "dist" / "hbf-desktop" / "_internal" / "PySide6" / "Qt"
    platforms = sorted(path.name for path in (qt / "plugins" / "platforms").iterdir())
    assert platforms == ["libqminimal.so", "libqoffscreen.so", "libqwayland.so", "libqxcb.so"]
    plugin_dirs = {path.name for path in (qt / "plugins").iterdir()}
    assert not plugin_dirs & {"qmltooling", "sqldrivers", "designer", "printsupport", "tls", "networkinformation"}
    libraries = [path.name for path in (qt / "lib").iterdir()]
    assert not [name for name in libraries if "Qml" in name or "Quick" in name or "Network" in name]
    assert not (qt / "translations").exists()
    assert not (build.work / "dist" / "hbf-desktop" / "_internal" / "fastapi").exists()


def test_a_one_byte_change_to_a_package_is_refused(build: Build, tmp_path: Path) -> None:
    copy = tmp_path / "release"
    shutil.copytree(build.out, copy)
    deb = copy / _deb(build).name
    with open(deb, "r+b") as stream:
        stream.seek(deb.stat().st_size // 2)
        byte = stream.read(1)
        stream.seek(-1, os.SEEK_CUR)
        stream.write(bytes([byte[0] ^ 0x01]))
    with pytest.raises(ReleaseVerificationError, match="differs from the signed release"):
        verify_release(copy, build.release_key)


def test_the_frozen_app_opens_its_window_on_a_real_x_display(build: Build, tmp_path: Path) -> None:
    """Proves the trimmed Qt still has what a desktop needs (xcb platform, fonts, widgets) in the frozen build."""
    for tool in ("Xvfb", "xwininfo"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (Debian: xvfb, x11-utils); the offscreen self-test still ran")
    bundle = build.work / "dist" / "hbf-desktop"
    linked = subprocess.run(["ldd", str(bundle / "_internal/PySide6/Qt/plugins/platforms/libqxcb.so")],
                            capture_output=True, text=True).stdout  # fmt: skip
    if "not found" in linked:
        pytest.skip("the xcb libraries the .deb recommends are not installed here (e.g. libxcb-icccm4)")
    measure: Any = import_installers_module("measure_start")
    environment = dict(os.environ, HBF_DATA_DIR=str(tmp_path / "data"))
    [seconds] = measure.time_starts(bundle / "hbf-desktop", environment, 1)
    assert 0 < seconds < 60
