"""manage.py news_import_wordpress EXPORT.xml: import a WordPress site (docs/operators/
moving-from-wordpress.md)."""

import json
import time
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError

from nashra.wpimport import analysis
from nashra.wpimport.importer import ImportOptions, import_wxr, load_section_map
from nashra.wpimport.wxr import WxrError


class Progress:
    """A one-line progress bar on a terminal; a line every 10% elsewhere (logs, CI)."""

    def __init__(self, stream, width=30):
        self.stream = stream
        self.width = width
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.last = (-1, 0.0)
        self.started = time.monotonic()

    def __call__(self, done, total):
        if not total:
            return
        percent = int(100 * done / total)
        now = time.monotonic()
        if self.tty:
            if percent == self.last[0] and now - self.last[1] < 0.5 and done != total:
                return
            filled = self.width * done // total
            rate = done / max(now - self.started, 1e-6)
            bar = "#" * filled + "-" * (self.width - filled)
            self.stream.write(f"\r[{bar}] {done}/{total} {percent:3d}% {rate:6.1f} items/s")
            if done == total:
                self.stream.write("\n")
        elif percent // 10 != self.last[0] // 10 or done == total:
            self.stream.write(f"{done}/{total} items ({percent}%)\n")
        self.stream.flush()
        self.last = (percent, now)


class Command(BaseCommand):
    help = "Import a WordPress export (WXR): posts, pages, media, comments, twins, old URLs."

    def add_arguments(self, parser):
        parser.add_argument("export", help="The WXR file (WordPress: Tools > Export)")
        parser.add_argument(
            "--uploads-dir", help="A copy of wp-content/uploads: media are read from it, offline"
        )
        parser.add_argument(
            "--media-base-url", help="Download media from this address instead of the old site"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Write nothing: print what the file holds"
        )
        parser.add_argument("--credit-meta-key", help="The attachment postmeta holding credits")
        parser.add_argument(
            "--section-map", help="A file of `category-slug = section-slug` lines (or JSON)"
        )
        parser.add_argument(
            "--default-locale",
            choices=["en", "ar"],
            default="en",
            help="The language of posts no translation plugin marks (default: en)",
        )
        parser.add_argument(
            "--include-pingbacks", action="store_true", help="Import pingbacks and trackbacks"
        )
        parser.add_argument("--report", help="Also write the report as JSON to this file")

    def handle(self, *args, **options):
        path = Path(options["export"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        uploads = Path(options["uploads_dir"]) if options["uploads_dir"] else None
        if uploads is not None and not uploads.is_dir():
            raise CommandError(f"Not a directory: {uploads}")
        base = options["media_base_url"]
        if base and urlsplit(base).scheme not in ("http", "https"):
            raise CommandError("--media-base-url must be an http or https address")
        section_map = {}
        if options["section_map"]:
            try:
                section_map = load_section_map(options["section_map"])
            except (OSError, ValueError) as error:
                raise CommandError(f"Section map: {error}") from None
        try:
            if options["dry_run"]:
                result = analysis.analyse(path, uploads_dir=uploads)
                self.stdout.write(analysis.render_analysis_text(result))
                self._write_json(options["report"], result)
                return
            report = import_wxr(
                path,
                ImportOptions(
                    uploads_dir=uploads,
                    media_base_url=options["media_base_url"],
                    credit_meta_key=options["credit_meta_key"],
                    section_map=section_map,
                    default_locale=options["default_locale"],
                    include_pingbacks=options["include_pingbacks"],
                ),
                progress=Progress(self.stderr if options["verbosity"] else _Null()),
            )
        except WxrError as error:
            raise CommandError(f"Not a WordPress export: {error}") from None
        self.stdout.write(report.render_text())
        self._write_json(options["report"], report.as_dict())

    def _write_json(self, target, data):
        if target:
            Path(target).write_text(json.dumps(data, ensure_ascii=False, indent=1))


class _Null:
    def write(self, text):
        pass

    def flush(self):
        pass

    def isatty(self):
        return False
