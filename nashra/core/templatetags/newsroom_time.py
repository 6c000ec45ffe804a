"""`{% load newsroom_time %}{{ when|newsroom_and_utc }}` for admin templates (see
nashra.core.newsroom_time)."""

from django import template

from nashra.core.newsroom_time import newsroom_and_utc as _newsroom_and_utc

register = template.Library()


@register.filter
def newsroom_and_utc(value):
    return _newsroom_and_utc(value)
