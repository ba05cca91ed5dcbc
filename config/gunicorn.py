"""Gunicorn's settings, taken from the Django settings so that there is one place to set them."""

import os

from config import settings

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = settings.WEB_WORKERS
threads = settings.WEB_THREADS
timeout = settings.WEB_TIMEOUT
graceful_timeout = settings.WEB_GRACEFUL_TIMEOUT
keepalive = settings.WEB_KEEPALIVE
# Recycle processes now and then, so that a slow leak never takes a machine down.
max_requests = 2000
max_requests_jitter = 200
# Django logs every request (with its id); gunicorn only logs its own events.
accesslog = None
errorlog = "-"
# Heartbeat files in memory: a container's disk may be slow or read-only.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
