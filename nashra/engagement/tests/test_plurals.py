"""Counted words take the plural form their number needs: "1 reader" and "2 readers" in
English, and each of Arabic's six forms (none, one, two, few, many, other)."""

import pytest
from django.utils import translation

from nashra.engagement.bulk_actions import (
    ApproveBulkAction,
    BanBulkAction,
    RejectBulkAction,
    SpamBulkAction,
)
from nashra.engagement.reactions import Tally

COUNTS = (0, 1, 2, 3, 11, 100)

TALLY = {
    "en": {
        0: "0% of 0 readers liked this article.",
        1: "100% of 1 reader liked this article.",
        2: "50% of 2 readers liked this article.",
        3: "67% of 3 readers liked this article.",
        11: "9% of 11 readers liked this article.",
        100: "1% of 100 readers liked this article.",
    },
    "ar": {
        0: "أعجب هذا المقال 0% من القرّاء (لم يُجب أحد بعد).",
        1: "أعجب هذا المقال 100% من القرّاء (أجاب قارئ واحد).",
        2: "أعجب هذا المقال 50% من القرّاء (أجاب قارئان).",
        3: "أعجب هذا المقال 67% من القرّاء (أجاب 3 قرّاء).",
        11: "أعجب هذا المقال 9% من القرّاء (أجاب 11 قارئًا).",
        100: "أعجب هذا المقال 1% من القرّاء (أجاب 100 قارئ).",
    },
}


def _tally(total):
    yes = {0: 0, 1: 1, 2: 1, 3: 2, 11: 1, 100: 1}[total]
    return Tally(yes=yes, no=total - yes)


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("total", COUNTS)
def test_the_tally_sentence_agrees_with_its_count(lang, total):
    with translation.override(lang):
        assert _tally(total).sentence() == TALLY[lang][total]
        assert _tally(total).as_dict()["sentence"] == TALLY[lang][total]


def test_the_plural_rule_is_arabics_standard_one():
    from pathlib import Path

    po = Path(__file__).resolve().parents[3] / "locale/ar/LC_MESSAGES/django.po"
    assert (
        '"Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : '
        'n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5;\\n"' in po.read_text()
    )


@pytest.mark.parametrize(
    "action", [ApproveBulkAction, SpamBulkAction, RejectBulkAction, BanBulkAction]
)
def test_moderation_messages_have_every_form(action):
    with translation.override("en"):
        one = action.done_message % {"count": 1}
        two = action.done_message % {"count": 2}
    assert "(s)" not in one + two and one != two
    assert "1 comment " in one and "2 comments " in two
    with translation.override("ar"):
        forms = [str(action.done_message % {"count": n}) for n in COUNTS]
    assert len(set(forms)) == len(COUNTS), forms
    assert "(ات)" not in "".join(forms)
    assert "3" in forms[3] and "11" in forms[4] and "100" in forms[5]
    assert "تعليقًا" in forms[4]  # 11 to 99 take the accusative singular


def test_the_direction_character_notice_counts_properly():
    from django.utils.translation import ngettext

    singular = (
        "We removed %(count)s invisible text-direction control character from what you "
        "typed, so that your comment cannot change how the page reads."
    )
    plural = singular.replace("character ", "characters ")
    with translation.override("en"):
        one, two = (ngettext(singular, plural, n) % {"count": n} for n in (1, 2))
        assert "1 invisible text-direction control character " in one
        assert "2 invisible text-direction control characters " in two
    with translation.override("ar"):
        forms = [ngettext(singular, plural, n) % {"count": n} for n in COUNTS]
    assert len(set(forms)) == len(COUNTS) and singular not in forms and plural not in forms
