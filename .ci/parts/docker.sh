# tests/docker: Docker engine, compose v2 and a local base image (deploy/docker-ci-setup.sh).
# Never fails CI: when the engine cannot run here, the reason is logged and tests/docker skips.
export CLAIMCHECK_DOCKER_STATE=/var/tmp/claimcheck-docker
if ! bash deploy/docker-ci-setup.sh; then
  echo "docker: engine not available: $(cat "$CLAIMCHECK_DOCKER_STATE/status" 2>/dev/null || echo unknown)"
fi
