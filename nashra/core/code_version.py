"""A short name for the code this process runs, for the cache namespace.

Cached pages and values are pickles of Nashra's objects, rendered by its templates with its
static files: a deploy can change their shape or what they should show. Entries are kept under
a namespace named after the code that wrote them, so a process never reads another version's.

The name is the operator's (NASHRA_CODE_VERSION, e.g. the git revision being deployed) or else
a digest of the installed code: the nashra package's files (Python, templates, static files;
not its tests), the compiled translations, and the versions of Python, Django and Wagtail.
"""

import hashlib
import platform
import re
from functools import cache as memoize
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

import nashra

# It starts cache keys, in Redis and in nginx's configuration: no spaces, quotes or braces.
SAFE_NAME = re.compile(r"[A-Za-z0-9._-]{1,64}")
SKIPPED_DIRECTORIES = {"tests", "__pycache__"}
SKIPPED_SUFFIXES = {".pyc", ".pyo"}


def code_version():
    """The operator's name for this code, else the digest of it."""
    given = str(getattr(settings, "NASHRA_CODE_VERSION", "") or "")
    if not given:
        return installed_code_digest()
    if not SAFE_NAME.fullmatch(given):
        raise ImproperlyConfigured(
            "NASHRA_CODE_VERSION may hold 1 to 64 letters, digits, dots, dashes and underscores"
        )
    return given


@memoize
def installed_code_digest():
    digest = hashlib.blake2b(digest_size=6)
    for line in _runtime():
        digest.update(line.encode() + b"\n")
    for root in _roots():
        for path in sorted(_files(root)):
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _runtime():
    # The release, not sys.version: that names the build (date, compiler), which differs
    # between servers running the same Python.
    yield f"{platform.python_implementation()} {platform.python_version()}"
    for distribution in ("Django", "wagtail"):
        try:
            yield f"{distribution}=={metadata.version(distribution)}"
        except metadata.PackageNotFoundError:
            yield f"{distribution} not installed"


def _roots():
    yield Path(nashra.__file__).resolve().parent
    for locale in getattr(settings, "LOCALE_PATHS", ()):
        if Path(locale).is_dir():
            yield Path(locale).resolve()


def _files(root):
    for path in root.rglob("*"):
        relative = path.relative_to(root).parts
        if SKIPPED_DIRECTORIES.intersection(relative[:-1]) or not path.is_file():
            continue
        if path.suffix in SKIPPED_SUFFIXES or (root.name == "locale" and path.suffix != ".mo"):
            continue
        yield path
