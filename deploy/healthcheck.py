"""Docker HEALTHCHECK: exit 0 when GET /health on this container answers {"status": "ok"}."""
import json
import os
import sys
import urllib.request

url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/health"
try:
    with urllib.request.urlopen(url, timeout=4) as answer:
        sys.exit(0 if json.load(answer).get("status") == "ok" else 1)
except Exception as error:  # noqa: BLE001 - any failure means unhealthy
    print(f"unhealthy: {error}", file=sys.stderr)
    sys.exit(1)
