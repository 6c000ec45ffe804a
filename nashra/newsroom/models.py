"""What the worker records: each tick slot it claimed, each job it ran in a slot, and the
progress of long tasks. The unique constraints are what keep two workers (or a restart) from
doing one slot's work twice: the database refuses the second claim."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tick(models.Model):
    """One slot of the clock (a minute in production), claimed by the worker that ran it."""

    slot = models.DateTimeField(_("slot"), unique=True)
    worker = models.CharField(_("worker"), max_length=64)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True)

    class Meta:
        verbose_name = _("tick")
        verbose_name_plural = _("ticks")

    def __str__(self):
        return f"{self.slot.isoformat()} ({self.worker})"


class JobRun(models.Model):
    """A job's run for one of its periods (a minute, five minutes, a night)."""

    job = models.CharField(_("job"), max_length=64)
    period = models.DateTimeField(_("period"))
    worker = models.CharField(_("worker"), max_length=64)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="newsroom_one_run_per_period")
        ]

    def __str__(self):
        return f"{self.job} {self.period.isoformat()}"


class TaskProgress(models.Model):
    """How far a long task (django_tasks_db's result, by id) has come, for the staff page."""

    task_id = models.UUIDField(primary_key=True)
    label = models.CharField(_("label"), max_length=200)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("task progress")
        verbose_name_plural = _("task progress")
        permissions = [("start_long_tasks", _("Can start long tasks (a full reindex)"))]

    def __str__(self):
        return f"{self.label}: {self.done}/{self.total}"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0
