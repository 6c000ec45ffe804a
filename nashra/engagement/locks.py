"""One decision at a time: a count (or a lookup) and the insert that depends on it must not
interleave with another request's, or a cap of 10 stores 17 and a double submit stores twice.

Call `serialize(...)` first thing inside `transaction.atomic()`; the lock is held until the
transaction ends, so the next request's count sees this one's insert.

- PostgreSQL: a transaction-scoped advisory lock on a 64-bit hash of the parts. Only requests
  deciding the same thing wait for each other (a hash collision costs a short wait, nothing
  more); read committed then shows each statement what the previous holder committed.
- SQLite: nothing more to do. Nashra begins every transaction IMMEDIATE
  (nashra/settings/database.py), which takes the database's single write lock at BEGIN, so
  transactions that write are already serialized, and each one's reads see the last commit.
"""

import hashlib

from django.core.exceptions import ImproperlyConfigured
from django.db import connections


def serialize(*parts, using="default"):
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("serialize() only holds inside transaction.atomic()")
    if connection.vendor == "postgresql":
        digest = hashlib.blake2b(repr(parts).encode(), digest_size=8).digest()
        key = int.from_bytes(digest, "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
    elif connection.vendor == "sqlite":
        if connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") != "IMMEDIATE":
            raise ImproperlyConfigured(
                "SQLite must begin transactions IMMEDIATE (nashra.settings.database)"
            )
    else:
        raise ImproperlyConfigured(f"No way to serialize decisions on {connection.vendor}")
