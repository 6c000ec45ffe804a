import pytest
from django.utils import translation

from nashra.news.models import ArticleCorrection, ArticlePage

from .helpers import article_with_twin, section_with, soup, url_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang,direction", [("en", "ltr"), ("ar", "rtl")])
def test_article_page_declares_language_and_direction(client, lang, direction):
    article = article_with_twin(lang)
    response = client.get(url_of(article))
    assert response.status_code == 200
    html = soup(response).html
    assert html["lang"] == lang
    assert html["dir"] == direction


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_article_anatomy_is_in_order(client, lang):
    article = article_with_twin(lang)
    doc = soup(client.get(url_of(article)))
    node = doc.select_one("main article.article")
    order = [
        node.select_one(".kicker"),
        node.select_one("h1.article__headline"),
        node.select_one(".article__standfirst"),
        node.select_one("figure.article__figure"),
        node.select_one(".byline"),
        node.select_one(".article__body"),
    ]
    assert all(order), order
    positions = [el.sourceline * 10_000 + el.sourcepos for el in order]
    assert positions == sorted(positions)
    assert node.select_one("h1").get_text(strip=True) == article.title
    assert node.select_one(".kicker").get_text(" ", strip=True).startswith(article.section.title)
    assert len(doc.select("h1")) == 1


def test_lead_figure_has_alt_caption_and_bracketed_credit(client):
    article = article_with_twin("en")
    figure = soup(client.get(url_of(article))).select_one("figure.article__figure")
    img = figure.select_one("img")
    assert img["alt"] == article.lead_image.alt_text
    assert img["srcset"]
    assert figure.select_one("figcaption .caption").get_text() == article.lead_image_caption
    credit = figure.select_one("figcaption .credit").get_text()
    assert credit == f"[{article.lead_image.photographer}/{article.lead_image.agency}]"


def test_arabic_article_uses_its_own_alt_text(client):
    article = article_with_twin("ar")
    img = soup(client.get(url_of(article))).select_one("figure.article__figure img")
    assert img["alt"] == article.lead_image_alt
    assert img["alt"] != article.lead_image.alt_text


def test_byline_links_to_author_pages_and_time_is_machine_readable(client):
    article = article_with_twin("en")
    doc = soup(client.get(url_of(article)))
    names = [a.get_text() for a in doc.select(".byline a[rel=author]")]
    expected = [b.author.title for b in article.article_authors.order_by("sort_order")]
    assert names == expected
    time = doc.select_one(".dateline time")
    assert time["datetime"].startswith(article.first_published_at.date().isoformat()[:4])
    assert "T" in time["datetime"]


def test_arabic_dates_use_arabic_month_names(client):
    article = article_with_twin("ar")
    doc = soup(client.get(url_of(article)))
    text = doc.select_one(".dateline time").get_text()
    with translation.override("ar"):
        from django.utils.dates import MONTHS

        month = str(MONTHS[article.first_published_at.month])
    assert month in text
    assert not any(m in text for m in ("November", "October", "December"))


def test_body_renders_subheads_quotes_and_fact_boxes(client):
    with_quote = next(
        a for a in ArticlePage.objects.live() if any(b.block_type == "quote" for b in a.body)
    )
    doc = soup(client.get(url_of(with_quote)))
    quote = doc.select_one(".article__body figure.quote")
    assert quote.select_one("blockquote p").get_text()
    assert quote.select_one("figcaption cite").get_text()
    assert doc.select(".article__body h2.subheading")
    with_facts = next(
        a for a in ArticlePage.objects.live() if any(b.block_type == "fact_box" for b in a.body)
    )
    box = soup(client.get(url_of(with_facts))).select_one("aside.fact-box")
    assert box.select_one("h2") and box.select("li")


def test_corrections_are_dated_and_shown_after_the_body(client):
    correction = ArticleCorrection.objects.select_related("article").first()
    assert correction is not None, "the demo must include a correction"
    doc = soup(client.get(url_of(correction.article)))
    section = doc.select_one("section.corrections")
    assert correction.text in section.get_text()
    assert section.select_one("time")["datetime"] == correction.date.isoformat()
    body = doc.select_one(".article__body")
    assert body.sourceline < section.sourceline


def test_tags_link_to_tag_pages_in_the_same_language(client):
    article = next(
        a for a in ArticlePage.objects.live().filter(locale__language_code="ar") if a.tags.exists()
    )
    doc = soup(client.get(url_of(article)))
    link = doc.select_one("nav.tags a[rel=tag]")
    assert link["href"].startswith("/ar/tags/")
    response = client.get(link["href"])
    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_related_articles_come_from_the_same_section(client):
    article = article_with_twin("en")
    doc = soup(client.get(url_of(article)))
    related = doc.select("aside.related .card h3 a")
    assert related
    titles = {a.get_text() for a in related}
    siblings = set(
        ArticlePage.objects.live()
        .filter(section=article.section)
        .exclude(pk=article.pk)
        .values_list("title", flat=True)
    )
    assert titles <= siblings
    assert article.title not in titles


def test_the_rail_shows_the_articles_published_just_before_newest_first():
    articles = section_with(8)
    assert ArticlePage.related_count == 4
    assert articles[7].related_articles() == articles[3:7][::-1]
    assert articles[5].related_articles() == articles[1:5][::-1]
    # The section's first articles top theirs up with those published just after them.
    assert articles[1].related_articles() == [articles[4], articles[3], articles[2], articles[0]]
    assert articles[0].related_articles() == articles[1:5][::-1]
    # A draft never published would be the newest: its preview shows the newest four.
    draft = articles[0].copy(update_attrs={"slug": "a-draft-for-the-rail"}, keep_live=False)
    assert draft.first_published_at is None
    assert draft.related_articles() == articles[4:][::-1]


def test_engagement_area_comes_after_tags_and_before_related(client):
    article = article_with_twin("en")
    doc = soup(client.get(url_of(article)))
    tags, area, related = (
        doc.select_one("nav.tags"),
        doc.select_one("[data-engagement]"),
        doc.select_one("aside.related"),
    )
    assert tags.sourceline < area.sourceline < related.sourceline


def test_no_external_assets(client):
    article = article_with_twin("ar")
    doc = soup(client.get(url_of(article)))
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset")):
        for el in doc.find_all(tag):
            for value in (el.get(attr) or "").replace(",", " ").split():
                if "://" in value:  # canonical/hreflang links name our own host
                    assert value.startswith("http://testserver/"), f"external asset {value}"


def test_section_is_denormalised_and_follows_a_move(client):
    article = article_with_twin("en")
    other = (
        article.section.get_siblings(inclusive=False)
        .type(article.section.__class__)
        .first()
        .specific
    )
    article.move(other, pos="last-child")
    article.refresh_from_db()
    assert article.section_id == other.pk
    assert article.kicker_text == other.title


def test_caption_without_image_is_rejected():
    from django.core.exceptions import ValidationError

    article = article_with_twin("en")
    article.lead_image = None
    with pytest.raises(ValidationError) as err:
        article.full_clean()
    assert "lead_image_caption" in err.value.message_dict
