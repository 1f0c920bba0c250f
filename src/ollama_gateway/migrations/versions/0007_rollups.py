"""Usage rollups per hour for telemetry and usage charts (placeholder).

Revision ID: 0007_rollups
Revises: 0006_admin
"""

from __future__ import annotations

revision = "0007_rollups"
down_revision = "0006_admin"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
