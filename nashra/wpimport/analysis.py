"""The dry run: what a WordPress export holds, read once and written nowhere.

`analyse(path, uploads_dir=None)` returns a JSON-safe dict (the admin stores it on the run);
`render_analysis_text(analysis)` prints it for the console.
"""

from collections import Counter
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .content import KNOWN_BLOCKS, KNOWN_SHORTCODES
from .content.scan import find_block_names, find_shortcodes
from .translations import POLYLANG_TAXONOMIES, TranslationIndex
from .wxr import WxrAuthor, WxrHeader, WxrItem, WxrProblem, WxrTerm, iter_wxr

NO_LANGUAGE = "none"
# Items the import never turns into pages, so their content is not scanned.
_NOT_CONTENT_TYPES = frozenset({"attachment", "nav_menu_item", "revision", "customize_changeset"})
_NOT_CONTENT_STATUSES = frozenset({"trash", "auto-draft", "inherit"})
_UPLOADS_MARKER = "/wp-content/uploads/"


def upload_path_for(uploads_dir, url, attached_file=""):
    """Where an upload's file lies in a copied wp-content/uploads folder, or None if the
    address does not point into it (or would lead outside it)."""
    relative = ""
    path = unquote(urlsplit(url or "").path)
    if _UPLOADS_MARKER in path:
        relative = path.split(_UPLOADS_MARKER, 1)[1]
    elif attached_file:
        relative = attached_file.strip()
    parts = PurePosixPath(relative).parts
    if not parts or any(part in ("..", "") for part in parts) or parts[0] == "/":
        return None
    root = Path(uploads_dir).resolve()
    candidate = root.joinpath(*parts).resolve()
    return candidate if candidate.is_relative_to(root) else None


def _unmatched_reason(item, uploads_dir):
    url = item.attachment_url or item.guid
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return "not an http or https address"
    if uploads_dir is None:
        return None
    path = upload_path_for(uploads_dir, url, item.meta_value("_wp_attached_file"))
    if path is None:
        return "not under wp-content/uploads"
    if not path.is_file():
        return "missing from the uploads folder"
    return None


def _ranked(counter):
    return dict(sorted(counter.items(), key=lambda pair: (-pair[1], str(pair[0]))))


def _split_known(counter, known):
    return {
        "unknown": _ranked(Counter({k: v for k, v in counter.items() if k not in known})),
        "known": _ranked(Counter({k: v for k, v in counter.items() if k in known})),
    }


def analyse(path, *, uploads_dir=None):
    """Read the export at `path` (or a binary file) and describe it; see the module docstring."""
    header = None
    index = TranslationIndex()
    authors, terms, problems, unmatched = [], [], [], []
    items = []  # (wp id, post type, status) of every item, for counting once languages are known
    posts_by_login, coauthored = Counter(), Counter()
    term_use = Counter()  # (taxonomy, slug) -> posts
    shortcodes, blocks, meta_keys, comments = Counter(), Counter(), Counter(), Counter()
    attachments = term_count = 0

    for obj in iter_wxr(path):
        if isinstance(obj, WxrHeader):
            header = obj
        elif isinstance(obj, WxrAuthor):
            authors.append(obj)
        elif isinstance(obj, WxrTerm):
            term_count += 1
            index.add_term(obj)
            if obj.taxonomy not in POLYLANG_TAXONOMIES:  # those are summed up by the index
                terms.append(obj)
        elif isinstance(obj, WxrProblem):
            problems.append({"line": obj.line, "reason": obj.reason})
        elif isinstance(obj, WxrItem):
            index.add_item(obj)
            items.append((obj.id, obj.post_type, obj.status))
            meta_keys.update(obj.meta.keys())
            if obj.post_type == "attachment":
                attachments += 1
                reason = _unmatched_reason(obj, uploads_dir)
                if reason:
                    unmatched.append({"wp_id": obj.id, "url": obj.attachment_url, "reason": reason})
                continue
            if obj.post_type in ("post", "page"):
                posts_by_login[obj.creator] += 1
            for term in obj.terms:
                term_use[(term.domain, term.slug)] += 1
                if term.domain == "author":
                    coauthored[term.slug] += 1
            for comment in obj.comments:
                comments[_comment_state(comment)] += 1
            if obj.post_type not in _NOT_CONTENT_TYPES and obj.status not in _NOT_CONTENT_STATUSES:
                shortcodes.update(find_shortcodes(obj.content))
                blocks.update(find_block_names(obj.content))

    by_kind = Counter()
    languages = Counter()
    ids = Counter(wp_id for wp_id, _, _ in items)
    for wp_id, count in sorted(ids.items()):
        if count > 1:
            problems.append(
                {"line": None, "reason": f"item {wp_id} appears {count} times in the file"}
            )
    for wp_id, post_type, status in items:
        language = index.language_of(wp_id) or NO_LANGUAGE
        by_kind[(post_type, status, language)] += 1
        if post_type in ("post", "page"):
            languages[language] += 1

    return {
        "site": {
            "title": header.title if header else "",
            "link": header.link if header else "",
            "base_site_url": header.base_site_url if header else "",
            "base_blog_url": header.base_blog_url if header else "",
            "language": header.language if header else "",
            "wxr_version": header.wxr_version if header else "",
        },
        "totals": {
            "items": len(items),
            "authors": len(authors),
            "terms": term_count,
            "comments": sum(comments.values()),
            "attachments": attachments,
            "problems": len(problems),
        },
        "items": [
            {"post_type": post_type, "status": status, "language": language, "count": count}
            for (post_type, status, language), count in sorted(by_kind.items())
        ],
        "authors": _authors(authors, posts_by_login, coauthored),
        "taxonomies": _taxonomies(terms, term_use),
        "shortcodes": {
            "unknown": _ranked(
                Counter({k: v for k, v in shortcodes.items() if k not in KNOWN_SHORTCODES})
            ),
            "known": _ranked(
                Counter({k: v for k, v in shortcodes.items() if k in KNOWN_SHORTCODES})
            ),
        },
        "blocks": {
            "unknown": _ranked(Counter({k: v for k, v in blocks.items() if k not in KNOWN_BLOCKS})),
            "known": _ranked(Counter({k: v for k, v in blocks.items() if k in KNOWN_BLOCKS})),
        },
        "postmeta_keys": _ranked(meta_keys),
        "attachments": {"total": attachments, "unmatched": unmatched},
        "comments": {state: comments[state] for state in _COMMENT_STATES},
        "translations": {
            "plugin": index.plugin,
            "languages": _ranked(languages),
            "groups": len(index.groups()),
        },
        "problems": problems,
    }


_COMMENT_STATES = ("approved", "pending", "spam", "trash", "pingback", "other")


def _comment_state(comment):
    if comment.type in ("pingback", "trackback"):
        return "pingback"
    return {"1": "approved", "0": "pending", "spam": "spam", "trash": "trash"}.get(
        comment.approved, "other"
    )


def _authors(authors, posts_by_login, coauthored):
    rows, listed = [], set()
    for author in authors:
        listed.add(author.login)
        rows.append(
            {
                "login": author.login,
                "name": author.display_name or author.login,
                "posts": posts_by_login.get(author.login, 0),
                "coauthored": coauthored.get(f"cap-{author.login}", 0),
            }
        )
    # Posts whose dc:creator is not among the file's authors still need an author.
    for login, count in sorted(posts_by_login.items()):
        if login not in listed:
            rows.append({"login": login, "name": "", "posts": count, "coauthored": 0})
    return rows


def _taxonomies(terms, term_use):
    declared = {}
    for term in terms:
        if term.taxonomy in POLYLANG_TAXONOMIES:
            continue  # reported under translations
        declared.setdefault(term.taxonomy, {})[term.slug] = term
    used_only = {
        (taxonomy, slug)
        for taxonomy, slug in term_use
        if taxonomy not in POLYLANG_TAXONOMIES and slug not in declared.get(taxonomy, {})
    }
    for taxonomy, slug in used_only:
        declared.setdefault(taxonomy, {})[slug] = None
    result = {}
    for taxonomy in sorted(declared, key=lambda name: (name not in ("category", "post_tag"), name)):
        rows = []
        for slug, term in declared[taxonomy].items():
            rows.append(
                {
                    "slug": slug,
                    "name": term.name if term else "",
                    "parent": term.parent if term else "",
                    "count": term_use.get((taxonomy, slug), 0),
                }
            )
        result[taxonomy] = sorted(rows, key=lambda row: (-row["count"], row["slug"]))
    return result


def render_analysis_text(analysis):
    """The analysis as plain text for the console."""
    out = []
    site = analysis["site"]
    totals = analysis["totals"]
    out.append(f"WordPress export: {site['title'] or '(no title)'} <{site['base_site_url']}>")
    out.append(f"WXR version {site['wxr_version'] or '?'}, language {site['language'] or '?'}")
    out.append(
        "{items} items, {authors} authors, {terms} terms, {comments} comments, "
        "{attachments} attachments, {problems} problems".format(**totals)
    )

    out.append("")
    out.append("Items by type, status and language:")
    for row in analysis["items"]:
        out.append(
            f"  {row['post_type']:<16} {row['status']:<12} {row['language']:<6} {row['count']:>7}"
        )

    translations = analysis["translations"]
    out.append("")
    out.append(f"Translation plugin: {translations['plugin'] or 'none detected'}")
    languages = ", ".join(f"{lang} {n}" for lang, n in translations["languages"].items())
    out.append(f"  posts and pages by language: {languages or '-'}")
    out.append(f"  translation groups with twins in the file: {translations['groups']}")

    out.append("")
    out.append("Authors (login, name, posts, co-authored):")
    for author in analysis["authors"]:
        name = author["name"] or "(not in the file's author list)"
        out.append(
            f"  {author['login']:<20} {name:<30} {author['posts']:>6} {author['coauthored']:>6}"
        )

    out.append("")
    out.append("Taxonomies:")
    for taxonomy, rows in analysis["taxonomies"].items():
        used = sum(1 for row in rows if row["count"])
        out.append(f"  {taxonomy}: {len(rows)} terms, {used} in use")
        for row in rows[:15]:
            out.append(f"    {row['slug']:<30} {row['name']:<30} {row['count']:>6}")
        if len(rows) > 15:
            out.append(f"    ... and {len(rows) - 15} more")

    for label, key in (("Shortcodes", "shortcodes"), ("Gutenberg blocks", "blocks")):
        out.append("")
        unknown = analysis[key]["unknown"]
        out.append(f"{label} not converted (kept as cleaned HTML): {len(unknown)}")
        for name, count in unknown.items():
            out.append(f"  {name:<40} {count:>6}")
        known = ", ".join(f"{name} {count}" for name, count in analysis[key]["known"].items())
        out.append(f"  converted: {known or '-'}")

    out.append("")
    out.append("Comments: " + ", ".join(f"{k} {v}" for k, v in analysis["comments"].items()))

    attachments = analysis["attachments"]
    out.append("")
    out.append(
        f"Attachments: {attachments['total']}, cannot be matched: {len(attachments['unmatched'])}"
    )
    for row in attachments["unmatched"]:
        out.append(f"  {row['wp_id']:>8} {row['reason']}: {row['url']}")

    out.append("")
    out.append(f"Postmeta keys: {len(analysis['postmeta_keys'])}")
    for key, count in analysis["postmeta_keys"].items():
        out.append(f"  {key:<40} {count:>7}")

    if analysis["problems"]:
        out.append("")
        out.append(f"Problems: {len(analysis['problems'])}")
        for problem in analysis["problems"]:
            out.append(f"  line {problem['line'] or '?'}: {problem['reason']}")
    return "\n".join(out) + "\n"
