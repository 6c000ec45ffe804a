import pytest
from django.core import mail
from django.test import override_settings

from nashra.engagement.models import Ban, Comment, CommentStatus, PolicyClause, WordFilterRule
from nashra.news.models import ArticlePage, SectionPage

from .helpers import JSON, ORIGIN, article, comment_url, page_url, pow_for

pytestmark = pytest.mark.django_db


def _post(client, a, json=True, **fields):
    data = {
        "name": "Rania",
        "email": "rania@example.org",
        "body": "The drainage works were promised in March; what changed since then?",
        "altcha": pow_for(a),
        **fields,
    }
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(comment_url(a), data, **ORIGIN, **(JSON if json else {}))


def _set_mode(a, mode):
    a.comments_mode = mode
    a.save_revision().publish()


def test_comment_is_held_for_moderation_then_appears_when_approved(client):
    a = article()
    response = _post(client, a)
    data = response.json()
    assert response.status_code == 200 and data["ok"] and data["status"] == "pending"
    comment = Comment.objects.get(pk=data["comment_id"])
    assert comment.status == CommentStatus.PENDING
    assert comment.body not in client.get(page_url(a)).content.decode()
    comment.status = CommentStatus.APPROVED
    comment.save()
    html = client.get(page_url(a)).content.decode()
    assert comment.body.replace("'", "&#x27;") in html
    section_html = client.get(page_url(SectionPage.objects.get(pk=a.section_id))).content.decode()
    assert "#comments" in section_html  # the card shows the comment count


def test_moderators_are_emailed_about_pending_comments(
    client, django_user_model, django_capture_on_commit_callbacks
):
    django_user_model.objects.create_superuser("mod", "mod@example.org", "pw")
    a = article()
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, a)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["mod@example.org"]
    assert a.title in mail.outbox[0].subject


@pytest.mark.parametrize(
    "fields,field,message",
    [
        ({"name": ""}, "name", "يُرجى كتابة اسمك."),
        (
            {"email": "not-an-email"},
            "email",
            "يُرجى إدخال بريد إلكتروني صحيح، مثل name@example.com.",
        ),
        ({"body": ""}, "body", "يُرجى كتابة تعليقك."),
        ({"body": "x" * 3001}, "body", "3000"),
    ],
)
def test_bad_input_is_explained_in_arabic(client, fields, field, message):
    a = article("ar")
    response = _post(client, a, **fields)
    data = response.json()
    assert response.status_code == 400 and not data["ok"]
    assert any(message in m for m in data["errors"][field])
    assert data["captcha"]["challenge"]  # a fresh challenge to try again
    assert not Comment.objects.filter(article=a).exists()


def test_failed_captcha_without_javascript_keeps_the_text_and_offers_an_image(client):
    a = article()
    response = _post(client, a, json=False, altcha=None, body="My carefully written comment")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please complete the captcha." in html
    assert "My carefully written comment" in html and 'value="Rania"' in html
    assert 'name="captcha_id"' in html and "/captcha/audio/" in html


def test_image_captcha_path_without_javascript(client):
    from nashra.engagement.models import ImageChallenge

    a = article()
    form = client.get(comment_url(a))
    assert form.status_code == 200 and 'name="captcha_answer"' in form.content.decode()
    challenge = ImageChallenge.objects.latest("expires_at")
    response = _post(
        client,
        a,
        json=False,
        altcha=None,
        captcha_id=str(challenge.pk),
        captcha_answer=challenge.answer,
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?commented=pending#comments")
    assert "سيظهر" not in client.get(response["Location"]).content.decode()


def test_replayed_captcha_is_refused(client):
    a = article()
    payload = pow_for(a)
    assert _post(client, a, altcha=payload).status_code == 200
    response = _post(client, a, altcha=payload, body="A different comment entirely, posted later.")
    assert response.status_code == 400
    assert "already used" in response.json()["message"]


def test_closed_articles_refuse_comments(client):
    a = article()
    _set_mode(a, "closed")
    response = _post(client, a)
    assert response.status_code == 403 and "closed" in response.json()["message"]
    assert "Comments on this article are closed." in client.get(page_url(a)).content.decode()


def test_section_setting_applies_unless_the_article_overrides(client):
    a = article()
    SectionPage.objects.filter(pk=a.section_id).update(comments_mode="open")
    a.refresh_from_db()
    assert a.effective_comments_mode == "open"
    assert _post(client, a).json()["status"] == "published"
    _set_mode(a, "premoderated")
    assert (
        _post(client, a, body="Second thoughts on the same story, held this time.").json()["status"]
        == "pending"
    )


@pytest.mark.parametrize("kind,value", [("email", "Rania@Example.org"), ("address", None)])
def test_banned_authors_are_refused(client, kind, value):
    from django.test import RequestFactory

    from nashra.engagement.identity import address_hash

    if value is None:
        value = address_hash(RequestFactory().get("/", REMOTE_ADDR="127.0.0.1"))
    Ban.objects.create(kind=kind, value=value)
    response = _post(client, article())
    assert response.status_code == 403
    assert "not accepted" in response.json()["message"]


def test_flooding_is_refused(client):
    a = article()
    with override_settings(NASHRA_COMMENTS_PER_ADDRESS_PER_10_MIN=2):
        codes = [
            _post(client, a, body=f"Comment number {i} with enough words").status_code
            for i in range(3)
        ]
    assert codes == [200, 200, 429]


def test_double_submit_is_stored_once(client):
    a = article()
    first = _post(client, a, submission_token="tok-123").json()
    second = _post(client, a, submission_token="tok-123").json()
    assert second["duplicate"] and second["comment_id"] == first["comment_id"]
    assert "did not store it twice" in second["message"]
    assert Comment.objects.filter(article=a).count() == 1


def test_the_same_comment_twice_is_caught(client):
    a = article()
    _post(client, a, body="Exactly the same words.")
    again = _post(client, a, body="  Exactly the   same words. ").json()
    assert again["duplicate"]
    assert Comment.objects.filter(article=a).count() == 1


def test_bidi_controls_are_removed_and_the_reader_is_told(client):
    a = article()
    data = _post(client, a, body="Price: \u202e001 dinars\u202c today", name="Sa\u2067m").json()
    comment = Comment.objects.get(pk=data["comment_id"])
    assert "\u202e" not in comment.body and "\u2067" not in comment.name
    assert any("3 invisible text-direction" in n for n in data["notices"])


def test_bidi_notice_without_javascript_is_shown_before_returning(client):
    a = article("ar")
    response = _post(client, a, json=False, body="نص \u202eمقلوب\u202c هنا")
    assert response.status_code == 200
    assert "أزلنا" in response.content.decode()


def test_comments_render_as_plain_text_with_safe_links(client):
    a = article()
    _set_mode(a, "open")
    body = "<script>alert(1)</script> see https://example.org/report?a=1&b=2."
    _post(client, a, body=body)
    html = client.get(page_url(a)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (
        '<a href="https://example.org/report?a=1&amp;b=2" rel="nofollow ugc noopener" dir="ltr">'
        in html
    )


def test_names_and_bodies_are_isolated_for_bidi(client):
    a = Comment.objects.get(name="Jane D.").article
    html = client.get(page_url(a)).content.decode()
    assert '<bdi class="comment__name">Jane D.</bdi>' in html
    assert '<p dir="auto">' in html


def test_arabic_word_filter_matches_variants_and_says_which_rule(client):
    a = article("ar")
    _set_mode(a, "open")
    WordFilterRule.objects.create(language="ar", term="أحمق")
    data = _post(client, a, body="هذا كلام الاحمق بلا شك، لكن الخبر مهم").json()
    assert data["status"] == "pending"
    comment = Comment.objects.get(pk=data["comment_id"])
    assert "أحمق" in comment.held_by
    assert "word filter" in comment.held_by


def test_english_word_filter_respects_word_boundaries(client):
    a = article()
    _set_mode(a, "open")
    assert (
        _post(client, a, body="Scunthorpe idiotic? no: a fine town.").json()["status"]
        == "published"
    )
    held = _post(client, a, body="What an IDIOT plan for the port.").json()
    assert held["status"] == "pending"


def test_staff_replies_carry_a_badge(client, django_user_model):
    a = article()
    parent = Comment.objects.filter(
        article=a, status="approved", parent__isnull=True
    ).first() or Comment.objects.create(
        article=a, name="R", email="r@example.org", body="Question?", status="approved"
    )
    staff = django_user_model.objects.create_superuser("desk", "desk@example.org", "pw")
    client.force_login(staff)
    data = client.post(
        comment_url(a),
        {
            "name": "Nashra desk",
            "email": "desk@example.org",
            "body": "We asked the ministry.",
            "parent": parent.pk,
        },
        **ORIGIN,
        **JSON,
    ).json()
    assert data["status"] == "published"
    reply = Comment.objects.get(pk=data["comment_id"])
    assert reply.is_staff_reply and reply.parent_id == parent.pk
    client.logout()
    html = client.get(page_url(a)).content.decode()
    assert "badge--staff" in html


@pytest.mark.parametrize(
    "lang,notice",
    [
        (
            "en",
            "Replies go one level deep, so your answer to Basma was added to the same "
            "conversation, under the comment by Amal that started it.",
        ),
        (
            "ar",
            "لا تتفرع الردود إلا مستوى واحدًا، لذا أضفنا ردّك على Basma إلى النقاش نفسه، "
            "تحت تعليق Amal الذي بدأه.",
        ),
    ],
)
def test_replies_are_one_level_deep(client, lang, notice):
    """An answer to a reply joins that conversation, under its first comment, and the
    reader is told so (see engagement.thread.reply_target)."""
    a = article(lang)
    top = Comment.objects.create(
        article=a, name="Amal", email="a@example.org", body="Top", status="approved"
    )
    reply = Comment.objects.create(
        article=a, parent=top, name="Basma", email="b@example.org", body="Reply", status="approved"
    )
    data = _post(client, a, parent=reply.pk).json()
    assert data["ok"] and data["notices"] == [notice]
    assert Comment.objects.get(pk=data["comment_id"]).parent_id == top.pk
    page = _post(
        client, a, json=False, parent=reply.pk, body="The same question, without JavaScript."
    )
    assert page.status_code == 200 and notice in page.content.decode()
    assert Comment.objects.filter(parent=top).count() == 3


def test_flags_hold_a_comment_after_the_threshold(client):
    a = article()
    target = Comment.objects.create(
        article=a, name="A", email="a@example.org", body="Rude", status="approved"
    )
    url = f"/en/engagement/comments/{target.pk}/flag/"
    with override_settings(NASHRA_FLAGS_TO_HOLD=2):
        client.post(url, **ORIGIN, **JSON)
        again = client.post(url, **ORIGIN, **JSON).json()
        assert "already reported" in again["message"]
        client.cookies.clear()  # a new cookie from the same network counts once
        client.post(url, **ORIGIN, **JSON)
        target.refresh_from_db()
        assert target.flag_count == 1 and target.status == "approved"
        client.cookies.clear()
        client.post(url, REMOTE_ADDR="198.51.100.20", **ORIGIN, **JSON)
    target.refresh_from_db()
    assert target.flag_count == 2 and target.status == "pending" and "reported" in target.held_by
    target.status = "approved"
    target.save()  # the moderator's approval answers the reports
    target.refresh_from_db()
    assert target.flag_count == 0 and not target.flags.exists()


def test_a_rejection_cites_the_policy_and_the_author_sees_why(client):
    a = article("ar")
    data = _post(client, a).json()
    clause = PolicyClause.objects.filter(page__locale__language_code="ar", number=2).get()
    Comment.objects.filter(pk=data["comment_id"]).update(
        status="rejected", rejection_clause=clause, rejection_note="يرجى تعديل الأسلوب."
    )
    state = client.get(f"/ar/engagement/articles/{a.pk}/state/").json()
    mine = state["my_comments"][0]
    assert mine["status"] == "rejected"
    assert "البند 2" in mine["reason"] and clause.title in mine["reason"]
    assert mine["clause_url"].endswith("#clause-2")


def test_a_rejection_without_a_clause_is_invalid():
    from django.core.exceptions import ValidationError

    c = Comment(article=article(), name="A", email="a@example.org", body="x", status="rejected")
    with pytest.raises(ValidationError):
        c.full_clean()


def test_the_article_html_is_the_same_for_every_anonymous_reader(client):
    from django.test import Client

    a = article()
    first = Client().get(page_url(a))
    second = Client(REMOTE_ADDR="198.51.100.9").get(page_url(a))
    assert first.content == second.content
    assert not first.cookies
    html = first.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert "Did you like this article?" in html and "comment policy" in html
    assert "Captcha" in html


def test_policy_is_linked_from_the_form_in_both_languages(client):
    for lang in ("en", "ar"):
        a = article(lang)
        html = client.get(page_url(a)).content.decode()
        assert f'href="/{lang}/comment-policy/"' in html
        policy = client.get(f"/{lang}/comment-policy/").content.decode()
        assert 'id="clause-1"' in policy


def test_duplicates_are_only_revealed_to_their_author(client):
    from django.test import Client

    a = article()
    first = _post(client, a, body="A comment only I wrote.").json()
    stranger = Client(REMOTE_ADDR="198.51.100.30")
    other = _post(stranger, a, body="A comment only I wrote.").json()
    assert not other["duplicate"] and other["comment_id"] != first["comment_id"]


def test_a_resend_after_the_captcha_was_spent_is_recognised(client):
    a = article()
    payload = pow_for(a)
    first = _post(client, a, altcha=payload, submission_token="tok-resend").json()
    again = _post(client, a, altcha=payload, submission_token="tok-resend").json()
    assert again["ok"] and again["duplicate"] and again["comment_id"] == first["comment_id"]


def test_arabic_rules_apply_whatever_the_url_and_through_invisible_characters(client):
    a = article()  # an English article
    _set_mode(a, "open")
    WordFilterRule.objects.create(language="ar", term="غبي")
    held = _post(client, a, body="هذا المسؤول غ\u200dبي جدًا").json()
    assert held["status"] == "pending"
    named = _post(client, a, name="الغبي", body="A polite comment about the port.").json()
    assert named["status"] == "pending"


def test_odd_input_is_refused_cleanly(client):
    a = article()
    assert client.get(comment_url(a) + "?parent=%C2%B2").status_code == 200
    long_email = "a" * 250 + "@example.org"
    assert _post(client, a, email=long_email).status_code == 400
    only_controls = _post(client, a, body="\u202e\u202e\u202e").json()
    assert "body" in only_controls["errors"]


def test_links_are_built_from_the_raw_text():
    from nashra.engagement.text import render_comment

    html = str(render_comment('see http://a.example/x<b>y and "http://b.example/q".'))
    assert '<a href="http://a.example/x"' in html and "&lt;b&gt;y" in html
    assert '<a href="http://b.example/q"' in html


def test_forwarded_for_uses_the_address_our_proxy_added(settings):
    from django.test import RequestFactory

    from nashra.engagement.identity import client_address

    settings.NASHRA_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    assert client_address(request) == "203.0.113.5"


def test_a_form_token_reused_on_another_article_is_a_new_comment(client):
    first, second = ArticlePage.objects.live().filter(locale__language_code="en").order_by("pk")[:2]
    kept = _post(client, first, submission_token="tok-shared", body="About the port.").json()
    other = _post(client, second, submission_token="tok-shared", body="About the bridge.").json()
    assert other["ok"] and not other["duplicate"] and other["comment_id"] != kept["comment_id"]
    assert Comment.objects.get(pk=other["comment_id"]).article_id == second.pk
    again = _post(client, second, submission_token="tok-shared", body="About the bridge.").json()
    assert again["duplicate"] and again["comment_id"] == other["comment_id"]
