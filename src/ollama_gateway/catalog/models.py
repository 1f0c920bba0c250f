"""ORM models of the catalog: ``catalog_models`` (per-model access rules) and ``upstream_nodes``.

A model without a row is enabled for every role: rows are overrides written by the admin API.
Stored upstream nodes join the ones from ``OLLAMA_API_BASE_URL``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Integer, String, text, true
from sqlalchemy.orm import Mapped, mapped_column

from ollama_gateway.core.db import Base, UTCDateTime, utcnow


class CatalogModel(Base):
    __tablename__ = "catalog_models"

    #: Normalized model name (``llama3:latest``, lower case).
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    #: ``None``: every role; otherwise only these roles (admins always may).
    allowed_roles: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    description: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class UpstreamNode(Base):
    __tablename__ = "upstream_nodes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    url: Mapped[str] = mapped_column(String(500))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    #: ``None``: ``UPSTREAM_MAX_IN_FLIGHT``.
    max_in_flight: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: Higher first: a node gets requests only while every node of a higher priority that
    #: could serve them is full, down or without the model.
    priority: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    #: HTTPS: check the certificate (``false``: encrypted, not authenticated).
    tls_verify: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    #: HTTPS: PEM file (on the gateway's machine) of the CA that signs this node's certificate;
    #: ``None``: ``UPSTREAM_CA_BUNDLE`` or the system trust store.
    ca_bundle: Mapped[str | None] = mapped_column(String(500), nullable=True)
    #: The engine's protocol: ``ollama`` (issue 14 adds ``openai``).
    kind: Mapped[str] = mapped_column(String(20), default="ollama", server_default="ollama")
    #: A secret for engines that need one (issue 14), Fernet-encrypted with a key derived from
    #: ``SECRET_KEY``; never returned by the API.
    api_key_encrypted: Mapped[str | None] = mapped_column(String(1000), nullable=True)

    @property
    def has_api_key(self) -> bool:
        return self.api_key_encrypted is not None

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
