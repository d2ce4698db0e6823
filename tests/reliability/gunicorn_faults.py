"""gunicorn settings of the service plus one fault-injection point for the crash tests.

A worker whose transaction has written claims stops right before COMMIT while the file named by
CLAIMCHECK_FAULT_HOLD exists, after writing its pid to CLAIMCHECK_FAULT_HOLDING. A test can then
kill -9 it (or the whole server) with every row of the batch written and none committed: the moment
where a non-atomic write would leave half a batch behind.
"""
import os
import runpy
import time
from pathlib import Path

globals().update({name: value for name, value in runpy.run_path(
    str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py")).items() if not name.startswith("__")})

_service_post_fork = post_fork  # noqa: F821  (defined by the service's gunicorn.conf.py above)


def post_fork(server, worker):  # noqa: F811
    _service_post_fork(server, worker)
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    hold, holding = Path(os.environ["CLAIMCHECK_FAULT_HOLD"]), Path(os.environ["CLAIMCHECK_FAULT_HOLDING"])

    @event.listens_for(Engine, "before_cursor_execute")
    def _note_claim_writes(connection, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO CLAIMS"):
            connection.info["wrote_claims"] = True

    @event.listens_for(Engine, "rollback")
    def _forget(connection):
        connection.info.pop("wrote_claims", None)

    @event.listens_for(Engine, "commit")
    def _hold_before_commit(connection):
        if not connection.info.pop("wrote_claims", False) or not hold.exists():
            return
        holding.write_text(str(os.getpid()))
        deadline = time.monotonic() + 60
        while hold.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
