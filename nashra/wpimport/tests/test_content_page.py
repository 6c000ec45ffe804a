"""Converted bodies are valid StreamField values: a page saves, publishes and renders them."""

import pytest

from nashra.images.models import NashraImage
from nashra.news.models import ArticlePage
from nashra.news.tests.helpers import article_with_twin, soup, url_of
from nashra.wpimport.content import ConversionContext, convert_body

pytestmark = pytest.mark.django_db

SITE = "https://old.example.com"

POST = """<!-- wp:paragraph -->
<p>The <strong>harbour</strong> reopened; see <a href="https://old.example.com/?p=7">our report</a>
and <a href="https://old.example.com/not-yet/">this one</a>.</p>
<!-- /wp:paragraph -->

<!-- wp:heading --><h2>What changed</h2><!-- /wp:heading -->

<!-- wp:image {"id":101} --><figure class="wp-block-image"><img src="a.jpg" alt="Cranes at work"
class="wp-image-101"/><figcaption>Cranes at the quay. Photo: Rami Haddad/Nashra</figcaption>
</figure><!-- /wp:image -->

<!-- wp:gallery {"ids":[101,102]} --><figure class="wp-block-gallery"></figure><!-- /wp:gallery -->

<!-- wp:quote --><blockquote><p>We are open.</p><cite>The port authority</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:table --><figure class="wp-block-table"><table><thead><tr><th>Berth</th><th>Ships</th>
</tr></thead><tbody><tr><td>North</td><td>4</td></tr></tbody></table>
<figcaption>Ships by berth</figcaption></figure><!-- /wp:table -->

<!-- wp:separator --><hr/><!-- /wp:separator -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc"} --><figure></figure><!-- /wp:embed -->

<!-- wp:list --><ul><li>One</li><li>Two</li></ul><!-- /wp:list -->

<!-- wp:acme/poll {"id":3} --><div class="poll" onclick="vote()">Vote <b>now</b><script>x()</script>
</div><!-- /wp:acme/poll -->

<!-- wp:shortcode -->[contact-form-7 id="9"]<!-- /wp:shortcode -->
"""


def test_a_converted_post_saves_publishes_and_renders(client):
    target = article_with_twin("ar")
    first, second = NashraImage.objects.exclude(pk=target.lead_image_id)[:2]
    first.photographer = first.agency = ""
    first.save()
    ctx = ConversionContext(
        resolve_link=lambda url: target.pk if url == f"{SITE}/?p=7" else None,
        resolve_attachment=lambda wp_id: {101: first, 102: second}.get(wp_id),
        site_url=SITE,
    )
    result = convert_body(POST, ctx)
    assert [kind for kind, _ in result.blocks] == [
        "paragraph",
        "subheading",
        "image",
        "gallery",
        "quote",
        "table",
        "separator",
        "embed",
        "paragraph",
        "legacy_html",
        "legacy_html",
    ]
    assert result.unknown_blocks == {"acme/poll": 1}
    assert result.unknown_shortcodes == {"contact-form-7": 1}
    assert (result.legacy_html, result.unresolved_links) == (2, 1)

    article = article_with_twin("en")
    article.body = result.blocks
    article.body.stream_block.clean(article.body)  # what the editor's form would accept
    article.save_revision().publish()
    article = ArticlePage.objects.get(pk=article.pk)
    assert [block.block_type for block in article.body][:4] == [
        "paragraph",
        "subheading",
        "image",
        "gallery",
    ]

    response = client.get(url_of(article))
    assert response.status_code == 200
    body = soup(response).select_one(".article__body")
    link = body.find("a", string="our report")
    assert link["href"] == url_of(target) or link["href"].endswith(
        target.url_path.split("/", 2)[-1]
    )
    assert body.find("a", string="this one")["href"] == f"{SITE}/not-yet/"
    figure = body.select_one("figure.body-figure")
    assert figure.select_one("img")["alt"] == "Cranes at work"
    assert figure.select_one(".caption").get_text() == "Cranes at the quay."
    assert figure.select_one(".credit").get_text() == "[Rami Haddad/Nashra]"
    assert len(body.select(".body-gallery figure")) == 2
    assert body.select_one(".quote cite").get_text() == "The port authority"
    assert body.select_one(".body-table caption").get_text() == "Ships by berth"
    assert body.select_one("hr.body-separator")
    assert body.select_one(".embed-card a")["href"] == "https://www.youtube.com/watch?v=abc"
    assert [li.get_text() for li in body.select("ul li")][:2] == ["One", "Two"]
    legacy = body.select(".legacy-html")
    assert legacy[0].select_one("b").get_text() == "now" and "script" not in str(legacy[0])
    assert "[contact-form-7" in legacy[1].get_text()

    first.refresh_from_db()
    assert (first.photographer, first.agency) == ("Rami Haddad", "Nashra")


def test_a_caption_credit_never_replaces_the_images_own():
    image = NashraImage.objects.exclude(photographer="").first()
    before = (image.photographer, image.agency)
    ctx = ConversionContext(resolve_attachment=lambda wp_id: image)
    result = convert_body(
        '[caption id="attachment_1"]<img src="a.jpg"> Quay [Someone Else/Agency][/caption]', ctx
    )
    assert result.blocks[0][1]["caption"] == "Quay"
    image.refresh_from_db()
    assert (image.photographer, image.agency) == before
