"""An optional per-process limit of requests per minute per client (CLAIMCHECK_RATE_LIMIT; 0 = off)."""
from __future__ import annotations

import threading
import time

from flask import Flask, request
from flask_smorest import abort

WINDOW = 60.0


def init_app(app: Flask) -> None:
    limit = app.config["RATE_LIMIT"]
    if limit <= 0:
        return
    lock = threading.Lock()
    windows: dict[str, tuple[float, int]] = {}

    @app.before_request
    def _count():
        if not request.path.startswith("/v1/"):
            return
        now = time.monotonic()
        client = request.remote_addr or "-"
        with lock:
            started, seen = windows.get(client, (now, 0))
            if now - started >= WINDOW:
                started, seen = now, 0
            windows[client] = (started, seen + 1)
            if len(windows) > 10_000:   # forget idle clients rather than grow without bound
                windows.clear()
        if seen + 1 > limit:
            retry = max(1, int(WINDOW - (now - started)))
            abort(429, message=f"More than {limit} requests a minute; try again in {retry} s.",
                  headers={"Retry-After": str(retry)})
