"""OpenAPI: the three security schemes behind Swagger's "Authorize", and login's two bodies."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI


def test_security_schemes_are_declared(app: FastAPI) -> None:
    schema: dict[str, Any] = app.openapi()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["OAuth2Password"]["flows"]["password"]["tokenUrl"] == "/api/auth/login"
    assert schemes["Bearer"] == {"type": "http", "scheme": "bearer"}
    assert schemes["APIKey"] == {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    me = schema["paths"]["/api/auth/me"]["get"]
    assert {name for item in me["security"] for name in item} >= {
        "OAuth2Password",
        "Bearer",
        "APIKey",
    }
    login = schema["paths"]["/api/auth/login"]["post"]["requestBody"]["content"]
    assert set(login) == {"application/json", "application/x-www-form-urlencoded"}
    created = schema["paths"]["/api/auth/api-keys"]["post"]["responses"]["201"]
    assert "key" in str(created) or "ApiKeyCreated" in str(created)
