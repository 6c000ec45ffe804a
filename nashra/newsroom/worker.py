"""The worker process: django_tasks_db's task worker (the long tasks) in the main thread, and
the tick loop in a thread of its own, so that a reindex running for minutes never delays a
scheduled publish.

The tick loop wakes at each slot's start (a minute) and runs the tick (tick.py). Between two
slots it also wakes at the time the next scheduled item falls due (hint.py), and runs the
urgent jobs then: a page scheduled for 06:00:20 goes live at 06:00:20, not at 06:01.
"""

import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker as TaskWorker

from . import hint, jobs, tick
from .safety_net import catch_up

logger = logging.getLogger(__name__)
# Past a slot's start, so a page scheduled for the minute is due when the tick looks.
AFTER_SLOT_START = 0.2


class TickLoop(threading.Thread):
    def __init__(self, worker_id, slot_length=None):
        super().__init__(name="newsroom-tick", daemon=True)
        self.worker_id = worker_id
        self.slot_length = slot_length or settings.NASHRA_TICK_SECONDS
        self.stopping = threading.Event()

    def run(self):
        try:
            while not self.stopping.is_set():
                self._step()
        finally:
            connection.close()

    def _step(self):
        close_old_connections()
        now = timezone.now()
        try:
            tick.run(now, worker=self.worker_id, slot_length=self.slot_length)
        except Exception:  # a database hiccup: try again at the next slot
            logger.exception("The newsroom tick failed")
        next_slot = jobs.slot_of(now, self.slot_length) + timedelta(seconds=self.slot_length)
        while not self.stopping.is_set():
            now = timezone.now()
            if now >= next_slot:
                return
            try:
                due = hint.soonest_due()
            except Exception:
                logger.exception("Reading the next due time failed")
                due = None
            if due is not None and due <= now:
                if not catch_up(now, known_due=True):
                    self.stopping.wait(0.5)  # another process is at it, or it was a stale hint
                continue
            wake = min(next_slot, due) if due is not None else next_slot
            # Look again every second: an item scheduled meanwhile may be due sooner (the hint
            # is one cache read).
            wait = min((wake - now).total_seconds() + AFTER_SLOT_START, 1.0)
            self.stopping.wait(max(wait, 0.05))


class FrequentLoop(threading.Thread):
    """The jobs registered with jobs.register_frequent, each every few seconds."""

    def __init__(self):
        super().__init__(name="newsroom-frequent", daemon=True)
        self.stopping = threading.Event()

    def run(self):
        due = {}
        try:
            while not self.stopping.is_set():
                now = time.monotonic()
                for name, (job, seconds) in jobs.frequent_jobs().items():
                    if now < due.get(name, 0):
                        continue
                    close_old_connections()
                    try:
                        job()
                    except Exception:
                        logger.exception("The frequent job %s failed", name)
                    period = seconds() if callable(seconds) else seconds
                    due[name] = time.monotonic() + period
                wake = min(due.values(), default=time.monotonic() + 1.0)
                self.stopping.wait(max(wake - time.monotonic(), 0.05))
        finally:
            connection.close()


class NewsroomWorker(TaskWorker):
    """The task worker, which also starts and stops the tick loop."""

    def __init__(self, *, tick_loop, **options):
        super().__init__(**options)
        self.tick_loop = tick_loop
        self.frequent_loop = FrequentLoop()

    def run(self):
        self.tick_loop.start()
        self.frequent_loop.start()
        try:
            super().run()
        finally:
            self.stop_ticking()

    def stop_ticking(self):
        self.tick_loop.stopping.set()
        self.frequent_loop.stopping.set()
        if self.frequent_loop.is_alive():
            self.frequent_loop.join(timeout=30)
        if self.tick_loop.is_alive():
            self.tick_loop.join(timeout=30)

    def shutdown(self, signum, frame):
        if self.running and not self.running_task:
            self.stop_ticking()  # let a publish in progress finish before exiting
        super().shutdown(signum, frame)
