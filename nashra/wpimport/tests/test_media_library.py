"""MediaLibrary: attachments and inline images become NashraImages, each file once."""

import io
from dataclasses import dataclass, field
from unittest import mock

import pytest
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model

from nashra.images.models import NashraImage
from nashra.wpimport.media import (
    MediaError,
    MediaFetcher,
    MediaLibrary,
    media_url_key,
)
from nashra.wpimport.models import ImportedObject, ImportSource
from nashra.wpimport.report import ImportReport

from .media_helpers import image_bytes

pytestmark = pytest.mark.django_db

SITE = "https://old.example"
UPLOADS = SITE + "/wp-content/uploads/"
RED = image_bytes(colour=(200, 30, 30))
BLUE = image_bytes(colour=(30, 30, 200))
GREEN = image_bytes("PNG", colour=(30, 200, 30))


@dataclass
class Item:
    """The attachment fields of wxr.WxrItem that the library reads."""

    id: int
    title: str = ""
    excerpt: str = ""
    content: str = ""
    attachment_url: str = ""
    guid: str = ""
    post_type: str = "attachment"
    meta: dict = field(default_factory=dict)


class CountingFetcher(MediaFetcher):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fetched = []

    def fetch(self, url, **kwargs):
        self.fetched.append(url)
        return super().fetch(url, **kwargs)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def uploads(tmp_path):
    root = tmp_path / "uploads"
    folder = root / "2024" / "05"
    folder.mkdir(parents=True)
    (folder / "red.jpg").write_bytes(RED)
    (folder / "red-copy.jpg").write_bytes(RED)
    (folder / "blue.jpg").write_bytes(BLUE)
    (folder / "green-scaled.png").write_bytes(GREEN)
    (folder / "مظاهرة.jpg").write_bytes(image_bytes(colour=(1, 2, 3)))
    (folder / "fake.jpg").write_bytes(b"%PDF-1.4 not an image")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    return root


@pytest.fixture
def source():
    # ImportSource.objects is shadowed by ImportedObject.source's related_name "objects".
    return ImportSource._default_manager.create(site_url=SITE, title="Old site")


def library(source, uploads, report=None, **kwargs):
    fetcher = CountingFetcher(uploads_dir=uploads)
    return MediaLibrary(source, fetcher, report or ImportReport(), **kwargs)


def red_item(**overrides):
    values = {
        "id": 11,
        "title": "Protest in the square",
        "excerpt": "Crowds gather at dawn. [Ahmad Ali/AFP]",
        "content": "Taken from the roof of the old post office.",
        "attachment_url": UPLOADS + "2024/05/red.jpg",
        "meta": {"_wp_attachment_image_alt": ["Crowd holding banners"]},
    }
    values.update(overrides)
    return Item(**values)


def test_attachment_becomes_an_image(source, uploads):
    lib = library(source, uploads)
    image = lib.image_for_attachment(red_item())

    assert image.title == "Protest in the square"
    assert image.alt_text == "Crowd holding banners"
    assert (image.photographer, image.agency) == ("Ahmad Ali", "AFP")
    assert image.rights_notes == "Taken from the roof of the old post office."
    assert image.file.read() == RED
    assert (image.width, image.height) == (8, 6)
    assert image.file_hash and image.file_size == len(RED)
    assert lib.caption_for_attachment(11) == "Crowds gather at dawn."
    assert lib.image_for_attachment_id("11") == image
    rows = ImportedObject.objects.filter(source=source, object_id=image.pk)
    assert {(row.kind, row.wp_id) for row in rows} == {
        ("attachment", "11"),
        ("media_url", media_url_key(UPLOADS + "2024/05/red.jpg")),
    }
    assert lib.report.count("attachment", "created") == 1


def test_a_second_run_downloads_nothing_and_creates_nothing(source, uploads):
    library(source, uploads).image_for_attachment(red_item())
    images = NashraImage.objects.count()

    again = library(source, uploads)
    image = again.image_for_attachment(red_item())

    assert NashraImage.objects.count() == images
    assert again.fetcher.fetched == []
    assert again.report.count("attachment", "unchanged") == 1
    assert again.caption_for_attachment(11) == "Crowds gather at dawn."
    assert image.alt_text == "Crowd holding banners"


def test_changed_alt_caption_or_credit_updates_the_image(source, uploads):
    first = library(source, uploads).image_for_attachment(red_item())
    again = library(source, uploads)
    image = again.image_for_attachment(
        red_item(
            excerpt="Crowds at dawn. Photo: Sara Haddad",
            meta={"_wp_attachment_image_alt": ["Banners in the square"]},
        )
    )
    assert image.pk == first.pk
    image.refresh_from_db()
    assert image.alt_text == "Banners in the square"
    assert (image.photographer, image.agency) == ("Sara Haddad", "")
    assert again.fetcher.fetched == []
    assert again.report.count("attachment", "updated") == 1


def test_credit_from_the_meta_key(source, uploads):
    lib = library(source, uploads, credit_meta_key="photo_credit")
    image = lib.image_for_attachment(
        red_item(
            excerpt="Crowds gather at dawn.",
            meta={"photo_credit": ["Rami Nasser / Reuters"], "_wp_attachment_image_alt": ["x"]},
        )
    )
    assert (image.photographer, image.agency) == ("Rami Nasser", "Reuters")
    assert lib.caption_for_attachment(11) == "Crowds gather at dawn."


def test_credit_meta_key_empty_falls_back_to_the_caption(source, uploads):
    lib = library(source, uploads, credit_meta_key="photo_credit")
    image = lib.image_for_attachment(red_item(excerpt="الحشود فجراً [أحمد علي/وكالة الأنباء]"))
    assert (image.photographer, image.agency) == ("أحمد علي", "وكالة الأنباء")
    assert lib.caption_for_attachment(11) == "الحشود فجراً"


def test_alt_text_falls_back_to_the_caption_then_the_title_and_says_so(source, uploads):
    lib = library(source, uploads)
    with_caption = lib.image_for_attachment(red_item(meta={}))
    assert with_caption.alt_text == "Crowds gather at dawn."
    without = lib.image_for_attachment(
        Item(id=12, title="Blue sky", attachment_url=UPLOADS + "2024/05/blue.jpg")
    )
    assert without.alt_text == "Blue sky"
    notes = [line for line in lib.report.lines if line.outcome == "note"]
    assert [(n.wp_id, n.reason) for n in notes] == [
        ("11", "No alt text in WordPress: the caption stands in for it."),
        ("12", "No alt text in WordPress: the title stands in for it."),
    ]


def test_unicode_file_name_and_title_from_it(source, uploads):
    lib = library(source, uploads)
    url = UPLOADS + "2024/05/%D9%85%D8%B8%D8%A7%D9%87%D8%B1%D8%A9.jpg"
    image = lib.image_for_attachment(Item(id=13, attachment_url=url))
    assert image.title == "مظاهرة"
    assert image.alt_text == "مظاهرة"
    assert image.file.name.startswith("original_images/")


def test_the_same_file_under_two_addresses_is_one_image(source, uploads):
    lib = library(source, uploads)
    first = lib.image_for_attachment(red_item())
    second = lib.image_for_attachment(
        Item(id=14, title="Copy", attachment_url=UPLOADS + "2024/05/red-copy.jpg")
    )
    assert second.pk == first.pk
    assert NashraImage.objects.filter(file_hash=first.file_hash).count() == 1
    # the first attachment's description stays
    second.refresh_from_db()
    assert second.title == "Protest in the square"
    assert lib.report.count("attachment", "created") == 2
    (line,) = [line for line in lib.report.lines if line.wp_id == "14"]
    assert line.outcome == "created"
    assert line.reason == f"Same file as image {first.pk}, imported once."


def test_inline_sized_address_finds_its_attachment(source, uploads):
    lib = library(source, uploads)
    lib.register_attachment_url(UPLOADS + "2024/05/green-scaled.png", 15)
    attachment = lib.image_for_attachment(
        Item(id=15, title="Green", attachment_url=UPLOADS + "2024/05/green-scaled.png")
    )
    fetched = list(lib.fetcher.fetched)

    inline = lib.image_for_url(UPLOADS + "2024/05/green-1024x768.png")
    assert inline.pk == attachment.pk
    assert lib.fetcher.fetched == fetched  # nothing more downloaded
    assert lib.report.count("media_url", "unchanged") == 1


def test_inline_image_before_its_attachment_is_fetched_once(source, uploads):
    lib = library(source, uploads)
    inline = lib.image_for_url("/wp-content/uploads/2024/05/blue-300x200.jpg", alt="Sky")
    assert inline.file.read() == BLUE
    assert inline.alt_text == "Sky"
    assert lib.fetcher.fetched == [
        UPLOADS + "2024/05/blue.jpg",
    ]
    attachment = lib.image_for_attachment(
        Item(
            id=16,
            title="Blue sky",
            attachment_url=UPLOADS + "2024/05/blue.jpg",
            meta={"_wp_attachment_image_alt": ["A clear blue sky"]},
        )
    )
    assert attachment.pk == inline.pk
    assert len(lib.fetcher.fetched) == 1
    attachment.refresh_from_db()
    assert attachment.alt_text == "A clear blue sky"  # the attachment's words replace the guess
    assert lib.image_for_url(SITE + "/wp-content/uploads/2024/05/blue-300x200.jpg") == inline
    assert len(lib.fetcher.fetched) == 1


def test_inline_images_are_remembered_across_runs(source, uploads):
    url = SITE + "/wp-content/uploads/2024/05/blue.jpg"
    first = library(source, uploads).image_for_url(url)
    again = library(source, uploads)
    assert again.image_for_url(url.replace("https:", "http:")) == first
    assert again.fetcher.fetched == []


def test_failures_are_reported_not_raised(source, uploads):
    report = ImportReport()
    lib = library(source, uploads, report=report)
    missing = lib.image_for_attachment(
        Item(id=20, title="Gone", attachment_url=UPLOADS + "2019/01/gone.jpg")
    )
    audio = lib.image_for_attachment(
        Item(id=21, title="Briefing", attachment_url=UPLOADS + "2024/05/briefing.mp3")
    )
    fake = lib.image_for_attachment(
        Item(id=22, title="Fake", attachment_url=UPLOADS + "2024/05/fake.jpg")
    )
    nothing = lib.image_for_attachment(Item(id=23, title="No file"))
    inline = lib.image_for_url("https://elsewhere.example/x.jpg")
    assert (missing, audio, fake, nothing, inline) == (None, None, None, None, None)
    outcomes = {(line.wp_id, line.outcome): line.reason for line in report.lines}
    assert outcomes == {
        ("20", "failed"): "The file 2019/01/gone.jpg is not in the uploads folder.",
        ("21", "skipped"): "Not an image or a document (.mp3): not imported.",
        ("22", "skipped"): "The file is not a readable image (UnidentifiedImageError).",
        ("23", "skipped"): "It has no file address.",
        ("https://elsewhere.example/x.jpg", "failed"): (
            "The address is not under wp-content/uploads (offline import)."
        ),
    }
    assert report.count("attachment", "failed") == 1
    assert report.count("attachment", "skipped") == 3
    assert NashraImage.objects.filter(title__in=["Gone", "Briefing", "Fake"]).count() == 0


def test_a_failed_inline_address_is_tried_once_per_run(source, uploads):
    lib = library(source, uploads)
    assert lib.image_for_url(UPLOADS + "2019/01/gone.jpg") is None
    assert lib.image_for_url(UPLOADS + "2019/01/gone.jpg") is None
    assert lib.fetcher.fetched == [UPLOADS + "2019/01/gone.jpg"]
    assert lib.report.count("media_url", "failed") == 1


def test_a_storage_error_is_reported(source, uploads):
    lib = library(source, uploads)
    with mock.patch.object(NashraImage, "save", side_effect=OSError("disk full")):
        assert lib.image_for_attachment(red_item()) is None
    assert lib.report.count("attachment", "failed") == 1
    assert "disk full" in lib.report.lines[0].reason


def test_an_image_deleted_in_nashra_is_imported_again(source, uploads):
    library(source, uploads).image_for_attachment(red_item()).delete()
    again = library(source, uploads)
    image = again.image_for_attachment(red_item())
    assert image.file.read() == RED
    assert again.report.count("attachment", "created") == 1


def test_another_import_claiming_the_address_first_wins(source, uploads, media_root):
    """Two imports fetch the same address at once: the second one's insert is refused by the
    unique constraint, its image is rolled back and its file deleted; both end on one image."""
    url = UPLOADS + "2024/05/red.jpg"
    lib = library(source, uploads)
    real_fetch = lib.fetcher.fetch

    def fetch_while_another_run_finishes(fetch_url):
        fetched = real_fetch(fetch_url)
        rival = NashraImage(title="Rival", alt_text="Rival")
        rival.file = ImageFile(io.BytesIO(BLUE), name="rival.jpg")
        rival.save()
        lib._create_row("media_url", media_url_key(url), rival)
        fetch_while_another_run_finishes.rival = rival
        return fetched

    lib.fetcher.fetch = fetch_while_another_run_finishes
    before = NashraImage.objects.count()
    image = lib.image_for_attachment(red_item())

    assert image == fetch_while_another_run_finishes.rival
    assert NashraImage.objects.count() == before + 1
    stored = sorted(p.name for p in (media_root / "original_images").iterdir())
    assert stored == ["rival.jpg"]
    assert ImportedObject.objects.get(kind="attachment", wp_id="11").object_id == image.pk


def test_claim_returns_the_winner(source, uploads):
    lib = library(source, uploads)
    winner = lib.image_for_attachment(red_item())
    other = lib.image_for_attachment(
        Item(id=30, title="Blue", attachment_url=UPLOADS + "2024/05/blue.jpg")
    )
    assert lib._claim("attachment", "11", other) == (winner, False)
    assert lib._claim("attachment", "31", other) == (other, True)


def test_fetcher_errors_carry_a_reason():
    error = MediaError("The host x does not resolve.")
    assert error.reason == str(error)


def test_a_failure_after_the_file_is_stored_leaves_no_file(source, uploads, media_root):
    lib = library(source, uploads)
    with mock.patch.object(MediaLibrary, "_create_row", side_effect=OSError("lost the database")):
        assert lib.image_for_attachment(red_item()) is None
    assert lib.report.count("attachment", "failed") == 1
    assert list((media_root / "original_images").iterdir()) == []
    assert not NashraImage.objects.filter(title="Protest in the square").exists()


def test_inline_sized_address_before_its_scaled_attachment_fetches_the_attachment_file(
    source, uploads
):
    lib = library(source, uploads)
    lib.register_attachment_url(UPLOADS + "2024/05/green-scaled.png", 15)
    inline = lib.image_for_url(UPLOADS + "2024/05/green-1024x768.png")
    assert lib.fetcher.fetched == [UPLOADS + "2024/05/green-scaled.png"]
    attachment = lib.image_for_attachment(
        Item(id=15, title="Green", attachment_url=UPLOADS + "2024/05/green-scaled.png")
    )
    assert attachment.pk == inline.pk
    assert len(lib.fetcher.fetched) == 1
    assert NashraImage.objects.filter(file_hash=inline.file_hash).count() == 1


def test_a_document_attachment_becomes_a_wagtail_document(source, uploads):
    lib = library(source, uploads)
    pdf = Item(id=40, title="Annual report", attachment_url=UPLOADS + "2024/05/report.pdf")
    assert lib.image_for_attachment(pdf) is None
    document = lib.document_for_attachment_id(40)
    assert document.title == "Annual report"
    assert document.file.read() == b"%PDF-1.4"
    assert lib.report.count("attachment", "created") == 1
    assert lib.url_for_media(UPLOADS + "2024/05/report.pdf") == document.url

    again = library(source, uploads)
    again.image_for_attachment(pdf)
    assert again.fetcher.fetched == []
    assert again.report.count("attachment", "unchanged") == 1
    assert get_document_model().objects.filter(title="Annual report").count() == 1


def test_url_for_media_names_the_new_file(source, uploads):
    lib = library(source, uploads)
    lib.register_attachment_url(UPLOADS + "2024/05/red.jpg", 11)
    assert lib.url_for_media(UPLOADS + "2024/05/red-300x200.jpg") is None  # not imported yet
    image = lib.image_for_attachment(red_item())
    assert lib.url_for_media(UPLOADS + "2024/05/red-300x200.jpg") == image.file.url
    assert lib.url_for_media("/wp-content/uploads/2024/05/red.jpg") == image.file.url
    assert lib.url_for_media(UPLOADS + "2024/05/other.jpg") is None
