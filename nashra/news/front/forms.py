"""The front page's admin form: a layout may only show stories of its own edition."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from nashra.core.forms import ContentDirectionPageForm

STORY_FIELDS = ("stories", "pinned", "related", "section")


def edition_errors(locale_id, layout):
    """The layout's blocks that name a story of another edition, as the StreamField's error
    (in the admin's language), or None."""
    from wagtail.models import Page

    wanted = {}
    for index, child in enumerate(layout or []):
        value = child.value
        for name in STORY_FIELDS:
            if name not in getattr(child.block, "child_blocks", {}):
                continue
            chosen = value.get(name)
            pages = list(chosen) if name in ("stories", "related") else [chosen]
            for page in pages:
                if page is not None:
                    wanted.setdefault(page.pk, []).append((index, name))
    if not wanted:
        return None
    other = Page.objects.filter(pk__in=wanted).exclude(locale_id=locale_id)
    errors = {}
    for page in other.select_related("locale"):
        for index, name in wanted[page.pk]:
            message = (
                _(
                    "“%(title)s” is a section of another edition (%(language)s): choose a "
                    "section of this one."
                )
                if name == "section"
                else _(
                    "“%(title)s” belongs to another edition (%(language)s): choose a story "
                    "of this one."
                )
            ) % {"title": page.title, "language": page.locale.get_display_name()}
            errors.setdefault(index, {})[name] = ValidationError(message)
    if not errors:
        return None
    return StreamBlockValidationError(
        block_errors={i: StructBlockValidationError(block_errors=e) for i, e in errors.items()}
    )


class FrontPageForm(ContentDirectionPageForm):
    def clean(self):
        cleaned = super().clean()
        layout = cleaned.get("layout")
        if layout is not None and self.instance.locale_id:
            error = edition_errors(self.instance.locale_id, layout)
            if error is not None:
                self.add_error("layout", error)
        return cleaned
