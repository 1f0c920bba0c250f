"""Browser tests: Playwright for Python driving Debian's chromium against a live gateway.

* ``gateway``: one ``ollama-gateway serve`` process for the session (``live.py``) in front of the
  fake Ollama (``fake``), on SQLite.
* ``portal(username=None)``: a new browser context and page, signed in as a fresh developer
  account (or not signed in).  It records console errors, page errors and dialogs; a test fails
  if any happened (a dialog is what an XSS payload's ``alert`` would open).
* ``look(page, name)``: axe-core on the page (no serious or critical violation), then screenshots
  at 1280 and 375 px, light and dark, into ``tests/e2e/screenshots/`` (git-ignored).

Every module here sets ``pytestmark = MARKS``: marked ``e2e`` and in the ``e2e`` xdist group, so one
worker runs them all on one browser while the other workers run the rest of the suite.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Page,
    async_playwright,
    expect,
)

from tests.conftest import unavailable
from tests.e2e.live import PASSWORD, LiveGateway
from tests.fakes.ollama import FakeOllamaThread

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
STATIC = ROOT / "src" / "ollama_gateway" / "web" / "static" / "index.html"
SHOTS = Path(__file__).parent / "screenshots"
#: The machine runs the rest of the suite beside the browser: waits get more than the default 5 s.
expect.set_options(timeout=15_000)
MARKS = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="session")
def fake() -> Iterator[FakeOllamaThread]:
    with FakeOllamaThread() as server:
        yield server


@pytest.fixture(scope="session")
def gateway(
    fake: FakeOllamaThread, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveGateway]:
    if not STATIC.is_file():
        unavailable("the portal's built assets", "run scripts/setup (npm ci && npm run build)")
    with LiveGateway(tmp_path_factory.mktemp("e2e"), fake.url) as live:
        yield live


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    if not CHROMIUM.exists():
        unavailable("chromium", f"{CHROMIUM} is missing (scripts/setup dev installs it)")
    async with async_playwright() as driver:
        launched = await driver.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield launched
        await launched.close()


@dataclass
class Portal:
    """One signed-in (or anonymous) browser context and its page."""

    gateway: LiveGateway
    context: BrowserContext
    page: Page
    username: str
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    #: Console errors a test provokes on purpose (a refused request logs one), as substrings.
    expected: list[str] = field(default_factory=list)

    async def open(self, path: str) -> Page:
        await self.page.goto(self.gateway.url + "/ui" + path)
        return self.page

    def url(self, path: str) -> str:
        return self.gateway.url + path


MakePortal = Callable[..., Awaitable[Portal]]


@pytest.fixture
async def portal(gateway: LiveGateway, browser: Browser) -> AsyncIterator[MakePortal]:
    made: list[Portal] = []

    async def factory(*, signed_in: bool = True, width: int = 1280, **options: Any) -> Portal:
        context = await browser.new_context(
            base_url=gateway.url, viewport={"width": width, "height": 860}, **options
        )
        await context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = await context.new_page()
        username = f"u{uuid.uuid4().hex[:10]}"
        portal = Portal(gateway, context, page, username)

        def console(message: ConsoleMessage) -> None:
            if message.type == "error" and not any(e in message.text for e in portal.expected):
                portal.errors.append(f"console: {message.text} at {page.url}")

        async def dialog(box: Dialog) -> None:
            portal.dialogs.append(f"{box.type}: {box.message}")
            await box.dismiss()

        page.on("console", console)
        page.on("pageerror", lambda exc: portal.errors.append(f"page error: {exc}"))
        page.on("dialog", dialog)
        if signed_in:
            gateway.register(username)
            answer = await context.request.post(
                "/api/auth/login",
                data={"username": username, "password": PASSWORD, "set_cookie": True},
            )
            assert answer.ok, await answer.text()
        made.append(portal)
        return portal

    yield factory
    for each in made:
        await each.context.close()
    for each in made:
        assert each.dialogs == [], f"dialogs fired: {each.dialogs}"
        assert each.errors == [], "\n".join(each.errors)


async def axe(page: Page) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations of the page as it is now."""
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.evaluate(AXE.read_text())
    result = await page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return list(result)


_OVERFLOW = """width => document.documentElement.scrollWidth <= width ? [] :
  [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1
    && !e.closest('.table-wrap, pre')).slice(0, 5).map(e => e.tagName + '.' + e.className)"""


async def look(page: Page, name: str) -> None:
    """axe-core in light and dark, and the four screenshots of this page."""
    SHOTS.mkdir(exist_ok=True)
    size = page.viewport_size or {"width": 1280, "height": 860}
    try:
        for width in (1280, 375):
            await page.set_viewport_size({"width": width, "height": 860})
            for scheme in ("light", "dark"):
                await page.emulate_media(color_scheme=scheme)
                assert await axe(page) == [], f"{name} at {width} px ({scheme})"
                wide = await page.evaluate(_OVERFLOW, width)
                assert wide == [], f"{name} at {width} px is wider than the screen: {wide}"
                await page.screenshot(path=SHOTS / f"{name}-{width}-{scheme}.png", full_page=True)
    finally:
        await page.emulate_media(color_scheme=None)
        await page.set_viewport_size(size)
