"""Share links for an article: plain addresses of each service's own share page.

No script, image or font comes from those services: a reader's browser contacts one only
when they follow its link. The page stays the same for every reader (it is cached), so the
addresses carry only the article's canonical URL and title.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _


def _query(**params):
    # quote, not quote_plus: mail programs and some share pages show "+" literally.
    return urlencode(params, quote_via=quote)


@dataclass(frozen=True)
class ShareLink:
    service: str
    href: str
    label: str  # shown
    name: str  # the accessible name: says what the link does, and includes the label


def share_links(url, title):
    """The article page's share links, in the order it shows them."""
    text = f"{title} {url}"
    return [
        ShareLink(
            "email",
            f"mailto:?{_query(subject=title, body=text)}",
            _("E-mail"),
            _("Share by e-mail"),
        ),
        ShareLink(
            "whatsapp",
            f"https://wa.me/?{_query(text=text)}",
            _("WhatsApp"),
            _("Share on WhatsApp"),
        ),
        ShareLink(
            "x",
            f"https://x.com/intent/post?{_query(url=url, text=title)}",
            _("X"),
            _("Share on X"),
        ),
        ShareLink(
            "facebook",
            f"https://www.facebook.com/sharer/sharer.php?{_query(u=url)}",
            _("Facebook"),
            _("Share on Facebook"),
        ),
        ShareLink(
            "telegram",
            f"https://t.me/share/url?{_query(url=url, text=title)}",
            _("Telegram"),
            _("Share on Telegram"),
        ),
        ShareLink(
            "linkedin",
            f"https://www.linkedin.com/sharing/share-offsite/?{_query(url=url)}",
            _("LinkedIn"),
            _("Share on LinkedIn"),
        ),
    ]
