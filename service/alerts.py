"""Alerts out: when an ingested article conflicts with stored claims, each subscription gets a signed POST.

The alert is queued in the database in the transaction that stores the article (`enqueue`), so it
exists exactly when the article does. A daemon thread per process (`Worker`) takes due rows from
the queue (Repository.claim_deliveries: no two workers or replicas take the same row), POSTs them
with a short timeout and without following redirects, and retries failures with exponential
backoff until ALERT_ATTEMPTS attempts have been made; rows still queued when a process stops are
sent by the next one. Ingesting never waits for a receiver.
"""
from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import logging
import os
import threading
import time
import weakref
from dataclasses import asdict
from typing import Optional
from urllib.parse import urlsplit

from .nlp.model import Claim
from .store import Repository
from .store.repository import Claimed, Transaction

log = logging.getLogger("claimcheck.alerts")

EVENTS = ("conflict",)
SCHEMES = ("http", "https")
SIGNATURE_HEADER = "X-Claimcheck-Signature"
USER_AGENT = "claimcheck-alerts/1"
# A delivery held by a worker is free again after this many timeouts (the worker died mid-send).
LEASE_TIMEOUTS = 4
_ERROR_CHARS = 500
_WORKERS: "weakref.WeakSet[Worker]" = weakref.WeakSet()


def sign(secret: str, body: bytes) -> str:
    """The signature header's value: sha256= and the hex HMAC-SHA256 of the exact body bytes."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _claim(claim: Claim) -> dict:
    return {**claim.to_dict(), "citation": asdict(claim.citation) if claim.citation else None}


def conflict_alert(document: dict, claims: list[Claim], relations: dict[str, list[dict]]) -> Optional[dict]:
    """The alert for an ingested article, or None when none of its claims conflicts with a stored one."""
    conflicts = [{"claim": _claim(claim), "conflicting": [r for r in relations.get(claim.id, [])
                                                          if r.get("relation") == "conflicting"]}
                 for claim in claims]
    conflicts = [item for item in conflicts if item["conflicting"]]
    if not conflicts:
        return None
    first = conflicts[0]
    other = first["conflicting"][0]
    stored = other["claim"]
    source = (stored.get("attributor") or {}).get("canonical") or (other.get("citation") or {}).get("publisher")
    where = document.get("title") or document.get("publisher") or document["id"]
    more = sum(len(item["conflicting"]) for item in conflicts) - 1
    text = (f"Conflict in \"{where}\": \"{_short(first['claim']['text'])}\" vs \"{_short(stored['text'])}\""
            f"{f' ({source})' if source else ''}" + (f" and {more} more" if more else ""))
    return {"event": "conflict", "text": text, "document": document, "claims": conflicts}


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def enqueue(tx: Transaction, alert: Optional[dict], now: Optional[float] = None) -> int:
    """Queue `alert` for every subscription that wants its event, inside the caller's transaction."""
    if alert is None:
        return 0
    subscribers = tx.subscriptions(alert["event"])
    if not subscribers:
        return 0
    body = json.dumps(alert, ensure_ascii=False, separators=(",", ":"))
    due = time.time() if now is None else now
    for subscription in subscribers:
        tx.enqueue(subscription.id, alert["event"], body, due)
    return len(subscribers)


class Worker:
    """Sends the queued alerts of one claim base: a daemon thread that polls and is woken by `notify`."""

    def __init__(self, repo: Repository, *, timeout: float = 5.0, attempts: int = 8, backoff: float = 2.0,
                 max_backoff: float = 3600.0, poll: float = 2.0, batch: int = 20):
        self.repo = repo
        self.timeout, self.attempts, self.backoff, self.max_backoff = timeout, attempts, backoff, max_backoff
        self.poll, self.batch = poll, batch
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._pid: Optional[int] = None
        _WORKERS.add(self)

    @classmethod
    def from_config(cls, repo: Repository, config: dict) -> "Worker":
        return cls(repo, timeout=config["ALERT_TIMEOUT"], attempts=config["ALERT_ATTEMPTS"],
                   backoff=config["ALERT_BACKOFF"], poll=config["ALERT_POLL"])

    def start(self) -> None:
        """Run in this process (again after a fork: a thread does not survive one)."""
        if self._thread is not None and self._thread.is_alive() and self._pid == os.getpid():
            return
        self._stop.clear()
        self._pid = os.getpid()
        self._thread = threading.Thread(target=self._run, name="claimcheck-alerts", daemon=True)
        self._thread.start()

    def stop(self, wait: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(wait)

    def notify(self) -> None:
        """Something was queued: look now instead of at the next poll."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                sent = self.run_once()
            except Exception:   # a database hiccup must not end the thread; the rows stay queued
                log.exception("alert delivery round failed")
                sent = 0
            if sent:
                continue
            self._wake.wait(self.poll)
            self._wake.clear()

    def run_once(self, now: Optional[float] = None) -> int:
        """Take the due deliveries and attempt each once; the number attempted."""
        now = time.time() if now is None else now
        taken = self.repo.claim_deliveries(now, self.timeout * LEASE_TIMEOUTS + 1, self.batch)
        for claimed in taken:
            self._attempt(claimed)
        return len(taken)

    def _attempt(self, claimed: Claimed) -> None:
        status, error = None, None
        try:
            status = post(claimed.url, claimed.body.encode("utf-8"), claimed.secret, self.timeout)
            if 200 <= status < 300:
                self.repo.finish_delivery(claimed, state="delivered", status=status)
                return
            error = f"HTTP {status}" + (" (redirects are not followed)" if 300 <= status < 400 else "")
        except (OSError, http.client.HTTPException, ValueError) as failure:
            error = f"{type(failure).__name__}: {failure}"[:_ERROR_CHARS]
        if claimed.attempts >= self.attempts:
            log.warning("alert %s given up after %d attempts: %s", claimed.seq, claimed.attempts, error)
            self.repo.finish_delivery(claimed, state="failed", status=status, error=error)
            return
        delay = min(self.max_backoff, self.backoff * 2 ** (claimed.attempts - 1))
        self.repo.finish_delivery(claimed, state="pending", due=time.time() + delay, status=status, error=error)


def notify() -> None:
    """Alerts were queued: wake the workers of this process (the others find them at their next poll)."""
    for worker in list(_WORKERS):
        worker.notify()


def post(url: str, body: bytes, secret: str, timeout: float) -> int:
    """POST the body, signed, and answer the status; a redirect is an answer like any other, not followed."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname, parts.port, timeout=timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", path, body=body, headers={
            "Content-Type": "application/json", "User-Agent": USER_AGENT, SIGNATURE_HEADER: sign(secret, body)})
        response = connection.getresponse()
        response.read(65536)
        return response.status
    finally:
        connection.close()


def init_app(app) -> None:
    """The app's worker, started by the first request each process serves (unless ALERT_WORKER is off).

    Not at once: gunicorn builds the app in its master and forks the workers from it, and the
    command line builds it for a moment; neither should send alerts. gunicorn.conf.py starts it
    in each worker right after the fork, so queued rows go out before any request arrives.
    """
    worker = Worker.from_config(app.extensions["claimcheck.repo"], app.config)
    app.extensions["claimcheck.alerts"] = worker
    if not app.config["ALERT_WORKER"]:
        return

    @app.before_request
    def _worker_in_this_process():
        worker.start()
