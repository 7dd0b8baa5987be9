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
        display = ":97"
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        try:
            time.sleep(1.0)
            environment.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
            figures = [_one_start(executable, environment, display) for _ in range(arguments.runs)]
        finally:
            xvfb.terminate()
            xvfb.wait()
    print("start to unlock window (s): " + ", ".join(f"{figure:.2f}" for figure in figures))
    print(f"first {figures[0]:.2f} s, median {statistics.median(figures):.2f} s")
    return 0


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
                sys.exit(f"the app exited ({app.returncode}): {app.stderr.read().decode() if app.stderr else ''}")
            time.sleep(0.02)
        sys.exit("no window within 60 s")
    finally:
        app.terminate()
        app.wait()


if __name__ == "__main__":
    sys.exit(main())
