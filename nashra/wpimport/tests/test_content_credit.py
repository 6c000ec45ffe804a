import pytest

from nashra.wpimport.content import parse_credit


@pytest.mark.parametrize(
    "caption,expected",
    [
        ("Boats at dawn. [Hind Saleh/AFP]", ("Boats at dawn.", "Hind Saleh", "AFP")),
        ("Boats at dawn [Hind Saleh]", ("Boats at dawn", "Hind Saleh", "")),
        ("Boats at dawn [AFP]", ("Boats at dawn", "", "AFP")),
        ("Boats at dawn [Reuters]", ("Boats at dawn", "", "Reuters")),
        ("Boats at dawn. Photo: Ali Hassan/Reuters", ("Boats at dawn.", "Ali Hassan", "Reuters")),
        ("Boats at dawn. Photo: Ali Hassan", ("Boats at dawn.", "Ali Hassan", "")),
        ("Boats at dawn — Photo by Ali Hassan", ("Boats at dawn", "Ali Hassan", "")),
        ("Boats at dawn (Photo: Sam Lee/AP)", ("Boats at dawn", "Sam Lee", "AP")),
        ("Boats at dawn. Credit: Getty Images", ("Boats at dawn.", "", "Getty Images")),
        ("Photo: Ali Hassan/Reuters", ("", "Ali Hassan", "Reuters")),
        ("Boats at dawn. Courtesy of the ministry", ("Boats at dawn.", "the ministry", "")),
        ("قوارب الصيد فجراً. تصوير: محمد علي/رويترز", ("قوارب الصيد فجراً.", "محمد علي", "رويترز")),
        ("قوارب الصيد فجراً (تصوير محمد علي)", ("قوارب الصيد فجراً", "محمد علي", "")),
        ("قوارب الصيد فجراً. الصورة: وكالة الأنباء", ("قوارب الصيد فجراً.", "", "وكالة الأنباء")),
        ("قوارب الصيد فجراً [هند صالح/أ ف ب]", ("قوارب الصيد فجراً", "هند صالح", "أ ف ب")),
    ],
)
def test_credits_are_taken_off_the_caption(caption, expected):
    assert parse_credit(caption) == expected


@pytest.mark.parametrize(
    "caption",
    [
        "",
        "Image processing in the port's new lab",
        "A photo of the harbour",
        "He said it was [sic] finished",
        "Protesters (left) and police",
    ],
)
def test_captions_without_a_credit_are_left_alone(caption):
    assert parse_credit(caption) == (caption, "", "")


def test_an_editorial_bracket_at_the_end_is_not_a_credit():
    assert parse_credit("It was finished [sic]") == ("It was finished [sic]", "", "")
