"""One import's media work, run as its own process by test_media_concurrency.py.

    python -m nashra.wpimport.tests.media_worker UPLOADS MEDIA_ROOT GO_FILE

Waits for GO_FILE, then imports the same attachments and inline address as its rivals,
and prints the image ids and the report as JSON."""

import json
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace


def main(uploads, media_root, go_file):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.test")
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = media_root

    from nashra.wpimport.media import MediaFetcher, MediaLibrary
    from nashra.wpimport.models import ImportSource
    from nashra.wpimport.report import ImportReport

    class SlowFetcher(MediaFetcher):
        def fetch(self, url, **kwargs):
            fetched = super().fetch(url, **kwargs)
            time.sleep(0.3)  # every rival has looked for the file before any has stored it
            return fetched

    source = ImportSource._default_manager.get(site_url="https://old.example")
    report = ImportReport()
    library = MediaLibrary(source, SlowFetcher(uploads_dir=uploads), report)
    uploads_url = "https://old.example/wp-content/uploads/2024/05/"
    items = [
        SimpleNamespace(
            id=wp_id,
            title=f"Photo {wp_id}",
            excerpt="",
            content="",
            guid="",
            attachment_url=uploads_url + name,
            meta={"_wp_attachment_image_alt": ["A photo"]},
        )
        for wp_id, name in ((1, "red.jpg"), (2, "red-copy.jpg"))
    ]
    deadline = time.monotonic() + 60
    while not Path(go_file).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    ids = [getattr(library.image_for_attachment(item), "pk", None) for item in items]
    inline = library.image_for_url(uploads_url + "blue-300x200.jpg")
    ids.append(getattr(inline, "pk", None))
    print(json.dumps({"ids": ids, "report": report.as_dict()}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
