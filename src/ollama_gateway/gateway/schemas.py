"""Request bodies of the Ollama and OpenAI routes, for the OpenAPI document only.

The proxied routes do not validate bodies with these models (the raw bytes are forwarded and
Ollama validates them); :func:`body_doc` turns a model into the ``openapi_extra`` request body
that makes ``/docs`` show it.  Unknown fields are allowed, as Ollama allows them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from ollama_gateway.core.errors import ValidationFailed
from ollama_gateway.core.openapi import NDJSON, SSE, Responses, errors, streams


class _Open(BaseModel):
    """Go's decoding rules: unknown fields are ignored, ``null`` leaves a field unset."""

    model_config = ConfigDict(extra="allow")


#: A model name as the gateway accepts it: a string with a character ``str.strip`` keeps
#: (``dispatch`` answers 400 to a missing or blank one).
ModelName = Annotated[str, Field(pattern=r"[^\s\x1c-\x1f\x85]", examples=["llama3.2"])]
#: A Go duration (``"5m"``, ``"1h30m"``, ``"-1"``: forever) or a number of seconds.
KeepAlive = (
    Annotated[
        str, Field(pattern=r"^[-+]?(0|(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$")
    ]
    | float
    | None
)
#: A model name as the node accepts it (management routes forward it as given): not empty.
UpstreamModel = Annotated[str, Field(min_length=1, examples=["llama3.2"])]
Dimensions = Annotated[int, Field(ge=0)] | None
#: An image as Go decodes ``[]byte``: standard, padded base64.
Image = Annotated[
    str, Field(pattern=r"^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")
]
#: A blob's name: its sha256 digest (``sha256:<64 hex>``, or ``-`` for ``:``).
BlobDigest = Annotated[str, Path(pattern=r"^sha256[:-][0-9a-fA-F]{64}$")]
_Options = dict[str, Any] | None
_Format = Literal["", "json"] | dict[str, Any] | None


class GenerateRequest(_Open):
    model: ModelName
    prompt: str | None = None
    suffix: str | None = None
    system: str | None = None
    template: str | None = None
    images: list[Image] | None = Field(default=None, description="base64-encoded images")
    format: _Format = Field(default=None, description='"json" or a schema')
    options: _Options = None
    stream: bool | None = Field(default=True, description="NDJSON stream unless false")
    raw: bool | None = None
    keep_alive: KeepAlive = None
    think: bool | str | None = None


class ChatMessage(_Open):
    role: str | None = Field(default=None, examples=["user"])
    content: str | None = None
    images: list[Image] | None = None
    tool_calls: list[dict[str, Any]] | None = None


class ChatRequest(_Open):
    model: ModelName
    messages: list[ChatMessage] | None = Field(
        default=None, description='or, instead, "prompt" (one user message)'
    )
    prompt: str | None = Field(default=None, description="seed-002 shape: one user message")
    tools: list[dict[str, Any]] | None = None
    format: _Format = None
    options: _Options = None
    stream: bool | None = Field(default=True, description="NDJSON stream unless false")
    keep_alive: KeepAlive = None
    think: bool | str | None = None


class EmbedRequest(_Open):
    model: ModelName
    input: str | list[str] | None = None
    truncate: bool | None = None
    dimensions: Dimensions = None
    options: _Options = None
    keep_alive: KeepAlive = None


class EmbeddingsRequest(_Open):
    model: ModelName
    prompt: str | None = None
    options: _Options = None
    keep_alive: KeepAlive = None


class ModelRequest(_Open):
    """Show, pull, push, delete (``name`` is accepted for ``model``, as by Ollama)."""

    model: UpstreamModel
    stream: bool | None = None
    verbose: bool | None = None
    insecure: bool | None = None


class CreateRequest(_Open):
    """A new model ``from`` an existing one or from uploaded ``files`` (one of them is needed)."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["from"], "properties": {"from": {"type": "string", "minLength": 1}}},
                {
                    "required": ["files"],
                    "properties": {"files": {"type": "object", "minProperties": 1}},
                },
            ]
        }
    )

    model: UpstreamModel
    from_: str | None = Field(default=None, alias="from")
    files: dict[str, str] | None = None
    template: str | None = None
    system: str | None = None
    parameters: dict[str, Any] | None = None
    quantize: str | None = None
    stream: bool | None = True


class CopyRequest(_Open):
    source: UpstreamModel
    destination: UpstreamModel


class OpenAIMessage(_Open):
    role: str | None = Field(default=None, examples=["user"])
    content: str | list[dict[str, Any]] | None = Field(
        default=None, description="text, or a list of content parts"
    )


class OpenAIChatRequest(_Open):
    model: ModelName
    messages: list[OpenAIMessage] = Field(min_length=1)
    stream: bool | None = False
    stream_options: dict[str, Any] | None = None
    temperature: float | None = None
    max_tokens: int | None = None
    tools: list[dict[str, Any]] | None = None


class OpenAICompletionRequest(_Open):
    model: ModelName
    prompt: str = ""
    stream: bool | None = False
    suffix: str | None = None
    max_tokens: int | None = None


class OpenAIEmbeddingRequest(_Open):
    model: ModelName
    input: Annotated[str, Field(min_length=1)] | Annotated[list[str], Field(min_length=1)]
    dimensions: Dimensions = None
    encoding_format: Literal["float", "base64"] | None = None


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

# -- the answers of the proxied routes beyond what core.openapi derives ----------------------
#: Upstream failures: a node that fails (502), none available (503), a timeout (504).
_UPSTREAM = errors(502, 503, 504)
#: Generation: the permission or a model rule (403), an unknown model (404, from the node), the
#: caller's limits (429), the node; streamed as NDJSON (Ollama) or SSE (OpenAI) unless
#: ``"stream": false`` (OpenAI: unless ``"stream": true``).
OLLAMA_GENERATION: Responses = {**errors(403, 404, 429), **_UPSTREAM, **streams(NDJSON)}
OPENAI_GENERATION: Responses = {**errors(403, 404, 429), **_UPSTREAM, **streams(SSE)}
EMBEDDING: Responses = {**errors(403, 404, 429), **_UPSTREAM}
#: Model facts and management: the permission or a model rule (403), an unknown model (404).
MODEL_FACTS: Responses = {**errors(403, 404), **_UPSTREAM}
#: Management: as model facts, and 501 from a node of a kind that has no such operation
#: (``engines.adapt.NotImplementedByNode``: an OpenAI-compatible server cannot pull or copy).
MANAGEMENT: Responses = {**MODEL_FACTS, **errors(501)}
MODEL_PROGRESS: Responses = {**MANAGEMENT, **streams(NDJSON, "progress objects, one per line")}
#: Listings answered from memory (403: a key whose scopes leave out ``models:view``).
LISTING: Responses = errors(403)
LISTING_LIVE: Responses = {**errors(403), **_UPSTREAM}


# -- Anthropic's Messages API (/v1/messages) ----------------------------------------------


class AnthropicMessage(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)

    role: str = Field(examples=["user"])
    content: str | list[dict[str, Any]] = Field(description="text, or a list of content blocks")


def _json_integer(value: Any) -> Any:
    """JSON Schema's ``integer`` takes ``5.0`` and ``1e20`` (integral numbers, of any size)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: An integer as JSON Schema says it (``5`` or ``5.0``; never ``"5"``, ``true`` or ``5.5``).
JsonInteger = Annotated[int, Field(ge=1), BeforeValidator(_json_integer)]


class MessagesRequest(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)

    model: str = Field(min_length=1, examples=["llama3.2"])
    #: Anthropic requires it; the gateway does not (the node's default applies when absent).
    max_tokens: JsonInteger | None = None
    messages: list[AnthropicMessage] = Field(min_length=1)
    system: str | list[dict[str, Any]] | None = None
    stream: bool | None = False
    temperature: float | None = None
    top_p: float | None = None
    stop_sequences: list[str] | None = None
    tools: list[dict[str, Any]] | None = None
    tool_choice: dict[str, Any] | None = None


def check_messages(payload: dict[str, Any]) -> None:
    """A Messages request refused (400) when it is not what :class:`MessagesRequest` says."""
    try:
        MessagesRequest.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        raise ValidationFailed(f"invalid request: {where}: {first['msg']}", status=400) from None
