"""What an import remembers: which WordPress site it read, where each imported object came
from (so a second run finds it instead of making another), and each run started in the admin.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportSource(models.Model):
    """One WordPress site, known by its address (the export's base_site_url)."""

    site_url = models.CharField(_("site address"), max_length=500, unique=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("first imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("WordPress site")
        verbose_name_plural = _("WordPress sites")

    def __str__(self):
        return self.title or self.site_url


class SourceKind(models.TextChoices):
    POST = "post", _("Post")
    PAGE = "page", _("Page")
    ATTACHMENT = "attachment", _("Attachment")
    MEDIA_URL = "media_url", _("Media address")
    AUTHOR = "author", _("Author")
    CATEGORY = "category", _("Category")
    TAG = "tag", _("Tag")
    COMMENT = "comment", _("Comment")
    REDIRECT = "redirect", _("Old address")


class ImportedObject(models.Model):
    """Where one object of the site came from: (source, kind, WordPress id, language).

    The unique constraint is what keeps a re-run, a resumed run or two runs at once from
    making a second copy: the second claim of the same origin is refused by the database.
    `language` is set where one WordPress object becomes one object per edition (an author
    gets an author page in each language)."""

    source = models.ForeignKey(
        ImportSource,
        on_delete=models.CASCADE,
        related_name="imported_objects",
        verbose_name=_("site"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SourceKind.choices)
    wp_id = models.CharField(_("WordPress id"), max_length=255)
    language = models.CharField(_("language"), max_length=8, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # A digest of the source as last imported: equal on a re-run means "unchanged".
    source_hash = models.CharField(_("source digest"), max_length=64, blank=True)
    # The body links to imported posts that did not exist yet; the link pass fixes them.
    links_pending = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("imported object")
        verbose_name_plural = _("imported objects")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "wp_id", "language"], name="wpimport_one_per_origin"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.kind} {self.wp_id} {self.language}".strip()


class RunStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    ANALYSED = "analysed", _("Analysed")
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Importing")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")


class ImportRun(models.Model):
    """An import started in the admin: the uploaded export, its analysis, progress and report.

    The export is kept outside the public media (settings.NASHRA_IMPORT_ROOT) and deleted
    with the run."""

    source = models.ForeignKey(
        ImportSource,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="runs",
        verbose_name=_("site"),
    )
    file_name = models.CharField(_("file"), max_length=255)
    stored_path = models.CharField(max_length=500, editable=False)
    options = models.JSONField(_("options"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.UPLOADED
    )
    analysis = models.JSONField(_("analysis"), null=True, blank=True)
    report = models.JSONField(_("report"), null=True, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("WordPress import")
        verbose_name_plural = _("WordPress imports")
        ordering = ["-created_at"]
        permissions = [("run_wordpress_import", _("Can import a WordPress export"))]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def percent(self):
        return int(100 * self.done / self.total) if self.total else 0
