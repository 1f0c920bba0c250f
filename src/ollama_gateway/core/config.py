"""The one settings object, read from the environment and `.env`.

The names are flat (``DATABASE_URL``, ``SECRET_KEY``, ``RATE_LIMIT_PER_MINUTE``...) because outside
tools and the seed projects rely on them; fields are grouped by domain below instead of nested
sub-models.  Nothing else in the package reads ``os.environ``.

No secret has a usable default: ``SECRET_KEY`` left empty is generated once and kept in
``DATA_DIR/secret_key`` (see :func:`ensure_secret_key`), ``ADMIN_PASSWORD`` left empty is generated
at first start and printed once.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

logger = logging.getLogger(__name__)

RoleName = Literal["admin", "developer", "user", "read-only"]


class LimitSet(BaseModel):
    """Limits for one principal; ``None`` means unlimited."""

    requests_per_minute: int | None = None
    requests_per_hour: int | None = None
    requests_per_day: int | None = None
    tokens_per_day: int | None = None
    tokens_per_month: int | None = None
    concurrent_streams: int | None = None

    def merged(self, override: LimitSet | None) -> LimitSet:
        """Fields set in ``override`` win (an explicit 0 means "none allowed")."""
        if override is None:
            return self
        data = self.model_dump()
        data.update(override.model_dump(exclude_unset=True))
        return LimitSet(**data)


def _split_csv(value: Any) -> Any:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    # -- service -----------------------------------------------------------------------------
    environment: Literal["development", "production", "test"] = "production"
    data_dir: Path = Path("data")
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    log_file: Path | None = None
    log_json: bool = True
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # networks (CIDRs) of the reverse proxies in front of the gateway: only requests from them
    # have X-Forwarded-For / X-Forwarded-Proto / Forwarded read (client IP for throttling, the
    # audit and the logs; https for Secure cookies)
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_request_body_bytes: int = 32 * 1024 * 1024
    # the serving protocol's limits (core/server.py): bytes and fields of a request head (past
    # them: 431 and close), seconds to receive a whole head (then 408 and close) and seconds a
    # request body may receive nothing (then close; 0 turns a timeout off), and open
    # connections (past it: 503 and close; 0: half the descriptors left after a reserve)
    server_max_head_bytes: int = Field(default=64 * 1024, ge=1024)
    server_max_headers: int = Field(default=100, ge=8)
    server_head_timeout: float = Field(default=10.0, ge=0)
    server_body_idle_timeout: float = Field(default=30.0, ge=0)
    server_max_connections: int = Field(default=0, ge=0)
    metrics_token: str | None = None
    public_base_url: str | None = None

    # -- persistence -------------------------------------------------------------------------
    database_url: str = ""
    auto_migrate: bool = True
    database_pool_size: int = 10

    # -- accounts and security ---------------------------------------------------------------
    secret_key: str = ""
    access_token_expire_minutes: int = 30
    refresh_token_expire_days: int = 7
    admin_username: str = "admin"
    admin_email: str = "admin@localhost"
    admin_password: str | None = None
    password_min_length: int = 8
    password_require_uppercase: bool = True
    password_require_lowercase: bool = True
    password_require_digits: bool = True
    password_require_special: bool = True
    registration_open: bool = True
    default_role: RoleName = "user"
    api_key_cache_ttl_seconds: float = 300.0
    # how often the in-memory API-key "last used" times are written (one batched UPDATE)
    api_key_last_used_flush_seconds: float = 30.0
    # how often each server looks in the database for accounts changed elsewhere (the CLI,
    # another worker without Redis) and drops them from its cache; 0 turns the poll off
    principal_sync_seconds: float = Field(default=2.0, ge=0)
    cookie_secure: bool = False

    # -- gateway / upstreams -----------------------------------------------------------------
    ollama_api_base_url: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://localhost:11434"]
    )
    # total seconds a proxied generation/embedding request may take, start to last byte (then
    # 504, or an in-band error once a stream is under way; 0 turns it off).  Management calls
    # (pull, push, create, blob uploads) are exempt, a pull can take hours: the connect and idle
    # timeouts bound them
    request_timeout: float = 600.0
    upstream_connect_timeout: float = 5.0
    upstream_first_byte_timeout: float = 300.0
    upstream_idle_timeout: float = 120.0
    upstream_max_in_flight: int = Field(
        default_factory=lambda: max(4, int(os.environ.get("OLLAMA_NUM_PARALLEL", "4") or 4))
    )
    upstream_queue_timeout: float = 60.0
    upstream_health_interval: float = 15.0
    upstream_breaker_failures: int = 3
    upstream_breaker_cooldown: float = 30.0
    # PEM file of the CA certificate(s) that sign HTTPS upstreams' certificates (a private CA),
    # trusted instead of the system trust store; unset: the system trust store
    upstream_ca_bundle: Path | None = None
    # false: HTTPS upstreams' certificates are not verified at all (encrypted, not authenticated)
    upstream_tls_verify: bool = True
    # API keys of OpenAI-compatible nodes from OLLAMA_API_BASE_URL, by node name ("default" for
    # a single node, else "node-1", "node-2"...): JSON, e.g. {"node-2": "sk-..."}; sent to that
    # node only (stored nodes keep theirs sealed in the database)
    upstream_api_keys: dict[str, str] = Field(default_factory=dict, repr=False)
    # seconds between background reloads of the model catalog and stored nodes (other workers
    # see admin changes within this time; 0 turns it off)
    catalog_reload_interval: float = 30.0
    # serve the hot proxied routes through the gateway's pure-ASGI fast lane (same behaviour,
    # much less CPU per request than FastAPI's routing and dependency solving)
    gateway_fast_lane: bool = True

    # -- limits ------------------------------------------------------------------------------
    rate_limit_enabled: bool = True
    redis_url: str | None = None
    rate_limit_per_minute: int | None = 60
    rate_limit_per_hour: int | None = None
    rate_limit_per_day: int | None = None
    rate_limit_tokens_per_day: int | None = None
    rate_limit_tokens_per_month: int | None = None
    rate_limit_concurrent_streams: int | None = 8
    rate_limit_admin_unlimited: bool = True
    rate_limit_role_overrides: dict[str, LimitSet] = Field(default_factory=dict)
    rate_limit_auth_per_minute: int = 5
    # namespace of every Redis key the gateway writes (limits, cache)
    redis_key_prefix: str = "ogw"
    # socket timeout of the limiter's Redis calls; past it the limiter falls back to in-process
    rate_limit_redis_timeout: float = 2.0
    # how often the limiter retries Redis while it runs on the in-process fallback
    rate_limit_redis_retry_seconds: float = 2.0

    # -- response cache ----------------------------------------------------------------------
    cache_enabled: bool = True
    cache_ttl_seconds: int = 3600
    cache_max_entries: int = 1000
    cache_max_entry_bytes: int = 1024 * 1024
    # in-process cache only: total bytes of all entries (Redis is bounded by CACHE_MAX_ENTRIES)
    cache_max_total_bytes: int = 64 * 1024 * 1024
    # after a Redis error or timeout the cache is skipped for this long, then tried again
    cache_redis_retry_seconds: float = Field(default=10.0, gt=0)

    # -- usage metering ----------------------------------------------------------------------
    usage_queue_size: int = 10_000
    usage_batch_size: int = 500
    usage_flush_interval: float = 1.0
    # streams under way are journalled this often (a crash loses at most about this much of
    # their metering, plus USAGE_FLUSH_INTERVAL); 0 turns the journal off
    usage_journal_interval: float = Field(default=5.0, ge=0)
    log_content: bool = False
    # days usage records and audit events are kept (a background job deletes older rows)
    usage_retention_days: int = Field(default=90, ge=1)
    audit_retention_days: int = Field(default=365, ge=1)
    # seconds between runs of the retention job (deletes past the two limits above, in small
    # batches); 0 turns it off
    retention_interval_seconds: float = Field(default=3600.0, ge=0)
    # with content logging on: the most bytes of prompt text and of answer text kept per request
    log_content_max_bytes: int = Field(default=65_536, ge=0)

    # -- per-user Ollama hosts (GET|PATCH /api/admin/settings override these) ------------------
    # per-user Ollama hosts (PUT /api/auth/me/settings ollama_host): off unless enabled, and then
    # only addresses inside these networks (CIDRs); loopback, link-local (169.254.169.254) and
    # the gateway's own addresses are refused whatever the allowlist says
    user_hosts_enabled: bool = False
    user_hosts_allowlist: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # without REDIS_URL: how often each process polls the database for settings and upstream
    # changes made by another process (with Redis they arrive by pub/sub at once); 0: off
    runtime_sync_seconds: float = Field(default=1.0, ge=0)

    # -- chats -------------------------------------------------------------------------------
    # the model of a chat turn when neither the request, the chat nor the user's settings name one
    default_model: str = "llama3.2"
    # earlier messages of the branch sent upstream with a new one (after the system prompt)
    conversation_history_limit: int = Field(default=10, ge=0)
    # a chat without a title gets its first message cut on a word to this many characters
    auto_title_max_length: int = Field(default=50, ge=8)
    # a small model asked for a better title in the background after the first turn; unset: off
    chat_title_model: str | None = None
    # a streaming answer's partial text is written at most this often (survives kill -9)
    chat_checkpoint_seconds: float = Field(default=2.0, gt=0)
    max_message_length: int = Field(default=10_000, ge=1)
    max_title_length: int = Field(default=200, ge=1)
    max_images_per_message: int = Field(default=4, ge=0)
    # seconds running work (chat turns, open streams) gets to finish on SIGTERM before it is cut
    shutdown_timeout: float = Field(default=30.0, ge=0)

    @field_validator(
        "cors_origins",
        "ollama_api_base_url",
        "trusted_proxies",
        "user_hosts_allowlist",
        mode="before",
    )
    @classmethod
    def _csv(cls, value: Any) -> Any:
        return _split_csv(value)

    @field_validator("user_hosts_allowlist", "trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        return [str(ipaddress.ip_network(item, strict=False)) for item in value]

    @field_validator("upstream_ca_bundle", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("ollama_api_base_url")
    @classmethod
    def _strip_slash(cls, value: list[str]) -> list[str]:
        return [url.rstrip("/") for url in value]

    @model_validator(mode="after")
    def _derive(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite+aiosqlite:///{self.data_dir / 'gateway.db'}"
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def role_limits(self, role: str) -> LimitSet:
        """Default limits of a role: the global ``RATE_LIMIT_*`` values, then the role override."""
        if role == "admin" and self.rate_limit_admin_unlimited:
            base = LimitSet()
        else:
            base = LimitSet(
                requests_per_minute=self.rate_limit_per_minute,
                requests_per_hour=self.rate_limit_per_hour,
                requests_per_day=self.rate_limit_per_day,
                tokens_per_day=self.rate_limit_tokens_per_day,
                tokens_per_month=self.rate_limit_tokens_per_month,
                concurrent_streams=self.rate_limit_concurrent_streams,
            )
        return base.merged(self.rate_limit_role_overrides.get(role))


def ensure_secret_key(settings: Settings) -> Settings:
    """Fill in ``secret_key`` from ``DATA_DIR/secret_key``, generating it on first start."""
    if settings.secret_key:
        if len(settings.secret_key) < 32:
            raise ValueError("SECRET_KEY must be at least 32 characters")
        return settings
    path = settings.data_dir / "secret_key"
    if path.exists():
        key = path.read_text().strip()
    else:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key)
        logger.warning("SECRET_KEY not set: generated one and stored it in %s", path)
    settings.secret_key = key
    return settings


@lru_cache
def get_settings() -> Settings:
    return ensure_secret_key(Settings())
