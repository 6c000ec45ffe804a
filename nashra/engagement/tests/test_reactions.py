import pytest
from django.core import signing
from django.test import override_settings

from nashra.engagement import identity
from nashra.engagement.models import Reaction

from .helpers import JSON, ORIGIN, article, page_url, vote_url

pytestmark = pytest.mark.django_db


def test_vote_with_javascript_returns_thanks_and_tally(client):
    a = article()
    response = client.post(vote_url(a), {"value": "yes"}, **ORIGIN, **JSON)
    data = response.json()
    assert response.status_code == 200 and data["ok"]
    assert data["tally"]["yes"] == 1 and data["tally"]["total"] == 1
    assert data["message"] == "Thank you for your answer."
    assert identity.COOKIE_NAME in response.cookies
    assert response.cookies[identity.COOKIE_NAME]["httponly"]


def test_one_vote_per_reader_and_it_can_change(client):
    a = article()
    client.post(vote_url(a), {"value": "yes"}, **ORIGIN, **JSON)
    data = client.post(vote_url(a), {"value": "no"}, **ORIGIN, **JSON).json()
    assert data["tally"] == {
        "yes": 0,
        "no": 1,
        "total": 1,
        "yes_percent": 0,
        "sentence": "0% of 1 reader liked this article.",
    }
    assert Reaction.objects.filter(article=a).count() == 1
    state = client.get(f"/en/engagement/articles/{a.pk}/state/").json()
    assert state["my_vote"] == "no" and state["tally"]["no"] == 1


def test_vote_without_javascript_redirects_back_with_thanks(client):
    a = article("ar")
    response = client.post(vote_url(a), {"value": "yes"}, **ORIGIN)
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(a)}?reacted=yes#reaction"
    page = client.get(response["Location"]).content.decode()
    assert "شكرًا على إجابتك" in page
    assert "100" in page


def test_bad_value_gets_a_message_in_the_reader_language(client):
    a = article("ar")
    data = client.post(vote_url(a), {"value": "maybe"}, **ORIGIN, **JSON).json()
    assert data["message"] == "يُرجى اختيار «نعم» أو «لا»."
    assert not Reaction.objects.filter(article=a).exists()


def test_cross_site_votes_are_refused(client):
    a = article()
    response = client.post(
        vote_url(a), {"value": "yes"}, HTTP_ORIGIN="https://evil.example", **JSON
    )
    assert response.status_code == 403
    assert client.post(vote_url(a), {"value": "yes"}, **JSON).status_code == 403  # no origin
    assert not Reaction.objects.exists()


def test_clearing_cookies_cannot_stuff_the_ballot(client):
    a = article()
    with override_settings(NASHRA_VOTES_PER_ADDRESS_PER_ARTICLE_PER_DAY=3):
        for _ in range(3):
            client.cookies.clear()
            assert client.post(vote_url(a), {"value": "yes"}, **ORIGIN, **JSON).status_code == 200
        client.cookies.clear()
        response = client.post(vote_url(a), {"value": "yes"}, **ORIGIN, **JSON)
    assert response.status_code == 429 and response.json()["message"]
    assert Reaction.objects.filter(article=a).count() == 3


def test_votes_are_rate_limited(client):
    a = article()
    with override_settings(NASHRA_VOTES_PER_ADDRESS_PER_MINUTE=2):
        codes = [
            client.post(vote_url(a), {"value": v}, **ORIGIN, **JSON).status_code
            for v in ("yes", "no", "yes")
        ]
    assert codes == [200, 200, 429]


def test_no_raw_address_is_stored(client):
    a = article()
    client.post(vote_url(a), {"value": "yes"}, REMOTE_ADDR="203.0.113.77", **ORIGIN, **JSON)
    vote = Reaction.objects.get(article=a)
    assert "203.0.113.77" not in vote.address_hash and len(vote.address_hash) == 64
    row = str(Reaction.objects.filter(pk=vote.pk).values().get())
    assert "203.0.113" not in row


def test_a_forged_cookie_is_not_trusted(client):
    a = article()
    client.post(vote_url(a), {"value": "yes"}, **ORIGIN, **JSON)
    key = Reaction.objects.get(article=a).reader_key
    client.cookies[identity.COOKIE_NAME] = key  # unsigned: not accepted as that reader
    state = client.get(f"/en/engagement/articles/{a.pk}/state/").json()
    assert state["my_vote"] is None
    client.cookies[identity.COOKIE_NAME] = signing.dumps(key, salt=identity.COOKIE_SALT)
    assert client.get(f"/en/engagement/articles/{a.pk}/state/").json()["my_vote"] == "yes"


def test_votes_on_unpublished_articles_404(client):
    a = article()
    a.unpublish()
    assert client.post(vote_url(a), {"value": "yes"}, **ORIGIN, **JSON).status_code == 404
