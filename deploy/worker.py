"""Nashra's background worker: long tasks, scheduled publishing and expiry, and the periodic
jobs that were cron's (docs/operators/worker.md).

    DJANGO_SETTINGS_MODULE=nashra.settings.production SECRET_KEY=... ALLOWED_HOSTS=... \\
        .venv/bin/python deploy/worker.py

Run one beside the web server; more are safe (each slot and each task is done once).
NASHRA_TICK_SECONDS (default 60) is the slot length. SIGINT or SIGTERM stops it after the task
or publish in progress.
"""

import os
import sys
from pathlib import Path


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.production")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("newsroom_worker", *sys.argv[1:])


if __name__ == "__main__":
    main()
