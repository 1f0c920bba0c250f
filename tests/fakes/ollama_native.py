"""Native Ollama endpoints (/ and /api/*) of the fake Ollama server, except model management.

This module owns the request validation, status codes and exact JSON/NDJSON shapes of Ollama's
own API for liveness, version, tags, ps, show, generate, chat, embed and the legacy embeddings
endpoint (model management lives in ``ollama_manage``). Streams go through ``FakeOllama.stream``
so every fault knob applies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import orjson
from aiohttp import web

from .ollama_content import (
    context_tokens,
    embed_eval_count,
    embedding,
    metrics,
    parse_keep_alive,
    plan_reply,
    prompt_eval_count,
    reply_text,
    rfc3339,
)
from .ollama_models import ModelEntry
from .ollama_wire import (
    NDJSON_CT,
    error_response,
    go_quote,
    json_response,
    not_found_message,
    raw_json_response,
    request_json,
)

if TYPE_CHECKING:
    from .ollama import FakeOllama

_ASSISTANT: Final = b'{"role":"assistant","content":'


def ndjson_error(message: str) -> bytes:
    """The mid-stream error line Ollama writes (status stays 200)."""
    return orjson.dumps({"error": message}) + b"\n"


def line(obj: Any) -> bytes:
    """One NDJSON line."""
    return orjson.dumps(obj) + b"\n"


def model_field(
    body: dict[str, Any], openai: bool = False, legacy: bool = False
) -> str | web.Response:
    """The request's model name, or the 400 Ollama answers when it is missing or not a string."""
    value = body.get("model")
    if legacy and not value:
        value = body.get("name")
    if value is None or value == "":
        return error_response(400, "model is required", openai)
    if not isinstance(value, str):
        return error_response(
            400, "json: cannot unmarshal value into Go struct field .model of type string", openai
        )
    return value


def named_request(
    request: web.Request, legacy: bool = False
) -> tuple[dict[str, Any], str] | web.Response:
    """The request's JSON object and model name, or the 400 Ollama answers for either."""
    body = request_json(request)
    if isinstance(body, web.Response):
        return body
    name = model_field(body, legacy=legacy)
    return name if isinstance(name, web.Response) else (body, name)


def num_predict(options: Any) -> int | None:
    """``options.num_predict`` as an int, if set."""
    if not isinstance(options, dict):
        return None
    value = options.get("num_predict")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def _thinks(body: dict[str, Any]) -> bool:
    think = body.get("think")
    return think is True or (isinstance(think, str) and think not in ("", "false"))


class NativeApi:
    """Handlers for the native API, bound to one ``FakeOllama``."""

    def __init__(self, fake: FakeOllama) -> None:
        self.fake = fake

    def routes(self) -> list[web.RouteDef]:
        work = self.fake.work
        return [
            web.get("/", self.root),
            web.get("/api/version", self.version),
            web.get("/api/status", self.status, allow_head=False),
            web.get("/api/tags", self.tags),
            web.get("/api/ps", self.ps, allow_head=False),
            web.post("/api/show", self.show),
            web.post("/api/generate", work(self.generate)),
            web.post("/api/chat", work(self.chat)),
            web.post("/api/embed", work(self.embed)),
            web.post("/api/embeddings", work(self.embeddings)),
        ]

    # ------------------------------------------------------------------ simple GETs

    async def root(self, request: web.Request) -> web.StreamResponse:
        return web.Response(text="Ollama is running")

    async def version(self, request: web.Request) -> web.StreamResponse:
        return json_response({"version": self.fake.version})

    async def status(self, request: web.Request) -> web.StreamResponse:
        return json_response({"cloud": {"disabled": False, "source": "default"}})

    async def tags(self, request: web.Request) -> web.StreamResponse:
        return raw_json_response(self.fake.registry.tags_body())

    async def ps(self, request: web.Request) -> web.StreamResponse:
        return json_response({"models": self.fake.registry.loaded()})

    async def show(self, request: web.Request) -> web.StreamResponse:
        named = named_request(request, legacy=True)
        if isinstance(named, web.Response):
            return named
        _, name = named
        entry = self.fake.registry.get(name)
        if entry is None:
            return error_response(404, f"model '{name}' not found")
        return json_response(entry.show_json())

    # ------------------------------------------------------------------ inference

    def _inference_entry(
        self, request: web.Request, body: dict[str, Any], action: str
    ) -> tuple[str, ModelEntry, float] | web.Response:
        """Shared validation of generate/chat: model, capability, think, keep_alive, admission."""
        name = model_field(body)
        if isinstance(name, web.Response):
            return name
        entry = self.fake.registry.get(name)
        if entry is None:
            return error_response(404, not_found_message(name))
        if entry.embedding:
            return error_response(400, f"{go_quote(name)} does not support {action}")
        if _thinks(body):
            return error_response(400, f"{go_quote(name)} does not support thinking")
        options = body.get("options")
        if options is not None and not isinstance(options, dict):
            return error_response(400, "json: cannot unmarshal options into map[string]any")
        try:
            keep_alive = parse_keep_alive(body.get("keep_alive"))
        except ValueError as exc:
            return error_response(400, str(exc))
        rejection = self.fake.admit(request, entry.key)
        if rejection is not None:
            return rejection
        return name, entry, keep_alive

    async def generate(self, request: web.Request) -> web.StreamResponse:
        body = request_json(request)
        if isinstance(body, web.Response):
            return body
        checked = self._inference_entry(request, body, "generate")
        if isinstance(checked, web.Response):
            return checked
        name, entry, keep_alive = checked
        prompt, system = body.get("prompt") or "", body.get("system") or ""
        if not isinstance(prompt, str) or not isinstance(system, str):
            return error_response(400, "json: cannot unmarshal value of type string")
        created = rfc3339()
        self.fake.registry.touch(entry, keep_alive)
        if not prompt:
            reason = "unload" if keep_alive == 0 else "load"
            return json_response(
                {
                    "model": name,
                    "created_at": created,
                    "response": "",
                    "done": True,
                    "done_reason": reason,
                }
            )
        text = reply_text(prompt, json_format=bool(body.get("format")))
        pieces, reason = plan_reply(
            text, int(self.fake.knob("chunks", entry.key)), num_predict(body.get("options"))
        )
        p_tokens, e_tokens = prompt_eval_count([system, prompt]), len(pieces)
        final: dict[str, Any] = {
            "model": name,
            "created_at": created,
            "response": "",
            "done": True,
            "done_reason": reason,
            "context": context_tokens(p_tokens + e_tokens),
            **metrics(p_tokens, e_tokens),
        }
        if body.get("stream") is False:
            final["response"] = "".join(pieces)
        head = b'{"model":%s,"created_at":"%s","response":' % (orjson.dumps(name), created.encode())
        return await self._reply(request, body, entry, final, pieces, head, b',"done":false}\n')

    async def chat(self, request: web.Request) -> web.StreamResponse:
        body = request_json(request)
        if isinstance(body, web.Response):
            return body
        messages = body.get("messages") or []
        if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
            return error_response(
                400, "json: cannot unmarshal messages into Go struct field ChatRequest.messages"
            )
        texts: list[str] = []
        last_user = ""
        for message in messages:
            content = message.get("content") or ""
            if not isinstance(content, str):
                return error_response(
                    400,
                    "json: cannot unmarshal array into Go struct field"
                    " Message.messages.content of type string",
                )
            texts.append(content)
            if message.get("role") == "user":
                last_user = content
        checked = self._inference_entry(request, body, "chat")
        if isinstance(checked, web.Response):
            return checked
        name, entry, keep_alive = checked
        created = rfc3339()
        self.fake.registry.touch(entry, keep_alive)
        if not messages:
            reason = "unload" if keep_alive == 0 else "load"
            return json_response(
                {
                    "model": name,
                    "created_at": created,
                    "message": {"role": "assistant", "content": ""},
                    "done_reason": reason,
                    "done": True,
                }
            )
        text = reply_text(last_user, json_format=bool(body.get("format")))
        pieces, reason = plan_reply(
            text, int(self.fake.knob("chunks", entry.key)), num_predict(body.get("options"))
        )
        p_tokens, e_tokens = prompt_eval_count(texts), len(pieces)
        final: dict[str, Any] = {
            "model": name,
            "created_at": created,
            "message": {"role": "assistant", "content": ""},
            "done_reason": reason,
            "done": True,
            **metrics(p_tokens, e_tokens),
        }
        if body.get("stream") is False:
            final["message"]["content"] = "".join(pieces)
        head = b'{"model":%s,"created_at":"%s","message":%s' % (
            orjson.dumps(name),
            created.encode(),
            _ASSISTANT,
        )
        return await self._reply(request, body, entry, final, pieces, head, b'},"done":false}\n')

    async def _reply(
        self,
        request: web.Request,
        body: dict[str, Any],
        entry: ModelEntry,
        final: dict[str, Any],
        pieces: list[str],
        head: bytes,
        tail: bytes,
    ) -> web.StreamResponse:
        """Generate's and chat's answer: ``final`` whole (``stream: false``, the text already
        in it), or one ``head + piece + tail`` NDJSON line per piece, then ``final``."""
        if body.get("stream") is False:
            return await self.fake.respond(request, entry.key, final, len(pieces))
        frames = [head + orjson.dumps(p) + tail for p in pieces]
        frames.append(line(final))
        return await self.fake.stream(
            request,
            entry.key,
            frames,
            content_type=NDJSON_CT,
            content_frames=len(pieces),
            error_frame=ndjson_error,
        )

    async def embed(self, request: web.Request) -> web.StreamResponse:
        named = named_request(request)
        if isinstance(named, web.Response):
            return named
        body, name = named
        raw_input = body.get("input")
        if isinstance(raw_input, str):
            inputs = [raw_input] if raw_input else []
        elif isinstance(raw_input, list) and all(isinstance(i, str) for i in raw_input):
            inputs = list(raw_input)
        elif raw_input is None:
            inputs = []
        else:
            return error_response(400, "invalid input type")
        dims = body.get("dimensions")
        if dims is not None and (not isinstance(dims, int) or dims < 0):
            return error_response(400, "invalid dimensions")
        entry = self.fake.registry.get(name)
        if entry is None:
            return error_response(404, not_found_message(name))
        rejection = self.fake.admit(request, entry.key)
        if rejection is not None:
            return rejection
        self.fake.registry.touch(entry, parse_keep_alive(None))
        if not inputs:
            return await self.fake.respond(
                request, entry.key, {"model": name, "embeddings": []}, generation=False
            )
        dim = dims or self.fake.embedding_dim
        count = embed_eval_count(inputs)
        timing = metrics(count, 0)
        result = {
            "model": name,
            "embeddings": [embedding(text, dim) for text in inputs],
            "total_duration": timing["total_duration"],
            "load_duration": timing["load_duration"],
            "prompt_eval_count": count,
        }
        return await self.fake.respond(request, entry.key, result, generation=False)

    async def embeddings(self, request: web.Request) -> web.StreamResponse:
        named = named_request(request)
        if isinstance(named, web.Response):
            return named
        body, name = named
        entry = self.fake.registry.get(name)
        if entry is None:
            return error_response(404, not_found_message(name))
        rejection = self.fake.admit(request, entry.key)
        if rejection is not None:
            return rejection
        prompt = body.get("prompt") or ""
        if not isinstance(prompt, str):
            return error_response(
                400, "json: cannot unmarshal value into Go struct field .prompt of type string"
            )
        vector = embedding(prompt, self.fake.embedding_dim) if prompt else []
        return await self.fake.respond(request, entry.key, {"embedding": vector}, generation=False)
