"""Compile every template Nashra ships with the engine that renders it: the public pages'
Jinja2 templates in the project's own environment (its extensions, filters and globals), the
admin's Django templates with their tag libraries. A syntax error, an unknown filter or tag,
an unclosed block fails here, in `make lint`, instead of on the first reader's request.

Compiling is the check a template linter cannot do by pattern: it is the parser that will
render the page (docs/developers/lint.md says why no third-party linter is used)."""

from pathlib import Path

import jinja2
from django.core.management.base import BaseCommand, CommandError
from django.template import TemplateSyntaxError, engines

import nashra

PROJECT_DIR = Path(nashra.__file__).resolve().parent


def project_template_dirs(engine):
    """The engine's configured DIRS, and its app directories inside Nashra (not Wagtail's or
    Django's, which their own projects test)."""
    dirs = [Path(d).resolve() for d in engine.dirs]
    dirs += [
        Path(d).resolve()
        for d in engine.template_dirs
        if Path(d).resolve().is_relative_to(PROJECT_DIR)
    ]
    return list(dict.fromkeys(d for d in dirs if d.is_dir()))


def compile_error(engine, path):
    """Why `path` does not compile in `engine`, or None."""
    source = path.read_text(encoding="utf-8")
    if hasattr(engine, "env"):  # Jinja2
        try:
            engine.env.compile(source, name=path.name, filename=str(path))
        except jinja2.TemplateError as exc:
            return f"{path}:{getattr(exc, 'lineno', '?')}: {exc.message}"
        return None
    try:
        engine.engine.from_string(source)
    except TemplateSyntaxError as exc:
        line = getattr(exc, "template_debug", {}).get("line", "?")
        return f"{path}:{line}: {exc}"
    return None


class Command(BaseCommand):
    help = "Compile every project template with its engine; fail on the first error of each."

    def handle(self, *args, **options):
        errors, checked = [], 0
        for engine in engines.all():
            for directory in project_template_dirs(engine):
                for path in sorted(p for p in directory.rglob("*") if p.is_file()):
                    checked += 1
                    error = compile_error(engine, path)
                    if error:
                        errors.append(error)
        if errors:
            raise CommandError("Templates that do not compile:\n" + "\n".join(errors))
        self.stdout.write(f"{checked} templates compile.")
