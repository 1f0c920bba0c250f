"""Admin: request-log content, audit fields and the indexes behind the log filters (placeholder).

Revision ID: 0006_admin
Revises: 0005_chats
"""

from __future__ import annotations

revision = "0006_admin"
down_revision = "0005_chats"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
