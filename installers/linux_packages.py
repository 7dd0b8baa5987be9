"""Linux packages from the frozen one-folder build: a `.tar.gz` (unpack anywhere) and a `.deb` (desktop entry, icon).

The `.deb` puts the bundle in /opt/hbf-desktop with the organisation's provisioning file beside the executable (where
`config.bundled_provisioning_path()` looks), a /usr/bin/hbf-desktop link, the menu entry and the icon. Files are
owned by root (`dpkg-deb --root-owner-group`), so no build-machine user leaks into the package.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import tarfile
from pathlib import Path

NAME = "hbf-desktop"
INSTALL_PREFIX = Path("opt") / NAME
# What Qt's xcb and Wayland platform plugins load from the system (the bundle carries Qt itself).
DEPENDS = "libc6, libfontconfig1, libfreetype6, libglib2.0-0, libdbus-1-3, libegl1, libgl1, libxkbcommon0"
RECOMMENDS = (
    "libxcb-cursor0, libxkbcommon-x11-0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-render-util0, "
    "libxcb-image0, libxcb-randr0, libxcb-xinerama0, libwayland-client0, libwayland-cursor0, libwayland-egl1"
)


def debian_architecture() -> str:
    if shutil.which("dpkg"):
        answer = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True)
        return answer.stdout.strip()
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def make_tarball(bundle: Path, out: Path, version: str) -> Path:
    """`hbf-desktop-VERSION-linux-ARCH.tar.gz` holding the folder `hbf-desktop/`; owners reset to root."""
    target = out / f"{NAME}-{version}-linux-{platform.machine()}.tar.gz"

    def as_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=NAME, filter=as_root)
    return target


def make_deb(bundle: Path, resources: Path, out: Path, work: Path, metadata: dict[str, str]) -> Path:
    """Build the `.deb` with dpkg-deb; `metadata` has version, maintainer and description."""
    if shutil.which("dpkg-deb") is None:
        raise RuntimeError("dpkg-deb is needed to build the .deb (Debian/Ubuntu package dpkg)")
    architecture = debian_architecture()
    root = work / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(bundle, root / INSTALL_PREFIX, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    os.symlink(f"/{INSTALL_PREFIX}/{NAME}", root / "usr" / "bin" / NAME)
    _install(resources / f"{NAME}.desktop", root / "usr/share/applications" / f"{NAME}.desktop")
    _install(resources / f"{NAME}.svg", root / "usr/share/icons/hicolor/scalable/apps" / f"{NAME}.svg")
    control = root / "DEBIAN" / "control"
    control.parent.mkdir(mode=0o755)
    control.write_text(_control(metadata, architecture, _installed_kib(root)))
    for directory in [root, *[path for path in root.rglob("*") if path.is_dir() and not path.is_symlink()]]:
        directory.chmod(0o755)
    target = out / f"{NAME}_{metadata['version']}_{architecture}.deb"
    command = ["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(root), str(target)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(root)
    return target


def _install(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, destination)
    destination.chmod(0o644)


def _installed_kib(root: Path) -> int:
    return sum(path.lstat().st_size for path in root.rglob("*") if path.is_file()) // 1024 + 1


def _control(metadata: dict[str, str], architecture: str, installed_kib: int) -> str:
    description = metadata["description"].replace("\n", " ")
    return (
        f"Package: {NAME}\n"
        f"Version: {metadata['version']}\n"
        f"Architecture: {architecture}\n"
        f"Maintainer: {metadata['maintainer']}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {DEPENDS}\n"
        f"Recommends: {RECOMMENDS}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Description: {description}\n"
        " Encrypted, offline-first case management; the organisation's server and keys are built in.\n"
    )
