"""`hbf-server` exists as a command and says plainly that the server is not built yet."""

from __future__ import annotations

import subprocess
import sys


def test_hbf_server_says_it_is_not_built_yet() -> None:
    result = subprocess.run([sys.executable, "-m", "hbf_desktop.server"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "not built yet" in result.stderr
    assert "Traceback" not in result.stderr
