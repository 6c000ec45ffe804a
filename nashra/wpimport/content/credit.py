"""Photo credits written into captions, in the ways outlets write them."""

import re

_COLON = r"(?:photo(?:graph)?s?(?:\s+credit)?|images?|pictures?|credits?|تصوير|الصورة|صورة|عدسة)"
_WORD = r"(?:photo(?:graph)?s?\s+by|courtesy\s+of|تصوير)"
_LEAD = rf"(?:{_COLON}\s*[:：]|{_WORD}\s)\s*"
# "… [Name/Agency]" at the very end.
BRACKETED = re.compile(r"\s*\[(?P<credit>[^\[\]]+)\]\s*$")
# "… (Photo: Name/Agency)", "… (تصوير محمد علي)".
PARENTHESIZED = re.compile(rf"\s*\(\s*{_LEAD}(?P<credit>[^()]+?)\s*\)\s*$", re.I)
# "… Photo: Name/Agency", "… — تصوير: فلان", or the whole caption.
TRAILING = re.compile(
    rf"(?:^|(?<=[.!?؟…»”\"'])\s*|\s+[—–|-]\s*|\s+)\(?{_LEAD}(?P<credit>.+?)\s*$", re.I
)
SPLIT = re.compile(r"\s*[/|]\s*")
KNOWN_AGENCIES = {"reuters", "getty images", "associated press", "رويترز", "أ ف ب"}
MAX_LENGTH = 120  # NashraImage.photographer and .agency


def _is_agency(name):
    latin = re.sub(r"[^A-Za-z]", "", name)
    return (
        name.lower() in KNOWN_AGENCIES
        or name.startswith("وكالة")
        or (len(latin) >= 2 and latin.isupper() and latin == re.sub(r"[^A-Za-z]", "", name))
    )


def parse_credit(caption):
    """(caption without its credit, photographer, agency); empty strings for what is absent.

    Understands a trailing "[Name/Agency]" or "[Name]", "Photo: Name/Agency", "Photo by
    Name", "Credit: …", "Courtesy of …", and the Arabic "تصوير: …", "(تصوير …)", "الصورة: …"."""
    text = (caption or "").strip()
    for pattern in (BRACKETED, PARENTHESIZED, TRAILING):
        match = pattern.search(text)
        if pattern is BRACKETED and match and match["credit"].islower():
            continue  # "[sic]", "[inaudible]": an editor's note, not a name
        if match and match["credit"].strip(" .:"):
            credit = match["credit"].strip(" .")
            text = text[: match.start()].rstrip(" \t\n-–—|,:;(")
            break
    else:
        return text, "", ""
    parts = [part for part in SPLIT.split(credit, maxsplit=1) if part]
    if len(parts) == 2:
        photographer, agency = parts
    elif _is_agency(parts[0]):
        photographer, agency = "", parts[0]
    else:
        photographer, agency = parts[0], ""
    return text, photographer[:MAX_LENGTH], agency[:MAX_LENGTH]
