"""The ``ollama-gateway`` console script: serve, migrate, create-admin, reset-password.

``serve`` applies pending migrations and creates the first admin once, in the parent process,
before the ASGI server starts its workers (so a generated admin password is printed once).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import getpass
import logging
import math
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from ollama_gateway import __version__
from ollama_gateway.auth import bootstrap
from ollama_gateway.core.config import Settings, ensure_secret_key
from ollama_gateway.core.db import Database
from ollama_gateway.core.errors import AppError
from ollama_gateway.core.logging import configure_logging

if TYPE_CHECKING:
    from ollama_gateway.core.server import ServerLimits

logger = logging.getLogger(__name__)


async def _with_db(settings: Settings, work: Callable[[Database], Awaitable[None]]) -> None:
    db = Database(settings.database_url)
    try:
        await work(db)
    finally:
        await db.dispose()


def _prepare(settings: Settings, *, migrate: bool) -> None:
    async def work(db: Database) -> None:
        if migrate:
            await db.migrate()
        password = await bootstrap.ensure_admin(db, settings)
        if password:
            bootstrap.print_generated_password(settings.admin_username, password)

    asyncio.run(_with_db(settings, work))


def _server_limits(settings: Settings) -> ServerLimits:
    """The serving protocol's limits; raises ``RLIMIT_NOFILE`` to its hard maximum first."""
    from ollama_gateway.core.server import ServerLimits, connection_cap, raise_descriptor_limit

    before, after = raise_descriptor_limit()
    cap = settings.server_max_connections or connection_cap(after)
    logger.info("descriptor limit %d (was %d); at most %d client connections", after, before, cap)
    return ServerLimits(
        max_head_bytes=settings.server_max_head_bytes,
        max_headers=settings.server_max_headers,
        head_timeout=settings.server_head_timeout or None,
        body_idle_timeout=settings.server_body_idle_timeout or None,
        max_connections=cap,
    )


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    _prepare(settings, migrate=not args.no_migrate)
    if args.workers > 1 and not settings.redis_url and settings.rate_limit_enabled:
        logger.error(
            "%d workers without REDIS_URL: each worker counts rate limits and quotas on its own, "
            "so callers get up to %d times their limits; set REDIS_URL to share them",
            args.workers,
            args.workers,
        )
    os.environ["AUTO_MIGRATE"] = "false"  # done above, once, for every worker
    from ollama_gateway.core.server import CoalescingHttpToolsProtocol

    limits = _server_limits(settings)  # workers inherit the raised descriptor limit
    # uvicorn re-raises the signal that stopped it once its graceful shutdown is over; with this
    # handler in place that ends ``run`` normally, so a SIGTERM stop exits 0 (it is no failure)
    signal.signal(signal.SIGTERM, _stopped)
    uvicorn.run(
        "ollama_gateway.main:app_factory",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers,
        loop="uvloop",
        # uvicorn's httptools protocol, one write less, with the limits (a partial pickles)
        http=functools.partial(CoalescingHttpToolsProtocol, limits=limits),  # type: ignore[arg-type]
        access_log=False,
        log_config=None,
        proxy_headers=args.proxy_headers,
        timeout_graceful_shutdown=math.ceil(settings.shutdown_timeout),  # uvicorn types an int
    )
    return 0


def _stopped(_signum: int, _frame: object) -> None:
    """SIGTERM after uvicorn's graceful shutdown: nothing left to do."""


def _migrate(_args: argparse.Namespace, settings: Settings) -> int:
    """Migrations, and the first admin when there is none (a fleet's one-off release step)."""
    _prepare(settings, migrate=True)
    print("database is up to date")
    return 0


def _read_password(given: str | None) -> str | None:
    if given:
        return given
    if sys.stdin.isatty():
        return getpass.getpass("Password (empty to generate one): ") or None
    return None


def _create_admin(args: argparse.Namespace, settings: Settings) -> int:
    password = _read_password(args.password)

    async def work(db: Database) -> None:
        await db.migrate()
        generated = await bootstrap.create_admin(
            db, settings, username=args.username, email=args.email, password=password
        )
        if generated:
            bootstrap.print_generated_password(args.username, generated)
        else:
            print(f"admin '{args.username}' created")

    asyncio.run(_with_db(settings, work))
    return 0


def _reset_password(args: argparse.Namespace, settings: Settings) -> int:
    password = _read_password(args.password)

    async def work(db: Database) -> None:
        generated = await bootstrap.reset_password(
            db, settings, username=args.username, password=password
        )
        if generated:
            print(f"new password for '{args.username}' (shown once): {generated}")
        else:
            print(f"password of '{args.username}' changed; their sessions were revoked")

    asyncio.run(_with_db(settings, work))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ollama-gateway", description=__doc__)
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the server")
    serve.add_argument("--host", default=None, help="bind address (default: HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, default=None, help="port (default: PORT or 8000)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes")
    serve.add_argument("--no-migrate", action="store_true", help="do not apply migrations")
    serve.add_argument("--proxy-headers", action="store_true", help="trust X-Forwarded-*")
    serve.set_defaults(handler=_serve)

    migrate = sub.add_parser(
        "migrate", help="apply pending database migrations (and create the first admin if none)"
    )
    migrate.set_defaults(handler=_migrate)

    admin = sub.add_parser("create-admin", help="create an admin account")
    admin.add_argument("--username", required=True)
    admin.add_argument("--email", required=True)
    admin.add_argument("--password", default=None, help="omit to be asked or to generate one")
    admin.set_defaults(handler=_create_admin)

    reset = sub.add_parser("reset-password", help="set a user's password, revoking sessions")
    reset.add_argument("--username", required=True)
    reset.add_argument("--password", default=None, help="omit to be asked or to generate one")
    reset.set_defaults(handler=_reset_password)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    configure_logging(settings.log_level, json=settings.log_json, file=settings.log_file)
    ensure_secret_key(settings)
    handler: Callable[[argparse.Namespace, Settings], int] = args.handler
    try:
        return handler(args, settings)
    except AppError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        if isinstance(exc.details, list):
            for detail in exc.details:
                print(f"  - {detail}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
