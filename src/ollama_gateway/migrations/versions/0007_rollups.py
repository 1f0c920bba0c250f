"""usage_rollups: usage pre-aggregated per hour and per day (``usage.rollups``), filled from the
records already written (``usage.rollup_sql.rebuild``); kept up to date by the usage writer.

Revision ID: 0007_rollups
Revises: 0006_admin
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007_rollups"
down_revision = "0006_admin"
branch_labels = None
depends_on = None

_BUCKETS = 36
_COUNTS = ("requests", "cache_hits", "prompt_tokens", "completion_tokens")
_SUMS = ("latency_ms_sum", "ttft_count", "ttft_ms_sum", "gen_tokens", "gen_ms")


def _measures() -> list[sa.Column]:  # type: ignore[type-arg]
    columns = [sa.Column(name, sa.BigInteger(), nullable=False) for name in _COUNTS]
    for name in _SUMS:
        kind: sa.types.TypeEngine[Any] = (
            sa.Float() if name.endswith("_sum") or name == "gen_ms" else sa.BigInteger()
        )
        columns.append(sa.Column(name, kind, nullable=False))
    for prefix in ("lat", "ttft"):
        columns += [
            sa.Column(f"{prefix}_{i:02d}", sa.Integer(), nullable=False) for i in range(_BUCKETS)
        ]
    return columns


def upgrade() -> None:
    op.create_table(
        "usage_rollups",
        sa.Column("grain", sa.SmallInteger(), nullable=False),
        sa.Column("bucket", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(200), nullable=False),
        sa.Column("node", sa.String(100), nullable=False),
        sa.Column("route", sa.String(64), nullable=False),
        sa.Column("status_class", sa.SmallInteger(), nullable=False),
        *_measures(),
        sa.PrimaryKeyConstraint(
            "grain",
            "bucket",
            "user_id",
            "key_id",
            "model",
            "node",
            "route",
            "status_class",
            name=op.f("pk_usage_rollups"),
        ),
    )
    op.create_index(
        "ix_usage_rollups_grain_user_id_bucket", "usage_rollups", ["grain", "user_id", "bucket"]
    )
    _backfill()


def _backfill() -> None:
    from sqlalchemy import text

    from ollama_gateway.usage.rollup_sql import full_grain_sql, projection_sql

    bind = op.get_bind()
    bind.execute(text(full_grain_sql(bind.dialect.name)))
    for statement in projection_sql():
        bind.execute(text(statement))


def downgrade() -> None:
    op.drop_table("usage_rollups")
