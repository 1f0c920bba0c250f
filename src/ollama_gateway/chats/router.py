"""``/api/chats`` routes (API.md "Chats"): thin handlers over ``chats.service``."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["chats"])
