import json
import uuid
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.blocks import StreamValue

from nashra.engagement.models import Comment, CommentStatus
from nashra.news.front import pins
from nashra.news.front.blocks import FrontLayoutBlock
from nashra.news.front.forms import edition_errors
from nashra.news.models import ArticlePage, HomePage, SectionPage

from .helpers import soup, url_of

pytestmark = pytest.mark.django_db


def _home(lang="en"):
    return HomePage.objects.get(locale__language_code=lang)


def _publish_layout(home, blocks):
    home.layout = json.dumps(
        [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks]
    )
    home.save_revision().publish()
    return HomePage.objects.get(pk=home.pk)


def _published(home):
    return list(ArticlePage.objects.published().descendant_of(home))


def _sections(home):
    return list(SectionPage.objects.live().child_of(home).order_by("path"))


def _front_titles(client, home):
    doc = soup(client.get(url_of(home)))
    return doc, [a.get_text() for a in doc.select(".front .card__headline a")]


def test_demo_fronts_are_laid_out_with_every_kind_of_block(client):
    for lang in ("en", "ar"):
        home = _home(lang)
        kinds = [block["type"] for block in home.layout.raw_data]
        assert set(kinds) == set(FrontLayoutBlock.base_blocks), kinds
        doc, titles = _front_titles(client, home)
        assert doc.select_one(".front-lead .card--lead img")
        assert len(doc.select(".front-top__list .card__image img")) >= 2  # pictures shown
        assert doc.select(".front-latest .card__headline")
        assert doc.select(".front-opinion .card__writer-name")
        assert len(titles) == len(set(titles)), "a story shown twice"


def test_automatic_blocks_show_the_newest_and_earlier_blocks_win(client):
    home = _home()
    articles = _published(home)
    section = _sections(home)[0]
    home = _publish_layout(
        home,
        [
            ("lead", {"source": "automatic", "related_count": 0}),
            ("top_stories", {"source": "automatic", "count": 3}),
            ("section", {"section": section.pk, "count": 8}),
            ("latest", {"count": 3}),
        ],
    )
    blocks = home.front_blocks()
    assert [a.pk for a in blocks[0].stories] == [articles[0].pk]
    assert [a.pk for a in blocks[1].stories] == [a.pk for a in articles[1:4]]
    in_section = [a.pk for a in articles if a.section_id == section.pk]
    shown = {a.pk for b in blocks[:2] for a in b.stories}
    assert [a.pk for a in blocks[2].stories] == [pk for pk in in_section if pk not in shown]
    shown |= {a.pk for a in blocks[2].stories}
    assert [a.pk for a in blocks[3].stories] == [a.pk for a in articles if a.pk not in shown][:3]
    every = [a.pk for b in blocks for a in b.cards]
    assert len(every) == len(set(every))


def test_hand_picked_stories_keep_their_order_and_drop_unpublished_and_other_editions():
    home = _home()
    articles = _published(home)
    other = _published(_home("ar"))[0]
    picked = [articles[5].pk, other.pk, articles[2].pk]
    articles[2].unpublish()
    home = _publish_layout(
        home,
        [
            ("top_stories", {"source": "picked", "stories": picked, "count": 4}),
            ("story_list", {"title": "Picks", "stories": [articles[7].pk, articles[5].pk]}),
        ],
    )
    top, listed = home.front_blocks()
    assert [a.pk for a in top.stories] == [articles[5].pk]
    assert [a.pk for a in listed.stories] == [articles[7].pk]  # shown above: not again


def test_a_pin_leads_its_block_until_it_expires():
    home = _home()
    articles = _published(home)
    oldest = articles[-1]
    until = timezone.now() + timedelta(hours=2)
    home = _publish_layout(
        home,
        [
            (
                "top_stories",
                {
                    "source": "automatic",
                    "count": 3,
                    "pinned": oldest.pk,
                    "pinned_until": until.isoformat(),
                },
            )
        ],
    )
    assert home.front_pins_expire_at == until.replace(microsecond=until.microsecond)
    (block,) = home.front_blocks()
    assert [a.pk for a in block.stories] == [oldest.pk, articles[0].pk, articles[1].pk]
    (later,) = home.front_blocks(now=until + timedelta(seconds=1))
    assert [a.pk for a in later.stories] == [a.pk for a in articles[:3]]
    assert home.front_pin_state() == "pins-0"


def test_an_expired_pin_leaves_the_cached_front(client):
    home = _home()
    oldest = _published(home)[-1]
    until = timezone.now() + timedelta(hours=1)
    home = _publish_layout(
        home,
        [
            ("lead", {"source": "automatic", "related_count": 0}),
            ("top_stories", {"source": "automatic", "count": 2, "pinned": oldest.pk,
                             "pinned_until": until.isoformat()}),
        ],
    )  # fmt: skip
    _doc, titles = _front_titles(client, home)
    assert oldest.title in titles
    assert pins.expire_pins(timezone.now()) == []  # not yet
    _doc, titles = _front_titles(client, home)
    assert oldest.title in titles  # served from the cache
    with mock.patch("django.utils.timezone.now", return_value=until + timedelta(seconds=1)):
        assert [h.pk for h in pins.expire_pins()] == [home.pk]
        assert HomePage.objects.get(pk=home.pk).front_pins_expire_at is None
        _doc, titles = _front_titles(client, home)
    assert oldest.title not in titles


def test_a_cached_front_is_not_reused_past_a_pin_even_unpurged(client):
    home = _home()
    oldest = _published(home)[-1]
    until = timezone.now() + timedelta(hours=1)
    pin = {"source": "automatic", "count": 2, "pinned": oldest.pk}
    home = _publish_layout(home, [("top_stories", {**pin, "pinned_until": until.isoformat()})])
    assert oldest.title in _front_titles(client, home)[1]
    with mock.patch("django.utils.timezone.now", return_value=until + timedelta(seconds=1)):
        from nashra.core import page_cache

        page_cache.purge(paths=[url_of(home)])  # the page, not the front's cached body
        assert oldest.title not in _front_titles(client, home)[1]


def test_the_worker_runs_the_pin_job():
    from nashra.newsroom import jobs

    job = next(j for j in jobs.urgent_jobs() if j.name == "expire_front_pins")
    home = _home("ar")
    until = (timezone.now() + timedelta(hours=1)).replace(microsecond=0)
    story = _published(home)[-1]
    pin = {"source": "automatic", "count": 2, "pinned": story.pk}
    _publish_layout(home, [("section", {**pin, "section": story.section_id,
                                        "pinned_until": until.isoformat()})])  # fmt: skip
    assert job.next_due() == until
    assert job.run(timezone.now()) is None
    assert job.run(until + timedelta(seconds=1)).startswith("1 front page")
    assert job.next_due() is None


def test_publishing_a_story_shown_on_the_front_purges_it(client):
    home = _home()
    picked = _published(home)[-2]
    home = _publish_layout(home, [("story_list", {"title": "Picks", "stories": [picked.pk]})])
    _doc, titles = _front_titles(client, home)
    assert titles == [picked.title]
    picked.title = "A corrected headline on the front"
    picked.save_revision().publish()
    _doc, titles = _front_titles(client, home)
    assert titles == ["A corrected headline on the front"]


def test_empty_layout_is_the_automatic_front_and_lead_story_still_leads(client):
    home = _home()
    home = _publish_layout(home, [])
    articles = _published(home)
    doc, titles = _front_titles(client, home)
    assert titles[0] == articles[0].title
    assert len(doc.select("section.rail")) >= 4
    home.lead_article = articles[-1]
    home.save_revision().publish()
    doc, titles = _front_titles(client, home)
    assert doc.select_one(".front-top__lead h2 a").get_text() == articles[-1].title


def test_most_commented_ranks_by_approved_comments_in_the_window():
    home = _home()
    articles = _published(home)
    Comment.objects.filter(article__in=articles).delete()
    a, b = articles[-1], articles[-3]
    for article, n in ((a, 3), (b, 1)):
        for i in range(n):
            Comment.objects.create(
                article=article, name=f"R{i}", body="Well said.", status=CommentStatus.APPROVED,
                moderated_at=timezone.now(),
            )  # fmt: skip
    Comment.objects.create(article=articles[-2], name="P", body="Hm.", status=CommentStatus.PENDING)
    home = _publish_layout(home, [("most_commented", {"count": 5, "days": 7})])
    (block,) = home.front_blocks()
    assert [x.pk for x in block.stories] == [a.pk, b.pk]


def test_block_input_is_validated_in_the_admins_language():
    block = FrontLayoutBlock().child_blocks["top_stories"]
    with translation.override("ar"):
        with pytest.raises(Exception) as caught:
            block.clean(block.to_python({"source": "picked", "stories": [], "count": 99}))
        errors = caught.value.block_errors
        assert set(errors) >= {"stories", "count"}
        assert "قصة" in " ".join(errors["stories"].messages)


def test_a_story_of_the_other_edition_is_refused_in_the_admins_language():
    home = _home()
    other = _published(_home("ar"))[0]
    own = _published(home)[0]
    raw = [
        {"type": "story_list", "value": {"title": "x", "stories": [own.pk]}, "id": "a"},
        {"type": "top_stories", "value": {"source": "automatic", "count": 3,
                                          "pinned": other.pk}, "id": "b"},
    ]  # fmt: skip
    layout = StreamValue(FrontLayoutBlock(), raw, is_lazy=True)
    with translation.override("ar"):
        error = edition_errors(home.locale_id, layout)
        assert set(error.block_errors) == {1}
        message = error.block_errors[1].block_errors["pinned"].messages[0]
    assert other.title in message and "نسخة أخرى" in message
    assert (
        edition_errors(
            _home("ar").locale_id, StreamValue(FrontLayoutBlock(), raw[1:], is_lazy=True)
        )
        is None
    )


# What every kind of block costs together: whether any page is private (one probe), the
# hand-picked stories checked, the newest of the edition, of the sections and of the opinion
# pieces, the most-commented ranking, the lead stories' sections, the cards with their
# images, renditions, bylines, writers' photos and their renditions, the sections named; and
# the comment counts of every card.
FRONT_QUERIES = 15


def _block_queries(home):
    from nashra.engagement.presenters import comment_counts

    with CaptureQueriesContext(connection) as captured:
        blocks = home.front_blocks()
        comment_counts([a for b in blocks for a in b.cards])
    return len(captured.captured_queries)


def _render_queries(client, home):
    from django.core.cache import cache

    client.get(url_of(home))  # renditions made once, the edition's navigation read
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url_of(home))
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_front_renders_in_a_fixed_number_of_queries(client):
    home = _home()
    sections = _sections(home)
    picked = [a.pk for a in _published(home)[-4:]]

    def layout(times, count):
        blocks = []
        for i in range(times):
            blocks += [
                ("lead", {"source": "automatic", "related_count": 2}),
                ("top_stories", {"source": "automatic", "count": count}),
                ("section", {"section": sections[i].pk, "count": count}),
                ("opinion", {"source": "automatic", "count": 2}),
                ("latest", {"count": count}),
                ("most_commented", {"count": count}),
                ("story_list", {"title": "Picks", "stories": picked[i * 2 : i * 2 + 2]}),
            ]
        return blocks

    small_home = _publish_layout(home, layout(1, 2))
    small = _render_queries(client, small_home)
    small_blocks = _block_queries(small_home)
    small_shown = len(_front_titles(client, small_home)[1])
    large_home = _publish_layout(home, layout(2, 6))
    large = _render_queries(client, large_home)
    large_blocks = _block_queries(large_home)
    assert (small_blocks, large_blocks) == (FRONT_QUERIES, FRONT_QUERIES)
    shown = len(_front_titles(client, large_home)[1])
    assert shown > small_shown  # more stories and blocks shown ...
    assert large == small  # ... for the same number of queries


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_listing_cards_follow_the_page_heading_without_a_jump(client, lang):
    section = _sections(_home(lang))[0]
    doc = soup(client.get(url_of(section)))
    assert doc.select(".article-list h2.card__headline")
    assert not doc.select(".article-list h3")
    levels = [int(h.name[1]) for h in doc.select("main h1, main h2, main h3, main h4")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_a_section_of_the_other_edition_is_refused_and_never_shown(client):
    home = _home()
    foreign = _sections(_home("ar"))[0]
    raw = [{"type": "section", "value": {"section": foreign.pk, "count": 3}, "id": "s"}]
    with translation.override("ar"):
        error = edition_errors(home.locale_id, StreamValue(FrontLayoutBlock(), raw, is_lazy=True))
        message = error.block_errors[0].block_errors["section"].messages[0]
    assert foreign.title in message and "قسم" in message
    # Stored anyway (an old revision, the API): the block is left out, not a foreign heading.
    home = _publish_layout(home, [("section", {"section": foreign.pk, "count": 3})])
    assert home.front_blocks() == []
    assert foreign.url not in client.get(url_of(home)).content.decode()


def test_a_block_of_an_unpublished_section_is_left_out(client):
    home = _home()
    own, kept = _sections(home)[:2]
    home = _publish_layout(
        home,
        [
            ("section", {"section": own.pk, "count": 3}),
            ("section", {"section": kept.pk, "count": 3}),
        ],
    )
    own.unpublish()
    blocks = home.front_blocks()
    assert [b.section.pk for b in blocks] == [kept.pk]
    doc = soup(client.get(url_of(home)))
    assert all(h.get_text(strip=True) for h in doc.select(".front h2"))  # no empty heading


def test_the_pin_job_keeps_an_expiry_an_editor_set_meanwhile():
    home = _home()
    past = timezone.now() - timedelta(minutes=1)
    HomePage.objects.filter(pk=home.pk).update(front_pins_expire_at=past)
    editors = timezone.now() + timedelta(hours=3)

    def editor_publishes_meanwhile(raw, now=None):
        HomePage.objects.filter(pk=home.pk).update(front_pins_expire_at=editors)
        return None

    with mock.patch.object(pins, "next_pin_expiry", editor_publishes_meanwhile):
        pins.expire_pins()
    assert HomePage.objects.get(pk=home.pk).front_pins_expire_at == editors
