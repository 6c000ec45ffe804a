from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nashra.news.models.article import ArticleType

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("Please shorten your search to %(limit_value)d characters.")},
    )
    section = forms.ChoiceField(label=_("Section"), required=False)
    type = forms.ChoiceField(
        label=_("Type"), required=False,
        choices=[("", pgettext_lazy("article types", "All types"))] + ArticleType.choices,
    )
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": _("Please give dates as YYYY-MM-DD.")})
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                          error_messages={"invalid": _("Please give dates as YYYY-MM-DD.")})

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("All sections"))] + [
            (str(s.pk), s.title) for s in sections
        ]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The start date must be before the end date."))
        return data
