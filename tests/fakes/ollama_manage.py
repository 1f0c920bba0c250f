"""Model-management endpoints of the fake Ollama server.

This module owns /api/pull, /api/push, /api/create (NDJSON ``{"status": ...}`` progress streams,
or a single ``{"status":"success"}`` with ``stream: false``), /api/copy, /api/delete and
/api/blobs/{digest}. Pulling or creating a model installs it in the fake's registry; deleting
removes it. Pulling a name containing ``notfound`` or ``does-not-exist`` fails like a missing
registry manifest.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

import orjson
from aiohttp import web

from .ollama_models import make_entry
from .ollama_native import line, named_request, ndjson_error
from .ollama_wire import (
    NDJSON_CT,
    RAW_BODY,
    error_response,
    go_quote,
    not_found_message,
    request_json,
)

if TYPE_CHECKING:
    from .ollama import FakeOllama

_DIGEST_RE: Final = re.compile(r"sha256[:-]([0-9a-fA-F]{64})")  # Ollama's GetBlobsPath
_PULL_FAILS: Final = ("notfound", "does-not-exist")


class ManageApi:
    """Handlers for model management, bound to one ``FakeOllama``."""

    def __init__(self, fake: FakeOllama) -> None:
        self.fake = fake

    def routes(self) -> list[web.RouteDef]:
        work = self.fake.work
        return [
            web.post("/api/pull", work(self.pull)),
            web.post("/api/push", work(self.push)),
            web.post("/api/create", work(self.create)),
            web.post("/api/copy", self.copy),
            web.delete("/api/delete", self.delete),
            web.head("/api/blobs/{digest}", self.blob_exists),
            web.post("/api/blobs/{digest}", self.blob_upload),
        ]

    async def _progress(
        self,
        request: web.Request,
        body: dict[str, Any],
        key: str,
        statuses: list[dict[str, Any]],
        on_success: Callable[[], None],
    ) -> web.StreamResponse:
        """Stream ``statuses`` then ``{"status":"success"}`` (or answer once if stream false)."""
        if body.get("stream") is False:
            return await self.fake.respond(
                request, key, {"status": "success"}, len(statuses), before=on_success
            )
        frames = [line(s) for s in statuses]
        frames.append(b'{"status":"success"}\n')
        return await self.fake.stream(
            request,
            key,
            frames,
            content_type=NDJSON_CT,
            content_frames=len(statuses),
            error_frame=ndjson_error,
            before_last=on_success,
        )

    async def pull(self, request: web.Request) -> web.StreamResponse:
        named = named_request(request, legacy=True)
        if isinstance(named, web.Response):
            return named
        body, name = named
        entry = make_entry(name)
        manifest = {"status": "pulling manifest"}
        if any(marker in name.lower() for marker in _PULL_FAILS):
            message = "pull model manifest: file does not exist"
            if body.get("stream") is False:
                return error_response(500, message)
            resp = web.StreamResponse(headers={"Content-Type": NDJSON_CT})
            await resp.prepare(request)
            await resp.write(line(manifest) + ndjson_error(message))
            return resp
        statuses: list[dict[str, Any]] = [manifest]
        for digest, size in entry.layers():
            status = f"pulling {digest[7:19]}"
            statuses.append({"status": status, "digest": digest, "total": size})
            statuses.append(
                {"status": status, "digest": digest, "total": size, "completed": size // 2}
            )
            statuses.append({"status": status, "digest": digest, "total": size, "completed": size})
        statuses += [
            {"status": "verifying sha256 digest"},
            {"status": "writing manifest"},
            {"status": "removing any unused layers"},
        ]

        def install() -> None:
            self.fake.registry.add(name)

        return await self._progress(request, body, entry.key, statuses, install)

    async def push(self, request: web.Request) -> web.StreamResponse:
        named = named_request(request, legacy=True)
        if isinstance(named, web.Response):
            return named
        body, name = named
        entry = self.fake.registry.get(name)
        if entry is None:
            return error_response(404, f"model {go_quote(name)} not found")
        statuses: list[dict[str, Any]] = [{"status": "retrieving manifest"}]
        for digest, size in entry.layers():
            status = f"pushing {digest[7:19]}"
            statuses.append({"status": status, "digest": digest, "total": size})
            statuses.append({"status": status, "digest": digest, "total": size, "completed": size})
        statuses.append({"status": "pushing manifest"})
        return await self._progress(request, body, entry.key, statuses, lambda: None)

    async def create(self, request: web.Request) -> web.StreamResponse:
        named = named_request(request, legacy=True)
        if isinstance(named, web.Response):
            return named
        body, name = named
        source, files = body.get("from"), body.get("files")
        if not source and not files:
            return error_response(400, "neither 'from' or 'files' was specified")
        parent = None
        statuses: list[dict[str, Any]] = []
        if source:
            parent = self.fake.registry.get(str(source))
            if parent is None:
                return error_response(404, not_found_message(str(source)))
            statuses += [
                {"status": f"using existing layer {digest}"} for digest, _ in parent.layers()
            ]
        if isinstance(files, dict):
            statuses.append({"status": "parsing GGUF"})
            statuses += [{"status": f"using existing layer {digest}"} for digest in files.values()]
        for field in ("template", "system", "parameters", "license", "messages"):
            if body.get(field):
                digest = hashlib.sha256(orjson.dumps(body[field])).hexdigest()
                statuses.append({"status": f"creating new layer sha256:{digest}"})
        statuses.append({"status": "writing manifest"})

        def install() -> None:
            self.fake.registry.add(name, parent)

        return await self._progress(request, body, make_entry(name).key, statuses, install)

    async def copy(self, request: web.Request) -> web.StreamResponse:
        body = request_json(request)
        if isinstance(body, web.Response):
            return body
        source, destination = body.get("source"), body.get("destination")
        if (
            not isinstance(source, str)
            or not isinstance(destination, str)
            or not source
            or not destination
        ):
            return error_response(400, "source and destination are required")
        entry = self.fake.registry.get(source)
        if entry is None:
            return error_response(404, f"model {go_quote(source)} not found")
        self.fake.registry.copy(entry, destination)
        return web.Response(status=200)

    async def delete(self, request: web.Request) -> web.StreamResponse:
        named = named_request(request, legacy=True)
        if isinstance(named, web.Response):
            return named
        _, name = named
        if not self.fake.registry.remove(name):
            return error_response(404, f"model '{name}' not found")
        return web.Response(status=200)

    # ------------------------------------------------------------------ blobs

    def _digest(self, request: web.Request) -> str | None:
        match = _DIGEST_RE.fullmatch(request.match_info["digest"])
        return f"sha256:{match.group(1)}" if match else None

    async def blob_exists(self, request: web.Request) -> web.StreamResponse:
        digest = self._digest(request)
        if digest is None:
            return error_response(400, "invalid digest format")
        return web.Response(status=200 if digest in self.fake.blobs else 404)

    async def blob_upload(self, request: web.Request) -> web.StreamResponse:
        digest = self._digest(request)
        if digest is None:
            return error_response(400, "invalid digest format")
        actual = "sha256:" + hashlib.sha256(request.get(RAW_BODY, b"")).hexdigest()
        if actual != digest:
            return error_response(
                400, f"digest mismatch, expected {go_quote(digest)}, got {go_quote(actual)}"
            )
        if digest in self.fake.blobs:
            return web.Response(status=200)
        self.fake.blobs.add(digest)
        return web.Response(status=201)
