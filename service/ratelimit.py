"""Optional per-client limits of API requests per window, apart for writes, checks and reads; 0 = off.

CLAIMCHECK_RATE_LIMIT is the limit of each kind; CLAIMCHECK_RATE_LIMIT_WRITES and
CLAIMCHECK_RATE_LIMIT_CHECKS override it for writes (POST/DELETE other than checks) and for
POST /v1/check; CLAIMCHECK_RATE_LIMIT_WINDOW is the window in seconds (60). A client is its remote
address. Over the limit: 429 with Retry-After in seconds.

The counts are kept in the claim base (table rate_limits, one row per kind, client and fixed window
of wall-clock time), so every worker and every replica on the same database counts the same
requests: one atomic upsert per counted request (INSERT ... ON CONFLICT DO UPDATE ... RETURNING,
SQLite 3.35+ and PostgreSQL). A restart keeps them. CLAIMCHECK_RATE_LIMIT_STORE=memory keeps the
old per-worker counts in memory instead (with N workers a client then gets up to N times the limit).
"""
from __future__ import annotations

import threading
import time

import sqlalchemy as sa
from flask import Flask, request
from flask_smorest import abort
from sqlalchemy.dialects import postgresql, sqlite

MAX_CLIENTS = 10_000   # remembered windows per kind; beyond this expired ones are dropped first


def _now() -> float:
    """Wall-clock seconds: windows are shared by processes and machines, which share no monotonic clock."""
    return time.time()


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


TABLE = sa.table("rate_limits", sa.column("kind", sa.String), sa.column("client", sa.String),
                 sa.column("started", sa.Float), sa.column("count", sa.Integer))


class SharedWindows:
    """Fixed windows of one kind of request, counted in the database: the same count for every process.

    One statement per request, atomic in SQLite and PostgreSQL alike: insert (client, now, 1), or, when
    the client has a row, start a new window if its window has passed and otherwise add one to the count.
    Rows of windows that have passed are deleted at most once per window per process.
    """

    def __init__(self, engine: sa.Engine, kind: str, limit: int, window: float):
        self.engine, self.kind, self.limit, self.window = engine, kind, limit, window
        insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        statement = insert(TABLE).values(kind=sa.bindparam("kind"), client=sa.bindparam("client"),
                                         started=sa.bindparam("now"), count=1)
        passed = statement.excluded.started - TABLE.c.started >= window
        self._upsert = statement.on_conflict_do_update(
            index_elements=["kind", "client"],
            set_={"started": sa.case((passed, statement.excluded.started), else_=TABLE.c.started),
                  "count": sa.case((passed, 1), else_=TABLE.c.count + 1)},
        ).returning(TABLE.c.started, TABLE.c.count)
        self._swept = float("-inf")

    def admit(self, client: str) -> float | None:
        now = _now()
        with self.engine.begin() as connection:
            started, seen = connection.execute(
                self._upsert, {"kind": self.kind, "client": client[:128], "now": now}).one()
            if now - self._swept >= self.window:
                self._swept = now
                connection.execute(sa.delete(TABLE).where(TABLE.c.kind == self.kind,
                                                          TABLE.c.started < now - self.window))
        if seen > self.limit:
            return max(0.0, self.window - (now - started))
        return None


def init_app(app: Flask) -> None:
    limits = limits_of(app.config)
    window = float(app.config.get("RATE_LIMIT_WINDOW") or 60)
    if (app.config.get("RATE_LIMIT_STORE") or "database") == "memory":
        windows = {kind: Windows(limit, window) for kind, limit in limits.items() if limit > 0}
    else:
        engine = app.extensions["claimcheck.repo"].engine
        windows = {kind: SharedWindows(engine, kind, limit, window) for kind, limit in limits.items() if limit > 0}
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
