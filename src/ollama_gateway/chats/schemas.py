"""Request and response bodies of the chats routes (API.md "Chats")."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

MessageRole = Literal["user", "assistant", "system"]
MessageStatus = Literal["complete", "streaming", "stopped", "error", "interrupted"]
#: Largest id a path or body may name (the columns are 32-bit integers).
MAX_ID = 2**31 - 1
#: The documented bounds are the defaults of ``MAX_MESSAGE_LENGTH``, ``MAX_TITLE_LENGTH`` and
#: ``MAX_IMAGES_PER_MESSAGE``; a deployment that changes them is checked against its own values
#: (422) by the routes.
CONTENT = Field(min_length=1, max_length=10_000)
TITLE = 200
IMAGES = 4


class ChatCreate(BaseModel):
    title: str | None = Field(default=None, max_length=TITLE)
    model: str | None = Field(default=None, max_length=200)
    system: str | None = Field(default=None, max_length=100_000)
    options: dict[str, Any] | None = None


class ChatUpdate(BaseModel):
    title: str | None = Field(default=None, max_length=TITLE)
    pinned: bool | None = None
    archived: bool | None = None
    model: str | None = Field(default=None, max_length=200)
    system: str | None = Field(default=None, max_length=100_000)
    options: dict[str, Any] | None = None
    #: Switch branch: this message's branch becomes current (down to its newest leaf).
    current_message_id: int | None = Field(default=None, ge=1, le=MAX_ID)


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
    total_duration_ms: float | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    tokens_per_second: float | None = None
    ttft_ms: float | None = None


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


class MessageCreate(BaseModel):
    content: str = CONTENT
    model: str | None = Field(default=None, max_length=200)
    #: Base64 images (PNG, JPEG, WebP or GIF), sent to the model as Ollama ``images``.
    images: list[str] | None = Field(default=None, max_length=IMAGES)
    options: dict[str, Any] | None = None
    stream: bool = True


class Regenerate(BaseModel):
    model: str | None = Field(default=None, max_length=200)
    options: dict[str, Any] | None = None
    stream: bool = True


class MessageEdit(BaseModel):
    content: str = CONTENT
    model: str | None = Field(default=None, max_length=200)
    options: dict[str, Any] | None = None
    stream: bool = True


class TurnResult(BaseModel):
    user_message: MessagePublic
    assistant_message: MessagePublic
    performance: Performance


class BulkDelete(BaseModel):
    ids: list[int] = Field(min_length=1, max_length=100)


class BulkDeleted(BaseModel):
    deleted: int


class Stopped(BaseModel):
    stopped: bool


class ExportImage(BaseModel):
    media_type: str
    data: str


class ExportMessage(BaseModel):
    id: int
    parent_id: int | None = None
    role: MessageRole
    content: str = Field(max_length=1_000_000)
    model: str | None = None
    status: MessageStatus = "complete"
    error: str | None = None
    created_at: datetime | None = None
    images: list[ExportImage] = Field(default_factory=list, max_length=IMAGES)
    performance: Performance | None = None


class ChatExport(BaseModel):
    """``GET /api/chats/{id}/export?format=json``, accepted back by ``POST /api/chats/import``."""

    format: Literal["ollama-gateway.chat"] = "ollama-gateway.chat"
    version: Literal[1] = 1
    title: str = Field(default="", max_length=TITLE)
    model: str | None = None
    system: str | None = None
    options: dict[str, Any] | None = None
    pinned: bool = False
    archived: bool = False
    created_at: datetime | None = None
    current_message_id: int | None = None
    messages: list[ExportMessage] = Field(default_factory=list, max_length=10_000)


class SendMessage(BaseModel):
    """Seed 004's ``POST /api/send-message``."""

    chat_id: int = Field(ge=1, le=MAX_ID)
    message: str = CONTENT
    model: str | None = Field(default=None, max_length=200)
    use_internet_search: bool = False


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
