"""`python -m hbf_desktop` and the `hbf-desktop` console script."""

from __future__ import annotations

import sys

from hbf_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
