"""A live app with the seed articles, served from a thread, and Debian's chromium driven by Playwright."""
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from service import create_app
from service.seed import load_seeds
from tests.conftest import KEY

CHROMIUM = "/usr/bin/chromium"
# Never a downloaded browser: the system's chromium, headless, quiet, nothing fetched in the background.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).parent / "artifacts"
PORTS = range(8160, 8180)


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    return 0


@pytest.fixture(scope="session")
def chromium_path():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CLAIMCHECK_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/parts/browser.sh installs it")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="module")
def site(tmp_path_factory, warm_encoder):
    folder = tmp_path_factory.mktemp("browser")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder / 'claims.db'}", "API_KEYS": [KEY],
                      "SEED": False})
    load_seeds(app.extensions["claimcheck.repo"], Path(app.config["SEEDS_DIR"]))
    server = make_server("127.0.0.1", _free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A fresh page that records what the console says (a CSP violation shows there)."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    opened.console_messages_seen = []
    opened.on("console", lambda message: opened.console_messages_seen.append(message.text))
    opened.on("pageerror", lambda error: opened.console_messages_seen.append(f"pageerror: {error}"))
    yield opened
    context.close()
