from django.contrib.auth.models import Group
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from nashra.desk.models import CHIEF_EDITORS, REPORTERS, SECTION_EDITORS
from nashra.news.tests.helpers import article_with_twin


def member(django_user_model, username, group, language="en"):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "pw", first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def desk_team(django_user_model):
    """A reporter who reads the admin in Arabic, two section editors and a chief."""
    return {
        "reporter": member(django_user_model, "reporter", REPORTERS, "ar"),
        "editor": member(django_user_model, "editor1", SECTION_EDITORS, "en"),
        "other_editor": member(django_user_model, "editor2", SECTION_EDITORS, "ar"),
        "chief": member(django_user_model, "chief", CHIEF_EDITORS, "en"),
    }


def new_story(title="Harbour strike enters second week", lang="en", owner=None, **fields):
    """An unpublished article in a demo section, saved once as a draft by `owner`."""
    source = article_with_twin(lang)
    slug = title.lower().replace(" ", "-")[:40]
    story = source.copy(
        update_attrs={"title": title, "slug": slug, "owner": owner, **fields},
        keep_live=False,
        copy_revisions=False,
        log_action=None,
    )
    story.save_revision(user=owner)
    return story


def locale(code):
    return Locale.objects.get(language_code=code)
