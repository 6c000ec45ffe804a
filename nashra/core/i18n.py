"""Language facts used by templates and the admin: direction and native names."""

from django.utils.translation import get_language_info

RTL_LANGUAGES = {"ar", "fa", "he", "ur"}


def base_language(code):
    return (code or "en").split("-")[0].lower()


def language_direction(code):
    return "rtl" if base_language(code) in RTL_LANGUAGES else "ltr"


def language_name(code):
    """The language's name in that language (العربية, English), for switchers."""
    return get_language_info(base_language(code))["name_local"]
