"""Run the newsroom's background worker: the long tasks and the once-a-minute tick
(nashra/newsroom/worker.py). Several may run at once, on one machine or many."""

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from nashra.newsroom.tick import default_worker_id
from nashra.newsroom.worker import NewsroomWorker, TickLoop


class Command(BaseCommand):
    help = "Run the background worker: long tasks, scheduled publishing and periodic jobs."

    def add_arguments(self, parser):
        parser.add_argument("--tick-seconds", type=float, default=None, help="slot length")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks for a task"
        )
        parser.add_argument("--worker-id", default=None)
        parser.add_argument(
            "--batch", action="store_true", help="run the waiting tasks, then exit (tests)"
        )

    def handle(self, *args, tick_seconds, interval, worker_id, batch, **options):
        worker_id = worker_id or f"{default_worker_id()}:{get_random_string(6)}"
        self.stdout.write(f"Newsroom worker {worker_id} started.")
        worker = NewsroomWorker(
            tick_loop=TickLoop(worker_id, slot_length=tick_seconds),
            queue_names=["*"],
            excluded_queue_names=[],
            interval=interval,
            batch=batch,
            backend_name="newsroom",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
        )
        worker.configure_signals()
        worker.run()
