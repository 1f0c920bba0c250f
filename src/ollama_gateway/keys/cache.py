"""The principal cache: ``sha256(api key) -> Principal`` and ``user id -> UserState``.

What makes authentication free of SQL on warm requests (the hot path of every gateway call):

* API keys: an entry lives ``api_key_cache_ttl_seconds`` and never past the key's own expiry
  (checked on every hit, so an expired key stops working at expiry even while cached).
* JWT/cookie sessions: :class:`UserState` (active, role, token version, limits, the session
  families revoked within an access token's lifetime) per user, same TTL, so a deactivated
  user's or a logged-out session's token fails on the next request and warm requests stay
  SQL-free.

Hashes that match no key are remembered for up to a minute, so a flood of made-up keys costs no
SQL either (a random secret cannot start matching a key later).

Invalidation is immediate and explicit: :meth:`PrincipalCache.invalidate_key` and
:meth:`PrincipalCache.invalidate_user` (which drops the user's state and every cached key of the
user). Services call them *after* committing. A generation counter guards the load-on-miss race:
an entry loaded before an invalidation is not stored after it.

Other processes are reached through an optional publisher (``keys.broadcast`` sets one when
``REDIS_URL`` is configured); remote messages are applied with ``publish=False``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ollama_gateway.core.config import LimitSet
from ollama_gateway.core.permissions import Role
from ollama_gateway.core.principal import Principal

#: ``(kind, id)`` with kind ``"key"``, ``"user"`` or ``"all"``.
Publisher = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class UserState:
    """What a JWT or cookie request needs to know about its user, without SQL."""

    user_id: int
    username: str
    role: Role
    is_active: bool
    token_version: int
    #: Effective limits: the role's defaults merged with the user's override.
    limits: LimitSet
    #: Session families (the access token's ``sid``) revoked recently enough that one of their
    #: access tokens could still be unexpired: logout, refresh-token reuse.
    revoked_sessions: frozenset[str] = frozenset()
    #: The user's own Ollama URL while personal hosts are allowed (``Principal.ollama_host``).
    ollama_host: str | None = None


@dataclass(frozen=True, slots=True)
class CachedKey:
    principal: Principal
    #: Wall-clock expiry of the key itself (epoch seconds), ``None`` for keys that never expire.
    key_expires_at: float | None
    cached_until: float

    @property
    def key_id(self) -> int:
        assert self.principal.key_id is not None
        return self.principal.key_id


class PrincipalCache:
    def __init__(
        self,
        *,
        ttl_seconds: float,
        max_entries: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl_seconds
        self.max_entries = max_entries
        self._clock = clock
        self._keys: dict[str, CachedKey] = {}
        self._hash_by_key_id: dict[int, str] = {}
        self._users: dict[int, tuple[UserState, float]] = {}
        #: Hashes that matched no key (a random secret cannot start matching one later).
        self._unknown: dict[str, float] = {}
        self.generation = 0
        self.publisher: Publisher | None = None

    # -- API keys --------------------------------------------------------------------------
    def get_key(self, key_hash: str) -> CachedKey | None:
        entry = self._keys.get(key_hash)
        if entry is None:
            return None
        if entry.cached_until <= self._clock():
            self._drop_key(key_hash)
            return None
        return entry

    def put_key(
        self,
        key_hash: str,
        principal: Principal,
        *,
        key_expires_at: float | None,
        generation: int,
    ) -> None:
        """Store unless an invalidation happened since ``generation`` was read."""
        if generation != self.generation or self.ttl <= 0 or principal.key_id is None:
            return
        if len(self._keys) >= self.max_entries:
            self._drop_key(next(iter(self._keys)))
        self._keys[key_hash] = CachedKey(principal, key_expires_at, self._clock() + self.ttl)
        self._hash_by_key_id[principal.key_id] = key_hash

    def _drop_key(self, key_hash: str) -> None:
        entry = self._keys.pop(key_hash, None)
        if entry is not None:
            self._hash_by_key_id.pop(entry.key_id, None)

    def is_unknown(self, key_hash: str) -> bool:
        until = self._unknown.get(key_hash)
        if until is None:
            return False
        if until <= self._clock():
            del self._unknown[key_hash]
            return False
        return True

    def put_unknown(self, key_hash: str, *, ttl_seconds: float = 60.0) -> None:
        """Remember a hash that matched no key, so floods of bogus keys cost no SQL."""
        if len(self._unknown) >= self.max_entries:
            self._unknown.pop(next(iter(self._unknown)))
        self._unknown[key_hash] = self._clock() + min(ttl_seconds, self.ttl)

    # -- users (JWT and cookie sessions) ---------------------------------------------------
    def get_user(self, user_id: int) -> UserState | None:
        item = self._users.get(user_id)
        if item is None:
            return None
        if item[1] <= self._clock():
            self._users.pop(user_id, None)
            return None
        return item[0]

    def put_user(self, state: UserState, *, generation: int) -> None:
        if generation != self.generation or self.ttl <= 0:
            return
        if len(self._users) >= self.max_entries:
            self._users.pop(next(iter(self._users)))
        self._users[state.user_id] = (state, self._clock() + self.ttl)

    # -- invalidation ----------------------------------------------------------------------
    def invalidate_key(self, key_id: int, *, publish: bool = True) -> None:
        """Forget one key (revoked, updated, deleted): its next request reloads it."""
        self.generation += 1
        key_hash = self._hash_by_key_id.pop(key_id, None)
        if key_hash is not None:
            self._keys.pop(key_hash, None)
        self._publish("key", key_id, publish)

    def invalidate_user(self, user_id: int, *, publish: bool = True) -> None:
        """Forget a user and all their keys (deactivation, role or limits change, deletion)."""
        self.generation += 1
        self._users.pop(user_id, None)
        for key_hash in [h for h, e in self._keys.items() if e.principal.user_id == user_id]:
            self._drop_key(key_hash)
        self._publish("user", user_id, publish)

    def clear(self, *, publish: bool = True) -> None:
        """Forget everything (e.g. after changing role-wide limits)."""
        self.generation += 1
        self._keys.clear()
        self._hash_by_key_id.clear()
        self._users.clear()
        self._unknown.clear()
        self._publish("all", 0, publish)

    def apply(self, kind: str, ident: int) -> None:
        """Apply an invalidation received from another process (not re-published)."""
        if kind == "key":
            self.invalidate_key(ident, publish=False)
        elif kind == "user":
            self.invalidate_user(ident, publish=False)
        elif kind == "all":
            self.clear(publish=False)

    def _publish(self, kind: str, ident: int, publish: bool) -> None:
        if publish and self.publisher is not None:
            self.publisher(kind, ident)

    def __len__(self) -> int:
        return len(self._keys) + len(self._users)
