"""The first schema: devices and their keys, enrolment codes, nonces, batches, directory versions, attachments.

Revision ID: 0001
Revises: none
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_CURSOR = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "server_info",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "enrolment_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", sa.BigInteger, nullable=False),
        sa.Column("expires_at", sa.BigInteger, nullable=False),
        sa.Column("used_at", sa.BigInteger),
        sa.Column("device_id", sa.String(64)),
    )
    _devices()
    _batches()
    op.create_table(
        "directory_versions",
        sa.Column("version", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("document", sa.LargeBinary, nullable=False),
        sa.Column("received_at", sa.BigInteger, nullable=False),
    )
    _attachments()


def _devices() -> None:
    op.create_table(
        "devices",
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("signing_key", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("enrolled_at", sa.BigInteger, nullable=False),
        sa.Column("last_seen_at", sa.BigInteger),
        sa.Column("revoked_at", sa.BigInteger),
        sa.Column("revoke_reason", sa.Text),
        sa.Column("wipe_order", sa.LargeBinary),
        sa.Column("last_sequence", sa.BigInteger, nullable=False),
        sa.Column("last_batch_hash", sa.String(64)),
        sa.Column("acked_cursor", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "recipient_keys",
        sa.Column("key_id", sa.String(32), primary_key=True),
        sa.Column("device_id", sa.String(64), sa.ForeignKey("devices.device_id"), nullable=False),
        sa.Column("suite", sa.Integer, nullable=False),
        sa.Column("public_key", sa.Text, nullable=False),
    )
    op.create_index("ix_recipient_keys_device_id", "recipient_keys", ["device_id"])
    op.create_table(
        "nonces",
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("nonce", sa.String(22), primary_key=True),
        sa.Column("expires_at", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_nonces_expires_at", "nonces", ["expires_at"])


def _batches() -> None:
    op.create_table(
        "batches",
        sa.Column("cursor", _CURSOR, primary_key=True, autoincrement=True),
        sa.Column("batch_id", sa.String(36), nullable=False, unique=True),
        sa.Column("device_id", sa.String(64), sa.ForeignKey("devices.device_id"), nullable=False),
        sa.Column("sequence", sa.BigInteger, nullable=False),
        sa.Column("batch_hash", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("padded_size", sa.BigInteger, nullable=False),
        sa.Column("created_at", sa.String(27), nullable=False),
        sa.Column("directory_version", sa.BigInteger, nullable=False),
        sa.Column("received_at", sa.BigInteger, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.UniqueConstraint("device_id", "sequence", name="uq_batches_device_sequence"),
    )
    op.create_table(
        "batch_recipients",
        sa.Column("key_id", sa.String(32), primary_key=True),
        sa.Column("cursor", _CURSOR, sa.ForeignKey("batches.cursor", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_batch_recipients_cursor", "batch_recipients", ["cursor"])


def _attachments() -> None:
    op.create_table(
        "attachment_chunks",
        sa.Column("attachment_id", sa.String(36), primary_key=True),
        sa.Column("chunk_index", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("device_id", sa.String(64), sa.ForeignKey("devices.device_id"), nullable=False),
        sa.Column("batch_hash", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("received_at", sa.BigInteger, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "attachment_recipients",
        sa.Column("attachment_id", sa.String(36), primary_key=True),
        sa.Column("key_id", sa.String(32), primary_key=True),
    )


def downgrade() -> None:
    for table in ("attachment_recipients", "attachment_chunks", "directory_versions", "batch_recipients"):
        op.drop_table(table)
    for table in ("batches", "nonces", "recipient_keys", "devices", "enrolment_codes", "server_info"):
        op.drop_table(table)
