"""E-mail to moderators and readers, each in the recipient's language."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from nashra.core import outbox

from .text import one_line


def _moderators():
    """Users who may moderate comments, with the admin language each prefers."""
    User = get_user_model()
    # Subqueries, not joins with DISTINCT: the joins' estimate (users x groups x permissions,
    # grouped on every column) set off PostgreSQL's JIT compiler, 1.5 s for each comment held
    # for moderation, which a comment flood turned into minutes.
    by_group = User.groups.through.objects.filter(
        group__permissions__codename="change_comment"
    ).values("user_id")
    by_user = User.user_permissions.through.objects.filter(
        permission__codename="change_comment"
    ).values("user_id")
    users = (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .filter(Q(is_superuser=True) | Q(pk__in=by_group) | Q(pk__in=by_user))
        .select_related("wagtail_userprofile")
    )
    for user in users:
        profile = getattr(user, "wagtail_userprofile", None)
        yield user.email, (getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE)
    for email in settings.NASHRA_MODERATION_EMAILS:
        yield email, settings.LANGUAGE_CODE


def notify_moderators(comment):
    queue = (
        settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("wagtailsnippets_engagement_comment:list")
        + "?status=pending"
    )
    seen, messages = set(), []
    for email, language in _moderators():
        if email in seen:
            continue
        seen.add(email)
        with translation.override(language):
            # Names and titles reach the mail as one line each, whatever they hold: a line
            # break in a subject would be refused, one in the body would pass for a header.
            title = one_line(comment.article.title)
            subject = _("New comment awaiting moderation: %(title)s") % {"title": title}
            lines = [
                _("%(name)s commented on “%(title)s”.")
                % {"name": one_line(comment.name), "title": title},
                "",
                comment.body[:500],
                "",
            ]
            if comment.held_by:
                lines += [_("Held by: %(rule)s") % {"rule": one_line(comment.held_by)}, ""]
            lines += [_("Moderation queue: %(url)s") % {"url": queue}]
            messages.append((email, subject, "\n".join(lines)))
    # What the mail server does not take is kept and sent again, and logged (never dropped).
    outbox.send_many("moderation", messages)


def send_privacy_confirmation(email, language, action, link, valid_for):
    """True if sent; False if kept in the outbox, to be sent while the link still works."""
    with translation.override(language):
        if action == "export":
            subject = _("Confirm the export of your comments")
            intro = _("Someone asked for a copy of every comment posted with this address.")
        else:
            subject = _("Confirm the deletion of your comments")
            intro = _("Someone asked us to delete every comment posted with this address.")
        body = "\n".join(
            [
                intro,
                "",
                _("If it was you, open this link within 24 hours to confirm:"),
                link,
                "",
                _("If it was not you, ignore this message: nothing will happen."),
            ]
        )
        return outbox.send("privacy", email, subject, body, keep_for=valid_for)
