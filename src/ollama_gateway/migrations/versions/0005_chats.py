"""Chats: conversations, their message tree and image attachments (placeholder).

Revision ID: 0005_chats
Revises: 0004_usage_admitted
"""

from __future__ import annotations

revision = "0005_chats"
down_revision = "0004_usage_admitted"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
