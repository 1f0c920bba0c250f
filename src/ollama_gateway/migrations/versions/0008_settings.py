"""Stored settings, upstream node fields and per-user Ollama hosts (placeholder).

Revision ID: 0008_settings
Revises: 0007_rollups
"""

from __future__ import annotations

revision = "0008_settings"
down_revision = "0007_rollups"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
