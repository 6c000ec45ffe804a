import io
import os

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from nashra.images.models import NashraImage, NashraRendition
from nashra.images.presenters import PLACEMENTS, placement_specs, responsive_image
from nashra.images.tasks import all_specs, generate_renditions
from nashra.news.models import ArticlePage
from nashra.news.tests.helpers import article_with_twin, url_of

pytestmark = pytest.mark.django_db


def halves(width=1600, height=800):
    """Red on the left half, blue on the right: a crop shows which side it was taken from."""
    picture = Image.new("RGB", (width, height), (220, 0, 0))
    picture.paste((0, 0, 220), (width // 2, 0, width, height))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    return NashraImage.objects.create(
        title="halves",
        alt_text="Two colours",
        file=ImageFile(io.BytesIO(buffer.getvalue()), name="halves.jpg"),
    )


def parse(markup):
    return BeautifulSoup(str(markup), "html.parser").picture


@pytest.mark.parametrize("placement", ["lead", "card", "thumb"])
def test_picture_offers_avif_webp_and_a_jpeg_img_in_every_width(placement):
    place = PLACEMENTS[placement]
    picture = parse(responsive_image(halves(), placement, alt="Two colours"))
    sources = picture.find_all("source")
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
    img = picture.img
    for element, ext in ((sources[0], ".avif"), (sources[1], ".webp"), (img, ".jpg")):
        entries = [entry.split() for entry in element["srcset"].split(", ")]
        assert [int(w.rstrip("w")) for _, w in entries] == list(place.widths)
        assert all(url.endswith(ext) for url, _ in entries)
        assert element["sizes"] == place.sizes
    ratio = place.ratio[0] / place.ratio[1]
    assert int(img["width"]) == place.widths[-1]
    assert int(img["width"]) / int(img["height"]) == pytest.approx(ratio, rel=0.01)
    assert img["alt"] == "Two colours"
    assert img["src"].endswith(".jpg")


def test_lazy_by_default_eager_with_high_priority_for_the_lead():
    image = halves()
    lazy = parse(responsive_image(image, "card")).img
    assert lazy["loading"] == "lazy" and lazy["decoding"] == "async"
    assert not lazy.has_attr("fetchpriority")
    eager = parse(responsive_image(image, "lead", eager=True)).img
    assert eager["loading"] == "eager" and eager["fetchpriority"] == "high"


def test_extra_attributes_go_on_the_img():
    img = parse(responsive_image(halves(), "thumb", class_name="x", **{"class": "photo"})).img
    assert img["class"] == ["photo"]


def test_no_image_renders_nothing():
    assert str(responsive_image(None, "card")) == ""


def _colour_of(rendition):
    with rendition.file.open() as f:
        picture = Image.open(f).convert("RGB")
        return picture.getpixel((picture.width // 2, picture.height // 2))


@pytest.mark.parametrize("focal_x,red", [(200, True), (1400, False)])
def test_crops_follow_the_focal_point(focal_x, red):
    image = halves()
    image.focal_point_x, image.focal_point_y = focal_x, 400
    image.focal_point_width = image.focal_point_height = 100
    image.save()
    square = image.get_rendition(PLACEMENTS["thumb"].spec(320, "jpeg"))
    r, _, b = _colour_of(square)
    assert (r > b) is red


def test_a_new_focal_point_or_file_gives_new_rendition_names():
    image = halves()
    spec = PLACEMENTS["card"].spec(320, "webp")
    before = image.get_rendition(spec).file.name
    assert image.get_file_hash()[:8] in before
    image.focal_point_x, image.focal_point_y, image.focal_point_width = 10, 10, 20
    image.focal_point_height = 20
    image.save()
    moved = image.get_rendition(spec).file.name
    assert moved != before
    other = halves(1600, 900)  # other content under the same original name
    assert other.get_rendition(spec).file.name.split("-", 1)[0] != before.split("-", 1)[0]


def test_second_render_makes_no_renditions():
    image = halves()
    responsive_image(image, "lead")
    count = NashraRendition.objects.filter(image=image).count()
    assert count == len(placement_specs("lead"))
    with CaptureQueriesContext(connection) as queries:
        responsive_image(NashraImage.objects.get(pk=image.pk), "lead")
    assert NashraRendition.objects.filter(image=image).count() == count
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith("INSERT")]


def test_missing_original_still_renders_the_article(client):
    article = article_with_twin("en")
    image = halves()
    os.remove(image.file.path)
    article.lead_image = image
    article.save_revision().publish()
    response = client.get(url_of(article))
    assert response.status_code == 200
    img = BeautifulSoup(response.content, "html.parser").select_one("figure.article__figure img")
    assert img["alt"] == article.lead_image_alt_text or img.has_attr("alt")
    assert "not-found" in img["src"]


def _render_cards(articles):
    for article in articles:
        responsive_image(article.lead_image, "card")
        responsive_image(article.lead_image, "lead")


def _card_queries(count):
    articles = list(ArticlePage.objects.published().for_cards()[:count])
    assert len(articles) == count and all(a.lead_image for a in articles)
    _render_cards(articles)  # the renditions exist from here on
    with CaptureQueriesContext(connection) as queries:
        _render_cards(list(ArticlePage.objects.published().for_cards()[:count]))
    return len(queries)


def test_card_listing_queries_do_not_grow_with_its_length():
    with_images = ArticlePage.objects.published().filter(lead_image__isnull=False).count()
    assert with_images >= 8
    few, many = _card_queries(4), _card_queries(8)
    assert few == many
    assert many <= 4  # the articles, their images, the images' renditions (+ content type)


def test_uploading_an_image_queues_its_renditions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        image = halves()
    assert len(callbacks) == 1
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(task_path__endswith="generate_renditions").last()
    assert queued is not None and queued.args_kwargs["args"] == [image.pk]
    generate_renditions.call(image.pk)
    made = set(NashraRendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert made == set(all_specs())
    # A save that changes nothing a rendition depends on queues nothing.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        image.save(update_fields=["title"])
    assert callbacks == []


def test_renditions_are_served_immutable_and_originals_for_a_day(client):
    image = halves()
    rendition = image.get_rendition(PLACEMENTS["card"].spec(320, "avif"))
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    original = client.get(image.file.url)
    assert original.status_code == 200
    assert original["Cache-Control"] == "public, max-age=86400"
    assert client.get("/media/images/nothing-here.jpg").status_code == 404
    # An original reached through images/.. is still an original.
    name = image.file.name.split("/", 1)[1]
    for dots in ("..", "%2e%2e"):
        sneaky = client.get(f"/media/images/{dots}/original_images/{name}")
        assert sneaky.status_code == 200
        assert sneaky["Cache-Control"] == "public, max-age=86400"


def test_nginx_serves_renditions_immutable_and_originals_for_a_day():
    from nashra.core.tests.test_cache_contract import nginx_config

    config = nginx_config()
    renditions = config.split("location /media/images/ {", 1)[1].split("}", 1)[0]
    assert 'add_header Cache-Control "public, max-age=31536000, immutable";' in renditions
    assert "X-Content-Type-Options nosniff" in renditions  # add_header does not inherit
    originals = config.split("location /media/ {", 1)[1].split("}", 1)[0]
    assert 'add_header Cache-Control "public, max-age=86400";' in originals
    assert "immutable" not in originals and "expires" not in originals


@pytest.mark.parametrize("placement", ["body", "gallery"])
def test_pictures_in_the_body_keep_the_whole_image(placement):
    """A portrait (or a chart) in an article's body is scaled, never cropped to 16:9."""
    portrait = halves(width=900, height=1500)
    img = parse(responsive_image(portrait, placement, alt="Tall")).img
    width, height = int(img["width"]), int(img["height"])
    assert height > width
    assert width / height == pytest.approx(900 / 1500, rel=0.01)
    assert all("width-" in spec and "fill-" not in spec for spec in PLACEMENTS[placement].specs())
