"""Structured logging: one JSON object per line on stdout and, optionally, a rotating file.

Every line carries the id of the request it was written under (:data:`request_id_var`).

:func:`log_access` writes the access line of a request (one per request, on the hot path) as a
record handed straight to the logger's handlers: the same record, handlers and line as
``logger.info`` would give, without the caller lookup ``Logger._log`` does (it walks the stack
and normalises file names), and with its fields pre-collected so that :class:`JsonFormatter`
renders the line with one ``orjson.dumps`` and no scan of the record's attributes (measured:
about a third of the Python work of ``logger.info`` with ``extra``).
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

request_id_var: ContextVar[str] = ContextVar("request_id", default="")

_RESERVED = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


#: Record attribute holding the extra fields :func:`log_access` set (skips the attribute scan).
_FIELDS = "_og_fields"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        fields: dict[str, Any] | None = record.__dict__.get(_FIELDS)
        if fields is not None:
            entry.update(fields)
        else:
            for key, value in record.__dict__.items():
                if key not in _RESERVED and not key.startswith("_"):
                    entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


def log_access(logger: logging.Logger, message: str, fields: dict[str, Any]) -> None:
    """``logger.info(message, extra=fields)``, cheaply (module docstring); ``message`` is final."""
    if not logger.isEnabledFor(logging.INFO):
        return
    record = logger.makeRecord(
        logger.name, logging.INFO, __file__, 0, message, (), None, "log_access", fields
    )
    record.__dict__[_FIELDS] = fields
    logger.handle(record)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        base = super().format(record)
        request_id = request_id_var.get()
        return f"{base} [{request_id}]" if request_id else base


_LOGGED = "_og_logged"


def mark_logged(exc: BaseException) -> None:
    """Note that ``exc`` has been logged (with its request id): :class:`AlreadyLogged` drops
    the server's own "Exception in ASGI application" line for it."""
    with contextlib.suppress(AttributeError):  # a type without a __dict__: logged twice
        setattr(exc, _LOGGED, True)


class AlreadyLogged(logging.Filter):
    """On ``uvicorn.error``: drops a record whose exception the application logged already.

    Starlette's ``ServerErrorMiddleware`` answers an unhandled error through the app's handler
    (``core.handlers``, which logs it once, with the request id) and then re-raises it, so that
    uvicorn logs the same traceback again, without the request id.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not getattr(exc, _LOGGED, False)


def configure_logging(level: str = "INFO", *, json: bool = True, file: Path | None = None) -> None:
    formatter: logging.Formatter = (
        JsonFormatter()
        if json
        else TextFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stdout)]
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(file, maxBytes=10 * 1024 * 1024, backupCount=5)
        )
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_ollama_gateway", False):
            root.removeHandler(handler)
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._ollama_gateway = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level.upper())
    for noisy in ("uvicorn.access", "aiosqlite", "sqlalchemy.engine.Engine"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    server = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, AlreadyLogged) for f in server.filters):
        server.addFilter(AlreadyLogged())
