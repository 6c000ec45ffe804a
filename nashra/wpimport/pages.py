"""A WordPress post or page, into an article or a standard page of its edition.

Statuses: publish -> live, first published when WordPress says; draft and pending -> a
draft; future -> scheduled for its date (the worker publishes it then); private and
password-protected -> a draft, never public, and reported; trash, auto-draft -> skipped.
A post imported before is updated as a new revision when its source changed, and left alone
(no new revision) when it did not.
"""

import logging
import re
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.blocks import StreamValue
from wagtail.models import Page

from nashra.news.models import ArticlePage, StandardPage
from nashra.news.models.article import ArticleAuthor

from . import comments, origin, redirects
from .content.context import ConversionContext
from .content.convert import convert_body
from .content.credit import parse_credit
from .editions import EDITION_LANGUAGES, page_slug, unique_child_slug
from .models import SourceKind
from .text import plain_text

logger = logging.getLogger(__name__)

SKIPPED_STATUSES = {
    "trash": "In the trash in WordPress",
    "auto-draft": "An auto-draft (WordPress's unsaved placeholder)",
    "inherit": "A revision of another item",
}
KINDS = {"post": SourceKind.POST, "page": SourceKind.PAGE}
TITLE_LENGTH = Page._meta.get_field("title").max_length
STANDFIRST_LENGTH = ArticlePage._meta.get_field("standfirst").max_length
SEO_TITLE_LENGTH = Page._meta.get_field("seo_title").max_length
YOAST_VARIABLE = re.compile(r"%%[a-z_]+%%")


@dataclass
class Outcome:
    page: object = None
    outcome: str = ""
    reason: str = ""
    deferred: bool = False


def meta_value(item, key):
    values = item.meta.get(key) or [""]
    return (values[-1] or "").strip()


def published_date(item):
    if item.date_gmt is not None:
        return item.date_gmt
    if item.date is not None:
        return timezone.make_aware(item.date)
    return None


class PageImporter:
    def __init__(self, source, index, editions, media, report, options):
        self.source = source
        self.index = index
        self.editions = editions
        self.media = media
        self.report = report
        self.options = options
        self.pending_links = set()  # ids whose bodies link to posts not imported yet
        self._forward_links = 0  # in the body being converted: links to posts still to come

    # The decision ------------------------------------------------------------------------

    def language(self, item):
        return self.index.translations.language_of(item.id) or self.options.default_locale

    def refusal(self, item):
        if item.status in SKIPPED_STATUSES:
            return SKIPPED_STATUSES[item.status]
        if item.status not in ("publish", "draft", "pending", "future", "private"):
            return f"Unknown status {item.status!r}"
        language = self.language(item)
        if language not in EDITION_LANGUAGES:
            return f"In {language!r}: the site has no edition in that language"
        return ""

    def source_digest(self, item):
        return origin.digest(
            item.post_type,
            item.status,
            item.title,
            item.slug,
            item.content,
            item.excerpt,
            item.date_gmt,
            item.date,
            item.parent,
            item.password,
            item.creator,
            sorted((t.domain, t.slug, t.name) for t in item.terms),
            {k: v for k, v in sorted(item.meta.items()) if not k.startswith("_edit_")},
            self.language(item),
        )

    def import_item(self, item, relink=False):
        """Import one post or page in its own transaction: all of it (page, bylines, tags,
        comments, redirects) or, on any failure, none of it."""
        kind = KINDS[item.post_type]
        reason = self.refusal(item)
        if reason:
            self.report.record(kind, "skipped", item.id, item.title, reason)
            return Outcome(outcome="skipped")
        if item.post_type == "page" and self._parent_page_pending(item):
            return Outcome(deferred=True)
        try:
            with transaction.atomic():
                origin.lock_source(self.source)
                result = self._import(item, kind, relink)
        except origin.IntegrityError:
            self.editions.forget()
            self.report.record(
                kind, "unchanged", item.id, item.title, "Imported by another run at the same time"
            )
            return Outcome(outcome="unchanged")
        except Exception as error:
            self.editions.forget()  # what it made for this post was rolled back with it
            logger.warning("WordPress item %s failed", item.id, exc_info=True)
            self.report.record(kind, "failed", item.id, item.title, _describe(error))
            return Outcome(outcome="failed")
        if not relink:
            self.report.record(kind, result.outcome, item.id, item.title, result.reason)
        return result

    def _import(self, item, kind, relink):
        model = ArticlePage if kind == SourceKind.POST else StandardPage
        record = origin.find(self.source, kind, item.id)
        page = origin.target_of(record, model)
        digest = self.source_digest(item)
        if page is not None:
            record = origin.locked(record)
            if record.source_hash == digest:
                if record.links_pending or relink:  # only links to finish: not a change
                    self._relink_body(item, page, record)
                if not relink:
                    self._after(item, page)
                return Outcome(page, "unchanged")
        elif record is not None:
            record.delete()  # the page was deleted here since: import it again
            record = None
        if record is None:
            record = origin.claim(self.source, kind, item.id, model)
        language = self.language(item)
        body = self._body(item)
        if page is None:
            page = self._create(item, model, language, body)
            outcome = "created"
        else:
            self._update(item, page, language, body)
            outcome = "updated"
        pending = body.forward_links > 0
        if pending:
            self.pending_links.add(item.id)
        origin.settle(record, page, digest, links_pending=pending)
        if not relink:  # the link pass only converts the body again
            self._after(item, page)
        return Outcome(page, outcome, self._notes(item, body))

    def _relink_body(self, item, page, record):
        body = self._body(item)
        if _body_changed(page, body.blocks):  # a target imported since: now a page link
            self._update(item, page, self.language(item), body)
        pending = body.forward_links > 0
        if pending:
            self.pending_links.add(item.id)
        origin.settle(record, page, record.source_hash, links_pending=pending)

    def _after(self, item, page):
        language = self.language(item)
        if item.post_type == "post" and item.comments:
            comments.import_comments(
                self.source,
                page,
                item,
                self.report,
                include_linkbacks=self.options.include_pingbacks,
                language=language,
            )
        elif item.comments:
            for comment in item.comments:
                self.report.record(
                    SourceKind.COMMENT,
                    "skipped",
                    comment.id,
                    reason="A comment on a page: Nashra's pages take no comments",
                )
        if item.status == "publish" or item.status == "future":
            for path in redirects.item_paths(item):
                redirects.ensure(self.source, self.report, path, page=page, wp_id=item.id)

    def _notes(self, item, body):
        notes = list(body.notes)
        if item.status == "private":
            notes.append("Private in WordPress: imported as a draft, not public")
        if item.status == "future" and published_date(item) is None:
            notes.append("Scheduled in WordPress without a date: imported as a draft")
        if item.status == "publish" and published_date(item) is None:
            notes.append("No publication date in WordPress: dated when imported")
        if item.password:
            notes.append("Password-protected in WordPress: imported as a draft, not public")
        return "; ".join(notes)

    # Building the page -------------------------------------------------------------------

    def _body(self, item):
        self._forward_links = 0
        context = ConversionContext(
            resolve_link=self._resolve_link,
            resolve_image_url=self.media.image_for_url,
            resolve_attachment=self._attachment_image,
            rewrite_media_url=self.media.url_for_media,
            site_url=self.index.site_url,
        )
        body = convert_body(item.content, context)
        body.forward_links = self._forward_links
        return body

    def _resolve_link(self, url):
        wp_id = self.index.id_for_url(url)
        if wp_id is None:
            return None
        stub = self.index.items[wp_id]
        kind = KINDS.get(stub.post_type)
        if kind is None:
            return None
        record = origin.find(self.source, kind, wp_id)
        if record is not None and record.object_id:
            return record.object_id
        if stub.status not in SKIPPED_STATUSES:
            # It will be imported later in this run: the link pass makes this a page link.
            # A link to an address the file does not hold stays as it is, for good.
            self._forward_links += 1
        return None

    def _attachment_image(self, wp_id):
        try:
            return self.media.image_for_attachment_id(int(wp_id))
        except (TypeError, ValueError):
            return None

    def _fields(self, item, language, body):
        title = (
            plain_text(item.title)[:TITLE_LENGTH]
            or Truncator(plain_text(item.content)).words(8)
            or f"#{item.id}"
        )
        fields = {
            "title": title,
            "seo_title": self._seo_title(item, title),
            "search_description": plain_text(meta_value(item, "_yoast_wpseo_metadesc"))[:1000],
            "body": body.blocks,
        }
        excerpt = plain_text(item.excerpt)
        if item.post_type == "post":
            fields["standfirst"] = Truncator(excerpt or _first_text(body.blocks) or title).chars(
                STANDFIRST_LENGTH - 10
            )
            lead, caption = self._lead_image(item)
            fields["lead_image"] = lead
            fields["lead_image_caption"] = caption
        else:
            fields["intro"] = excerpt
        return fields

    def _seo_title(self, item, title):
        raw = plain_text(meta_value(item, "_yoast_wpseo_title"))
        if not raw:
            return ""
        text = raw.replace("%%title%%", title)
        text = YOAST_VARIABLE.sub("", text).strip(" -|–—·:")
        return "" if text == title else text[:SEO_TITLE_LENGTH]

    def _lead_image(self, item):
        stub = self.index.items.get(item.id)
        thumbnail = stub.thumbnail_id if stub else None
        if not thumbnail:
            return None, ""
        image = self._attachment_image(thumbnail)
        if image is None:
            return None, ""
        caption = self.index.items[thumbnail].caption if thumbnail in self.index.items else ""
        return image, parse_credit(caption)[0][:300]

    def _parent(self, item, model, language):
        if model is ArticlePage:
            categories = [t.slug for t in item.terms if t.domain == "category"]
            return self.editions.section(categories, language)
        parent = self._imported_parent_page(item)
        return parent or self.editions.home(language)

    def _parent_page_pending(self, item):
        stub = self.index.items.get(item.parent)
        if stub is None or stub.post_type != "page" or self.refusal_of_stub(stub):
            return False
        return self._imported_parent_page(item) is None

    def refusal_of_stub(self, stub):
        return stub.status in SKIPPED_STATUSES

    def _imported_parent_page(self, item):
        stub = self.index.items.get(item.parent)
        if stub is None or stub.post_type != "page":
            return None
        return origin.target_of(
            origin.find(self.source, SourceKind.PAGE, item.parent), StandardPage
        )

    def _translation_key(self, item, model, locale):
        for wp_id in self.index.translations.twins_of(item.id).values():
            if wp_id == item.id or wp_id not in self.index.items:
                continue
            kind = KINDS.get(self.index.items[wp_id].post_type)
            twin = kind and origin.target_of(origin.find(self.source, kind, wp_id))
            if twin is not None and twin.locale_id != locale.pk:
                taken = Page.objects.filter(
                    translation_key=twin.translation_key, locale=locale
                ).exists()
                if not taken:
                    return twin.translation_key
        return uuid.uuid4()

    def _create(self, item, model, language, body):
        parent = self._parent(item, model, language)
        fields = self._fields(item, language, body)
        slug = page_slug(item.slug, "") or page_slug(fields["title"], f"{item.post_type}-{item.id}")
        page = model(
            slug=unique_child_slug(parent, slug),
            locale=parent.locale,
            live=False,
            **fields,
        )
        page.translation_key = self._translation_key(item, model, parent.locale)
        if model is ArticlePage:
            page.article_authors = self._bylines(item, language)
        parent.add_child(instance=page)
        if model is ArticlePage:
            page.tags.set(self._tags(item))
        self._publish(item, page)
        return page

    def _update(self, item, page, language, body):
        page = page.get_latest_revision_as_object()
        for name, value in self._fields(item, language, body).items():
            setattr(page, name, value)
        if isinstance(page, ArticlePage):
            page.article_authors = self._bylines(item, language)
            page.tags.set(self._tags(item))
        self._publish(item, page)

    def _bylines(self, item, language):
        keys = [t.slug for t in item.terms if t.domain == "author"]  # Co-Authors Plus
        keys = [self._coauthor_login(k) for k in keys] or [item.creator or "unknown"]
        seen, rows = [], []
        for key in keys:
            if key in seen:
                continue
            seen.append(key)
            rows.append(
                ArticleAuthor(author=self.editions.author(key, language), sort_order=len(rows))
            )
        return rows

    def _coauthor_login(self, slug):
        """A Co-Authors Plus term names a user ("cap-<login>") or a guest author: a user
        becomes the same author page as their own posts' byline."""
        login = slug[4:] if slug.startswith("cap-") else slug
        return login if login in self.index.authors else slug

    def _tags(self, item):
        names = []
        for term in item.terms:
            if term.domain == "post_tag":
                name = plain_text(term.name or term.slug)[:100]
                if name and name not in names:
                    names.append(name)
        return names

    def _publish(self, item, page):
        date = published_date(item)
        now = timezone.now()
        if item.status == "future" and date is not None:
            page.go_live_at = date
        revision = page.save_revision(changed=True, clean=False)
        if item.status == "publish" and not item.password:
            revision.publish()
            when = date if date is not None and date <= now else now
            type(page).objects.filter(pk=page.pk).update(
                first_published_at=when,
                last_published_at=_modified(item) or when,
                latest_revision_created_at=when,
            )
        elif item.status == "future" and not item.password and date is not None:
            revision.publish()  # Wagtail schedules it: live at go_live_at, by the worker
        elif page.live:
            # Unpublished or made private in WordPress since the last import.
            Page.objects.get(pk=page.pk).specific.unpublish()


def _modified(item):
    return getattr(item, "modified_gmt", None)


def _body_changed(page, blocks):
    """Whether `blocks` differ from the latest revision's body, block ids aside."""
    current = page.get_latest_revision_as_object().body
    new = StreamValue(current.stream_block, blocks)

    def shape(value):
        return [(block["type"], block["value"]) for block in value.get_prep_value()]

    return shape(current) != shape(new)


def _first_text(blocks):
    for block_type, value in blocks:
        if block_type == "paragraph":
            return strip_tags(getattr(value, "source", str(value))).strip()
    return ""


def _describe(error):
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}"[:300]
