"""Text fields of an export (titles, names, excerpts) as plain text."""

import html

from django.utils.html import strip_tags

from nashra.news.html_sanitize import strip_controls


def plain_text(text):
    """A title, name or description as text: WordPress allows markup and entities in them;
    direction controls could reorder what is around them."""
    return " ".join(strip_controls(html.unescape(strip_tags(text or ""))).split())
