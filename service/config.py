"""Settings from the environment (see API.md); create_app(test_config) may override any of them."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _flag(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() not in ("0", "false", "no", "off", "")


def _keys(name: str) -> list[str]:
    return [key.strip() for key in os.environ.get(name, "").split(",") if key.strip()]


def _number(name: str) -> int | None:
    value = os.environ.get(name, "").strip()
    return int(value) if value else None


def from_environment() -> dict:
    return {
        "DATABASE_URL": os.environ.get("CLAIMCHECK_DATABASE_URL", "sqlite:///var/claims.db"),
        "API_KEYS": _keys("CLAIMCHECK_API_KEYS"),
        # Refused even when listed above; a key file (one key a line, `!KEY` revokes) is re-read when it changes.
        "REVOKED_KEYS": _keys("CLAIMCHECK_REVOKED_KEYS"),
        "API_KEYS_FILE": os.environ.get("CLAIMCHECK_API_KEYS_FILE") or None,
        "SEED": _flag("CLAIMCHECK_SEED", "1"),
        "SEEDS_DIR": os.environ.get("CLAIMCHECK_SEEDS_DIR", str(ROOT / "seeds")),
        # Requests per window per client, apart for reads, writes and checks (service/ratelimit.py); 0 = off.
        "RATE_LIMIT": int(os.environ.get("CLAIMCHECK_RATE_LIMIT", "0")),
        "RATE_LIMIT_WRITES": _number("CLAIMCHECK_RATE_LIMIT_WRITES"),
        "RATE_LIMIT_CHECKS": _number("CLAIMCHECK_RATE_LIMIT_CHECKS"),
        "RATE_LIMIT_WINDOW": float(os.environ.get("CLAIMCHECK_RATE_LIMIT_WINDOW", "60")),
        # Alerts to subscriptions (service/alerts.py): the delivery thread of each process, the receiver's
        # time to answer, attempts before giving up, the first retry's delay (doubled each time), polling.
        "ALERT_WORKER": _flag("CLAIMCHECK_ALERT_WORKER", "1"),
        "ALERT_TIMEOUT": float(os.environ.get("CLAIMCHECK_ALERT_TIMEOUT", "5")),
        "ALERT_ATTEMPTS": int(os.environ.get("CLAIMCHECK_ALERT_ATTEMPTS", "8")),
        "ALERT_BACKOFF": float(os.environ.get("CLAIMCHECK_ALERT_BACKOFF", "2")),
        "ALERT_POLL": float(os.environ.get("CLAIMCHECK_ALERT_POLL", "2")),
        # "database" (counted across workers and replicas) or "memory" (per worker).
        "RATE_LIMIT_STORE": os.environ.get("CLAIMCHECK_RATE_LIMIT_STORE", "database"),
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "API_TITLE": "claimcheck",
        "API_VERSION": "1.0",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": "https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
    }
