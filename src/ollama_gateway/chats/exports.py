"""Export a chat (Markdown to read, JSON to keep) and import the JSON back (a round trip).

The JSON export (:class:`ChatExport`) holds the whole tree (every branch, ``parent_id`` by the
export's own ids), the current branch's leaf and the images (base64).  Import checks it as a
request (limits, image bytes, a parent before its children) and writes a new chat of the
caller; a message left ``streaming`` is imported as ``interrupted``.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.chats import images as chat_images
from ollama_gateway.chats import service, tree
from ollama_gateway.chats.models import Chat, ChatAttachment, ChatMessage
from ollama_gateway.chats.schemas import ChatExport, ExportImage, ExportMessage
from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import utcnow
from ollama_gateway.core.errors import ValidationFailed

MAX_IMPORTED_MESSAGE = 1_000_000


async def to_json(session: AsyncSession, *, chat: Chat) -> ChatExport:
    messages = list(
        await session.scalars(
            select(ChatMessage).where(ChatMessage.chat_id == chat.id).order_by(ChatMessage.id)
        )
    )
    pictures: dict[int, list[ExportImage]] = defaultdict(list)
    with_images = [m.id for m in messages if m.image_count]
    if with_images:
        rows = await session.execute(
            select(ChatAttachment.message_id, ChatAttachment.media_type, ChatAttachment.data)
            .where(ChatAttachment.message_id.in_(with_images))
            .order_by(ChatAttachment.id)
        )
        for message_id, media_type, data in rows:
            image = chat_images.Image(media_type, data)
            pictures[message_id].append(ExportImage(media_type=media_type, data=image.base64))
    return ChatExport(
        title=chat.title,
        model=chat.model,
        system=chat.system,
        options=chat.options,
        pinned=chat.pinned,
        archived=chat.archived,
        created_at=chat.created_at,
        current_message_id=chat.current_leaf_id,
        messages=[
            ExportMessage(
                id=m.id,
                parent_id=m.parent_id,
                role=m.role,
                content=m.content,
                model=m.model,
                status=m.status,
                error=m.error,
                created_at=m.created_at,
                images=pictures.get(m.id, []),
                performance=tree.performance(m),
            )
            for m in messages
        ],
    )


async def to_markdown(session: AsyncSession, *, chat: Chat) -> str:
    """The current branch as Markdown (what the user sees)."""
    path = await tree.branch(session, chat_id=chat.id, leaf_id=chat.current_leaf_id)
    lines = [f"# {chat.title}", ""]
    if chat.system:
        lines += ["> System: " + chat.system.replace("\n", "\n> "), ""]
    for m in path:
        who = "User" if m.role == "user" else m.role.capitalize()
        if m.role == "assistant" and m.model:
            who += f" ({m.model})"
        note = f" — {m.status}" if m.status != "complete" else ""
        lines += [f"## {who}{note}", "", m.content, ""]
        if m.image_count:
            lines += [f"_{m.image_count} image(s)_", ""]
    return "\n".join(lines)


async def from_json(
    session: AsyncSession, *, user_id: int, data: ChatExport, settings: Settings
) -> Chat:
    title = service.check_title(data.title, settings) if data.title else ""
    known: dict[int, int] = {}
    checked = []
    for m in sorted(data.messages, key=lambda message: message.id):
        if m.parent_id is not None and m.parent_id not in known:
            raise ValidationFailed(f"message {m.id}: parent {m.parent_id} is not before it")
        if len(m.content) > MAX_IMPORTED_MESSAGE:
            raise ValidationFailed(f"message {m.id} is too long")
        pictures = chat_images.decode(
            [image.data for image in m.images], limit=settings.max_images_per_message
        )
        checked.append((m, pictures))
        known[m.id] = 0
    now = utcnow()
    chat = Chat(
        user_id=user_id,
        title=title or service.DEFAULT_TITLE,
        titled=bool(title),
        model=data.model,
        system=data.system,
        options=data.options,
        pinned=data.pinned,
        archived=data.archived,
        created_at=data.created_at or now,
        updated_at=now,
    )
    session.add(chat)
    await session.flush()
    for m, pictures in checked:
        row = ChatMessage(
            chat_id=chat.id,
            user_id=user_id,
            parent_id=known[m.parent_id] if m.parent_id is not None else None,
            role=m.role,
            content=m.content,
            model=m.model,
            status="interrupted" if m.status == "streaming" else m.status,
            error=m.error,
            image_count=len(pictures),
            created_at=m.created_at or now,
            updated_at=now,
            **(m.performance.model_dump() if m.performance and m.role == "assistant" else {}),
        )
        session.add(row)
        await session.flush()
        known[m.id] = row.id
        if pictures:
            await session.execute(
                insert(ChatAttachment),
                [{"message_id": row.id, "media_type": p.media_type, "size": len(p.data),
                  "data": p.data} for p in pictures],
            )  # fmt: skip
    leaf = data.current_message_id
    if leaf is not None and leaf in known:
        chat.current_leaf_id = known[leaf]
    elif checked:
        chat.current_leaf_id = known[checked[-1][0].id]
    await session.flush()
    return chat
