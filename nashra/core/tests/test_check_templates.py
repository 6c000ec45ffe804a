"""`manage.py core_check_templates` (run by `make lint`): every shipped template compiles, and
a broken one, in either engine, fails the command naming its file and line."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

JINJA2, DJANGO = settings.TEMPLATES


def test_every_shipped_template_compiles(capsys):
    call_command("core_check_templates")
    assert "templates compile" in capsys.readouterr().out


def _templates_in(tmp_path, engine, name, source):
    directory = tmp_path / "templates"
    directory.mkdir()
    (directory / "fine.html").write_text("<p>{{ 1 }}</p>\n", encoding="utf-8")
    (directory / name).write_text(source, encoding="utf-8")
    return override_settings(TEMPLATES=[{**engine, "DIRS": [directory], "APP_DIRS": False}])


@pytest.mark.parametrize(
    ("source", "where"),
    [
        ("<p>\n{% if reader %}\n<b>open</b>\n", "broken.html:"),  # a block never closed
        ("<p>\n{{ article.title( }}</p>\n", "broken.html:2:"),  # a broken expression
        ("<p>{{ article.title|no_such_filter }}</p>\n", "broken.html:1:"),  # an unknown filter
    ],
)
def test_a_broken_jinja2_template_fails_naming_it(tmp_path, source, where):
    with (
        _templates_in(tmp_path, JINJA2, "broken.html", source),
        pytest.raises(CommandError) as failed,
    ):
        call_command("core_check_templates")
    assert where in str(failed.value)
    assert "fine.html" not in str(failed.value)


def test_the_project_jinja2_environment_is_the_one_compiling(tmp_path):
    # localized_date is a filter of nashra.core.jinja2_env alone; plain Jinja2 refuses it.
    source = "<time>{{ article.first_published_at|localized_date }}</time>\n"
    with _templates_in(tmp_path, JINJA2, "uses_filter.html", source):
        call_command("core_check_templates")


@pytest.mark.parametrize(
    "source",
    [
        "{% load no_such_library %}\n",
        "{% if reader %}\n<b>open</b>\n",
        "{% url %}\n",
    ],
)
def test_a_broken_django_template_fails_naming_it(tmp_path, source):
    with (
        _templates_in(tmp_path, DJANGO, "broken.html", source),
        pytest.raises(CommandError) as failed,
    ):
        call_command("core_check_templates")
    assert "broken.html:" in str(failed.value)
    assert "fine.html" not in str(failed.value)
