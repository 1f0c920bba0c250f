"""OpenAI-compatible endpoints (/v1/*) of the fake Ollama server.

This module owns Ollama's OpenAI compatibility layer as the ``openai`` SDK sees it: the
``chat.completion``/``chat.completion.chunk``/``text_completion`` objects, SSE framing
(``data: {...}\\n\\n`` ... ``data: [DONE]\\n\\n``), the usage chunk sent when
``stream_options.include_usage`` is true, embeddings (float or base64) and the model list, with
errors in OpenAI's ``{"error": {"message", "type", "param", "code"}}`` shape.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Final

import orjson
from aiohttp import web

from .ollama_content import (
    DEFAULT_KEEP_ALIVE,
    embed_eval_count,
    embedding,
    embedding_base64,
    plan_reply,
    prompt_eval_count,
    reply_text,
)
from .ollama_models import ModelEntry
from .ollama_native import model_field
from .ollama_wire import (
    SSE_CT,
    error_response,
    go_quote,
    json_response,
    not_found_message,
    openai_error_body,
    request_json,
)

if TYPE_CHECKING:
    from .ollama import FakeOllama

_DONE: Final = b"data: [DONE]\n\n"
_FINGERPRINT: Final = "fp_ollama"


def sse_error(message: str) -> bytes:
    """A mid-stream error event; the openai SDK raises ``APIError`` on it."""
    return b"data: " + orjson.dumps(openai_error_body(500, message)) + b"\n\n"


def _sse(obj: Any) -> bytes:
    return b"data: " + orjson.dumps(obj) + b"\n\n"


def _usage(prompt_tokens: int, completion_tokens: int) -> dict[str, int]:
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


def _message_text(content: Any) -> str | None:
    """Text of an OpenAI message content (a string or a list of parts); None if invalid."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = []
        for part in content:
            if not isinstance(part, dict):
                return None
            if part.get("type") == "text":
                texts.append(str(part.get("text", "")))
        return " ".join(texts)
    return None


def _include_usage(body: dict[str, Any]) -> bool:
    options = body.get("stream_options")
    return isinstance(options, dict) and options.get("include_usage") is True


def _max_tokens(body: dict[str, Any]) -> int | None:
    value = body.get("max_tokens")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _json_mode(body: dict[str, Any]) -> bool:
    fmt = body.get("response_format")
    return isinstance(fmt, dict) and fmt.get("type") in ("json_object", "json_schema")


class OpenAIApi:
    """Handlers for the /v1 routes, bound to one ``FakeOllama``."""

    def __init__(self, fake: FakeOllama) -> None:
        self.fake = fake

    def routes(self) -> list[web.RouteDef]:
        work = self.fake.work
        return [
            web.post("/v1/chat/completions", work(self.chat_completions)),
            web.post("/v1/completions", work(self.completions)),
            web.post("/v1/embeddings", work(self.embeddings)),
            web.get("/v1/models", self.list_models, allow_head=False),
            web.get("/v1/models/{model:.+}", self.retrieve_model, allow_head=False),
        ]

    def _entry(
        self, request: web.Request, body: dict[str, Any], action: str | None
    ) -> tuple[str, ModelEntry] | web.Response:
        name = model_field(body, openai=True)
        if isinstance(name, web.Response):
            return name
        entry = self.fake.registry.get(name)
        if entry is None:
            return error_response(404, not_found_message(name), openai=True)
        if action is not None and entry.embedding:
            return error_response(400, f"{go_quote(name)} does not support {action}", openai=True)
        rejection = self.fake.admit(request, entry.key, openai=True)
        if rejection is not None:
            return rejection
        self.fake.registry.touch(entry, DEFAULT_KEEP_ALIVE)
        return name, entry

    async def _sse_stream(
        self,
        request: web.Request,
        entry: ModelEntry,
        chunks: list[dict[str, Any]],
        final: dict[str, Any],
        usage: dict[str, int] | None,
    ) -> web.StreamResponse:
        frames = [_sse(chunk) for chunk in chunks]
        frames.append(_sse(final))
        if usage is not None:
            frames.append(_sse({**final, "choices": [], "usage": usage}))
        frames.append(_DONE)
        return await self.fake.stream(
            request,
            entry.key,
            frames,
            content_type=SSE_CT,
            content_frames=len(chunks),
            error_frame=sse_error,
        )

    async def chat_completions(self, request: web.Request) -> web.StreamResponse:
        body = request_json(request, openai=True)
        if isinstance(body, web.Response):
            return body
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            return error_response(400, "[] is too short - 'messages'", openai=True)
        texts: list[str] = []
        last_user = ""
        for message in messages:
            text = _message_text(message.get("content")) if isinstance(message, dict) else None
            if text is None:
                return error_response(400, "invalid message format", openai=True)
            texts.append(text)
            if message.get("role") == "user":
                last_user = text
        checked = self._entry(request, body, "chat")
        if isinstance(checked, web.Response):
            return checked
        name, entry = checked
        pieces, reason = plan_reply(
            reply_text(last_user, json_format=_json_mode(body)),
            int(self.fake.knob("chunks", entry.key)),
            _max_tokens(body),
        )
        usage = _usage(prompt_eval_count(texts), len(pieces))
        base = {
            "id": f"chatcmpl-{self.fake.next_id()}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": name,
            "system_fingerprint": _FINGERPRINT,
        }
        if body.get("stream") is not True:
            message = {"role": "assistant", "content": "".join(pieces)}
            choice = {"index": 0, "message": message, "finish_reason": reason}
            result = {**base, "choices": [choice], "usage": usage}
            return await self.fake.respond(request, entry.key, result, len(pieces), openai=True)
        base["object"] = "chat.completion.chunk"
        chunks = [
            {
                **base,
                "choices": [
                    {
                        "index": 0,
                        "delta": {"role": "assistant", "content": p},
                        "finish_reason": None,
                    }
                ],
            }
            for p in pieces
        ]
        final = {
            **base,
            "choices": [
                {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": reason}
            ],
        }
        return await self._sse_stream(
            request, entry, chunks, final, usage if _include_usage(body) else None
        )

    async def completions(self, request: web.Request) -> web.StreamResponse:
        body = request_json(request, openai=True)
        if isinstance(body, web.Response):
            return body
        prompt = body.get("prompt", "")
        if not isinstance(prompt, str):
            message = (
                "json: cannot unmarshal array into Go struct field"
                " CompletionRequest.prompt of type string"
            )
            return error_response(400, message, openai=True)
        checked = self._entry(request, body, "generate")
        if isinstance(checked, web.Response):
            return checked
        name, entry = checked
        pieces, reason = plan_reply(
            reply_text(prompt), int(self.fake.knob("chunks", entry.key)), _max_tokens(body)
        )
        usage = _usage(prompt_eval_count([prompt]), len(pieces))
        base = {
            "id": f"cmpl-{self.fake.next_id()}",
            "object": "text_completion",
            "created": int(time.time()),
            "model": name,
            "system_fingerprint": _FINGERPRINT,
        }
        if body.get("stream") is not True:
            choice = {"text": "".join(pieces), "index": 0, "finish_reason": reason}
            result = {**base, "choices": [choice], "usage": usage}
            return await self.fake.respond(request, entry.key, result, len(pieces), openai=True)
        chunks = [
            {**base, "choices": [{"text": p, "index": 0, "finish_reason": None}]} for p in pieces
        ]
        final = {**base, "choices": [{"text": "", "index": 0, "finish_reason": reason}]}
        return await self._sse_stream(
            request, entry, chunks, final, usage if _include_usage(body) else None
        )

    async def embeddings(self, request: web.Request) -> web.StreamResponse:
        body = request_json(request, openai=True)
        if isinstance(body, web.Response):
            return body
        raw_input = body.get("input")
        if isinstance(raw_input, str):
            inputs = [raw_input] if raw_input else []
        elif isinstance(raw_input, list) and all(isinstance(i, str) for i in raw_input):
            inputs = list(raw_input)
        elif isinstance(raw_input, list):
            return error_response(400, "invalid input type", openai=True)
        else:
            inputs = []
        if not inputs:
            return error_response(400, "invalid input", openai=True)
        encoding = body.get("encoding_format") or "float"
        if encoding not in ("float", "base64"):
            message = (
                f"invalid encoding_format {go_quote(str(encoding))}: must be 'float' or 'base64'"
            )
            return error_response(400, message, openai=True)
        dims = body.get("dimensions")
        if dims is not None and (not isinstance(dims, int) or dims < 0):
            return error_response(400, "invalid dimensions", openai=True)
        checked = self._entry(request, body, None)
        if isinstance(checked, web.Response):
            return checked
        name, entry = checked
        dim = dims or self.fake.embedding_dim
        data = []
        for index, text in enumerate(inputs):
            vector = embedding(text, dim)
            value: Any = embedding_base64(vector) if encoding == "base64" else vector
            data.append({"object": "embedding", "embedding": value, "index": index})
        tokens = embed_eval_count(inputs)
        result = {
            "object": "list",
            "data": data,
            "model": name,
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        }
        return await self.fake.respond(request, entry.key, result, openai=True, generation=False)

    async def list_models(self, request: web.Request) -> web.StreamResponse:
        data = [entry.openai_json() for entry in self.fake.registry.entries()]
        return json_response({"object": "list", "data": data})

    async def retrieve_model(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["model"]
        entry = self.fake.registry.get(name)
        if entry is None:
            return error_response(404, f"model '{name}' not found", openai=True)
        return json_response(entry.openai_json(name))
