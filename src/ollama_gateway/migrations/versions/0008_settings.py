"""Stored run-time settings, upstream node fields and per-user Ollama hosts.

* ``runtime_settings``: one row per setting an admin overrode (``runtime``);
* ``upstream_nodes``: ``priority``, ``tls_verify``, ``ca_bundle``, ``kind`` (``ollama``; issue 14
  adds ``openai``) and ``api_key_encrypted`` (a secret for such engines, never returned);
* ``user_settings.ollama_host``: a user's own Ollama URL (seed 004).

Revision ID: 0008_settings
Revises: 0007_rollups
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_settings"
down_revision = "0007_rollups"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runtime_settings",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_runtime_settings")),
    )
    with op.batch_alter_table("upstream_nodes") as batch:
        batch.add_column(
            sa.Column("priority", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
        batch.add_column(
            sa.Column("tls_verify", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch.add_column(sa.Column("ca_bundle", sa.String(500), nullable=True))
        batch.add_column(sa.Column("kind", sa.String(20), nullable=False, server_default="ollama"))
        batch.add_column(sa.Column("api_key_encrypted", sa.String(1000), nullable=True))
    with op.batch_alter_table("user_settings") as batch:
        batch.add_column(sa.Column("ollama_host", sa.String(500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user_settings") as batch:
        batch.drop_column("ollama_host")
    with op.batch_alter_table("upstream_nodes") as batch:
        for column in ("api_key_encrypted", "kind", "ca_bundle", "tls_verify", "priority"):
            batch.drop_column(column)
    op.drop_table("runtime_settings")
