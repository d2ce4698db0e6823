"""Write access: a key from CLAIMCHECK_API_KEYS as `Authorization: Bearer KEY` or `X-API-Key: KEY`."""
from __future__ import annotations

import hmac
from functools import wraps

from flask import current_app, request
from flask_smorest import abort

NO_KEYS = ("Writes are disabled: no API key is configured. Set CLAIMCHECK_API_KEYS to a comma-separated "
           "list of keys and send one as 'Authorization: Bearer KEY'.")


def _presented_key() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.headers.get("X-API-Key") or None


def _known(key: str, keys: list[str]) -> bool:
    # Compare against every key, so the time taken says nothing about which one came close.
    matches = [hmac.compare_digest(key.encode(), known.encode()) for known in keys]
    return any(matches)


def require_key(view):
    """Refuse the request before its body is read unless it carries a configured key."""

    @wraps(view)
    def guarded(*args, **kwargs):
        keys = current_app.config["API_KEYS"]
        if not keys:
            abort(403, message=NO_KEYS)
        key = _presented_key()
        if key is None:
            abort(401, message="This request changes data and needs an API key: 'Authorization: Bearer KEY'.",
                  headers={"WWW-Authenticate": "Bearer"})
        if not _known(key, keys):
            abort(403, message="The API key is not valid.")
        return view(*args, **kwargs)

    return guarded
