"""Running the real `hbf-desktop` command in a subprocess, as a script or a person would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import PASSPHRASE


@dataclass
class Cli:
    data_dir: Path
    passphrase_file: Path
    temp_dir: Path

    def run(self, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        environment = dict(os.environ, TMPDIR=str(self.temp_dir), HBF_PASSPHRASE_FILE=str(self.passphrase_file))
        environment["HBF_DATA_DIR"] = str(self.data_dir)
        result = subprocess.run(
            [sys.executable, "-m", "hbf_desktop", *arguments],
            capture_output=True, text=True, env=environment, stdin=subprocess.DEVNULL, timeout=300,
        )  # fmt: skip
        if check and result.returncode != 0:
            raise AssertionError(f"{arguments} failed: {result.stderr}")
        return result


def make_cli(tmp_path: Path) -> Cli:
    secrets = tmp_path / "secrets"
    secrets.mkdir(parents=True)
    passphrase_file = secrets / "passphrase"
    passphrase_file.write_text(PASSPHRASE + "\n")
    temp_dir = tmp_path / "tmp"
    temp_dir.mkdir()
    return Cli(tmp_path / "data", passphrase_file, temp_dir)
