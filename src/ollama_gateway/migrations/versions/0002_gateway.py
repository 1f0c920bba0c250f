"""Gateway: catalog_models, upstream_nodes, usage_records.

Revision ID: 0002_gateway
Revises: 0001_accounts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_gateway"
down_revision = "0001_accounts"
branch_labels = None
depends_on = None


def _ts(name: str, *, nullable: bool = True) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "catalog_models",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("allowed_roles", sa.JSON(), nullable=True),
        sa.Column("description", sa.String(1000), nullable=True),
        _ts("updated_at", nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_catalog_models")),
    )
    op.create_table(
        "upstream_nodes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("max_in_flight", sa.Integer(), nullable=True),
        _ts("created_at", nullable=False),
        _ts("updated_at", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_upstream_nodes")),
        sa.UniqueConstraint("name", name=op.f("uq_upstream_nodes_name")),
    )
    op.create_table(
        "usage_records",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        _ts("started_at", nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("key_id", sa.Integer(), nullable=True),
        sa.Column("model", sa.String(200), nullable=True),
        sa.Column("route", sa.String(64), nullable=False),
        sa.Column("upstream_id", sa.Integer(), nullable=True),
        sa.Column("upstream", sa.String(100), nullable=True),
        sa.Column("status", sa.SmallInteger(), nullable=False),
        sa.Column("latency_ms", sa.Float(), nullable=False),
        sa.Column("ttft_ms", sa.Float(), nullable=True),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False),
        sa.Column("completion_tokens", sa.Integer(), nullable=False),
        sa.Column("cache_hit", sa.Boolean(), nullable=False),
        sa.Column("error", sa.String(500), nullable=True),
        sa.Column("request_id", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_usage_records")),
    )
    with op.batch_alter_table("usage_records") as batch:
        batch.create_index(batch.f("ix_usage_records_started_at"), ["started_at"])
        batch.create_index(batch.f("ix_usage_records_key_id"), ["key_id"])
        batch.create_index("ix_usage_records_user_id_started_at", ["user_id", "started_at"])
        batch.create_index("ix_usage_records_model_started_at", ["model", "started_at"])


def downgrade() -> None:
    op.drop_table("usage_records")
    op.drop_table("upstream_nodes")
    op.drop_table("catalog_models")
