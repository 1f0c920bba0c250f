"""Schemathesis hooks of the live run (loaded through ``SCHEMATHESIS_HOOKS``).

A run must not revoke the credentials it runs with, or every later case would test the 401 path
only: cases whose path names the run's own user (``OG_OWN_USER_ID``: deleting, deactivating,
demoting or resetting the password of oneself) or own API key (``OG_OWN_KEY_ID``: revoking it,
narrowing its scopes, expiring it) are not sent.  Everything else, other users and keys
included, is.
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis

_PROTECTED = {
    "user_id": os.environ.get("OG_OWN_USER_ID", ""),
    "key_id": os.environ.get("OG_OWN_KEY_ID", ""),
}


@schemathesis.hook
def filter_case(context: Any, case: Any) -> bool:
    parameters = case.path_parameters or {}
    return not any(own and str(parameters.get(name)) == own for name, own in _PROTECTED.items())
