"""The export's media: fetching each file once, safely, and turning it into a NashraImage.

`MediaFetcher` gets the bytes of one media URL, either from a copy of the site's
`wp-content/uploads` folder (offline) or over HTTP(S). Every URL in an export is untrusted:
online fetches go only to public addresses (checked for every redirect, and the connection
is made to the address that was checked), within a size and a time limit, and only image
formats Wagtail accepts come back.

Offline (``uploads_dir`` given) never touches the network, unless ``media_base_url`` is
given too: then a file missing from the folder is downloaded from that mirror, and addresses
outside ``/wp-content/uploads/`` from their own host. ``media_base_url`` alone sends every
``/wp-content/uploads/`` address to the mirror (its scheme, host and any path prefix replace
the original's scheme and host).

`MediaLibrary` makes the images: one per attachment, deduplicated by address (remembered in
ImportedObject rows, so a re-run downloads nothing) and by content (Wagtail's file hash), and
records each outcome in the import report. It never raises for one bad file.
"""

import contextlib
import hashlib
import http.client
import io
import ipaddress
import json
import re
import socket
import ssl
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import IntegrityError, transaction
from django.utils.html import strip_tags
from wagtail.utils.file import hash_filelike

from nashra.images.models import NashraImage
from nashra.wpimport.models import ImportedObject, SourceKind

try:
    from nashra.wpimport.content.credit import parse_credit
except ImportError:  # the content helper's module is not merged yet
    parse_credit = None

UPLOADS_MARKER = "/wp-content/uploads/"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = "Nashra-WordPress-import/1"

# Pillow's format name -> the file extensions Wagtail knows it by (WAGTAILIMAGES_EXTENSIONS).
FORMAT_EXTENSIONS = {
    "JPEG": ("jpg", "jpeg"),
    "PNG": ("png",),
    "GIF": ("gif",),
    "WEBP": ("webp",),
    "AVIF": ("avif",),
    "HEIF": ("heic",),
}
IMAGE_EXTENSIONS = frozenset(ext for exts in FORMAT_EXTENSIONS.values() for ext in exts)
# An attachment whose file ends like this is not an image: it is reported skipped unread.
_NOT_IMAGE = """pdf doc docx odt rtf txt csv xls xlsx ods ppt pptx odp zip gz rar 7z mp3 m4a ogg
oga wav flac mp4 m4v mov webm ogv avi wmv mkv svg ico psd tif tiff"""
NOT_IMAGE_EXTENSIONS = frozenset(_NOT_IMAGE.split())


class MediaError(Exception):
    """A file that could not be had; `reason` is a short sentence for the report."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class NotAnImage(MediaError):
    pass


@dataclass(frozen=True)
class FetchedFile:
    name: str  # a safe file name (no path parts, Unicode kept) with the format's extension
    data: bytes
    sha256: str
    format: str = ""  # Pillow's name: JPEG, PNG, GIF, WEBP, AVIF


def safe_file_name(raw, default="image"):
    """The last path segment of `raw`, percent-decoded, as a harmless file name."""
    name = unicodedata.normalize("NFC", unquote(raw or "")).replace("\\", "/")
    name = name.rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = re.sub(r"[<>:\"|?*\s]+", "-", name).strip(" .-")
    if not name:
        return default
    if len(name) > 100:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 100 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 8 else name[:100]
    return name


def _extension(name):
    return PurePosixPath(name).suffix.lower().lstrip(".")


def _with_format_extension(name, image_format):
    exts = FORMAT_EXTENSIONS.get(image_format, ())
    if exts and _extension(name) not in exts:
        return f"{name}.{exts[0]}"
    return name


def check_image(data):
    """The Pillow format name of `data` if it is an image Wagtail accepts; else NotAnImage."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            image.verify()
    except Exception as exc:  # noqa: BLE001 Pillow raises many kinds (incl. DecompressionBombError)
        raise NotAnImage(f"The file is not a readable image ({type(exc).__name__}).") from None
    allowed = {ext.lower() for ext in settings.WAGTAILIMAGES_EXTENSIONS}
    if not set(FORMAT_EXTENSIONS.get(image_format, ())) & allowed:
        raise NotAnImage(f"{image_format} images are not accepted.")
    return image_format


def refused_address_reason(ip, allowed_networks=()):
    """Why an address must not be fetched from, or None if it may be."""
    ip = ipaddress.ip_address(ip)
    if any(ip in network for network in allowed_networks):
        return None
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo and ip.teredo[1])
        if embedded:
            return refused_address_reason(embedded, allowed_networks)
    for attribute, what in (
        ("is_loopback", "loopback"),
        ("is_private", "private"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_unspecified", "unspecified"),
        ("is_reserved", "reserved"),
    ):
        if getattr(ip, attribute):
            return f"The media host resolves to a {what} address ({ip})."
    if not ip.is_global:
        return f"The media host resolves to a non-public address ({ip})."
    return None


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address already checked, with the URL's host in `Host`."""

    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout)
        self.ip = ip

    def connect(self):
        self.sock = socket.create_connection((self.ip, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a checked address; the certificate is verified for the URL's host (SNI too)."""

    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.ip = ip

    def connect(self):
        sock = socket.create_connection((self.ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class MediaFetcher:
    """Gets one media file's bytes: from `uploads_dir`, or over the network.

    `allowed_networks` lets tests fetch from a local server. It is empty here and must stay
    so in production: no setting or environment variable reaches it.
    """

    allowed_networks = ()

    def __init__(self, uploads_dir=None, media_base_url=None, max_bytes=None, timeout=None):
        self.uploads_dir = Path(uploads_dir).resolve() if uploads_dir else None
        if media_base_url:
            base = urlsplit(media_base_url)
            if base.scheme not in ("http", "https") or not base.hostname:
                raise ValueError("The media base URL must be an http or https address.")
        self.media_base_url = media_base_url.rstrip("/") if media_base_url else None
        self.max_bytes = max_bytes or settings.NASHRA_IMPORT_MAX_MEDIA_BYTES
        self.timeout = timeout or settings.NASHRA_IMPORT_MEDIA_TIMEOUT

    def fetch(self, url):
        url = url.strip()
        parts = urlsplit(url)
        in_uploads = UPLOADS_MARKER in parts.path
        if self.uploads_dir is not None and in_uploads:
            rel = _uploads_relative_path(parts.path)
            try:
                data = self._read_local(rel)
            except MediaError:
                if not self.media_base_url:
                    raise
                data = self._download(self._rebased(parts))
        elif self.uploads_dir is not None and not self.media_base_url:
            raise MediaError("The address is not under wp-content/uploads (offline import).")
        elif self.media_base_url and in_uploads:
            data = self._download(self._rebased(parts))
        else:
            data = self._download(url)
        image_format = check_image(data)
        return FetchedFile(
            name=_with_format_extension(safe_file_name(parts.path), image_format),
            data=data,
            sha256=hashlib.sha256(data).hexdigest(),
            format=image_format,
        )

    def _rebased(self, parts):
        return self.media_base_url + urlunsplit(("", "", parts.path or "/", parts.query, ""))

    def _read_local(self, rel):
        path = self.uploads_dir.joinpath(*rel.split("/"))
        try:
            resolved = path.resolve(strict=True)
        except (FileNotFoundError, NotADirectoryError):
            raise MediaError(f"The file {rel} is not in the uploads folder.") from None
        except (OSError, RuntimeError) as exc:
            raise MediaError(f"The file {rel} cannot be read ({exc.strerror or exc}).") from None
        if not resolved.is_relative_to(self.uploads_dir):
            raise MediaError("The file lies outside the uploads folder.")
        if not resolved.is_file():
            raise MediaError(f"{rel} is not a file.")
        if resolved.stat().st_size > self.max_bytes:
            raise MediaError(f"The file is larger than {self.max_bytes} bytes.")
        return resolved.read_bytes()

    def _download(self, url):
        deadline = time.monotonic() + self.timeout
        for _hop in range(MAX_REDIRECTS + 1):
            answer = self._request(url, deadline)
            if isinstance(answer, bytes):
                return answer
            url = answer
        raise MediaError(f"More than {MAX_REDIRECTS} redirects.")

    def _remaining(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise MediaError(f"The download took longer than {self.timeout:g} seconds.")
        return left

    def _request(self, url, deadline):
        """The body (bytes) of a 200 answer, or the absolute URL a redirect points to."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise MediaError(f"Only http and https addresses are fetched (not {parts.scheme!r}).")
        host = parts.hostname
        if not host:
            raise MediaError("The address has no host.")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise MediaError("The address has an invalid port.") from None
        ip = self._checked_address(host, port)
        connection_class = (
            _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        )
        connection = connection_class(host, port, ip, self._remaining(deadline))
        # A hard stop at the deadline, however slowly the host drips its answer.
        timed_out = threading.Event()
        watchdog = threading.Timer(self._remaining(deadline), _abort, args=(connection, timed_out))
        watchdog.daemon = True
        watchdog.start()
        path = urlunsplit(
            ("", "", quote(parts.path or "/", safe="/%:@!$&'()*+,;=~"), parts.query, "")
        )
        try:
            connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "image/*"})
            response = connection.getresponse()
            if response.status in REDIRECT_STATUSES:
                location = response.getheader("Location")
                if not location:
                    raise MediaError(f"A redirect ({response.status}) without a Location.")
                return urljoin(url, location.strip())
            if response.status != 200:
                raise MediaError(f"The media host answered {response.status} {response.reason}.")
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > self.max_bytes:
                raise MediaError(f"The file is larger than {self.max_bytes} bytes.")
            chunks, size = [], 0
            while True:
                self._remaining(deadline)
                chunk = response.read1(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > self.max_bytes:
                    raise MediaError(f"The file is larger than {self.max_bytes} bytes.")
                chunks.append(chunk)
            if timed_out.is_set():
                raise TimeoutError
            return b"".join(chunks)
        except TimeoutError:
            raise MediaError(f"The download took longer than {self.timeout:g} seconds.") from None
        except ssl.SSLError as exc:
            raise MediaError(f"TLS failed ({exc.reason or exc}).") from None
        except (OSError, http.client.HTTPException) as exc:
            if timed_out.is_set():
                raise MediaError(
                    f"The download took longer than {self.timeout:g} seconds."
                ) from None
            raise MediaError(
                f"The media host could not be reached ({type(exc).__name__})."
            ) from None
        finally:
            watchdog.cancel()
            connection.close()

    def _checked_address(self, host, port):
        """An address of `host` to connect to, once every address it has is allowed."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            raise MediaError(f"The host {host} does not resolve.") from None
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        if not addresses:
            raise MediaError(f"The host {host} does not resolve.")
        for address in addresses:
            reason = refused_address_reason(address.split("%", 1)[0], self.allowed_networks)
            if reason:
                raise MediaError(reason)
        return addresses[0]


def _abort(connection, timed_out):
    timed_out.set()
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _uploads_relative_path(path):
    """The part of a URL path after /wp-content/uploads/, decoded; None if not there.

    Raises MediaError for a path that tries to leave the folder."""
    index = path.find(UPLOADS_MARKER)
    if index < 0:
        return None
    rel = unquote(path[index + len(UPLOADS_MARKER) :])
    segments = rel.replace("\\", "/").split("/")
    if (
        not rel
        or "\x00" in rel
        or any(segment in ("", ".", "..") for segment in segments)
        or re.match(r"^[A-Za-z]:", rel)
    ):
        raise MediaError("The address is not a plain path inside the uploads folder.")
    return "/".join(segments)


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


def _local_parse_credit(caption):
    """A stand-in for nashra.wpimport.content.credit.parse_credit until it is merged."""
    caption = (caption or "").strip()
    match = re.search(r"\s*[\[(]([^\[\]()]{2,120})[\])]\s*\.?$", caption) or re.search(
        r"(?:^|(?<=[\s.،,–—-]))(?:photo(?:graph)?(?:\s+by)?|credit|image|تصوير|الصورة|صورة)"
        r"\s*[:：]\s*([^.\n]{2,120}?)\s*\.?$",
        caption,
        re.IGNORECASE,
    )
    if not match:
        return caption, "", ""
    photographer, agency = _split_credit(match.group(1))
    return caption[: match.start()].rstrip(" -–—|,،"), photographer, agency


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
        self._captions = {}  # attachment wp_id -> caption without its credit
        self._seen_urls = {}  # normalised address -> image pk or None (failed), this run
        self._content_type = ContentType.objects.get_for_model(NashraImage)

    def register_attachment_url(self, url, wp_id):
        """Remember an attachment's address, so inline images find it (index pass)."""
        url = self._absolute(url)
        if url:
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
        extension = _extension(urlsplit(url).path)
        if extension in NOT_IMAGE_EXTENSIONS:
            reason = f"Not an image (.{extension}): only images are imported."
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
        image = self._claim(SourceKind.ATTACHMENT, wp_id, image, digest)
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
            image = self.image_for_attachment_id(wp_id) if wp_id else None
            if image is not None:
                return self._claim(SourceKind.MEDIA_URL, keys[0], image), False
        error = None
        for candidate in candidates:
            try:
                fetched = self.fetcher.fetch(candidate)
            except MediaError as exc:
                error = error or exc if candidate != url else exc
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
            except IntegrityError:
                # Another import claimed this address meanwhile: theirs is the image.
                if image.file.name:
                    image.file.storage.delete(image.file.name)
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
            photographer, agency = _split_credit(credit)
        elif caption:
            caption, photographer, agency = (parse_credit or _local_parse_credit)(caption)
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

    def _create_row(self, kind, wp_id, image, digest=""):
        ImportedObject.objects.create(
            source=self.source,
            kind=kind,
            wp_id=wp_id,
            language="",
            content_type=self._content_type,
            object_id=image.pk,
            source_hash=digest,
        )

    def _claim(self, kind, wp_id, image, digest=""):
        """Record that (kind, wp_id) is `image`; if another import got there first, the image
        it recorded wins."""
        try:
            with transaction.atomic():
                self._create_row(kind, wp_id, image, digest)
        except IntegrityError:
            winner = self._image_of(kind, wp_id)
            if winner is not None:
                return winner
            with transaction.atomic():  # the row was stale, and is gone now
                self._create_row(kind, wp_id, image, digest)
        return image
