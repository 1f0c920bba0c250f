"""Runtime settings: values an admin stores in the database, overriding the environment's, and
the change feed that applies them (and catalog changes) on every process within a second.

Other domains read ``app.state.runtime_settings`` (:class:`RuntimeSettings`, ``.current``) and
announce changes on ``app.state.change_feed`` (:class:`ChangeFeed`); ``lifespan`` builds both.
"""

from ollama_gateway.runtime.feed import ChangeFeed
from ollama_gateway.runtime.lifespan import lifespan
from ollama_gateway.runtime.store import OVERRIDABLE, RuntimeSettings

__all__ = ["OVERRIDABLE", "ChangeFeed", "RuntimeSettings", "lifespan"]
