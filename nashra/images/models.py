from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.utils.file import hash_filelike


class NashraImage(AbstractImage):
    """An image that carries its own alt text, credit and usage rights.

    The credit is entered once here and shown wherever the image is placed; captions belong
    to the placement (an article says what the picture shows in its own context).
    """

    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        help_text=_("Describe what the image shows for readers who cannot see it."),
    )
    photographer = models.CharField(_("photographer"), max_length=120, blank=True)
    agency = models.CharField(_("agency"), max_length=120, blank=True)
    rights_notes = models.TextField(
        _("rights and usage notes"),
        blank=True,
        help_text=_("Licence, embargo or usage restrictions. Shown to editors only."),
    )

    admin_form_fields = Image.admin_form_fields + (
        "alt_text",
        "photographer",
        "agency",
        "rights_notes",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @property
    def default_alt_text(self):
        return self.alt_text or super().default_alt_text

    def rendition(self, spec):
        """`get_rendition(spec)`, without writing a prefetched rendition back to the cache on
        every call (which `get_rendition` does), and a "not-found" one if the file is gone."""
        return get_renditions_or_not_found(self, [spec])[spec]

    def generate_rendition_file(self, filter, *, source=None):
        """Wagtail's rendition file, named with the original's content hash too: renditions
        are served as immutable (docs/developers/images.md), so a replaced file must never
        give a rendition the name of an earlier one. (The focal point is in the name already.)"""
        file = super().generate_rendition_file(filter, source=source)
        if not self.file_hash:  # images saved outside Wagtail's forms (not saved here: the
            # renditions are made amid reads of this table). A fresh handle from the storage:
            # self.file may be the handle Wagtail has just read and closed for the renditions.
            with self.file.storage.open(self.file.name, "rb") as original:
                self.file_hash = hash_filelike(original)
        file.name = f"{self.file_hash[:8]}-{file.name}"
        return file

    @property
    def credit(self):
        """The credit as printed under a picture, without brackets: "Name/Agency"."""
        return "/".join(part for part in (self.photographer, self.agency) if part)


class NashraRendition(AbstractRendition):
    image = models.ForeignKey(NashraImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
