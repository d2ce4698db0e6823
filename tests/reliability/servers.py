"""Real gunicorn servers on 127.0.0.1 (ports 8220-8239), and what the reliability tests read from the base."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
KEY = "rel-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
PORTS = range(8220, 8240)
POSTGRES_URL = os.environ.get("CLAIMCHECK_TEST_POSTGRES_URL")
FAULTS_CONFIG = Path(__file__).with_name("gunicorn_faults.py")


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8220-8239")


class PortTaken(RuntimeError):
    pass


class Server:
    """One gunicorn master with its workers, started and killed the way an operator would (or a crash does)."""

    def __init__(self, workdir: Path, database_url: str, *, workers: int = 2, faults: bool = False,
                 env: dict | None = None):
        self.workdir, self.database_url, self.workers, self.faults = workdir, database_url, workers, faults
        self.extra_env = env or {}
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.hold = workdir / "hold"       # while this file exists, a worker about to commit claims waits
        self.holding = workdir / "holding"  # ... after writing its pid here

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict:
        return {**os.environ, "HOST": "127.0.0.1", "CLAIMCHECK_DATABASE_URL": self.database_url,
                "CLAIMCHECK_API_KEYS": KEY, "CLAIMCHECK_SEED": "0", "WEB_CONCURRENCY": str(self.workers),
                "PORT": str(self.port),
                "PROMETHEUS_MULTIPROC_DIR": str(self.workdir / "prom"), "CLAIMCHECK_RATE_LIMIT": "0",
                "CLAIMCHECK_FAULT_HOLD": str(self.hold), "CLAIMCHECK_FAULT_HOLDING": str(self.holding),
                **self.extra_env}

    def start(self, timeout: float = 180, attempts: int = 3) -> "Server":
        for attempt in range(attempts):
            try:
                return self._start(timeout)
            except PortTaken:   # another test run took the free port first
                if attempt == attempts - 1:
                    raise

    def _start(self, timeout: float) -> "Server":
        self.port = free_port()
        subprocess.run([str(BIN / "flask"), "--app", "service", "init-db"], cwd=ROOT, env=self.env(), check=True,
                       capture_output=True)
        config = FAULTS_CONFIG if self.faults else ROOT / "gunicorn.conf.py"
        self.log = open(self.workdir / f"gunicorn-{self.port}.log", "wb")
        self.process = subprocess.Popen([str(BIN / "gunicorn"), "--config", str(config), "service:create_app()"],
                                        cwd=ROOT, env=self.env(), stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        try:
            self._wait_ready(timeout)
        except BaseException:
            self.kill()
            raise
        return self

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = Path(self.log.name).read_text(errors="replace")
                if "Connection in use" in log or "Address already in use" in log:
                    raise PortTaken(self.port)
                raise RuntimeError(f"gunicorn exited: see {self.log.name}")
            try:
                if requests.get(self.url + "/health", timeout=5).status_code == 200 and \
                        len(self.worker_pids()) == self.workers:
                    return
            except requests.RequestException:   # workers still warming up
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {timeout}s: see {self.log.name}")

    def worker_pids(self) -> list[int]:
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid and fields[0] != "Z":
                children.append(int(stat.parent.name))
        return children

    def kill(self) -> None:
        """kill -9 the master and every worker at once, as a power cut or the OOM killer would."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        self.process = None
        self.log.close()

    def stop(self) -> None:
        """Tear down after a test: every check is done, nothing is in flight, so no need to wait."""
        self.kill()


def stored_claims(database_url: str) -> list[tuple]:
    """(id, text, document_id) of every stored claim, read straight from the database."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text("SELECT id, text, document_id FROM claims"))]
    finally:
        engine.dispose()


def stored_documents(database_url: str) -> list[tuple]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text("SELECT id, content_hash FROM documents"))]
    finally:
        engine.dispose()
