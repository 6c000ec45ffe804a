"""The media of the newsroom fixture export (tests/fixtures/newsroom.xml), read by wxr.py,
imported offline from its uploads/ copy: every attachment gets its fate in the report."""

from pathlib import Path

import pytest

from nashra.images.models import NashraImage
from nashra.wpimport.media import MediaFetcher, MediaLibrary
from nashra.wpimport.models import ImportSource
from nashra.wpimport.report import ImportReport

wxr = pytest.importorskip("nashra.wpimport.wxr")

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
UPLOADS = "https://old.example-news.com/wp-content/uploads/2024/03/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def attachments():
    return [
        obj
        for obj in wxr.iter_wxr(FIXTURES / "newsroom.xml")
        if isinstance(obj, wxr.WxrItem) and obj.post_type == "attachment"
    ]


def run(attachments, **kwargs):
    source, _ = ImportSource._default_manager.get_or_create(site_url="https://old.example-news.com")
    report = ImportReport()
    library = MediaLibrary(source, MediaFetcher(uploads_dir=FIXTURES / "uploads"), report, **kwargs)
    for item in attachments:
        library.register_attachment_url(item.attachment_url, item.id)
    images = {str(item.id): library.image_for_attachment(item) for item in attachments}
    return library, report, images


def test_every_attachment_has_its_fate(attachments):
    library, report, images = run(attachments, credit_meta_key="photo_credit")

    assert report.counts["attachment"] == {"created": 3, "failed": 2}
    reasons = {line.wp_id: (line.outcome, line.reason) for line in report.lines}
    assert reasons["203"] == ("created", "Kept as a document (not an image).")
    assert library.url_for_media(UPLOADS + "budget-summary.pdf").startswith("/documents/")
    assert reasons["204"] == (
        "failed",
        "The file 2024/03/flood-photo.jpg is not in the uploads folder.",
    )
    assert reasons["205"][0] == "failed"  # file:///etc/passwd, never read

    parliament, board = images["201"], images["202"]
    assert parliament.alt_text == "Members of parliament voting"
    assert (parliament.photographer, parliament.agency) == ("Rania Saad", "Cedar Press")
    assert library.caption_for_attachment(201) == (
        "Members of parliament raise their hands during the vote"
    )
    # no photo_credit meta on 202: the caption's trailing [Name/Agency]
    assert (board.photographer, board.agency) == ("Sami Nour", "Levant Wire")
    assert library.caption_for_attachment(202) == "Traders watch the board after the announcement."

    assert library.image_for_url(UPLOADS + "parliament-session-800x533.jpg") == parliament
    assert library.image_for_url(UPLOADS + "market-board-1024x683.png") == board


def test_the_second_run_creates_nothing(attachments):
    run(attachments, credit_meta_key="photo_credit")
    before = NashraImage.objects.count()
    _library, report, _images = run(attachments, credit_meta_key="photo_credit")
    assert NashraImage.objects.count() == before
    assert report.counts["attachment"] == {"unchanged": 3, "failed": 2}
