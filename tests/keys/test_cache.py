"""Unit tests of the principal cache: TTL, invalidation by key and by user, the load race."""

from __future__ import annotations

from ollama_gateway.core.config import LimitSet
from ollama_gateway.core.permissions import Role, permissions_for
from ollama_gateway.core.principal import AuthMethod, Principal
from ollama_gateway.keys.cache import PrincipalCache, UserState


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def principal(user_id: int, key_id: int) -> Principal:
    return Principal(
        user_id=user_id,
        username=f"u{user_id}",
        role=Role.USER,
        permissions=permissions_for(Role.USER),
        method=AuthMethod.API_KEY,
        key_id=key_id,
    )


def state(user_id: int) -> UserState:
    return UserState(user_id, f"u{user_id}", Role.USER, True, 0, LimitSet())


def test_entries_live_for_the_ttl() -> None:
    clock = Clock()
    cache = PrincipalCache(ttl_seconds=10, clock=clock)
    cache.put_key("h1", principal(1, 11), key_expires_at=None, generation=cache.generation)
    cache.put_user(state(1), generation=cache.generation)
    clock.now += 9.9
    assert cache.get_key("h1") is not None
    assert cache.get_user(1) is not None
    clock.now += 0.2
    assert cache.get_key("h1") is None
    assert cache.get_user(1) is None


def test_invalidate_key_and_user() -> None:
    cache = PrincipalCache(ttl_seconds=60)
    for user_id, key_id, key_hash in ((1, 11, "a"), (1, 12, "b"), (2, 21, "c")):
        cache.put_key(key_hash, principal(user_id, key_id), key_expires_at=None, generation=0)
    cache.put_user(state(1), generation=0)
    cache.invalidate_key(11)
    assert cache.get_key("a") is None
    assert cache.get_key("b") is not None
    cache.invalidate_user(1)
    assert cache.get_key("b") is None
    assert cache.get_user(1) is None
    assert cache.get_key("c") is not None
    cache.clear()
    assert len(cache) == 0


def test_a_load_that_raced_an_invalidation_is_not_stored() -> None:
    cache = PrincipalCache(ttl_seconds=60)
    generation = cache.generation  # a miss starts loading from the database...
    cache.invalidate_user(1)  # ...while the user is deactivated
    cache.put_key("a", principal(1, 11), key_expires_at=None, generation=generation)
    cache.put_user(state(1), generation=generation)
    assert cache.get_key("a") is None
    assert cache.get_user(1) is None


def test_size_is_bounded() -> None:
    cache = PrincipalCache(ttl_seconds=60, max_entries=3)
    for n in range(10):
        cache.put_key(f"h{n}", principal(n, n), key_expires_at=None, generation=0)
    assert len(cache) == 3
    assert cache.get_key("h9") is not None


def test_invalidations_are_published_and_remote_ones_are_not_republished() -> None:
    cache = PrincipalCache(ttl_seconds=60)
    sent: list[tuple[str, int]] = []
    cache.publisher = lambda kind, ident: sent.append((kind, ident))
    cache.invalidate_key(5)
    cache.invalidate_user(6)
    cache.clear()
    cache.apply("user", 7)
    cache.apply("key", 8)
    cache.apply("all", 0)
    assert sent == [("key", 5), ("user", 6), ("all", 0)]
