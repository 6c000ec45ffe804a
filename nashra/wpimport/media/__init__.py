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
records each outcome in the import report. It never raises for one bad file. Attachments that
are documents (WAGTAILDOCS_EXTENSIONS) become Wagtail documents; `url_for_media` tells where
any imported file of the old site now is.
"""

from .fetch import (
    FetchedFile,
    MediaError,
    MediaFetcher,
    NotAnImage,
    check_image,
    refused_address_reason,
    safe_file_name,
)
from .library import MediaLibrary, media_url_key, normalise_media_url, original_candidates

__all__ = [
    "FetchedFile",
    "MediaError",
    "MediaFetcher",
    "MediaLibrary",
    "NotAnImage",
    "check_image",
    "media_url_key",
    "normalise_media_url",
    "original_candidates",
    "refused_address_reason",
    "safe_file_name",
]
