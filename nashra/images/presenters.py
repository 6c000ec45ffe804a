"""How a picture is placed on the public site: one helper per placement, so that every
template asks for "a card picture" and the sizes, crops and formats live here.

Each placement is a crop of the image around its focal point (Wagtail's `fill-WxH-c100`), in
a few widths, in AVIF and WebP (`<source>`s the browser picks from) with a JPEG fallback
(`<img>`). docs/developers/images.md explains the numbers."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from markupsafe import Markup
from wagtail.images.shortcuts import get_renditions_or_not_found

# The formats offered, best first; the last is the <img>'s own (every browser reads it).
FORMATS = (("avif", "image/avif"), ("webp", "image/webp"), ("jpeg", "image/jpeg"))


@dataclass(frozen=True)
class Placement:
    ratio: tuple | None  # width, height; None keeps the image's own proportions
    widths: tuple  # rendition widths, smallest first
    sizes: str  # the CSS width the picture takes, for the browser to choose a width

    def spec(self, width, fmt):
        # A transparent PNG turned JPEG gets white behind it, not black (bgcolor applies to
        # images with an alpha channel only).
        background = "|bgcolor-ffffff" if fmt == "jpeg" else ""
        if self.ratio is None:
            return f"width-{width}|format-{fmt}{background}"
        height = round(width * self.ratio[1] / self.ratio[0])
        return f"fill-{width}x{height}-c100|format-{fmt}{background}"

    def specs(self):
        return [self.spec(width, fmt) for fmt, _ in FORMATS for width in self.widths]


# The layout (nashra/static/css/site.css): the page is at most 72rem wide with 1rem of padding
# on each side; an article is at most 52rem. Phones show a lead and a card across the screen.
PLACEMENTS = {
    # Article lead (and the front page's lead story): the article column.
    "lead": Placement((16, 9), (480, 800, 1200), "(min-width: 54rem) 52rem, calc(100vw - 2rem)"),
    # Listing cards: one column on phones, two on tablets, four rails on a wide screen.
    "card": Placement(
        (16, 9), (320, 640), "(min-width: 60rem) 17rem, (min-width: 40rem) 45vw, calc(100vw - 2rem)"
    ),
    # Pictures in an article's body (image and gallery blocks): uncropped, so that a portrait,
    # a chart or a map keeps all of itself; the same widths as the lead, or the gallery's.
    "body": Placement(None, (480, 800, 1200), "(min-width: 54rem) 52rem, calc(100vw - 2rem)"),
    "gallery": Placement(None, (400, 800), "(min-width: 60rem) 26rem, calc(50vw - 1.5rem)"),
    # Author photos (8rem on the author's page, less in lists).
    "thumb": Placement((1, 1), (160, 320), "8rem"),
}

# Social and search: og:image (base.html) and the NewsArticle JSON-LD's three ratios
# (nashra/distribution/presenters.py), each 1200 wide as Google recommends.
# No -c100 here: these keep as much of the picture as the ratio allows, centred on the focal
# point (the og:image crop base.html has always used).
SOCIAL_CARD = "fill-1200x630"
JSON_LD_RATIOS = ("fill-1200x1200", "fill-1200x900", "fill-1200x675")


def placement_specs(*placements):
    """Every rendition spec the placements use (to prefetch or generate them together)."""
    return tuple(spec for name in placements for spec in PLACEMENTS[name].specs())


def _srcset(renditions):
    seen, parts = set(), []
    for rendition in renditions:
        if rendition.width in seen:  # a small original gives the same size twice
            continue
        seen.add(rendition.width)
        parts.append(f"{rendition.url} {rendition.width}w")
    return ", ".join(parts)


def responsive_image(image, placement, alt="", eager=False, **attrs):
    """`{{ responsive_image(img, "card", alt="") }}`: the picture for one placement.

    `eager` for the picture a reader sees first (the article's lead): loaded at once, with
    high priority; every other picture waits until it nears the screen. Other keyword
    arguments become attributes of the <img> (class=...)."""
    if not image:
        return Markup("")
    place = PLACEMENTS[placement]
    specs = place.specs()
    # The prefetched renditions when the queryset has them (for_cards(), the article route),
    # generated once otherwise; a missing original gives Wagtail's "not-found" rendition.
    renditions = get_renditions_or_not_found(image, specs)
    by_format = {
        fmt: [renditions[place.spec(width, fmt)] for width in place.widths] for fmt, _ in FORMATS
    }
    fallback = by_format["jpeg"]
    largest = fallback[-1]
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        ((mime, _srcset(by_format[fmt]), place.sizes) for fmt, mime in FORMATS[:-1]),
    )
    img_attrs = {
        "src": fallback[min(1, len(fallback) - 1)].url,
        "srcset": _srcset(fallback),
        "sizes": place.sizes,
        "width": largest.width,
        "height": largest.height,
        "alt": alt,
        "loading": "eager" if eager else "lazy",
        "decoding": "async",
    }
    if eager:
        img_attrs["fetchpriority"] = "high"
    img_attrs.update(attrs)
    img = format_html(
        "<img{}>", format_html_join("", ' {}="{}"', ((k, v) for k, v in img_attrs.items()))
    )
    return format_html(
        '<picture class="picture picture--{}">{}{}</picture>', placement, sources, img
    )
