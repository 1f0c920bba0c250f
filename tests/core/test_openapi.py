"""The OpenAPI document's error answers, content types and the mechanism that derives them
(``core.openapi``); the live check of all of it is ``test_openapi_schemathesis``."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from fastapi import APIRouter, Depends, FastAPI
from httpx import AsyncClient

from ollama_gateway.core.errors import Family, family_for_path
from ollama_gateway.core.openapi import SSE, errors, install_openapi, raises, streams
from ollama_gateway.main import create_app
from tests.conftest import MakeSettings

_PORTAL = {"$ref": "#/components/schemas/PortalError"}
_OLLAMA = {"$ref": "#/components/schemas/OllamaError"}
_OPENAI = {"$ref": "#/components/schemas/OpenAIError"}


@pytest.fixture(scope="module")
def schema(make_settings: MakeSettings) -> dict[str, Any]:
    document: dict[str, Any] = create_app(make_settings()).openapi()
    return document


def _responses(schema: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    responses: dict[str, Any] = schema["paths"][path][method]["responses"]
    return responses


def _error_schema(response: dict[str, Any]) -> Any:
    return response["content"]["application/json"]["schema"]


def test_every_error_answer_has_its_family_shape(schema: dict[str, Any]) -> None:
    """Each derived error body is the one ``core.errors.render`` sends on that path."""
    refs = {Family.PORTAL: _PORTAL, Family.OLLAMA: _OLLAMA, Family.OPENAI: _OPENAI}
    checked = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                content = response.get("content", {}).get("application/json", {})
                if int(status) >= 400 and content.get("schema") in refs.values():
                    assert content["schema"] == refs[family_for_path(path)], (method, path)
                    checked += 1
    assert checked > 200
    assert "HTTPValidationError" not in str(schema)


def test_statuses_derived_from_security_body_path_and_dependencies(
    schema: dict[str, Any],
) -> None:
    me = _responses(schema, "get", "/api/auth/me")
    assert {"401", "500"} <= set(me)
    assert "403" not in me
    assert "422" not in me
    patch_me = _responses(schema, "patch", "/api/auth/me")
    assert {"400", "401", "403", "409", "413", "422"} <= set(patch_me)  # CSRF, unique email
    flush = _responses(schema, "delete", "/api/admin/cache")  # require(ADMIN_SYSTEM)
    assert {"401", "403"} <= set(flush)
    key = _responses(schema, "delete", "/api/auth/api-keys/{key_id}")
    assert {"401", "403", "404", "422"} <= set(key)
    assert _error_schema(key["404"]) == _PORTAL


def test_ollama_routes_answer_validation_with_400_and_declare_streams(
    schema: dict[str, Any],
) -> None:
    generate = _responses(schema, "post", "/api/generate")
    assert "422" not in generate
    assert {"400", "401", "403", "404", "413", "429", "502", "503", "504"} <= set(generate)
    assert _error_schema(generate["429"]) == _OLLAMA
    assert set(generate["200"]["content"]) == {"application/json", "application/x-ndjson"}
    chat = _responses(schema, "post", "/v1/chat/completions")
    assert set(chat["200"]["content"]) == {"application/json", "text/event-stream"}
    assert _error_schema(chat["422"]) == _OPENAI
    assert "content" not in _responses(schema, "post", "/api/copy")["200"]  # Ollama sends none
    metrics = _responses(schema, "get", "/metrics")
    assert "text/plain" in metrics["200"]["content"]
    assert {"401", "403"} <= set(metrics)


def test_request_schemas_state_what_the_gateway_refuses(schema: dict[str, Any]) -> None:
    body = schema["paths"]["/api/generate"]["post"]["requestBody"]["content"]
    model = body["application/json"]["schema"]["properties"]["model"]
    assert "pattern" in model  # a blank model is a 400
    blob = schema["paths"]["/api/blobs/{digest}"]["head"]["parameters"][0]["schema"]
    assert blob["pattern"] == "^sha256[:-][0-9a-fA-F]{64}$"


@raises(404)
async def _valid_thing(thing_id: int) -> int:
    return thing_id


@raises(403)
async def _gate() -> None:
    return None


_things = APIRouter(prefix="/api/admin/things", responses=errors(429))


@_things.get("/{thing_id}", dependencies=[Depends(_gate)])
async def _read(thing: Annotated[int, Depends(_valid_thing)]) -> dict[str, int]:
    return {"id": thing}


@_things.post("", responses=streams(SSE), openapi_extra={"security": [{"Bearer": []}]})
async def _make(payload: dict[str, str]) -> dict[str, str]:
    return payload


def test_a_new_route_is_documented_without_declaring_anything() -> None:
    """Routes added by any package get the derived answers: the mechanism, not a list."""
    app = FastAPI()
    install_openapi(app)
    app.include_router(_things)
    paths = app.openapi()["paths"]
    read_doc = paths["/api/admin/things/{thing_id}"]["get"]["responses"]
    assert set(read_doc) == {"200", "403", "404", "422", "429", "500"}
    assert _error_schema(read_doc["404"]) == _PORTAL
    make_doc = paths["/api/admin/things"]["post"]["responses"]
    assert set(make_doc) == {"200", "400", "401", "403", "413", "422", "429", "500"}
    assert make_doc["200"]["content"][SSE]["itemSchema"]["properties"]["data"]


async def test_405_names_every_method_of_the_path(client: AsyncClient) -> None:
    """GET and HEAD (or GET and PATCH) of one path are separate routes: Allow lists them all."""
    tags = await client.request("OPTIONS", "/api/tags")
    assert tags.status_code == 405
    assert tags.headers["allow"] == "GET, HEAD"
    me = await client.request("PUT", "/api/auth/me")
    assert me.status_code == 405
    assert me.headers["allow"] == "GET, PATCH"
