"""ORM model of the runtime settings: ``runtime_settings``, one row per overridden setting.

A row overrides the environment's value of the :class:`~ollama_gateway.core.config.Settings`
field of the same name; no row means the environment's value applies.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ollama_gateway.core.db import Base, UTCDateTime, utcnow


class RuntimeSetting(Base):
    __tablename__ = "runtime_settings"

    #: The ``Settings`` field name (``registration_open``, ``rate_limit_role_overrides``...).
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    #: The admin who wrote it (no foreign key: the value outlives its author).
    updated_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
