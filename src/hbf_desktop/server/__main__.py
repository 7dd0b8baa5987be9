"""`hbf-server`: the central sync server. Until it lands (issue 4) it says so, plainly, and exits non-zero."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from hbf_desktop import __version__


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["--version"]:
        print(f"hbf-server {__version__}")
        return 0
    print(
        "hbf-server: the sync server is not built yet; it is planned (serve, init, enrol-code, devices, revoke, "
        "purge, stats). The desktop application works fully offline without it.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
