"""Cross-cutting foundation: settings, database, errors, security, permissions, middleware.

`core` imports no domain package; every domain may import `core`.
"""

__all__: list[str] = []
