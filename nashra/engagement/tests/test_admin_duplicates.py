"""Adding a ban or a word filter rule that exists in other letter case is a form error in the
admin's language, never an IntegrityError."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from nashra.engagement.models import Ban, WordFilterRule
from nashra.news.tests.helpers import soup

pytestmark = pytest.mark.django_db

ADD_BAN = "wagtailsnippets_engagement_ban:add"
EDIT_BAN = "wagtailsnippets_engagement_ban:edit"
ADD_RULE = "wagtailsnippets_engagement_wordfilterrule:add"


@pytest.fixture
def moderator(client, django_user_model):
    user = django_user_model.objects.create_superuser("moderator", "m@example.org", "pw")
    client.force_login(user)
    return user


def _in_language(user, lang):
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=lang)


def _error_text(response):
    doc = soup(response)
    return " ".join(
        e.get_text(" ", strip=True) for e in doc.select(".error-message, .w-field__errors")
    )


@pytest.mark.parametrize(
    "lang,expected",
    [("en", "This address is already banned."), ("ar", "هذا العنوان محظور من قبل.")],
)
@pytest.mark.parametrize(
    "value", ["BANNED@example.org", " Banned@Example.ORG ", "banned@example.org"]
)
def test_a_ban_in_other_letter_case_is_a_form_error(client, moderator, lang, expected, value):
    _in_language(moderator, lang)
    Ban.objects.create(kind=Ban.Kind.EMAIL, value="banned@example.org")
    response = client.post(reverse(ADD_BAN), {"kind": "email", "value": value, "reason": "x"})
    assert response.status_code == 200  # the form again, with the error
    assert expected in _error_text(response)
    assert Ban.objects.filter(value__iexact="banned@example.org").count() == 1


def test_a_hashed_address_ban_is_compared_in_lower_case(client, moderator):
    Ban.objects.create(kind=Ban.Kind.ADDRESS, value="ab" * 32)
    response = client.post(reverse(ADD_BAN), {"kind": "address", "value": "AB" * 32, "reason": ""})
    assert response.status_code == 200 and _error_text(response)
    assert Ban.objects.filter(kind=Ban.Kind.ADDRESS).count() == 1


def test_a_new_ban_is_stored_in_lower_case(client, moderator):
    response = client.post(
        reverse(ADD_BAN), {"kind": "email", "value": " New@Example.org", "reason": ""}
    )
    assert response.status_code == 302
    assert Ban.objects.filter(kind="email", value="new@example.org").exists()


def test_editing_a_ban_into_another_is_a_form_error(client, moderator):
    Ban.objects.create(kind=Ban.Kind.EMAIL, value="one@example.org")
    other = Ban.objects.create(kind=Ban.Kind.EMAIL, value="two@example.org")
    response = client.post(
        reverse(EDIT_BAN, args=[other.pk]),
        {"kind": "email", "value": "ONE@example.org", "reason": ""},
    )
    assert response.status_code == 200 and _error_text(response)
    assert Ban.objects.get(pk=other.pk).value == "two@example.org"


@pytest.mark.parametrize(
    "lang,expected",
    [("en", "There is already a rule"), ("ar", "توجد قاعدة")],
)
@pytest.mark.parametrize("term", ["Smuggler", "SMUGGLER ", "smuggler"])
def test_a_duplicate_word_filter_rule_is_a_form_error(client, moderator, lang, expected, term):
    _in_language(moderator, lang)
    WordFilterRule.objects.create(language="en", term="smuggler")
    response = client.post(reverse(ADD_RULE), {"language": "en", "term": term, "note": ""})
    assert response.status_code == 200
    assert expected in _error_text(response)
    assert WordFilterRule.objects.filter(term__iexact="smuggler").count() == 1


def test_arabic_spelling_variants_are_one_rule(client, moderator):
    WordFilterRule.objects.create(language="ar", term="إرهابي")
    response = client.post(reverse(ADD_RULE), {"language": "ar", "term": "ارهابى", "note": ""})
    assert response.status_code == 200 and _error_text(response)


def test_the_same_word_in_another_language_is_another_rule(client, moderator):
    WordFilterRule.objects.create(language="en", term="smuggler")
    response = client.post(reverse(ADD_RULE), {"language": "ar", "term": "smuggler", "note": ""})
    assert response.status_code == 302
    assert WordFilterRule.objects.filter(term="smuggler").count() == 2
