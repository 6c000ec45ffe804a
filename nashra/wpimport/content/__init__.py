"""WordPress post content (classic HTML, shortcodes, Gutenberg blocks) to Nashra's blocks."""

# Shortcodes and Gutenberg blocks the converter understands; anything else is kept in a
# sanitized legacy-HTML block and counted in the report (and in the dry run's analysis).
KNOWN_SHORTCODES = frozenset({"caption", "wp_caption", "gallery", "embed", "audio", "video"})
KNOWN_BLOCKS = frozenset(
    {
        "core/paragraph",
        "core/heading",
        "core/list",
        "core/list-item",
        "core/quote",
        "core/pullquote",
        "core/image",
        "core/gallery",
        "core/embed",
        "core/table",
        "core/separator",
        "core/spacer",
        "core/freeform",
        "core/html",
        "core/audio",
        "core/video",
        "core/more",
        "core/nextpage",
        "core/shortcode",
        "core/group",
        "core/columns",
        "core/column",
        "core/preformatted",
        "core/code",
        "core/verse",
        "core/row",
        "core/stack",
    }
    # The embed variations of WordPress 5.0–5.5, each its own block name.
    | {
        f"core-embed/{provider}"
        for provider in [
            *("amazon-kindle", "animoto", "cloudup", "collegehumor", "crowdsignal"),
            *("dailymotion", "facebook", "flickr", "hulu", "imgur", "instagram", "issuu"),
            *("kickstarter", "meetup-com", "mixcloud", "polldaddy", "reddit", "reverbnation"),
            *("screencast", "scribd", "slideshare", "smugmug", "soundcloud", "speaker"),
            *("speaker-deck", "spotify", "ted", "tiktok", "tumblr", "twitter", "videopress"),
            *("vimeo", "wordpress", "wordpress-tv", "youtube"),
        ]
    }
)

from .context import ConversionContext, ConversionResult  # noqa: E402
from .convert import convert_body  # noqa: E402
from .credit import parse_credit  # noqa: E402

__all__ = [
    "KNOWN_BLOCKS",
    "KNOWN_SHORTCODES",
    "ConversionContext",
    "ConversionResult",
    "convert_body",
    "parse_credit",
]
