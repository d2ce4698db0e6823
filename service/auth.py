"""Write access: a key from CLAIMCHECK_API_KEYS (or CLAIMCHECK_API_KEYS_FILE) as `Authorization: Bearer KEY`
or `X-API-Key: KEY`; keys listed in CLAIMCHECK_REVOKED_KEYS (or the file's `!KEY` lines) are refused.

Keys are compared as SHA-256 digests with hmac.compare_digest against every configured key, so
neither the length nor the position of a near miss shows in the time taken. No key is logged.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import threading
from functools import wraps

from flask import current_app, request
from flask_smorest import abort

NO_KEYS = ("Writes are disabled: no API key is configured. Set CLAIMCHECK_API_KEYS to a comma-separated "
           "list of keys and send one as 'Authorization: Bearer KEY'.")
MISSING = "This request changes data and needs an API key: 'Authorization: Bearer KEY'."
INVALID = "The API key is not valid."
REVOKED = "The API key has been revoked."


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


class KeyFile:
    """Keys from a file, one a line (`#` comments; `!KEY` revokes KEY), read again whenever the file changes,
    so a key can be added or revoked without a restart."""

    def __init__(self, path: str):
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._keys: tuple[list[str], list[str]] = ([], [])

    def keys(self) -> tuple[list[str], list[str]]:
        """(allowed, revoked); an unreadable file allows nothing."""
        try:
            status = os.stat(self.path)
            stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
        except OSError:
            return [], []
        with self._lock:
            if stamp != self._stamp:
                allowed, revoked = [], []
                with open(self.path, encoding="utf-8") as lines:
                    for line in lines:
                        line = line.strip()
                        if not line or line.startswith("#"):
                            continue
                        (revoked if line.startswith("!") else allowed).append(line.lstrip("!").strip())
                self._keys, self._stamp = (allowed, revoked), stamp
            return self._keys


def configured_keys() -> tuple[list[str], list[str]]:
    """The keys allowed to write and the revoked ones, from the settings and the key file."""
    config = current_app.config
    allowed, revoked = list(config["API_KEYS"]), list(config.get("REVOKED_KEYS", []))
    path = config.get("API_KEYS_FILE")
    if path:
        key_file = current_app.extensions.get("claimcheck.keyfile")
        if key_file is None or key_file.path != path:
            key_file = current_app.extensions["claimcheck.keyfile"] = KeyFile(path)
        from_file, revoked_in_file = key_file.keys()
        allowed += from_file
        revoked += revoked_in_file
    return allowed, revoked


def _presented_key() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.headers.get("X-API-Key") or None


def _known(key: str, keys: list[str]) -> bool:
    # Compare against every key, so the time taken says nothing about which one came close.
    presented = _digest(key)
    matches = [hmac.compare_digest(presented, _digest(known)) for known in keys]
    return any(matches)


def check_key() -> None:
    """Abort with 401 or 403 unless the request carries a configured, unrevoked key."""
    allowed, revoked = configured_keys()
    revoked_set = set(revoked)
    allowed = [key for key in allowed if key not in revoked_set]
    if not allowed and not revoked:
        abort(403, message=NO_KEYS)
    key = _presented_key()
    if key is None:
        abort(401, message=MISSING, headers={"WWW-Authenticate": "Bearer"})
    if revoked and _known(key, revoked):
        abort(403, message=REVOKED)
    if not _known(key, allowed):
        abort(403, message=INVALID)


def require_key(view):
    """Refuse the request before its body is read unless it carries a configured key."""

    @wraps(view)
    def guarded(*args, **kwargs):
        check_key()
        return view(*args, **kwargs)

    guarded.requires_key = True
    return guarded
