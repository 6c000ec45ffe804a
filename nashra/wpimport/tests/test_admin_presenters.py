"""The analysis and the report as the admin's tables, whatever the analysis' shape."""

from django.utils import translation

from nashra.wpimport.presenters import analysis_sections, report_counts, report_lines


def test_nested_counts_become_rows_padded_to_the_deepest():
    (section,) = analysis_sections(
        {"counts": {"post": {"publish": {"ar": 2, "en": 1}}, "page": {"draft": 4}}}
    )
    assert section["rows"] == [
        ["post", "publish", "ar", 2],
        ["post", "publish", "en", 1],
        ["page", "draft", "", 4],
    ]


def test_each_shape_of_section():
    with translation.override("en"):
        plugin, authors, shortcodes, problems, custom = analysis_sections(
            {
                "translation_plugin": None,
                "authors": [{"login": "sami", "posts": 3}, {"login": "lina", "email": "l@x"}],
                "unknown_shortcodes": {"vc_row": 3},
                "problems": ["line 12: bad date"],
                "my_extra": 7,
            }
        )
        assert plugin["title"] == "Translation plugin" and plugin["text"] == "None"
    assert authors["headers"] == ["login", "posts", "email"]
    assert authors["rows"] == [["sami", 3, ""], ["lina", "", "l@x"]]
    assert shortcodes["rows"] == [["vc_row", 3]]
    assert problems["rows"] == [["line 12: bad date"]]
    assert custom["title"] == "my extra" and custom["text"] == "7"


def test_a_long_section_is_cut_and_says_how_many_more():
    (section,) = analysis_sections({"unmatched_attachments": list(range(250))}, limit=200)
    assert len(section["rows"]) == 200 and section["more"] == 50


def test_report_counts_add_up_by_kind_and_outcome():
    report = {
        "counts": {"post": {"created": 2, "failed": 1}, "comment": {"skipped": 4}},
        "lines": [
            {"kind": "post", "wp_id": "3", "outcome": "failed", "title": "", "reason": "x"},
            {"kind": "comment", "wp_id": "9", "outcome": "note", "title": "", "reason": "y"},
        ],
    }
    counts = report_counts(report)
    assert counts["rows"] == [("comment", [0, 0, 0, 4, 0, 4]), ("post", [2, 0, 0, 0, 1, 3])]
    assert counts["totals"] == [2, 0, 0, 4, 1, 7]
    assert [line["wp_id"] for line in report_lines(report, "note")] == ["9"]
    assert len(report_lines(report)) == 2
