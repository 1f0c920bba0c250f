"""Email addresses: what the schema's ``format: email`` promises is what the server accepts."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ollama_gateway.users.schemas import UserUpdate


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("admin@localhost", "admin@localhost"),  # the first admin's default address
        ("someone@lab.test", "someone@lab.test"),
        ("a@printer.local", "a@printer.local"),
        ("Ann@Example.COM", "Ann@example.com"),
        ("x@[192.0.2.1]", "x@[192.0.2.1]"),
    ],
)
def test_local_and_special_use_domains_are_addresses(given: str, stored: str) -> None:
    assert UserUpdate(email=given).email == stored


@pytest.mark.parametrize("given", ["nope", "a@", "@b.com", "a b@c.com", "a@-b.localhost"])
def test_malformed_addresses_are_refused(given: str) -> None:
    with pytest.raises(ValidationError):
        UserUpdate(email=given)


def test_the_schema_says_email() -> None:
    email = UserUpdate.model_json_schema()["properties"]["email"]["anyOf"][0]
    assert email == {"type": "string", "format": "email", "maxLength": 254}
