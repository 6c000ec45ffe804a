"""The analysis and the report as the admin shows them: tables of rows, whatever the depth of
the analysis' nested counts."""

from django.utils.translation import gettext_lazy as _

from .report import OUTCOMES

LINE_OUTCOMES = ("skipped", "failed", "note")
ROWS_SHOWN = 200

OUTCOME_LABELS = {
    "created": _("Created"),
    "updated": _("Updated"),
    "unchanged": _("Unchanged"),
    "skipped": _("Skipped"),
    "failed": _("Failed"),
    "note": _("Note"),
}

# The analysis' sections under their names in analysis.analyse(); any other key is shown
# under its own name.
ANALYSIS_LABELS = {
    "site": _("Site"),
    "counts": _("Posts by type, status and language"),
    "authors": _("Authors"),
    "taxonomies": _("Categories, tags and other taxonomies"),
    "terms": _("Categories, tags and other taxonomies"),
    "unknown_shortcodes": _("Unknown shortcodes"),
    "unknown_blocks": _("Unknown Gutenberg blocks"),
    "postmeta_keys": _("Custom fields (postmeta keys)"),
    "meta_keys": _("Custom fields (postmeta keys)"),
    "unmatched_attachments": _("Attachments that cannot be matched"),
    "translation_plugin": _("Translation plugin"),
    "problems": _("Problems in the file"),
}


def _flatten(value, path=()):
    """Nested dicts to rows of (key, key, ..., value)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flatten(inner, (*path, str(key)))
    else:
        yield (*path, value)


def _section(key, value):
    title = ANALYSIS_LABELS.get(key, key.replace("_", " "))
    if value in (None, "", [], {}):
        return {"title": title, "text": _("None"), "rows": []}
    if not isinstance(value, (dict, list)):
        return {"title": title, "text": str(value), "rows": []}
    if isinstance(value, list):
        if all(isinstance(item, dict) for item in value):
            headers = list(dict.fromkeys(k for item in value for k in item))
            rows = [[item.get(h, "") for h in headers] for item in value]
            return {"title": title, "headers": headers, "rows": rows}
        return {"title": title, "headers": [], "rows": [[item] for item in value]}
    rows = [list(row) for row in _flatten(value)]
    width = max(len(row) for row in rows)
    rows = [row[:-1] + [""] * (width - len(row)) + row[-1:] for row in rows]
    return {"title": title, "headers": [], "rows": rows}


def analysis_sections(analysis, limit=ROWS_SHOWN):
    """Each section of the analysis as a table; a long one (every unmatched attachment of a
    large site) is cut at `limit` rows, and says how many more the report would list."""
    sections = [_section(key, value) for key, value in analysis.items()]
    for section in sections:
        section["more"] = max(0, len(section["rows"]) - limit)
        section["rows"] = section["rows"][:limit]
    return sections


def report_counts(report):
    """kind x outcome, with the totals of each row and each column."""
    counts = report.get("counts", {})
    rows = []
    totals = [0] * (len(OUTCOMES) + 1)
    for kind, counter in sorted(counts.items()):
        cells = [counter.get(outcome, 0) for outcome in OUTCOMES]
        cells.append(sum(cells))
        rows.append((kind, cells))
        totals = [a + b for a, b in zip(totals, cells, strict=True)]
    return {
        "outcomes": [OUTCOME_LABELS[o] for o in OUTCOMES],
        "rows": rows,
        "totals": totals,
    }


def report_lines(report, outcome=""):
    lines = report.get("lines", [])
    return [line for line in lines if line["outcome"] == outcome] if outcome else lines
