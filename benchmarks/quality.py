"""Grades check sets, each on a fresh server, and prints found, kept and score per set.

For every set: a temporary SQLite base with the seeds loaded, a random write key, gunicorn (one worker)
started from the code directory (--code, default the repository root), /health awaited, then
../shared/tools/grade.py run on the set as a subprocess; its `found`, `kept` and `score:` lines are
parsed, the server is stopped and the temporary files removed. Default sets: every
benchmarks/generalisation/sets/*.json and ../shared/examples/public_checks.json.

It measures: the exit code is 0 however low the scores are (non-zero only when nothing could be graded).

Usage:
  quality.py [SET.json ...] [--code DIR] [--port 8200] [--verbose] [--json FILE] [--grader PATH]
"""
import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "benchmarks" / "generalisation" / "sets"


def shared_dir() -> Path:
    """../shared beside the repository; a worktree under wt/ finds the one beside the main checkout."""
    for parent in ROOT.parents:
        if (parent / "shared" / "tools" / "grade.py").exists():
            return parent / "shared"
    return ROOT.parent / "shared"


SHARED = shared_dir()
PUBLIC = SHARED / "examples" / "public_checks.json"
GRADER = SHARED / "tools" / "grade.py"
READY_TIMEOUT = 300
GRADE_TIMEOUT = 900

FIGURE = re.compile(r"^(found|kept)\s+(\d+)/(\d+)\s+\(([\d.]+)%\)", re.M)
SCORE = re.compile(r"^score:\s+([\d.]+)%", re.M)


class Server:
    """One gunicorn on a fresh SQLite base with the seeds, in its own temporary directory."""

    def __init__(self, code: Path, port: int):
        self.code, self.port = code, port
        self.workdir = Path(tempfile.mkdtemp(prefix="claimcheck-quality-"))
        self.key = secrets.token_hex(16)
        self.log_path = self.workdir / "server.log"
        self.process = None
        self.env = {**os.environ, "CLAIMCHECK_DATABASE_URL": f"sqlite:///{self.workdir / 'claims.db'}",
                    "CLAIMCHECK_SEED": "1", "CLAIMCHECK_API_KEYS": self.key, "PORT": str(port),
                    "HOST": "127.0.0.1", "WEB_CONCURRENCY": "1",
                    "PROMETHEUS_MULTIPROC_DIR": str(self.workdir / "prometheus")}
        self.env.pop("CLAIMCHECK_API_KEYS_FILE", None)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            done = subprocess.run([str(self.code / ".venv/bin/flask"), "--app", "service", "init-db"],
                                  cwd=self.code, env=self.env, stdout=log, stderr=log, timeout=READY_TIMEOUT)
        if done.returncode != 0:
            raise RuntimeError(f"init-db failed (exit {done.returncode})")
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen([str(self.code / ".venv/bin/gunicorn"), "--config", "gunicorn.conf.py",
                                         "service:create_app()"], cwd=self.code, env=self.env,
                                        stdout=log, stderr=log, start_new_session=True)
        log.close()
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"/health not ready after {READY_TIMEOUT} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    def cleanup(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)


def parse(output: str) -> dict:
    figures = {"found": None, "kept": None, "score": None}
    for name, ok, total, _ in FIGURE.findall(output):
        figures[name] = [int(ok), int(total)]
    match = SCORE.search(output)
    if match:
        figures["score"] = float(match.group(1))
    return figures


def grade(path: Path, code: Path, port: int, grader: Path, verbose: bool) -> dict:
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"{path}: cannot read the set: {error}", flush=True)
        return {"set": path.stem, "path": str(path), "topic": "", "checks": 0, "found": None, "kept": None,
                "score": None, "error": str(error)}
    row = {"set": path.stem, "path": str(path), "topic": spec.get("topic") or topic_of(spec),
           "checks": len(spec.get("checks", [])), "found": None, "kept": None, "score": None, "error": None}
    server = Server(code, port)
    try:
        server.start()
        command = ["python3", str(grader), str(path),
                   "--url", server.url, "--api-key", server.key]
        if verbose:
            command.append("--verbose")
        done = subprocess.run(command, capture_output=True, text=True, timeout=GRADE_TIMEOUT)
        if verbose:
            print(f"--- {path.name}\n{done.stdout}{done.stderr}", flush=True)
        row.update(parse(done.stdout))
        if row["score"] is None:
            row["error"] = "grader printed no score"
            print(f"{path.name}: grader printed no score\n{done.stdout[-3000:]}{done.stderr[-3000:]}", flush=True)
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as error:
        row["error"] = str(error)
        print(f"{path.name}: {error}\nserver log ({server.log_path}):\n{server.log_tail()}", flush=True)
    finally:
        server.stop()
        if row["error"] is None:
            server.cleanup()
    return row


def topic_of(spec: dict) -> str:
    about = spec.get("about", "")
    return about.split(":")[0][:40] if about else ""


def fraction(pair) -> str:
    return f"{pair[0]}/{pair[1]}" if pair else "-"


def report(rows: list[dict]) -> None:
    width = max([len(r["set"]) for r in rows] + [3])
    print(f"\n{'set':<{width}}  {'topic':<40}  {'found':>7}  {'kept':>7}  {'score':>6}")
    for r in rows:
        score = f"{r['score']:.1f}%" if r["score"] is not None else "error"
        print(f"{r['set']:<{width}}  {r['topic'][:40]:<40}  {fraction(r['found']):>7}  {fraction(r['kept']):>7}  {score:>6}")
    scored = [r["score"] for r in rows if r["score"] is not None]
    if scored:
        print(f"{'mean':<{width}}  {f'{len(scored)} of {len(rows)} sets graded':<40}  {'':>7}  {'':>7}  "
              f"{sum(scored) / len(scored):.1f}%")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", type=Path)
    ap.add_argument("--code", type=Path, default=ROOT, help="the code directory to serve (default: this repository)")
    ap.add_argument("--port", type=int, default=8200)
    ap.add_argument("--grader", type=Path, default=GRADER)
    ap.add_argument("--verbose", action="store_true", help="pass the grader's verbose output through")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    args = ap.parse_args(argv)
    sets = args.sets or sorted(SETS.glob("*.json")) + ([PUBLIC] if PUBLIC.exists() else [])
    code = args.code.resolve()
    commit = subprocess.run(["git", "-C", str(code), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    print(f"grading {len(sets)} sets against {code} ({commit or 'no git'})", flush=True)
    rows = []
    for path in sets:
        started = time.monotonic()
        row = grade(path.resolve(), code, args.port, args.grader, args.verbose)
        row["seconds"] = round(time.monotonic() - started, 1)
        rows.append(row)
        score = f"{row['score']:.1f}%" if row["score"] is not None else "error"
        print(f"{path.name}: {score} ({row['seconds']} s)", flush=True)
    report(rows)
    if args.json:
        scored = [r["score"] for r in rows if r["score"] is not None]
        args.json.write_text(json.dumps({"code": str(code), "commit": commit,
                                         "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                                         "mean": sum(scored) / len(scored) if scored else None,
                                         "sets": rows}, indent=1, ensure_ascii=False) + "\n")
    return 0 if any(r["score"] is not None for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
