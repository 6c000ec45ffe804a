"""The reactions report: only for staff with the reactions permission, and a chart whose
numbers stay SVG numbers in the Arabic admin."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.users.models import UserProfile

from nashra.engagement.models import Reaction
from nashra.news.tests.helpers import soup

from .helpers import article

pytestmark = pytest.mark.django_db

REPORT = "engagement_reactions"
SVG_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _staff(django_user_model, *codenames):
    """An admin user whose group holds admin access and these permissions only."""
    user = django_user_model.objects.create_user("desk", "desk@example.org", "pw")
    group = Group.objects.create(name="Desk")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    user.groups.add(group)
    return user


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_staff_without_the_permission_get_no_menu_item_and_no_report(
    client, django_user_model, lang
):
    user = _staff(django_user_model, "view_comment")
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=lang)
    client.force_login(user)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert reverse(REPORT) not in home.content.decode()
    response = client.get(reverse(REPORT))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    refused = client.get(reverse(REPORT), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert refused.status_code == 403


def test_staff_with_the_permission_see_the_menu_item_and_the_report(client, django_user_model):
    client.force_login(_staff(django_user_model, "view_reaction"))
    assert reverse(REPORT) in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(reverse(REPORT)).status_code == 200


def test_the_permission_can_be_given_in_the_group_editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "pw"))
    group = Group.objects.create(name="Editors of reactions")
    html = client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content.decode()
    permission = Permission.objects.get(
        content_type__app_label="engagement", codename="view_reaction"
    )
    assert f'value="{permission.pk}"' in html


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_chart_numbers_are_svg_numbers_in_every_admin_language(client, django_user_model, lang):
    user = django_user_model.objects.create_superuser("root", "r@example.org", "pw")
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=lang)
    client.force_login(user)
    a = article()
    for i, liked in enumerate([True, True, False]):
        Reaction.objects.create(article=a, reader_key=f"k{i}", liked=liked)
    doc = soup(client.get(reverse(REPORT) + "?days=7"))  # 720 / 7: fractional coordinates
    assert doc.html["lang"] == lang
    svg = doc.select_one("figure svg")
    assert [float(n) for n in svg["viewbox"].split()] == [0, 0, 720, 200]
    assert "style" not in svg.attrs and "reactions-chart" in svg["class"]  # sized by admin.css
    rects = svg.select("rect")
    assert len(rects) == 14
    for rect in rects:
        for name in ("x", "y", "width", "height"):
            assert SVG_NUMBER.fullmatch(rect[name]), (name, rect[name])
    assert any("." in rect["x"] for rect in rects)  # the case that came out as "102,9"
    tallest = max(float(r["height"]) for r in rects)
    assert tallest > 0
