"""Chats: conversations, their message tree, image attachments, and full-text search.

SQLite: two FTS5 tables over the text and the owner (external content, kept in step by
triggers, so a message's text is stored once).  PostgreSQL: GIN indexes over
``to_tsvector('simple', ...)`` plus an owner lexeme, the same expressions ``chats.search``
queries.

Revision ID: 0005_chats
Revises: 0004_usage_admitted
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_chats"
down_revision = "0004_usage_admitted"
branch_labels = None
depends_on = None

_SQLITE_SEARCH = [
    "CREATE VIRTUAL TABLE chat_messages_fts USING fts5(content, user_id,"
    " content='chat_messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER chat_messages_fts_ai AFTER INSERT ON chat_messages BEGIN"
    " INSERT INTO chat_messages_fts(rowid, content, user_id)"
    " VALUES (new.id, new.content, new.user_id); END",
    "CREATE TRIGGER chat_messages_fts_ad AFTER DELETE ON chat_messages BEGIN"
    " INSERT INTO chat_messages_fts(chat_messages_fts, rowid, content, user_id)"
    " VALUES ('delete', old.id, old.content, old.user_id); END",
    "CREATE TRIGGER chat_messages_fts_au AFTER UPDATE OF content ON chat_messages BEGIN"
    " INSERT INTO chat_messages_fts(chat_messages_fts, rowid, content, user_id)"
    " VALUES ('delete', old.id, old.content, old.user_id);"
    " INSERT INTO chat_messages_fts(rowid, content, user_id)"
    " VALUES (new.id, new.content, new.user_id); END",
    "CREATE VIRTUAL TABLE chats_fts USING fts5(title, user_id, content='chats',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER chats_fts_ai AFTER INSERT ON chats BEGIN"
    " INSERT INTO chats_fts(rowid, title, user_id) VALUES (new.id, new.title, new.user_id); END",
    "CREATE TRIGGER chats_fts_ad AFTER DELETE ON chats BEGIN"
    " INSERT INTO chats_fts(chats_fts, rowid, title, user_id)"
    " VALUES ('delete', old.id, old.title, old.user_id); END",
    "CREATE TRIGGER chats_fts_au AFTER UPDATE OF title ON chats BEGIN"
    " INSERT INTO chats_fts(chats_fts, rowid, title, user_id)"
    " VALUES ('delete', old.id, old.title, old.user_id);"
    " INSERT INTO chats_fts(rowid, title, user_id) VALUES (new.id, new.title, new.user_id); END",
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS chats_fts_au",
    "DROP TRIGGER IF EXISTS chats_fts_ad",
    "DROP TRIGGER IF EXISTS chats_fts_ai",
    "DROP TABLE IF EXISTS chats_fts",
    "DROP TRIGGER IF EXISTS chat_messages_fts_au",
    "DROP TRIGGER IF EXISTS chat_messages_fts_ad",
    "DROP TRIGGER IF EXISTS chat_messages_fts_ai",
    "DROP TABLE IF EXISTS chat_messages_fts",
]
#: The owner is a lexeme of its own ('U' and the id: upper case, which to_tsvector never makes
#: of text), so one index scan intersects a user's rows with the words.
_POSTGRES_SEARCH = [
    "CREATE INDEX ix_chat_messages_search ON chat_messages USING gin"
    " ((to_tsvector('simple'::regconfig, left(content, 200000))"
    " || array_to_tsvector(ARRAY['U' || user_id::text])))",
    "CREATE INDEX ix_chats_search ON chats USING gin ((to_tsvector('simple'::regconfig, title)"
    " || array_to_tsvector(ARRAY['U' || user_id::text])))",
]


def _ts(name: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "chats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("model", sa.String(200), nullable=True),
        sa.Column("system", sa.Text(), nullable=True),
        sa.Column("options", sa.JSON(), nullable=True),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("titled", sa.Boolean(), nullable=False),
        sa.Column("current_leaf_id", sa.Integer(), nullable=True),
        sa.Column("running_id", sa.Integer(), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_chats_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chats")),
    )
    op.create_index(
        "ix_chats_owner_order", "chats", ["user_id", "archived", "pinned", "updated_at", "id"]
    )
    op.create_table(
        "chat_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("model", sa.String(200), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("image_count", sa.Integer(), nullable=False),
        sa.Column("total_duration_ms", sa.Float(), nullable=True),
        sa.Column("prompt_tokens", sa.Integer(), nullable=True),
        sa.Column("completion_tokens", sa.Integer(), nullable=True),
        sa.Column("tokens_per_second", sa.Float(), nullable=True),
        sa.Column("ttft_ms", sa.Float(), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.id"],
            name=op.f("fk_chat_messages_chat_id_chats"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["chat_messages.id"],
            name=op.f("fk_chat_messages_parent_id_chat_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_messages")),
    )
    op.create_index("ix_chat_messages_chat_id", "chat_messages", ["chat_id", "id"])
    op.create_index("ix_chat_messages_parent_id", "chat_messages", ["parent_id"])
    op.create_index("ix_chat_messages_status", "chat_messages", ["status"])
    op.create_table(
        "chat_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["chat_messages.id"],
            name=op.f("fk_chat_attachments_message_id_chat_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_attachments")),
    )
    op.create_index(op.f("ix_chat_attachments_message_id"), "chat_attachments", ["message_id"])
    dialect = op.get_bind().dialect.name
    for statement in _SQLITE_SEARCH if dialect == "sqlite" else _POSTGRES_SEARCH:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_DROP:
            op.execute(statement)
    op.drop_table("chat_attachments")
    op.drop_table("chat_messages")
    op.drop_table("chats")
