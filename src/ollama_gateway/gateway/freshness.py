"""Model listings that show a management change at once, as Ollama's own ``/api/tags`` does.

The listings (``/api/tags``, ``/v1/models``, ``/api/models``) are answered from the pool's model
map, which the health checks refresh.  After ``/api/copy``, ``/api/create``, ``/api/delete`` or
``/api/pull`` answered, a listing must not show the old map for the moment a background refresh
takes.  So ``manage`` tells :class:`ModelChanges` when a call to a node starts
and ends (:meth:`~ModelChanges.track`), and a listing first awaits
:meth:`~ModelChanges.settle`: it re-reads the models of every node with a call under way (a
streamed create may have written the model before its last line reached the gateway) or ended
since that node was last re-read.  Without management calls ``settle`` is two dictionary checks.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from ollama_gateway.gateway.nodes import Node
from ollama_gateway.gateway.upstreams import UpstreamPool


class ModelChanges:
    """Nodes whose model list a management call is changing or has changed."""

    def __init__(self, pool: UpstreamPool) -> None:
        self._pool = pool
        #: Calls under way, per node.
        self._running: dict[Node, int] = {}
        #: Nodes changed since they were last re-read, with a change counter.
        self._stale: dict[Node, int] = {}

    def track(self, node: Node) -> Callable[[Node], None]:
        """A call to ``node`` starts; the function given back ends it (``UpstreamCall.after``;
        calling it again does nothing, so a caller may also call it when the call failed
        before reaching the node)."""
        self._running[node] = self._running.get(node, 0) + 1
        ended = False

        def end(_node: Node) -> None:
            nonlocal ended
            if not ended:
                ended = True
                self._end(node)

        return end

    def _end(self, node: Node) -> None:
        """Re-read ``node`` before the next listing, and in the background for the node map
        the routing uses."""
        left = self._running.get(node, 0) - 1
        if left > 0:
            self._running[node] = left
        else:
            self._running.pop(node, None)
        self._stale[node] = self._stale.get(node, 0) + 1
        self._pool.refresh_soon(node)

    async def settle(self) -> None:
        """Re-read every node changed or changing (see the module docstring)."""
        if not self._running and not self._stale:
            return
        seen = dict(self._stale)
        nodes = [node for node in {*self._running, *seen} if not node.removed]
        await asyncio.gather(*(self._pool.check(node) for node in nodes))
        for node, count in seen.items():
            if self._stale.get(node) == count:  # no new change while re-reading
                del self._stale[node]
