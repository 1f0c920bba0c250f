"""The chat page: streamed answers, stop, regenerate and branches, re-attach after a reload,
search/rename/delete, images, and XSS payloads as a question and as the model's answer."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator

import pytest
from playwright.async_api import Page, expect

from tests.e2e.conftest import MARKS, MakePortal, look
from tests.fakes.ollama import FakeOllamaThread

pytestmark = MARKS

# a 1x1 PNG
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    "<iframe src=javascript:alert(3)></iframe>",
    "[click me](javascript:alert(4))",
    "<svg><script>alert(5)</script></svg>",
)


@pytest.fixture
def slow(fake: FakeOllamaThread) -> Iterator[FakeOllamaThread]:
    """Answers of 40 pieces, 0.15 s apart: long enough to stop or reload in the middle."""
    fake.chunks, fake.delay_per_chunk = 40, 0.15
    yield fake
    fake.chunks, fake.delay_per_chunk = 5, 0.0


async def ask(page: Page, text: str) -> None:
    box = page.get_by_label("Message", exact=True)
    await box.fill(text)
    await box.press("Enter")


def words(n: int) -> str:
    return " ".join(f"w{i}" for i in range(n))


async def test_chat_streams_regenerates_and_switches_branch(portal: MakePortal) -> None:
    me = await portal()
    page = await me.open("/")
    await expect(page.get_by_role("heading", name="New chat")).to_be_visible()
    await look(page, "chat-empty")
    box = page.get_by_label("Message", exact=True)
    await box.fill("first line")
    await box.press("Shift+Enter")
    await box.press_sequentially("second line")
    await expect(box).to_have_value("first line\nsecond line")
    await box.press("Enter")
    answer = page.get_by_test_id("message-assistant")
    await expect(answer).to_contain_text("Echo: first line")
    await expect(page).to_have_url(re.compile(r"/ui/chat/\d+$"))
    await expect(page.get_by_text("tokens/s")).to_be_visible()
    await expect(page.get_by_role("link", name=re.compile("first line"))).to_be_visible()
    await page.get_by_role("button", name="Regenerate").click()
    await expect(page.get_by_text("2/2")).to_be_visible()
    await page.get_by_role("button", name="Previous version").click()
    await expect(page.get_by_text("1/2")).to_be_visible()
    await page.get_by_role("button", name="Edit").click()
    await page.get_by_label("Edit your message").fill("edited question")
    await page.get_by_role("button", name="Save and resend").click()
    await expect(answer).to_have_count(1)
    await expect(answer).to_contain_text("Echo: edited question")
    await expect(page.get_by_text("2/2")).to_be_visible()
    code_question = "```python\ndef ordered(items):\n    return sorted(items)  # new list\n```"
    await ask(page, f"Sort a list in **Python**:\n{code_question}")
    code = page.get_by_test_id("message-assistant").last.locator(".code-block")
    await expect(code.locator(".hljs-keyword").first).to_have_text("def")
    await code.get_by_role("button", name="Copy").click()
    assert "return sorted(items)" in await page.evaluate("navigator.clipboard.readText()")
    await look(page, "chat")


async def test_stop_and_reload_mid_answer(portal: MakePortal, slow: FakeOllamaThread) -> None:
    me = await portal()
    page = await me.open("/chat")
    await ask(page, words(60))
    answer = page.get_by_test_id("message-assistant")
    await expect(answer).to_contain_text("w3")
    await page.get_by_role("button", name="Stop").click()
    await expect(page.get_by_text("Stopped")).to_be_visible()
    await expect(answer).not_to_contain_text("w59")
    # a new answer, then a reload in its middle: the page re-attaches and sees it finish
    await ask(page, words(40))
    await expect(answer.last).to_contain_text("w2")
    await page.reload()
    await expect(answer.last).to_contain_text("w39", timeout=20_000)
    await expect(page.get_by_role("button", name="Send")).to_be_visible()


async def test_find_rename_and_delete_chats(portal: MakePortal) -> None:
    me = await portal()
    page = await me.open("/chat")
    for topic in ("zebra stripes", "penguin colonies", "zebra crossing"):
        await page.get_by_role("button", name="New chat", exact=True).click()
        await ask(page, topic)
        await expect(page.get_by_test_id("message-assistant").last).to_contain_text(
            f"Echo: {topic}"
        )
    await page.get_by_label("Search chats").fill("zebra")
    await expect(page.locator(".items li")).to_have_count(2)
    await expect(page.locator(".items mark").first).to_have_text(re.compile("zebra", re.I))
    await look(page, "chat-search")
    await page.get_by_role("button", name="Actions for zebra stripes").click()
    await page.get_by_role("button", name="Rename").click()
    await page.get_by_label("Title").fill("Striped horses")
    await page.get_by_role("button", name="Rename").click()
    await page.get_by_label("Search chats").fill("")
    await expect(page.get_by_role("link", name=re.compile("Striped horses"))).to_be_visible()
    await page.get_by_role("button", name="Actions for Striped horses").click()
    await page.get_by_role("button", name="Delete").click()
    await page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    await expect(page.get_by_role("link", name=re.compile("Striped horses"))).to_have_count(0)
    await expect(page.get_by_role("dialog")).to_have_count(0)  # closed before the next click
    select = page.get_by_role("button", name="Select")
    await select.click()
    await expect(page.get_by_role("button", name="Done")).to_have_attribute("aria-pressed", "true")
    await page.get_by_label("Select penguin colonies").check()
    await page.get_by_label("Select zebra crossing").check()
    await page.get_by_role("button", name="Delete selected").click()
    await page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    await expect(page.get_by_text("No chats yet.")).to_be_visible()


async def test_attach_an_image(portal: MakePortal) -> None:
    me = await portal()
    page = await me.open("/chat")
    await page.locator("#attach").set_input_files(
        files=[{"name": "dot.png", "mimeType": "image/png", "buffer": PNG}]
    )
    await expect(page.get_by_role("img", name="dot.png")).to_be_visible()
    await ask(page, "what is in this picture")
    await expect(page.get_by_test_id("message-assistant")).to_contain_text("Echo:")
    image = page.get_by_role("img", name="Attached image/png")
    await expect(image).to_be_visible()
    await page.wait_for_function(
        "() => [...document.querySelectorAll('img[alt^=Attached]')].some(i => i.naturalWidth === 1)"
    )


async def test_xss_payloads_render_as_text(portal: MakePortal) -> None:
    me = await portal()
    page = await me.open("/chat")
    await page.evaluate("window.__ran = 0")
    answers = page.get_by_test_id("message-assistant")
    for payload in PAYLOADS:
        await ask(page, payload)
        # the fake answers "Echo: <payload>": the payload comes back as the model's answer too
        shown = "click me" if payload.startswith("[") else payload
        await expect(answers.last).to_contain_text(f"Echo: {shown}")
        await expect(page.get_by_role("button", name="Send")).to_be_visible()
    messages = page.locator(".messages")
    for payload in PAYLOADS[:3]:
        await expect(page.get_by_test_id("message-user").filter(has_text=payload)).to_have_count(1)
        await expect(
            page.get_by_test_id("message-assistant").filter(has_text=payload)
        ).to_have_count(1)
    assert await messages.locator("script, iframe, svg, img[onerror]").count() == 0
    links = await messages.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert not [href for href in links if href.lower().startswith("javascript:")]
    assert await page.evaluate("window.__ran") == 0
    await look(page, "chat-xss")


async def test_upstream_failure_shows_a_message_and_a_retry(
    portal: MakePortal, fake: FakeOllamaThread
) -> None:
    me = await portal()
    page = await me.open("/chat")
    fake.fail_with = (500, "model runner crashed")
    try:
        await ask(page, "are you there")
        alert = page.get_by_role("alert")
        await expect(alert).to_contain_text("model runner crashed")
        await look(page, "chat-error")
    finally:
        fake.fail_with = None
    await alert.get_by_role("button", name="Retry").click()
    await expect(page.get_by_test_id("message-assistant").last).to_contain_text(
        "Echo: are you there"
    )


async def test_export_and_archive(portal: MakePortal) -> None:
    me = await portal()
    page = await me.open("/chat")
    await ask(page, "keep this one")
    await expect(page.get_by_test_id("message-assistant")).to_contain_text("Echo: keep this one")
    for button, check in (("Export .md", "Echo: keep this one"), ("Export .json", '"messages"')):
        async with page.expect_download() as download:
            await page.get_by_role("button", name=button).click()
        saved = await (await download.value).path()
        assert check in saved.read_text()
    await page.get_by_role("button", name="Actions for keep this one").click()
    await page.get_by_role("button", name="Archive").click()
    await expect(page.get_by_text("No chats yet.")).to_be_visible()
    await page.get_by_label("archived").check()
    await expect(page.get_by_role("link", name=re.compile("keep this one"))).to_be_visible()
