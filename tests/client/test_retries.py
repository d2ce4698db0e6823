"""Retries: 429/503 with Retry-After or backoff, connection errors only for calls safe to repeat."""
import json
import socket
import threading
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claimcheck_client import Client, ConnectionFailed, RateLimited, ServerError
from claimcheck_client.client import retry_after
from tests.client.conftest import serve
from tests.conftest import KEY

ANSWER = {"statement": {"text": "x", "language": "en", "claims": []},
          "matching": [], "corroborating": [], "conflicting": [], "related": []}


class Scripted:
    """A tiny HTTP server answering a script of (status, headers, body), then 200 ANSWER."""

    def __init__(self, script):
        self.script, self.seen = list(script), []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                owner.seen.append((self.command, self.path, self.rfile.read(length)))
                status, headers, body = owner.script.pop(0) if owner.script else (200, {}, ANSWER)
                data = json.dumps(body).encode()
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def scripted():
    servers = []

    def start(*script):
        servers.append(Scripted(script))
        return servers[-1]
    yield start
    for server in servers:
        server.close()


def unavailable(**headers):
    return 503, headers, {"error": {"code": "unavailable", "message": "Starting up."}}


def test_503_is_retried_after_the_servers_retry_after(scripted):
    server, waits = scripted(unavailable(**{"Retry-After": "2"}), unavailable(**{"Retry-After": "0"})), []
    answer = Client(server.url, sleep=waits.append).check("US says 10,000 troops")
    assert answer.matching == [] and waits == [2.0, 0.0]
    assert len(server.seen) == 3 and all(json.loads(body)["statement"] == "US says 10,000 troops"
                                         for _, _, body in server.seen)


def test_without_retry_after_the_backoff_grows_and_the_error_comes_through(scripted):
    server, waits = scripted(*[unavailable()] * 5), []
    with pytest.raises(ServerError) as failed:
        Client(server.url, retries=3, backoff=1.0, sleep=waits.append).health()
    assert (failed.value.status, failed.value.code, failed.value.message) == (503, "unavailable", "Starting up.")
    assert failed.value.attempts == 4 and len(server.seen) == 4
    assert len(waits) == 3 and all(0.5 * 2 ** n <= wait <= 2 ** n for n, wait in enumerate(waits))


def test_a_wait_longer_than_max_wait_is_not_taken(scripted):
    server, waits = scripted((429, {"Retry-After": "3600"}, {"error": {"code": "rate_limited", "message": "Slow."}})), []
    with pytest.raises(RateLimited) as limited:
        Client(server.url, max_wait=30, sleep=waits.append).check("x")
    assert waits == [] and limited.value.retry_after == 3600 and len(server.seen) == 1


def test_writes_are_retried_on_429_since_nothing_was_done(scripted):
    server, waits = scripted((429, {"Retry-After": "1"}, {"error": {"code": "rate_limited", "message": "Slow."}})), []
    server.script.append((201, {}, {"ids": ["c_1"]}))
    assert Client(server.url, KEY, sleep=waits.append).add_claims(["Kiew meldet 12.000 Soldaten"]) == ["c_1"]
    assert waits == [1.0] and len(server.seen) == 2


def test_a_non_json_error_keeps_its_status(scripted):
    server = scripted((502, {"Content-Type": "text/html"}, "<html>bad gateway</html>"))
    with pytest.raises(ServerError) as failed:
        Client(server.url, retries=0).health()
    assert (failed.value.status, failed.value.code) == (502, "http_error")


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_connection_errors_are_retried_only_for_calls_safe_to_repeat():
    url, waits = f"http://127.0.0.1:{closed_port()}", []
    client = Client(url, KEY, retries=2, sleep=waits.append)
    with pytest.raises(ConnectionFailed) as read:
        client.check("US says 10,000 troops")
    assert read.value.attempts == 3 and len(waits) == 2
    waits.clear()
    with pytest.raises(ConnectionFailed) as write:
        client.add_claims(["Kiew meldet 12.000 Soldaten"])
    assert write.value.attempts == 1 and waits == []


def test_the_rate_limiter_of_a_live_app(tmp_path_factory, warm_encoder):
    live = serve(tmp_path_factory, RATE_LIMIT=2)
    try:
        waits = []
        client = Client(live.url, retries=2, sleep=waits.append)
        client.list_claims()
        client.list_claims()
        with pytest.raises(RateLimited) as limited:
            client.list_claims()
        assert (limited.value.status, limited.value.code) == (429, "rate_limited")
        assert limited.value.attempts == 3 and len(waits) == 2 and all(1 <= wait <= 60 for wait in waits)
        assert limited.value.retry_after == pytest.approx(waits[-1], abs=5)   # the same window, a moment later
        impatient = Client(live.url, max_wait=0.5, sleep=waits.append)
        with pytest.raises(RateLimited):
            impatient.list_claims()
        assert len(waits) == 2
    finally:
        live.stop()


def test_retry_after_reads_seconds_and_http_dates():
    now = datetime(2024, 10, 28, 12, 0, tzinfo=timezone.utc)
    assert retry_after("7") == 7.0 and retry_after(None) is None and retry_after("soon") is None
    assert retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30.0
    assert retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0.0
