from bs4 import BeautifulSoup
from django.utils import translation

from nashra.news.models import ArticlePage


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def article_with_twin(lang="en"):
    """A live article in `lang` that has a live translation in the other language."""
    other = "ar" if lang == "en" else "en"
    for article in ArticlePage.objects.live().filter(locale__language_code=lang):
        if article.get_translations().live().filter(locale__language_code=other).exists():
            return article
    raise AssertionError(f"the demo has no {lang} article with a twin")


def arabic_only_article():
    for article in ArticlePage.objects.live().filter(locale__language_code="ar"):
        if not article.get_translations().live().exists():
            return article
    raise AssertionError("the demo has no Arabic-only article")


def url_of(page):
    with translation.override(page.locale.language_code):
        return page.get_url()


def section_with(count, lang="en"):
    """The section of `article_with_twin(lang)`, filled with copies of that article until it
    holds `count` published articles; its published articles, oldest first."""
    article = article_with_twin(lang)
    published = ArticlePage.objects.published().in_section(article.section_id)
    for i in range(count - published.count()):
        copy = article.copy(update_attrs={"slug": f"more-{i}", "title": f"More harbour news {i}"})
        copy.save_revision().publish()
    return list(published.order_by("first_published_at", "pk"))


def rails(section_id):
    """{article id: ids of the articles its related rail shows}, for a section's articles."""
    published = ArticlePage.objects.published().in_section(section_id)
    return {a.pk: [r.pk for r in a.related_articles()] for a in published}
