"""The effective settings of a process: :class:`RuntimeSettings` (``app.state.runtime_settings``).

``current`` is a whole :class:`~ollama_gateway.core.config.Settings`: the environment's, with
the values an admin stored in the database (``runtime_settings``) applied on top.  Code that
needs a run-time-changeable value reads it there at use time (registration, the default role,
the default limits of each role, content logging, retention, the default model, personal
hosts).  The lifespan keeps ``app.state.settings`` identical to ``current``, so ``SettingsDep``
gives effective values too.  Pure data: no SQL here (``runtime.service`` loads and stores).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from ollama_gateway.core.config import LimitSet, Settings
from ollama_gateway.runtime.schemas import RuntimeOverrides

logger = logging.getLogger(__name__)

Listener = Callable[[Settings], Awaitable[None]]

#: The ``Settings`` fields an admin may override.
OVERRIDABLE: tuple[str, ...] = tuple(RuntimeOverrides.model_fields)


def _validated(overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The stored values that pass the ``PATCH`` checks (a bad row is logged and ignored)."""
    good: dict[str, Any] = {}
    for name, value in overrides.items():
        if name not in OVERRIDABLE:
            continue
        try:
            RuntimeOverrides.model_validate({name: value})
        except ValidationError as exc:
            logger.warning("stored setting %s ignored: %s", name, exc.errors()[0]["msg"])
            continue
        if value is not None:
            good[name] = value
    return good


def _typed(name: str, value: Any) -> Any:
    if name == "rate_limit_role_overrides":
        return {role: LimitSet.model_validate(limits) for role, limits in value.items()}
    return value


class RuntimeSettings:
    """The environment's settings with the stored overrides applied; see the module docstring."""

    def __init__(self, base: Settings) -> None:
        self.base = base
        self.current = base
        #: Stored values in effect, by ``Settings`` name (JSON-shaped, as stored).
        self.overrides: dict[str, Any] = {}
        self.updated_at: datetime | None = None
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        """Await ``listener(current)`` after every change of the effective settings."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    async def apply(
        self, overrides: Mapping[str, Any], *, updated_at: datetime | None = None
    ) -> bool:
        """Make ``overrides`` (stored values by name) the effective ones; whether that changed
        anything.  Listeners run after the switch."""
        good = _validated(overrides)
        self.updated_at = updated_at
        if good == self.overrides:
            return False
        update = {name: _typed(name, value) for name, value in good.items()}
        self.current = self.base.model_copy(update=update)
        self.overrides = good
        for listener in list(self._listeners):
            try:
                await listener(self.current)
            except Exception:
                logger.exception("runtime settings listener failed")
        return True
