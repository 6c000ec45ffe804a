"""Input no browser sends (unreadable bytes, JSON, bodies past the size limit, control
characters in a name, stale replies and captchas) is refused with its own message in the
reader's language, the reader keeps their text, and nothing is stored."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from nashra.engagement.captcha import new_image_challenge
from nashra.engagement.models import Comment, CommentFlag, ImageChallenge, Reaction
from nashra.engagement.notifications import notify_moderators

from .helpers import JSON, ORIGIN, article, comment_url, pow_for, vote_url

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
NOT_UTF8 = {
    "en": "Part of what you sent is not readable text (it is not valid UTF-8)",
    "ar": "جزء مما أرسلته ليس نصًّا مقروءًا (ليس بترميز UTF-8 صالح)",
}
NOT_FORM = {
    "en": "This address takes a form sent the way a browser sends it",
    "ar": "يقبل هذا العنوان النموذج كما يرسله المتصفح",
}
TOO_LARGE = {
    "en": "What you sent is larger than we can read",
    "ar": "ما أرسلته أكبر مما نستطيع قراءته",
}


def _fields(a, body="A fair question about the port"):
    return (f"name=Rania&email=rania%40example.org&altcha={pow_for(a)}&body=" + body).encode()


def _raw(client, url, data, content_type=FORM, json=True):
    return client.post(url, data, content_type=content_type, **ORIGIN, **(JSON if json else {}))


def _nothing_stored(a):
    return not Comment.objects.filter(article=a).exists()


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("bad", [b"caf\xe9 \xff\xfe", b"caf%E9%20%FF%FE"], ids=["raw", "percent"])
def test_unreadable_bytes_in_a_comment_are_refused_not_changed(client, lang, bad):
    a = article(lang)
    Comment.objects.filter(article=a).delete()
    response = _raw(client, comment_url(a), _fields(a, "") + b"Before " + bad + b" after")
    data = response.json()
    assert response.status_code == 400 and not data["ok"]
    assert data["message"].startswith(NOT_UTF8[lang]) and data["captcha"]["challenge"]
    assert _nothing_stored(a)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_without_javascript_the_reader_gets_the_readable_text_back(client, lang):
    a = article(lang)
    Comment.objects.filter(article=a).delete()
    response = _raw(client, comment_url(a), _fields(a, "Before%20%FF%20after"), json=False)
    html = response.content.decode()
    assert response.status_code == 400
    assert NOT_UTF8[lang] in html
    assert "Before \ufffd after</textarea>" in html and 'value="Rania"' in html
    assert 'name="captcha_id"' in html  # a new captcha to send it again
    assert _nothing_stored(a)


def test_unreadable_bytes_in_multipart_are_refused(client):
    a = article()
    Comment.objects.filter(article=a).delete()
    boundary = "nashraboundary"
    parts = [
        ("name", b"Rania"),
        ("email", b"rania@example.org"),
        ("altcha", pow_for(a).encode()),
        ("body", b"caf\xe9 au lait"),
    ]
    body = (
        b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode()
            + v
            + b"\r\n"
            for k, v in parts
        )
        + f"--{boundary}--\r\n".encode()
    )
    response = _raw(
        client, comment_url(a), body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 400 and response.json()["message"].startswith(NOT_UTF8["en"])
    assert _nothing_stored(a)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_votes_flags_and_privacy_requests_refuse_unreadable_bytes(client, lang):
    a = article(lang)
    target = Comment.objects.create(
        article=a, name="R", email="r@example.org", body="Hi", status="approved"
    )
    votes = _raw(client, vote_url(a), b"value=yes&note=%FF")
    flags = _raw(client, f"/{lang}/engagement/comments/{target.pk}/flag/", b"why=\xff", json=False)
    privacy = _raw(
        client,
        f"/{lang}/engagement/privacy/",
        b"email=r%FF%40example.org&action=export",
        json=False,
    )
    assert votes.status_code == 400 and votes.json()["message"].startswith(NOT_UTF8[lang])
    for page in (flags, privacy):
        assert page.status_code == 400 and NOT_UTF8[lang] in page.content.decode()
    assert not Reaction.objects.filter(article_id=a.pk).exists()
    assert not CommentFlag.objects.filter(comment=target).exists()
    assert not mail.outbox


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_json_body_is_told_to_send_form_data(client, lang):
    a = article(lang)
    Comment.objects.filter(article=a).delete()
    body = (
        '{"name": "Rania", "email": "rania@example.org", "body": "Hello there", '
        f'"altcha": "{pow_for(a)}"}}'
    )
    for url in (comment_url(a), vote_url(a), f"/{lang}/engagement/privacy/"):
        response = _raw(client, url, body, content_type="application/json")
        assert response.status_code == 415, url
        message = response.json()["message"]
        assert message.startswith(NOT_FORM[lang]) and "application/json" in message
    assert _nothing_stored(a) and not Reaction.objects.filter(article_id=a.pk).exists()


@pytest.mark.parametrize("lang,limit", [("en", "3000"), ("ar", "3000")])
def test_an_over_long_comment_past_the_body_limit_comes_back_to_shorten(
    client, settings, lang, limit
):
    """Past DATA_UPLOAD_MAX_MEMORY_SIZE, the comment form still reads the text back."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20_000
    a = article(lang)
    Comment.objects.filter(article=a).delete()
    text = "word " * 8_000  # 40 KB
    response = _raw(client, comment_url(a), _fields(a, text.replace(" ", "+")), json=False)
    html = response.content.decode()
    assert response.status_code == 400
    assert limit in html and text.strip()[:2000] in html  # the limit is named, the text kept
    assert _nothing_stored(a)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_body_past_every_limit_gets_a_message_in_the_readers_language(client, settings, lang):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20_000
    settings.NASHRA_COMMENT_FORM_MAX_BYTES = 30_000
    a = article(lang)
    Comment.objects.filter(article=a).delete()
    huge = _fields(a, "x" * 40_000)
    page = _raw(client, comment_url(a), huge, json=False)
    assert page.status_code == 413 and TOO_LARGE[lang] in page.content.decode()
    assert 'name="body"' in page.content.decode()  # the form, to write a shorter one
    script = _raw(client, comment_url(a), huge)
    assert script.status_code == 413 and script.json()["message"].startswith(TOO_LARGE[lang])
    vote = _raw(client, vote_url(a), b"value=yes&pad=" + b"x" * 25_000)
    assert vote.status_code == 413 and vote.json()["message"].startswith(TOO_LARGE[lang])
    assert _nothing_stored(a) and not Reaction.objects.filter(article_id=a.pk).exists()


@pytest.mark.parametrize(
    "lang,title", [("en", "We could not read that request"), ("ar", "تعذّرت علينا قراءة هذا الطلب")]
)
def test_a_body_django_refuses_before_any_view_gets_a_bilingual_400_page(settings, lang, title):
    """The CSRF check reads the body of any other form: past the limit, Django refuses it
    before the view, and handler400 answers in the language of the URL."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    response = client.post(f"/{lang}/search/", "q=" + "x" * 5_000, content_type=FORM)
    html = response.content.decode()
    assert response.status_code == 400
    assert f'lang="{lang}"' in html and title in html and TOO_LARGE[lang] in html
    as_json = client.post(f"/{lang}/search/", "q=" + "x" * 5_000, content_type=FORM, **JSON)
    assert as_json.status_code == 400 and as_json.json()["message"].startswith(TOO_LARGE[lang])


@pytest.mark.parametrize(
    "lang,name_error",
    [
        (
            "en",
            "Please write your name on one line, without line breaks, tabs or other control "
            "characters.",
        ),
        ("ar", "يُرجى كتابة اسمك في سطر واحد، دون فواصل أسطر أو علامات جدولة أو محارف تحكم أخرى."),
    ],
)
@pytest.mark.parametrize(
    "name", ["Eve\r\nBcc: victim@example.org", "Eve\tE", "Eve\x1b[31m", "Eve\u2028Bcc"]
)
def test_control_characters_in_a_name_are_refused(client, lang, name_error, name):
    a = article(lang)
    Comment.objects.filter(article=a).delete()
    data = client.post(
        comment_url(a),
        {"name": name, "email": "eve@example.org", "body": "Hello there", "altcha": pow_for(a)},
        **ORIGIN,
        **JSON,
    ).json()
    assert not data["ok"] and data["errors"]["name"] == [name_error]
    assert _nothing_stored(a)


def test_mail_to_moderators_keeps_every_name_and_title_on_one_line(django_user_model):
    django_user_model.objects.create_superuser("mod", "mod@example.org", "pw")
    a = article()
    a.title = "Port\r\nBcc: list@example.org"  # as a stored row could hold it
    comment = Comment.objects.create(
        article=a, name="Eve\r\nBcc: victim@example.org", email="e@example.org", body="Hello"
    )
    notify_moderators(comment)
    message = mail.outbox[0]
    assert "\n" not in message.subject and message.subject.endswith("Port Bcc: list@example.org")
    assert message.body.splitlines()[0].startswith("Eve Bcc: victim@example.org commented on")
    assert not any(line.startswith("Bcc") for line in message.body.splitlines())
    assert not message.bcc


def _image_post(client, a, captcha_id, answer="00000"):
    return client.post(
        comment_url(a),
        {
            "name": "Rania",
            "email": "rania@example.org",
            "body": "A question about the port",
            "captcha_id": captcha_id,
            "captcha_answer": answer,
        },
        **ORIGIN,
    )


@pytest.mark.parametrize(
    "lang,unknown,used,expired",
    [
        (
            "en",
            "We did not issue that captcha, or it is more than a day old.",
            "That captcha was already used.",
            "The captcha expired.",
        ),
        (
            "ar",
            "لم نُصدر رمز التحقق هذا، أو مضى عليه أكثر من يوم.",
            "استُخدم رمز التحقق هذا من قبل.",
            "انتهت صلاحية",
        ),
    ],
)
def test_unknown_used_and_expired_captchas_are_told_apart(client, lang, unknown, used, expired):
    a = article(lang)
    Comment.objects.filter(article=a).delete()
    never = _image_post(client, a, str(uuid.uuid4()))
    assert never.status_code == 400 and unknown in never.content.decode()
    challenge = new_image_challenge(f"comment:{a.pk}")
    assert _image_post(client, a, str(challenge.pk), "wrong").status_code == 400
    again = _image_post(client, a, str(challenge.pk), challenge.answer)
    assert used in again.content.decode() and unknown not in again.content.decode()
    old = new_image_challenge(f"comment:{a.pk}")
    ImageChallenge.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(hours=2))
    new_image_challenge(f"comment:{a.pk}")  # its clean-up keeps a day of spent challenges
    late = _image_post(client, a, str(old.pk), old.answer)
    assert expired in late.content.decode()
    assert _nothing_stored(a)


@pytest.mark.parametrize(
    "lang,removed,elsewhere,unpublished",
    [
        (
            "en",
            "The comment you are replying to has been removed.",
            "The comment you are replying to is on another article.",
            "The comment you are replying to is not published at the moment",
        ),
        (
            "ar",
            "حُذف التعليق الذي تردّ عليه.",
            "التعليق الذي تردّ عليه منشور على مقال آخر.",
            "التعليق الذي تردّ عليه غير منشور حاليًا",
        ),
    ],
)
def test_replies_to_what_cannot_take_one_say_why(client, lang, removed, elsewhere, unpublished):
    a = article(lang)
    Comment.objects.filter(article=a).delete()
    other = article("en" if lang == "ar" else "ar")
    on_other = Comment.objects.create(
        article=other, name="O", email="o@example.org", body="x", status="approved"
    )
    held = Comment.objects.create(
        article=a, name="H", email="h@example.org", body="x", status="pending"
    )

    def reply(parent):
        return client.post(
            comment_url(a),
            {
                "name": "Rania",
                "email": "rania@example.org",
                "body": "My reply",
                "altcha": pow_for(a),
                "parent": parent,
            },
            **ORIGIN,
            **JSON,
        )

    for parent, message in (
        (999_999_999, removed),
        (on_other.pk, elsewhere),
        (held.pk, unpublished),
    ):
        response = reply(parent)
        assert response.status_code == 400 and response.json()["errors"]["parent"][0].startswith(
            message
        )
    assert Comment.objects.filter(article=a).count() == 1  # only the held one


def test_replying_to_isolates_the_name(client):
    a = article()
    top = Comment.objects.create(
        article=a, name="رانيا <b>", email="r@example.org", body="x", status="approved"
    )
    html = client.get(comment_url(a) + f"?parent={top.pk}").content.decode()
    assert "Replying to <bdi>رانيا &lt;b&gt;</bdi>" in html
    ar = client.get(f"/ar/engagement/articles/{a.pk}/comment/?parent={top.pk}").content.decode()
    assert "ردًّا على <bdi>رانيا &lt;b&gt;</bdi>" in ar
