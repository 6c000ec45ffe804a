from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .text import has_line_breaking, neutralize_bidi


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=settings.NASHRA_COMMENT_NAME_MAX_LENGTH,
        error_messages={"required": _("Please tell us your name.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Never shown. We use it only to tell you about your comment."),
        error_messages={
            "required": _("Please give your e-mail address."),
            "invalid": _("Please give a valid e-mail address, like name@example.com."),
        },
    )
    body = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        min_length=2,
        max_length=settings.NASHRA_COMMENT_MAX_LENGTH,
        error_messages={"required": _("Please write your comment.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    submission_token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if has_line_breaking(name):
            raise forms.ValidationError(
                _(
                    "Please write your name on one line, without line breaks, tabs or other "
                    "control characters."
                )
            )
        if not neutralize_bidi(name)[0].strip():
            raise forms.ValidationError(_("Please tell us your name."))
        return name

    def clean_body(self):
        body = self.cleaned_data["body"]
        if len(neutralize_bidi(body)[0].strip()) < 2:
            raise forms.ValidationError(_("Please write your comment."))
        return body


class PrivacyRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        error_messages={"invalid": _("Please give a valid e-mail address, like name@example.com.")},
    )
    action = forms.ChoiceField(
        label=_("What would you like?"),
        choices=[
            ("export", _("A copy of my comments")),
            ("delete", _("Delete my comments")),
        ],
        widget=forms.RadioSelect,
    )
