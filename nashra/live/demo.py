# ruff: noqa: E501 - the demo's prose, one sentence a line
"""The demo's live coverage: one developing story in both editions, as twins, with its
entries (idempotent: a page that exists is left as it is)."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale
from wagtail.rich_text import RichText

from nashra.images.models import NashraImage
from nashra.news.demo.loader import _translation_key
from nashra.news.demo.pictures import draw_picture
from nashra.news.models import ArticleAuthor, AuthorPage, SectionPage

from .models import LiveEntry, LivePage

IMAGE_TITLE = "live: Ras al-Nakhl fuel depot fire"


def _lead_image():
    """The live page's lead picture, drawn once (like the demo articles' pictures)."""
    image = NashraImage.objects.filter(title=IMAGE_TITLE).first()
    if image is None:
        image = NashraImage(
            title=IMAGE_TITLE,
            alt_text="Smoke rising over fuel tanks on a harbour front at dusk",
            photographer="",
            agency="Nashra",
            rights_notes="Original illustration drawn for the Nashra demo. Free to reuse.",
        )
        data = draw_picture("depot-fire", "harbour", ["#3d2b1f", "#e85d04", "#f4e9dc"])
        name = "live-depot-fire.jpg"
        image.file = ImageFile(ContentFile(data, name=name), name=name)
        image.save()
    return image


SLUG = "fire-at-ras-al-nakhl-fuel-depot-live"
AUTHORS = {"en": ["layla-haddad", "omar-saadi"], "ar": ["layla-haddad", "omar-saadi"]}
PAGE = {
    "en": {
        "title": "Live: fire at the Ras al-Nakhl fuel depot",
        "standfirst": "A fire broke out at the coastal fuel depot before dawn. Our reporters "
        "follow the evacuation, the firefighting and the questions about safety at the port.",
        "summary": "What we know: a fire started in a storage tank at the Ras al-Nakhl depot "
        "at about 4:40. Nearby streets were evacuated; no deaths have been reported.",
    },
    "ar": {
        "title": "مباشر: حريق في مستودع الوقود في رأس النخل",
        "standfirst": "اندلع حريق في مستودع الوقود الساحلي قبل الفجر. يتابع مراسلونا "
        "عمليات الإخلاء والإطفاء والأسئلة المطروحة عن السلامة في الميناء.",
        "summary": "ما نعرفه حتى الآن: بدأ الحريق في أحد خزانات مستودع رأس النخل نحو "
        "الساعة الرابعة وأربعين دقيقة فجرًا. أُخليت الشوارع المجاورة، ولم يُبلَّغ عن وفيات.",
    },
}
# (minutes after the start, key event, pinned, English (title, text), Arabic (title, text))
ENTRIES = [
    (
        0,
        True,
        False,
        (
            "Fire reported at the depot",
            "Residents of Ras al-Nakhl report a loud bang and flames rising from the fuel depot by the harbour.",
        ),
        (
            "بلاغ عن حريق في المستودع",
            "أفاد سكان في رأس النخل بسماع دويّ قوي ورؤية ألسنة لهب تتصاعد من مستودع الوقود قرب الميناء.",
        ),
    ),
    (
        9,
        False,
        False,
        ("", "The civil defence says four fire engines are on their way from Qadira."),
        ("", "قال الدفاع المدني إن أربع سيارات إطفاء في طريقها من القديرة."),
    ),
    (
        17,
        False,
        False,
        (
            "",
            "Smoke can be seen from the coast road. Police have closed the road between the harbour and the fish market.",
        ),
        ("", "يُرى الدخان من الطريق الساحلي. وأغلقت الشرطة الطريق بين الميناء وسوق السمك."),
    ),
    (
        25,
        True,
        False,
        (
            "Nearby streets evacuated",
            "Police are asking families in the three streets closest to the depot to leave their homes. A school hall has been opened for them.",
        ),
        (
            "إخلاء الشوارع المجاورة",
            "تطلب الشرطة من العائلات في الشوارع الثلاثة الأقرب إلى المستودع مغادرة منازلها. وفُتحت قاعة مدرسة لاستقبالهم.",
        ),
    ),
    (
        34,
        False,
        False,
        (
            "",
            "A depot worker tells our reporter the fire began in one tank during a night delivery. We have not been able to confirm this.",
        ),
        (
            "",
            "قال عامل في المستودع لمراسلنا إن الحريق بدأ في أحد الخزانات خلال عملية تفريغ ليلية. لم نتمكن من التحقق من ذلك.",
        ),
    ),
    (
        42,
        False,
        False,
        (
            "",
            "The harbour master has stopped all boats from entering the port until further notice.",
        ),
        ("", "أوقف مدير الميناء دخول جميع القوارب إلى الميناء حتى إشعار آخر."),
    ),
    (
        55,
        False,
        False,
        (
            "Two workers treated for smoke",
            "The hospital in Qadira says two depot workers were brought in with breathing problems. Both are in a stable condition.",
        ),
        (
            "علاج عاملَين من استنشاق الدخان",
            "قال مستشفى القديرة إن عاملَين في المستودع نُقلا إليه وهما يعانيان صعوبة في التنفس، وحالتهما مستقرة.",
        ),
    ),
    (
        63,
        False,
        False,
        ("", "Firefighters are spraying water on the neighbouring tanks to keep them cool."),
        ("", "يرشّ رجال الإطفاء المياه على الخزانات المجاورة لتبريدها."),
    ),
    (
        71,
        False,
        False,
        ("", "Schools in Ras al-Nakhl will stay closed today, the education office says."),
        ("", "قال مكتب التعليم إن مدارس رأس النخل ستبقى مغلقة اليوم."),
    ),
    (
        80,
        False,
        False,
        ("", "The wind is blowing the smoke out to sea, which the civil defence says is helping."),
        ("", "تدفع الرياح الدخان نحو البحر، وهو ما يقول الدفاع المدني إنه يساعد في العمل."),
    ),
    (
        92,
        False,
        False,
        (
            "What residents are saying",
            "“We woke up to the windows shaking,” says a fisherman who lives two streets away. “We took the children and left.”",
        ),
        (
            "ماذا يقول السكان",
            "قال صياد يسكن على بُعد شارعين: «استيقظنا على اهتزاز النوافذ، فأخذنا الأطفال وخرجنا».",
        ),
    ),
    (
        104,
        False,
        False,
        ("", "The governor has arrived at the depot and is meeting the fire chief."),
        ("", "وصل المحافظ إلى المستودع ويجتمع الآن بقائد الإطفاء."),
    ),
    (
        118,
        False,
        False,
        ("", "The depot company says all its staff on the night shift are accounted for."),
        ("", "قالت الشركة المشغّلة للمستودع إن جميع موظفي المناوبة الليلية معروفو المكان."),
    ),
    (
        131,
        False,
        False,
        ("", "Drivers are being sent inland: the coast road stays closed in both directions."),
        ("", "تُحوَّل السيارات إلى الطرق الداخلية، ويبقى الطريق الساحلي مغلقًا في الاتجاهين."),
    ),
    (
        146,
        False,
        False,
        (
            "",
            "Fishermen gathered at the harbour wall say they fear for their boats moored near the depot.",
        ),
        ("", "يقول صيادون تجمّعوا عند سور الميناء إنهم يخشون على قواربهم الراسية قرب المستودع."),
    ),
    (
        160,
        False,
        False,
        (
            "Air quality warning",
            "The health ministry advises people with asthma in Ras al-Nakhl and the nearby villages to stay indoors and keep windows shut.",
        ),
        (
            "تحذير من تلوّث الهواء",
            "تنصح وزارة الصحة المصابين بالربو في رأس النخل والقرى المجاورة بالبقاء في منازلهم وإغلاق النوافذ.",
        ),
    ),
    (
        175,
        False,
        False,
        ("", "A second team of firefighters has arrived from the airport's own fire station."),
        ("", "وصل فريق إطفاء ثانٍ من محطة الإطفاء التابعة للمطار."),
    ),
    (
        189,
        True,
        False,
        (
            "Fire under control",
            "The fire chief says the fire is under control and has not spread to the other tanks. Firefighters will stay through the night.",
        ),
        (
            "السيطرة على الحريق",
            "قال قائد الإطفاء إن الحريق بات تحت السيطرة ولم يمتدّ إلى الخزانات الأخرى، وسيبقى رجال الإطفاء في الموقع طوال الليل.",
        ),
    ),
    (
        203,
        False,
        False,
        (
            "",
            "The smoke over the harbour is thinner now; from the coast road the flames are no longer visible.",
        ),
        ("", "خفّ الدخان فوق الميناء، ولم تعد ألسنة اللهب تُرى من الطريق الساحلي."),
    ),
    (
        218,
        False,
        False,
        ("", "The interior ministry has opened an inquiry into the cause of the fire."),
        ("", "فتحت وزارة الداخلية تحقيقًا في أسباب الحريق."),
    ),
    (
        232,
        False,
        False,
        (
            "Questions about the depot",
            "Residents have complained about the depot for years. In 2024 the municipality asked for a new safety study; we are asking whether it was done.",
        ),
        (
            "أسئلة عن المستودع",
            "يشكو السكان من المستودع منذ سنوات. وفي عام 2024 طلبت البلدية دراسة سلامة جديدة؛ ونسأل الآن هل أُجريت.",
        ),
    ),
    (
        247,
        False,
        False,
        (
            "",
            "Fuel deliveries to petrol stations in the south may be late this week, the depot company warns.",
        ),
        ("", "حذّرت الشركة المشغّلة من أن إمدادات الوقود لمحطات الجنوب قد تتأخر هذا الأسبوع."),
    ),
    (
        261,
        False,
        False,
        (
            "",
            "Families evacuated this morning may go home from 6 pm, police say, except in the street next to the depot.",
        ),
        (
            "",
            "قالت الشرطة إن العائلات التي أُخليت صباحًا يمكنها العودة ابتداءً من السادسة مساءً، باستثناء الشارع الملاصق للمستودع.",
        ),
    ),
    (
        276,
        False,
        False,
        ("", "The harbour has reopened to fishing boats; larger ships must still wait."),
        ("", "أُعيد فتح الميناء أمام قوارب الصيد، فيما لا يزال على السفن الكبيرة الانتظار."),
    ),
    (
        290,
        False,
        True,
        (
            "Where things stand",
            "The fire is under control; two workers were treated in hospital; most residents can go home this evening. The coast road stays closed. We will keep this page updated.",
        ),
        (
            "آخر المستجدات باختصار",
            "الحريق تحت السيطرة، وعولج عاملان في المستشفى، ويمكن لمعظم السكان العودة إلى منازلهم مساء اليوم. ويبقى الطريق الساحلي مغلقًا. سنواصل تحديث هذه الصفحة.",
        ),
    ),
]


def load(now=None):
    """Create the live page in each edition (once) with its entries; returns how many pages
    were made."""
    made = 0
    start = (now or timezone.now()).replace(second=0, microsecond=0) - timedelta(hours=5)
    with transaction.atomic():
        for lang in ("en", "ar"):
            locale = Locale.objects.get(language_code=lang)
            section = SectionPage.objects.filter(locale=locale, slug="security").first()
            if section is None or LivePage.objects.child_of(section).filter(slug=SLUG).exists():
                continue
            authors = list(
                AuthorPage.objects.filter(locale=locale, slug__in=AUTHORS[lang]).order_by("slug")
            )
            text = PAGE[lang]
            page = LivePage(
                title=text["title"],
                slug=SLUG,
                locale=locale,
                translation_key=_translation_key("live", "depot-fire"),
                standfirst=text["standfirst"],
                search_description=text["standfirst"][:300],
                dateline="رأس النخل" if lang == "ar" else "Ras al-Nakhl",
                coverage_start=start,
                lead_image=_lead_image(),
                body=[("paragraph", RichText(f"<p>{text['summary']}</p>"))],
            )
            page.article_authors = [
                ArticleAuthor(author=a, sort_order=i) for i, a in enumerate(authors)
            ]
            section.add_child(instance=page)
            page.save_revision().publish()
            for i, (minutes, key, pinned, en, ar) in enumerate(ENTRIES):
                title, words = en if lang == "en" else ar
                entry = LiveEntry.objects.create(
                    page=page,
                    posted_at=start + timedelta(minutes=minutes),
                    title=title,
                    body=[("paragraph", RichText(f"<p>{words}</p>"))],
                    key_event=key,
                    pinned=pinned,
                )
                if authors:
                    entry.authors.add(authors[i % len(authors)])
            made += 1
    return made
