"""``log_access`` writes the very line ``logger.info(..., extra=...)`` would, via the handlers."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import orjson
import pytest

from ollama_gateway.core.logging import JsonFormatter, TextFormatter, log_access, request_id_var


@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO, logging.Handler]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("test.access")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    token = request_id_var.set("access-test-0001")
    try:
        yield logger, stream, handler
    finally:
        request_id_var.reset(token)
        logger.removeHandler(handler)


def _lines(stream: io.StringIO) -> list[str]:
    return stream.getvalue().splitlines()


def test_json_line_matches_logger_info(
    captured: tuple[logging.Logger, io.StringIO, logging.Handler],
) -> None:
    logger, stream, handler = captured
    handler.setFormatter(JsonFormatter())
    fields = {"status": 200, "duration_ms": 1.25}
    logger.info("%s %s %s", "POST", "/api/chat", 200, extra=fields)
    log_access(logger, "POST /api/chat 200", fields)
    expected, actual = (orjson.loads(line) for line in _lines(stream))
    assert expected.pop("ts")[:4] == actual.pop("ts")[:4]  # the year
    assert actual == expected
    assert list(actual) == list(expected)  # same key order
    assert actual == {
        "level": "INFO",
        "logger": "test.access",
        "msg": "POST /api/chat 200",
        "request_id": "access-test-0001",
        "status": 200,
        "duration_ms": 1.25,
    }


def test_text_line_matches_logger_info(
    captured: tuple[logging.Logger, io.StringIO, logging.Handler],
) -> None:
    logger, stream, handler = captured
    handler.setFormatter(TextFormatter("%(levelname)s %(name)s: %(message)s %(status)s"))
    logger.info("%s %s %s", "GET", "/api/tags?x=%20", 404, extra={"status": 404})
    log_access(logger, "GET /api/tags?x=%20 404", {"status": 404})
    first, second = _lines(stream)
    assert first == second == "INFO test.access: GET /api/tags?x=%20 404 404 [access-test-0001]"


def test_nothing_is_built_below_the_level(
    captured: tuple[logging.Logger, io.StringIO, logging.Handler],
) -> None:
    logger, stream, _handler = captured
    logger.setLevel(logging.WARNING)
    log_access(logger, "POST /api/chat 200", {"status": 200})
    assert stream.getvalue() == ""
