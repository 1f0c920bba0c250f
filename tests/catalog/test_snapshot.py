"""Model access rules, as pure data: catalog rows, roles, a key's allow-list."""

from __future__ import annotations

import pytest

from ollama_gateway.catalog.snapshot import CatalogSnapshot, ModelRule, normalize_model
from ollama_gateway.core.permissions import Role, permissions_for
from ollama_gateway.core.principal import AuthMethod, Principal


def who(role: Role = Role.USER, allowed: list[str] | None = None) -> Principal:
    return Principal(
        user_id=1,
        username="u",
        role=role,
        permissions=permissions_for(role),
        method=AuthMethod.API_KEY,
        key_id=1,
        allowed_models=frozenset(allowed) if allowed is not None else None,
    )


@pytest.mark.parametrize(
    ("given", "normal"),
    [
        ("llama3", "llama3:latest"),
        ("Llama3:8B", "llama3:8b"),
        ("library/llama3", "llama3:latest"),
        ("registry.ollama.ai/library/qwen2.5:0.5b", "qwen2.5:0.5b"),
        ("https://Registry.Ollama.AI/Library/QWEN2.5:0.5B", "qwen2.5:0.5b"),
        ("registry.ollama.ai/me/custom", "me/custom:latest"),
        ("me/custom:v1", "me/custom:v1"),
        ("hf.co/org/model:q4", "hf.co/org/model:q4"),
        ("host:5000/ns/model", "host:5000/ns/model:latest"),
        ("ns/skill/helper", "ns/skill/helper:latest"),  # a kind (Ollama's ValidKinds)
        ("skill/helper", "skill/helper:latest"),  # two parts: a namespace
        ("qwen2.5:0.5b@sha256:abc", "qwen2.5:0.5b"),
    ],
)
def test_names_are_normalized_like_ollama(given: str, normal: str) -> None:
    assert normalize_model(given) == normal


SNAP = CatalogSnapshot(
    models={
        "off:latest": ModelRule("off:latest", enabled=False),
        "devs:latest": ModelRule("devs:latest", allowed_roles=frozenset({"developer"})),
    }
)


def test_no_rule_means_everyone() -> None:
    assert SNAP.denial(who(), "llama3") is None


def test_a_disabled_model_is_forbidden_to_everyone() -> None:
    assert SNAP.denial(who(Role.ADMIN), "off") == 'model "off" is disabled'


def test_a_role_limited_model() -> None:
    assert SNAP.denial(who(Role.DEVELOPER), "devs") is None
    assert SNAP.denial(who(Role.ADMIN), "devs:latest") is None
    assert SNAP.denial(who(Role.USER), "devs") == 'model "devs" is not available to the user role'


def test_a_keys_allow_list() -> None:
    key = who(allowed=["qwen2.5:0.5b", "llama3"])
    assert SNAP.denial(key, "qwen2.5:0.5b") is None
    assert SNAP.denial(key, "llama3:70b") is None  # a bare name allows every tag
    assert SNAP.denial(key, "LLAMA3") is None
    assert SNAP.denial(key, "qwen2.5:7b") == 'this API key may not use model "qwen2.5:7b"'
    assert not SNAP.may_use(who(allowed=[]), "llama3")


@pytest.mark.parametrize(
    "alias",
    [
        "off",
        "OFF:Latest",
        "library/off",
        "registry.ollama.ai/library/off:latest",
        "http://registry.ollama.ai/library/off",
    ],
)
def test_an_alias_of_a_disabled_model_is_disabled(alias: str) -> None:
    assert SNAP.denial(who(Role.ADMIN), alias) == f'model "{alias}" is disabled'


def test_a_disabled_model_may_be_written_but_not_used() -> None:
    assert SNAP.denial(who(Role.ADMIN), "off", writing=True) is None
    assert SNAP.denial(who(Role.USER), "library/devs", writing=True) is not None
    assert SNAP.denial(who(allowed=["llama3"]), "off", writing=True) is not None


def test_allow_list_entries_are_normalised_too() -> None:
    key = who(allowed=["registry.ollama.ai/library/qwen2.5:0.5b", "library/llama3"])
    assert SNAP.denial(key, "qwen2.5:0.5b") is None
    assert SNAP.denial(key, "llama3:8b") is None
    assert SNAP.denial(key, "Registry.ollama.ai/library/LLAMA3") is None
    assert SNAP.denial(key, "me/llama3") is not None  # another namespace is another model
