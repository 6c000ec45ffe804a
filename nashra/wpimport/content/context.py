from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field


def _nothing(_):
    return None


@dataclass
class ConversionContext:
    """What the converter asks of the import: each callable answers None when it cannot."""

    resolve_link: Callable = _nothing  # old URL -> id of the imported page
    resolve_image_url: Callable = _nothing  # image URL -> NashraImage
    resolve_attachment: Callable = _nothing  # WordPress attachment id (int) -> NashraImage
    rewrite_media_url: Callable = _nothing  # wp-content/uploads URL -> the imported file's URL
    site_url: str = ""


@dataclass
class ConversionResult:
    """`blocks` are (block type, value) pairs for ArticleBodyBlock: a page's body can be set
    to them as they are. Everything else is for the import report."""

    blocks: list = field(default_factory=list)
    unknown_shortcodes: Counter = field(default_factory=Counter)
    unknown_blocks: Counter = field(default_factory=Counter)
    legacy_html: int = 0
    unresolved_links: int = 0
    notes: list = field(default_factory=list)
