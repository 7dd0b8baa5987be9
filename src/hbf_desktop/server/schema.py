"""The server's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Only sealed bytes and the header's metadata are stored: who (device), where on its chain (sequence, hash), when,
how big, and for whom (recipient key ids). Times are Unix seconds in integers so both databases compare them the
same way. The migration in `migrations/versions` creates exactly these; `tests/server/test_storage.py` checks that.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# SQLite only auto-increments an INTEGER PRIMARY KEY (the rowid); PostgreSQL needs a 64-bit identity.
_CURSOR = BigInteger().with_variant(Integer(), "sqlite")

server_info = Table(
    "server_info",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

enrolment_codes = Table(
    "enrolment_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("user_name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("used_at", BigInteger),
    Column("device_id", String(64)),
)

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("user_name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("signing_key", String(64), nullable=False, unique=True),
    Column("label", String(200), nullable=False),
    Column("enrolled_at", BigInteger, nullable=False),
    Column("last_seen_at", BigInteger),
    Column("revoked_at", BigInteger),
    Column("revoke_reason", Text),
    Column("wipe_order", LargeBinary),
    Column("last_sequence", BigInteger, nullable=False),
    Column("last_batch_hash", String(64)),
    Column("acked_cursor", BigInteger, nullable=False),
)

recipient_keys = Table(
    "recipient_keys",
    metadata,
    Column("key_id", String(32), primary_key=True),
    Column("device_id", String(64), ForeignKey("devices.device_id"), nullable=False, index=True),
    Column("suite", Integer, nullable=False),
    Column("public_key", Text, nullable=False),
)

nonces = Table(
    "nonces",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("nonce", String(22), primary_key=True),
    Column("expires_at", BigInteger, nullable=False, index=True),
)

batches = Table(
    "batches",
    metadata,
    Column("cursor", _CURSOR, primary_key=True, autoincrement=True),
    Column("batch_id", String(36), nullable=False, unique=True),
    Column("device_id", String(64), ForeignKey("devices.device_id"), nullable=False),
    Column("sequence", BigInteger, nullable=False),
    Column("batch_hash", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("padded_size", BigInteger, nullable=False),
    Column("created_at", String(27), nullable=False),
    Column("directory_version", BigInteger, nullable=False),
    Column("received_at", BigInteger, nullable=False),
    Column("data", LargeBinary, nullable=False),
    UniqueConstraint("device_id", "sequence", name="uq_batches_device_sequence"),
)

batch_recipients = Table(
    "batch_recipients",
    metadata,
    Column("key_id", String(32), primary_key=True),
    Column("cursor", _CURSOR, ForeignKey("batches.cursor", ondelete="CASCADE"), primary_key=True),
    Index("ix_batch_recipients_cursor", "cursor"),
)

directory_versions = Table(
    "directory_versions",
    metadata,
    Column("version", BigInteger, primary_key=True, autoincrement=False),
    Column("document", LargeBinary, nullable=False),
    Column("received_at", BigInteger, nullable=False),
)

attachment_chunks = Table(
    "attachment_chunks",
    metadata,
    Column("attachment_id", String(36), primary_key=True),
    Column("chunk_index", Integer, primary_key=True, autoincrement=False),
    Column("device_id", String(64), ForeignKey("devices.device_id"), nullable=False),
    Column("batch_hash", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("received_at", BigInteger, nullable=False),
    Column("data", LargeBinary, nullable=False),
)

attachment_recipients = Table(
    "attachment_recipients",
    metadata,
    Column("attachment_id", String(36), primary_key=True),
    Column("key_id", String(32), primary_key=True),
)
