"""How a picture is placed on the public site: one helper per placement, so that every
template asks for "a card picture" and the sizes, crops and formats live here."""

from markupsafe import Markup
from wagtail.images.jinja2tags import image as wagtail_image

# placement -> the rendition spec used for it (replaced by the responsive set in issue 16)
PLACEMENTS = {
    "lead": "fill-1200x675",
    "card": "fill-640x360",
    "thumb": "fill-320x320",
}


def responsive_image(image, placement, alt="", eager=False, **attrs):
    """`{{ responsive_image(img, "card", alt="") }}`: the picture for one placement."""
    if not image:
        return Markup("")
    attrs.setdefault("decoding", "async")
    attrs["loading"] = "eager" if eager else "lazy"
    return wagtail_image(image, PLACEMENTS[placement], alt=alt, **attrs)
