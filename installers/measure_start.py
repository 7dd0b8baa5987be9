#!/usr/bin/env python3
"""Cold start of the frozen app to its unlock window, measured from outside the process.

    python installers/measure_start.py BUNDLE_DIR [--runs 3]

Starts a private Xvfb display, makes a store with the frozen binary (so the window that opens is the unlock page),
then launches the app and polls the X server until a mapped top-level window titled "HBF Desktop" exists. The first
run is the coldest this machine allows without dropping the page cache; later runs show the warm figure. Needs
Xvfb and xwininfo (Debian: xvfb, x11-utils) and the xcb libraries the .deb recommends.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_TITLE = '"HBF Desktop"'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path, help="the one-folder bundle (e.g. /opt/hbf-desktop)")
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    executable = arguments.bundle / "hbf-desktop"
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        passphrase = folder / "passphrase"
        passphrase.write_text("measure start passphrase\n")
        environment = dict(os.environ, HBF_DATA_DIR=str(folder / "data"), HBF_PASSPHRASE_FILE=str(passphrase))
        subprocess.run([str(executable), "init"], env=environment, check=True, capture_output=True)
        figures = time_starts(executable, environment, arguments.runs)
    print("start to unlock window (s): " + ", ".join(f"{figure:.2f}" for figure in figures))
    print(f"first {figures[0]:.2f} s, median {statistics.median(figures):.2f} s")
    return 0


def time_starts(executable: Path, environment: dict[str, str], runs: int) -> list[float]:
    """Seconds from launch to the window, `runs` times, on a private Xvfb display (a free number Xvfb picks)."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,), stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write_end)
    try:
        with os.fdopen(read_end) as answer:
            display = ":" + answer.readline().strip()
        environment = dict(environment, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        return [_one_start(executable, environment, display) for _ in range(runs)]
    finally:
        xvfb.terminate()
        xvfb.wait()


def _one_start(executable: Path, environment: dict[str, str], display: str) -> float:
    started = time.perf_counter()
    app = subprocess.Popen([str(executable)], env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while time.perf_counter() - started < 60:
            tree = subprocess.run(
                ["xwininfo", "-display", display, "-root", "-tree"], capture_output=True, text=True
            ).stdout
            if _TITLE in tree:
                return time.perf_counter() - started
            if app.poll() is not None:
                error = app.stderr.read().decode() if app.stderr else ""
                raise RuntimeError(f"the app exited ({app.returncode}) before its window opened: {error}")
            time.sleep(0.02)
        raise RuntimeError("no window within 60 s")
    finally:
        app.terminate()
        app.wait()


if __name__ == "__main__":
    sys.exit(main())
