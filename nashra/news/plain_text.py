"""An article's words as plain text, in reading order, walked from the body's stored JSON.

One walk serves the search index (ArticlePage.plain_text_parts) and the search excerpts
(nashra.search.excerpts.passages): building the bound blocks and parsing each paragraph's HTML
cost more than the rest of a search, and the two must read the same blocks the same way."""

from nashra.news.html_sanitize import clean_legacy_html, clean_table_html


def text_parts(article, paragraph_text):
    """The title, the standfirst and each body block's text, empty ones left out.
    `paragraph_text` turns a paragraph's stored HTML into text."""
    parts = [article.title, article.standfirst]
    for block in article.body.raw_data:
        kind, value = block["type"], block["value"]
        if kind == "paragraph":
            parts.append(paragraph_text(value))
        elif kind == "subheading":
            parts.append(value)
        elif kind == "quote":
            parts += [value.get("text", ""), value.get("attribution", "")]
        elif kind == "fact_box":
            # A list block stores each item as {"type", "value", "id"}; older bodies, the text.
            items = (
                item["value"] if isinstance(item, dict) else item for item in value.get("items", [])
            )
            parts += [value.get("title", ""), *items]
        elif kind in ("image", "embed"):
            parts += [value.get(name, "") for name in ("caption", "title", "description")]
        elif kind == "gallery":
            parts += [_item(item).get("caption", "") for item in value]
        elif kind == "table":
            parts += [value.get("caption", ""), paragraph_text(clean_table_html(value.get("html")))]
        elif kind == "legacy_html":
            parts.append(paragraph_text(clean_legacy_html(value)))
    return [part for part in parts if part]


def _item(item):
    """A list block's item: {"type", "value", "id"}, or in older bodies the value itself."""
    return item["value"] if isinstance(item, dict) and "value" in item and "id" in item else item
