"""A task for the worker tests: it appends its own id to a file, so a task run twice shows."""

import time

from django_tasks import task


@task(backend="newsroom", takes_context=True)
def record_run(context, path):
    with open(path, "a") as log:
        log.write(f"{context.task_result.id}\n")
    time.sleep(0.02)  # long enough for the other worker to look for work meanwhile
