"""The frozen application's entry point: exactly what the `hbf-desktop` console script runs."""

import sys

from hbf_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
