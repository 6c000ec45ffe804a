"""The client's address as Nashra sees it, one rule for every feature that needs it."""

from django.conf import settings


def client_address(request):
    """The address the request came from, or "" when it cannot be known.

    Behind a trusted proxy (nginx, a CDN) set NASHRA_TRUSTED_PROXY_HEADER, e.g.
    "HTTP_X_FORWARDED_FOR". Only the right-most entry was written by our proxy; anything to
    its left came from the client and could be forged. When the header is configured but
    missing, the request did not come through the proxy as expected: REMOTE_ADDR is then
    most likely the proxy itself, shared by every reader, so it is not returned as theirs.
    """
    header = getattr(settings, "NASHRA_TRUSTED_PROXY_HEADER", "")
    if not header:
        return request.META.get("REMOTE_ADDR", "")
    return request.META.get(header, "").split(",")[-1].strip()
