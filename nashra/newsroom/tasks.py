"""Long jobs, run by the worker as tasks (the Django tasks API, on the database backend), with
their progress recorded for the staff page (TaskProgress)."""

from django.utils.translation import gettext_noop
from django_tasks import task
from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config
from modelsearch.index import get_indexed_models
from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as RebuildIndexCommand,
)

from .models import TaskProgress

REINDEX_LABEL = gettext_noop("Rebuild the search index")


class _ReportingRebuild(RebuildIndexCommand):
    """The rebuild of `manage.py update_index`, telling `progress` of each chunk indexed."""

    verbosity = 0

    def __init__(self, progress):
        super().__init__()
        self.progress = progress

    def print_iter_progress(self, iterable):
        for chunk in iterable:
            yield chunk
            self.progress.done += len(chunk)
            self.progress.save(update_fields=["done", "updated_at"])


def _indexed_count():
    return sum(model.get_indexed_objects().count() for model in get_indexed_models())


@task(backend="newsroom", takes_context=True)
def rebuild_search_index(context):
    backends = [
        name
        for name in get_app_config().get_search_backend_config()
        if get_search_backend(name).rebuilder_class
    ]
    progress, _ = TaskProgress.objects.update_or_create(
        task_id=context.task_result.id,
        defaults={"label": REINDEX_LABEL, "done": 0, "total": _indexed_count() * len(backends)},
    )
    rebuild = _ReportingRebuild(progress)
    for name in backends:
        rebuild.update_backend(name)
    return progress.done
