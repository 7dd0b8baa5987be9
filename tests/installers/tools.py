"""System tools the installer tests need: skipped with the reason on a developer machine, required under CI=true
(dev.py installs them there before the suite runs)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLERS = ROOT / "installers"


def require_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is not None:
        return path
    reason = f"{name} is not installed (Debian package {package}); `python3 dev.py test` installs it under CI=true"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def import_installers_module(name: str) -> object:
    """The installers/ scripts are run as files, not installed; import one the way build.py does."""
    if str(INSTALLERS) not in sys.path:
        sys.path.insert(0, str(INSTALLERS))
    return __import__(name)
