"""One browser test against a real model: a chat answer from llama.cpp's SmolLM2 streams in.

The gateway in front is a live ``serve`` whose only node is ``llama-server`` as an ``openai`` node
(``tests/e2e_llm`` builds and serves it); the page is the portal's chat page, as a user sees it.
What is asserted is behaviour, never the model's words: text appears while the answer streams,
the answer ends with its performance figures, and what the page shows is what was stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import expect

from tests.e2e.conftest import MARKS, MakePortal
from tests.e2e.live import LiveGateway
from tests.e2e_llm.conftest import MODEL_ALIAS, llama_server

#: The test alone (the model's build, which its setup may wait for, has its own limit)
pytestmark = [*MARKS, pytest.mark.timeout(600, func_only=True)]

__all__ = ["llama_server"]  # the session fixture, shared with tests/e2e_llm


@pytest.fixture(scope="module")
def gateway(llama_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveGateway]:
    data: Path = tmp_path_factory.mktemp("e2e-real")
    live = LiveGateway(data, f"openai+{llama_server}/v1")
    live.env["DEFAULT_MODEL"] = MODEL_ALIAS
    with live:
        yield live


async def test_a_real_models_answer_streams_into_the_chat_page(
    portal: MakePortal, gateway: LiveGateway
) -> None:
    me = await portal()
    page = await me.open("/")
    box = page.get_by_label("Message", exact=True)
    await box.fill("Name three colours.")
    await box.press("Enter")
    answer = page.get_by_test_id("message-assistant")
    await expect(answer).not_to_have_text("", timeout=120_000)  # text while it streams
    await expect(page.get_by_text("tokens/s")).to_be_visible(timeout=180_000)  # finished
    shown = (await answer.last.inner_text()).strip()
    assert shown
    chat_id = page.url.rsplit("/", 1)[-1]
    cookies = {c["name"]: c["value"] for c in await me.context.cookies()}
    stored = httpx.get(f"{gateway.url}/api/chats/{chat_id}", cookies=cookies).json()
    last = stored["messages"][-1]
    assert last["status"] == "complete"
    assert last["content"].strip()
    assert last["performance"]["completion_tokens"] > 0
