"""Where things live and what the organisation's policy says.

The data directory comes from, in order: `--data-dir`, the HBF_DATA_DIR environment variable, the per-user data
directory of the platform (platformdirs). Policy comes from `policy.json` in the data directory (written from the
organisation's provisioning file or signed directory), else the built-in defaults below.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, fields
from pathlib import Path

import platformdirs

APP_NAME = "HBF Desktop"
APP_AUTHOR = "HBF"
POLICY_FILE = "policy.json"


def default_data_dir() -> Path:
    override = os.environ.get("HBF_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR, roaming=False)


def resolve_data_dir(option: str | Path | None) -> Path:
    return Path(option).expanduser() if option else default_data_dir()


@dataclass(frozen=True)
class Policy:
    """The organisation's settings. Defaults are what a security reviewer would accept with no provisioning."""

    auto_lock_minutes: int = 5
    erase_after_failed_unlocks: int | None = None  # off by default: a tired caseworker must not lose a week's work
    clipboard_clear_seconds: int = 60
    retention_years: int = 6
    suppression_threshold: int = 10
    rounding_base: int = 5


def load_policy(data_dir: Path) -> Policy:
    """The policy in force; an unreadable policy file falls back to the defaults rather than locking people out."""
    try:
        content = json.loads((data_dir / POLICY_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return Policy()
    if not isinstance(content, dict):
        return Policy()
    known = {field.name for field in fields(Policy)}
    values = {key: value for key, value in content.items() if key in known}
    try:
        return Policy(**values)
    except TypeError:
        return Policy()
