"""Gunicorn for production: `gunicorn -c deploy/gunicorn.conf.py nashra.wsgi`.

Threaded workers keep connections alive, which matters for cached pages; two workers per
core (WEB_CONCURRENCY overrides) keep memory bounded on a small box. The app is imported once
in the master and forked: Django and Wagtail's ~2,000 modules are then shared between workers
(copy-on-write), and freezing the garbage collector's view of them keeps it that way.
"""

import gc
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
preload_app = True


def pre_fork(server, worker):
    from django.db import connections

    connections.close_all()  # a worker must never share the master's database connection
    # Objects created so far are never collected: the collector then leaves their memory
    # pages untouched, so forked workers keep sharing them instead of copying.
    gc.freeze()
