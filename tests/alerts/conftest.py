"""A webhook receiver on the loopback (ports 8250-8269), and an article that conflicts with a stored claim."""
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import AUTH

PORTS = range(8250, 8270)
STORED = {"text": "The Pentagon said 10,000 North Korean soldiers are in Russia.", "publisher": "Wire",
          "published": "2024-10-28", "language": "en"}
ARTICLE = {"text": "Troops abroad\n\nThe South Korean government said 12,000 North Korean soldiers are in Russia.",
           "title": "Troops abroad", "publisher": "Daily", "published": "2024-10-30", "language": "en"}


class Receiver:
    """Records every request; `answers` (status, headers) are used in turn, then 200. `hold` blocks answers."""

    def __init__(self):
        self.requests: list[dict] = []
        self.answers: list[tuple[int, dict]] = []
        self.hold = threading.Event()
        self.hold.set()
        self.arrived = threading.Event()
        self.lock = threading.Lock()
        self.server = None

    def url(self, path="/hook"):
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    receiver.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                    status, headers = receiver.answers.pop(0) if receiver.answers else (200, {})
                receiver.arrived.set()
                receiver.hold.wait(30)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler


def _bind(handler):
    for port in PORTS:
        try:
            return ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError:
            continue
    pytest.skip("no free port in 8250-8269")


@pytest.fixture
def receiver():
    found = Receiver()
    found.server = _bind(found.handler())
    found.server.daemon_threads = True
    thread = threading.Thread(target=found.server.serve_forever, daemon=True)
    thread.start()
    yield found
    found.hold.set()
    found.server.shutdown()
    found.server.server_close()


@pytest.fixture
def closed_port():
    """A loopback port of the range where nothing listens."""
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.skip("no closed port in 8250-8269")


def subscribe(client, url, secret="s3cret-for-tests"):
    answer = client.post("/v1/subscriptions", headers=AUTH, json={"url": url, "secret": secret, "events": ["conflict"]})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


def conflicting_ingest(client):
    """Store a claim, then ingest an article whose claim conflicts with it; the ingest answer."""
    assert client.post("/v1/claims", headers=AUTH, json=STORED).status_code == 201
    answer = client.post("/v1/documents", headers=AUTH, json=ARTICLE)
    assert answer.status_code == 201, answer.get_json()
    relations = [r["relation"] for claim in answer.get_json()["claims"] for r in claim["relations"]]
    assert "conflicting" in relations, relations
    return answer.get_json()


def parsed(request):
    return json.loads(request["body"])
