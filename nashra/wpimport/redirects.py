"""Every old address of an imported object answers 301 to its new page.

Redirects are Wagtail's (wagtail.contrib.redirects), pointing at the page rather than at its
address, so a later change of slug or section does not break them. Wagtail's middleware
answers them for addresses that are 404 here; queries at the site's root (/?p=123) are
answered by nashra.wpimport.middleware.
"""

from urllib.parse import urlsplit

from wagtail.contrib.redirects.models import Redirect

from . import origin
from .models import SourceKind

KIND = SourceKind.REDIRECT
PATH_LENGTH = Redirect._meta.get_field("old_path").max_length


def old_path(url):
    """The address as Wagtail stores a redirect's: decoded, no trailing slash, sorted query."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Redirect.normalise_path(path)


def ensure(source, report, url, *, page=None, link="", wp_id=""):
    """A permanent redirect from `url` (a full URL or a path) to `page` (or to `link`).

    An address that already redirects elsewhere, set by an editor, is left alone and noted;
    one that already points here is unchanged."""
    path = old_path(url)
    if path in ("/", "") or "\0" in path:
        return None
    if len(path) > PATH_LENGTH:
        report.record(KIND, "skipped", wp_id, path[:80] + "…", "The address is too long to keep")
        return None
    existing = Redirect.objects.filter(old_path=path, site=None).first()
    if existing is not None:
        same = (page is not None and existing.redirect_page_id == page.pk) or (
            page is None and existing.redirect_link == link
        )
        if same:
            report.record(KIND, "unchanged", wp_id, path)
        elif origin.find(source, KIND, path) is not None:
            existing.redirect_page = page
            existing.redirect_link = "" if page is not None else link
            existing.save()
            report.record(KIND, "updated", wp_id, path)
        else:
            report.record(
                KIND, "skipped", wp_id, path, reason="The address already redirects elsewhere"
            )
        return existing
    redirect = Redirect.objects.create(
        old_path=path,
        site=None,
        is_permanent=True,
        redirect_page=page,
        redirect_link="" if page is not None else link,
    )
    origin.remember(source, KIND, path, redirect)
    report.record(KIND, "created", wp_id, path)
    return redirect


def item_paths(item, stub=None):
    """The old addresses of a post, page or attachment: its permalink (Wagtail's middleware
    matches it written decoded or percent-encoded), its guid when that is another address,
    and WordPress's query forms."""
    urls = [item.link]
    if item.guid and urlsplit(item.guid).path not in ("", "/") and item.guid != item.link:
        urls.append(item.guid)
    query = {"post": "p", "page": "page_id", "attachment": "attachment_id"}.get(item.post_type)
    if query:
        urls.append(f"/?{query}={item.id}")
        if item.post_type == "page":
            urls.append(f"/?p={item.id}")  # WordPress answers both for a page
    paths = []
    for url in urls:
        path = old_path(url)
        if url and path not in paths:
            paths.append(path)
    return paths
