"""A live claimcheck app served over HTTP from a thread, for the client's tests."""
import threading

import pytest
from werkzeug.serving import make_server

from service import create_app
from tests.conftest import KEY


class LiveServer:
    def __init__(self, app):
        # Port 0: the system picks a free port, so parallel runs never collide.
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.thread.join(timeout=10)
        self.server.server_close()


def serve(tmp_path_factory, **config):
    folder = tmp_path_factory.mktemp("live")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder / 'claims.db'}", "API_KEYS": [KEY],
                      "SEED": False, **config})
    return LiveServer(app)


@pytest.fixture(scope="module")
def live(tmp_path_factory, warm_encoder):
    server = serve(tmp_path_factory)
    yield server
    server.stop()
