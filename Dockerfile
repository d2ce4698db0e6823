# claimcheck API image: gunicorn serving the Flask app, as a non-root user.
# BASE_IMAGE: any Debian-based image with python3 (3.11) and its venv module; the tests
# pass one built locally with debootstrap because Docker Hub is not reachable there.
# The builder stage installs from deploy/wheels/ when wheels are put there (PIP_OFFLINE=1:
# from there only), otherwise from PyPI.
ARG BASE_IMAGE=python:3.11-slim

FROM ${BASE_IMAGE} AS builder
ARG PIP_OFFLINE=0
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ROOT_USER_ACTION=ignore
SHELL ["/bin/sh", "-eu", "-c"]
WORKDIR /build
COPY requirements.txt ./
COPY deploy/wheels/ /wheels/
RUN python3 -m venv /opt/venv; \
    if [ "$PIP_OFFLINE" = 1 ]; then set -- --no-index; fi; \
    /opt/venv/bin/pip install "$@" --find-links /wheels -r requirements.txt; \
    /opt/venv/bin/pip uninstall --yes pip; \
    find /opt/venv -depth -type d -name tests -path '*/site-packages/*/tests' -prune -exec rm -rf {} +

FROM ${BASE_IMAGE}
ARG APP_UID=10001
SHELL ["/bin/sh", "-eu", "-c"]
RUN groupadd --system --gid "${APP_UID}" claimcheck; \
    useradd --system --uid "${APP_UID}" --gid "${APP_UID}" --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin claimcheck; \
    mkdir -p /app/var; \
    chown claimcheck:claimcheck /app/var
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY gunicorn.conf.py ./
COPY schemas/ schemas/
COPY seeds/ seeds/
COPY service/ service/
COPY claimcheck_client/ claimcheck_client/
COPY deploy/entrypoint.sh deploy/healthcheck.py deploy/
# HOST 0.0.0.0: reachable from other containers. The SQLite default lets `docker run` work
# alone; docker-compose.yml points CLAIMCHECK_DATABASE_URL at PostgreSQL.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    WEB_CONCURRENCY=2 \
    PROMETHEUS_MULTIPROC_DIR=/tmp/prometheus \
    CLAIMCHECK_DATABASE_URL=sqlite:////app/var/claims.db \
    CLAIMCHECK_MIGRATE_ON_START=1
USER ${APP_UID}:${APP_UID}
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python3", "/app/deploy/healthcheck.py"]
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
CMD ["serve"]
