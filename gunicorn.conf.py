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


# The app, the sentence encoder, the word lists and the vector index are loaded once in the master
# and shared copy-on-write by the workers it forks: less memory per worker, and a start-up that
# loads the claim base once instead of once per worker.
preload_app = True


def _app(server):
    return server.app.wsgi()


def on_starting(server):
    shutil.rmtree(METRICS_DIR, ignore_errors=True)
    METRICS_DIR.mkdir(parents=True)
    from service import encoder, nlp
    from service.nlp import cache

    encoder.warm_up()
    cache.warm_number_models()   # read back from the derived cache before nlp.warm_up() would build them
    nlp.warm_up()
    repo = _app(server).extensions["claimcheck.repo"]
    repo.index.refresh()
    # No connection opened here may be used by a worker: each forked worker opens its own.
    repo.engine.dispose()
    # Everything loaded so far (weights, word lists, the app) stays shared with the workers: a garbage
    # collection in a worker would otherwise write to every object's header and copy its page.
    import gc

    # Only the young generations: a full collection here found nothing to free (0 objects at 100k claims)
    # and took 0.1 s of the start-up, walking every object the word lists are made of.
    gc.collect(1)
    gc.freeze()


# A check in a large base makes and drops a few thousand objects (the claims it reads past the claim cache):
# with Python's default of a collection every 700 new objects, a worker at 1M claims spent about 5 ms of
# each check in the garbage collector (545 young, 50 middle and 5 full collections over 126 checks).
GC_THRESHOLD = (10_000, 10, 10)


# A check's large temporaries (the search's candidate arrays, the vectors read for scoring) are allocated with
# malloc; with glibc's default the threshold above which malloc maps memory of its own rises after each large
# free (up to 32 MB), so they end up on the heap and, once freed, stay there, dirty and private to the worker:
# about 40 MB at 100k claims. A fixed threshold (which also fixes the trim threshold) gives them back to the
# system when they are freed.
MALLOC_MMAP_THRESHOLD = 256 * 1024
MALLOC_TRIM_THRESHOLD = 1024 * 1024


def release_freed_memory() -> None:
    """glibc's malloc set to give large freed blocks back (nothing on another C library)."""
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, MALLOC_MMAP_THRESHOLD)    # M_MMAP_THRESHOLD
        libc.mallopt(-1, MALLOC_TRIM_THRESHOLD)    # M_TRIM_THRESHOLD
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass


def post_fork(server, worker):
    import gc

    gc.set_threshold(*GC_THRESHOLD)
    release_freed_memory()
    # Connections of the parent's pool belong to the parent; the worker starts with an empty pool.
    _app(server).extensions["claimcheck.repo"].engine.dispose(close=False)
    if _app(server).config["ALERT_WORKER"]:
        _app(server).extensions["claimcheck.alerts"].start()   # queued alerts go out without waiting for a request


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
