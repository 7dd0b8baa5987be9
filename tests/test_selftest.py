"""The self-test's runner: one line per check, stop at the first failure with a non-zero exit."""

from __future__ import annotations

from pathlib import Path

import pytest

from hbf_desktop import selftest


def test_a_failing_check_is_named_and_exits_non_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []

    def broken(folder: Path) -> str:
        seen.append(folder)
        raise RuntimeError("SQLCipher missing")

    checks = [selftest._CHECKS[1], ("store", broken), selftest._CHECKS[2]]
    monkeypatch.setattr(selftest, "_CHECKS", checks)
    lines: list[str] = []
    assert selftest.run_self_test(lines.append) == 1
    assert lines[0].startswith("ok   sealing")
    assert lines[1:] == ["FAIL store: RuntimeError: SQLCipher missing"]
    assert not seen[0].exists()  # the temporary folder is removed on failure too


def test_every_check_passes_here() -> None:
    lines: list[str] = []
    assert selftest.run_self_test(lines.append) == 0
    assert len(lines) == len(selftest._CHECKS) + 1 and all(line.startswith("ok") for line in lines[:-1])
