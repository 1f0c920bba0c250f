"""The admin sweep: every ``/api/admin/*`` operation in ``/openapi.json`` is refused to every
caller who is not an admin, and nothing changes.

Generic on purpose: the operations come from the OpenAPI document, so a route another module
adds under ``/api/admin`` is swept without touching this file.  Each operation is called

* with real ids in its path (a live user, key, usage record... see :func:`_path_values`),
* with a body generated from its request schema and checked valid against that schema,
* by a developer, a user and a read-only account, each with a JWT and with an API key, and by
  an anonymous caller;

and must answer 403 (401 for the anonymous caller) in the portal envelope.  The whole database
(every table, every row) is the same afterwards.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from typing import Any

import jsonschema
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select

from ollama_gateway.core.db import Base
from tests.admin.factories import make_usage
from tests.auth.factories import Actor, make_actor
from tests.keys.factories import make_key
from tests.users.factories import database, make_user

CALLERS = ("developer", "user", "read-only")
_METHODS = ("get", "post", "put", "patch", "delete")


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        node: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = {**node, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _string(schema: dict[str, Any]) -> str:
    candidates = [*schema.get("examples", []), schema.get("example"), schema.get("default")]
    formats = {
        "email": "sweep@example.com",
        "date-time": datetime.now(UTC).isoformat(),
        "uri": "http://sweep.example.com:11434",
    }
    candidates += [formats.get(schema.get("format", "")), "sweep", "http://127.0.0.1:11434"]
    low, high = int(schema.get("minLength", 0)), int(schema.get("maxLength", 10_000))
    for candidate in candidates:
        if not isinstance(candidate, str):
            continue
        padded = candidate + "x" * max(0, low - len(candidate))
        if len(padded) <= high and re.search(schema.get("pattern", ""), padded):
            return padded
    raise AssertionError(f"teach the sweep a string for {schema}")


def example(schema: dict[str, Any], document: dict[str, Any]) -> Any:
    """A value valid against ``schema``: required properties only, smallest choices."""
    schema = _resolve(schema, document)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            options = [_resolve(o, document) for o in schema[combinator]]
            chosen = next((o for o in options if o.get("type") != "null"), options[0])
            return example(chosen, document)
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            merged.update(_resolve(part, document))
        return example(merged, document)
    kind = schema.get("type", "object")
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: example(properties[name], document) for name in schema.get("required", [])}
    if kind == "array":
        count = int(schema.get("minItems", 0))
        return [example(schema.get("items", {}), document) for _ in range(count)]
    if kind == "string":
        return _string(schema)
    if kind == "integer":
        return max(int(schema.get("minimum", 1)), 1)
    if kind == "number":
        return float(schema.get("minimum", 1))
    if kind == "boolean":
        return True
    return None


async def _path_values(app: FastAPI) -> dict[str, Any]:
    """Real targets, so that a refusal is not a 404 in disguise."""
    victim = await make_user(app, role="developer")
    _key, key_id = await make_key(app, victim.id)
    [record_id] = await make_usage(app, user_id=victim.id)
    return {
        "user_id": victim.id,
        "key_id": key_id,
        "record_id": record_id,
        "id": victim.id,
        "name": "llama3",
        "model": "llama3",
        # a pull's id (a running pull's cannot be listed: POST /api/admin/model-pulls streams)
        "pull_id": "0123456789abcdef",
    }


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for path, item in document["paths"].items():
        if not path.startswith("/api/admin"):
            continue
        for method in _METHODS:
            if method in item:
                found.append((method.upper(), path, item[method]))
    return found


async def _discover(
    client: AsyncClient,
    document: dict[str, Any],
    path: str,
    parameter: dict[str, Any],
    admin: dict[str, str],
) -> Any:
    """A live id for the path parameter ``name``: the first item its collection lists to an
    admin, or one the admin creates there."""
    name, kind = parameter["name"], parameter.get("schema", {}).get("type")
    parent = path[: path.index("{" + name + "}")].rstrip("/")
    listed = await client.get(parent, headers=admin)
    if listed.status_code == 200:
        data = listed.json()
        items = data.get("items", data.get("models", [])) if isinstance(data, dict) else data
        field = "id" if kind == "integer" else "name"
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and item.get(field) is not None:
                return item[field]
    creator = document["paths"].get(parent, {}).get("post")
    if creator is not None:
        created = await client.post(parent, json=_body(creator, document), headers=admin)
        if created.status_code in (200, 201):
            return created.json().get("id" if kind == "integer" else "name")
    return None


async def _url(
    client: AsyncClient,
    document: dict[str, Any],
    path: str,
    operation: dict[str, Any],
    values: dict[str, Any],
    admin: dict[str, str],
) -> str:
    url = path
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            name = parameter["name"]
            if name not in values:
                values[name] = await _discover(client, document, path, parameter, admin)
            value = values[name]
            if value is None:  # nothing to find: any live id, else a model name
                kind = parameter.get("schema", {}).get("type")
                value = values["id"] if kind == "integer" else values["name"]
            url = url.replace("{" + name + "}", str(value))
    return url


def _body(operation: dict[str, Any], document: dict[str, Any]) -> Any:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if schema is None:
        return None
    body = example(schema, document)
    resolved = {**_resolve(schema, document), "components": document["components"]}
    jsonschema.validate(body, resolved)  # a body the route would accept from an admin
    return body


async def _snapshot(app: FastAPI) -> dict[str, str]:
    """A digest of every row of every table."""
    digests = {}
    async with database(app).sessionmaker() as session:
        for table in Base.metadata.sorted_tables:
            rows = (await session.execute(select(table))).all()
            text = "\n".join(sorted(repr(tuple(row)) for row in rows))
            digests[table.name] = hashlib.sha256(text.encode()).hexdigest()
    return digests


def _credentials(actor: Actor) -> list[tuple[str, dict[str, str]]]:
    if actor.anonymous:
        return [("anonymous", {})]
    return [
        (f"{actor.role} jwt", {"Authorization": f"Bearer {actor.access_token}"}),
        (f"{actor.role} key", {"X-API-Key": actor.key}),
    ]


async def test_every_admin_operation_is_refused_to_non_admins(
    app: FastAPI, client: AsyncClient
) -> None:
    document = (await client.get("/openapi.json")).json()
    operations = _operations(document)
    assert len(operations) >= 10, "the admin API is missing from /openapi.json"
    values = await _path_values(app)
    admin = await make_actor(app, "admin")
    actors = [await make_actor(app, role) for role in (*CALLERS, "anonymous")]
    calls = [
        (
            method,
            await _url(client, document, path, operation, values, admin.headers),
            _body(operation, document),
            path,
        )
        for method, path, operation in operations
    ]
    before = await _snapshot(app)
    wrong: list[str] = []
    for actor in actors:
        for label, headers in _credentials(actor):
            expected = 401 if actor.anonymous else 403
            for method, url, body, template in calls:
                answer = await client.request(method, url, json=body, headers=headers)
                if answer.status_code != expected:
                    wrong.append(f"{label}: {method} {template} -> {answer.status_code}")
                    continue
                error = answer.json()["error"]
                assert error["error_id"] == answer.headers["X-Request-ID"]
    assert wrong == []
    assert await _snapshot(app) == before
