"""Where a store's files live inside its data directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StorePaths:
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "hbf-store.db"

    @property
    def key_file(self) -> Path:
        return self.data_dir / "hbf-store.key"

    @property
    def unlock_attempts(self) -> Path:
        return self.data_dir / "unlock-attempts.json"

    def sidecars(self) -> tuple[Path, ...]:
        """The WAL and shared-memory files SQLite keeps beside the database."""
        return (
            self.database.with_name(self.database.name + "-wal"),
            self.database.with_name(self.database.name + "-shm"),
        )

    def exists(self) -> bool:
        return self.database.exists() or self.key_file.exists()
