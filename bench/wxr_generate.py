"""A large, synthetic but realistic WordPress export (WXR 1.2) for the import benchmark.

    python bench/wxr_generate.py --posts 20000 --comments 100000 --polylang \\
        --out bench/results/wp.xml
    python bench/wxr_generate.py --posts 2000 --comments 10000 --out wp.xml --polylang \\
        --with-media all --uploads-dir wp-uploads

Half the posts are English and half Arabic (Arabic slugs percent-encoded as WordPress stores
them, in wp:post_name and in the permalink), most of them paired as translations: with
--polylang by Polylang's `language` and `post_translations` terms, with --wpml by the meta of
WPML's Export and Import add-on, otherwise not marked at all. Bodies are classic (paragraphs
separated by blank lines, [caption] shortcodes) or Gutenberg (paragraph, heading, image, list);
attachments carry alt text, captions (some with a trailing credit) and PHP-serialized metadata;
comments come in threads with pending, spam, trash and pingbacks among them. All text comes
from the word lists below. The same --seed gives the same bytes.

With --with-media N (or `all`) the first N attachments also get a small, distinct JPEG at
<uploads-dir>/YYYY/MM/<name>.jpg, the layout of wp-content/uploads, so the import runs offline.
The file is written as it is generated; memory holds only one small record per post.
"""

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape


def words(text):
    return text.split()


EN_WORDS = words("""
    harbour council election hospital museum fishermen tariffs minister budget report school
    train festival drought water police inquiry market river bridge village farmers harvest
    olive wheat prices bakery nurses doctors clinic teachers students university library
    archive newspaper reporter editor court judge lawyer verdict appeal parliament vote
    coalition opposition mayor district neighbourhood street lights traffic buses taxis
    railway station airport flights tourists hotel beach coast storm rain winter summer
    spring autumn heat power grid solar wind turbines factory workers union strike wages
    pension savings bank loan currency exports imports port ships containers fuel diesel
    bread rice sugar coffee tea spices recipe kitchen restaurant cafe theatre cinema concert
    orchestra poet novel exhibition gallery painter sculpture heritage mosque church castle
    ruins excavation pottery coins manuscript scholars research laboratory vaccine patients
    ambulance volunteers charity donations refugees shelter housing rent tenants landlords
    construction cement steel engineers architects plans permit zoning park garden trees
    birds desert oasis wells pipeline reservoir dam irrigation canal valley mountain road
    tunnel checkpoint border customs passport visa embassy delegation summit agreement
    treaty talks ceasefire convoy aid supplies medicine shortage queue petrol electricity
    internet mobile network phones software startup investors funding founders app data
    privacy security hackers outage servers cloud platform schools exams results graduates
    scholarship football league match goal coach players stadium fans referee title cup
    marathon runners swimming cyclists tournament champion record season transfer injury
    weather forecast flood warning rescue divers firefighters fire smoke forest damage
    insurance claims losses recovery reconstruction grants ministry spokesman statement
    announced said warned promised rejected approved delayed opened closed reopened
    expanded reduced raised lowered signed visited met discussed planned launched
    completed suspended resumed protested welcomed criticised confirmed denied revealed
    new old local regional national public private small large early late quiet busy
    """)

AR_WORDS = words("""
    الميناء البلدية الانتخابات المستشفى المتحف الصيادين الرسوم الوزير الموازنة التقرير
    المدرسة القطار المهرجان الجفاف المياه الشرطة التحقيق السوق النهر الجسر القرية المزارعين
    الحصاد الزيتون القمح الأسعار المخبز الممرضات الأطباء العيادة المعلمين الطلاب الجامعة
    المكتبة الأرشيف الصحيفة المراسل المحرر المحكمة القاضي المحامي الحكم الاستئناف البرلمان
    التصويت الائتلاف المعارضة رئيس الحي الشارع الإنارة المرور الحافلات سيارات الأجرة
    السكك المحطة المطار الرحلات السياح الفندق الشاطئ الساحل العاصفة المطر الشتاء الصيف
    الربيع الخريف الحر الكهرباء الشبكة الطاقة الشمسية الرياح المصنع العمال النقابة الإضراب
    الأجور التقاعد المدخرات المصرف القرض العملة الصادرات الواردات السفن الحاويات الوقود
    الخبز الأرز السكر القهوة الشاي التوابل المطبخ المطعم المقهى المسرح السينما الحفل
    الشاعر الرواية المعرض الرسام التراث المسجد الكنيسة القلعة الآثار التنقيب الفخار
    العملات المخطوطة الباحثين المختبر اللقاح المرضى الإسعاف المتطوعين الجمعية التبرعات
    اللاجئين المأوى السكن الإيجار المستأجرين البناء الإسمنت الحديد المهندسين المخططات
    الترخيص الحديقة الأشجار الطيور الصحراء الواحة الآبار الأنابيب الخزان السد الري القناة
    الوادي الجبل الطريق النفق الحدود الجمارك الجواز التأشيرة السفارة الوفد القمة الاتفاق
    المعاهدة المحادثات الهدنة القافلة المساعدات الأدوية النقص الطابور البنزين الإنترنت
    الهاتف البرمجيات الشركة المستثمرين التمويل البيانات الخصوصية الأمن الانقطاع المنصة
    الامتحانات النتائج الخريجين المنحة كرة القدم الدوري المباراة الهدف المدرب اللاعبين
    الملعب الجمهور الحكم اللقب الكأس الماراثون السباحة البطولة البطل الرقم الموسم الإصابة
    الطقس الفيضان التحذير الإنقاذ الغواصين الإطفاء الحريق الدخان الغابة الأضرار التأمين
    الخسائر التعافي الإعمار المنح الوزارة المتحدث البيان أعلن قال حذر وعد رفض وافق أجل
    افتتح أغلق توسع خفض رفع وقع زار التقى ناقش أطلق أكمل علق استأنف رحب انتقد أكد نفى كشف
    جديد قديم محلي إقليمي وطني عام خاص صغير كبير مبكر متأخر هادئ مزدحم في من إلى على مع
    """)

EN_FIRST = words("Maya Omar Lina Daniel Sara Karim Nora Adam Huda Yusuf Rana Samir Leila Tom")
EN_LAST = words("Haddad Khoury Mansour Nasser Saleh Azar Bishara Farah Hanna Jaber Kanaan")
AR_FIRST = words("مايا عمر لينا دانيال سارة كريم نورا آدم هدى يوسف رنا سمير ليلى توم")
AR_LAST = words("حداد خوري منصور ناصر صالح عازار بشارة فرح حنا جابر كنعان")
AGENCIES = ["Reuters", "AFP", "AP", "Staff", "Nashra Photo Desk"]

# (English slug, English name, Arabic name, parent English slug or "")
CATEGORIES = [
    ("news", "News", "أخبار", ""),
    ("politics", "Politics", "سياسة", "news"),
    ("economy", "Economy", "اقتصاد", ""),
    ("sport", "Sport", "رياضة", ""),
    ("football", "Football", "كرة القدم", "sport"),
    ("culture", "Culture", "ثقافة", ""),
    ("opinion", "Opinion", "رأي", ""),
    ("technology", "Technology", "تكنولوجيا", ""),
    ("health", "Health", "صحة", ""),
    ("environment", "Environment", "بيئة", ""),
    ("uncategorized", "Uncategorized", "غير مصنف", ""),
]

STATUSES = [  # (status, weight)
    ("publish", 930),
    ("draft", 25),
    ("pending", 10),
    ("future", 8),
    ("private", 8),
    ("trash", 12),
    ("auto-draft", 7),
]
APPROVALS = [("1", 860), ("0", 70), ("spam", 50), ("trash", 10)]
TZ = timedelta(hours=3)  # the site's local time, as in wp:post_date
NO_DATE = "Mon, 30 Nov -0001 00:00:00 +0000"
LANGUAGE_NAMES = {"en": "English", "ar": "العربية"}
EXPORTED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
FIRST_POST = datetime(2014, 1, 1, tzinfo=UTC)


def cdata(text):
    """A CDATA section; a literal "]]>" is split across two, as WordPress's exporter does."""
    return "<![CDATA[" + str(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def php(value):
    """PHP's serialize() for what an export holds: str (length in UTF-8 bytes), int, dict, list."""
    if isinstance(value, bool):
        return f"b:{int(value)};"
    if isinstance(value, int):
        return f"i:{value};"
    if isinstance(value, str):
        return f's:{len(value.encode())}:"{value}";'
    items = value.items() if isinstance(value, dict) else enumerate(value)
    inner = "".join(php(k) + php(v) for k, v in items)
    return f"a:{len(value)}:{{{inner}}}"


def wp_slug(text):
    """sanitize_title() for our words: lower case, dashes, UTF-8 percent-encoded in lower-case
    hex, cut at 200 characters on a character boundary."""
    words = "-".join(text.lower().replace(".", "").replace("،", "").split())
    out = ""
    for char in words:
        piece = quote(char, safe="-").lower()
        if len(out) + len(piece) > 200:
            break
        out += piece
    return out.strip("-")


def wp_date(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def rss_date(moment):
    return moment.strftime("%a, %d %b %Y %H:%M:%S +0000")


class Writer:
    """The text of the export, written as it goes."""

    def __init__(self, out):
        self.out = out

    def line(self, text, depth=0):
        self.out.write("\t" * depth + text + "\n")

    def tag(self, name, value, depth, *, raw=False):
        body = escape(str(value)) if raw else cdata(value)
        self.line(f"<{name}>{body}</{name}>", depth)


class Generator:
    def __init__(self, args):
        self.args = args
        self.rnd = random.Random(args.seed)
        self.site = args.site_url.rstrip("/")
        self.next_id = 1
        self.next_comment = 1
        self.attachments_written = 0
        self.media_written = 0
        self.media_bytes = 0
        self.menu_items = 0
        self.posts_by_lang = {"en": [], "ar": []}  # (id, link) of earlier published posts

    def new_id(self):
        self.next_id += 1
        return self.next_id

    # Words and names.
    def words(self, lang, n):
        return " ".join(self.rnd.choices(EN_WORDS if lang == "en" else AR_WORDS, k=n))

    def sentence(self, lang, lo=8, hi=20):
        text = self.words(lang, self.rnd.randint(lo, hi))
        if lang == "en":
            return text[0].upper() + text[1:] + "."
        if self.rnd.random() < 0.4:
            cut = text.split()
            cut.insert(len(cut) // 2, "،")
            text = " ".join(cut).replace(" ،", "،")
        return text + "."

    def paragraph(self, lang):
        return " ".join(self.sentence(lang) for _ in range(self.rnd.randint(2, 5)))

    def title(self, lang):
        text = self.words(lang, self.rnd.randint(4, 9))
        return text.title() if lang == "en" else text

    def person(self, lang):
        first, last = (EN_FIRST, EN_LAST) if lang == "en" else (AR_FIRST, AR_LAST)
        return f"{self.rnd.choice(first)} {self.rnd.choice(last)}"

    # The plan: one small record per post, made before anything is written, because the
    # channel header (translation groups) must come before the items.
    def plan(self):
        args, rnd = self.args, self.rnd
        self.authors = []
        count = args.authors or rnd.randint(2, 10)
        for n in range(count):
            # The name lists run in parallel: a login in Latin letters, the name as it is
            # written on the byline (half the desk in Arabic).
            first, last = rnd.randrange(len(AR_FIRST)), rnd.randrange(len(AR_LAST))
            names = (EN_FIRST, EN_LAST) if n % 2 == 0 else (AR_FIRST, AR_LAST)
            name = f"{names[0][first]} {names[1][last]}"
            login = f"{EN_FIRST[first].lower()}.{EN_LAST[last].lower()}{n + 1}"
            email = f"{login}@almina.example"
            self.authors.append({"id": n + 1, "login": login, "name": name, "email": email})
        self.terms = self.plan_terms()
        span = (EXPORTED - FIRST_POST).total_seconds()
        posts, groups = [], []
        self.next_id = 1 + args.pages * 2
        n = english = 0
        while n < args.posts:
            paired = n + 1 < args.posts and rnd.random() < 0.8
            first_lang = rnd.choice(("en", "ar"))
            langs = [first_lang, "ar" if first_lang == "en" else "en"] if paired else [first_lang]
            if not paired:  # keep the two languages level
                langs = ["ar" if english * 2 > n else "en"]
            group = []
            when = FIRST_POST + timedelta(seconds=span * n / max(args.posts, 1))
            same_slug = paired and rnd.random() < 0.05  # twins left with one slug
            for lang in langs:
                post = self.plan_post(lang, when + timedelta(minutes=rnd.randint(0, 240)))
                if same_slug and group and post["slug"]:
                    post["slug"] = group[0]["slug"] or post["slug"]
                posts.append(post)
                group.append(post)
                english += lang == "en"
                n += 1
            if paired:
                groups.append(group)
        self.dedupe_slugs(posts)
        self.distribute_comments(posts)
        self.groups = groups
        return posts

    def plan_post(self, lang, when):
        rnd = self.rnd
        status = rnd.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
        if status == "future":
            when = EXPORTED + timedelta(days=rnd.randint(1, 30), hours=rnd.randint(0, 23))
        title = self.title(lang)
        post = {
            "id": self.new_id(),
            "lang": lang,
            "status": status,
            "title": "" if status == "auto-draft" else title,
            "slug": "" if status in ("draft", "pending", "auto-draft") else wp_slug(title),
            "trashed": status == "trash",
            "date": when,
            "author": rnd.choice(self.authors)["login"],
            "comments": 0,
            "gutenberg": rnd.random() < 0.5,
            "featured": status != "auto-draft" and rnd.random() < 0.6,
            "inline": rnd.choice((0, 0, 0, 1, 1, 2)),
        }
        # Attachment ids follow the post's, as uploads made in its editor do.
        self.next_id += int(post["featured"]) + post["inline"]
        return post

    def dedupe_slugs(self, posts):
        """WordPress adds -2, -3 to a slug already taken by a post of the same language (the
        twins left sharing one slug keep it: Polylang allows that across languages)."""
        seen = set()
        for post in posts:
            if not post["slug"]:
                continue
            slug, k = post["slug"], 2
            while (post["lang"], slug) in seen:
                slug, k = f"{post['slug']}-{k}", k + 1
            post["slug"] = slug
            seen.add((post["lang"], slug))
            if post["trashed"]:  # what wp_trash_post() leaves
                post["slug"] += "__trashed"

    def distribute_comments(self, posts):
        """Comments over published posts, a few posts drawing most of them."""
        targets = [p for p in posts if p["status"] == "publish"] or posts
        if not targets or not self.args.comments:
            return
        weights = [self.rnd.paretovariate(1.2) for _ in targets]
        for index in self.rnd.choices(range(len(targets)), weights, k=self.args.comments):
            targets[index]["comments"] += 1

    def plan_terms(self):
        rnd = self.rnd
        terms = {"category": {}, "post_tag": {"en": [], "ar": []}}
        term_id = 1
        arabic = {slug: ar_name for slug, _en, ar_name, _parent in CATEGORIES}
        for slug, en_name, ar_name, parent in CATEGORIES:
            # One set of categories per language, as Polylang and WPML keep them (a site
            # without a plugin has the Arabic-named ones all the same).
            terms["category"].setdefault("en", []).append((term_id, slug, en_name, parent))
            ar_parent = wp_slug(arabic[parent]) if parent else ""
            ar_term = (term_id + 1, wp_slug(ar_name), ar_name, ar_parent)
            terms["category"].setdefault("ar", []).append(ar_term)
            term_id += 2
        for lang in ("en", "ar"):
            seen = set()
            for _ in range(120):
                name = self.words(lang, rnd.choice((1, 1, 2)))
                if lang == "en":
                    name = name.title()
                slug = wp_slug(name)
                if slug in seen:
                    continue
                seen.add(slug)
                terms["post_tag"][lang].append((term_id, slug, name))
                term_id += 1
        self.next_term = term_id
        return terms

    def categories_for(self, lang):
        return self.rnd.sample(self.terms["category"][lang], self.rnd.choice((1, 1, 1, 2)))

    # The header.
    def write_header(self, w, posts):
        args = self.args
        w.line('<?xml version="1.0" encoding="UTF-8" ?>')
        w.line("<!-- This is a WordPress eXtended RSS file generated by bench/wxr_generate.py -->")
        w.line('<rss version="2.0"')
        for prefix, uri in (
            ("excerpt", "http://wordpress.org/export/1.2/excerpt/"),
            ("content", "http://purl.org/rss/1.0/modules/content/"),
            ("wfw", "http://wellformedweb.org/CommentAPI/"),
            ("dc", "http://purl.org/dc/elements/1.1/"),
            ("wp", "http://wordpress.org/export/1.2/"),
        ):
            w.line(f'xmlns:{prefix}="{uri}"', 1)
        w.line(">")
        w.line("<channel>")
        w.tag("title", "Al-Mina Daily · الميناء اليومية", 1, raw=True)
        w.tag("link", self.site, 1, raw=True)
        w.tag("description", "News from the harbour town", 1, raw=True)
        w.tag("pubDate", rss_date(EXPORTED), 1, raw=True)
        w.tag("language", "en-US", 1, raw=True)
        w.tag("wp:wxr_version", "1.2", 1, raw=True)
        w.tag("wp:base_site_url", self.site, 1, raw=True)
        w.tag("wp:base_blog_url", self.site, 1, raw=True)
        for a in self.authors:
            first, last = a["name"].split(" ", 1)
            w.line("<wp:author>", 1)
            w.tag("wp:author_id", a["id"], 2, raw=True)
            w.tag("wp:author_login", a["login"], 2)
            w.tag("wp:author_email", a["email"], 2)
            w.tag("wp:author_display_name", a["name"], 2)
            w.tag("wp:author_first_name", first, 2)
            w.tag("wp:author_last_name", last, 2)
            w.line("</wp:author>", 1)
        for terms in self.terms["category"].values():
            for term_id, slug, name, parent in terms:
                w.line("<wp:category>", 1)
                w.tag("wp:term_id", term_id, 2, raw=True)
                w.tag("wp:category_nicename", slug, 2)
                w.tag("wp:category_parent", parent, 2)
                w.tag("wp:cat_name", name, 2)
                w.line("</wp:category>", 1)
        for terms in self.terms["post_tag"].values():
            for term_id, slug, name in terms:
                w.line("<wp:tag>", 1)
                w.tag("wp:term_id", term_id, 2, raw=True)
                w.tag("wp:tag_slug", slug, 2)
                w.tag("wp:tag_name", name, 2)
                w.line("</wp:tag>", 1)
        for a in self.authors[:2]:  # Co-Authors Plus guest bylines
            desc = f"{a['name']} {a['name']} {a['login']} {a['id']} {a['email']}"
            self.term(w, "author", f"cap-{a['login']}", a["login"], desc)
        if args.polylang:
            for slug, name, desc in (
                ("en", "English", {"locale": "en_US", "rtl": 0, "flag_code": "us"}),
                ("ar", LANGUAGE_NAMES["ar"], {"locale": "ar", "rtl": 1, "flag_code": "arab"}),
            ):
                self.term(w, "language", slug, name, php(desc))
                self.term(w, "term_language", f"pll_{slug}", name, "")
            self.translation_slugs = {}
            for group in self.groups:
                slug = "pll_" + "".join(self.rnd.choices("0123456789abcdef", k=13))
                pairs = php({p["lang"]: p["id"] for p in group})
                self.term(w, "post_translations", slug, slug, pairs)
                for post in group:
                    self.translation_slugs[post["id"]] = slug
        self.term(w, "nav_menu", "main-menu", "Main menu", "")
        w.tag("generator", "https://wordpress.org/?v=6.7.1", 1, raw=True)

    def term(self, w, taxonomy, slug, name, description):
        w.line("<wp:term>", 1)
        w.tag("wp:term_id", self.next_term, 2, raw=True)
        w.tag("wp:term_taxonomy", taxonomy, 2)
        w.tag("wp:term_slug", slug, 2)
        w.tag("wp:term_parent", "", 2)
        w.tag("wp:term_name", name, 2)
        w.tag("wp:term_description", description, 2)
        w.line("</wp:term>", 1)
        self.next_term += 1

    # Items.
    def link_of(self, post):
        prefix = "/ar" if self.args.polylang and post["lang"] == "ar" else ""
        if not post["slug"] or post["status"] not in ("publish", "private"):
            return f"{self.site}/?p={post['id']}"
        local = post["date"] + TZ
        return f"{self.site}{prefix}{local:/%Y/%m/%d}/{post['slug']}/"

    def item_open(
        self,
        w,
        *,
        title,
        link,
        guid,
        creator,
        content,
        excerpt,
        post_id,
        date,
        modified,
        status,
        slug,
        parent,
        post_type,
        comment_status="open",
        sticky=0,
        password="",
    ):
        w.line("<item>", 1)
        w.tag("title", title, 2)
        w.tag("link", link, 2, raw=True)
        unpublished = status in ("draft", "pending", "auto-draft")
        # What WordPress prints for a date of zero.
        w.tag("pubDate", NO_DATE if unpublished else rss_date(date), 2, raw=True)
        w.tag("dc:creator", creator, 2)
        w.line(f'<guid isPermaLink="false">{escape(guid)}</guid>', 2)
        w.line("<description></description>", 2)
        w.tag("content:encoded", content, 2)
        w.tag("excerpt:encoded", excerpt, 2)
        w.tag("wp:post_id", post_id, 2, raw=True)
        w.tag("wp:post_date", wp_date(date + TZ), 2)
        w.tag("wp:post_date_gmt", "0000-00-00 00:00:00" if unpublished else wp_date(date), 2)
        w.tag("wp:post_modified", wp_date(modified + TZ), 2)
        w.tag("wp:post_modified_gmt", wp_date(modified), 2)
        w.tag("wp:comment_status", comment_status, 2)
        w.tag("wp:ping_status", "open" if post_type == "post" else "closed", 2)
        w.tag("wp:post_name", slug, 2)
        w.tag("wp:status", status, 2)
        w.tag("wp:post_parent", parent, 2, raw=True)
        w.tag("wp:menu_order", 0, 2, raw=True)
        w.tag("wp:post_type", post_type, 2)
        w.tag("wp:post_password", password, 2)
        w.tag("wp:is_sticky", sticky, 2, raw=True)

    def category(self, w, domain, slug, name):
        w.line(f'<category domain="{domain}" nicename="{slug}">{cdata(name)}</category>', 2)

    def meta(self, w, key, value):
        w.line("<wp:postmeta>", 2)
        w.tag("wp:meta_key", key, 3)
        w.tag("wp:meta_value", value, 3)
        w.line("</wp:postmeta>", 2)

    def write_pages(self, w):
        paths = {}
        for n in range(self.args.pages):
            lang = "en" if n % 2 == 0 else "ar"
            title = self.title(lang)
            slug = wp_slug(title)
            page_id = 2 + n * 2
            # Every third and fourth page is a child of the page two before (same language).
            parent = page_id - 4 if n % 4 >= 2 else 0
            paths[page_id] = f"{paths[parent]}/{slug}" if parent else slug
            when = FIRST_POST + timedelta(days=n)
            body = "\n\n".join(self.paragraph(lang) for _ in range(3))
            self.item_open(
                w,
                title=title,
                link=f"{self.site}/{paths[page_id]}/",
                guid=f"{self.site}/?page_id={page_id}",
                creator=self.authors[0]["login"],
                content=body,
                excerpt="",
                post_id=page_id,
                date=when,
                modified=when,
                status="publish",
                slug=slug,
                parent=parent,
                post_type="page",
                comment_status="closed",
            )
            if self.args.polylang:
                self.category(w, "language", lang, LANGUAGE_NAMES[lang])
            elif self.args.wpml:
                self.meta(w, "_wpml_import_language_code", lang)
            self.meta(w, "_wp_page_template", "default")
            w.line("</item>", 1)

    def write_menu(self, w):
        """The main menu: one item per top-level English category, as themes build it."""
        top = [c for c in self.terms["category"]["en"] if not c[3]]
        for term_id, _slug, _name, _parent in top:
            item_id = self.new_id()
            self.item_open(
                w,
                title="",
                link=f"{self.site}/?p={item_id}",
                guid=f"{self.site}/?p={item_id}",
                creator=self.authors[0]["login"],
                content="",
                excerpt="",
                post_id=item_id,
                date=EXPORTED - timedelta(days=30),
                modified=EXPORTED - timedelta(days=30),
                status="publish",
                slug=str(item_id),
                parent=0,
                post_type="nav_menu_item",
                comment_status="closed",
            )
            self.category(w, "nav_menu", "main-menu", "Main menu")
            for key, value in (
                ("_menu_item_type", "taxonomy"),
                ("_menu_item_menu_item_parent", "0"),
                ("_menu_item_object_id", str(term_id)),
                ("_menu_item_object", "category"),
                ("_menu_item_target", ""),
                ("_menu_item_classes", php([""])),
                ("_menu_item_xfn", ""),
                ("_menu_item_url", ""),
            ):
                self.meta(w, key, value)
            w.line("</item>", 1)
            self.menu_items += 1

    def image(self, post, lang):
        """An attachment record for one of the post's images."""
        rnd = self.rnd
        att_id = post["next_attachment"]
        post["next_attachment"] += 1
        local = post["date"] + TZ
        name = f"{'photo' if lang == 'en' else 'sura'}-{att_id}"
        path = f"{local:%Y/%m}/{name}.jpg"
        width, height = rnd.choice(((320, 213), (240, 160), (300, 300), (320, 180)))
        caption = self.sentence(lang, 5, 12)
        credit_style = rnd.random()
        credit = f"{self.person('en')}/{rnd.choice(AGENCIES)}"
        if credit_style < 0.25:
            caption += f" [{credit}]"
        elif credit_style < 0.4:
            caption += f" Photo: {credit}"
        return {
            "id": att_id,
            "url": f"{self.site}/wp-content/uploads/{path}",
            "path": path,
            "name": name,
            "title": self.words(lang, 3),
            "alt": self.sentence(lang, 4, 9).rstrip("."),
            "caption": caption,
            "credit": credit if credit_style >= 0.4 and rnd.random() < 0.5 else "",
            "size": (width, height),
        }

    def body(self, post, images):
        rnd, lang = self.rnd, post["lang"]
        count = rnd.randint(3, 9)
        slots = sorted(rnd.sample(range(1, count + 1), min(len(images), count)))
        parts = []
        for n in range(count):
            if slots and slots[0] == n:
                slots.pop(0)
                parts.append(self.body_image(post, images.pop(0)))
            if post["gutenberg"]:
                parts.append(self.gutenberg_piece(lang, n))
            else:
                parts.append(self.classic_piece(lang, n))
        return "\n\n".join(parts)

    def inline_link(self, lang):
        earlier = self.posts_by_lang[lang]
        if not earlier or self.rnd.random() > 0.15:
            return ""
        post_id, link = self.rnd.choice(earlier[-500:])
        href = link if self.rnd.random() < 0.8 else f"{self.site}/?p={post_id}"
        words = self.words(lang, 3)
        return f' <a href="{escape(href)}">{words}</a>.'

    def classic_piece(self, lang, n):
        roll = self.rnd.random()
        if n and roll < 0.1:
            return f"<h2>{self.title(lang)}</h2>"
        if roll < 0.12:
            return "[related_posts]"  # a plugin's shortcode nobody converts
        text = self.paragraph(lang) + self.inline_link(lang)
        if roll < 0.25:
            first, rest = text.split(" ", 1)
            text = f"<strong>{first}</strong> {rest}"
        return text

    def gutenberg_piece(self, lang, n):
        roll = self.rnd.random()
        if n and roll < 0.12:
            return (
                f'<!-- wp:heading -->\n<h2 class="wp-block-heading">{self.title(lang)}</h2>\n'
                "<!-- /wp:heading -->"
            )
        if roll < 0.2:
            items = "".join(
                "<!-- wp:list-item -->\n"
                f"<li>{self.sentence(lang, 4, 10)}</li>\n<!-- /wp:list-item -->\n"
                for _ in range(self.rnd.randint(2, 5))
            )
            return f'<!-- wp:list -->\n<ul class="wp-block-list">{items}</ul>\n<!-- /wp:list -->'
        if roll < 0.22:
            return (
                '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n'
                f"<p>{self.sentence(lang)}</p>\n<!-- /wp:paragraph --></blockquote>\n"
                "<!-- /wp:quote -->"
            )
        return (
            f"<!-- wp:paragraph -->\n<p>{self.paragraph(lang)}{self.inline_link(lang)}</p>\n"
            "<!-- /wp:paragraph -->"
        )

    def body_image(self, post, image):
        width, height = image["size"]
        img = (
            f'<img src="{image["url"]}" alt="{escape(image["alt"], {chr(34): "&quot;"})}" '
            f'width="{width}" height="{height}" class="wp-image-{image["id"]}"'
        )
        if post["gutenberg"]:
            return (
                f'<!-- wp:image {{"id":{image["id"]},"sizeSlug":"large",'
                '"linkDestination":"none"} -->\n'
                f'<figure class="wp-block-image size-large">{img}/>'
                f'<figcaption class="wp-element-caption">{image["caption"]}</figcaption></figure>\n'
                "<!-- /wp:image -->"
            )
        return (
            f'[caption id="attachment_{image["id"]}" align="aligncenter" width="{width}"]'
            f"{img} /> {image['caption']}[/caption]"
        )

    def write_post(self, w, post):
        rnd, lang = self.rnd, post["lang"]
        post["next_attachment"] = post["id"] + 1
        featured = self.image(post, lang) if post["featured"] else None
        inline = [self.image(post, lang) for _ in range(post["inline"])]
        link = self.link_of(post)
        content = "" if post["status"] == "auto-draft" else self.body(post, list(inline))
        modified = post["date"] + timedelta(hours=rnd.choice((0, 0, 1, 5, 48)))
        published = post["status"] == "publish"
        sticky = int(published and rnd.random() < 0.002)
        password = "harbour" if published and rnd.random() < 0.001 else ""
        self.item_open(
            w,
            title=post["title"],
            link=link,
            guid=f"{self.site}/?p={post['id']}",
            creator=post["author"],
            content=content,
            excerpt=self.sentence(lang) if rnd.random() < 0.3 else "",
            post_id=post["id"],
            date=post["date"],
            modified=min(modified, EXPORTED),
            status=post["status"],
            slug=post["slug"],
            parent=0,
            post_type="post",
            sticky=sticky,
            password=password,
        )
        if post["status"] != "auto-draft":
            for _id, slug, name, _parent in self.categories_for(lang):
                self.category(w, "category", slug, name)
            for _id, slug, name in rnd.sample(self.terms["post_tag"][lang], rnd.randint(0, 4)):
                self.category(w, "post_tag", slug, name)
            if rnd.random() < 0.05:  # a Co-Authors Plus byline beside the author
                login = rnd.choice(self.authors[:2])["login"]
                self.category(w, "author", f"cap-{login}", login)
        if self.args.polylang:
            self.category(w, "language", lang, LANGUAGE_NAMES[lang])
            group = self.translation_slugs.get(post["id"])
            if group:
                self.category(w, "post_translations", group, group)
        elif self.args.wpml:
            self.meta(w, "_wpml_import_language_code", lang)
            group = self.wpml_groups.get(post["id"])
            if group:
                self.meta(w, "_wpml_import_translation_group", group[0])
                if group[1] != lang:
                    self.meta(w, "_wpml_import_source_language_code", group[1])
        self.meta(w, "_edit_last", "1")
        if featured:
            self.meta(w, "_thumbnail_id", featured["id"])
        if rnd.random() < 0.3:
            self.meta(w, "_yoast_wpseo_title", post["title"][:60] + " %%sep%% %%sitename%%")
            self.meta(w, "_yoast_wpseo_metadesc", self.sentence(lang, 10, 18))
        if post["slug"] and rnd.random() < 0.02:
            self.meta(w, "_wp_old_slug", wp_slug(self.title(lang)))
        self.write_comments(w, post)
        w.line("</item>", 1)
        if post["status"] == "publish":
            self.posts_by_lang[lang].append((post["id"], link))
        for image in [featured, *inline]:
            if image:
                self.write_attachment(w, post, image)

    def write_attachment(self, w, post, image):
        rnd = self.rnd
        width, height = image["size"]
        parent_link = self.link_of(post)
        if "?p=" in parent_link:
            link = f"{self.site}/?attachment_id={image['id']}"
        else:
            link = f"{parent_link}{image['name']}/"
        self.item_open(
            w,
            title=image["title"],
            link=link,
            guid=image["url"],
            creator=post["author"],
            content="",
            excerpt=image["caption"],
            post_id=image["id"],
            date=post["date"],
            modified=post["date"],
            status="inherit",
            slug=image["name"],
            parent=post["id"],
            post_type="attachment",
        )
        w.tag("wp:attachment_url", image["url"], 2)
        self.meta(w, "_wp_attached_file", image["path"])
        # A caption with a Windows line break: an XML parser turns "\r\n" into "\n", which
        # breaks the serialized string's length, as in real exports.
        caption = image["caption"]
        if rnd.random() < 0.02:
            caption += "\r\n" + self.sentence("en", 3, 5)
        self.meta(
            w,
            "_wp_attachment_metadata",
            php(
                {
                    "width": width,
                    "height": height,
                    "file": image["path"],
                    "filesize": 4000 + rnd.randint(0, 4000),
                    "sizes": {
                        "thumbnail": {
                            "file": f"{image['name']}-150x150.jpg",
                            "width": 150,
                            "height": 150,
                            "mime-type": "image/jpeg",
                        }
                    },
                    "image_meta": {"caption": caption, "credit": image["credit"], "title": ""},
                }
            ),
        )
        self.meta(w, "_wp_attachment_image_alt", image["alt"])
        if image["credit"]:
            self.meta(w, "_media_credit", image["credit"])
        w.line("</item>", 1)
        self.attachments_written += 1
        wanted = self.args.with_media
        if wanted is not None and (wanted < 0 or self.media_written < wanted):
            self.write_jpeg(image)

    def write_jpeg(self, image):
        from PIL import Image, ImageDraw

        path = Path(self.args.uploads_dir) / image["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        n = image["id"]
        # A background colour of its own (the id's 24 bits) keeps every file distinct.
        shade = ((n * 2654435761) & 0xFFFFFF).to_bytes(3, "big")
        picture = Image.new("RGB", image["size"], tuple(shade))
        draw = ImageDraw.Draw(picture)
        local = random.Random(f"{self.args.seed}-{n}")
        for _ in range(6):
            x0, y0 = local.randrange(image["size"][0]), local.randrange(image["size"][1])
            box = (x0, y0, x0 + local.randint(20, 120), y0 + local.randint(20, 90))
            draw.rectangle(box, fill=tuple(local.randrange(256) for _ in range(3)))
        picture.save(path, "JPEG", quality=80)
        self.media_written += 1
        self.media_bytes += path.stat().st_size

    def write_comments(self, w, post):
        rnd, lang = self.rnd, post["lang"]
        thread = []  # (id, depth) of this post's comments so far
        when = post["date"]
        for _ in range(post["comments"]):
            comment_id = self.next_comment
            self.next_comment += 1
            when = min(when + timedelta(minutes=rnd.randint(1, 600)), EXPORTED)
            approved = rnd.choices([a for a, _ in APPROVALS], [w for _, w in APPROVALS])[0]
            kind = "comment"
            parent, depth = 0, 0
            if thread and rnd.random() < 0.3:
                parent, depth = rnd.choice(thread[-10:])
                depth += 1
                if depth > 4:
                    parent, depth = 0, 0
            elif rnd.random() < 0.01:
                kind = "pingback"
            user = rnd.choice(self.authors) if rnd.random() < 0.03 else None
            name = user["name"] if user else self.person(lang)
            if kind == "pingback":
                name, content = "Another Blog", f"[&#8230;] {self.sentence('en', 5, 10)} [&#8230;]"
                url = f"https://blog{comment_id % 50}.example.net/{comment_id}/"
            else:
                content = "\n\n".join(self.sentence(lang, 5, 25) for _ in range(rnd.randint(1, 3)))
                url = "" if rnd.random() < 0.8 else f"https://reader{comment_id % 97}.example.com"
            w.line("<wp:comment>", 2)
            w.tag("wp:comment_id", comment_id, 3, raw=True)
            w.tag("wp:comment_author", name, 3)
            w.tag("wp:comment_author_email", f"reader{comment_id % 5000}@example.com", 3)
            w.tag("wp:comment_author_url", url, 3, raw=True)
            w.tag("wp:comment_author_IP", self.ip(comment_id), 3)
            w.tag("wp:comment_date", wp_date(when + TZ), 3)
            w.tag("wp:comment_date_gmt", wp_date(when), 3)
            w.tag("wp:comment_content", content, 3)
            w.tag("wp:comment_approved", approved, 3)
            w.tag("wp:comment_type", kind, 3)
            w.tag("wp:comment_parent", parent, 3, raw=True)
            w.tag("wp:comment_user_id", user["id"] if user else 0, 3, raw=True)
            if approved in ("1", "0") and rnd.random() < 0.1:
                w.line("<wp:commentmeta>", 3)
                w.tag("wp:meta_key", "akismet_result", 4)
                w.tag("wp:meta_value", "false", 4)
                w.line("</wp:commentmeta>", 3)
            w.line("</wp:comment>", 2)
            if kind == "comment":
                thread.append((comment_id, depth))

    def ip(self, n):
        """Addresses from the documentation ranges (RFC 5737, RFC 3849): nobody's."""
        if n % 7 == 0:
            return f"2001:db8::{n % 65536:x}"
        return f"{('192.0.2', '198.51.100', '203.0.113')[n % 3]}.{n % 254 + 1}"

    def run(self, out):
        posts = self.plan()
        if self.args.wpml:
            self.wpml_groups = {}
            for number, group in enumerate(self.groups, start=1):
                for post in group:
                    self.wpml_groups[post["id"]] = (number, group[0]["lang"])
        w = Writer(out)
        self.write_header(w, posts)
        self.write_pages(w)
        for post in posts:
            self.write_post(w, post)
        self.write_menu(w)
        w.line("</channel>")
        w.line("</rss>")
        statuses = {}
        for post in posts:
            statuses[post["status"]] = statuses.get(post["status"], 0) + 1
        return {
            "posts": len(posts),
            "pages": self.args.pages,
            "attachments": self.attachments_written,
            "menu_items": self.menu_items,
            "comments": self.next_comment - 1,
            "translation_groups": len(self.groups),
            "authors": len(self.authors),
            "statuses": statuses,
            "media_files": self.media_written,
            "media_bytes": self.media_bytes,
        }


def generate(out_path, **options):
    """Write an export to out_path; options as the command line's (posts, comments, ...).
    Returns counts of what it holds, with `seconds` and `bytes`."""
    defaults = vars(parser().parse_args(["--out", str(out_path)]))
    args = argparse.Namespace(**{**defaults, **options})
    if args.polylang and args.wpml:
        raise ValueError("--polylang and --wpml exclude each other")
    if args.with_media is not None and not args.uploads_dir:
        raise ValueError("--with-media needs --uploads-dir")
    started = time.monotonic()
    with open(out_path, "w", encoding="utf-8", newline="", buffering=1 << 20) as out:
        summary = Generator(args).run(out)
    summary["seconds"] = round(time.monotonic() - started, 2)
    summary["bytes"] = Path(out_path).stat().st_size
    return summary


def media_count(text):
    return -1 if text == "all" else int(text)


def parser():
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--posts", type=int, default=20000)
    p.add_argument("--comments", type=int, default=100000)
    p.add_argument("--pages", type=int, default=10)
    p.add_argument("--authors", type=int, default=0, help="default: 2 to 10, from the seed")
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=15)
    p.add_argument("--site-url", default="https://almina.example")
    p.add_argument("--polylang", action="store_true", help="Polylang language and groups")
    p.add_argument("--wpml", action="store_true", help="WPML Export and Import meta instead")
    p.add_argument(
        "--with-media",
        type=media_count,
        default=None,
        metavar="N",
        help="write JPEGs for the first N attachments (`all` for every one)",
    )
    p.add_argument("--uploads-dir", default="", help="where --with-media writes (YYYY/MM/...)")
    return p


def main():
    args = parser().parse_args()
    options = {k: v for k, v in vars(args).items() if k != "out"}
    try:
        summary = generate(args.out, **options)
    except ValueError as error:
        sys.exit(str(error))
    size = summary["bytes"] / 1e6
    print(
        f"{args.out}: {size:.1f} MB, {summary['posts']:,} posts, {summary['pages']} pages, "
        f"{summary['attachments']:,} attachments, {summary['comments']:,} comments, "
        f"{summary['translation_groups']:,} translation pairs, {summary['authors']} authors, "
        f"{summary['media_files']:,} JPEGs; {summary['seconds']} s",
        file=sys.stderr,
    )
    return summary


if __name__ == "__main__":
    main()
