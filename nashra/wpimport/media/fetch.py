"""Getting one media file's bytes, from a copied uploads folder or a public web address.

Every URL in an export is untrusted: downloads go only to public addresses (checked again for
every redirect, and the connection is made to the address that was checked), within a size
and a time limit, and only image formats Wagtail accepts come back.
"""

import contextlib
import hashlib
import http.client
import io
import ipaddress
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

UPLOADS_MARKER = "/wp-content/uploads/"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
HEADERS = {"User-Agent": "Nashra-WordPress-import/1", "Accept": "image/*, */*;q=0.5"}

# Pillow's format name -> the file extensions Wagtail knows it by (WAGTAILIMAGES_EXTENSIONS).
FORMAT_EXTENSIONS = {
    "JPEG": ("jpg", "jpeg"),
    "PNG": ("png",),
    "GIF": ("gif",),
    "WEBP": ("webp",),
    "AVIF": ("avif",),
    "HEIF": ("heic",),
}
# An attachment whose file ends like this is not an image: it is a document (if Wagtail's
# documents take it) or reported skipped, unread.
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


def file_extension(name):
    return PurePosixPath(name).suffix.lower().lstrip(".")


def _with_format_extension(name, image_format):
    exts = FORMAT_EXTENSIONS.get(image_format, ())
    if exts and file_extension(name) not in exts:
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

    def __init__(self, host, port, ip, timeout, context):
        super().__init__(host, port, timeout=timeout, context=context)
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

    def fetch(self, url, *, document=False):
        """The file at `url`: an image Wagtail accepts or, with `document`, a file whose
        extension Wagtail's documents accept (WAGTAILDOCS_EXTENSIONS)."""
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
        if document:
            name = safe_file_name(parts.path, default="document")
            if file_extension(name) not in {e.lower() for e in settings.WAGTAILDOCS_EXTENSIONS}:
                raise MediaError(f"Documents ending .{file_extension(name)} are not accepted.")
            return FetchedFile(name, data, hashlib.sha256(data).hexdigest())
        image_format = check_image(data)
        return FetchedFile(
            name=_with_format_extension(safe_file_name(parts.path), image_format),
            data=data,
            sha256=hashlib.sha256(data).hexdigest(),
            format=image_format,
        )

    def ssl_context(self):
        """Certificates verified against the system's authorities, for the URL's host name."""
        return ssl.create_default_context()

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
        try:
            host = (parts.hostname or "").encode("idna").decode("ascii")
        except UnicodeError:
            raise MediaError("The address has an invalid host name.") from None
        if not host:
            raise MediaError("The address has no host.")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise MediaError("The address has an invalid port.") from None
        ip = self._checked_address(host, port)
        if parts.scheme == "https":
            connection = _PinnedHTTPSConnection(
                host, port, ip, self._remaining(deadline), self.ssl_context()
            )
        else:
            connection = _PinnedHTTPConnection(host, port, ip, self._remaining(deadline))
        # A hard stop at the deadline, however slowly the host drips its answer.
        timed_out = threading.Event()
        watchdog = threading.Timer(self._remaining(deadline), _abort, args=(connection, timed_out))
        watchdog.daemon = True
        watchdog.start()
        path = urlunsplit(
            ("", "", quote(parts.path or "/", safe="/%:@!$&'()*+,;=~"), parts.query, "")
        )
        try:
            connection.request("GET", path, headers=HEADERS)
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
