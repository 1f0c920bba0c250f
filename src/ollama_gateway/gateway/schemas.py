"""Request bodies of the Ollama and OpenAI routes, for the OpenAPI document only.

The proxied routes do not validate bodies with these models (the raw bytes are forwarded and
Ollama validates them); :func:`body_doc` turns a model into the ``openapi_extra`` request body
that makes ``/docs`` show it.  Unknown fields are allowed, as Ollama allows them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class GenerateRequest(_Open):
    model: str = Field(examples=["llama3.2"])
    prompt: str | None = None
    suffix: str | None = None
    system: str | None = None
    template: str | None = None
    images: list[str] | None = Field(default=None, description="base64-encoded images")
    format: str | dict[str, Any] | None = Field(default=None, description='"json" or a schema')
    options: dict[str, Any] | None = None
    stream: bool = Field(default=True, description="NDJSON stream unless false")
    raw: bool | None = None
    keep_alive: str | int | None = None
    think: bool | str | None = None


class ChatMessage(_Open):
    role: Literal["system", "user", "assistant", "tool"]
    content: str = ""
    images: list[str] | None = None
    tool_calls: list[dict[str, Any]] | None = None


class ChatRequest(_Open):
    model: str = Field(examples=["llama3.2"])
    messages: list[ChatMessage] | None = Field(
        default=None, description='or, instead, "prompt" (one user message)'
    )
    prompt: str | None = Field(default=None, description="seed-002 shape: one user message")
    tools: list[dict[str, Any]] | None = None
    format: str | dict[str, Any] | None = None
    options: dict[str, Any] | None = None
    stream: bool = True
    keep_alive: str | int | None = None
    think: bool | str | None = None


class EmbedRequest(_Open):
    model: str
    input: str | list[str]
    truncate: bool | None = None
    dimensions: int | None = None
    options: dict[str, Any] | None = None
    keep_alive: str | int | None = None


class EmbeddingsRequest(_Open):
    model: str
    prompt: str
    options: dict[str, Any] | None = None
    keep_alive: str | int | None = None


class ModelRequest(_Open):
    """Show, pull, push, delete (``name`` is accepted for ``model``, as by Ollama)."""

    model: str
    stream: bool | None = None
    verbose: bool | None = None
    insecure: bool | None = None


class CreateRequest(_Open):
    model: str
    from_: str | None = Field(default=None, alias="from")
    files: dict[str, str] | None = None
    template: str | None = None
    system: str | None = None
    parameters: dict[str, Any] | None = None
    quantize: str | None = None
    stream: bool = True


class CopyRequest(_Open):
    source: str
    destination: str


class OpenAIChatRequest(_Open):
    model: str
    messages: list[dict[str, Any]]
    stream: bool = False
    stream_options: dict[str, Any] | None = None
    temperature: float | None = None
    max_tokens: int | None = None
    tools: list[dict[str, Any]] | None = None


class OpenAICompletionRequest(_Open):
    model: str
    prompt: str
    stream: bool = False
    suffix: str | None = None
    max_tokens: int | None = None


class OpenAIEmbeddingRequest(_Open):
    model: str
    input: str | list[str]
    dimensions: int | None = None
    encoding_format: str | None = None


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline(defs[ref.rsplit("/", 1)[-1]], defs)
        return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    return node


def body_doc(model: type[BaseModel], *, content_type: str = "application/json") -> dict[str, Any]:
    """``openapi_extra`` documenting ``model`` as the request body (refs inlined)."""
    schema = model.model_json_schema(by_alias=True)
    inlined = _inline(schema, schema.get("$defs", {}))
    return {
        "requestBody": {"required": True, "content": {content_type: {"schema": inlined}}},
        "security": [{"Bearer": []}, {"APIKey": []}],
    }


# -- portal responses: /api/models and /api/status -------------------------------------------


class ModelPublic(BaseModel):
    name: str
    size: int | None = None
    digest: str | None = None
    modified_at: str | None = None
    family: str | None = None
    parameter_size: str | None = None
    quantization_level: str | None = None
    nodes: list[str] = Field(description="names of the upstream nodes holding the model")
    enabled: bool = True
    allowed_roles: list[str] | None = None
    description: str | None = None


class NodeVersion(BaseModel):
    name: str
    version: str | None


class ModelsPublic(BaseModel):
    models: list[ModelPublic]
    gateway_version: str | None = Field(default=None, description="admins only")
    upstreams: list[NodeVersion] | None = Field(default=None, description="admins only")


class UpstreamStatus(BaseModel):
    name: str
    healthy: bool | None = Field(description="null until the first health check")
    version: str | None
    models: int
    in_flight: int
    max_in_flight: int
    breaker_open: bool
    url: str | None = Field(default=None, description="admins only")
    last_error: str | None = Field(default=None, description="admins only")


class CloudStatus(BaseModel):
    """Ollama's own ``GET /api/status`` answer, kept so that Ollama clients calling it work."""

    disabled: bool
    source: str


class HostTest(BaseModel):
    """The "test connection" of the caller's own Ollama host (seed 004)."""

    url: str
    connected: bool
    version: str | None = None
    error: str | None = Field(default=None, description="Why the connection failed")


class StatusPublic(BaseModel):
    gateway: Literal["ok"] = "ok"
    version: str
    database: Literal["ok", "unavailable"]
    upstreams: list[UpstreamStatus]
    cloud: CloudStatus = Field(
        description="Ollama's field, from the first node that answers (else disabled)"
    )
    personal_host: HostTest | None = Field(
        default=None, description="The caller's own Ollama host, tested now (when set)"
    )


#: ``openapi_extra`` of the routes without a body: the credentials they accept.
SECURED: dict[str, Any] = {"security": [{"Bearer": []}, {"APIKey": []}]}
