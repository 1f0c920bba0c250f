"""Ids out of the columns' range are a 422, not a driver overflow (500), on both backends."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient

from tests.auth.factories import make_actor

TOO_BIG = ("2147483648", "9223372036854775808", "-28170000000000000000000000000000", "0")


async def test_out_of_range_path_ids_are_422(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    for bad in TOO_BIG:
        for method, path in (
            ("DELETE", f"/api/auth/api-keys/{bad}"),
            ("PATCH", f"/api/auth/api-keys/{bad}"),
            ("GET", f"/api/admin/users/{bad}/limits"),
        ):
            answer = await client.request(
                method,
                path,
                json={"name": "x"} if method == "PATCH" else None,
                headers=admin.headers,
            )
            assert answer.status_code == 422, (method, path, answer.text)
            assert answer.json()["error"]["type"] == "validation_error"
    largest = await client.delete("/api/auth/api-keys/2147483647", headers=admin.headers)
    assert largest.status_code == 404  # in range, no such key
