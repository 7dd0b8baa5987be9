"""A bundle file is measured before it is read (security review): a huge file on a USB stick is refused at once
instead of being read whole into memory first."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from hbf_desktop.sync.bundle import MAX_BUNDLE_BYTES, BundleError, import_bundle
from tests.sync.org import Organisation


def test_a_bundle_larger_than_the_bound_is_refused_without_reading_it(org: Organisation, tmp_path: Path) -> None:
    huge = tmp_path / "huge.bundle"
    with huge.open("wb") as stream:  # sparse: no disk used, but reading it would take 1 GiB of memory
        stream.truncate(MAX_BUNDLE_BYTES + 1)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(BundleError, match="too large to be a bundle"):
        import_bundle(org.stores["sam"], huge)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 100 * 1024, f"the file was read: peak memory grew by {grown_kib} KiB"
