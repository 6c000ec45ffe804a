"""Every reader-facing string has an Arabic translation.

makemessages cannot read Jinja2 templates, so the Arabic catalogue is kept by hand; this test
finds each gettext call in the templates and fails on any that Arabic does not translate.
"""

import re
from pathlib import Path

import pytest
from django.utils import translation

TEMPLATES = Path(__file__).resolve().parents[2] / "jinja2"
CALL = re.compile(r"""\b_\(\s*(["'])(.+?)\1\s*[,)]""")
PLURAL_CALL = re.compile(r"""\bngettext\(\s*(["'])(.+?)\1\s*,\s*(["'])(.+?)\3\s*,""")
# One count for each of Arabic's six plural forms (none, one, two, few, many, other).
ARABIC_FORMS = (0, 1, 2, 3, 11, 100)


def _template_strings():
    found = set()
    for path in TEMPLATES.rglob("*.html"):
        for match in CALL.finditer(path.read_text()):
            found.add(match.group(2))
    return sorted(found)


def _template_plurals():
    found = set()
    for path in TEMPLATES.rglob("*.html"):
        for match in PLURAL_CALL.finditer(path.read_text()):
            found.add((match.group(2), match.group(4)))
    return sorted(found)


def test_templates_use_gettext():
    assert len(_template_strings()) > 30


@pytest.mark.parametrize("message", _template_strings())
def test_template_string_has_arabic(message):
    with translation.override("ar"):
        translated = translation.gettext(message)
    assert translated != message or message in {"%(name)s"}, f"untranslated: {message!r}"
    for placeholder in re.findall(r"%\(\w+\)s", message):
        assert placeholder in translated


def test_templates_use_ngettext():
    assert len(_template_plurals()) >= 2


@pytest.mark.parametrize(("singular", "plural"), _template_plurals())
def test_template_plural_has_every_arabic_form(singular, plural):
    names = set(re.findall(r"%\((\w+)\)s", plural))
    with translation.override("ar"):
        forms = {n: translation.ngettext(singular, plural, n) for n in ARABIC_FORMS}
    assert plural not in forms.values() and singular not in forms.values(), (
        f"untranslated: {plural!r}"
    )
    assert len(set(forms.values())) == len(ARABIC_FORMS), f"forms missing for {plural!r}: {forms}"
    for n, form in forms.items():
        # None, one and two spell the number out; the rest show it.
        shown = names if n >= 3 else names - {"num"}
        assert all(f"%({name})s" in form for name in shown), (n, form)


def test_model_labels_are_translated():
    from nashra.news.models import ArticlePage

    with translation.override("ar"):
        assert str(ArticlePage._meta.verbose_name) == "مقال"
        assert str(ArticlePage._meta.get_field("standfirst").verbose_name) == "المقدّمة"
        assert str(ArticlePage._meta.get_field("article_type").choices[0][1]) == "خبر"


@pytest.mark.parametrize("app_label", ["news", "engagement", "images"])
def test_every_model_and_field_label_has_arabic(app_label):
    from django.apps import apps
    from wagtail.images.models import AbstractImage, AbstractRendition
    from wagtail.models import Orderable, Page

    inherited = {
        f.name
        for base in (Page, AbstractImage, AbstractRendition, Orderable)
        for f in base._meta.get_fields()
    }
    missing = []
    for model in apps.get_app_config(app_label).get_models():
        if issubclass(model, AbstractRendition):
            continue
        labels = [model._meta.verbose_name, model._meta.verbose_name_plural]
        labels += [
            f.verbose_name
            for f in model._meta.get_fields()
            if f.name not in inherited
            and not f.auto_created
            and getattr(f, "verbose_name", None)
            and f.name not in {"id", "submission_token", "content_object", "tag", "tagged_items"}
        ]
        for label in labels:
            with translation.override("en"):
                english = str(label)
            with translation.override("ar"):
                arabic = str(label)
            if english == arabic:
                missing.append(f"{model.__name__}: {english}")
    assert missing == []
