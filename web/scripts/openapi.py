"""Prints the gateway's OpenAPI document, built by ``create_app()`` without a server or database.

``npm run types`` feeds it to openapi-typescript (``src/api/schema.d.ts``); ``npm run types:check``
fails when the committed types differ from what the current API generates.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import orjson

from ollama_gateway.core.config import Settings
from ollama_gateway.main import create_app


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, data_dir=Path(tmp), secret_key="x" * 32, environment="test"
        )
        document = create_app(settings).openapi()
    sys.stdout.buffer.write(
        orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    )


if __name__ == "__main__":
    main()
