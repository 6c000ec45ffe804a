"""After an entry changes: make every cached copy of the live page that may show it
unreachable, then tell the other receivers (the updates, feeds, the API) once it committed."""

from django.db import transaction

from nashra.core import front_cache, page_cache

from . import stream
from .signals import entry_changed


def paths_for(page, entries):
    """The page's address and each `?before=` page that shows one of `entries` or links past
    it, plus the pages of the stream's chain as it now stands."""
    url = page.get_url()
    befores = stream.pages_showing(page, entries) | set(stream.chain(page))
    return url, [url] + sorted(f"{url}?before={b}" for b in befores if b)


def entry_saved(page, entry, also=(), was=None):
    """Purge what shows `entry` (where it was too: `was`, its copy before the change; and
    `also`: entries it moved, such as the one it unpinned), now and once the transaction
    commits, and send `entry_changed` for each changed entry after the commit."""
    url, paths = paths_for(page, [e for e in (entry, was, *also) if e is not None])
    # The app's cache keeps every ?before= page under the version of the page's path.
    page_cache.purge(paths=[url])
    front_cache.purge_paths(paths)
    for changed in (entry, *also):
        transaction.on_commit(
            lambda changed=changed: entry_changed.send(
                sender=type(changed), page=page, entry=changed
            )
        )
