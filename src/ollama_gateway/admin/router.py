"""``/api/admin`` routes: includes each admin module's router; every route needs the admin role."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["admin"])
