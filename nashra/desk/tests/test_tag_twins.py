"""A translation carries each tag's twin in the other edition, never the original tags; the
editor is told which were left off."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from nashra.desk.models import TagsLeftOff, TagTwin
from nashra.news.models import ArticlePage

from .helpers import locale, new_story

pytestmark = pytest.mark.django_db


def _tag(name):
    return Tag.objects.get_or_create(name=name, defaults={"slug": name})[0]


def _set_tags(page, names):
    page.tags.set([_tag(n) for n in names])
    page.save()


def _draft_tags(page):
    fresh = ArticlePage.objects.get(pk=page.pk)  # the latest revision, not the one at copy time
    return sorted(t.name for t in fresh.get_latest_revision_as_object().tags.all())


def _twinned_pairs(count):
    pairs = []
    for english in ArticlePage.objects.live().filter(locale__language_code="en").order_by("pk"):
        arabic = english.get_translations().live().filter(locale__language_code="ar").first()
        if arabic is not None:
            pairs.append((english, arabic.specific))
        if len(pairs) == count:
            return pairs
    raise AssertionError("the demo has too few twinned articles")


@pytest.fixture
def twinned():
    """Explicit twin: economy ↔ اقتصاد. Learned from twinned articles: oil ↔ نفط (the one
    tag every Arabic twin of an "oil" article shares)."""
    TagTwin.objects.create(en_tag=_tag("economy"), ar_tag=_tag("اقتصاد"))
    (en1, ar1), (en2, ar2) = _twinned_pairs(2)
    _set_tags(en1, ["oil", "harbour"])
    _set_tags(ar1, ["نفط", "ميناء", "حيفا"])
    _set_tags(en2, ["oil"])
    _set_tags(ar2, ["نفط", "أسعار"])


def test_translation_maps_tags_to_their_twins_and_tells_the_editor(client, admin_user, twinned):
    story = new_story()
    _set_tags(story, ["economy", "oil", "strikes"])
    client.force_login(admin_user)
    response = client.post(
        f"/admin/translation/submit/page/{story.pk}/", {"locales": [locale("ar").pk]}
    )
    assert response.status_code == 302
    twin = story.get_translation(locale("ar"))
    assert _draft_tags(twin) == ["اقتصاد", "نفط"]
    assert sorted(t.name for t in ArticlePage.objects.get(pk=twin.pk).tags.all()) == [
        "اقتصاد",
        "نفط",
    ]
    # "strikes" has no twin: left off, and the editor is told on the edit screen.
    assert TagsLeftOff.objects.get(page_id=twin.pk).names == ["strikes"]
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[twin.pk]))
    messages = [str(m) for m in edit.context["messages"]]
    assert any("strikes" in m and "not carried over" in m for m in messages)


def test_arabic_to_english_uses_the_same_twins(twinned):
    story = new_story("Arabic story", lang="ar")
    _set_tags(story, ["اقتصاد", "نفط", "محلي"])
    twin = story.copy_for_translation(locale("en"))
    assert _draft_tags(twin) == ["economy", "oil"]
    assert TagsLeftOff.objects.get(page_id=twin.pk).names == ["محلي"]


def test_an_ambiguous_pairing_is_not_guessed(twinned):
    # "harbour" sits on the same twinned pair as "oil", but its twin could be any of three
    # Arabic tags: left for the editor.
    story = new_story()
    _set_tags(story, ["harbour"])
    twin = story.copy_for_translation(locale("ar"))
    assert _draft_tags(twin) == []
    assert TagsLeftOff.objects.get(page_id=twin.pk).names == ["harbour"]


def test_saving_the_translation_clears_the_note(client, admin_user, twinned):
    story = new_story()
    _set_tags(story, ["strikes"])
    twin = story.copy_for_translation(locale("ar"))
    from nashra.desk import wagtail_hooks

    wagtail_hooks.forget_tags_left_off_once_saved(None, twin)
    assert not TagsLeftOff.objects.filter(page_id=twin.pk).exists()
