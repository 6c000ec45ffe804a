"""Embeds: which addresses WordPress would have embedded, and what to call them on a card."""

import re

from .links import split

PROVIDERS = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "vimeo.com": "Vimeo",
    "x.com": "X",
    "twitter.com": "X",
    "instagram.com": "Instagram",
    "facebook.com": "Facebook",
    "fb.watch": "Facebook",
    "soundcloud.com": "SoundCloud",
    "spotify.com": "Spotify",
    "tiktok.com": "TikTok",
    "dailymotion.com": "Dailymotion",
    "dai.ly": "Dailymotion",
    "flickr.com": "Flickr",
    "flic.kr": "Flickr",
    "reddit.com": "Reddit",
    "tumblr.com": "Tumblr",
    "ted.com": "TED",
    "wordpress.tv": "WordPress.tv",
    "mixcloud.com": "Mixcloud",
    "scribd.com": "Scribd",
    "slideshare.net": "SlideShare",
    "issuu.com": "Issuu",
    "imgur.com": "Imgur",
    "pinterest.com": "Pinterest",
    "threads.net": "Threads",
    "bsky.app": "Bluesky",
    "speakerdeck.com": "Speaker Deck",
    "kickstarter.com": "Kickstarter",
    "giphy.com": "Giphy",
    "anghami.com": "Anghami",
}
AUDIO_KEYS = ("src", "mp3", "m4a", "ogg", "oga", "wav", "wma", "flac")
VIDEO_KEYS = ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mov")
# WordPress embeds a URL that stands alone on its line (its autoembed filter).
BARE_URL_LINE = re.compile(r"^([ \t]*)(https?://[^\s<>\"']+)([ \t]*)$", re.M | re.I)


def is_web_url(url):
    parts = split(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def provider(url):
    host = split(url).netloc.lower().rsplit("@", 1)[-1].split(":", 1)[0]
    while host:
        if host in PROVIDERS:
            return PROVIDERS[host]
        host = host.partition(".")[2] if host.count(".") > 1 else ""
    return None


def embed_title(url):
    """The provider's name ("YouTube"), or the host for one this module does not know."""
    return provider(url) or split(url).netloc.lower().removeprefix("www.") or url


def bare_embed_lines(text, handle):
    """`text` with each line that is only a known provider's URL replaced by `handle(url)`.
    Lines inside <pre> and inside tags are left alone."""
    pieces = re.split(r"(<pre[\s>].*?</pre>)", text, flags=re.S | re.I)
    for i in range(0, len(pieces), 2):
        pieces[i] = BARE_URL_LINE.sub(
            lambda m: handle(m.group(2)) if provider(m.group(2)) else m.group(0), pieces[i]
        )
    return "".join(pieces)
