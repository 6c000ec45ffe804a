"""Where uploaded exports are kept: settings.NASHRA_IMPORT_ROOT, a private directory outside
the public media (an export holds e-mail addresses, drafts and private posts), readable by
the site's own user only."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CHUNK = 1 << 20


def import_root():
    root = Path(settings.NASHRA_IMPORT_ROOT).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    if root == media or media in root.parents:
        raise ImproperlyConfigured(
            "NASHRA_IMPORT_ROOT must not be inside MEDIA_ROOT: exports would be public."
        )
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(root, 0o700)  # mkdir's mode is cut by the umask, and an existing one kept its own
    return root


def store_upload(uploaded):
    """Write an uploaded file under a random name, mode 0600; returns its path."""
    path = import_root() / f"{secrets.token_hex(16)}.xml"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in uploaded.chunks(CHUNK):
            out.write(chunk)
    os.chmod(path, 0o600)
    return str(path)


def delete_stored(path):
    """Remove a stored export; only ever a file directly under the import root."""
    if not path:
        return
    target = Path(path).resolve()
    if target.parent != import_root():
        return
    target.unlink(missing_ok=True)
