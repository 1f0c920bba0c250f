"""Generate, API keys (used from outside the browser, then revoked), pulling a model with its
progress, the model list, and the usage charts."""

from __future__ import annotations

import asyncio
import re
import uuid

import httpx
from playwright.async_api import expect

from tests.e2e.conftest import MARKS, MakePortal, look
from tests.fakes.ollama import FakeOllamaThread

pytestmark = MARKS


async def test_generate_streams_with_options(portal: MakePortal) -> None:
    me = await portal()
    page = await me.open("/generate")
    await expect(page.get_by_label("Model")).to_have_value(re.compile(r"."))
    await page.get_by_label("Prompt", exact=True).fill(
        "tell me <img src=x onerror=alert(1)> a story"
    )
    await page.get_by_text("Options").click()
    await page.get_by_label("Temperature").fill("0.2")
    await page.get_by_label("Seed").fill("7")
    await page.get_by_label("Max tokens").fill("64")
    await page.get_by_role("button", name="Generate").click()
    output = page.get_by_test_id("generate-output")
    await expect(output).to_contain_text("Echo: tell me <img src=x onerror=alert(1)> a story")
    assert await output.locator("img").count() == 0
    await expect(page.get_by_text("tokens/s")).to_be_visible()
    await page.get_by_role("button", name="Copy output").click()
    assert "Echo: tell me" in await page.evaluate("navigator.clipboard.readText()")
    await look(page, "generate")


async def test_key_created_used_outside_and_revoked(portal: MakePortal) -> None:
    me = await portal()
    page = await me.open("/keys")
    await expect(page.get_by_text("You have no API key yet.")).to_be_visible()
    name = f"laptop-{uuid.uuid4().hex[:6]}"
    await page.get_by_label("Name", exact=True).fill(name)
    await page.get_by_label("Description").fill("<b>my</b> script")
    await page.get_by_label("Requests per minute").fill("30")
    await page.get_by_role("button", name="Create key").click()
    dialog = page.get_by_role("dialog", name="Your new API key")
    await expect(dialog).to_be_visible()
    await expect(dialog.get_by_text("only time the key is shown")).to_be_visible()
    secret = (await page.get_by_test_id("new-key").inner_text()).strip()
    assert secret.startswith("og-")
    await look(page, "keys-secret")
    await dialog.get_by_role("button", name="I have copied it").click()
    await expect(dialog).to_be_hidden()
    row = page.get_by_role("row").filter(has_text=name)
    await expect(row).to_contain_text("never")
    await expect(page.get_by_text("<b>my</b> script")).to_be_visible()
    async with httpx.AsyncClient(base_url=me.gateway.url) as outside:
        answer = await outside.post(
            "/api/generate",
            headers={"Authorization": f"Bearer {secret}"},
            json={"model": "llama3.2", "prompt": "hi", "stream": False},
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["response"] == "Echo: hi"
        await look(page, "keys")
        await row.get_by_role("button", name=f"Revoke {name}").click()
        confirm = page.get_by_role("dialog", name="Revoke this key?")
        await confirm.get_by_role("button", name="Revoke key").click()
        await expect(row).to_contain_text("revoked")
        refused = await outside.get("/api/tags", headers={"Authorization": f"Bearer {secret}"})
        assert refused.status_code == 401


async def test_pull_shows_progress_then_lists_the_model(
    portal: MakePortal, fake: FakeOllamaThread
) -> None:
    me = await portal()
    page = await me.open("/models")
    await expect(page.get_by_role("cell", name="qwen2.5:0.5b")).to_be_visible()
    await look(page, "models")
    fake.delay_per_chunk = 0.25
    try:
        await page.get_by_label("Model name").fill("smollm:135m")
        await page.get_by_role("button", name="Pull").click()
        bar = page.get_by_role("progressbar")
        await expect(bar).to_be_visible()
        await expect(page.get_by_text(re.compile(r"pulling \w+ \d+%"))).to_be_visible()
        await look(page, "models-pull")
    finally:
        fake.delay_per_chunk = 0.0
    await expect(page.get_by_text("smollm:135m is ready.")).to_be_visible(timeout=20_000)
    await expect(page.get_by_role("cell", name="smollm:135m")).to_be_visible()


async def test_usage_charts(portal: MakePortal) -> None:
    me = await portal()
    async with httpx.AsyncClient(base_url=me.gateway.url) as outside:
        login = await outside.post(
            "/api/auth/login", json={"username": me.username, "password": "Portal-Pass-123!"}
        )
        token = login.json()["access_token"]
        for model in ("llama3.2", "qwen2.5:0.5b", "llama3.2"):
            answer = await outside.post(
                "/api/generate",
                headers={"Authorization": f"Bearer {token}"},
                json={"model": model, "prompt": "count these words", "stream": False},
            )
            assert answer.status_code == 200
        for _ in range(100):  # the usage writer stores records in batches, about every second
            usage = await outside.get("/api/usage", headers={"Authorization": f"Bearer {token}"})
            if usage.json()["totals"]["requests"] >= 3:
                break
            await asyncio.sleep(0.2)
    page = await me.open("/usage")
    await expect(page.get_by_test_id("total-requests")).to_have_text(
        re.compile(r"[1-9]"), timeout=15_000
    )
    await expect(page.locator("canvas")).to_have_count(3)
    await expect(page.get_by_role("cell", name="qwen2.5:0.5b")).to_be_visible()
    await expect(page.locator("meter").first).to_be_visible()
    await look(page, "usage")
