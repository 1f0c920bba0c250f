"""What the usage readouts answer: ``GET /api/usage`` and ``GET /api/admin/telemetry``."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import orjson
from pydantic import BaseModel, Field
from starlette.responses import JSONResponse

from ollama_gateway.ratelimit.schemas import LimitState

Bucket = Literal["hour", "day"]
TelemetryGroupBy = Literal["model", "user", "node", "route", "status"]
UsageGroupBy = Literal["model", "key"]


class LatencyStats(BaseModel):
    """Milliseconds; percentiles read from log-scale histograms (buckets 1.5x wide: about
    ±10 % for spread values, at worst the bucket's width)."""

    mean: float | None
    p50: float | None
    p95: float | None
    p99: float | None


class TtftStats(BaseModel):
    """Time to first token, milliseconds (streamed requests only)."""

    mean: float | None
    p50: float | None
    p95: float | None


class TelemetryStats(BaseModel):
    requests: int
    #: Requests by status class: ``{"2xx": n, "4xx": n, "5xx": n}`` (499, a client that hung
    #: up, is 4xx); classes without requests are left out.
    status: dict[str, int]
    errors: int = Field(description="requests answered 4xx or 5xx")
    error_rate: float
    prompt_tokens: int
    completion_tokens: int
    #: Completion tokens per second of generation (after the first token), streamed requests.
    tokens_per_second: float | None
    latency_ms: LatencyStats
    ttft_ms: TtftStats
    cache_hits: int
    cache_hit_rate: float


class TelemetryGroup(TelemetryStats):
    #: The model, user id, node name, route or status class (``"(other)"``: the groups past
    #: the 20 largest, ``"(none)"``: requests without one).
    group: str
    #: A readable name where one exists (the username of a user id).
    label: str | None = None


class TelemetryPoint(TelemetryStats):
    t: datetime = Field(description="start of the hour or day (UTC)")
    group: str | None = None


class UpstreamFigures(BaseModel):
    name: str
    healthy: bool | None
    in_flight: int
    max_in_flight: int
    version: str | None
    last_error: str | None


class SystemFigures(BaseModel):
    """Of the process that answered (each worker process has its own)."""

    uptime_seconds: float | None
    process_cpu_seconds: float
    #: CPU used by this process since it started, in % of one core (average).
    process_cpu_percent: float | None
    rss_bytes: int | None
    database_bytes: int | None
    usage_queue_depth: int
    usage_written: int
    usage_dropped: int
    usage_write_errors: int
    upstreams: list[UpstreamFigures]
    sampled_at: float = Field(description="Unix time of the reading")


class TelemetryPublic(BaseModel):
    start: datetime = Field(description="first hour or day included (UTC)")
    end: datetime = Field(description="end of the last hour or day included (exclusive)")
    bucket: Bucket
    group_by: TelemetryGroupBy | None
    totals: TelemetryStats
    groups: list[TelemetryGroup]
    series: list[TelemetryPoint]
    system: SystemFigures


class UsageFigures(BaseModel):
    requests: int
    errors: int
    prompt_tokens: int
    completion_tokens: int


class UsageGroup(UsageFigures):
    #: The model, or the key id (``"0"``: requests made without a key: web UI, JWT).
    group: str
    label: str | None = None


class UsagePoint(UsageFigures):
    t: datetime
    group: str | None = None


class UsagePublic(BaseModel):
    """The caller's own usage, never anyone else's."""

    user_id: int
    start: datetime
    end: datetime
    bucket: Bucket
    group_by: UsageGroupBy
    totals: UsageFigures
    groups: list[UsageGroup]
    #: Per hour or day, all groups together.
    by_time: list[UsagePoint]
    #: Per hour or day and group.
    series: list[UsagePoint]
    limits: LimitState


class PlainJSON(JSONResponse):
    """An answer built as plain data (dicts, lists, datetimes) and serialised by orjson: the
    readouts can hold a couple of thousand points, which pydantic models would take longer to
    build than the query to run.  The route's ``response_model`` documents the shape."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)
