"""The admin console (issue 12) in the browser, signed in as the bootstrap admin.

Each test walks one admin flow against the live gateway and checks its effect where a person
would see it (another user's browser, an API key used from outside, a downloaded CSV, the
fake Ollama's model list); ``test_every_admin_page_looks_right`` runs axe-core and saves the
screenshots of every section; the last test shows that no other role reaches any of it.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
import uuid

import httpx
import pytest
from playwright.async_api import Page, expect

from tests.e2e.conftest import MARKS, MakePortal, Portal, look
from tests.e2e.live import ADMIN_PASSWORD, PASSWORD, LiveGateway
from tests.fakes.ollama import FakeOllamaThread

pytestmark = MARKS

_TITLES = {
    "users": "Users",
    "keys": "API keys",
    "logs": "Request log",
    "audit": "Audit log",
    "telemetry": "Telemetry",
    "models": "Models",
    "upstreams": "Upstreams",
    "settings": "Settings",
    "query": "Query",
}
_HEADINGS = {**_TITLES, "query": "Query console"}


async def admin(portal: MakePortal) -> Portal:
    """A browser context signed in as the gateway's bootstrap admin."""
    me = await portal(signed_in=False)
    answer = await me.context.request.post(
        "/api/auth/login",
        data={"username": "admin", "password": ADMIN_PASSWORD, "set_cookie": True},
    )
    assert answer.ok, await answer.text()
    me.username = "admin"
    return me


def admin_token(gateway: LiveGateway) -> str:
    answer = httpx.post(
        gateway.url + "/api/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD}
    )
    answer.raise_for_status()
    return str(answer.json()["access_token"])


def make_user(gateway: LiveGateway, role: str) -> str:
    """An account of ``role`` made through the admin API; its username."""
    name = f"{role.replace('-', '')}{uuid.uuid4().hex[:8]}"
    answer = httpx.post(
        gateway.url + "/api/admin/users",
        headers={"Authorization": f"Bearer {admin_token(gateway)}"},
        json={"username": name, "email": f"{name}@example.com", "password": PASSWORD, "role": role},
    )
    assert answer.status_code == 201, answer.text
    return name


async def logged(gateway: LiveGateway, username: str, count: int) -> None:
    """Wait until the usage writer (batches about every second) stored ``count`` records of
    ``username``."""
    headers = {"Authorization": f"Bearer {admin_token(gateway)}"}
    async with httpx.AsyncClient(base_url=gateway.url, headers=headers) as client:
        user = (await client.get("/api/admin/users", params={"q": username})).json()["items"][0]
        for _ in range(100):
            page = await client.get("/api/admin/logs", params={"user_id": user["id"]})
            if len(page.json()["items"]) >= count:
                return
            await asyncio.sleep(0.1)
    raise AssertionError(f"{count} log records of {username} never appeared")


async def sign_in(portal: MakePortal, username: str) -> Portal:
    me = await portal(signed_in=False)
    answer = await me.context.request.post(
        "/api/auth/login", data={"username": username, "password": PASSWORD, "set_cookie": True}
    )
    assert answer.ok, await answer.text()
    me.username = username
    return me


def user_row(page: Page, username: str):  # type: ignore[no-untyped-def]
    return page.locator(f'tr[data-user="{username}"]')


async def test_promote_then_deactivate_a_user(portal: MakePortal) -> None:
    boss = await admin(portal)
    page = await boss.open("/admin/users")
    name = f"promo{uuid.uuid4().hex[:8]}"
    await page.get_by_label("Username").fill(name)
    await page.get_by_label("Email").fill(f"{name}@example.com")
    await page.get_by_label("Role", exact=True).select_option("user")
    await page.get_by_label("Password", exact=True).fill(PASSWORD)
    await page.get_by_role("button", name="Create user").click()
    row = user_row(page, name)
    await expect(row).to_contain_text("active")

    them = await sign_in(portal, name)
    theirs = await them.open("/dashboard")
    nav = theirs.get_by_role("navigation", name="Main")
    await expect(nav.get_by_role("link", name="Generate")).to_be_visible()
    await expect(nav.get_by_role("link", name="API keys")).to_have_count(0)
    await expect(nav.get_by_role("link", name="Admin")).to_have_count(0)

    async with page.expect_response(lambda r: r.request.method == "PATCH") as changed:
        await row.get_by_label(f"Role of {name}").select_option("developer")
    assert (await changed.value).ok
    await expect(row.get_by_label(f"Role of {name}")).to_have_value("developer")
    await theirs.reload()
    await expect(nav.get_by_role("link", name="API keys")).to_be_visible()
    await expect(theirs.get_by_text(f"{name} · developer")).to_be_visible()

    # Deactivated: the open session ends on its next request (and the page goes to sign in).
    them.expected += ["401", "403"]
    async with page.expect_response(lambda r: r.request.method == "PATCH") as changed:
        await row.get_by_role("button", name=f"Deactivate {name}").click()
    assert (await changed.value).ok
    await expect(row).to_contain_text("inactive")
    await nav.get_by_role("link", name="Models").click()
    await expect(theirs).to_have_url(re.compile(r"/ui/login"), timeout=10_000)
    assert (await them.context.request.get("/api/auth/whoami")).status == 401


async def test_reset_password_and_limits(portal: MakePortal) -> None:
    boss = await admin(portal)
    name = make_user(boss.gateway, "user")
    page = await boss.open("/admin/users")
    await page.get_by_label("Search users").fill(name)
    await page.get_by_role("button", name="Search").click()
    row = user_row(page, name)
    await row.get_by_role("button", name=f"Reset password of {name}").click()
    dialog = page.get_by_role("dialog", name="New password")
    await expect(dialog).to_contain_text("only time")
    password = (await page.get_by_test_id("new-password").inner_text()).strip()
    await dialog.get_by_role("button", name="Done").click()
    login = {"username": name, "password": password}
    assert httpx.post(boss.url("/api/auth/login"), json=login).status_code == 200
    login["password"] = PASSWORD
    assert httpx.post(boss.url("/api/auth/login"), json=login).status_code == 401

    await row.get_by_role("button", name=f"Limits of {name}").click()
    dialog = page.get_by_role("dialog", name=f"Limits of {name}")
    await dialog.get_by_label("Requests per hour").fill("7")
    await dialog.get_by_role("button", name="Save limits").click()
    await expect(dialog).to_be_hidden()
    await expect(row).to_contain_text("own limits")
    users = httpx.get(
        boss.url("/api/admin/users"),
        params={"q": name},
        headers={"Authorization": f"Bearer {admin_token(boss.gateway)}"},
    ).json()["items"]
    assert users[0]["limits"]["requests_per_hour"] == 7

    await row.get_by_role("button", name=f"Delete {name}").click()
    confirm = page.get_by_role("dialog", name="Delete this user?")
    await expect(confirm).to_contain_text("chats")
    await confirm.get_by_role("button", name="Delete user").click()
    await expect(row).to_have_count(0)


async def test_revoke_another_users_key(portal: MakePortal) -> None:
    owner = make_user(portal_gateway := (await admin(portal)).gateway, "developer")
    async with httpx.AsyncClient(base_url=portal_gateway.url) as outside:
        login = await outside.post(
            "/api/auth/login", json={"username": owner, "password": PASSWORD}
        )
        token = login.json()["access_token"]
        made = await outside.post(
            "/api/auth/api-keys",
            headers={"Authorization": f"Bearer {token}"},
            json={"name": "their-script"},
        )
        assert made.status_code == 201, made.text
        secret = made.json()["key"]
        key = {"Authorization": f"Bearer {secret}"}
        assert (await outside.get("/api/tags", headers=key)).status_code == 200

        boss = await admin(portal)
        page = await boss.open("/admin/keys")
        await page.get_by_label("Search keys").fill(owner)
        await page.get_by_role("button", name="Filter").click()
        row = page.locator('tr[data-key="their-script"]')
        await expect(row).to_have_count(1)
        await expect(row).to_contain_text(owner)
        await expect(row).to_contain_text(re.compile(r"\d{1,2}:\d{2}"))  # last used
        await row.get_by_role("button", name=re.compile("Revoke")).click()
        await page.get_by_role("dialog").get_by_role("button", name="Revoke key").click()
        await expect(row).to_contain_text("revoked")
        for _ in range(50):
            refused = await outside.get("/api/tags", headers=key)
            if refused.status_code == 401:
                break
            await asyncio.sleep(0.1)
        assert refused.status_code == 401


async def test_log_filter_csv_and_telemetry(portal: MakePortal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    boss = await admin(portal)
    name = make_user(boss.gateway, "user")
    async with httpx.AsyncClient(base_url=boss.gateway.url) as outside:
        token = (
            await outside.post("/api/auth/login", json={"username": name, "password": PASSWORD})
        ).json()["access_token"]
        for model in ("llama3.2", "qwen2.5:0.5b", "llama3.2"):
            answer = await outside.post(
                "/api/generate",
                headers={"Authorization": f"Bearer {token}"},
                json={"model": model, "prompt": "log me", "stream": False},
            )
            assert answer.status_code == 200
    await logged(boss.gateway, name, 3)
    page = await boss.open("/admin/logs")
    await page.get_by_label("User").fill(name)
    await page.get_by_role("button", name="Apply filters").click()
    rows = page.locator("tr[data-log]")
    await expect(rows).to_have_count(3)
    await rows.first.get_by_role("button", name=re.compile("Details")).click()
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text("/api/generate")
    await dialog.get_by_role("button", name="Close").click()
    async with page.expect_download() as info:
        await page.get_by_role("link", name="Export CSV").click()
    path = tmp_path / "log.csv"
    await (await info.value).save_as(path)
    records = list(csv.DictReader(io.StringIO(path.read_text())))
    assert len(records) == 3
    assert {r["username"] for r in records} == {name}
    assert sorted(r["model"] for r in records) == ["llama3.2", "llama3.2", "qwen2.5:0.5b"]
    assert {r["route"] for r in records} == {"/api/generate"}

    # The live tail brings a new request of the filter on top without a reload.
    await page.get_by_label("Live tail").check()
    async with httpx.AsyncClient(base_url=boss.gateway.url) as outside:
        answer = await outside.post(
            "/api/generate",
            headers={"Authorization": f"Bearer {token}"},
            json={"model": "llama3.2", "prompt": "tail me", "stream": False},
        )
        assert answer.status_code == 200
    await expect(rows).to_have_count(4, timeout=15_000)
    await page.get_by_label("Live tail").uncheck()

    await page.get_by_role("navigation", name="Admin").get_by_role("link", name="Telemetry").click()
    await expect(page.get_by_test_id("total-requests")).to_have_text(re.compile(r"[1-9]"))
    await expect(page.locator(".charts canvas")).to_have_count(6)
    await page.get_by_label("Break down by").select_option("user")
    await expect(page.get_by_role("cell", name=name)).to_be_visible()


async def test_content_logging_setting_shows_prompt_and_answer(portal: MakePortal) -> None:
    boss = await admin(portal)
    name = make_user(boss.gateway, "user")
    page = await boss.open("/admin/settings")
    switch = page.get_by_label("Keep prompts and answers in the request log")
    try:
        await switch.check()
        await page.get_by_role("button", name="Save settings").click()
        await expect(page.get_by_role("status")).to_contain_text("Saved")
        await expect(
            page.get_by_role("region", name="Changed from the environment")
        ).to_contain_text("log_content")
        async with httpx.AsyncClient(base_url=boss.gateway.url) as outside:
            token = (
                await outside.post("/api/auth/login", json={"username": name, "password": PASSWORD})
            ).json()["access_token"]
            answer = await outside.post(
                "/api/generate",
                headers={"Authorization": f"Bearer {token}"},
                json={"model": "llama3.2", "prompt": "the secret sauce", "stream": False},
            )
            assert answer.status_code == 200
        await (
            page.get_by_role("navigation", name="Admin")
            .get_by_role("link", name="Request log")
            .click()
        )
        await logged(boss.gateway, name, 1)
        await page.get_by_label("User").fill(name)
        await page.get_by_role("button", name="Apply filters").click()
        rows = page.locator("tr[data-log]")
        await expect(rows).to_have_count(1)
        await rows.first.get_by_role("button", name=re.compile("Details")).click()
        await expect(page.get_by_test_id("log-prompt")).to_contain_text("the secret sauce")
        await expect(page.get_by_test_id("log-answer")).to_contain_text("Echo: the secret sauce")
        await look(page, "admin-log-detail")
    finally:
        httpx.patch(
            boss.url("/api/admin/settings"),
            json={"reset": ["log_content"]},
            headers={"Authorization": f"Bearer {admin_token(boss.gateway)}"},
        ).raise_for_status()


async def test_upstream_added_becomes_healthy(portal: MakePortal) -> None:
    boss = await admin(portal)
    page = await boss.open("/admin/upstreams")
    name = f"second-{uuid.uuid4().hex[:6]}"
    with FakeOllamaThread() as second:
        await page.get_by_label("Name", exact=True).fill(name)
        await page.get_by_label("URL").fill(second.url)
        await page.get_by_role("button", name="Add node").click()
        row = page.locator(f'tr[data-node="{name}"]')
        await expect(row.get_by_test_id("health")).to_have_text("healthy", timeout=15_000)
        await expect(row).to_contain_text("llama3.2")
        await row.get_by_role("button", name=f"Disable {name}").click()
        await expect(row.get_by_test_id("health")).to_have_text("disabled")
        await row.get_by_role("button", name=f"Remove {name}").click()
        await page.get_by_role("dialog").get_by_role("button", name="Remove node").click()
        await expect(row).to_have_count(0)


async def test_disabled_model_leaves_the_picker(portal: MakePortal) -> None:
    boss = await admin(portal)
    user = await portal()
    picker = (await user.open("/generate")).get_by_label("Model")
    await expect(picker.locator("option", has_text="qwen2.5:0.5b")).to_have_count(1)
    page = await boss.open("/admin/models")
    enabled = page.get_by_label("qwen2.5:0.5b enabled")
    try:
        await enabled.uncheck()
        await expect(page.locator('tr[data-model="qwen2.5:0.5b"]')).to_have_class(re.compile("off"))
        await user.page.reload()
        await expect(picker.locator("option", has_text="llama3.2")).to_have_count(1)
        await expect(picker.locator("option", has_text="qwen2.5:0.5b")).to_have_count(0)
    finally:
        await enabled.check()
        await expect(page.locator('tr[data-model="qwen2.5:0.5b"]')).not_to_have_class(
            re.compile("off")
        )


async def test_pull_onto_a_node_then_delete(portal: MakePortal) -> None:
    boss = await admin(portal)
    page = await boss.open("/admin/models")
    name = f"tiny{uuid.uuid4().hex[:6]}:1b"
    await page.get_by_label("Model name").fill(name)
    await page.get_by_role("group", name=re.compile("Onto nodes")).get_by_label("default").check()
    await page.get_by_role("button", name="Pull", exact=True).click()
    await expect(page.get_by_test_id("pull-status")).to_have_text("success")
    await expect(page.get_by_role("progressbar", name="default: success")).to_be_visible()
    row = page.locator(f'tr[data-model="{name}"]')
    await expect(row).to_contain_text("default")
    await row.get_by_role("button", name=f"Delete {name}").click()
    dialog = page.get_by_role("dialog", name=f"Delete {name}?")
    await dialog.get_by_label("default").check()
    await dialog.get_by_role("button", name="Delete model").click()
    await expect(dialog.get_by_role("listitem")).to_contain_text("default:")
    await dialog.get_by_role("button", name="Close").click()
    await expect(row).to_have_count(0)


async def test_query_console(portal: MakePortal) -> None:
    boss = await admin(portal)
    boss.expected += ["400", "403"]
    page = await boss.open("/admin/query")
    editor = page.get_by_label("SQL statement")
    await editor.fill("SELECT username, role FROM users WHERE username = 'admin'")
    await page.get_by_role("button", name="Run").click()
    table = page.get_by_role("region", name="Query results")
    await expect(table.get_by_role("cell", name="admin", exact=True).first).to_be_visible()
    await expect(page.get_by_role("status")).to_contain_text("1 row")
    await editor.fill("DELETE FROM users")
    await editor.press("Control+Enter")
    await expect(page.get_by_test_id("query-error")).to_contain_text("Statement refused")
    history = page.get_by_role("region", name="Your history").or_(page.locator(".history"))
    await expect(history.get_by_text("DELETE FROM users")).to_be_visible()
    await page.reload()
    await expect(page.locator(".history").get_by_text("SELECT username, role")).to_be_visible()


async def test_every_admin_page_looks_right(portal: MakePortal) -> None:
    boss = await admin(portal)
    page = await boss.open("/admin")
    await expect(page.get_by_role("heading", name="Users", level=1)).to_be_visible()
    for section, title in _TITLES.items():
        await (
            page.get_by_role("navigation", name="Admin")
            .get_by_role("link", name=re.compile(f"^{title}$"))
            .click()
        )
        await expect(page.get_by_role("heading", level=1)).to_have_text(_HEADINGS[section])
        await expect(page.get_by_text("Loading…").filter(visible=True)).to_have_count(0)
        await look(page, f"admin-{section}")


@pytest.mark.parametrize("role", ["developer", "user", "read-only"])
async def test_no_admin_page_for_other_roles(portal: MakePortal, role: str) -> None:
    me = await sign_in(portal, make_user((await portal(signed_in=False)).gateway, role))
    page = await me.open("/dashboard")
    await expect(page.get_by_role("heading", level=1)).to_be_visible()
    await expect(page.get_by_role("link", name="Admin")).to_have_count(0)
    for section in ("", "/users", "/query"):
        await me.open(f"/admin{section}")
        await expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    for path in (
        "/api/admin/users",
        "/api/admin/api-keys",
        "/api/admin/logs",
        "/api/admin/settings",
    ):
        assert (await me.context.request.get(path)).status == 403, path
    refused = await me.context.request.post(
        "/api/admin/query", data={"sql": "SELECT 1"}, headers={"X-CSRF-Token": await csrf(me)}
    )
    assert refused.status == 403


ADMIN_READS = ("/api/admin/users", "/api/admin/api-keys", "/api/admin/logs", "/api/admin/settings")


async def csrf(me: Portal) -> str:
    cookies = await me.context.cookies()
    return next(c["value"] for c in cookies if c["name"] == "og_csrf")
