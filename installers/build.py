#!/usr/bin/env python3
"""Build HBF Desktop's installers for the platform this runs on, with the organisation's settings baked in.

    python installers/build.py --provisioning provisioning.json --out release/ \
        [--sign-key org/release-key.json --passphrase-file release-passphrase]

1. checks the provisioning file (the laptops' own parser);
2. compiles the shipped translations (.qm), freezes the app with PyInstaller (one folder, Qt trimmed:
   installers/hbf-desktop.spec) and puts the provisioning file beside the executable;
3. runs the frozen `--version` and `--self-test` (offscreen), so a broken bundle never becomes a package;
4. packages it: Linux `.tar.gz` and `.deb`; Windows an NSIS installer, Authenticode-signed when a certificate is
   given; macOS the `.app` (the `.dmg`, codesign and notarisation steps are installers/macos/build_dmg.sh);
5. with --sign-key, writes SHA256SUMS and SHA256SUMS.sig over everything in --out (hbf-desktop verify-release).

Run with any python3: when PyInstaller is not importable it sets up the project's .venv (dev.py) and re-runs itself
there. See installers/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NAME = "hbf-desktop"


def _ensure_build_environment(argv: list[str]) -> None:
    """Re-run inside the project's .venv (made by dev.py) if this interpreter lacks PyInstaller or the app."""
    try:
        import PyInstaller  # noqa: F401

        import hbf_desktop  # noqa: F401
    except ImportError:
        folder, suffix = ("Scripts", ".exe") if os.name == "nt" else ("bin", "")
        venv_python = ROOT / ".venv" / folder / f"python{suffix}"
        if Path(sys.executable).resolve() == venv_python.resolve():
            sys.exit("build.py: PyInstaller is missing from .venv; run `python3 dev.py setup`")
        subprocess.run([sys.executable, str(ROOT / "dev.py"), "setup"], check=True)
        completed = subprocess.run([str(venv_python), str(Path(__file__).resolve()), *argv])
        sys.exit(completed.returncode)


def _parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--provisioning", required=True, metavar="FILE", help="from `hbf-desktop org provisioning`")
    parser.add_argument("--out", required=True, metavar="DIR", help="where the artefacts go (emptied first)")
    parser.add_argument("--work", metavar="DIR", help="PyInstaller's work folder (default: a temporary one)")
    parser.add_argument("--sign-key", metavar="FILE", help="the release key file (`hbf-desktop org release-key`)")
    parser.add_argument("--passphrase-file", metavar="FILE", help="its passphrase (default: HBF_ORG_PASSPHRASE_FILE)")
    parser.add_argument("--authenticode-pfx", metavar="FILE", help="Windows: the code-signing certificate (.pfx)")
    parser.add_argument("--authenticode-password-file", metavar="FILE", help="Windows: the .pfx password")
    parser.add_argument("--timestamp-url", metavar="URL", help="Windows: an RFC 3161 time-stamping server")
    parser.add_argument("--skip-self-test", action="store_true", help="do not run the frozen app (cross builds)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    _ensure_build_environment(argv)
    arguments = _parse_arguments(argv)
    from hbf_desktop import __version__
    from hbf_desktop.config import PROVISIONING_FILE, ProvisioningError, parse_provisioning
    from hbf_desktop.domain.model import DomainError

    started = time.perf_counter()
    try:
        provisioning = parse_provisioning(Path(arguments.provisioning).read_bytes())
    except (OSError, ProvisioningError) as error:
        return _fail(f"the provisioning file cannot be used: {error}")
    if arguments.sign_key and not provisioning.release_signing_key:
        return _fail("the provisioning file pins no release key; run `org release-key`, then `org provisioning`")
    try:
        release_key = _read_release_key(arguments, provisioning.release_signing_key) if arguments.sign_key else None
    except DomainError as error:
        return _fail(str(error))
    out = Path(arguments.out).resolve()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="hbf-build-") as temporary:
        work = Path(arguments.work).resolve() if arguments.work else Path(temporary)
        bundle = _freeze(work)
        shutil.copyfile(arguments.provisioning, _executable_folder(bundle) / PROVISIONING_FILE)
        if not arguments.skip_self_test:
            _smoke_test(bundle, work, provisioning.organisation_id)
        artefacts = _package(bundle, out, work, __version__, provisioning.organisation_name, arguments)
    if release_key is not None:
        from hbf_desktop.admin.release import sign_release, verify_release

        sign_release(out, release_key)
        verify_release(out, release_key.public_key())
        artefacts += ["SHA256SUMS", "SHA256SUMS.sig"]
    elapsed = time.perf_counter() - started
    print(f"build.py: built {', '.join(artefacts)} in {out} ({elapsed:.0f} s)")
    return 0


def _read_release_key(arguments: argparse.Namespace, pinned: str | None):  # type: ignore[no-untyped-def]
    """The release key, checked against the one the provisioning file pins, before minutes of building."""
    from hbf_desktop.admin.signing_key_file import read_signing_key
    from hbf_desktop.cli_common import read_secret
    from hbf_desktop.sync.protocol.keys import SigningPublicKey

    passphrase = read_secret(arguments.passphrase_file, "HBF_ORG_PASSPHRASE_FILE", "Release key passphrase: ", False)
    expected = SigningPublicKey.from_text(pinned).key_id if pinned else None
    return read_signing_key(Path(arguments.sign_key), passphrase, expected)


def _freeze(work: Path) -> Path:
    """The one-folder bundle, `work/dist/hbf-desktop` (on macOS the .app's parent holds both)."""
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(work / "dist"), "--workpath", str(work / "pyinstaller"), str(HERE / "hbf-desktop.spec"),
    ]  # fmt: skip
    from hbf_desktop import __version__
    from hbf_desktop.ui.translations import compile_catalogues, shipped_languages

    catalogues = work / "translations"  # .qm files are build output: compiled here, frozen into the bundle
    compile_catalogues(shipped_languages(), catalogues)
    environment = dict(os.environ, HBF_VERSION=__version__, HBF_TRANSLATIONS=str(catalogues))
    subprocess.run(command, check=True, cwd=ROOT, env=environment)
    return work / "dist" / NAME


def _executable_folder(bundle: Path) -> Path:
    """Where `sys.executable` lives in the frozen app: beside it is where the provisioning file is looked for."""
    if sys.platform == "darwin":
        return bundle.parent / "HBF Desktop.app" / "Contents" / "MacOS"
    return bundle


def _smoke_test(bundle: Path, work: Path, organisation_id: str) -> None:
    executable = _executable_folder(bundle) / (NAME + (".exe" if os.name == "nt" else ""))
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", HBF_DATA_DIR=str(work / "smoke-data"))
    for check in (["--version"], ["--self-test"]):
        result = subprocess.run([str(executable), *check], capture_output=True, text=True, env=environment)
        print(result.stdout, end="")
        if result.returncode != 0:
            raise SystemExit(f"build.py: the frozen app failed {check[0]}:\n{result.stdout}{result.stderr}")
    if f"built in for {organisation_id} " not in result.stdout:
        raise SystemExit("build.py: the frozen app does not see the provisioning file baked in beside it")


def _package(
    bundle: Path, out: Path, work: Path, version: str, organisation: str, arguments: argparse.Namespace
) -> list[str]:
    if sys.platform.startswith("linux"):
        from linux_packages import make_deb, make_tarball

        metadata = {
            "version": version,
            "maintainer": f"{organisation} IT <it@{NAME}.invalid>",
            "description": f"HBF Desktop case management for {organisation}",
        }
        return [make_tarball(bundle, out, version).name, make_deb(bundle, ROOT / "resources", out, work, metadata).name]
    if sys.platform == "win32":
        from windows_installer import make_installer, sign_authenticode

        installer = make_installer(bundle, out, version)
        if arguments.authenticode_pfx:
            password = Path(arguments.authenticode_password_file).read_text().strip()
            sign_authenticode(installer, Path(arguments.authenticode_pfx), password, arguments.timestamp_url)
        return [installer.name]
    if sys.platform == "darwin":
        app = _executable_folder(bundle).parent.parent
        subprocess.run([str(HERE / "macos" / "build_dmg.sh"), str(app), str(out), version], check=True)
        return [f"{NAME}-{version}-macos.dmg"]
    raise SystemExit(f"build.py: no packaging for {sys.platform}")


def _fail(message: str) -> int:
    print(f"build.py: error: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
