"""Gunicorn for production: `gunicorn -c deploy/gunicorn.conf.py nashra.wsgi`.

Threaded workers keep connections alive, which matters for cached pages; two workers per
core (WEB_CONCURRENCY overrides) keep memory bounded on a small box.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
timeout = 30
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
