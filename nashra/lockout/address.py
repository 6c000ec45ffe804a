"""The address django-axes records: a keyed pseudonym, never the client's address itself.

axes keeps an address on every failed and successful sign-in (a GenericIPAddressField,
`inet` on PostgreSQL). Nashra stores no raw addresses, so axes is given an IPv6 unique-local
address (fd00::/8) made from an HMAC of the real one under a key derived from SECRET_KEY:
the same client always maps to the same pseudonym, so lockouts and "known address" checks
work, while the table holds nothing that routes anywhere or reads back without the key.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings

from nashra.core.client import client_address


def _key():
    return hashlib.sha256(f"{settings.SECRET_KEY}:lockout-address".encode()).digest()


def pseudonym(address):
    digest = hmac.new(_key(), address.encode(), hashlib.sha256).digest()
    return str(ipaddress.IPv6Address(b"\xfd" + digest[:15]))


def pseudonymous_address(request):
    """AXES_CLIENT_IP_CALLABLE: the pseudonym of the client's address, or None when the
    trusted proxy header is configured but missing (the address is then unknown: attempts
    count per account only, and the proxy's own address is never locked out)."""
    address = client_address(request)
    return pseudonym(address) if address else None
