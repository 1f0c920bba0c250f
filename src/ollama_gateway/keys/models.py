"""ORM model of the keys domain: ``api_keys`` (stored as sha256 hash plus a display prefix)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ollama_gateway.core.db import Base, UTCDateTime, utcnow


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: ``None``: every model the owner may use.
    allowed_models: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    #: ``None``: the owner's permissions; otherwise a subset of ``KEY_SCOPES``.
    scopes: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    #: The key's own :class:`LimitSet` (only the fields set), applied on top of the user's.
    limits: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
