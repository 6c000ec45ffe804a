"""What a posted form must be before any field of it is read: form data (not JSON), valid
UTF-8 throughout, and no larger than we can read back. Browsers always send that; anything
else is refused with a message in the reader's language, never stored changed."""

from functools import wraps
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import JsonResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class FormRefused(Exception):
    """`salvaged`: the fields as far as they could be read (unreadable bytes shown as �), to
    give the reader their text back; None when nothing could be read."""

    def __init__(self, message, status=400, salvaged=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.salvaged = salvaged


def _too_large(limit):
    return FormRefused(
        _(
            "What you sent is larger than we can read (%(size)s KB at most), so nothing was "
            "saved. A comment can be up to %(length)s characters."
        )
        % {"size": limit // 1024, "length": settings.NASHRA_COMMENT_MAX_LENGTH},
        status=413,
    )


def _not_utf8(salvaged):
    return FormRefused(
        _(
            "Part of what you sent is not readable text (it is not valid UTF-8), so nothing was "
            "saved. The unreadable places are marked with �: please correct them and send again."
        ),
        salvaged=salvaged,
    )


def _length(request):
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def read_form(request, max_bytes=None):
    """The posted fields, checked (see the module's docstring); also set as `request.POST`.

    `max_bytes`: a larger limit than DATA_UPLOAD_MAX_MEMORY_SIZE for a form-encoded body,
    for a form whose reader must get an over-long text back to shorten it."""
    content_type, length = request.content_type, _length(request)
    if content_type not in FORM_TYPES:
        if length == 0:
            return QueryDict()
        raise FormRefused(
            _(
                "This address takes a form sent the way a browser sends it "
                "(application/x-www-form-urlencoded or multipart/form-data), not %(type)s. "
                "Nothing was saved."
            )
            % {"type": content_type or _("a body without a type")},
            status=415,
        )
    django_limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    limit = (
        django_limit if content_type != FORM_TYPES[0] else max(max_bytes or 0, django_limit or 0)
    )
    if limit and length > limit:
        raise _too_large(limit)
    try:
        if django_limit is None or length <= django_limit:
            raw = request.body
        else:  # the larger limit: read past Django's own, once, and keep it as the body
            raw = request._body = request.read(length)
    except RequestDataTooBig:
        raise _too_large(limit) from None
    if content_type == FORM_TYPES[1]:
        # Django's multipart parser reads unreadable bytes as �; our forms take no files, so
        # the whole body must be text.
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _not_utf8(request.POST.copy()) from None
        return request.POST
    options = {"keep_blank_values": True, "max_num_fields": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
    try:
        # Both raw bytes and percent-encoded ones must be UTF-8 (Django would read the first
        # as Latin-1 and replace the second with �).
        pairs = parse_qsl(raw.decode("utf-8"), encoding="utf-8", errors="strict", **options)
    except UnicodeDecodeError:
        salvaged = QueryDict(mutable=True)
        try:
            salvage = parse_qsl(raw.decode("utf-8", "replace"), errors="replace", **options)
        except ValueError:
            raise TooManyFieldsSent("More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS.") from None
        for key, value in salvage:
            salvaged.appendlist(key, value)
        raise _not_utf8(salvaged) from None
    except ValueError:
        raise TooManyFieldsSent("More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS.") from None
    data = QueryDict(mutable=True)
    for key, value in pairs:
        data.appendlist(key, value)
    data._mutable = False
    request.POST = data
    return data


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def refused(request, exc):
    """The answer to a refused form: JSON for our script, else a page saying why."""
    if wants_json(request):
        return JsonResponse(
            {"ok": False, "message": exc.message},
            status=exc.status,
            json_dumps_params={"ensure_ascii": False},
        )
    return TemplateResponse(
        request, "engagement/form_refused.html", {"message": exc.message}, status=exc.status
    )


def checked_form(view=None, *, max_bytes_setting=None, on_refused=None):
    """Check a POST's body with `read_form` before the view reads a field of it, with the
    limit the setting named `max_bytes_setting` holds (read at each request); a refusal is
    answered by `on_refused(request, exc, *args, **kwargs)`, by default `refused`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST":
                try:
                    limit = getattr(settings, max_bytes_setting) if max_bytes_setting else None
                    read_form(request, max_bytes=limit)
                except FormRefused as exc:
                    if on_refused is not None:
                        return on_refused(request, exc, *args, **kwargs)
                    return refused(request, exc)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator
