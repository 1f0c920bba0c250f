"""Usage metering: ``usage_records``, the recorder (queue plus batch writer) and its lifespan.

Other domains record through ``app.state.usage`` (:class:`UsageRecorder`) with a
:class:`UsageEvent`, and read records back through ``usage.service``.
"""

from ollama_gateway.usage.lifespan import lifespan
from ollama_gateway.usage.recorder import UsageEvent, UsageRecorder

__all__ = ["UsageEvent", "UsageRecorder", "lifespan"]
