from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nashra.core.page_cache import PAGE_NUMBER
from nashra.news.models.article import ArticleType

from .query import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("Please shorten your search to %(limit_value)d characters.")
        },
    )
    # Django's own message repeats the value sent, which may be anything.
    section = forms.ChoiceField(
        label=_("Section"),
        required=False,
        error_messages={"invalid_choice": _("Please choose a section from the list.")},
    )
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", pgettext_lazy("article types", "All types"))] + ArticleType.choices,
        error_messages={"invalid_choice": _("Please choose a type from the list.")},
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Please give dates as YYYY-MM-DD.")},
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Please give dates as YYYY-MM-DD.")},
    )

    # Read here rather than by an IntegerField: int() takes "٣", " 3" and "03" too, and only a
    # number as the pager writes it names a page (as for the listings: canonical_page_number).
    page = forms.Field(required=False)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("All sections"))] + [
            (str(s.pk), s.title) for s in sections
        ]

    def clean_page(self):
        raw = self.cleaned_data["page"]
        if raw in (None, ""):
            return 1
        if not PAGE_NUMBER.fullmatch(raw):
            raise forms.ValidationError(
                _("There is no such page of results: page numbers are whole numbers such as 2."),
                code="invalid",
            )
        return int(raw)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The start date must be before the end date."))
        return data
