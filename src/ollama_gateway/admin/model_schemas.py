"""Schemas of ``/api/admin/models``: every model on every node with its catalog settings,
changes to those settings, pulls (streamed progress) and deletes."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from ollama_gateway.core.config import RoleName

ModelName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:/@+-]*$"),
]
NodeName = Annotated[str, StringConstraints(min_length=1, max_length=100)]


class AdminModelPublic(BaseModel):
    """One model as the nodes report it (``/api/tags``, ``/api/ps``) and as the catalog rules it."""

    name: str
    size: int | None = None
    family: str | None = None
    parameter_size: str | None = None
    quantization_level: str | None = None
    digest: str | None = None
    nodes: list[str] = Field(description="Nodes holding the model")
    loaded_on: list[str] = Field(description="Nodes where it is loaded in memory (/api/ps)")
    enabled: bool
    allowed_roles: list[str] | None = Field(description="null: every role")
    description: str | None
    default: bool = Field(description="The default model of the portal and chats")


class AdminModelUpdate(BaseModel):
    """``PUT /api/admin/models/{name}``: fields left out keep their value.

    ``allowed_roles: null`` opens the model to every role; ``default: true`` makes it the
    default model (``default: false`` on the default model goes back to the environment's).
    """

    model_config = ConfigDict(extra="forbid")

    enabled: StrictBool | None = None
    allowed_roles: list[RoleName] | None = Field(default=None, max_length=4)
    description: Annotated[str, StringConstraints(max_length=1000)] | None = None
    default: StrictBool | None = None


class PullRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: ModelName
    nodes: list[NodeName] | None = Field(
        default=None, max_length=100, description="Node names; absent: every enabled node"
    )


class PullLine(BaseModel):
    """One line of a pull's NDJSON stream: a node's progress as Ollama reports it, tagged with
    the node; the last line has ``node: null`` and the overall ``status``."""

    node: str | None
    status: str
    digest: str | None = None
    total: int | None = None
    completed: int | None = None
    error: str | None = None
    pull_id: str | None = None


class NodeOutcome(BaseModel):
    node: str
    status: str = Field(description="deleted, not_found or error")
    error: str | None = None


class DeleteResult(BaseModel):
    model: str
    results: list[NodeOutcome]


class PullCancelled(BaseModel):
    pull_id: str
    cancelled: bool
