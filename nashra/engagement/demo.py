"""Demo engagement: the comment policy in both languages, word-filter rules, a few comments.

Idempotent like the news demo: the policy page is found by slug, rules by term, comments by
their submission token.
"""

from datetime import timedelta

from django.db import transaction
from wagtail.models import Locale

from nashra.news.models import ArticlePage, HomePage

from .models import Comment, CommentPolicyPage, CommentStatus, PolicyClause, WordFilterRule
from .signals import comments_changed

POLICY = {
    "en": {
        "title": "Comment policy",
        "intro": "<p>Comments are for discussing the story. A moderator reads every comment "
        "before it appears, and each rejection cites the clause below that it breaks.</p>",
        "clauses": [
            ("Stay on the story", "Comments must be about the article they are posted under."),
            ("Respect people", "No insults, threats, or attacks on a person or a group."),
            ("No hate or incitement", "Nothing that incites violence or hatred, in any language."),
            ("Be truthful", "Do not present rumours as facts; give a source for claims."),
            ("No spam or advertising", "No repeated posts, promotions or links to sell things."),
            ("Privacy", "Do not publish other people's personal details."),
        ],
    },
    "ar": {
        "title": "سياسة التعليقات",
        "intro": "<p>التعليقات مساحة لمناقشة الخبر. يقرأ مشرفٌ كلَّ تعليق قبل ظهوره، وكلُّ رفضٍ "
        "يستند إلى بندٍ من البنود أدناه.</p>",
        "clauses": [
            ("الالتزام بموضوع الخبر", "يجب أن يتناول التعليق المقال المنشور تحته."),
            ("احترام الناس", "لا شتائم ولا تهديدات ولا تهجّم على شخص أو جماعة."),
            ("لا للكراهية والتحريض", "لا ننشر ما يحرّض على العنف أو الكراهية بأي لغة."),
            ("الصدق", "لا تقدّم الشائعات على أنها حقائق، واذكر مصدر ما تقوله."),
            ("لا للرسائل المزعجة والإعلانات", "لا تعليقات مكررة ولا ترويج ولا روابط بيع."),
            ("الخصوصية", "لا تنشر البيانات الشخصية للآخرين."),
        ],
    },
}

WORD_RULES = [
    ("en", "idiot", "insult"),
    ("en", "buy now", "spam"),
    ("ar", "غبي", "شتيمة"),
    ("ar", "أحمق", "شتيمة"),
]

COMMENTS = [
    # (language, key, name, body, reply_to_key, staff, minutes after the article was published)
    (
        "en",
        "c1",
        "Karim",
        "The port cameras were promised two years ago. Good to see a date "
        "at last, but who will see the footage?",
        None,
        False,
        12,
    ),
    (
        "en",
        "c2",
        "Nashra desk",
        "The interior ministry told us footage is kept for 30 days and "
        "only the port police can view it. We will follow up.",
        "c1",
        True,
        31,
    ),
    (
        "en",
        "c3",
        "سلمى",
        "مقال مفيد، شكرًا. I hope the English edition follows this story too.",
        None,
        False,
        44,
    ),
    ("ar", "c4", "أبو يوسف", "الكاميرات وحدها لا تكفي، نحتاج إلى دوريات في الليل.", None, False, 9),
    (
        "ar",
        "c5",
        "Jane D.",
        "Good reporting — the numbers match what we hear at the harbour.",
        None,
        False,
        27,
    ),
]


def _ensure_policy(lang):
    home = HomePage.objects.filter(locale__language_code=lang).first()
    if home is None:
        return None
    page = CommentPolicyPage.objects.child_of(home).filter(slug="comment-policy").first()
    if page is not None:
        return page
    data = POLICY[lang]
    en_page = CommentPolicyPage.objects.filter(slug="comment-policy").first()
    page = CommentPolicyPage(
        title=data["title"],
        slug="comment-policy",
        intro=data["intro"],
        locale=Locale.objects.get(language_code=lang),
    )
    if en_page is not None:
        page.translation_key = en_page.translation_key
    page.clauses = [
        PolicyClause(number=i + 1, title=title, text=text, sort_order=i)
        for i, (title, text) in enumerate(data["clauses"])
    ]
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def load(dated=False):
    """`dated`: post each comment minutes after its article was published (the demo command,
    whose articles are re-dated on every run), also re-dating those an earlier run made."""
    for lang in ("en", "ar"):
        _ensure_policy(lang)
    for language, term, note in WORD_RULES:
        WordFilterRule.objects.get_or_create(language=language, term=term, defaults={"note": note})
    created = {}
    for language, key, name, body, reply_to, staff, minutes in COMMENTS:
        article = (
            ArticlePage.objects.live()
            .filter(locale__language_code=language)
            .order_by("-first_published_at")
            .first()
        )
        token = f"demo-{key}"
        comment = Comment.objects.filter(submission_token=token).first()
        if comment is None and article is not None:
            comment = Comment.objects.create(
                article=article,
                parent=created.get(reply_to),
                name=name,
                email=f"{key}@example.org",
                body=body,
                language=language,
                status=CommentStatus.APPROVED,
                is_staff_reply=staff,
                submission_token=token,
            )
        created[key] = comment
        if dated and comment is not None:
            posted = comment.article.first_published_at + timedelta(minutes=minutes)
            # Shown as posted then; approved by a moderator a few minutes later.
            Comment.objects.filter(pk=comment.pk).update(
                created_at=posted, moderated_at=posted + timedelta(minutes=3)
            )
    if dated:
        # What articles show of their comments (counts, threads) is cached with them.
        comments_changed.send(
            sender=Comment,
            article_ids=sorted({c.article_id for c in created.values() if c is not None}),
        )
