"""End to end with Docker: build the images, `docker compose up --wait`, check, ingest with the key,
restart the stack and find the document again, scale the API to three replicas that answer alike.

Needs a running Docker engine, compose v2 and the debootstrap base image that
deploy/docker-ci-setup.sh (run by .ci/parts/docker.sh) provides; skips, saying why, without them.
It is to finish within 10 minutes (6 from a cold build cache here). Docker Hub is not used: the
API builds FROM the local base with wheels made here (PIP_OFFLINE), PostgreSQL and nginx come from
Debian (deploy/postgres, deploy/nginx). Cleans up the containers, network and volume it made; the
images stay as the build cache.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATE = Path(os.environ.get("CLAIMCHECK_DOCKER_STATE", "/var/tmp/claimcheck-docker"))
BASE_IMAGE = os.environ.get("CLAIMCHECK_BASE_IMAGE", "claimcheck-base/bookworm-python:local")
API_IMAGE, DB_IMAGE, LB_IMAGE = "claimcheck-e2e/api:test", "claimcheck-e2e/postgres:15", "claimcheck-e2e/lb:test"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = _free_port()   # the load balancer's host port
KEY = "e2e-key"
STATEMENT = "Selenskyj sagt, rund 3.000 nordkoreanische Soldaten seien bereits in Russland"
ARTICLE = ("Die Polizei zählte am Montag in Leipzig 4.321 Demonstranten auf dem Augustusplatz. "
           "Der Veranstalter sprach dagegen von 9.000 Teilnehmern.")
# The files the image needs (see .dockerignore); the wheels go in as deploy/wheels/.
CONTEXT = ["Dockerfile", ".dockerignore", "requirements.txt", "gunicorn.conf.py", "service", "claimcheck_client",
           "schemas", "seeds", "deploy/entrypoint.sh", "deploy/healthcheck.py", "deploy/wheels/.keep"]


def _run(*args, timeout=300, check=True, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} -> {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def _why_no_engine() -> str | None:
    status = (STATE / "status").read_text().strip() if (STATE / "status").exists() else "setup not run"
    try:
        if _run("docker", "info", timeout=30, check=False).returncode != 0:
            return f"no Docker engine answers (deploy/docker-ci-setup.sh: {status})"
        if _run("docker", "compose", "version", timeout=30, check=False).returncode != 0:
            return f"no compose v2 CLI plugin (deploy/docker-ci-setup.sh: {status})"
        if _run("docker", "image", "inspect", BASE_IMAGE, timeout=30, check=False).returncode != 0:
            return f"base image {BASE_IMAGE} missing (deploy/docker-ci-setup.sh: {status})"
    except (FileNotFoundError, subprocess.TimeoutExpired) as error:
        return f"docker CLI unusable: {error}"
    return None


def _http(method: str, path: str, body=None, headers=None, timeout=60):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, json.loads(answer.read() or b"null"), dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null"), dict(error.headers)


def _context(wheels: Path, into: Path) -> Path:
    """The build context: the files the image needs, and the wheels as deploy/wheels/."""
    shutil.rmtree(into, ignore_errors=True)
    for name in CONTEXT:
        source, target = ROOT / name, into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, target)
    for wheel in wheels.glob("*.whl"):
        shutil.copy2(wheel, into / "deploy/wheels" / wheel.name)
    return into


def _build_images() -> None:
    wheels = STATE / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
         "-r", str(ROOT / "requirements.txt"), "-w", str(wheels), timeout=600)
    env = {**os.environ, "DOCKER_BUILDKIT": "0"}   # the classic builder: no buildx needed
    context = _context(wheels, STATE / "context")
    builds = [(API_IMAGE, context, ["--build-arg", "PIP_OFFLINE=1"]),
              (DB_IMAGE, ROOT / "deploy/postgres", []), (LB_IMAGE, ROOT / "deploy/nginx", [])]
    try:
        with ThreadPoolExecutor(len(builds)) as pool:   # in parallel: most of it is waiting for downloads
            for done in [pool.submit(_run, "docker", "build", "-q", "--build-arg", f"BASE_IMAGE={BASE_IMAGE}", *extra,
                                     "-t", image, str(folder), timeout=900, env=env)
                         for image, folder, extra in builds]:
                done.result()
    finally:
        shutil.rmtree(context, ignore_errors=True)


class Stack:
    def __init__(self):
        self.project = f"claimcheck-e2e-{uuid.uuid4().hex[:8]}"
        self.env = {**os.environ, "CLAIMCHECK_IMAGE": API_IMAGE, "POSTGRES_IMAGE": DB_IMAGE, "LB_IMAGE": LB_IMAGE,
                    "CLAIMCHECK_PORT": str(PORT), "CLAIMCHECK_API_KEYS": KEY, "WEB_CONCURRENCY": "1"}
        self.started = time.monotonic()

    def compose(self, *args, timeout=400, check=True):
        return _run("docker", "compose", "-f", str(ROOT / "docker-compose.yml"), "-p", self.project, *args,
                    timeout=timeout, check=check, env=self.env, cwd=ROOT)

    def up(self, *extra):
        self.compose("up", "--detach", "--wait", "--wait-timeout", "300", "--no-build", "--pull", "never", *extra)

    def inside(self, index: int, path: str, body=None, key: str = "") -> dict:
        """An answer from one api replica itself, asked from inside its container."""
        code = ("import sys,urllib.request as u;"
                "h={'Content-Type':'application/json'};"
                "h.update({'Authorization':'Bearer '+sys.argv[3]} if sys.argv[3] else {});"
                "r=u.Request('http://127.0.0.1:8000'+sys.argv[1],data=(sys.argv[2].encode() or None),headers=h);"
                "print(u.urlopen(r,timeout=60).read().decode())")
        result = self.compose("exec", "-T", "--index", str(index), "api", "python3", "-c", code, path,
                              json.dumps(body) if body is not None else "", key, timeout=120)
        return json.loads(result.stdout)

    def left_over(self) -> str:
        label = f"label=com.docker.compose.project={self.project}"
        found = [_run("docker", kind, "ls", "-q", *(["-a"] if kind == "container" else []), "--filter", label,
                      check=False).stdout.strip() for kind in ("container", "network", "volume")]
        return " ".join(item for item in found if item)


@pytest.fixture(scope="module")
def stack():
    why = _why_no_engine()
    if why:
        pytest.skip(why)
    stack = Stack()
    try:
        _build_images()
        stack.up()
        yield stack
    finally:
        stack.compose("down", "--volumes", "--remove-orphans", "--timeout", "20", check=False)
        print(f"docker end-to-end: {time.monotonic() - stack.started:.0f} s with the builds")
        assert not stack.left_over(), f"compose down left {stack.left_over()}"


@pytest.fixture(scope="module")
def shared():
    return {}


def test_image_is_small_non_root_and_healthy(stack):
    size = int(_run("docker", "image", "inspect", "--format", "{{.Size}}", API_IMAGE).stdout)
    user = _run("docker", "image", "inspect", "--format", "{{.Config.User}}", API_IMAGE).stdout.strip()
    print(f"API image {API_IMAGE}: {size / 1e6:.0f} MB on base {BASE_IMAGE}")
    assert user and not user.startswith(("0", "root"))
    assert size < 1_000_000_000
    tools = stack.compose("exec", "-T", "api", "sh", "-c", "command -v gcc cc make || true").stdout.strip()
    assert not tools, f"build tools in the final image: {tools}"
    services = {json.loads(line)["Service"]: json.loads(line)
                for line in stack.compose("ps", "--all", "--format", "json").stdout.splitlines() if line.strip()}
    assert services["migrate"]["ExitCode"] == 0 and services["migrate"]["State"] == "exited"
    for name in ("db", "api", "lb"):
        assert services[name]["Health"] == "healthy", services[name]


def test_check_a_statement_on_the_seeded_base(stack):
    status, health, _ = _http("GET", "/health")
    assert status == 200 and health["status"] == "ok" and health["claims"] > 0
    status, answer, _ = _http("POST", "/v1/check", {"statement": STATEMENT})
    assert status == 200
    assert answer["matching"] or answer["corroborating"], "the seeds hold Selenskyj's 3,000"
    assert answer["conflicting"], "and the US government's 10,000"


def test_ingest_a_document_with_the_key(stack, shared):
    status, error, _ = _http("POST", "/v1/documents", {"text": ARTICLE})
    assert status == 401 and error["error"]["code"]
    status, document, _ = _http("POST", "/v1/documents", {"text": ARTICLE, "publisher": "E2E Wire",
                                                           "published": "2024-11-04"},
                                headers={"Authorization": f"Bearer {KEY}"})
    assert status == 201, document
    assert document["claims"]
    shared["document"] = document
    shared["claims"] = _http("GET", "/health")[1]["claims"]


def test_restart_keeps_the_document(stack, shared):
    document = shared.get("document") or pytest.fail("needs the ingest test before it")
    stack.compose("down", "--timeout", "20")   # containers and network go, the pgdata volume stays
    stack.up()
    status, stored, _ = _http("GET", f"/v1/documents/{document['id']}")
    assert status == 200 and stored["text"] == ARTICLE
    assert [c["id"] for c in stored["claims"]] == [c["id"] for c in document["claims"]]
    assert _http("GET", "/health")[1]["claims"] == shared["claims"], "no second seeding after a restart"


def test_three_replicas_answer_alike(stack, shared):
    stack.up("--scale", "api=3")
    replicas = [line for line in stack.compose("ps", "--format", "{{.Name}}", "api").stdout.split() if line]
    assert len(replicas) == 3, replicas
    answers = [stack.inside(index, "/v1/check", {"statement": STATEMENT}) for index in (1, 2, 3)]
    assert answers[0]["conflicting"] and answers[1] == answers[0] and answers[2] == answers[0]

    counts = {stack.inside(index, "/health")["claims"] for index in (1, 2, 3)}
    assert len(counts) == 1, f"replicas see different bases: {counts}"
    if "document" in shared:
        for index in (1, 2, 3):
            assert stack.inside(index, f"/v1/documents/{shared['document']['id']}")["id"] == shared["document"]["id"]

    # A claim written through one replica is found through each other one on its next request.
    added = stack.inside(2, "/v1/claims", {"text": "Die Feuerwehr Dresden meldete 137 Einsätze wegen des Sturms.",
                                           "publisher": "E2E Wire", "published": "2024-11-05"}, key=KEY)
    query = "/v1/claims?q=" + urllib.parse.quote("Feuerwehr Dresden 137 Einsätze Sturm")
    for index in (1, 3):
        found = [item["claim"]["id"] for item in stack.inside(index, query)["items"]]
        assert added["id"] in found, f"replica {index} does not find the claim written through replica 2"

    # nginx spreads requests over every replica (it re-resolves the service name every 5 s).
    upstreams, deadline = set(), time.monotonic() + 60
    while len(upstreams) < 3 and time.monotonic() < deadline:
        status, answer, headers = _http("POST", "/v1/check", {"statement": STATEMENT})
        assert status == 200 and answer == answers[0]
        upstreams.add(headers.get("X-Upstream"))
    assert len(upstreams) == 3, f"the load balancer reached only {upstreams}"
