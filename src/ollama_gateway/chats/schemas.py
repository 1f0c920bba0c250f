"""Request and response bodies of the chats routes (API.md "Chats")."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field, StrictBool

from ollama_gateway.core.ids import INT32_MAX


class Request(BaseModel):
    """A request body: JSON's types as the schema states them (``StrictBool``, ``Whole``...)."""


MessageRole = Literal["user", "assistant", "system"]
MessageStatus = Literal["complete", "streaming", "stopped", "error", "interrupted"]
#: Largest id a path or body may name (the columns are 32-bit integers; ``core.ids``).
MAX_ID = INT32_MAX
#: The documented bounds are the defaults of ``MAX_MESSAGE_LENGTH``, ``MAX_TITLE_LENGTH`` and
#: ``MAX_IMAGES_PER_MESSAGE``; a deployment that changes them is checked against its own values
#: (422) by the routes.
#: Text is stored, and no database takes a NUL character (``core.db``: 422), so the schema says so.
NO_NUL = r"^[^\x00]*$"
CONTENT = Field(min_length=1, max_length=10_000, pattern=NO_NUL)
TITLE = 200
IMAGES = 4


def _no_text(value: Any) -> Any:
    """JSON Schema's types, not lax pydantic's: no ``"4"`` or ``true`` for a number."""
    if isinstance(value, bool | str):
        raise ValueError("must be a number")
    return value


def _not_a_number(value: Any) -> Any:
    if isinstance(value, bool | int | float):
        raise ValueError("must be a date-time string")
    return value


#: A whole number as JSON Schema's ``integer`` allows (``4`` or ``4.0``; never ``"4"``).
Whole = Annotated[int, BeforeValidator(_no_text)]
# Field before the validator: after it, pydantic writes ``ge``/``le`` into the JSON schema as
# unknown keywords instead of ``minimum``/``maximum``.
Id = Annotated[int, Field(ge=1, le=MAX_ID), BeforeValidator(_no_text)]
Count = Annotated[int, Field(ge=0, le=MAX_ID), BeforeValidator(_no_text)]
Number = Annotated[float, BeforeValidator(_no_text)]
Instant = Annotated[datetime, BeforeValidator(_not_a_number)]
#: Standard base64 (padded), optionally behind a ``data:`` URL prefix: what ``chats.images``
#: decodes.  Whether the bytes are really a PNG, JPEG, WebP or GIF is checked there (422).
BASE64_IMAGE = r"^(data:[^,]*,)?([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
Base64Image = Annotated[
    str, Field(pattern=BASE64_IMAGE, description="base64 of a PNG, JPEG, WebP or GIF image")
]


class ChatCreate(Request):
    title: str | None = Field(default=None, max_length=TITLE, pattern=NO_NUL)
    model: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    system: str | None = Field(default=None, max_length=100_000, pattern=NO_NUL)
    options: dict[str, Any] | None = None


class ChatUpdate(Request):
    title: str | None = Field(default=None, max_length=TITLE, pattern=NO_NUL)
    pinned: StrictBool | None = None
    archived: StrictBool | None = None
    model: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    system: str | None = Field(default=None, max_length=100_000, pattern=NO_NUL)
    options: dict[str, Any] | None = None
    #: Switch branch: this message's branch becomes current (down to its newest leaf).
    current_message_id: Id | None = None


class ChatPublic(BaseModel):
    id: int
    title: str
    model: str | None
    system: str | None = None
    options: dict[str, Any] | None = None
    pinned: bool
    archived: bool
    created_at: datetime
    updated_at: datetime
    message_count: int = 0
    preview: str | None = None
    #: Where ``q`` was found, the words between ``**``; only in search results.
    snippet: str | None = None
    #: A turn is under way (re-attach with ``GET /api/chats/{id}/stream``).
    running: bool = False


class ChatPage(BaseModel):
    items: list[ChatPublic]
    next_cursor: str | None


class Performance(BaseModel):
    total_duration_ms: Number | None = None
    prompt_tokens: Count | None = None
    completion_tokens: Count | None = None
    tokens_per_second: Number | None = None
    ttft_ms: Number | None = None


class ImageRef(BaseModel):
    id: int
    media_type: str
    size: int


class MessagePublic(BaseModel):
    id: int
    role: MessageRole
    content: str
    model: str | None
    parent_id: int | None
    created_at: datetime
    status: MessageStatus
    error: str | None = None
    images: list[ImageRef] = Field(default_factory=list)
    siblings: list[int] = Field(default_factory=list)
    performance: Performance | None = None


class ChatDetail(ChatPublic):
    current_message_id: int | None = None
    messages: list[MessagePublic]


class MessageCreate(Request):
    content: str = CONTENT
    model: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    #: Base64 images (PNG, JPEG, WebP or GIF), sent to the model as Ollama ``images``.
    images: list[Base64Image] | None = Field(default=None, max_length=IMAGES)
    options: dict[str, Any] | None = None
    stream: StrictBool = True


class Regenerate(Request):
    model: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    options: dict[str, Any] | None = None
    stream: StrictBool = True


class MessageEdit(Request):
    content: str = CONTENT
    model: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    options: dict[str, Any] | None = None
    stream: StrictBool = True


class TurnResult(BaseModel):
    user_message: MessagePublic
    assistant_message: MessagePublic
    performance: Performance


class BulkDelete(Request):
    ids: list[Id] = Field(min_length=1, max_length=100)


class BulkDeleted(BaseModel):
    deleted: int


class Stopped(BaseModel):
    stopped: bool


class ExportImage(Request):
    media_type: str
    data: Base64Image


class ExportMessage(Request):
    id: Whole
    parent_id: Whole | None = None
    role: MessageRole
    content: str = Field(max_length=1_000_000, pattern=NO_NUL)
    model: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    status: MessageStatus = "complete"
    error: str | None = Field(default=None, pattern=NO_NUL)
    created_at: Instant | None = None
    images: list[ExportImage] = Field(default_factory=list, max_length=IMAGES)
    performance: Performance | None = None


class ChatExport(Request):
    """``GET /api/chats/{id}/export?format=json``, accepted back by ``POST /api/chats/import``."""

    format: Literal["ollama-gateway.chat"] = "ollama-gateway.chat"
    version: Literal[1] = 1
    title: str = Field(default="", max_length=TITLE, pattern=NO_NUL)
    model: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    system: str | None = Field(default=None, max_length=100_000, pattern=NO_NUL)
    options: dict[str, Any] | None = None
    pinned: StrictBool = False
    archived: StrictBool = False
    created_at: Instant | None = None
    current_message_id: Whole | None = None
    messages: list[ExportMessage] = Field(default_factory=list, max_length=10_000)


class SendMessage(Request):
    """Seed 004's ``POST /api/send-message``."""

    chat_id: Id
    message: str = CONTENT
    model: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    use_internet_search: StrictBool = False


class SeedMessage(BaseModel):
    id: int
    content: str
    is_user: bool
    model_name: str | None = None
    created_at: datetime


class SeedPerformance(BaseModel):
    total_duration: float | None
    eval_count: int | None


class SeedReply(BaseModel):
    user_message: SeedMessage
    ai_message: SeedMessage
    performance: SeedPerformance
