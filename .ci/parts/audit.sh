# Dependencies: every file in requirements.lock / requirements-dev.lock downloads with the SHA-256
# it was locked with, in a throw-away venv (nothing is installed; pip's cache then serves `make test`).
# pip-audit itself runs as a test (tests/security/test_dependencies.py) once the venv exists.
(
  scratch="$(mktemp -d)"
  python3 -m venv "$scratch/venv"
  "$scratch/venv/bin/pip" download --quiet --disable-pip-version-check --require-hashes \
    -r requirements-dev.lock -d "$scratch/files"
  echo "locked dependencies: $(ls "$scratch/files" | wc -l) files match their hashes"
  rm -rf "$scratch"
)
