import os

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

SNIFF_BYTES = 16 * 1024
DEFAULT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024


def max_upload_bytes():
    return getattr(settings, "NASHRA_IMPORT_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def looks_like_wxr(uploaded):
    """A first look only (XML, an RSS document near the top): the analysis reads the rest."""
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<") and b"<rss" in head


def too_large_message(size):
    return _("The file is %(size)s; the largest accepted is %(limit)s.") % {
        "size": filesizeformat(size),
        "limit": filesizeformat(max_upload_bytes()),
    }


class UploadForm(forms.Form):
    export = forms.FileField(
        label=_("WordPress export file"),
        help_text=_("The .xml file from WordPress: Tools > Export > All content."),
    )
    default_locale = forms.ChoiceField(
        label=_("Language of posts without one"),
        choices=settings.LANGUAGES,
        initial="en",
        help_text=_("Posts with no language term or translation group go to this edition."),
    )
    credit_meta_key = forms.CharField(
        label=_("Photo credit field"),
        max_length=255,
        required=False,
        help_text=_("The attachments' custom field that holds the photo credit, if any."),
    )
    section_map = forms.CharField(
        label=_("Categories to sections"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "ltr"}),
        help_text=_(
            "One line per category: wp-category-slug = nashra-section-slug (or the same as a "
            "JSON object). Categories not listed go to the section with their slug."
        ),
    )
    media_base_url = forms.URLField(
        label=_("Address of the old site's media"),
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        widget=forms.URLInput(attrs={"dir": "ltr"}),
        help_text=_("Where the images are downloaded from, if not the addresses in the file."),
    )
    uploads_dir = forms.CharField(
        label=_("Folder of copied uploads on the server"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
        help_text=_(
            "A copy of wp-content/uploads on this server: images are read from it instead of "
            "being downloaded."
        ),
    )
    include_pingbacks = forms.BooleanField(
        label=_("Import pingbacks and trackbacks"), required=False
    )

    def clean_export(self):
        export = self.cleaned_data["export"]
        if not export.name.lower().endswith(".xml"):
            raise forms.ValidationError(
                _("Choose the .xml file of a WordPress export."), code="extension"
            )
        if export.size > max_upload_bytes():
            raise forms.ValidationError(too_large_message(export.size), code="size")
        if not looks_like_wxr(export):
            raise forms.ValidationError(
                _("This file is not a WordPress export (an RSS document in XML)."),
                code="not_wxr",
            )
        return export

    def clean_section_map(self):
        from nashra.wpimport import importer

        text = self.cleaned_data["section_map"].strip()
        if not text:
            return {}
        try:
            return importer.parse_section_map(text)
        except ValueError as error:
            raise forms.ValidationError(
                _("The categories to sections map is not valid: %(error)s"),
                code="section_map",
                params={"error": error},
            ) from None

    def clean_uploads_dir(self):
        path = self.cleaned_data["uploads_dir"].strip()
        if not path:
            return ""
        if not os.path.isabs(path):
            raise forms.ValidationError(_("Give the folder's full path, from /."), code="relative")
        real = os.path.realpath(path)
        allowed = [os.path.realpath(root) for root in settings.NASHRA_IMPORT_UPLOADS_DIRS]
        if not any(real == root or real.startswith(root + os.sep) for root in allowed):
            raise forms.ValidationError(
                _("Copied uploads must be in a folder set aside for imports: %(folders)s"),
                code="not_allowed",
                params={"folders": ", ".join(allowed)},
            )
        if not os.path.isdir(real) or not os.access(real, os.R_OK | os.X_OK):
            raise forms.ValidationError(
                _("There is no folder the site can read at this path."), code="unreadable"
            )
        return real

    def import_options(self):
        """The ImportOptions keywords, kept as the run's JSON options."""
        data = self.cleaned_data
        return {
            "default_locale": data["default_locale"],
            "credit_meta_key": data["credit_meta_key"].strip() or None,
            "section_map": data["section_map"],
            "media_base_url": data["media_base_url"] or None,
            "uploads_dir": data["uploads_dir"] or None,
            "include_pingbacks": data["include_pingbacks"],
        }
