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
    }
)
