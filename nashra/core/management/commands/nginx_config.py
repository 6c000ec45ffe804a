"""Print the nginx front-cache configuration for this installation (deploy/nginx/)."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nashra.core.cache_contract import contract
from nashra.core.code_version import code_version

DEPLOY = Path(settings.BASE_DIR) / "deploy" / "nginx"
TEMPLATE = DEPLOY / "nashra.conf.template"


def render(**values):
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", str(value))
    if "{{" in text:
        missing = text[text.index("{{") : text.index("}}", text.index("{{")) + 2]
        raise CommandError(f"No value for {missing} in {TEMPLATE.name}")
    return text


def contract_values():
    """What the apps declared uncacheable (nashra.core.cache_contract), as the template's
    regular expressions and map source, and the code version that starts every cache key."""
    declared = contract()
    return {
        "app_prefixes": _alternatives(p.strip("/") for p in declared.app_prefixes()),
        "per_reader_sections": _alternatives(declared.sections()),
        "flag_arguments": "".join(f"$arg_{flag}" for flag in declared.flags),
        "code_version": code_version(),
    }


def _alternatives(names):
    names = list(dict.fromkeys(names))
    if not names:
        return "(?!)"  # matches nothing: a location no request reaches
    return "|".join(re.escape(name) for name in names)


class Command(BaseCommand):
    help = "Print an nginx server configuration that caches pages in front of Nashra."

    def add_arguments(self, parser):
        parser.add_argument("--listen", default="80", help="nginx listen address (default 80)")
        parser.add_argument("--server-name", default="_")
        parser.add_argument(
            "--upstream",
            default="127.0.0.1:8000",
            help="the app server (deploy/serve.py or gunicorn)",
        )
        parser.add_argument("--cache-dir", default="/var/cache/nginx/nashra")
        parser.add_argument(
            "--state-dir",
            default="",
            help="where nginx keeps each edition's breaking-banner version, writable by its "
            "workers (default: the cache directory's name with -state)",
        )
        parser.add_argument("--max-size", default="2g", help="disk the page cache may use")
        parser.add_argument(
            "--page-ttl",
            default="7d",
            help="upper bound for a cached page; purges normally come first",
        )
        parser.add_argument(
            "--purge-from",
            default="127.0.0.1 ::1",
            help="addresses allowed to send PURGE (the app servers)",
        )

    def handle(self, *args, **options):
        self.stdout.write(
            render(
                listen=options["listen"],
                server_name=options["server_name"],
                upstream=options["upstream"],
                cache_dir=options["cache_dir"],
                keys_zone_size="20m",
                max_size=options["max_size"],
                page_ttl=options["page_ttl"],
                purge_allow="\n".join(
                    f"        allow {address};" for address in options["purge_from"].split()
                ),
                purge_js=(DEPLOY / "purge.js").resolve(),
                banner_js=(DEPLOY / "banner.js").resolve(),
                state_dir=options["state_dir"] or options["cache_dir"].rstrip("/") + "-state",
                session_cookie=settings.SESSION_COOKIE_NAME,
                static_root=Path(settings.STATIC_ROOT).resolve(),
                media_root=Path(settings.MEDIA_ROOT).resolve(),
                **contract_values(),
            ),
            ending="",
        )
