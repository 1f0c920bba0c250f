"""The portal's assets under ``/ui/``: caching, the SPA fallback, security headers, redirects."""

from __future__ import annotations

import gzip
from pathlib import Path

import httpx
import pytest

from ollama_gateway.web import assets as web_assets

INDEX = (
    b"<!doctype html><title>portal</title><script type=module src=/ui/assets/app-1a2b.js></script>"
)
SCRIPT = b"console.log('portal');" * 50


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A build output like Vite's, in place of the package's own."""
    (tmp_path / "assets").mkdir()
    (tmp_path / ".vite").mkdir()
    (tmp_path / "index.html").write_bytes(INDEX)
    (tmp_path / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "assets" / "app-1a2b.js").write_bytes(SCRIPT)
    (tmp_path / "assets" / "app-1a2b.js.gz").write_bytes(gzip.compress(SCRIPT))
    (tmp_path / ".vite" / "manifest.json").write_text("{}")
    monkeypatch.setattr(web_assets, "STATIC_ROOT", tmp_path)
    return tmp_path


def assert_strict(response: httpx.Response) -> None:
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "connect-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


@pytest.mark.usefixtures("built")
async def test_index_and_client_routes_are_the_app_page_never_cached(
    client: httpx.AsyncClient,
) -> None:
    for path in ("/ui/", "/ui/chat/12", "/ui/keys", "/ui/index.html"):
        page = await client.get(path)
        assert page.status_code == 200, path
        assert page.content == INDEX
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        assert page.headers["cache-control"] == "no-cache"
        assert_strict(page)


@pytest.mark.usefixtures("built")
async def test_hashed_assets_are_immutable_and_gzipped_when_accepted(
    client: httpx.AsyncClient,
) -> None:
    plain = await client.get("/ui/assets/app-1a2b.js", headers={"Accept-Encoding": "identity"})
    assert plain.content == SCRIPT
    assert plain.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert plain.headers["content-type"].startswith("text/javascript")
    assert "content-encoding" not in plain.headers
    assert_strict(plain)
    packed = await client.get("/ui/assets/app-1a2b.js", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.content == SCRIPT  # httpx decodes it
    assert packed.headers["vary"] == "Accept-Encoding"
    icon = await client.get("/ui/favicon.svg")
    assert icon.headers["cache-control"] == "public, max-age=3600"
    assert icon.headers["content-type"].startswith("image/svg+xml")


@pytest.mark.usefixtures("built")
async def test_missing_assets_and_escapes_are_404_not_the_page(client: httpx.AsyncClient) -> None:
    for path in (
        "/ui/assets/gone-9999.js",
        "/ui/assets/..%2F..%2Fpyproject.toml",
        "/ui/assets/%2e%2e/%2e%2e/router.py",
    ):
        answer = await client.get(path)
        assert answer.status_code == 404, path
        assert answer.json()["error"]["type"] == "not_found"
    manifest = await client.get("/ui/.vite/manifest.json")
    assert manifest.content == INDEX  # the build manifest is not served


async def test_root_redirects_browsers_and_answers_ollama_clients(
    client: httpx.AsyncClient,
) -> None:
    assert (await client.get("/")).text == "Ollama is running"
    browser = await client.get("/", headers={"Accept": "text/html,application/xhtml+xml"})
    assert browser.status_code == 303
    assert browser.headers["location"] == "/ui/"
    bare = await client.get("/ui")
    assert bare.status_code == 308
    assert bare.headers["location"] == "/ui/"


async def test_unbuilt_assets_say_how_to_build(
    client: httpx.AsyncClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web_assets, "STATIC_ROOT", tmp_path)
    page = await client.get("/ui/")
    assert page.status_code == 503
    assert "scripts/setup" in page.text
    assert_strict(page)
