"""Loads the demo edition: locales, both home pages, sections, authors, articles, pictures.

Running it again creates nothing twice: every page is looked up by its place in the tree
(parent and slug) before it is created, and every picture by its title.

The articles carry a scripted calendar of five weeks (content.py). Loaded with `loaded_at` (as
`manage.py news_load_demo` does), the calendar is moved and run at PACE times its speed so
that the newest article was published an hour before that moment and the next ones in the
hours and days before it, as on a news site's front page; a later run dates it again: a demo
loaded a week ago looks fresh after `make demo`, and the Google News sitemap (the last two
days) is never empty. Without it (the test suite) the scripted dates are kept, so tests
stay deterministic.
"""

import json
import secrets
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from nashra.core import cache_contract, page_cache
from nashra.images.models import NashraImage
from nashra.news.models import (
    ArticleAuthor,
    ArticleCorrection,
    ArticlePage,
    AuthorIndexPage,
    AuthorPage,
    HomePage,
    SectionPage,
    StandardPage,
)

from ..corrections_log import POLICY_SLUG
from ..corrections_log import ROUTE as CORRECTIONS_ROUTE
from . import content
from .pictures import draw_picture, draw_portrait

LANGUAGES = ("en", "ar")
# How long before loading the newest demo article was published.
NEWEST_AGE = timedelta(hours=1)
# Loaded with a moment, the scripted calendar runs this many times faster: five weeks of
# stories fit in nine days, so a handful of them are from the last two days.
PACE = 4
# The plain pages under each home: (content key, slug); the first three are footer links.
FOOTER_PAGES = (
    ("about", "about"),
    ("privacy", "privacy"),
    ("contact", "contact"),
    ("corrections", POLICY_SLUG),
)
NAMESPACE = uuid.UUID("6f1d8a53-3b7e-4c54-9d8e-2f4d1c0a7b11")

EDITION = {
    "en": {
        "home_title": "Nashra",
        "home_slug": "home",
        "tagline": "News from Marsa Zahra and the coast, in Arabic and English",
        "authors_title": "Our writers",
        "authors_intro": "The reporters, editors and columnists of Nashra.",
        "about_title": "About Nashra",
        "about_intro": "Nashra is an independent newsroom publishing in Arabic and English.",
        "corrections_title": "Corrections policy",
        "corrections_intro": "We correct errors quickly and in the open.",
        "corrections_body": [
            "When we get something wrong, we fix the article and add a dated correction note "
            "below it saying what was wrong and what is right. We do not silently change facts.",
            "Readers can report errors to the desk; an editor answers every report within two "
            "working days.",
        ],
        "corrections_log_link": "Every correction and clarification we have published",
        "about_body": [
            "We report on security, politics, the economy and everyday life along the coast. "
            "Every story is checked by a second editor before it is published, and every "
            "correction is dated and shown on the article it concerns.",
            "This site runs without advertising trackers or third-party scripts. What you read "
            "here is not shared with anyone.",
        ],
        "privacy_title": "Privacy notice",
        "privacy_intro": "What Nashra stores about its readers, why, and for how long.",
        "privacy_body": [
            "Reading Nashra needs no account and sets no cookie. We use no advertising, no "
            "analytics service and no third-party scripts, fonts or images: every page, font "
            "and picture comes from our own server, and nothing you read is shared with "
            "anyone.",
            "When you react to an article or post a comment, your browser keeps a cookie named "
            "nashra_reader for a year. It holds a random number, signed by us, so that you can "
            "change your vote and see your own comments awaiting moderation. It says nothing "
            "about who you are.",
            "Comments keep the name, e-mail address and text you send, the article and the "
            "time. Your e-mail address is never shown to readers; we use it only to write to "
            "you about your comment. Comments stay as long as the article they belong to, "
            "unless you ask us to delete them.",
            "We never store your network address. To stop abuse, comments and votes keep a "
            "keyed fingerprint of it that changes every day, so that one day's cannot be "
            "linked to the next; after 30 days it is erased from them. Votes keep only that, "
            "the random number from the cookie, whether you liked the article and when. A "
            "flag you raise on a comment keeps the number and that day's fingerprint, so that "
            "each reader counts once.",
            "The spam check on the comment form is a small puzzle your browser solves, or a "
            "picture of letters, served by us. Its records are deleted within a day.",
            "Our server may record technical logs (time, page requested, network address) to "
            "keep the site running and secure. They are kept only briefly and never used to "
            "follow readers. Staff who sign in to edit the site get a session cookie and a "
            "security (CSRF) cookie; readers do not.",
        ],
        "privacy_form_link": "Ask for a copy of your comments, or for their deletion",
        "contact_title": "Contact us",
        "contact_intro": "How to reach the Nashra newsroom.",
        "contact_body": [
            "News tips and story ideas: tips@nashra.example. Tell us what you know and how "
            "to reach you; we protect our sources.",
            "Errors in an article: corrections@nashra.example. An editor answers every "
            "report within two working days.",
            "Comments and moderation: community@nashra.example.",
            "Our newsroom: 12 Harbour Street, Marsa Zahra. We answer in Arabic or English.",
        ],
    },
    "ar": {
        "home_title": "نشرة",
        "home_slug": "home-ar",
        "tagline": "أخبار مرسى الزهرة والساحل بالعربية والإنجليزية",
        "authors_title": "كتّابنا",
        "authors_intro": "مراسلو «نشرة» ومحرروها وكتّاب الرأي فيها.",
        "about_title": "عن «نشرة»",
        "about_intro": "«نشرة» غرفة أخبار مستقلة تنشر بالعربية والإنجليزية.",
        "corrections_title": "سياسة التصحيح",
        "corrections_intro": "نصحّح أخطاءنا بسرعة وعلنًا.",
        "corrections_body": [
            "حين نخطئ نصحّح المقال ونضيف تحته ملاحظة مؤرّخة توضح الخطأ والصواب، ولا نغيّر "
            "الوقائع بصمت.",
            "يمكن للقرّاء الإبلاغ عن الأخطاء، ويردّ محرّر على كل بلاغ خلال يومَي عمل.",
        ],
        "corrections_log_link": "كل التصحيحات والتوضيحات التي نشرناها",
        "about_body": [
            "نغطي الأمن والسياسة والاقتصاد والحياة اليومية على امتداد الساحل. يراجع كلَّ خبر "
            "محررٌ ثانٍ قبل نشره، ويُؤرَّخ كل تصحيح ويُعرض في المقال الذي يخصه.",
            "يعمل هذا الموقع بلا متتبعات إعلانية ولا نصوص برمجية من أطراف ثالثة، ولا نشارك ما "
            "تقرؤونه هنا مع أحد.",
        ],
        "privacy_title": "إشعار الخصوصية",
        "privacy_intro": "ما تحفظه «نشرة» عن قرّائها، ولماذا، وإلى متى.",
        "privacy_body": [
            "لا تحتاج قراءة «نشرة» إلى حساب، ولا تضع أي ملف تعريف ارتباط (كوكي). لا نستخدم "
            "إعلانات ولا خدمات إحصاء ولا نصوصًا برمجية أو خطوطًا أو صورًا من أطراف ثالثة: كل "
            "صفحة وخط وصورة تأتي من خادمنا، ولا نشارك ما تقرؤونه مع أحد.",
            "حين تتفاعل مع مقال أو تنشر تعليقًا، يحفظ متصفحك ملف ارتباط اسمه nashra_reader لمدة "
            "سنة. يحمل رقمًا عشوائيًا موقّعًا منّا، لتتمكن من تغيير تصويتك ورؤية تعليقاتك التي "
            "تنتظر المراجعة، ولا يكشف شيئًا عن هويتك.",
            "نحفظ مع كل تعليق الاسم والبريد الإلكتروني والنص الذي ترسله، والمقال والوقت. لا "
            "يظهر بريدك للقرّاء أبدًا، ولا نستخدمه إلا لمراسلتك بشأن تعليقك. تبقى التعليقات "
            "ما بقي المقال، إلا إذا طلبت حذفها.",
            "لا نحفظ عنوان شبكتك أبدًا. ولمنع الإساءة، تحمل التعليقات والأصوات بصمة مشفّرة منه "
            "تتغير كل يوم، فلا يمكن ربط يوم بآخر، وتُمحى منها بعد ثلاثين يومًا. ولا يحفظ "
            "التصويت غير ذلك إلا الرقم العشوائي من ملف الارتباط، وهل أعجبك المقال، ومتى. أما "
            "البلاغ عن تعليق فيحفظ الرقم وبصمة ذلك اليوم، ليُحسب كل قارئ مرة واحدة.",
            "اختبار منع الرسائل المزعجة في نموذج التعليق لغز صغير يحلّه متصفحك أو صورة حروف، "
            "يقدّمهما خادمنا، وتُحذف سجلاته خلال يوم.",
            "قد يسجّل خادمنا سجلات تقنية (الوقت والصفحة المطلوبة وعنوان الشبكة) لتشغيل الموقع "
            "وحمايته، ولا نحتفظ بها إلا لفترة قصيرة، ولا نستخدمها لتتبّع القرّاء. ويحصل "
            "المحررون الذين يسجّلون الدخول لتحرير الموقع على ملف جلسة وملف حماية (CSRF)، أما "
            "القرّاء فلا.",
        ],
        "privacy_form_link": "اطلب نسخة من تعليقاتك أو حذفها",
        "contact_title": "اتصل بنا",
        "contact_intro": "كيف تصل إلى غرفة أخبار «نشرة».",
        "contact_body": [
            "للمعلومات وأفكار القصص: tips@nashra.example. أخبرنا بما تعرفه وكيف نصل إليك؛ "
            "فنحن نحمي مصادرنا.",
            "للأخطاء في المقالات: corrections@nashra.example. يردّ محرّر على كل بلاغ خلال يومَي عمل.",
            "للتعليقات والإشراف عليها: community@nashra.example.",
            "مقر غرفة الأخبار: 12 شارع الميناء، مرسى الزهرة. نجيب بالعربية أو الإنجليزية.",
        ],
    },
}


def _aware(value):
    return timezone.make_aware(datetime.fromisoformat(value)) if value else None


def _translation_key(kind, key):
    return uuid.uuid5(NAMESPACE, f"{kind}:{key}")


def _newest_scripted():
    return max(_aware(article["published"]) for article in content.ARTICLES)


def demo_moment(scripted, loaded_at):
    """When a scripted moment happens in a demo loaded at `loaded_at` (whole minutes, as an
    editor's clock would show): the newest article NEWEST_AGE before it, the rest PACE times
    closer to it than scripted. None keeps the script."""
    if loaded_at is None:
        return scripted
    newest = loaded_at.replace(second=0, microsecond=0) - NEWEST_AGE
    age = (_newest_scripted() - scripted) / PACE
    return newest - timedelta(minutes=round(age.total_seconds() / 60))


class DemoLoader:
    def __init__(self, stdout=None, loaded_at=None):
        """`loaded_at`: date the content relative to this moment, re-dating what an earlier
        run loaded; None keeps the scripted calendar and leaves existing pages alone."""
        self.stdout = stdout
        self.loaded_at = loaded_at
        self.created = 0
        self.redated = 0
        self.locales = {}
        self.homes = {}
        self.sections = {}  # (lang, key) -> SectionPage
        self.authors = {}  # (lang, key) -> AuthorPage

    def log(self, message):
        if self.stdout:
            self.stdout.write(message)

    @transaction.atomic
    def load(self):
        for code in LANGUAGES:
            self.locales[code], _ = Locale.objects.get_or_create(language_code=code)
        self._homes()
        self._sections()
        self._authors()
        self._articles()
        self._about_pages()
        self._front_layouts()
        if self.loaded_at is not None:
            # Dates are written after publishing (and re-dated in place), which no publish
            # signal sees: start both editions afresh in the page cache, as a site-wide
            # change does (listings, feeds, sitemaps and article pages all show dates).
            page_cache.purge(
                languages=LANGUAGES, groups=cache_contract.contract().groups_outside_editions()
            )
        return self.created

    # Pages -------------------------------------------------------------------------------

    def _ensure_page(self, parent, model, slug, lang, translation_key, **fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing, False
        page = model(
            slug=slug,
            locale=self.locales[lang],
            translation_key=translation_key,
            **fields,
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page, True

    def _homes(self):
        root = Page.get_first_root_node()
        # Wagtail's migrations leave a "Welcome" placeholder page; the edition replaces it.
        for placeholder in Page.objects.child_of(root).filter(
            content_type__model="page", content_type__app_label="wagtailcore"
        ):
            Site.objects.filter(root_page=placeholder).delete()
            placeholder.delete()
        for lang in LANGUAGES:
            ed = EDITION[lang]
            home, _ = self._ensure_page(
                root,
                HomePage,
                ed["home_slug"],
                lang,
                _translation_key("home", "home"),
                title=ed["home_title"],
                tagline=ed["tagline"],
            )
            self.homes[lang] = home
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=self.homes["en"],
                is_default_site=True,
                site_name="Nashra",
            )
        elif site.root_page_id != self.homes["en"].pk:
            site.root_page = self.homes["en"]
            site.site_name = "Nashra"
            site.save()

    def _sections(self):
        for section in content.SECTIONS:
            for lang in LANGUAGES:
                data = section[lang]
                page, _ = self._ensure_page(
                    self.homes[lang],
                    SectionPage,
                    section["key"],
                    lang,
                    _translation_key("section", section["key"]),
                    title=data["title"],
                    intro=data["intro"],
                )
                self.sections[(lang, section["key"])] = page

    def _authors(self):
        indexes = {}
        for lang in LANGUAGES:
            ed = EDITION[lang]
            indexes[lang], _ = self._ensure_page(
                self.homes[lang],
                AuthorIndexPage,
                "authors",
                lang,
                _translation_key("authors", "index"),
                title=ed["authors_title"],
                intro=ed["authors_intro"],
            )
        for author in content.AUTHORS:
            languages = [lang for lang in LANGUAGES if lang in author]
            name = author.get("en", author.get("ar"))["name"]
            photo = self._image(
                title=f"Portrait: {name}",
                filename=f"author-{author['slug']}.png",
                data=lambda a=author: draw_portrait(a["key"], a["colour"]),
                alt_text=f"Illustrated portrait placeholder for {name}",
                photographer="",
                agency="Nashra",
            )
            for lang in languages:
                data = author[lang]
                page, _ = self._ensure_page(
                    indexes[lang],
                    AuthorPage,
                    author["slug"],
                    lang,
                    _translation_key("author", author["key"]),
                    title=data["name"],
                    role=data["role"],
                    bio=data["bio"],
                    photo=photo,
                )
                self.authors[(lang, author["key"])] = page

    def _articles(self):
        for article in content.ARTICLES:
            languages = [lang for lang in LANGUAGES if lang in article]
            first = article[languages[0]]
            picture = article["image"]
            image = self._image(
                title=f"{article['key']}: {first['headline']}",
                filename=f"{article['slug']}.jpg",
                data=lambda a=article, p=picture: draw_picture(a["key"], p["motif"], p["palette"]),
                alt_text=article.get("en", first)["alt"],
                photographer=picture.get("photographer", ""),
                agency=picture.get("agency", ""),
            )
            for lang in languages:
                self._article(article, lang, image)

    def _article(self, article, lang, image):
        data = article[lang]
        section = self.sections[(lang, article["section"])]
        existing = ArticlePage.objects.child_of(section).filter(slug=article["slug"]).first()
        if existing is not None:
            if self.loaded_at is not None:
                self._date(existing, article, data)
                self.redated += 1
            return
        page = ArticlePage(
            title=data["headline"],
            slug=article["slug"],
            locale=self.locales[lang],
            translation_key=_translation_key("article", article["key"]),
            standfirst=data["standfirst"],
            dateline=data.get("dateline", ""),
            article_type=article["type"],
            lead_image=image,
            lead_image_caption=data.get("caption", ""),
            lead_image_alt=data["alt"] if lang != "en" else "",
            search_description=data["standfirst"][:300],
            body=[self._block(kind, value) for kind, value in data["body"]],
        )
        page.article_authors = [
            ArticleAuthor(author=self.authors[(lang, key)], sort_order=i)
            for i, key in enumerate(article["authors"])
        ]
        page.corrections = [
            ArticleCorrection(date=self._correction_date(article, c), text=c["text"], sort_order=i)
            for i, c in enumerate(data.get("corrections", []))
        ]
        section.add_child(instance=page)
        page.tags.set(data.get("tags", []))
        page.save_revision().publish()
        self._date(page, article, data)
        self.created += 1

    def _when(self, scripted):
        return demo_moment(_aware(scripted), self.loaded_at) if scripted else None

    def _correction_date(self, article, correction):
        """As many days after the article's publication as in the script, never after the
        day the demo is loaded."""
        scripted = _aware(article["published"])
        days = date.fromisoformat(correction["date"]) - scripted.date()
        corrected = self._when(article["published"]).date() + days
        return min(corrected, timezone.localdate(self.loaded_at)) if self.loaded_at else corrected

    def _date(self, page, article, data):
        """Give a published article its dates: set on the rows, as an import would (Wagtail
        reads the live row, not the revision, while there is no newer draft)."""
        published, updated = self._when(article["published"]), self._when(article.get("updated"))
        ArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=published,
            last_published_at=updated or published,
            updated_at=updated,
        )
        # The scripted corrections come first; any an editor added after them keep their dates.
        rows = page.corrections.order_by("sort_order")
        for correction, row in zip(data.get("corrections", []), rows, strict=False):
            ArticleCorrection.objects.filter(pk=row.pk).update(
                date=self._correction_date(article, correction)
            )

    @staticmethod
    def _block(kind, value):
        if kind == "paragraph":
            return ("paragraph", RichText(f"<p>{value}</p>"))
        if kind == "factbox":
            return ("fact_box", {"title": value["title"], "items": value["items"]})
        return (kind, value)

    def _front_layouts(self):
        """Lay out each edition's front (content.FRONT_LAYOUT) once: a layout an editor has
        changed since is left alone."""
        for lang in LANGUAGES:
            home = HomePage.objects.get(pk=self.homes[lang].pk)
            if home.layout.raw_data:
                continue
            blocks = []
            for kind, settings_ in content.FRONT_LAYOUT:
                value = dict(settings_)
                if "section" in value:
                    value["section"] = self.sections[(lang, value["section"])].pk
                if isinstance(value.get("title"), dict):
                    value["title"] = value["title"][lang]
                if "stories" in value:
                    slugs = {a["key"]: a["slug"] for a in content.ARTICLES}
                    pages = ArticlePage.objects.filter(
                        locale=self.locales[lang], slug__in=[slugs[k] for k in value["stories"]]
                    )
                    by_slug = dict(pages.values_list("slug", "pk"))
                    value["stories"] = [
                        by_slug[slugs[k]] for k in value["stories"] if slugs[k] in by_slug
                    ]
                blocks.append({"type": kind, "value": value, "id": str(uuid.uuid4())})
            home.layout = json.dumps(blocks)
            home.save_revision().publish()

    def _about_pages(self):
        for lang in LANGUAGES:
            ed = EDITION[lang]
            home = self.homes[lang]
            # The policy's address was /<edition>/corrections/, now the corrections log's.
            for moved in StandardPage.objects.child_of(home).filter(slug="corrections"):
                moved.slug = POLICY_SLUG
                moved.save_revision().publish()
            footer = {}
            for key, slug in FOOTER_PAGES:
                paragraphs = [f"<p>{t}</p>" for t in ed[f"{key}_body"]]
                if key == "corrections":
                    log = f"/{lang}/{CORRECTIONS_ROUTE}"
                    paragraphs.append(f'<p><a href="{log}">{ed["corrections_log_link"]}</a></p>')
                if key == "privacy":
                    form = f"/{lang}/engagement/privacy/"
                    paragraphs.append(f'<p><a href="{form}">{ed["privacy_form_link"]}</a></p>')
                footer[key], _ = self._ensure_page(
                    home,
                    StandardPage,
                    slug,
                    lang,
                    _translation_key("standard", key),
                    title=ed[f"{key}_title"],
                    intro=ed[f"{key}_intro"],
                    body=[("paragraph", RichText(p)) for p in paragraphs],
                )
            self._footer_links(home, footer)

    def _footer_links(self, home, pages):
        """Point the home's Footer panel at the demo's pages, where an editor has chosen none."""
        home = HomePage.objects.get(pk=home.pk)
        changed = False
        for key in ("about", "privacy", "contact"):
            field = f"{key}_page_id"
            if getattr(home, field) is None:
                setattr(home, field, pages[key].pk)
                changed = True
        if changed:
            home.save_revision().publish()

    # Images ------------------------------------------------------------------------------

    def _image(self, title, filename, data, alt_text, photographer, agency):
        image = NashraImage.objects.filter(title=title).first()
        if image is not None:
            return image
        from django.core.files.base import ContentFile

        image = NashraImage(
            title=title,
            alt_text=alt_text,
            photographer=photographer,
            agency=agency,
            rights_notes="Original illustration drawn for the Nashra demo. Free to reuse.",
        )
        image.file = ImageFile(ContentFile(data(), name=filename), name=filename)
        image.save()
        return image


DEMO_EDITOR = "editor"


def ensure_demo_editor(credentials_file=None):
    """Create the demo editor (in Wagtail's Moderators group) and return its credentials.

    The password is random, kept in a git-ignored file so that every run prints the same one.
    """
    credentials_file = Path(credentials_file or settings.BASE_DIR / ".demo-credentials")
    password = None
    if credentials_file.exists():
        password = credentials_file.read_text().strip() or None
    User = get_user_model()
    user = User.objects.filter(username=DEMO_EDITOR).first()
    if user is None or password is None or not user.check_password(password):
        password = password or secrets.token_urlsafe(12)
        if user is None:
            user = User(
                username=DEMO_EDITOR,
                email="editor@example.org",
                first_name="Demo",
                last_name="Editor",
            )
        user.set_password(password)
        user.is_staff = True
        user.save()
        credentials_file.write_text(password + "\n")
        credentials_file.chmod(0o600)
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        moderators.permissions.add(
            *Permission.objects.filter(
                codename__in=["submit_translation", "access_admin"],
            )
        )
        user.groups.add(moderators)
    return DEMO_EDITOR, password
