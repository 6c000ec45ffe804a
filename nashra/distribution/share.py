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
    label: str  # shown: the service's name
    before: str  # around the label, visually hidden: the accessible name says what the link
    after: str  # does ("Share on X"), and contains the shown label


def _link(service, href, label, sentence):
    before, _, after = str(sentence % {"service": "\0"}).partition("\0")
    return ShareLink(service, href, str(label), before, after)


def share_links(url, title):
    """The article page's share links, in the order it shows them."""
    text = f"{title} {url}"
    by, on = _("Share by %(service)s"), _("Share on %(service)s")
    return [
        _link("email", f"mailto:?{_query(subject=title, body=text)}", _("E-mail"), by),
        _link("whatsapp", f"https://wa.me/?{_query(text=text)}", _("WhatsApp"), on),
        _link("x", f"https://x.com/intent/post?{_query(url=url, text=title)}", _("X"), on),
        _link(
            "facebook",
            f"https://www.facebook.com/sharer/sharer.php?{_query(u=url)}",
            _("Facebook"),
            on,
        ),
        _link(
            "telegram", f"https://t.me/share/url?{_query(url=url, text=title)}", _("Telegram"), on
        ),
        _link(
            "linkedin",
            f"https://www.linkedin.com/sharing/share-offsite/?{_query(url=url)}",
            _("LinkedIn"),
            on,
        ),
    ]
