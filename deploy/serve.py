"""Nashra's production server: Granian (an HTTP server written in Rust) running the WSGI app.

    DJANGO_SETTINGS_MODULE=nashra.settings.production SECRET_KEY=... ALLOWED_HOSTS=... \\
        .venv/bin/python deploy/serve.py

BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (worker processes, default two per core) and
SERVER_THREADS (threads per worker running Django, default 4) configure it.

HTTP parsing and keep-alive happen in Rust, so a page-cache hit costs little Python;
gunicorn's Python HTTP layer costs several times that (docs/developers/benchmark.md and
docs/developers/decisions.md). The app is imported here, once, and the workers are forked from
this process: Django and Wagtail's modules are then shared between them (copy-on-write), and
freezing the garbage collector's view of them keeps it that way.
"""

import gc
import multiprocessing
import os
import sys
from pathlib import Path


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.production")
    host, _, port = os.environ.get("BIND", "127.0.0.1:8000").rpartition(":")
    workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
    threads = int(os.environ.get("SERVER_THREADS", "4"))

    from django.db import connections

    import nashra.wsgi  # noqa: F401 - the workers inherit it; see the docstring
    from nashra.core.arabic_morphology import morphology

    # Search's Arabic dictionary (about 8 MB, 0.3-0.5 s to read): read once here and shared,
    # not by each worker's first Arabic search.
    morphology()

    connections.close_all()  # a worker must never share this process's database connection
    multiprocessing.set_start_method("fork")  # what makes the import above shared
    gc.freeze()

    from granian import Granian
    from granian.constants import Interfaces

    Granian(
        "nashra.wsgi:application",
        address=host or "127.0.0.1",
        port=int(port),
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        websockets=False,
        respawn_failed_workers=True,
        log_access=bool(os.environ.get("SERVER_ACCESS_LOG")),
    ).serve()


if __name__ == "__main__":
    main()
