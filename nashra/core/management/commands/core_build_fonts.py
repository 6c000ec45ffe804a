"""Build the site's self-hosted WOFF2 faces from Debian's fonts-noto-core (docs/operators/
typography.md): subsets of Noto Naskh Arabic and Noto Serif holding only what Nashra's pages
need, renamed "Nashra Naskh" and "Nashra Serif" (a modified OFL font takes a name of its own).

The Arabic face keeps the shaping features (init/medi/fina/isol, rlig, liga, mark/mkmk) and the
presentation forms; its Western digits are scaled down to the height of its Arabic-Indic ones,
so that numbers in an Arabic headline do not tower over the letters, with the signs written
beside them (% + - /) taken from Noto Serif at the same scale. Hinting is dropped:
browsers render outlines unhinted on phones anyway, and it is a third of the bytes.

The output is byte-for-byte reproducible for the same source fonts and fontTools version
(pinned in requirements.lock): run it again and `git diff --stat` shows nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

import nashra

SOURCE_DIR = Path("/usr/share/fonts/truetype/noto")
OUTPUT_DIR = Path(nashra.__file__).resolve().parent / "static" / "fonts"

# unicode-range values, shared with the @font-face rules in site.css (a test compares them).
# Arabic as Nashra writes it: the letters, harakat, digits and punctuation of U+0600-0671,
# the letters Arabic borrows for foreign names (پ چ ژ ڤ گ) and those of Persian text pasted
# in (ک ی ۔ ۰-۹), the basic presentation forms (legacy text) and ﷲ. The rest of the block
# (Urdu, Sindhi, Quranic marks) and Presentation Forms-A would add 15 KB a face.
ARABIC_LETTERS = (
    "U+0600-0671, U+067E, U+0686, U+0698, U+06A4, U+06A9, U+06AF, U+06CC, U+06D4, U+06F0-06F9, "
    "U+FDF2, U+FE70-FEFF"
)
ARABIC_RANGE = (
    "U+0020-0021, U+0025, U+002B-002F, U+0030-003A, U+00A0, U+00AB, U+00BB, "
    "U+200C-200F, U+2010-2011, U+25CC, " + ARABIC_LETTERS
)
LATIN_RANGE = (
    "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, "
    "U+2000-206F, U+20AC, U+2122, U+2212, U+FEFF, U+FFFD"
)
ARABIC_FEATURES = "ccmp,locl,isol,init,medi,fina,rlig,liga,calt,mark,mkmk,kern,tnum"
LATIN_FEATURES = "ccmp,locl,liga,kern,mark,mkmk,lnum,tnum"
# Noto Naskh's Western digits stand 714 units tall, its Arabic-Indic ones 568-585 and an alif
# 671: scaled so, they sit with the letters.
ARABIC_DIGIT_SCALE = 0.82
BORROWED_SIGNS = "%+-/"

FACES = [
    # (output, source, family, style name, unicode range, features, scale digits)
    ("nashra-naskh-regular", "NotoNaskhArabic-Regular", "Nashra Naskh", "Regular"),
    ("nashra-naskh-bold", "NotoNaskhArabic-Bold", "Nashra Naskh", "Bold"),
    ("nashra-serif-regular", "NotoSerif-Regular", "Nashra Serif", "Regular"),
    ("nashra-serif-bold", "NotoSerif-Bold", "Nashra Serif", "Bold"),
    ("nashra-serif-italic", "NotoSerif-Italic", "Nashra Serif", "Italic"),
]


def unicodes(ranges):
    codes = []
    for part in ranges.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        codes.extend(range(int(first, 16), int(last or first, 16) + 1))
    return codes


def _put_scaled(font, name, source_glyphs, source_name, width, factor):
    from fontTools.pens.transformPen import TransformPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(source_glyphs)
    source_glyphs[source_name].draw(TransformPen(pen, (factor, 0, 0, factor, 0, 0)))
    glyph = pen.glyph()
    glyph.recalcBounds(font["glyf"])
    font["glyf"][name] = glyph
    font["hmtx"][name] = (round(width * factor), glyph.xMin)


def scale_digits(font, factor, latin):
    """Western digits at `factor`, and the signs written with them that Noto Naskh lacks
    (% + - /) borrowed from Noto Serif of the same weight at the same scale."""
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    for code in range(0x30, 0x3A):
        name = cmap[code]
        _put_scaled(font, name, glyphs, name, font["hmtx"][name][0], factor)
    latin_glyphs, latin_cmap = latin.getGlyphSet(), latin.getBestCmap()
    order = font.getGlyphOrder()
    for char in BORROWED_SIGNS:
        source = latin_cmap[ord(char)]
        name = f"nashra.{source}"
        order.append(name)
        font.setGlyphOrder(order)
        _put_scaled(font, name, latin_glyphs, source, latin["hmtx"][source][0], factor)
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[ord(char)] = name


def rename(font, family, style):
    """The family name readers' browsers see: Nashra's, with Noto's copyright and licence."""
    full = f"{family} {style}"
    postscript = full.replace(" ", "-")
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            names.removeNames(nameID=record.nameID)
    for name_id, value in ((1, family), (2, style), (3, f"Nashra;{postscript}"), (4, full)):
        names.setName(value, name_id, 3, 1, 0x409)
    names.setName(postscript, 6, 3, 1, 0x409)
    names.removeNames(platformID=1)


class Command(BaseCommand):
    help = "Build nashra/static/fonts/*.woff2 from Debian's fonts-noto-core."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=Path, default=SOURCE_DIR)
        parser.add_argument("--output", type=Path, default=OUTPUT_DIR)

    def handle(self, source, output, **options):
        try:
            from fontTools import subset
            from fontTools.ttLib import TTFont
        except ImportError as error:
            raise CommandError("fontTools is a build dependency: pip install fonttools") from error
        output.mkdir(parents=True, exist_ok=True)
        for out, src, family, style in FACES:
            path = source / f"{src}.ttf"
            if not path.exists():
                raise CommandError(f"{path} is missing: apt-get install fonts-noto-core")
            arabic = family == "Nashra Naskh"
            options = subset.Options()
            options.flavor = "woff2"
            options.layout_features = (ARABIC_FEATURES if arabic else LATIN_FEATURES).split(",")
            options.hinting = False
            options.drop_tables += ["DSIG", "gasp"]
            options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
            options.notdef_outline = True
            options.recalc_timestamp = False
            font = TTFont(path, recalcTimestamp=False)
            if arabic:
                latin = TTFont(source / f"NotoSerif-{style}.ttf", recalcTimestamp=False)
                scale_digits(font, ARABIC_DIGIT_SCALE, latin)
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=unicodes(ARABIC_RANGE if arabic else LATIN_RANGE))
            subsetter.subset(font)
            rename(font, family, style)
            target = output / f"{out}.woff2"
            font.flavor = "woff2"
            font.save(target, reorderTables=False)
            self.stdout.write(f"{target.name}: {target.stat().st_size} bytes")
