"""gunicorn settings for claimcheck: bind, workers, encoder warm-up per worker, metrics shared across workers."""
import os
import shutil
from pathlib import Path

# One BLAS thread per worker: the workers already use every core, and a sentence vector is a few
# small matrix products that extra BLAS threads only slow down on a busy machine (about 5x per check).
# Set here, in the master, so each worker has it before it imports numpy.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = 120
# Each worker writes its request counts here so /metrics can add up all of them; set before
# any worker imports prometheus_client.
METRICS_DIR = Path(os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(Path("var/prometheus").resolve())))


def on_starting(server):
    shutil.rmtree(METRICS_DIR, ignore_errors=True)
    METRICS_DIR.mkdir(parents=True)


def post_fork(server, worker):
    # About a second per worker at start, rather than on its first request.
    from service import encoder, nlp

    encoder.warm_up()
    nlp.warm_up()


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
