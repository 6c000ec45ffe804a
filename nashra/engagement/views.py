"""Reader-facing endpoints. None of them is cached; the article page itself stays the same
for every anonymous reader and fetches what is per-reader from `state`."""

import json
import re
import uuid
from contextlib import nullcontext
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nashra.core import digits
from nashra.core.jinja2_env import iso_datetime, localized_datetime
from nashra.news.models import ArticlePage, HomePage
from nashra.news.models.section import CommentsMode

from . import admission, identity, locks, reactions
from .caching import COMMENTED, FLAGGED, REACTED
from .captcha import CaptchaError, new_image_challenge, new_pow_challenge, verify_captcha
from .captcha.image import render_audio, render_image
from .comments import CommentRejected, Outcome, submit_comment
from .forms import CommentForm, PrivacyRequestForm
from .models import Comment, CommentFlag, CommentStatus, ImageChallenge
from .notifications import notify_moderators, send_privacy_confirmation
from .presenters import policy_page_for
from .signals import comments_changed
from .staff import acts_as_staff
from .thread import page_of, reply_target
from .validation import checked_form

PRIVACY_SALT = "nashra.engagement.privacy"
PRIVACY_LINK_VALID_FOR = 60 * 60 * 24  # seconds


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _same_origin(request):
    """Forms carry no per-reader token (the page is cached for everyone), so cross-site posts
    are refused by checking the Origin (or Referer) header against our own host."""
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source or source == "null":
        return False
    try:
        return urlsplit(source).netloc == request.get_host()
    except ValueError:  # not a URL (e.g. "http://[")
        return False


def _reply(request, *, json, html, status=200):
    """The answer to a reader's post: what `json()` returns, for the page's script, else the
    response `html()` makes, for the no-JavaScript form. Only the one wanted is made (each
    may query, or issue a captcha). Either sets the reader's cookie when this request gave
    them an id."""
    if _wants_json(request):
        response = _json(request, json(), status=status)
    else:
        response = identity.remember_reader(request, html())
    return response


def _refusal(request, message, status):
    """A post refused with one sentence, as JSON or as plain text."""
    return _reply(
        request,
        json=lambda: {"ok": False, "message": str(message)},
        html=lambda: HttpResponse(message, status=status),
        status=status,
    )


def _forbidden(request):
    message = _("This form must be sent from our own site. Please reload the page and try again.")
    return _refusal(request, message, 403)


def _live_article(article_id):
    article = ArticlePage.objects.live().filter(pk=article_id).select_related("section").first()
    if article is None:
        raise Http404
    return article


def form_id_for(article_id):
    return f"comment:{article_id}"


def _json(request, data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    return identity.remember_reader(request, response)


@never_cache
@require_GET
def state(request, article_id):
    article = _live_article(article_id)
    key = identity.reader_key(request)
    my_vote = reactions.reader_vote(article.pk, key)
    mine = []
    if key:
        for c in (
            Comment.objects.filter(article=article, reader_key=key)
            .select_related("rejection_clause__page")
            .order_by("created_at", "pk")
        ):
            entry = {"id": c.pk, "status": c.status, "status_label": c.get_status_display()}
            if c.status != CommentStatus.APPROVED:
                # Their own text, shown only to them by the page's script: the page itself is
                # cached for everyone, this answer never is.
                entry.update(
                    name=c.name,
                    body=c.body,
                    created_at=iso_datetime(c.created_at),
                    created_label=localized_datetime(c.created_at),  # with the time zone
                )
            if c.status == CommentStatus.PENDING:
                entry["status_label"] = _("Awaiting moderation.")
                entry["reason"] = _("Only you can see this comment until a moderator approves it.")
            if c.status in (CommentStatus.REJECTED, CommentStatus.SPAM):
                clause = c.rejection_clause
                entry["reason"] = (
                    _("Not published under clause %(number)s of our comment policy: %(title)s")
                    % {"number": clause.number, "title": clause.title}
                    if clause
                    else _("Not published under our comment policy.")
                )
                entry["note"] = c.rejection_note
                entry["clause_url"] = clause.get_url(request) if clause else None
            mine.append(entry)
    user = request.user
    return JsonResponse(
        {
            "mode": article.effective_comments_mode,
            "my_vote": None if my_vote is None else ("yes" if my_vote else "no"),
            "tally": _tally(request, article) if my_vote is not None else None,
            "my_comments": mine,
            "staff": acts_as_staff(user),
            "captcha": new_pow_challenge(form_id_for(article.pk)),
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _tally(request, article, counted=None):
    """The article's tally (`counted`, or read now), its sentence in the digits of the
    article's edition (the script shows it as it comes)."""
    data = (counted or reactions.tally(article.pk)).as_dict()
    data["sentence"] = digits.convert(data["sentence"], _digits_of(article))
    return data


def _digits_of(article):
    # Read here, not from the cached edition: a vote must be answered with the cache down.
    system = (
        HomePage.objects.live()
        .filter(locale_id=article.locale_id, depth=2)
        .values_list("digits", flat=True)
        .first()
    )
    return system or digits.WESTERN


def describe_for_votes(request, article):
    """What the vote fast lane (vote_lane.py) needs to answer for this article by itself."""
    return {
        "language": article.locale.language_code,
        "url": article.get_url(request),
        "digits": _digits_of(article),
    }


@csrf_exempt
@never_cache
@require_POST
@checked_form
def vote(request, article_id):
    if not _same_origin(request):
        return _forbidden(request)
    article = _live_article(article_id)
    value = request.POST.get("value")
    if value not in ("yes", "no"):
        return _refusal(request, _("Please choose Yes or No."), 400)
    key = identity.ensure_reader_key(request)
    try:
        counted = reactions.cast_vote(
            article.pk,
            key,
            identity.address_hash(request),
            value == "yes",
            describe=lambda: describe_for_votes(request, article),
        )
    except reactions.VoteRejected as exc:
        return _refusal(request, exc.message, exc.status)
    return _reply(
        request,
        json=lambda: {
            "ok": True,
            "my_vote": value,
            "message": _("Thank you for your answer."),
            "tally": _tally(request, article, counted),
        },
        html=lambda: HttpResponseRedirect(f"{article.get_url(request)}?{REACTED}={value}#reaction"),
    )


def _render_comment_page(
    request, article, form, *, errors=None, captcha=None, status=200, notices=None, parent=None
):
    return TemplateResponse(
        request,
        "engagement/comment_page.html",
        {
            "article": article,
            "form": form,
            "errors": errors or [],
            "notices": notices or [],
            "captcha": captcha,
            "parent": parent,
            "policy": policy_page_for(article.locale_id),
            "closed": article.effective_comments_mode == CommentsMode.CLOSED,
        },
        status=status,
    )


def _comment_refused(request, exc, article_id):
    """A comment post we could not read: the reader gets the form back with what could be
    read of their text (see validation.read_form) and why."""
    article = _live_article(article_id)
    form = (
        CommentForm(exc.salvaged)
        if exc.salvaged is not None
        else CommentForm(initial={"submission_token": uuid.uuid4().hex})
    )
    return _comment_failed(request, article, form, [exc.message], exc.status)


def _comment_failed(
    request, article, form, messages, status=400, field_errors=None, new_captcha=True
):
    """The comment form back, with why: a fresh captcha of the kind each path solves."""
    return _reply(
        request,
        json=lambda: {
            "ok": False,
            "message": " ".join(str(m) for m in messages),
            "errors": field_errors or {},
            "captcha": new_pow_challenge(form_id_for(article.pk)),
        },
        html=lambda: _render_comment_page(
            request,
            article,
            form,
            errors=messages,
            status=status,
            captcha=new_image_challenge(form_id_for(article.pk)) if new_captcha else None,
        ),
        status=status,
    )


def _comment_busy(request, article, form):
    """Too many comments at once: the form back as sent (its captcha too, unspent), to send
    again in a few seconds. Nothing here writes, as the database may be what is busy."""
    message = _(
        "Many readers are commenting right now, so your comment was not saved yet. Nothing you "
        "typed is lost: please send it again in a few seconds."
    )
    response = _reply(
        request,
        json=lambda: {
            "ok": False,
            "busy": True,
            "message": str(message),
            "errors": {},
            "captcha": new_pow_challenge(form_id_for(article.pk)),
        },
        html=lambda: _render_comment_page(
            request,
            article,
            form,
            errors=[message],
            captcha=_unspent_image_captcha(request, article),
            status=503,
        ),
        status=503,
    )
    response["Retry-After"] = str(admission.RETRY_AFTER_SECONDS)
    return response


def _unspent_image_captcha(request, article):
    """The image challenge this post answered, still unused (its claim was rolled back with
    the rest), shown again with the answer kept in the form; None for another kind."""
    challenge_id = request.POST.get("captcha_id", "")
    try:
        return (
            ImageChallenge.objects.filter(pk=challenge_id, form_id=form_id_for(article.pk))
            .exclude(answer="")
            .first()
        )
    except (ValueError, ValidationError):
        return None


@method_decorator([csrf_exempt, never_cache], name="dispatch")
@method_decorator(
    checked_form(max_bytes_setting="NASHRA_COMMENT_FORM_MAX_BYTES", on_refused=_comment_refused),
    name="post",
)
class CommentView(View):
    """An article's comment form: its own page (GET), and where the form posts (POST), from
    the article page's script (JSON) or from either page without JavaScript (HTML)."""

    http_method_names = ["get", "post"]  # HEAD and OPTIONS too are refused, with a 405

    def get(self, request, article_id):
        # The no-JavaScript path: a form page with an image captcha, also used for replies.
        article = _live_article(article_id)
        parent = None
        if re.fullmatch(r"[0-9]{1,12}", request.GET.get("parent", "")):
            parent = (
                Comment.objects.approved()
                .filter(pk=request.GET["parent"], article=article, parent__isnull=True)
                .first()
            )
        form = CommentForm(
            initial={
                "parent": parent.pk if parent else None,
                "submission_token": uuid.uuid4().hex,
            }
        )
        return _render_comment_page(
            request,
            article,
            form,
            parent=parent,
            captcha=new_image_challenge(form_id_for(article.pk)),
        )

    def post(self, request, article_id):
        article = _live_article(article_id)
        language = translation.get_language()
        if not _same_origin(request):
            return _forbidden(request)
        form = CommentForm(request.POST)
        if article.effective_comments_mode == CommentsMode.CLOSED:
            return _comment_failed(
                request,
                article,
                form,
                [_("Comments on this article are closed.")],
                status=403,
                new_captcha=False,
            )
        if not form.is_valid():
            field_errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
            messages = [e for errs in field_errors.values() for e in errs]
            return _comment_failed(request, article, form, messages, field_errors=field_errors)
        # A form with a token is decided in one transaction, its claim first (see _receive); a
        # post without one is only checked for duplicate text (in submit_comment), so a flood
        # of bad captchas takes no write lock.
        claimed = bool(form.cleaned_data.get("submission_token"))
        # Under a flood the decision waits its turn, briefly (see admission.py); a busy
        # database refuses the post whole, and a form with a token is tried once more when
        # that may help (its first try left nothing behind, its captcha included).
        for attempt in (1, 2):
            try:
                with admission.comment_turn(), transaction.atomic() if claimed else nullcontext():
                    result = _receive(
                        request, article, form.cleaned_data, acts_as_staff(request.user), language
                    )
                break
            except admission.Busy as exc:
                if attempt == 2 or not (claimed and exc.retry):
                    return _comment_busy(request, article, form)
        if isinstance(result, Outcome):
            return _accepted(request, article, result)
        return _comment_failed(request, article, form, *result)


comment = CommentView.as_view()


def _receive(request, article, data, is_staff, language):
    """The form's comment (new, or the one it already sent), or (messages, status, field
    errors) for `_comment_failed`. Refusals return rather than raise, so a captcha spent on a
    refused comment stays spent."""
    token = data.get("submission_token") or None
    if token:
        # Claim the form before spending its captcha: copies of one submit queue here, and
        # each finds the first one's comment (no new captcha needed), never a spent captcha.
        locks.serialize("comment-form", article.pk, token)
        earlier = Comment.objects.filter(article=article, submission_token=token).first()
        if earlier is not None:
            return Outcome(earlier, duplicate=True)
    if not is_staff:
        if not identity.within_limit(request, "captcha", 20, 600):
            message = _(
                "You are commenting faster than we allow. Please wait a few minutes and try again."
            )
            return [message], 429
        try:
            verify_captcha(request.POST, form_id_for(article.pk))
        except CaptchaError as exc:
            return [exc.message], 400, {"captcha": [str(exc.message)]}
    parent = reply_notice = None
    if data.get("parent"):
        try:
            parent, reply_notice = reply_target(data["parent"], article)
        except CommentRejected as exc:
            return [exc.message], exc.status, {"parent": [str(exc.message)]}
    try:
        outcome = submit_comment(
            article=article,
            parent=parent,
            name=data["name"],
            email=data["email"],
            body=data["body"],
            language=language,
            reader_key=identity.ensure_reader_key(request),
            address=identity.address_hash(request),
            submission_token=token,
            user=request.user,
        )
    except CommentRejected as exc:
        return [exc.message], exc.status
    if reply_notice and not outcome.duplicate:
        outcome.notices.append(reply_notice)
    return outcome


def _accepted(request, article, outcome):
    status = (
        "duplicate"
        if outcome.duplicate
        else "published"
        if outcome.comment.status == CommentStatus.APPROVED
        else "pending"
    )
    return _reply(
        request,
        json=lambda: {
            "ok": True,
            "status": status,
            "duplicate": outcome.duplicate,
            "message": str(outcome.message),
            "notices": [str(n) for n in outcome.notices],
            "comment_id": outcome.comment.pk,
            "page": page_of(outcome.comment) if status == "published" else None,
            "captcha": new_pow_challenge(form_id_for(article.pk)),
        },
        html=lambda: _back_to_article(request, article, outcome, status),
    )


def _back_to_article(request, article, outcome, status):
    if outcome.notices:  # say what we changed before sending the reader back
        return _render_comment_page(
            request,
            article,
            None,
            notices=[outcome.message, *outcome.notices],
        )
    # A published comment is on its thread's page (see thread.py).
    page = page_of(outcome.comment) if status == "published" else 1
    query = f"page={page}&" if page > 1 else ""
    return HttpResponseRedirect(f"{article.get_url(request)}?{query}{COMMENTED}={status}#comments")


@csrf_exempt
@never_cache
@require_POST
@checked_form
def flag(request, comment_id):
    if not _same_origin(request):
        return _forbidden(request)
    target = get_object_or_404(Comment, pk=comment_id, status=CommentStatus.APPROVED)
    if not identity.within_limit(request, "flag", 20, 600):
        return _refusal(
            request, _("You have reported many comments. Please wait a few minutes."), 429
        )
    key = identity.ensure_reader_key(request)
    address = identity.address_hash(request)
    try:
        with transaction.atomic():
            _flag, created = CommentFlag.objects.get_or_create(
                comment=target, reader_key=key, defaults={"address_hash": address}
            )
    except IntegrityError:
        created = False
    if created:
        # Count networks, not cookies: clearing cookies must not let one reader hide a comment.
        target.flag_count = target.flags.values("address_hash").distinct().count()
        fields = ["flag_count"]
        if target.flag_count >= settings.NASHRA_FLAGS_TO_HOLD and not target.is_staff_reply:
            target.status = CommentStatus.PENDING
            target.held_by = f"reported by {target.flag_count} readers"
            fields += ["status", "held_by"]
        target.save(update_fields=fields)
        if target.status == CommentStatus.PENDING:
            transaction.on_commit(lambda: notify_moderators(target))
    message = (
        _("Thank you. A moderator will look at this comment.")
        if created
        else _("You have already reported this comment.")
    )
    return _reply(
        request,
        json=lambda: {"ok": True, "message": message},
        html=lambda: HttpResponseRedirect(
            f"{target.article.get_url(request)}?{FLAGGED}=1#comments"
        ),
    )


@never_cache
@require_GET
def new_image_captcha(request):
    form_id = request.GET.get("form", "")
    if not re.fullmatch(r"comment:[0-9]{1,18}", form_id):  # an article id, as in the URLs
        return JsonResponse({"message": _("Unknown form.")}, status=400)
    if not identity.within_limit(request, "captcha", 20, 600):
        return JsonResponse(
            {"message": _("Too many requests. Please wait a few minutes.")}, status=429
        )
    challenge = new_image_challenge(form_id)
    return JsonResponse(
        {
            "id": str(challenge.id),
            "image": reverse("engagement:captcha_image", args=[challenge.id]),
            "audio": reverse("engagement:captcha_audio", args=[challenge.id]),
        }
    )


def _challenge(challenge_id):
    challenge = (
        ImageChallenge.objects.filter(pk=challenge_id, expires_at__gt=timezone.now())
        .exclude(answer="")
        .first()
    )
    if challenge is None:
        raise Http404
    return challenge


@never_cache
@require_GET
def captcha_image(request, challenge_id):
    return HttpResponse(render_image(_challenge(challenge_id)), content_type="image/png")


@never_cache
@require_GET
def captcha_audio(request, challenge_id):
    return HttpResponse(render_audio(_challenge(challenge_id)), content_type="audio/wav")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
@checked_form
def privacy_request(request):
    form = PrivacyRequestForm(request.POST or None)
    sent = queued = False
    if request.method == "POST":
        if not _same_origin(request):
            return _forbidden(request)
        if form.is_valid() and not identity.within_limit(request, "privacy", 5, 3600):
            form.add_error(None, _("Too many requests. Please wait an hour and try again."))
        elif form.is_valid():
            email = form.cleaned_data["email"].strip().lower()
            token = signing.dumps(
                {"email": email, "action": form.cleaned_data["action"]}, salt=PRIVACY_SALT
            )
            link = request.build_absolute_uri(reverse("engagement:privacy_confirm", args=[token]))
            # Sent whether or not we hold comments for the address: the page reveals nothing.
            # With the mail server down it waits in the outbox, no longer than the link works.
            queued = not send_privacy_confirmation(
                email,
                translation.get_language(),
                form.cleaned_data["action"],
                link,
                valid_for=timedelta(seconds=PRIVACY_LINK_VALID_FOR),
            )
            sent = True
    return TemplateResponse(
        request,
        "engagement/privacy_request.html",
        {
            "form": form,
            "sent": sent,
            "queued": queued,
            "page_description": _(
                "Ask for a copy of the comments you posted on %(site)s, or for their deletion."
            )
            % {"site": _("Nashra")},
        },
        status=400 if request.method == "POST" and not sent else 200,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
@checked_form
def privacy_confirm(request, token):
    try:
        data = signing.loads(token, salt=PRIVACY_SALT, max_age=PRIVACY_LINK_VALID_FOR)
    except signing.SignatureExpired:
        return TemplateResponse(
            request,
            "engagement/privacy_confirm.html",
            {"error": _("This link has expired. Please ask again.")},
            status=410,
        )
    except signing.BadSignature:
        return TemplateResponse(
            request,
            "engagement/privacy_confirm.html",
            {"error": _("This link is not valid. Please ask again.")},
            status=400,
        )
    comments = Comment.objects.filter(email__iexact=data["email"])
    if request.method == "POST":
        if not _same_origin(request):
            return _forbidden(request)
        if data["action"] == "export":
            payload = [
                {
                    "article": c.article.title,
                    "url": c.article.full_url,
                    "name": c.name,
                    "email": c.email,
                    "comment": c.body,
                    "status": c.status,
                    "posted": c.created_at.isoformat(),
                }
                for c in comments.select_related("article").order_by("created_at")
            ]
            response = HttpResponse(
                json.dumps(
                    {"email": data["email"], "comments": payload}, ensure_ascii=False, indent=2
                ),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="nashra-comments.json"'
            return response
        count = comments.count()
        # Replies by other readers stay; the comment they answer keeps its place, emptied.
        answered = comments.filter(replies__isnull=False).exclude(
            replies__email__iexact=data["email"]
        )
        article_ids = list(comments.values_list("article_id", flat=True).distinct())
        answered.update(name="", email="", body="", address_hash="", reader_key="")
        Comment.objects.filter(email__iexact=data["email"]).delete()
        comments_changed.send(sender=Comment, article_ids=article_ids)
        return TemplateResponse(
            request, "engagement/privacy_confirm.html", {"done": True, "deleted": count}
        )
    return TemplateResponse(
        request,
        "engagement/privacy_confirm.html",
        {"action": data["action"], "email": data["email"], "count": comments.count()},
    )
