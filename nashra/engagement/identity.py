"""Who a reader is, without storing who they are.

A reader is known by a random id in a signed cookie, and by a keyed hash of their address
that changes every day (the key mixes SECRET_KEY with the date), so the same address cannot
be linked across days and the address itself is never stored.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core import signing
from django.utils import timezone

from nashra.core.client import client_address

COOKIE_NAME = "nashra_reader"
COOKIE_SALT = "nashra.engagement.reader"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365


def address_hash(request, day=None):
    day = day or timezone.now().date()
    key = hashlib.sha256(f"{settings.SECRET_KEY}:address:{day.isoformat()}".encode()).digest()
    return hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()


def reader_key(request):
    """The reader's id from their signed cookie, or None for a first visit or a forged cookie."""
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return None
    try:
        return signing.loads(raw, salt=COOKIE_SALT)
    except signing.BadSignature:
        return None


def ensure_reader_key(request):
    key = reader_key(request)
    if key is None:
        key = new_reader_key()
        request._nashra_new_reader_key = key
    return key


def new_reader_key():
    return secrets.token_urlsafe(16)


def remember_reader(request, response):
    """Set the signed cookie when this request created the reader's id."""
    key = getattr(request, "_nashra_new_reader_key", None)
    if key:
        response.set_cookie(
            COOKIE_NAME,
            signing.dumps(key, salt=COOKIE_SALT),
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def within_limit(request, scope, limit, window_seconds):
    from . import ratelimit

    return ratelimit.hit(scope, address_hash(request), limit, window_seconds)
