"""NashraImages from the export's attachments and inline images, each file once."""

import hashlib
import io
import json
import re
from pathlib import PurePosixPath
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import IntegrityError, transaction
from django.utils.html import strip_tags
from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from nashra.images.models import NashraImage
from nashra.wpimport.content.credit import parse_credit
from nashra.wpimport.models import ImportedObject, SourceKind

from .fetch import NOT_IMAGE_EXTENSIONS, MediaError, NotAnImage, file_extension, safe_file_name

# WordPress's derived files: "photo-300x200.jpg" (a size), "photo-scaled.jpg" (5.3+ shrinks big
# uploads), "photo-rotated.jpg"; the original is the name without the suffix.
SIZE_SUFFIX = re.compile(r"-\d{1,5}x\d{1,5}(?=\.[A-Za-z0-9]{2,5}$)")
EDIT_SUFFIX = re.compile(r"-(?:scaled|rotated)(?=\.[A-Za-z0-9]{2,5}$)")
DEFAULT_PORTS = {"http": 80, "https": 443}
KNOWN_AGENCIES = frozenset(
    {"afp", "ap", "epa", "reuters", "getty images", "anadolu", "xinhua", "wana", "aa", "dpa"}
)


def normalise_media_url(url):
    """One spelling per address: scheme and fragment dropped (a site that moved to https still
    names the same file), host lower-cased, default port dropped, path percent-encoded alike."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port != DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=~")
    return urlunsplit(("", host, path, parts.query, ""))


def media_url_key(url):
    """The ImportedObject wp_id of a media address (kind media_url)."""
    return hashlib.sha256(normalise_media_url(url).encode()).hexdigest()


def original_candidates(url):
    """`url` without WordPress's size and edit suffixes (most original first), then `url`."""
    parts = urlsplit(url)
    unsized = SIZE_SUFFIX.sub("", parts.path)
    paths = [EDIT_SUFFIX.sub("", unsized), unsized, parts.path]
    return [urlunsplit(parts._replace(path=path)) for path in dict.fromkeys(paths)]


def _credit_parts(credit):
    """(photographer, agency) of a credit as written in a meta field: "Name/Agency"."""
    # The same reading as a caption's "[Name/Agency]".
    _rest, photographer, agency = parse_credit(f"[{credit}]")
    if photographer or agency:
        return photographer, agency
    return _split_credit(credit)


def _split_credit(credit):
    credit = " ".join((credit or "").split())
    if "/" in credit:
        photographer, _, agency = credit.rpartition("/")
        return photographer.strip(), agency.strip()
    if credit.lower() in KNOWN_AGENCIES:
        return "", credit
    return credit, ""


def _text(html):
    return " ".join(strip_tags(html or "").split())


def _first(meta, key):
    values = (meta or {}).get(key) or []
    return values[0] if values else ""


class MediaLibrary:
    """Makes NashraImages of the export's media, each file once, and reports every outcome.

    Report kinds: `attachment` (one outcome per attachment item) and `media_url` (one per
    distinct image address in the bodies: created when its download made a new image,
    unchanged when it named one already imported, failed with the reason)."""

    def __init__(self, source, fetcher, report, credit_meta_key=None, collection=None):
        self.source = source
        self.fetcher = fetcher
        self.report = report
        self.credit_meta_key = credit_meta_key
        self.collection = collection
        self._url_index = {}  # normalised address -> attachment wp_id
        self._attachment_urls = {}  # attachment wp_id -> its file's address
        self._captions = {}  # attachment wp_id -> caption without its credit
        self._seen_urls = {}  # normalised address -> image pk or None (failed), this run
        self._content_type = ContentType.objects.get_for_model(NashraImage)
        self._document_extensions = {e.lower() for e in settings.WAGTAILDOCS_EXTENSIONS}

    def register_attachment_url(self, url, wp_id):
        """Remember an attachment's address, so inline images find it (index pass)."""
        url = self._absolute(url)
        if url:
            self._attachment_urls[str(wp_id)] = url
            for candidate in {url, EDIT_SUFFIX.sub("", url)}:
                self._url_index[normalise_media_url(candidate)] = str(wp_id)

    def caption_for_attachment(self, wp_id):
        """The caption (without its credit) of an attachment read in this run."""
        return self._captions.get(str(wp_id), "")

    def image_for_attachment_id(self, wp_id):
        return self._image_of(SourceKind.ATTACHMENT, str(wp_id))

    def image_for_attachment(self, item):
        wp_id = str(item.id)
        title = _text(item.title)
        try:
            return self._attachment(item, wp_id, title)
        except MediaError as exc:
            self.report.record("attachment", "failed", wp_id, title, exc.reason)
        except (OSError, ValueError) as exc:
            reason = f"The image could not be stored ({type(exc).__name__}: {exc})."
            self.report.record("attachment", "failed", wp_id, title, reason)
        return None

    def image_for_url(self, url, alt="", title=""):
        """The image an inline address names: an attachment's, one already fetched, or a new
        one downloaded once. None (reported) if it cannot be had."""
        url = self._absolute(url)
        if not url:
            return None
        seen_key = normalise_media_url(url)
        if seen_key in self._seen_urls:
            pk = self._seen_urls[seen_key]
            return NashraImage.objects.filter(pk=pk).first() if pk else None
        try:
            image, created = self._image_for_url(url, alt, title)
        except MediaError as exc:
            self._seen_urls[seen_key] = None
            self.report.record("media_url", "failed", url, title, exc.reason)
            return None
        except (OSError, ValueError) as exc:
            self._seen_urls[seen_key] = None
            reason = f"The image could not be stored ({type(exc).__name__}: {exc})."
            self.report.record("media_url", "failed", url, title, reason)
            return None
        self._seen_urls[seen_key] = image.pk
        self.report.record("media_url", "created" if created else "unchanged", url)
        return image

    def _attachment(self, item, wp_id, title):
        url = self._absolute((item.attachment_url or "").strip() or (item.guid or "").strip())
        fields, caption, notes = self._fields_for(item, url)
        digest = hashlib.sha256(
            json.dumps([url, caption, fields], ensure_ascii=False).encode()
        ).hexdigest()
        self._captions[wp_id] = caption
        if url:
            self.register_attachment_url(url, wp_id)

        if url and file_extension(urlsplit(url).path) in self._document_extensions:
            self._document(wp_id, title or safe_file_name(urlsplit(url).path), url, digest)
            return None

        image = self._image_of(SourceKind.ATTACHMENT, wp_id)
        if image is not None:
            row = self._row(SourceKind.ATTACHMENT, wp_id)
            if row.source_hash == digest:
                self.report.record("attachment", "unchanged", wp_id, title)
                return image
            self._describe(image, fields)
            row.source_hash = digest
            row.save(update_fields=["source_hash", "updated_at"])
            self.report.record("attachment", "updated", wp_id, title)
            for note in notes:
                self.report.note("attachment", wp_id, note, title)
            return image

        if not url:
            self.report.record("attachment", "skipped", wp_id, title, "It has no file address.")
            return None
        extension = file_extension(urlsplit(url).path)
        if extension in NOT_IMAGE_EXTENSIONS:
            reason = f"Not an image or a document (.{extension}): not imported."
            self.report.record("attachment", "skipped", wp_id, title, reason)
            return None

        key = media_url_key(url)
        image = self._image_of(SourceKind.MEDIA_URL, key)
        reused = "" if image is None else "Its file was already imported from the same address."
        if image is None:
            try:
                fetched = self.fetcher.fetch(url)
            except NotAnImage as exc:
                self.report.record("attachment", "skipped", wp_id, title, exc.reason)
                return None
            image, created = self._store(fetched, fields, [key])
            if not created:
                reused = f"Same file as image {image.pk}, imported once."
        described = not reused
        if reused and not self._other_attachment_has(image, wp_id):
            # The image came from a body's address: the attachment's description is better.
            self._describe(image, fields)
            described = True
        image, claimed = self._claim(SourceKind.ATTACHMENT, wp_id, image, digest)
        if not claimed:  # another import running at the same time recorded it first
            self.report.record("attachment", "unchanged", wp_id, title)
            return image
        self.report.record("attachment", "created", wp_id, title, reused)
        for note in notes if described else ():
            self.report.note("attachment", wp_id, note, title)
        return image

    def _describe(self, image, fields):
        for name, value in fields.items():
            setattr(image, name, value)
        image.save(update_fields=list(fields))

    def _image_for_url(self, url, alt, title):
        keys = [media_url_key(url)]
        image = self._image_of(SourceKind.MEDIA_URL, keys[0])
        if image is not None:
            return image, False
        candidates = original_candidates(url)
        for candidate in candidates:
            wp_id = self._url_index.get(normalise_media_url(candidate))
            if wp_id is None:
                continue
            image = self.image_for_attachment_id(wp_id)
            if image is not None:
                return self._claim(SourceKind.MEDIA_URL, keys[0], image)[0], False
            # Its attachment is not imported yet: fetch the attachment's own file, which the
            # attachment then finds by its address instead of downloading it again.
            candidates = [self._attachment_urls[wp_id], *candidates]
            break
        error = None
        for candidate in candidates:
            try:
                fetched = self.fetcher.fetch(candidate)
            except MediaError as exc:
                error = exc  # the last one tried is the address as written
                continue
            if candidate != url:
                keys.append(media_url_key(candidate))
            name_title = PurePosixPath(fetched.name).stem.replace("-", " ").replace("_", " ")
            title = (_text(title) or name_title or fetched.name)[:255]
            fields = {
                "title": title,
                "alt_text": (_text(alt) or title)[:255],
                "photographer": "",
                "agency": "",
                "rights_notes": "",
            }
            return self._store(fetched, fields, keys)
        raise error

    def _store(self, fetched, fields, url_keys):
        """The image for fetched bytes (an existing one with the same content, or a new one),
        with its addresses claimed; (image, created)."""
        file_hash = hash_filelike(io.BytesIO(fetched.data))
        image = NashraImage.objects.filter(file_hash=file_hash).order_by("pk").first()
        created = image is None
        if created:
            image = NashraImage(**fields, file_size=len(fetched.data), file_hash=file_hash)
            if self.collection is not None:
                image.collection = self.collection
            image.file = ImageFile(io.BytesIO(fetched.data), name=fetched.name)
            try:
                with transaction.atomic():
                    image.save()
                    self._create_row(SourceKind.MEDIA_URL, url_keys[0], image)
            except Exception as exc:
                if image.file._committed and image.file.name:  # stored, but its row undone
                    image.file.storage.delete(image.file.name)
                if not isinstance(exc, IntegrityError):
                    raise
                # Another import claimed this address meanwhile: theirs is the image.
                winner = self._image_of(SourceKind.MEDIA_URL, url_keys[0])
                if winner is None:
                    raise
                image, created = winner, False
            url_keys = url_keys[1:]
        for key in url_keys:
            self._claim(SourceKind.MEDIA_URL, key, image)
        return image, created

    def _fields_for(self, item, url):
        meta = item.meta or {}
        notes = []
        caption = _text(item.excerpt)
        photographer = agency = ""
        credit = _text(_first(meta, self.credit_meta_key)) if self.credit_meta_key else ""
        if credit:
            photographer, agency = _credit_parts(credit)
        elif caption:
            caption, photographer, agency = parse_credit(caption)
            caption = _text(caption)
        title = _text(item.title) or PurePosixPath(safe_file_name(urlsplit(url).path)).stem
        alt = _text(_first(meta, "_wp_attachment_image_alt"))
        if not alt:
            alt = caption or title
            used = "caption" if caption else "title"
            notes.append(f"No alt text in WordPress: the {used} stands in for it.")
        fields = {
            "title": title[:255],
            "alt_text": alt[:255],
            "photographer": (photographer or "")[:120],
            "agency": (agency or "")[:120],
            "rights_notes": _text(item.content),
        }
        return fields, caption, notes

    def _absolute(self, url):
        url = (url or "").strip()
        if not url or url.startswith(("data:", "#")):
            return ""
        if url.startswith("//"):
            return "https:" + url
        if not urlsplit(url).scheme:
            return urljoin(self.source.site_url.rstrip("/") + "/", url)
        return url

    def _row(self, kind, wp_id):
        return ImportedObject.objects.filter(
            source=self.source, kind=kind, wp_id=wp_id, language=""
        ).first()

    def _image_of(self, kind, wp_id):
        """The image (kind, wp_id) was imported as; a row whose image was deleted in Nashra
        since is forgotten, so that the file is imported again."""
        row = self._row(kind, wp_id)
        if row is None or row.content_type_id != self._content_type.pk:
            return None
        image = NashraImage.objects.filter(pk=row.object_id).first()
        if image is None:
            row.delete()
        return image

    def _other_attachment_has(self, image, wp_id):
        return (
            ImportedObject.objects.filter(
                source=self.source,
                kind=SourceKind.ATTACHMENT,
                content_type=self._content_type,
                object_id=image.pk,
            )
            .exclude(wp_id=wp_id)
            .exists()
        )

    def _create_row(self, kind, wp_id, obj, digest=""):
        ImportedObject.objects.create(
            source=self.source,
            kind=kind,
            wp_id=wp_id,
            language="",
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            source_hash=digest,
        )

    def _target(self, kind, wp_id):
        row = self._row(kind, wp_id)
        if row is None:
            return None
        model = row.content_type.model_class()
        return model._default_manager.filter(pk=row.object_id).first() if model else None

    def document_for_attachment_id(self, wp_id):
        target = self._target(SourceKind.ATTACHMENT, str(wp_id))
        return target if isinstance(target, get_document_model()) else None

    def url_for_media(self, url):
        """Where a file of the old site (an image at any of its sizes, a document) now is,
        if it was imported; else None. For rewriting links to wp-content/uploads."""
        url = self._absolute(url)
        if not url:
            return None
        target = self._target(SourceKind.MEDIA_URL, media_url_key(url))
        for candidate in original_candidates(url) if target is None else ():
            wp_id = self._url_index.get(normalise_media_url(candidate))
            target = self._target(SourceKind.ATTACHMENT, wp_id) if wp_id else None
            if target is not None:
                break
        if isinstance(target, NashraImage):
            return target.file.url
        if isinstance(target, get_document_model()):
            return target.url
        return None

    def _document(self, wp_id, title, url, digest):
        """An attachment that is a document (PDF, spreadsheet, ...): a Wagtail document."""
        document_model = get_document_model()
        existing = self._target(SourceKind.ATTACHMENT, wp_id)
        if existing is not None:
            row = self._row(SourceKind.ATTACHMENT, wp_id)
            if row.source_hash == digest or not isinstance(existing, document_model):
                self.report.record("attachment", "unchanged", wp_id, title)
                return
            existing.title = title[:255]
            existing.save(update_fields=["title"])
            row.source_hash = digest
            row.save(update_fields=["source_hash", "updated_at"])
            self.report.record("attachment", "updated", wp_id, title)
            return
        self._forget_stale(SourceKind.ATTACHMENT, wp_id)
        fetched = self.fetcher.fetch(url, document=True)
        file_hash = hash_filelike(io.BytesIO(fetched.data))
        document = document_model.objects.filter(file_hash=file_hash).order_by("pk").first()
        reason = "Kept as a document (not an image)."
        if document is not None:
            reason = f"Same file as document {document.pk}, imported once."
        else:
            document = document_model(title=title[:255], file_size=len(fetched.data))
            document.file_hash = file_hash
            if self.collection is not None:
                document.collection = self.collection
            document.file = File(io.BytesIO(fetched.data), name=fetched.name)
            try:
                with transaction.atomic():
                    document.save()
                    self._create_row(SourceKind.ATTACHMENT, wp_id, document, digest)
            except Exception as exc:
                if document.file._committed and document.file.name:
                    document.file.storage.delete(document.file.name)
                if not isinstance(exc, IntegrityError):
                    raise
                self.report.record("attachment", "unchanged", wp_id, title)
                return
            self._claim(SourceKind.MEDIA_URL, media_url_key(url), document)
            self.report.record("attachment", "created", wp_id, title, reason)
            return
        self._claim(SourceKind.MEDIA_URL, media_url_key(url), document)
        _winner, claimed = self._claim(SourceKind.ATTACHMENT, wp_id, document, digest)
        outcome = "created" if claimed else "unchanged"
        self.report.record("attachment", outcome, wp_id, title, reason if claimed else "")

    def _forget_stale(self, kind, wp_id):
        row = self._row(kind, wp_id)
        if row is not None and self._target(kind, wp_id) is None:
            row.delete()

    def _claim(self, kind, wp_id, image, digest=""):
        """Record that (kind, wp_id) is `image`: (image, True); if another import got there
        first, the image it recorded wins: (winner, False)."""
        try:
            with transaction.atomic():
                self._create_row(kind, wp_id, image, digest)
        except IntegrityError:
            winner = self._image_of(kind, wp_id)
            if winner is not None:
                return winner, False
            with transaction.atomic():  # the row was stale, and is gone now
                self._create_row(kind, wp_id, image, digest)
        return image, True
