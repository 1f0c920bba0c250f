"""The request path's bucket builder: each principal's layout is worked out once and reused.

A layout is what ``buckets.scope_buckets`` and ``buckets.token_charges`` would compute for a
principal, minus the window index: the key stems, operations and limits.  Per request only the
window index (memoised in ``windows.span``) is appended, which keeps admission and settlement to
a few dictionary operations (measured: about half the cost of building buckets from scratch).

A layout is keyed by ``(user_id, key_id)`` and valid only while the principal carries the very
same ``LimitSet`` objects (an identity check): the principal cache builds new ones whenever a
user's or key's limits change, so a changed limit takes effect on the next request.

A layout also keeps the buckets and charge keys of the current windows (:class:`Windows`), valid
while ``now`` lies inside every one of those windows: within a minute, a non-streaming request
reuses the very same bucket list (buckets are never mutated) and only a stream slot's lease, whose
expiry depends on ``now``, is built per request (measured: admit plus settle from ~16 to ~6 µs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ollama_gateway.core.config import LimitSet
from ollama_gateway.core.principal import Principal
from ollama_gateway.ratelimit.buckets import _OPS, Bucket, Charge, Op, scopes
from ollama_gateway.ratelimit.windows import KINDS, TOKEN_KINDS, Kind, Unit, span


@dataclass(slots=True)
class _Slot:
    stem: str  # the key without the window index
    op: Op
    limit: int
    scope: str
    kind: Kind


@dataclass(slots=True)
class Windows:
    """The buckets and charge keys of one set of current windows, valid in ``[start, end)``."""

    start: float
    end: float
    #: The buckets of a non-streaming request (no leases), shared by every request.
    fixed: list[Bucket]
    #: A streaming request's buckets in order; ``None`` where a lease bucket goes.
    template: list[Bucket | None]
    #: ``(key, expires_at)`` of each token counter.
    charges: list[tuple[str, float]]


@dataclass(slots=True)
class Layout:
    user_limits: LimitSet
    key_limits: LimitSet | None
    slots: list[_Slot]
    charges: list[tuple[str, Kind]]
    windows: Windows | None = None
    #: The limiter's in-process counters of ``windows`` (``local.LocalWindow``), when in use.
    local: Any = None


class Layouts:
    def __init__(self, prefix: str, lease_seconds: float, max_entries: int = 50_000) -> None:
        self._prefix = prefix
        self._lease_seconds = lease_seconds
        self._max_entries = max_entries
        self._layouts: dict[tuple[int, int | None], Layout] = {}

    def admission(self, principal: Principal, *, streaming: bool, now: float) -> list[Bucket]:
        """The buckets of one request, as ``buckets.admission_buckets`` names them.

        The list of a non-streaming request is shared: callers must not change it.
        """
        return self.buckets(self.of(principal), streaming=streaming, now=now)

    def of(self, principal: Principal) -> Layout:
        """The principal's layout (for :meth:`buckets` and :meth:`keys`)."""
        return self._layout(principal)

    def buckets(self, layout: Layout, *, streaming: bool, now: float) -> list[Bucket]:
        """:meth:`admission` for a layout already looked up."""
        windows = layout.windows
        if windows is None or not windows.start <= now < windows.end:
            windows = layout.windows = self._windows(layout, now)
        if not streaming:
            return windows.fixed
        found: list[Bucket] = []
        slots = layout.slots
        for i, bucket in enumerate(windows.template):
            if bucket is not None:
                found.append(bucket)
                continue
            slot = slots[i]
            expires_at = now + self._lease_seconds
            found.append(Bucket(slot.stem, slot.op, slot.limit, expires_at, slot.scope, slot.kind))
        return found

    def charges(self, principal: Principal, *, tokens: int, now: float) -> list[Charge]:
        """The token counters to charge, as ``buckets.token_charges`` names them."""
        return [Charge(key, tokens, end) for key, end in self.token_keys(principal, now=now)]

    def token_keys(self, principal: Principal, *, now: float) -> list[tuple[str, float]]:
        """``(key, expires_at)`` of the token counters :meth:`charges` charges (shared list)."""
        return self.keys(self._layout(principal), now=now)

    def keys(self, layout: Layout, *, now: float) -> list[tuple[str, float]]:
        """:meth:`token_keys` for a layout already looked up."""
        windows = layout.windows
        if windows is None or not windows.start <= now < windows.end:
            windows = layout.windows = self._windows(layout, now)
        return windows.charges

    def _windows(self, layout: Layout, now: float) -> Windows:
        start, end = float("-inf"), float("inf")
        template: list[Bucket | None] = []
        for slot in layout.slots:
            if slot.op is Op.LEASE:
                template.append(None)
                continue
            window = span(slot.kind.window, now)  # type: ignore[arg-type]
            start, end = max(start, window.start), min(end, window.end)
            key = slot.stem + str(window.index)
            template.append(Bucket(key, slot.op, slot.limit, window.end, slot.scope, slot.kind))
        charges: list[tuple[str, float]] = []
        for stem, kind in layout.charges:
            window = span(kind.window, now)  # type: ignore[arg-type]
            start, end = max(start, window.start), min(end, window.end)
            charges.append((stem + str(window.index), window.end))
        fixed = [bucket for bucket in template if bucket is not None]
        return Windows(start, end, fixed, template, charges)

    def _layout(self, principal: Principal) -> Layout:
        ident = (principal.user_id, principal.key_id)
        layout = self._layouts.get(ident)
        if (
            layout is not None
            and layout.user_limits is principal.user_limits
            and layout.key_limits is principal.key_limits
        ):
            return layout
        if len(self._layouts) >= self._max_entries:
            self._layouts.clear()
        layout = self._layouts[ident] = self._build(principal)
        return layout

    def _build(self, principal: Principal) -> Layout:
        slots: list[_Slot] = []
        for scope in scopes(self._prefix, principal):
            for kind in KINDS:
                limit: int | None = getattr(scope.limits, kind.field)
                if limit is None:
                    continue
                stem = f"{scope.base}:{kind.short}" + ("" if kind.unit is Unit.STREAMS else ":")
                slots.append(_Slot(stem, _OPS[kind.unit], limit, scope.name, kind))
        charges = [
            (f"{scope.base}:{kind.short}:", kind)
            for scope in scopes(self._prefix, principal, every_key=True)
            for kind in TOKEN_KINDS
        ]
        return Layout(principal.user_limits, principal.key_limits, slots, charges)
