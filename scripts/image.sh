#!/usr/bin/env bash
# The steps of the production image, in one place: the Dockerfile and docker-compose.yml run
# them, and the test suite runs them outside Docker (tests/deploy/test_image.py).
#   build        collect static files with the production (manifest) storage; no secret needed
#   release      apply migrations: run once per deployment, never by each web process
#   serve        gunicorn, with workers, threads and timeouts from the settings (WEB_*)
#   worker       a Celery worker (WORKER_CONCURRENCY processes)
#   beat         the one Celery beat scheduler: run a single one for the whole deployment
#   healthcheck  the login page and /healthz of the server on $PORT answer 200
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python}

case "${1:-}" in
  build)
    # DEBUG off selects the manifest storage the image serves with; the key only lets the
    # settings load: collectstatic signs nothing.
    DEBUG=0 SECRET_KEY=collectstatic-only "$PYTHON" manage.py collectstatic --noinput --clear -v 0
    ;;
  release)
    "$PYTHON" manage.py migrate --noinput
    ;;
  serve)
    exec "$PYTHON" -m gunicorn config.wsgi:application --config python:config.gunicorn
    ;;
  worker)
    exec "$PYTHON" -m celery -A config worker --loglevel="${LOG_LEVEL:-INFO}" \
      --concurrency="${WORKER_CONCURRENCY:-2}" --hostname="${WORKER_NAME:-worker}@%h"
    ;;
  beat)
    exec "$PYTHON" -m celery -A config beat --loglevel="${LOG_LEVEL:-INFO}" \
      --schedule="${BEAT_SCHEDULE_FILE:-/tmp/celerybeat-schedule}"
    ;;
  healthcheck)
    exec "$PYTHON" scripts/healthcheck.py
    ;;
  *)
    echo "usage: $0 build|release|serve|worker|beat|healthcheck" >&2
    exit 2
    ;;
esac
