"""ORM models of the chats domain: chats, their message tree, and image attachments.

* ``chats``: one conversation of one user.  ``current_leaf_id`` is the last message of the
  branch the user is on; ``running_id`` is the assistant message of the turn under way (set and
  cleared with conditional updates: the database, not a process, says a turn is running).
* ``chat_messages``: a tree through ``parent_id``.  Regenerating an answer or editing a question
  adds a sibling; old branches stay.  An assistant message carries its status (``complete``,
  ``streaming``, ``stopped``, ``error``, ``interrupted``) and its performance figures.
* ``chat_attachments``: image bytes, kept apart from the text so that lists stay light.

The full-text indexes are not ORM objects: the migration creates them per backend (SQLite FTS5
tables kept in step by triggers; PostgreSQL GIN indexes over ``to_tsvector``), both holding the
owner beside the words so that a search reads only the caller's hits, see ``chats.search``;
``SEARCH_OBJECTS`` names them for the schema comparison.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from ollama_gateway.core.db import Base, UTCDateTime, utcnow

#: Name prefixes of the full-text search objects the migration makes outside the ORM schema
#: (SQLite FTS5 tables with their shadow tables, PostgreSQL expression indexes).
SEARCH_OBJECTS = ("chat_messages_fts", "chats_fts", "ix_chat_messages_search", "ix_chats_search")


class Chat(Base):
    __tablename__ = "chats"
    __table_args__ = (
        Index("ix_chats_owner_order", "user_id", "archived", "pinned", "updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200), default="")
    model: Mapped[str | None] = mapped_column(String(200), nullable=True)
    system: Mapped[str | None] = mapped_column(Text, nullable=True)
    options: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The title was typed (or imported), not derived from the first message.
    titled: Mapped[bool] = mapped_column(Boolean, default=False)
    current_leaf_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    running_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChatMessage(Base):
    __tablename__ = "chat_messages"
    __table_args__ = (
        Index("ix_chat_messages_chat_id", "chat_id", "id"),
        Index("ix_chat_messages_parent_id", "parent_id"),
        Index("ix_chat_messages_status", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    #: The chat's owner, repeated so that the search indexes can be restricted to one user.
    user_id: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_messages.id", ondelete="CASCADE"), nullable=True
    )
    role: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text, default="")
    model: Mapped[str | None] = mapped_column(String(200), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="complete")
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    image_count: Mapped[int] = mapped_column(Integer, default=0)
    total_duration_ms: Mapped[float | None] = mapped_column(Float, nullable=True)
    prompt_tokens: Mapped[int | None] = mapped_column(Integer, nullable=True)
    completion_tokens: Mapped[int | None] = mapped_column(Integer, nullable=True)
    tokens_per_second: Mapped[float | None] = mapped_column(Float, nullable=True)
    ttft_ms: Mapped[float | None] = mapped_column(Float, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChatAttachment(Base):
    __tablename__ = "chat_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("chat_messages.id", ondelete="CASCADE"), index=True
    )
    media_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
