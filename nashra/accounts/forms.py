from django import forms
from django.utils.translation import gettext_lazy as _


class AppCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        help_text=_("Six digits; a new code appears every 30 seconds."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "dir": "ltr",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        # Arabic-Indic digits typed on an Arabic keyboard mean the same code.
        code = code.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2))
        if not code.isdigit():
            raise forms.ValidationError(_("Enter the digits shown in your authenticator app."))
        return code


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=40,
        help_text=_(
            "One of the codes you saved when you set up two-factor authentication. "
            "Each code works once."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autofocus": True,
                "dir": "ltr",
                "spellcheck": "false",
            }
        ),
    )
