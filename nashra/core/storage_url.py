"""Read the MEDIA_STORAGE setting: one URL naming where uploaded media live.

    s3://bucket-name[/prefix]?endpoint_url=https://s3.example.net&region=eu-west-1
        &custom_domain=media.example.org&url_protocol=https&querystring_auth=false
        &addressing_style=path

gives the STORAGES["default"] entry for django-storages' S3Storage. Credentials are not part
of the URL: boto3 reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or a role) itself.
"""

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"

# S3's bucket naming rules (3-63 characters, lowercase letters, digits, dots and hyphens).
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
_PARAMETERS = (
    "endpoint_url",
    "region",
    "custom_domain",
    "url_protocol",
    "querystring_auth",
    "addressing_style",
)


def _error(url, problem):
    return ImproperlyConfigured(
        f"MEDIA_STORAGE={url!r}: {problem}. Expected "
        "s3://bucket-name[/prefix]?endpoint_url=...&region=...&custom_domain=..."
        "&querystring_auth=false (credentials come from AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY)."
    )


def storage_from_url(url):
    """The STORAGES entry ({"BACKEND": ..., "OPTIONS": {...}}) that MEDIA_STORAGE names."""
    parts = urlsplit(url.strip())
    if parts.scheme != "s3":
        raise _error(
            url,
            f"unknown scheme {parts.scheme + '://' if parts.scheme else '(none)'}; "
            "only s3:// is supported",
        )
    if "@" in parts.netloc:
        raise _error(
            url,
            "do not put credentials in the URL; set AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY instead",
        )
    bucket = parts.netloc
    if not bucket:
        raise _error(url, "no bucket name")
    if not _BUCKET.match(bucket):
        raise _error(
            url,
            f"{bucket!r} is not a valid bucket name (3-63 lowercase letters, "
            "digits, dots or hyphens; put a host and port in endpoint_url)",
        )
    if parts.fragment:
        raise _error(url, "unexpected #fragment")

    try:
        query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query))
    except ValueError:
        raise _error(url, "the query string cannot be read") from None
    unknown = sorted(set(query) - set(_PARAMETERS))
    if unknown:
        raise _error(
            url, f"unknown parameter {', '.join(unknown)} (known: {', '.join(_PARAMETERS)})"
        )
    params = {}
    for name, values in query.items():
        if len(values) > 1:
            raise _error(url, f"{name} is given more than once")
        if not values[0]:
            raise _error(url, f"{name} is empty")
        params[name] = values[0]

    options = {
        "bucket_name": bucket,
        "location": parts.path.strip("/"),
        # Wagtail keeps the name of an upload; two editors uploading "photo.jpg" must not
        # overwrite each other's originals.
        "file_overwrite": False,
        # Pages are cached whole, and a signed (expiring) URL would outlive its signature in
        # the page cache, so media URLs are plain unless the operator asks otherwise.
        "querystring_auth": False,
    }
    if "endpoint_url" in params:
        endpoint = urlsplit(params["endpoint_url"])
        if endpoint.scheme not in ("http", "https") or not endpoint.netloc:
            raise _error(url, "endpoint_url must be an http:// or https:// URL")
        options["endpoint_url"] = params["endpoint_url"]
    if "region" in params:
        options["region_name"] = params["region"]
    if "custom_domain" in params:
        if "://" in params["custom_domain"]:
            raise _error(
                url,
                "custom_domain is a host name without a scheme "
                "(use url_protocol=http for plain HTTP)",
            )
        options["custom_domain"] = params["custom_domain"].rstrip("/")
    if "url_protocol" in params:
        protocol = params["url_protocol"].rstrip(":").lower()
        if protocol not in ("http", "https"):
            raise _error(url, "url_protocol must be http or https")
        options["url_protocol"] = f"{protocol}:"
    if "querystring_auth" in params:
        value = params["querystring_auth"].lower()
        if value not in _BOOLEANS:
            raise _error(url, "querystring_auth must be true or false")
        options["querystring_auth"] = _BOOLEANS[value]
    if "addressing_style" in params:
        if params["addressing_style"] not in ("auto", "path", "virtual"):
            raise _error(url, "addressing_style must be auto, path or virtual")
        options["addressing_style"] = params["addressing_style"]
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}
