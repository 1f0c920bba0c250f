"""ORM models of the usage domain: ``usage_records``, one row per gateway request, and
``usage_contents``, the text of the requests logged while content logging is on.

Append-only and written only by the usage recorder's batch writer.  ``user_id`` and ``key_id``
carry no foreign key on purpose: a record outlives the user or key it names (totals and the
request log stay complete), and the batch writer can never fail on a row deleted meanwhile.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from ollama_gateway.core.db import Base, UTCDateTime


class UsageRecord(Base):
    __tablename__ = "usage_records"
    __table_args__ = (
        Index("ix_usage_records_user_id_started_at", "user_id", "started_at"),
        Index("ix_usage_records_model_started_at", "model", "started_at"),
        # the admin request log's filters, each with its keyset order (migration 0006)
        Index("ix_usage_records_key_id_started_at", "key_id", "started_at"),
        Index("ix_usage_records_route_started_at", "route", "started_at"),
        Index("ix_usage_records_status_started_at", "status", "started_at"),
        Index("ix_usage_records_upstream_started_at", "upstream", "started_at"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    key_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    model: Mapped[str | None] = mapped_column(String(200), nullable=True)
    route: Mapped[str] = mapped_column(String(64))
    upstream_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    upstream: Mapped[str | None] = mapped_column(String(100), nullable=True)
    status: Mapped[int] = mapped_column(SmallInteger)
    latency_ms: Mapped[float] = mapped_column(Float)
    ttft_ms: Mapped[float | None] = mapped_column(Float, nullable=True)
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cache_hit: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The request passed the rate limiter (and was counted by it): what ``ratelimit.seed``
    #: counts to restore the request windows after a restart.
    admitted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    error: Mapped[str | None] = mapped_column(String(500), nullable=True)
    request_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class UsageContent(Base):
    """Prompt and answer text of one request, stored only while content logging is on
    (``LOG_CONTENT``), cut to ``LOG_CONTENT_MAX_BYTES`` each.  A table of its own so that the
    request log's listing stays light; it goes with its record (retention)."""

    __tablename__ = "usage_contents"

    usage_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"),
        ForeignKey("usage_records.id", ondelete="CASCADE"),
        primary_key=True,
    )
    prompt: Mapped[str | None] = mapped_column(Text, nullable=True)
    response: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: Either text was cut to the cap.
    truncated: Mapped[bool] = mapped_column(Boolean, default=False)
