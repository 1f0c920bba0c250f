"""Admin: the indexes behind the request-log and audit filters, and ``usage_contents`` (the
prompt and answer text kept while content logging is on).

Every filter of ``GET /api/admin/logs`` (user, key, model, route, status, node) and of
``GET /api/admin/audit`` (kind, actor, target) has an index on ``(column, time)``, the
listing's keyset order, so a page is an index range scan at any depth.

Revision ID: 0006_admin
Revises: 0005_chats
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_admin"
down_revision = "0005_chats"
branch_labels = None
depends_on = None

_USAGE_INDEXES = ("key_id", "route", "status", "upstream")
_AUDIT_INDEXES = ("kind", "actor_user_id", "target")


def upgrade() -> None:
    with op.batch_alter_table("usage_records") as batch:
        for column in _USAGE_INDEXES:
            batch.create_index(f"ix_usage_records_{column}_started_at", [column, "started_at"])
    with op.batch_alter_table("audit_events") as batch:
        for column in _AUDIT_INDEXES:
            batch.create_index(f"ix_audit_events_{column}_at", [column, "at"])
    op.create_table(
        "usage_contents",
        sa.Column(
            "usage_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("prompt", sa.Text(), nullable=True),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("truncated", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["usage_id"],
            ["usage_records.id"],
            name=op.f("fk_usage_contents_usage_id_usage_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("usage_id", name=op.f("pk_usage_contents")),
    )


def downgrade() -> None:
    op.drop_table("usage_contents")
    with op.batch_alter_table("audit_events") as batch:
        for column in _AUDIT_INDEXES:
            batch.drop_index(f"ix_audit_events_{column}_at")
    with op.batch_alter_table("usage_records") as batch:
        for column in _USAGE_INDEXES:
            batch.drop_index(f"ix_usage_records_{column}_started_at")
