"""Path converters for URLs that carry database ids."""

from django.urls import register_converter

ID_MAX_DIGITS = 18


class IdConverter:
    """A database id: 1 to 18 ASCII digits, so that it always fits a signed 64-bit integer
    (SQLite's INTEGER, PostgreSQL's bigint). A longer number matches no URL and is a 404
    instead of an OverflowError (SQLite) or a DataError (PostgreSQL)."""

    regex = f"[0-9]{{1,{ID_MAX_DIGITS}}}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))


class SlugConverter:
    """A page or tag slug as Wagtail allows it: Unicode letters, digits, "-" and "_" (Django's
    `slug` converter is ASCII only, and `str` lets through the NUL that PostgreSQL refuses)."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def register():
    register_converter(IdConverter, "id")
    register_converter(SlugConverter, "uslug")
