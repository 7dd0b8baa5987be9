"""The frozen application's entry point: exactly what the `hbf-desktop` console script runs.

One exception: the GUI derives the unlock key in a child process (store/kdf_child.py), and in a frozen build that
child is this same executable started with `--kdf-child`. It is handled before the CLI (and Qt) is imported, so the
child stays small; it is not a user-facing option.
"""

import sys

if sys.argv[1:] == ["--kdf-child"]:
    from hbf_desktop.store.kdf_child import serve

    serve()
    sys.exit(0)

from hbf_desktop.cli import main  # noqa: E402 - after the child's early exit, on purpose

if __name__ == "__main__":
    sys.exit(main())
