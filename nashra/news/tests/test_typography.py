"""Arabic typography that does not depend on the reader's device: the self-hosted faces, their
preload and policy, and each edition's digits in dates, times and counters (while the
machine-readable copies keep ISO Western digits)."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.templatetags.static import static
from django.test import override_settings

from nashra.core import digits
from nashra.core.management.commands import core_build_fonts
from nashra.engagement.models import Comment
from nashra.news.models import ArticlePage, HomePage
from nashra.news.tests.helpers import section_with, soup, url_of

pytestmark = pytest.mark.django_db

ARABIC_INDIC = re.compile(r"[٠-٩]")
WESTERN = re.compile(r"[0-9]")
SITE_CSS = Path(settings.PROJECT_DIR) / "static" / "css" / "site.css"


def set_digits(lang, system):
    """As an editor does: the setting on the edition's home page, published."""
    home = HomePage.objects.get(locale__language_code=lang, depth=2)
    home.digits = system
    home.save_revision().publish()


def arabic_article():
    return ArticlePage.objects.live().filter(locale__language_code="ar").first()


def text(node):
    return node.get_text(" ", strip=True)


def test_editions_start_with_western_digits(client):
    assert {h.digits for h in HomePage.objects.all()} == {digits.WESTERN}
    doc = soup(client.get(url_of(arabic_article())))
    assert WESTERN.search(text(doc.select_one(".dateline time")))
    assert not ARABIC_INDIC.search(text(doc.select_one("main")))


def test_arabic_indic_dates_and_times_keep_machine_readable_copies(client):
    set_digits("ar", digits.ARABIC_INDIC)
    article = arabic_article()
    doc = soup(client.get(url_of(article)))
    published = doc.select_one(".dateline time")
    assert ARABIC_INDIC.search(text(published)) and not WESTERN.search(text(published))
    # The datetime attribute and JSON-LD stay ISO 8601 with Western digits and an offset.
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", published["datetime"])
    for script in doc.select('script[type="application/ld+json"]'):
        data = script.string
        assert not ARABIC_INDIC.search(data)
        assert re.search(r'"datePublished": ?"\d{4}-', data) or "datePublished" not in data
        json.loads(data)
    # Feeds too.
    feed = client.get("/ar/feeds/latest/")
    if feed.status_code == 200:
        assert not ARABIC_INDIC.search(feed.content.decode())


def test_the_setting_is_per_edition(client):
    set_digits("ar", digits.ARABIC_INDIC)
    en = ArticlePage.objects.live().filter(locale__language_code="en").first()
    doc = soup(client.get(url_of(en)))
    assert not ARABIC_INDIC.search(text(doc.select_one("main")))


def test_changing_the_setting_purges_the_editions_cached_pages(client):
    article = arabic_article()
    url = url_of(article)
    assert not ARABIC_INDIC.search(text(soup(client.get(url)).select_one(".dateline")))
    assert not ARABIC_INDIC.search(text(soup(client.get("/ar/")).select_one("main")))
    set_digits("ar", digits.ARABIC_INDIC)
    assert ARABIC_INDIC.search(text(soup(client.get(url)).select_one(".dateline")))
    front = soup(client.get("/ar/")).select_one(".card__meta time")
    assert ARABIC_INDIC.search(text(front)) and not WESTERN.search(text(front))
    set_digits("ar", digits.WESTERN)
    assert not ARABIC_INDIC.search(text(soup(client.get(url)).select_one(".dateline")))


def _approve_comments(article, n):
    for i in range(n):
        Comment.objects.create(
            article=article,
            name="R",
            email="r@example.org",
            body=f"comment {i}",
            status="approved",
            language=article.locale.language_code,
        )


@pytest.mark.parametrize("system", [digits.WESTERN, digits.ARABIC_INDIC])
def test_counters_follow_the_setting(client, system):
    set_digits("ar", system)
    articles = section_with(14, lang="ar")  # two pages of the section listing
    newest = articles[-1]
    Comment.objects.filter(article=newest).delete()
    _approve_comments(newest, 12)
    wanted, other = (
        (ARABIC_INDIC, WESTERN) if system == digits.ARABIC_INDIC else (WESTERN, ARABIC_INDIC)
    )

    listing = soup(client.get(url_of(newest.section)))
    count = text(listing.select_one(f'a.card__comments[href^="{url_of(newest)}"]'))
    assert wanted.search(count) and not other.search(count)
    pages = text(listing.select_one('.pagination [aria-current="page"]'))
    assert wanted.search(pages) and not other.search(pages)
    # Links keep ?page=2.
    assert listing.select_one('.pagination a[rel="next"]')["href"].endswith("?page=2")

    area = soup(client.get(url_of(newest))).select_one(".comments__count")
    assert wanted.search(text(area)) and not other.search(text(area))

    log = soup(client.get("/ar/corrections/"))
    for time in log.select("ol.corrections-log time"):
        assert not other.search(text(time)) and WESTERN.search(time["datetime"])


def test_reaction_tally_and_search_count_in_arabic_indic(client):
    from nashra.engagement.tests.helpers import ORIGIN, vote_url

    set_digits("ar", digits.ARABIC_INDIC)
    article = arabic_article()
    thanks = client.post(vote_url(article), {"value": "yes"}, **ORIGIN)["Location"]
    status = text(soup(client.get(thanks)).select_one(".reaction__status"))
    assert "١٠٠٪" in status and not WESTERN.search(status)

    # A word in several headlines: Arabic says "one article" in words, three in digits.
    titles = ArticlePage.objects.live().filter(locale__language_code="ar").values_list("title")
    words = Counter(w for (title,) in titles for w in set(title.split()) if len(w) > 3)
    word, times = words.most_common(1)[0]
    assert times >= 3
    count = text(soup(client.get("/ar/search/", {"q": word})).select_one(".search-count"))
    assert ARABIC_INDIC.search(count) and not WESTERN.search(count)


def test_the_tally_the_script_shows_after_a_vote_uses_the_editions_digits(client):
    from nashra.engagement.tests.helpers import ORIGIN, vote_url

    set_digits("ar", digits.ARABIC_INDIC)
    ar, en = arabic_article(), ArticlePage.objects.live().filter(locale__language_code="en")[0]
    xhr = {"HTTP_ACCEPT": "application/json"}
    sentence = client.post(vote_url(ar), {"value": "yes"}, **ORIGIN, **xhr).json()["tally"]
    assert ARABIC_INDIC.search(sentence["sentence"]) and not WESTERN.search(sentence["sentence"])
    assert sentence["total"] == 1  # the numbers themselves stay numbers
    english = client.post(vote_url(en), {"value": "yes"}, **ORIGIN, **xhr).json()["tally"]
    assert WESTERN.search(english["sentence"]) and not ARABIC_INDIC.search(english["sentence"])


def test_times_show_the_zone_and_keep_the_offset_in_datetime(client):
    with override_settings(TIME_ZONE="Asia/Amman"):
        article = ArticlePage.objects.live().filter(locale__language_code="en").first()
        doc = soup(client.get(url_of(article)))
        published = doc.select_one(".dateline time")
        assert re.search(r"\d\d:\d\d GMT\u2066\+3\u2069$", published.get_text())
        assert published["datetime"].endswith("+03:00")
        ar = soup(client.get(url_of(arabic_article()))).select_one(".dateline time")
        assert "بتوقيت غرينتش \u2066+3\u2069" in ar.get_text()
        assert ar["datetime"].endswith("+03:00")


@pytest.mark.parametrize(
    ("lang", "face", "other"),
    [("ar", "nashra-naskh-regular", "nashra-serif"), ("en", "nashra-serif-regular", "naskh")],
)
def test_the_page_preloads_only_its_languages_regular_face(client, lang, face, other):
    doc = soup(client.get(f"/{lang}/"))
    preloads = doc.select('head link[rel="preload"][as="font"]')
    assert [link["href"] for link in preloads] == [static(f"fonts/{face}.woff2")]
    link = preloads[0]
    assert link["type"] == "font/woff2" and link.has_attr("crossorigin")
    assert finders.find(f"fonts/{face}.woff2")
    # Next to the stylesheet, so the two requests start together.
    assert link.find_next_sibling("link")["rel"] == ["stylesheet"]


def test_every_font_face_points_at_a_shipped_file_with_the_build_scripts_ranges():
    css = SITE_CSS.read_text()
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    # Each face twice: swapped in for the page's own script, optional as the "Inline" family
    # for the other script's words (never swapped in late: no layout shift).
    assert len(faces) == 14
    ranges = {
        "Nashra Naskh": core_build_fonts.ARABIC_RANGE,
        "Nashra Serif": core_build_fonts.LATIN_RANGE,
    }
    for face in faces:
        (url,) = re.findall(r'url\("\.\./fonts/([^"]+)"\)', face)
        assert (SITE_CSS.parent.parent / "fonts" / url).stat().st_size > 5000
        family = re.search(r'font-family: "([^"]+)"', face).group(1)
        if family.endswith(" Inline"):
            assert "font-display: optional" in face
            family = family.removesuffix(" Inline")
        else:
            assert "font-display: swap" in face
        declared = re.search(r"unicode-range: ([^;]+);", face).group(1)
        if "font-style: italic" in face and family == "Nashra Naskh":
            # The upright Arabic face standing in for italic: Arabic letters only.
            assert set(declared.split(", ")) <= set(ranges[family].split(", "))
        else:
            assert declared == ranges[family]
    assert (SITE_CSS.parent.parent / "fonts" / "OFL.txt").read_text().count("Open Font") >= 1


def test_font_sizes_stay_small():
    fonts = SITE_CSS.parent.parent / "fonts"
    sizes = {p.name: p.stat().st_size for p in fonts.glob("*.woff2")}
    assert len(sizes) == 5
    assert all(size < 25_000 for size in sizes.values()), sizes


@pytest.mark.parametrize("weight", ["regular", "bold"])
def test_the_arabic_subset_can_shape_arabic_and_its_digits_sit_with_the_letters(weight):
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    font = TTFont(SITE_CSS.parent.parent / "fonts" / f"nashra-naskh-{weight}.woff2")
    assert font["name"].getDebugName(1) == "Nashra Naskh"
    assert "fpgm" not in font  # unhinted
    cmap = font.getBestCmap()
    wanted = [*range(0x0621, 0x064B), *range(0x064B, 0x0653), *range(0x0660, 0x066A)]
    wanted += [ord(c) for c in "،؛؟«»٪0123456789%"]
    assert not [hex(code) for code in wanted if code not in cmap]
    features = {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina", "rlig", "liga"} <= features
    assert {"mark", "mkmk"} <= {r.FeatureTag for r in font["GPOS"].table.FeatureList.FeatureRecord}
    glyphs = font.getGlyphSet()

    def top(char):
        pen = BoundsPen(glyphs)
        glyphs[cmap[ord(char)]].draw(pen)
        return pen.bounds[3]

    assert top("1") < top("ا") and abs(top("1") - top("١")) < 40


def test_collectstatic_hashes_the_fonts_and_the_css_points_at_them(tmp_path, client):
    storage = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storage):
        call_command("collectstatic", "--noinput", verbosity=0)
        css_name = static("css/site.css")
        assert re.search(r"site\.[0-9a-f]{12}\.css$", css_name)
        css = (tmp_path / css_name.removeprefix(settings.STATIC_URL)).read_text()
        urls = re.findall(r'url\("([^"]+\.woff2)"\)', css)
        assert len(urls) == 14  # each face twice (swap, and optional as "Inline")
        for url in urls:
            assert re.search(r"\.[0-9a-f]{12}\.woff2$", url), url
            assert (tmp_path / "css" / url).resolve().is_file()
        for lang in ("ar", "en"):
            href = soup(client.get(f"/{lang}/")).select_one('link[rel="preload"]')["href"]
            assert re.search(r"\.[0-9a-f]{12}\.woff2$", href)
            assert (tmp_path / href.removeprefix(settings.STATIC_URL)).is_file()


def test_the_policy_allows_fonts_from_this_site_only(client):
    policy = client.get("/en/").headers["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
    )
    assert directives["font-src"] == "'self'"
