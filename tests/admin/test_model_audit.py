"""Model management through the gateway is audited: pull, copy and delete (Ollama routes) each
leave an event with the model, the nodes and the status, listed by ``GET /api/admin/audit``."""

from __future__ import annotations

from tests.auth.factories import make_actor
from tests.conftest import MakeApp, http_client
from tests.fakes.ollama import FakeOllama

QUIET = {"cache_enabled": False, "rate_limit_enabled": False, "catalog_reload_interval": 0}


async def test_pull_copy_delete_are_audited(make_app: MakeApp) -> None:
    async with (
        FakeOllama() as fake,
        make_app(ollama_api_base_url=[fake.url], **QUIET) as app,
        http_client(app) as client,
    ):
        admin = await make_actor(app, "admin")
        dev = await make_actor(app, "developer")
        headers = {"X-API-Key": dev.key}
        pulled = await client.post(
            "/api/pull", json={"model": "qwen2.5:0.5b", "stream": False}, headers=headers
        )
        assert pulled.status_code == 200, pulled.text
        copied = await client.post(
            "/api/copy", json={"source": "llama3.2", "destination": "mine"}, headers=headers
        )
        assert copied.status_code == 200, copied.text
        await app.state.upstreams.check_all()
        gone = await client.request(
            "DELETE", "/api/delete", json={"model": "mine"}, headers={"X-API-Key": admin.key}
        )
        assert gone.status_code == 200
        trail = await client.get(
            "/api/admin/audit",
            params={
                "kind": ["model_pull", "model_copy", "model_delete"],
            },
            headers=admin.headers,
        )
        events = {e["kind"]: e for e in trail.json()["items"]}
        assert set(events) == {"model_pull", "model_copy", "model_delete"}
        assert events["model_pull"]["target"] == "model:qwen2.5:0.5b"
        assert events["model_copy"]["target"] == "model:mine"
        assert events["model_copy"]["details"]["source"] == "llama3.2"
        assert events["model_delete"]["details"]["status"] == 200
        assert events["model_delete"]["details"]["nodes"]
        assert events["model_pull"]["details"]["key_id"] == dev.key_id
        assert events["model_pull"]["actor_user_id"] == dev.user_id
        assert events["model_delete"]["actor_user_id"] == admin.user_id
        assert all(e["ip"] for e in events.values())
