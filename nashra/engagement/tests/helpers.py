import base64
import json

import altcha
from django.utils import translation

from nashra.engagement.captcha import new_pow_challenge
from nashra.news.models import ArticlePage

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
JSON = {"HTTP_ACCEPT": "application/json"}


def solve(challenge):
    solution = altcha.solve_challenge_v1(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxnumber"], 0
    )
    payload = {
        "algorithm": challenge["algorithm"],
        "challenge": challenge["challenge"],
        "number": solution.number,
        "salt": challenge["salt"],
        "signature": challenge["signature"],
    }
    return base64.b64encode(json.dumps(payload).encode()).decode()


def pow_for(article):
    return solve(new_pow_challenge(f"comment:{article.pk}"))


def article(lang="en"):
    return ArticlePage.objects.live().filter(locale__language_code=lang).order_by("pk").first()


def comment_url(article_page):
    return f"/{article_page.locale.language_code}/engagement/articles/{article_page.pk}/comment/"


def vote_url(article_page):
    return f"/{article_page.locale.language_code}/engagement/articles/{article_page.pk}/reaction/"


def page_url(page):
    with translation.override(page.locale.language_code):
        return page.get_url()
