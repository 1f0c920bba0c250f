"""Settings: no usable default secret; a generated SECRET_KEY is kept across restarts."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from ollama_gateway.core.config import LimitSet, Settings, ensure_secret_key


def _settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, **values)  # type: ignore[call-arg]


def test_secret_key_is_generated_once_persisted_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    first = ensure_secret_key(_settings(tmp_path))
    assert len(first.secret_key) >= 32
    assert "generated one and stored it" in caplog.text
    assert first.secret_key not in caplog.text
    path = tmp_path / "secret_key"
    assert path.read_text() == first.secret_key
    assert path.stat().st_mode & 0o077 == 0
    caplog.clear()
    restarted = ensure_secret_key(_settings(tmp_path))
    assert restarted.secret_key == first.secret_key
    assert "generated" not in caplog.text


def test_a_given_secret_key_must_be_long(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 32"):
        ensure_secret_key(_settings(tmp_path, secret_key="short"))
    kept = ensure_secret_key(_settings(tmp_path, secret_key="k" * 40))
    assert kept.secret_key == "k" * 40
    assert not (tmp_path / "secret_key").exists()


def test_no_secret_has_a_usable_default(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    assert settings.secret_key == ""
    assert settings.admin_password is None
    assert settings.database_url.startswith("sqlite+aiosqlite:///")


def test_environment_names_and_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OLLAMA_API_BASE_URL", "http://a:11434/, http://b:11434")
    monkeypatch.setenv("PASSWORD_MIN_LENGTH", "12")
    monkeypatch.setenv("RATE_LIMIT_AUTH_PER_MINUTE", "9")
    settings = _settings(tmp_path)
    assert settings.ollama_api_base_url == ["http://a:11434", "http://b:11434"]
    assert settings.password_min_length == 12
    assert settings.rate_limit_auth_per_minute == 9


def test_role_limits_merge_overrides(tmp_path: Path) -> None:
    settings = _settings(
        tmp_path,
        rate_limit_per_minute=60,
        rate_limit_role_overrides={"developer": {"requests_per_minute": 600}},
    )
    assert settings.role_limits("user").requests_per_minute == 60
    assert settings.role_limits("developer").requests_per_minute == 600
    assert settings.role_limits("admin") == LimitSet()
    merged = settings.role_limits("user").merged(LimitSet(requests_per_minute=0))
    assert merged.requests_per_minute == 0
    assert merged.concurrent_streams == settings.rate_limit_concurrent_streams
