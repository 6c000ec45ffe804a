"""A conversion context that answers from dictionaries, for the content converter's tests."""

from dataclasses import dataclass

from nashra.wpimport.content import ConversionContext, convert_body

SITE = "https://old.example.com"


@dataclass(eq=False)
class FakeImage:
    """Stands in for a NashraImage: the converter only reads these fields."""

    wp_id: int
    alt_text: str = ""
    photographer: str = ""
    agency: str = ""
    pk = None


def make_ctx(attachments=(), image_urls=None, pages=None, site_url=SITE):
    attachments = {wp_id: FakeImage(wp_id, alt_text=f"alt {wp_id}") for wp_id in attachments}
    image_urls = image_urls or {}
    pages = pages or {}
    return ConversionContext(
        resolve_link=lambda url: pages.get(url),
        resolve_image_url=lambda url: image_urls.get(url),
        resolve_attachment=lambda wp_id: attachments.get(wp_id),
        rewrite_media_url=lambda url: "https://cdn.nashra.example/media/" + url.rsplit("/", 1)[-1],
        site_url=site_url,
    )


def convert(html, ctx=None):
    return convert_body(html, ctx or make_ctx())


def kinds(result):
    return [kind for kind, _value in result.blocks]


def source(value):
    """A paragraph's stored HTML (RichText), or the value itself."""
    return getattr(value, "source", value)


def sources(result, kind="paragraph"):
    return [source(value) for k, value in result.blocks if k == kind]
