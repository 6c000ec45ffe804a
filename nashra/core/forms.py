from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from nashra.core.i18n import base_language, language_direction

# Fields that hold identifiers or addresses stay left-to-right whatever the language.
_DIRECTION_NEUTRAL_FIELDS = {"slug", "seo_title", "url_path"}


class ContentDirectionPageForm(WagtailAdminPageForm):
    """Gives every prose field the direction of the page's language, not the admin's.

    An editor using the English admin to write an Arabic article gets right-to-left title,
    standfirst and caption fields; static/js/admin-content-direction.js extends the same
    direction to StreamField blocks and rich-text editors, which are built in the browser.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = getattr(self.instance, "locale", None)
        if locale is None and self.parent_page is not None:
            locale = self.parent_page.locale
        if locale is None:
            return
        lang = base_language(locale.language_code)
        direction = language_direction(lang)
        for name, field in self.fields.items():
            widget = field.widget
            if name in _DIRECTION_NEUTRAL_FIELDS or not isinstance(
                widget, (forms.TextInput, forms.Textarea)
            ):
                continue
            if isinstance(widget, (forms.URLInput, forms.EmailInput, forms.NumberInput)):
                continue
            widget.attrs.update({"dir": direction, "lang": lang})
        # A single marker the admin script reads to direct fields it creates later.
        if "title" in self.fields:
            self.fields["title"].widget.attrs.update(
                {"data-content-lang": lang, "data-content-dir": direction}
            )
