"""Register, sign in and out, the session's return path, theme, and every page's look."""

from __future__ import annotations

import re
import uuid

import httpx
from playwright.async_api import expect

from tests.e2e.conftest import MARKS, MakePortal, look
from tests.e2e.live import ADMIN_PASSWORD, PASSWORD

pytestmark = MARKS


async def test_register_shows_rules_live_then_signs_in_and_out(portal: MakePortal) -> None:
    me = await portal(signed_in=False)
    page = await me.open("/")
    await expect(page).to_have_url(re.compile(r"/ui/login\?next="))
    await look(page, "login")
    await page.get_by_role("link", name="Create an account").click()
    await expect(page.get_by_role("heading", name="Create an account")).to_be_visible()
    name = f"r{uuid.uuid4().hex[:8]}"
    await page.get_by_label("Username").fill(name)
    await page.get_by_label("Email").fill(f"{name}@example.com")
    rules = page.locator("#password-rules li")
    await page.get_by_label("Password").fill("abc")
    await expect(rules.filter(has_text="a lowercase letter")).to_have_class(re.compile("ok"))
    await expect(rules.filter(has_text="at least 8 characters")).not_to_have_class(re.compile("ok"))
    await expect(page.get_by_role("button", name="Create account")).to_be_disabled()
    await look(page, "register")
    await page.get_by_label("Password").fill(PASSWORD)
    await expect(rules.filter(has_text="at least 8 characters")).to_have_class(re.compile("ok"))
    await page.get_by_role("button", name="Create account").click()
    await expect(page.get_by_text(f"{name} · developer")).to_be_visible()
    await page.get_by_role("button", name="Sign out").click()
    await expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    # the session ended on the server: the old cookies no longer open a page
    await me.open("/dashboard")
    await expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    await page.get_by_label("Username or email").fill(name)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page).to_have_url(re.compile(r"/ui/dashboard$"))
    await expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


async def test_dashboard_settings_and_theme(portal: MakePortal) -> None:
    me = await portal()
    page = await me.open("/dashboard")
    await expect(page.get_by_role("heading", name="Account")).to_be_visible()
    await expect(page.get_by_role("cell", name="default")).to_be_visible()
    await expect(page.get_by_text("healthy").first).to_be_visible()
    await look(page, "dashboard")
    await page.get_by_role("link", name="Settings").click()
    await expect(page.get_by_role("heading", name="Settings")).to_be_visible()
    await look(page, "settings")
    await page.get_by_label("dark").check()
    await expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    await expect(page.get_by_text("Preferences saved.")).to_be_visible()
    await page.reload()
    await expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    await expect(page.get_by_label("dark")).to_be_checked()
    await page.get_by_label("light").check()
    await expect(page.locator("html")).to_have_attribute("data-theme", "light")


async def test_unknown_page_says_so(portal: MakePortal) -> None:
    me = await portal()
    page = await me.open("/no-such-page")
    await expect(page.get_by_role("heading", name="Page not found")).to_be_visible()


async def test_pages_follow_the_role(portal: MakePortal) -> None:
    me = await portal()
    async with httpx.AsyncClient(base_url=me.gateway.url) as admin:
        login = await admin.post(
            "/api/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD}
        )
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        found = await admin.get("/api/admin/users", params={"q": me.username}, headers=headers)
        user_id = found.json()["items"][0]["id"]
        changed = await admin.patch(
            f"/api/admin/users/{user_id}", json={"role": "read-only"}, headers=headers
        )
        assert changed.status_code == 200, changed.text
    page = await me.open("/dashboard")
    nav = page.get_by_role("navigation", name="Main")
    await expect(nav.get_by_role("link", name="Chat")).to_be_visible()
    for hidden in ("Generate", "API keys"):
        await expect(nav.get_by_role("link", name=hidden)).to_have_count(0)
    await me.open("/keys")
    await expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    await me.open("/chat")
    await expect(
        page.get_by_text("Your role can read chats but not send messages.")
    ).to_be_visible()


async def test_closed_registration_says_so(portal: MakePortal) -> None:
    me = await portal(signed_in=False)
    me.expected.append("status of 403")  # the refused registration, logged by the browser
    async with httpx.AsyncClient(base_url=me.gateway.url) as admin:
        login = await admin.post(
            "/api/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD}
        )
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        closed = await admin.patch(
            "/api/admin/settings", json={"registration_open": False}, headers=headers
        )
        assert closed.status_code == 200, closed.text
        try:
            page = await me.open("/register")
            name = f"c{uuid.uuid4().hex[:8]}"
            await page.get_by_label("Username").fill(name)
            await page.get_by_label("Email").fill(f"{name}@example.com")
            await page.get_by_label("Password").fill(PASSWORD)
            await page.get_by_role("button", name="Create account").click()
            await expect(page.get_by_text("Registration is closed on this gateway")).to_be_visible()
            await look(page, "register-closed")
        finally:
            await admin.patch(
                "/api/admin/settings", json={"registration_open": True}, headers=headers
            )
