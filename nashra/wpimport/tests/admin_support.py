"""What the admin tests share: users in either admin language, an export to upload, and
stand-ins for the analysis and the importer (the fixtures in conftest.py put them in place)."""

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.users.models import UserProfile

from nashra.wpimport.report import ImportReport

WXR = b"""<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="WordPress/6.5" created="2026-12-01 10:00" -->
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old site</title><wp:wxr_version>1.2</wp:wxr_version></channel>
</rss>
"""

ANALYSIS = {
    "translation_plugin": "polylang",
    "counts": {"post": {"publish": {"ar": 2, "en": 1}, "draft": {"en": 1}}},
    "authors": [{"login": "sami", "display_name": "سامي العلي"}],
    "unknown_shortcodes": {"vc_row": 3},
    "problems": [],
}


def fake_import(path, options, *, progress=None):
    report = ImportReport()
    for done in range(1, 4):
        report.record("post", "created", done, f"مقال {done}")
        if progress:
            progress(done, 3)
    report.record("post", "skipped", 9, "=HYPERLINK(1)", "in the trash")
    report.note("comment", 12, "reply moved up a level")
    return report


def login(client, user, language="en"):
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=language)
    client.force_login(user)
    return user


def staff(django_user_model, username, *, can_import):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    group, _ = Group.objects.get_or_create(name=f"Group {username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    if can_import:
        group.permissions.add(Permission.objects.get(codename="run_wordpress_import"))
    user.groups.add(group)
    return user


def export_file(name="export.xml", content=WXR):
    return SimpleUploadedFile(name, content, content_type="text/xml")


def upload_data(**fields):
    return {"export": export_file(), "default_locale": "en", **fields}
