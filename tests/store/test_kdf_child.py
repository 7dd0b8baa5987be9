"""Argon2id in a child process (the GUI's unlock): the same key, the memory not in this process, a safe fallback."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from hbf_desktop.store import kdf_child
from hbf_desktop.store.kdf import FLOOR_PARAMETERS, derivation_in_child_process

SALT = b"\x01" * 16
PASSPHRASE = "correct horse — ünïcode battery"


def _peak_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def test_the_child_derives_the_same_key() -> None:
    here = FLOOR_PARAMETERS.derive(PASSPHRASE, SALT)
    with derivation_in_child_process():
        assert FLOOR_PARAMETERS.derive(PASSPHRASE, SALT) == here
    assert FLOOR_PARAMETERS.derive(PASSPHRASE, b"\x02" * 16) != here


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="peak resident set is read from Linux /proc")
def test_argon2id_memory_stays_out_of_this_process() -> None:
    memory = FLOOR_PARAMETERS.memory_kib
    _reset_peak()
    before = _peak_kib()
    with derivation_in_child_process():
        FLOOR_PARAMETERS.derive(PASSPHRASE, SALT)
    in_child = _peak_kib() - before
    _reset_peak()
    before = _peak_kib()
    FLOOR_PARAMETERS.derive(PASSPHRASE, SALT)
    here = _peak_kib() - before
    assert here > memory // 2, "the control: deriving here does raise this process's peak"
    assert in_child < memory // 4


def test_the_passphrase_is_not_on_the_command_line() -> None:
    assert PASSPHRASE not in kdf_child._COMMAND and "{" not in kdf_child._COMMAND


def test_a_child_that_cannot_start_falls_back_to_deriving_here(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    expected = FLOOR_PARAMETERS.derive(PASSPHRASE, SALT)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    with caplog.at_level(logging.WARNING), derivation_in_child_process():
        assert FLOOR_PARAMETERS.derive(PASSPHRASE, SALT) == expected
    assert "child process failed" in caplog.text and PASSPHRASE not in caplog.text
