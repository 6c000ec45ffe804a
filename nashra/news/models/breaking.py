from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TEXT_MAX_LENGTH = 160


class BreakingBanner(models.Model):
    """The "Breaking" banner an edition shows at the top of every page while it is set (one per
    edition, deleted when removed). Readers get it from nashra.news.breaking."""

    locale = models.OneToOneField(
        "wagtailcore.Locale",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="breaking_banner",
    )
    text = models.CharField(_("text"), max_length=TEXT_MAX_LENGTH)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("link to a page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Checked in clean(): https only, with one clear message for every other scheme.
    link_url = models.CharField(_("or to an address"), max_length=500, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("breaking-news banner")
        verbose_name_plural = _("breaking-news banners")

    def __str__(self):
        return self.text

    def clean(self):
        errors = {}
        if self.link_url:
            if not _is_https_address(self.link_url):
                errors["link_url"] = _("The address must start with https://.")
            if self.link_page_id:
                errors["link_url"] = _("Link to a page or to an address, not both.")
        elif not self.link_page_id:
            errors["link_page"] = _("Choose a page of this edition or give an https:// address.")
        if self.link_page_id and self.locale_id and self.link_page.locale_id != self.locale_id:
            errors["link_page"] = _("Choose a page of this edition, not of another one.")
        if self.expires_at is not None and self.expires_at <= timezone.now():
            errors["expires_at"] = _("The expiry must be in the future.")
        if errors:
            raise ValidationError(errors)

    def is_shown(self, now=None):
        return self.expires_at is None or self.expires_at > (now or timezone.now())


def _is_https_address(value):
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return (
        parts.scheme.lower() == "https"
        and bool(parts.hostname)
        and not any(c.isspace() or ord(c) < 32 for c in value)
    )
