from django import forms
from django.utils.translation import gettext_lazy as _

from nashra.core.i18n import base_language, language_direction
from nashra.news.models import AuthorPage

from .models import LiveEntry


class LiveEntryForm(forms.ModelForm):
    """An entry as the desk adds or changes it. Text fields take the direction of the live
    page's language, not the admin's (as the page editor's do: nashra/core/forms.py)."""

    posted_at = forms.DateTimeField(
        label=_("Time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        help_text=_("When it happened; now unless you change it."),
    )

    class Meta:
        model = LiveEntry
        fields = ["title", "body", "authors", "key_event", "pinned", "posted_at"]
        widgets = {"authors": forms.CheckboxSelectMultiple}

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields["authors"].queryset = (
            AuthorPage.objects.live().filter(locale_id=page.locale_id).order_by("title")
        )
        lang = base_language(page.locale.language_code)
        direction = language_direction(lang)
        self.fields["title"].widget.attrs.update(
            {
                "dir": direction,
                "lang": lang,
                "data-content-lang": lang,
                "data-content-dir": direction,
            }
        )
