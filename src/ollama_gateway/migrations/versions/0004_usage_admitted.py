"""usage_records.admitted: the request passed the rate limiter (``ratelimit.seed`` counts these
to restore the request windows after a restart).  Older rows are ``false``: their windows have
passed or are about to.

Revision ID: 0004_usage_admitted
Revises: 0003_users_updated_at
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_usage_admitted"
down_revision = "0003_users_updated_at"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("usage_records") as batch:
        batch.add_column(
            sa.Column("admitted", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("usage_records") as batch:
        batch.drop_column("admitted")
