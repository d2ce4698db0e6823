#!/bin/sh
# Container entry point.
#   serve    migrate + seed (unless CLAIMCHECK_MIGRATE_ON_START=0), then gunicorn (WEB_CONCURRENCY workers)
#   migrate  migrate + seed once, then exit: docker-compose.yml runs this as a one-shot service
#            so that replicas never race on the schema
#   anything else is run as given (e.g. `flask --app service stats`)
set -eu
cd /app

case "${1:-serve}" in
  migrate)
    exec flask --app service init-db
    ;;
  serve)
    if [ "${CLAIMCHECK_MIGRATE_ON_START:-1}" != 0 ]; then
      flask --app service init-db
    fi
    exec gunicorn --config gunicorn.conf.py "service:create_app()"
    ;;
  *)
    exec "$@"
    ;;
esac
