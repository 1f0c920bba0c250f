"""The Ollama-compatible (``/api/*``) and OpenAI-compatible (``/v1/*``) routes: wiring only.

Each handler authenticates through :data:`CallerDep` (``auth.deps.authenticate``, cached) and
makes one call into ``dispatch`` / ``listing`` / ``manage``.  Bodies are not validated by FastAPI
(the raw bytes go upstream); ``openapi_extra`` documents them for ``/docs``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from ollama_gateway.core.principal import Principal
from ollama_gateway.gateway import dispatch, listing, manage, messages, portal, routes
from ollama_gateway.gateway.deps import CallerDep
from ollama_gateway.gateway.dispatch import Gateway
from ollama_gateway.gateway.exchange import Exchange
from ollama_gateway.gateway.schemas import (
    EMBEDDING,
    LISTING,
    LISTING_LIVE,
    MANAGEMENT,
    MODEL_FACTS,
    MODEL_PROGRESS,
    OLLAMA_GENERATION,
    OPENAI_GENERATION,
    SECURED,
    BlobDigest,
    ChatRequest,
    CopyRequest,
    CreateRequest,
    EmbeddingsRequest,
    EmbedRequest,
    GenerateRequest,
    ModelRequest,
    OpenAIChatRequest,
    OpenAICompletionRequest,
    OpenAIEmbeddingRequest,
    body_doc,
)

router = APIRouter()
_BLOB_BODY = {"content": {"application/octet-stream": {"schema": {"type": "string"}}}}
ollama = APIRouter(tags=["Ollama-compatible"])
openai = APIRouter(prefix="/v1", tags=["OpenAI-compatible"])


@router.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
async def root(request: Request) -> Response:
    """``Ollama is running`` for API clients (they check it); a browser asking for HTML is sent
    to the portal (``/ui/``, served by the ``web`` package)."""
    if "text/html" in request.headers.get("accept", ""):
        return RedirectResponse("/ui/", status_code=303)
    return PlainTextResponse("Ollama is running")


# -- generation ------------------------------------------------------------------------------


@ollama.post(
    "/api/generate",
    summary="Generate a completion",
    openapi_extra=body_doc(GenerateRequest),
    responses=OLLAMA_GENERATION,
)
async def generate(request: Request, principal: CallerDep) -> Response:
    return await dispatch.generation(request, principal, routes.GENERATE)


@ollama.post(
    "/api/chat",
    summary="Chat (messages, or seed-002 prompt)",
    openapi_extra=body_doc(ChatRequest),
    responses=OLLAMA_GENERATION,
)
async def chat(request: Request, principal: CallerDep) -> Response:
    return await dispatch.generation(request, principal, routes.CHAT)


@ollama.post(
    "/api/embed", summary="Embeddings", openapi_extra=body_doc(EmbedRequest), responses=EMBEDDING
)
async def embed(request: Request, principal: CallerDep) -> Response:
    return await dispatch.generation(request, principal, routes.EMBED)


@ollama.post(
    "/api/embeddings",
    summary="Embedding (legacy)",
    openapi_extra=body_doc(EmbeddingsRequest),
    responses=EMBEDDING,
)
async def embeddings(request: Request, principal: CallerDep) -> Response:
    return await dispatch.generation(request, principal, routes.EMBEDDINGS)


# -- model facts -----------------------------------------------------------------------------


@ollama.get(
    "/api/tags", summary="Models the caller may use", openapi_extra=SECURED, responses=LISTING
)
@ollama.head(
    "/api/tags",
    summary="Models the caller may use",
    openapi_extra=SECURED,
    responses=LISTING,
    operation_id="head_tags",
)
async def tags(request: Request, principal: CallerDep) -> Response:
    async def produce(gw: Gateway, ex: Exchange) -> Response:
        return await listing.tags(request, principal, gw)

    return await dispatch.local(request, principal, "/api/tags", produce)


@ollama.post(
    "/api/show",
    summary="Model details",
    openapi_extra=body_doc(ModelRequest),
    responses=MODEL_FACTS,
)
async def show(request: Request, principal: CallerDep) -> Response:
    async def produce(gw: Gateway, ex: Exchange) -> Response:
        response: Response = await listing.show(request, principal, gw, ex)
        return response

    return await dispatch.local(request, principal, "/api/show", produce)


@ollama.get(
    "/api/ps",
    summary="Models loaded on the nodes",
    openapi_extra=SECURED,
    responses=LISTING_LIVE,
)
async def ps(request: Request, principal: CallerDep) -> Response:
    async def produce(gw: Gateway, ex: Exchange) -> Response:
        return await listing.running(request, principal, gw)

    return await dispatch.local(request, principal, "/api/ps", produce)


@ollama.get("/api/version", summary="Ollama version", openapi_extra=SECURED, responses=LISTING_LIVE)
@ollama.head(
    "/api/version",
    summary="Ollama version",
    openapi_extra=SECURED,
    responses=LISTING_LIVE,
    operation_id="head_version",
)
async def version(request: Request, principal: CallerDep) -> Response:
    async def produce(gw: Gateway, ex: Exchange) -> Response:
        return await listing.version(gw)

    return await dispatch.local(request, principal, "/api/version", produce)


# -- model management ------------------------------------------------------------------------


async def _manage(request: Request, principal: Principal, spec: routes.RouteSpec) -> Response:
    async def produce(gw: Gateway, ex: Exchange) -> Response:
        if spec in (routes.COPY, routes.DELETE):
            return await manage.on_holders(request, principal, gw, ex, spec)
        return await manage.on_one_node(request, principal, gw, ex, spec)

    return await dispatch.local(request, principal, spec.name, produce)


@ollama.post(
    "/api/pull",
    summary="Pull a model (progress stream)",
    openapi_extra=body_doc(ModelRequest),
    responses=MODEL_PROGRESS,
)
async def pull(request: Request, principal: CallerDep) -> Response:
    return await _manage(request, principal, routes.PULL)


@ollama.post(
    "/api/push",
    summary="Push a model",
    openapi_extra=body_doc(ModelRequest),
    responses=MODEL_PROGRESS,
)
async def push(request: Request, principal: CallerDep) -> Response:
    return await _manage(request, principal, routes.PUSH)


@ollama.post(
    "/api/create",
    summary="Create a model",
    openapi_extra=body_doc(CreateRequest),
    responses=MODEL_PROGRESS,
)
async def create(request: Request, principal: CallerDep) -> Response:
    return await _manage(request, principal, routes.CREATE)


@ollama.post(
    "/api/copy",
    summary="Copy a model",
    openapi_extra=body_doc(CopyRequest),
    responses=MANAGEMENT,
    response_class=Response,  # Ollama answers 200 without a body
)
async def copy(request: Request, principal: CallerDep) -> Response:
    return await _manage(request, principal, routes.COPY)


@ollama.delete(
    "/api/delete",
    summary="Delete a model",
    openapi_extra=body_doc(ModelRequest),
    responses=MANAGEMENT,
    response_class=Response,  # Ollama answers 200 without a body
)
async def delete(request: Request, principal: CallerDep) -> Response:
    return await _manage(request, principal, routes.DELETE)


@ollama.post(
    "/api/blobs/{digest}",
    summary="Upload a blob (its bytes must hash to the digest)",
    openapi_extra={**SECURED, "requestBody": _BLOB_BODY},
    responses=MANAGEMENT,
)
@ollama.head(
    "/api/blobs/{digest}",
    summary="Check a blob exists",
    openapi_extra=SECURED,
    responses=MANAGEMENT,
    operation_id="head_blob",
)
async def blobs(request: Request, principal: CallerDep, digest: BlobDigest) -> Response:
    async def produce(gw: Gateway, ex: Exchange) -> Response:
        return await manage.blob(request, principal, gw, ex, digest)

    return await dispatch.local(request, principal, "/api/blobs", produce)


# -- OpenAI-compatible -----------------------------------------------------------------------


@openai.post(
    "/chat/completions",
    summary="Chat completion",
    openapi_extra=body_doc(OpenAIChatRequest),
    responses=OPENAI_GENERATION,
)
async def chat_completions(request: Request, principal: CallerDep) -> Response:
    return await dispatch.generation(request, principal, routes.OPENAI_CHAT)


@openai.post(
    "/completions",
    summary="Completion",
    openapi_extra=body_doc(OpenAICompletionRequest),
    responses=OPENAI_GENERATION,
)
async def completions(request: Request, principal: CallerDep) -> Response:
    return await dispatch.generation(request, principal, routes.OPENAI_COMPLETIONS)


@openai.post(
    "/embeddings",
    summary="Embeddings",
    openapi_extra=body_doc(OpenAIEmbeddingRequest),
    responses=EMBEDDING,
)
async def openai_embeddings(request: Request, principal: CallerDep) -> Response:
    return await dispatch.generation(request, principal, routes.OPENAI_EMBEDDINGS)


@openai.get(
    "/models", summary="Models the caller may use", openapi_extra=SECURED, responses=LISTING
)
async def models(request: Request, principal: CallerDep) -> Response:
    async def produce(gw: Gateway, ex: Exchange) -> Response:
        return await listing.openai_models(request, principal, gw)

    return await dispatch.local(request, principal, "/v1/models", produce)


@openai.get("/models/{model:path}", summary="One model", openapi_extra=SECURED, responses=LISTING)
async def model(request: Request, principal: CallerDep, model: str) -> Response:
    async def produce(gw: Gateway, ex: Exchange) -> Response:
        ex.model = model
        return listing.openai_model(request, principal, gw, model)

    return await dispatch.local(request, principal, "/v1/models/{model}", produce)


router.include_router(ollama)
router.include_router(openai)
router.include_router(messages.router)
router.include_router(portal.router)
