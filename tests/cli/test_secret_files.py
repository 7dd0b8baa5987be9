"""A secret file is read with a bound (security review): a wrong path answers with one line, at once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.helpers import make_cli


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_or_huge_passphrase_file_is_refused_at_once(tmp_path: Path) -> None:
    cli = make_cli(tmp_path)
    huge = tmp_path / "huge.log"
    huge.write_bytes(b"a long passphrase of words " * 10_000)
    for path in ("/dev/zero", str(huge)):
        result = cli.run("stats", "--passphrase-file", path, check=False)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("hbf-desktop: error: ") and "larger than 64 KiB" in result.stderr
        assert result.stderr.count("\n") == 1
