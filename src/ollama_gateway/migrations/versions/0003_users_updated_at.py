"""Index users.updated_at: each server polls it for accounts changed elsewhere (``keys.sync``).

Revision ID: 0003_users_updated_at
Revises: 0002_gateway
"""

from __future__ import annotations

from alembic import op

revision = "0003_users_updated_at"
down_revision = "0002_gateway"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.create_index(batch.f("ix_users_updated_at"), ["updated_at"])


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_index(batch.f("ix_users_updated_at"))
