"""Images of a chat message: decoded, checked by their bytes, and sized before anything is stored.

A message takes at most ``MAX_IMAGES_PER_MESSAGE`` images given as base64 (a ``data:`` URL
prefix is accepted), each at most :data:`MAX_IMAGE_BYTES` decoded and really a PNG, JPEG,
WebP or GIF (its magic bytes, whatever it claims).  Anything else is a 422 and nothing is stored.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from ollama_gateway.core.errors import ValidationFailed

MAX_IMAGE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Image:
    media_type: str
    data: bytes

    @property
    def base64(self) -> str:
        return base64.b64encode(self.data).decode()


def media_type(data: bytes) -> str | None:
    """The image type its first bytes prove, or ``None``."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def decode(images: list[str] | None, *, limit: int) -> list[Image]:
    """The checked images of a message (module docstring); 422 on the first problem."""
    if not images:
        return []
    if len(images) > limit:
        raise ValidationFailed(f"at most {limit} images per message", status=422)
    decoded: list[Image] = []
    for index, given in enumerate(images):
        text = given.partition(",")[2] if given.startswith("data:") else given
        if len(text) > (MAX_IMAGE_BYTES * 4) // 3 + 8:
            raise ValidationFailed(f"image {index} is larger than 10 MB", status=422)
        try:
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationFailed(f"image {index} is not valid base64", status=422) from None
        if len(data) > MAX_IMAGE_BYTES:
            raise ValidationFailed(f"image {index} is larger than 10 MB", status=422)
        kind = media_type(data)
        if kind is None:
            raise ValidationFailed(
                f"image {index} is not a PNG, JPEG, WebP or GIF image", status=422
            )
        decoded.append(Image(kind, data))
    return decoded
