"""The supervisor views' tests reuse the sync tests' organisation on the real server (not rewritten here)."""

from __future__ import annotations

from tests.server.conftest import database, server  # noqa: F401 - the server engineer's fixtures, reused
from tests.sync.conftest import served_org  # noqa: F401 - the sync engineer's organisation, reused
