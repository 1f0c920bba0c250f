"""Turns that belong to the server: :class:`TurnManager` (``app.state.chat_turns``).

A turn is an asyncio task of the application, not of the HTTP request that started it: a client
that disconnects stops reading, not generating.  The task reads the upstream answer through the
gateway (``gateway.consume``: node choice, failover, deadline, metering, admission settled),
publishes deltas on the :class:`TurnHub`, checkpoints the partial text at most every
``CHAT_CHECKPOINT_SECONDS`` and writes the answer once at the end:

* complete: ``complete``;
* ``stop`` (or the chat deleted): the upstream request cancelled, the partial text ``stopped``;
* the upstream dies or sends an in-band error: the partial text, ``error`` and the message;
* shutdown: running turns get ``SHUTDOWN_TIMEOUT`` to finish, then are stored ``interrupted``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from ollama_gateway.chats import store
from ollama_gateway.chats.hub import TurnEvent, TurnHub
from ollama_gateway.chats.schemas import MessagePublic, Performance
from ollama_gateway.chats.store import TurnStore
from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import Database
from ollama_gateway.core.errors import AppError
from ollama_gateway.gateway import Exchange, Gateway, UpstreamCall, consume

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TurnSpec:
    chat_id: int
    assistant_id: int
    assistant_created: datetime
    siblings: list[int]
    user_message: MessagePublic
    model: str
    call: UpstreamCall
    ex: Exchange
    #: The question, when the chat's title may be improved by ``CHAT_TITLE_MODEL`` afterwards.
    title_source: str | None = None


class Turn:
    """One running turn: the accumulated answer and how it ended (module docstring)."""

    def __init__(self, spec: TurnSpec, manager: TurnManager) -> None:
        self.spec = spec
        self.manager = manager
        self.parts: list[str] = []
        self.error: str | None = None
        self.final: dict[str, Any] | None = None
        self.first_token: float | None = None
        self.reason: str | None = None
        self.result: asyncio.Future[MessagePublic] = asyncio.get_running_loop().create_future()
        self.task: asyncio.Task[None] | None = None
        self._saved_at = time.monotonic()
        self._saved_parts = 0
        self._checkpoint: asyncio.Task[None] | None = None

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def feed(self, chunk: bytes) -> None:
        """One relayed chunk (whole NDJSON lines) of Ollama's ``/api/chat`` stream."""
        pieces: list[str] = []
        for obj in ndjson_values(chunk):
            if not isinstance(obj, dict):
                continue
            if "error" in obj:
                error = obj["error"]
                self.error = error if isinstance(error, str) else orjson.dumps(error).decode()
                continue
            message = obj.get("message")
            if isinstance(message, dict):
                piece = message.get("content")
                if isinstance(piece, str) and piece:
                    pieces.append(piece)
            if obj.get("done") is True:
                self.final = obj
        if pieces:
            if self.first_token is None:
                self.first_token = time.perf_counter()
            text = pieces[0] if len(pieces) == 1 else "".join(pieces)
            self.parts.append(text)
            self.manager.hub.publish(self.spec.chat_id, TurnEvent("delta", {"content": text}))
            self._maybe_checkpoint()

    def _maybe_checkpoint(self) -> None:
        now = time.monotonic()
        if now - self._saved_at < self.manager.checkpoint_seconds:
            return
        if self._checkpoint is not None and not self._checkpoint.done():
            return
        self._saved_at = now
        self._saved_parts = len(self.parts)
        self._checkpoint = asyncio.create_task(self._save(self.text))

    async def _save(self, text: str) -> None:
        try:
            await self.manager.store.checkpoint(message_id=self.spec.assistant_id, content=text)
        except Exception:
            logger.exception("chat turn checkpoint failed (chat %s)", self.spec.chat_id)

    async def settle_checkpoint(self) -> None:
        """Let an in-flight checkpoint land before the final write (never after it)."""
        if self._checkpoint is not None:
            with contextlib.suppress(BaseException):
                await asyncio.shield(self._checkpoint)

    def figures(self) -> dict[str, Any]:
        final = self.final or {}
        ex = self.spec.ex
        now = time.perf_counter()

        def number(name: str) -> int | None:
            value = final.get(name)
            return value if isinstance(value, int) and not isinstance(value, bool) else None

        total_ns, eval_ns, evals = (
            number("total_duration"),
            number("eval_duration"),
            number("eval_count"),
        )
        completion = evals if evals is not None else ex.completion_tokens or None
        prompt = number("prompt_eval_count")
        speed = None
        if evals and eval_ns:
            speed = evals / (eval_ns / 1e9)
        elif completion and self.first_token is not None and now > self.first_token:
            speed = completion / (now - self.first_token)
        return {
            "total_duration_ms": total_ns / 1e6 if total_ns else (now - ex.started) * 1000.0,
            "prompt_tokens": prompt if prompt is not None else ex.prompt_tokens or None,
            "completion_tokens": completion,
            "tokens_per_second": round(speed, 3) if speed is not None else None,
            "ttft_ms": (self.first_token - ex.started) * 1000.0 if self.first_token else None,
        }


class TurnManager:
    """The application's running turns, at most one per chat (module docstring)."""

    def __init__(self, *, db: Database, gateway: Gateway, hub: TurnHub, settings: Settings) -> None:
        self.db = db
        self.store = TurnStore(db)
        self.gateway = gateway
        self.hub = hub
        self.settings = settings
        self.checkpoint_seconds = settings.chat_checkpoint_seconds
        self.turns: dict[int, Turn] = {}
        self._background: set[asyncio.Task[None]] = set()
        hub.on_stop(self.stop_local)

    def running(self, chat_id: int) -> Turn | None:
        return self.turns.get(chat_id)

    def launch(self, spec: TurnSpec) -> Turn:
        turn = Turn(spec, self)
        self.turns[spec.chat_id] = turn
        self.hub.publish(
            spec.chat_id,
            TurnEvent(
                "start",
                {
                    "chat_id": spec.chat_id,
                    "user_message": spec.user_message.model_dump(mode="json"),
                    "assistant_message_id": spec.assistant_id,
                    "model": spec.model,
                },
            ),
        )
        turn.task = asyncio.create_task(self._run(turn), name=f"chat-turn-{spec.chat_id}")
        return turn

    def stop_local(self, chat_id: int, reason: str = "stopped") -> bool:
        turn = self.turns.get(chat_id)
        if turn is None or turn.task is None or turn.task.done() or turn.reason is not None:
            return False
        turn.reason = reason
        ex = turn.spec.ex
        # to the relay, the turn is a client that left: it closes the upstream connection
        # (Ollama stops generating) and records a 499, with no in-band error line
        ex.disconnected = True
        ex.fail(499, f"chat turn {reason}")
        turn.task.cancel()
        return True

    async def stop(self, chat_id: int) -> bool:
        """Stop the chat's turn, here or (through the hub) wherever it runs."""
        return self.stop_local(chat_id) or await self.hub.stop(chat_id)

    async def _run(self, turn: Turn) -> None:
        spec = turn.spec
        status, error = "complete", None
        try:
            await consume(spec.ex, self.gateway.pool, spec.call, turn.feed)
            if turn.reason is not None:  # stopped while the relay ran (it absorbs the cancel)
                status = turn.reason
            elif turn.error is not None:
                status, error = "error", turn.error
            elif turn.final is None:
                status, error = "error", "the answer ended before it was complete"
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if task is not None:
                task.uncancel()
            status = turn.reason or "interrupted"
        except AppError as exc:
            status, error = "error", _error_text(exc.message)
        except Exception as exc:
            logger.exception("chat turn failed (chat %s)", spec.chat_id)
            status, error = "error", f"{type(exc).__name__}: {exc}"[:500]
        if status == "interrupted":
            error = "the server stopped before the answer was complete"
        await self._conclude(turn, status, error)

    async def _conclude(self, turn: Turn, status: str, error: str | None) -> None:
        spec = turn.spec
        text, figures = turn.text, turn.figures()
        await turn.settle_checkpoint()
        try:
            await self.store.finish(
                chat_id=spec.chat_id,
                message_id=spec.assistant_id,
                content=text,
                status=status,
                error=error,
                figures=figures,
            )
        except Exception:
            logger.exception("storing the answer of chat %s failed", spec.chat_id)
        message = MessagePublic(
            id=spec.assistant_id,
            role="assistant",
            content=text,
            model=spec.model,
            parent_id=spec.user_message.id,
            created_at=spec.assistant_created,
            status=status,
            error=error,
            siblings=spec.siblings,
            performance=Performance(**figures),
        )
        self.turns.pop(spec.chat_id, None)
        self.hub.publish(
            spec.chat_id,
            TurnEvent(
                "done",
                {
                    "assistant_message": message.model_dump(mode="json"),
                    "performance": figures,
                },
            ),
        )
        if not turn.result.done():
            turn.result.set_result(message)
        if status == "complete" and spec.title_source and self.settings.chat_title_model:
            self._spawn(self._retitle(spec))

    def _spawn(self, work: Any) -> None:
        task = asyncio.create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _retitle(self, spec: TurnSpec) -> None:
        from ollama_gateway.chats.titles import propose

        try:
            title = await propose(self, spec)
            if title:
                await store.retitle(self.db, chat_id=spec.chat_id, title=title)
        except Exception:
            logger.warning("the title model failed for chat %s", spec.chat_id, exc_info=True)

    async def shutdown(self, grace: float) -> None:
        """Give running turns ``grace`` seconds, then store them ``interrupted``."""
        tasks = [t.task for t in self.turns.values() if t.task is not None]
        if tasks:
            _done, pending = await asyncio.wait(tasks, timeout=grace)
            for chat_id in list(self.turns):
                self.stop_local(chat_id, "interrupted")
            if pending:
                await asyncio.wait(pending, timeout=10)
        for task in list(self._background):
            task.cancel()
        if self._background:
            await asyncio.wait(list(self._background), timeout=2)
        await self.store.close()


def ndjson_values(chunk: bytes) -> list[Any]:
    """The JSON values of a chunk's lines, in one parse when every line is valid (an upstream
    writes many lines at once when it is fast); line by line, skipping bad ones, otherwise."""
    lines = [line for line in chunk.split(b"\n") if line]
    if len(lines) > 1:
        try:
            values: list[Any] = orjson.loads(b"[" + b",".join(lines) + b"]")
            if len(values) == len(lines):  # a line such as `1,2` would be two values
                return values
        except orjson.JSONDecodeError:
            pass
    found = []
    for line in lines:
        try:
            found.append(orjson.loads(line))
        except orjson.JSONDecodeError:
            continue
    return found


def _error_text(message: str) -> str:
    """Ollama's ``{"error": "..."}`` body as its text; anything else as it is."""
    try:
        body = orjson.loads(message)
    except orjson.JSONDecodeError:
        return message
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        return str(body["error"])
    return message
