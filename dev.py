#!/usr/bin/env python3
"""The project's entry points for people: ``python3 dev.py app``, ``python3 dev.py test`` and, for translators,
``python3 dev.py translations``.

Both make (or refresh) a private virtual environment in ``.venv`` from ``pyproject.toml`` so a fresh machine needs only
Python 3.11+. The environment is rebuilt only when ``pyproject.toml`` changes, so repeated runs start at once.
Standard library only: this file runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".hbf-installed"


def _venv_bin(name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / folder / f"{name}{suffix}"


def _wanted_stamp() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> None:
    """Create .venv and install the project with its development extras, unless already current."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs on whatever python3 a machine has
        sys.exit("HBF Desktop needs Python 3.11 or newer; this is " + sys.version.split()[0])
    if STAMP.exists() and STAMP.read_text() == _wanted_stamp() and _venv_bin("python").exists():
        return
    if not _venv_bin("python").exists():
        print("Setting up a private Python environment in .venv (first run only) ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    python = str(_venv_bin("python"))
    pip_quiet = ["--quiet", "--disable-pip-version-check"]
    subprocess.run([python, "-m", "pip", "install", *pip_quiet, "--upgrade", "pip"], check=True)
    print("Installing HBF Desktop and its dependencies ...", flush=True)
    subprocess.run([python, "-m", "pip", "install", *pip_quiet, "--editable", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(_wanted_stamp())


def run_app(arguments: list[str]) -> int:
    return subprocess.call([str(_venv_bin("hbf-desktop")), *arguments])


def _postgres_answers() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        return False
    return True


def start_postgres_for_ci() -> None:
    """On CI the server tests must run on PostgreSQL too: start the machine's cluster if it is not running.

    Only when `CI` is set (a developer's PostgreSQL is theirs to run); the server tests fail on CI without it.
    """
    if not os.environ.get("CI") or _postgres_answers():
        return
    versions = sorted(Path("/etc/postgresql").glob("*/main"), key=lambda path: int(path.parent.name))
    if not versions:
        print("CI: PostgreSQL is not installed (/etc/postgresql is empty); the server tests will fail.", flush=True)
        return
    version = versions[-1].parent.name
    print(f"CI: starting PostgreSQL {version} ...", flush=True)
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False)
    for _ in range(60):
        if _postgres_answers():
            return
        time.sleep(0.5)
    print("CI: PostgreSQL did not start within 30 s; the server tests will fail.", flush=True)


# Tools the installer tests need (command -> Debian package). On a developer machine those tests skip without them.
SYSTEM_TOOLS = {"makensis": "nsis", "osslsigncode": "osslsigncode", "openssl": "openssl", "dpkg-deb": "dpkg"}


def ensure_system_tools() -> None:
    """Under CI, as root, install the missing installer-test tools with apt-get (CI must build and sign for real)."""
    import shutil

    if not os.environ.get("CI") or not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        return
    missing = sorted({package for tool, package in SYSTEM_TOOLS.items() if shutil.which(tool) is None})
    if not missing:
        return
    print("Installing system tools for the installer tests: " + " ".join(missing), flush=True)
    apt_environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=apt_environment)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=apt_environment)


def run_tests(arguments: list[str]) -> int:
    """Static checks first (fast, and a failure there is cheap to read), then the whole pytest suite."""
    ensure_system_tools()
    environment = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    checks = [
        [str(_venv_bin("ruff")), "check", "src", "tests", "benchmarks", "dev.py", "installers"],
        [str(_venv_bin("ruff")), "format", "--check", "src", "tests", "benchmarks", "dev.py"],
        [str(_venv_bin("mypy"))],
        [str(_venv_bin("lint-imports"))],
    ]
    for command in checks:
        print("$ " + " ".join(Path(command[0]).name if i == 0 else c for i, c in enumerate(command)))
        if subprocess.call(command, cwd=ROOT, env=environment) != 0:
            return 1
    start_postgres_for_ci()
    return subprocess.call([str(_venv_bin("python")), "-m", "pytest", *arguments], cwd=ROOT, env=environment)


def run_translations(arguments: list[str]) -> int:
    """Refresh resources/translations/*.ts from the code (pyside6-lupdate) and compile each language's .qm beside it
    (pyside6-lrelease); `--qm-only` skips the refresh, `--out DIR` puts the .qm files elsewhere."""
    environment = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    command = [str(_venv_bin("python")), "-m", "hbf_desktop.ui.translations", *arguments]
    return subprocess.call(command, cwd=ROOT, env=environment)


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"app", "test", "setup", "translations"}:
        print(__doc__)
        print(
            "usage: python3 dev.py app [hbf-desktop arguments] | test [pytest arguments] | setup"
            " | translations [--qm-only] [--out DIR]"
        )
        return 2
    ensure_environment()
    command, rest = sys.argv[1], sys.argv[2:]
    if command == "app":
        return run_app(rest)
    if command == "test":
        return run_tests(rest)
    if command == "translations":
        return run_translations(rest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
