"""The reports benchmark runs end to end at a tiny size (figures are printed, never asserted: STYLE.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hbf_desktop.reports.standard import REPORTS

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "reports.py"


def test_benchmark_prints_a_line_for_every_report() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--clients", "8", "--years", "2"],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    lines = result.stdout.splitlines()
    assert lines[0].startswith("built store:")
    for name in REPORTS:
        assert any(line.startswith(f"{name} (last period)") for line in lines), name
    assert lines[-1].startswith("slowest single report:")
