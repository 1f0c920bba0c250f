"""The contract between the gateway's request path and the limits: admission and settlement.

The gateway asks ``app.state.admission.admit(principal, streaming=...)`` before it forwards a
request; that either raises :class:`~ollama_gateway.core.errors.RateLimited` or returns an
:class:`Admission` whose ``headers`` go on the response and whose ``settle`` is called exactly
once, in ``finally``, with the tokens the request used (0 when it failed).  The implementations
live in ``ollama_gateway.ratelimit``; :class:`Unlimited` is the stand-in when limits are off.
"""

from __future__ import annotations

from typing import Protocol

from ollama_gateway.core.principal import Principal


class Admission(Protocol):
    headers: dict[str, str]

    async def settle(self, *, prompt_tokens: int, completion_tokens: int) -> None:
        """Release the concurrent-stream slot and charge the tokens used."""


class AdmissionControl(Protocol):
    async def admit(self, principal: Principal, *, streaming: bool) -> Admission:
        """Admit the request or raise ``RateLimited``."""


class _Admitted:
    __slots__ = ("headers",)

    def __init__(self) -> None:
        self.headers: dict[str, str] = {}

    async def settle(self, *, prompt_tokens: int, completion_tokens: int) -> None:
        return None


class Unlimited:
    """Admits everything (``RATE_LIMIT_ENABLED=false``)."""

    async def admit(self, principal: Principal, *, streaming: bool) -> Admission:
        return _Admitted()
