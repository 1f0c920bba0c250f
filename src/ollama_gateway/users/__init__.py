"""User accounts: profile, password, per-user settings, and the cached user state."""

__all__: list[str] = []
