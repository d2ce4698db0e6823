"""Per-request observability: a request id, one JSON log line, and Prometheus counters and latencies."""
from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
import uuid

from flask import Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class _JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {"level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class _Stderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (gunicorn and test runners swap it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


def configure_logging() -> None:
    logger = logging.getLogger("claimcheck")
    if not logger.handlers:
        handler = _Stderr()
        handler.setFormatter(_JsonLines())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


class _ClaimsStored:
    """The gauge is read from the database at scrape time, so every worker reports the same figure."""

    def __init__(self, repo):
        self._repo = repo

    def collect(self):
        gauge = GaugeMetricFamily("claimcheck_claims_stored", "Claims in the claim base")
        gauge.add_metric([], self._repo.count())
        yield gauge


def init_app(app: Flask, repo) -> None:
    configure_logging()
    access = logging.getLogger("claimcheck.access")
    registry = CollectorRegistry()
    requests = Counter("claimcheck_requests", "HTTP requests", ["method", "endpoint", "status"], registry=registry)
    latency = Histogram("claimcheck_request_duration_seconds", "Time to answer", ["method", "endpoint"],
                        registry=registry)

    @app.before_request
    def _start():
        g.started = time.perf_counter()
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex

    @app.after_request
    def _finish(response: Response):
        seconds = time.perf_counter() - g.get("started", time.perf_counter())
        # The route pattern, not the path, so that ids do not each make a new series.
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        requests.labels(request.method, endpoint, str(response.status_code)).inc()
        latency.labels(request.method, endpoint).observe(seconds)
        response.headers["X-Request-ID"] = g.get("request_id", "")
        access.info("request", extra={"fields": {
            "method": request.method, "path": request.path, "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1), "request_id": g.get("request_id"),
        }})
        return response

    def exposition() -> Response:
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            # Under gunicorn every worker writes its counts to files; add them all up.
            from prometheus_client import multiprocess

            scrape = CollectorRegistry()
            multiprocess.MultiProcessCollector(scrape)
        else:
            scrape = registry
        output = generate_latest(scrape) + generate_latest(claims_registry)
        return Response(output, mimetype=CONTENT_TYPE_LATEST)

    claims_registry = CollectorRegistry()
    claims_registry.register(_ClaimsStored(repo))
    app.extensions["claimcheck.metrics"] = exposition
