"""Shared fixtures: real SQLCipher stores in temporary directories.

Creating a store runs Argon2id (about 0.4 s at the floor parameters), so one template store is made per test session
and copied for each test; tests that are about unlocking still run the real KDF.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from hbf_desktop.store.kdf import FLOOR_PARAMETERS
from hbf_desktop.store.store import Store

# Real widgets with no screen, as `python3 dev.py test` runs them; a bare `pytest` on a desktop would otherwise open
# windows (or, with no display at all, abort in Qt before a single test ran).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "correct horse battery staple"


@dataclass(frozen=True)
class StoreTemplate:
    directory: Path
    data_key: bytes
    recovery_key: str


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> StoreTemplate:
    directory = tmp_path_factory.mktemp("template") / "data"
    store, recovery_key = Store.create(directory, PASSPHRASE, user="test.worker", kdf=FLOOR_PARAMETERS)
    data_key = store.raw_data_key
    store.close()
    return StoreTemplate(directory, data_key, recovery_key)


@pytest.fixture
def store_dir(store_template: StoreTemplate, tmp_path: Path) -> Path:
    """A fresh copy of the template store's data directory."""
    target = tmp_path / "data"
    shutil.copytree(store_template.directory, target)
    return target


@pytest.fixture
def store(store_template: StoreTemplate, store_dir: Path) -> Iterator[Store]:
    opened = Store.open_with_key(store_dir, bytearray(store_template.data_key))
    yield opened
    opened.close()
