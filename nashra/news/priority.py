from django.db import models
from django.utils.translation import gettext_lazy as _


class Priority(models.TextChoices):
    """How pressing a story is on the desk board."""

    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")
