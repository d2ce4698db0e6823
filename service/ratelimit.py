"""Optional per-client limits of API requests per window, apart for writes, checks and reads; 0 = off.

CLAIMCHECK_RATE_LIMIT is the limit of each kind; CLAIMCHECK_RATE_LIMIT_WRITES and
CLAIMCHECK_RATE_LIMIT_CHECKS override it for writes (POST/DELETE other than checks) and for
POST /v1/check; CLAIMCHECK_RATE_LIMIT_WINDOW is the window in seconds (60). A client is its remote
address. The counts live in each worker's memory: with N gunicorn workers a client gets at most N
times the limit, and a restart forgets them. Over the limit: 429 with Retry-After in seconds.
"""
from __future__ import annotations

import threading
import time

from flask import Flask, request
from flask_smorest import abort

MAX_CLIENTS = 10_000   # remembered windows per kind; beyond this expired ones are dropped first


def _now() -> float:
    return time.monotonic()


def kind_of_request() -> str | None:
    """writes, checks or reads; None outside the API (page, health, metrics, documentation)."""
    if not request.path.startswith("/v1/"):
        return None
    if request.path.rstrip("/") in ("/v1/check", "/v1/check/document"):
        return "checks"
    return "reads" if request.method in ("GET", "HEAD", "OPTIONS") else "writes"


def limits_of(config) -> dict[str, int]:
    default = int(config.get("RATE_LIMIT") or 0)
    chosen = {"reads": default,
              "writes": config.get("RATE_LIMIT_WRITES"),
              "checks": config.get("RATE_LIMIT_CHECKS")}
    return {kind: default if limit is None else int(limit) for kind, limit in chosen.items()}


class Windows:
    """Fixed windows of one kind of request: client -> (start, count)."""

    def __init__(self, limit: int, window: float):
        self.limit, self.window = limit, window
        self._lock = threading.Lock()
        self._seen: dict[str, tuple[float, int]] = {}

    def admit(self, client: str) -> float | None:
        """None when the request may go ahead, else the seconds until the client may try again."""
        now = _now()
        with self._lock:
            started, seen = self._seen.get(client, (now, 0))
            if now - started >= self.window:
                started, seen = now, 0
            self._seen[client] = (started, seen + 1)
            if len(self._seen) > MAX_CLIENTS:
                self._forget_idle(now)
        if seen + 1 > self.limit:
            return max(0.0, self.window - (now - started))
        return None

    def _forget_idle(self, now: float) -> None:
        self._seen = {client: entry for client, entry in self._seen.items() if now - entry[0] < self.window}
        if len(self._seen) > MAX_CLIENTS:
            self._seen.clear()


def init_app(app: Flask) -> None:
    limits = limits_of(app.config)
    window = float(app.config.get("RATE_LIMIT_WINDOW") or 60)
    windows = {kind: Windows(limit, window) for kind, limit in limits.items() if limit > 0}
    if not windows:
        return

    @app.before_request
    def _count():
        kind = kind_of_request()
        if kind not in windows:
            return
        wait = windows[kind].admit(request.remote_addr or "-")
        if wait is not None:
            retry = max(1, int(wait + 0.999))
            limit = windows[kind].limit
            abort(429, message=f"More than {limit} {kind} in {window:g} s from this client; try again in {retry} s.",
                  headers={"Retry-After": str(retry)}, details={"kind": kind, "limit": limit, "retry_after": retry})
